export { createDemo, demoExists, type CreateDemoOptions, type DemoSummary } from './create.ts';
export {
	DEMO_EMAIL_DOMAIN,
	DEMO_LEAVER_YEARS,
	DEMO_PASSWORD,
	DEMO_SEED,
	generateDemo,
	isOnRoll,
	type DemoData,
	type DemoMembership,
	type DemoOrganisation,
	type DemoOrganisationKey,
	type DemoPerson,
	type DemoPupil,
	type DemoSignInPlan
} from './generate.ts';
export {
	DEMO_MAP_SUBJECTS,
	DEMO_PROVIDER_NAME,
	DEMO_TRAINEE_EMAIL,
	DEMO_TUTOR_EMAIL,
	demoMapCareerTitles,
	generateDemoDevelopment,
	type DemoDevelopment
} from './development.ts';
