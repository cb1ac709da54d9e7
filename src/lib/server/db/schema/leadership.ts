import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	numeric,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { users } from './people.ts';

/** Who does each of the careers leader's 21 tasks (seed 000), with hours a week. One person per task. */
export const leadershipTaskAssignments = pgTable(
	'leadership_task_assignments',
	{
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** Stable id from src/lib/domain/leadership.ts, e.g. "plan-schemes-of-work". */
		taskId: text('task_id').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1, mode: 'number' }).notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.schoolId, t.taskId] }),
		check('hours_0_to_60', sql`${t.hoursPerWeek} between 0 and 60`)
	]
);

/** The school's careers leadership model (seed 000's six). */
export const leadershipModels = pgTable('leadership_models', {
	schoolId: uuid('school_id')
		.primaryKey()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	modelId: text('model_id').notNull(),
	note: text('note'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A dated self-rating of the four conditions for success, 1–5 each. */
export const conditionRatings = pgTable(
	'condition_ratings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		ratedOn: date('rated_on').notNull(),
		clarityOfRoles: smallint('clarity_of_roles').notNull(),
		authorityAndPower: smallint('authority_and_power').notNull(),
		timeAndResources: smallint('time_and_resources').notNull(),
		expertise: smallint('expertise').notNull(),
		comment: text('comment'),
		ratedBy: uuid('rated_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('condition_ratings_school').on(t.schoolId, t.ratedOn),
		check(
			'ratings_1_to_5',
			sql`${t.clarityOfRoles} between 1 and 5 and ${t.authorityAndPower} between 1 and 5 and ${t.timeAndResources} between 1 and 5 and ${t.expertise} between 1 and 5`
		)
	]
);

/** A person's careers CPD: short course, accredited qualification or community of practice. */
export const cpdRecords = pgTable(
	'cpd_records',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** short-course | qualification | community-of-practice */
		kind: text('kind').notNull(),
		title: text('title').notNull(),
		provider: text('provider'),
		startDate: date('start_date'),
		endDate: date('end_date'),
		accredited: boolean('accredited').notNull().default(false),
		evidence: text('evidence'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('cpd_records_school_user').on(t.schoolId, t.userId)]
);

/**
 * The school's published careers information (statutory), shown at /careers/[urn] without sign-in.
 * Built from the data; these are the parts only a person can write.
 */
export const careersInformation = pgTable('careers_information', {
	schoolId: uuid('school_id')
		.primaryKey()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	/** The careers leader named publicly; their name and email come from their account. */
	careersLeaderUserId: uuid('careers_leader_user_id').references(() => users.id, { onDelete: 'set null' }),
	careersLeaderPhone: text('careers_leader_phone'),
	forPupils: text('for_pupils'),
	forParents: text('for_parents'),
	forTeachers: text('for_teachers'),
	forEmployers: text('for_employers'),
	impactMeasurement: text('impact_measurement'),
	nextReviewDate: date('next_review_date'),
	// Provider access policy statement.
	providerRequestAccess: text('provider_request_access'),
	providerContact: text('provider_contact'),
	providerGrantingRefusing: text('provider_granting_refusing'),
	providerSafeguarding: text('provider_safeguarding'),
	providerPremises: text('provider_premises'),
	/** Compliance rule ids whose figures (share of eligible pupils who met them) the public page shows. */
	impactRules: text('impact_rules')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	publishedAt: timestamp('published_at', { withTimezone: true }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
