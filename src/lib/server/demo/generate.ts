/**
 * The demo trust, its two schools, their staff and pupils, generated deterministically from a seed and
 * "today". Pure: returns plain values and touches nothing; createDemo writes them.
 *
 * Riverside Academy (11–18) has about 1,200 pupils on roll, Hillcrest School (11–16) about 600, and
 * both keep their last three leaver cohorts (Y11 and, at Riverside, Y13 leavers each July) and a few
 * pupils who joined or left mid-year, so past cohorts and destinations have someone to belong to.
 */
import { academicYearStart, enteredYear7For, todayInLondon, yearGroup } from '../../domain/academic-year.ts';
import type { Role, SchoolPhase, TeacherTag } from '../../domain/roles.ts';
import { seededRandom, type Random } from '../../domain/seeded-random.ts';
import { makeUpn, UPN_ALPHABET } from '../../domain/upn.ts';
import { emailPart, HERITAGES, PREFERRED_NAMES, surnameFor, TUTOR_INITIALS, type Heritage } from './names.ts';

export const DEMO_SEED = 'waymark-demo';
/** Every demo account signs in with this password; the demo is for trying Waymark out, never for real data. */
export const DEMO_PASSWORD = 'waymark-demo-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.waymark.school';
/** How many past academic years of leavers the demo keeps. */
export const DEMO_LEAVER_YEARS = 3;

export type DemoOrganisationKey = 'trust' | 'riverside' | 'hillcrest';

export type DemoOrganisation = {
	key: DemoOrganisationKey;
	kind: 'school' | 'trust';
	name: string;
	urn: string | null;
	phase: SchoolPhase | null;
	lowestYear: number | null;
	highestYear: number | null;
};

export type DemoMembership = {
	organisation: DemoOrganisationKey;
	roles: Role[];
	tags: TeacherTag[];
	jobTitle: string;
};

export type DemoPerson = {
	/** Lower case, on DEMO_EMAIL_DOMAIN. */
	email: string;
	name: string;
	adviserLevel: number | null;
	memberships: DemoMembership[];
};

export type DemoPupil = {
	school: DemoOrganisationKey;
	upn: string;
	legalSurname: string;
	legalForename: string;
	preferredForename: string | null;
	/** YYYY-MM-DD */
	dateOfBirth: string;
	gender: 'M' | 'F';
	enteredYear7: number;
	regGroup: string;
	senProvision: 'E' | 'K' | 'N';
	fsmEligible: boolean;
	ever6Fsm: boolean;
	pupilPremium: boolean;
	eal: boolean;
	lookedAfter: boolean;
	ethnicity: string;
	attendancePercent: number;
	admissionDate: string;
	leavingDate: string | null;
	email: string;
};

export type DemoSignInPlan = { role: Role; email: string; organisations: DemoOrganisationKey[] };

export type DemoData = {
	seed: string;
	today: string;
	/** Start year of the current academic year. */
	academicYear: number;
	organisations: DemoOrganisation[];
	/** Trust → school links. */
	groupSchools: Array<{ group: DemoOrganisationKey; school: DemoOrganisationKey }>;
	people: DemoPerson[];
	pupils: DemoPupil[];
	/** One account per role, for the sign-in list the server prints. */
	signIns: DemoSignInPlan[];
};

// ---- dates -------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

/** First Wednesday on or after 1 September: when the demo schools' autumn term starts. */
function termStart(year: number): string {
	let day = toDay(`${year}-09-01`);
	while (weekday(day) !== 3) day++;
	return fromDay(day);
}

/** The Friday on or before 22 July that the summer term ends; leavers leave then. */
function summerTermEnd(year: number): string {
	let day = toDay(`${year}-07-22`);
	while (weekday(day) !== 5) day--;
	return fromDay(day);
}

/** Monday to Friday in term time (roughly: not the summer or Christmas holidays). */
function isSchoolDay(day: number): boolean {
	const wd = weekday(day);
	if (wd < 1 || wd > 5) return false;
	const iso = fromDay(day);
	const year = Number(iso.slice(0, 4));
	if (iso > summerTermEnd(year) && iso < termStart(year)) return false;
	const monthDay = iso.slice(5);
	return monthDay <= '12-20' && monthDay >= '01-04';
}

/** A school day between two dates inclusive, or undefined when there is none. */
function schoolDayBetween(random: Random, from: string, to: string): string | undefined {
	const start = toDay(from);
	const end = toDay(to);
	if (end < start) return undefined;
	for (let attempt = 0; attempt < 20; attempt++) {
		const day = random.int(start, end);
		if (isSchoolDay(day)) return fromDay(day);
	}
	for (let day = start; day <= end; day++) {
		if (isSchoolDay(day)) return fromDay(day);
	}
	return undefined;
}

function minDate(a: string, b: string): string {
	return a < b ? a : b;
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}

// ---- schools -----------------------------------------------------------------------------------------

type SchoolPlan = {
	key: 'riverside' | 'hillcrest';
	highestYear: 11 | 13;
	/** Pupils per year group in Y7–Y11. */
	cohortSize: readonly [number, number];
	formsPerYear: number;
	/** Sixth form: chance a Y11 pupil without SEN or FSM stays on, joiners from other schools and tutor groups per year. */
	sixthForm?: { stayOn: number; externals: readonly [number, number]; groups: number };
	/** Establishment numbers (local authority 999, a made-up one) of the primary schools that issued the UPNs. */
	feeders: readonly number[];
	/** This school's own establishment number, for the temporary UPNs it issues. */
	establishment: number;
	pupilEmailDomain: string;
	/** Share of each cohort who arrive mid-year. */
	inYearAdmissions: number;
};

const RIVERSIDE: SchoolPlan = {
	key: 'riverside',
	highestYear: 13,
	cohortSize: [190, 202],
	formsPerYear: 7,
	sixthForm: { stayOn: 0.6, externals: [28, 38], groups: 5 },
	feeders: [2003, 2011, 2017, 2024, 2031, 2038, 2042, 2056, 2060, 2071, 2085, 2093],
	establishment: 4001,
	pupilEmailDomain: 'pupils.riverside.example',
	inYearAdmissions: 0.06
};

const HILLCREST: SchoolPlan = {
	key: 'hillcrest',
	highestYear: 11,
	cohortSize: [120, 128],
	formsPerYear: 4,
	feeders: [2060, 2071, 2102, 2114, 2125, 2133, 2147],
	establishment: 4002,
	pupilEmailDomain: 'pupils.hillcrest.example',
	inYearAdmissions: 0.05
};

/** Local authority numbers used in UPNs: ours (made up, so no real pupil can match) and two neighbours. */
const HOME_LA = 999;
const OTHER_LAS = [998, 997] as const;

const ORGANISATIONS: DemoOrganisation[] = [
	{
		key: 'trust',
		kind: 'trust',
		name: 'Riverside Learning Trust',
		urn: null,
		phase: null,
		lowestYear: null,
		highestYear: null
	},
	{
		key: 'riverside',
		kind: 'school',
		name: 'Riverside Academy',
		urn: '999001',
		phase: 'secondary',
		lowestYear: 7,
		highestYear: 13
	},
	{
		key: 'hillcrest',
		kind: 'school',
		name: 'Hillcrest School',
		urn: '999002',
		phase: 'secondary',
		lowestYear: 7,
		highestYear: 11
	}
];

// ---- staff ---------------------------------------------------------------------------------------------

function demoEmail(local: string): string {
	return `${local}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * Riverside follows seed 000's "middle leader with senior leader support" model; Hillcrest's careers
 * leader is a support-staff careers co-ordinator; the trust has a trust-wide careers lead. The Level 6
 * careers adviser is commissioned by both schools, so she can switch between them.
 */
function demoPeople(): DemoPerson[] {
	return [
		{
			email: demoEmail('careers.leader'),
			name: 'Hannah Okafor',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['careers-leader', 'teacher'],
					tags: ['subject-leader'],
					jobTitle: 'Careers Leader and Head of PSHE'
				}
			]
		},
		{
			email: demoEmail('senior.leader'),
			name: 'David Marsh',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['senior-leader'],
					tags: [],
					jobTitle: 'Deputy Headteacher, SLT lead for careers'
				}
			]
		},
		{
			email: demoEmail('governor'),
			name: 'Margaret Ellis',
			adviserLevel: null,
			memberships: [
				{ organisation: 'riverside', roles: ['link-governor'], tags: [], jobTitle: 'Link governor for careers' }
			]
		},
		{
			email: demoEmail('careers.admin'),
			name: 'Joanne Price',
			adviserLevel: null,
			memberships: [
				{ organisation: 'riverside', roles: ['careers-administrator'], tags: [], jobTitle: 'Careers Administrator' }
			]
		},
		{
			email: demoEmail('careers.adviser'),
			name: 'Siân Roberts',
			adviserLevel: 6,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['careers-adviser'],
					tags: [],
					jobTitle: 'Level 6 qualified careers adviser'
				},
				{
					organisation: 'hillcrest',
					roles: ['careers-adviser'],
					tags: [],
					jobTitle: 'Level 6 qualified careers adviser (commissioned, Thursdays)'
				}
			]
		},
		{
			email: demoEmail('assistant.adviser'),
			name: 'Tomasz Nowak',
			adviserLevel: 4,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['careers-adviser'],
					tags: [],
					jobTitle: 'Careers adviser (Level 4, working towards Level 6)'
				}
			]
		},
		{
			email: demoEmail('teacher'),
			name: 'Imran Hussain',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['teacher'],
					tags: ['subject-leader', 'tutor'],
					jobTitle: 'Head of Mathematics and Year 9 tutor'
				}
			]
		},
		{
			email: demoEmail('science.lead'),
			name: 'Łukasz Zieliński',
			adviserLevel: null,
			memberships: [
				{ organisation: 'riverside', roles: ['teacher'], tags: ['subject-leader'], jobTitle: 'Head of Science' }
			]
		},
		{
			email: demoEmail('tutor'),
			name: 'Zoë Clarke',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['teacher'],
					tags: ['tutor'],
					jobTitle: 'Teacher of English and Year 10 tutor'
				}
			]
		},
		{
			email: demoEmail('senco'),
			name: 'Claire Whitfield',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['teacher'],
					tags: ['senco'],
					jobTitle: 'Special Educational Needs Co-ordinator (SENCO)'
				}
			]
		},
		{
			email: demoEmail('head.of.sixth'),
			name: 'Femi Adeyemi',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'riverside',
					roles: ['teacher'],
					tags: ['head-of-sixth', 'tutor'],
					jobTitle: 'Head of Sixth Form'
				}
			]
		},
		{
			email: demoEmail('trust.lead'),
			name: 'Rachel Goldberg',
			adviserLevel: null,
			memberships: [{ organisation: 'trust', roles: ['group-lead'], tags: [], jobTitle: 'Trust Careers Lead' }]
		},
		{
			email: demoEmail('hillcrest.leader'),
			name: 'Aisha Rahman',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'hillcrest',
					roles: ['careers-leader'],
					tags: [],
					jobTitle: 'Careers Co-ordinator (support staff)'
				}
			]
		},
		{
			email: demoEmail('hillcrest.senior'),
			name: 'Gareth Pritchard',
			adviserLevel: null,
			memberships: [
				{
					organisation: 'hillcrest',
					roles: ['senior-leader'],
					tags: [],
					jobTitle: 'Assistant Headteacher, line manager for careers'
				}
			]
		}
	];
}

const SIGN_INS: DemoSignInPlan[] = [
	{ role: 'careers-leader', email: demoEmail('careers.leader'), organisations: ['riverside'] },
	{ role: 'senior-leader', email: demoEmail('senior.leader'), organisations: ['riverside'] },
	{ role: 'link-governor', email: demoEmail('governor'), organisations: ['riverside'] },
	{ role: 'careers-administrator', email: demoEmail('careers.admin'), organisations: ['riverside'] },
	{ role: 'careers-adviser', email: demoEmail('careers.adviser'), organisations: ['riverside', 'hillcrest'] },
	{ role: 'teacher', email: demoEmail('teacher'), organisations: ['riverside'] },
	{ role: 'group-lead', email: demoEmail('trust.lead'), organisations: ['trust'] }
];

// ---- pupils ---------------------------------------------------------------------------------------------

/**
 * Hands out unique UPNs. Each pupil asks with their own random stream and a clash moves on to the next
 * free serial, so one pupil appearing or not (an in-year arrival not here yet) never changes anyone
 * else's UPN.
 */
class UpnRegistry {
	private readonly taken = new Set<string>();

	/** A permanent UPN issued by a school (local authority + establishment) in `yearOfIssue`. */
	permanent(random: Random, la: number, establishment: number, yearOfIssue: number): string {
		return this.claim(random.int(1, 180), 1, 999, (n) =>
			makeUpn({ la, establishment, yearOfIssue, serial: String(n).padStart(3, '0') })
		);
	}

	/** A temporary UPN issued by one of our schools: the serial is two digits and a letter. */
	temporary(random: Random, establishment: number, yearOfIssue: number): string {
		const letters = UPN_ALPHABET.length;
		return this.claim(random.int(0, 99 * letters), 0, 100 * letters - 1, (n) => {
			const serial = `${String(Math.floor(n / letters)).padStart(2, '0')}${UPN_ALPHABET.charAt(n % letters)}`;
			return makeUpn({ la: HOME_LA, establishment, yearOfIssue, serial });
		});
	}

	private claim(first: number, low: number, high: number, make: (n: number) => string): string {
		const size = high - low + 1;
		for (let i = 0; i < size; i++) {
			const upn = make(low + ((first - low + i) % size));
			if (!this.taken.has(upn)) {
				this.taken.add(upn);
				return upn;
			}
		}
		throw new Error('Ran out of demo UPN serials');
	}
}

type Traits = Omit<
	DemoPupil,
	'school' | 'enteredYear7' | 'regGroup' | 'admissionDate' | 'leavingDate' | 'upn' | 'email' | 'attendancePercent'
>;
type Person = { heritage: Heritage; traits: Traits };

function makePerson(random: Random, enteredYear7: number): Person {
	const heritage = random.weighted(HERITAGES.map((h) => [h, h.weight] as const));
	const gender: 'M' | 'F' = random.chance(0.51) ? 'M' : 'F';
	const forename = random.pick(gender === 'M' ? heritage.male : heritage.female);
	const surname = surnameFor(random.pick(heritage.surnames), gender);
	const nickname = PREFERRED_NAMES[forename];
	const preferredForename = nickname && random.chance(0.6) ? nickname : null;
	// Born 1 September to 31 August, the year before they start Year 7 aged 11.
	const born = random.int(toDay(`${enteredYear7 - 12}-09-01`), toDay(`${enteredYear7 - 11}-08-31`));

	const lookedAfter = random.chance(0.011);
	const senRoll = random.next();
	const boy = gender === 'M';
	const ehcp = (boy ? 0.038 : 0.018) + (lookedAfter ? 0.1 : 0);
	const support = (boy ? 0.17 : 0.125) + (lookedAfter ? 0.25 : 0);
	const senProvision: 'E' | 'K' | 'N' = senRoll < ehcp ? 'E' : senRoll < ehcp + support ? 'K' : 'N';
	const fsmEligible = random.chance(lookedAfter ? 0.4 : 0.265);
	const ever6Fsm = fsmEligible || random.chance(0.06);
	const traits: Traits = {
		legalSurname: surname,
		legalForename: forename,
		preferredForename,
		dateOfBirth: fromDay(born),
		gender,
		senProvision,
		fsmEligible,
		ever6Fsm,
		pupilPremium: ever6Fsm || lookedAfter,
		eal: random.chance(heritage.eal),
		lookedAfter,
		ethnicity: random.weighted(heritage.ethnicity)
	};
	return { heritage, traits };
}

/** Attendance this year: most pupils 93–99 %, a persistent-absence tail (under 90 %) down to about 60 %. */
function attendanceFor(random: Random, person: Traits, year: number): number {
	const band = random.next();
	let absence: number;
	if (band < 0.7) absence = random.float(0.5, 7);
	else if (band < 0.85) absence = random.float(7, 10);
	else if (band < 0.96) absence = random.float(10, 20);
	else absence = random.float(20, 40);
	if (person.senProvision === 'E') absence += 2.5;
	if (person.senProvision === 'K') absence += 1.5;
	if (person.fsmEligible) absence += 2;
	if (year >= 10) absence += 0.8;
	return round1(Math.min(100, Math.max(58, 100 - absence)));
}

/** Likelihood of staying on into the sixth form: lower for disadvantaged pupils and pupils with SEN. */
function stayOnChance(sixth: NonNullable<SchoolPlan['sixthForm']>, p: Traits): number {
	let stay = sixth.stayOn;
	if (p.fsmEligible) stay -= 0.15;
	if (p.senProvision === 'K') stay -= 0.15;
	if (p.senProvision === 'E') stay -= 0.3;
	return stay;
}

/** Tutor groups for one cohort: tutors move up the school with their forms, as many schools do. */
function formsFor(random: Random, count: number): string[] {
	return random.shuffle(TUTOR_INITIALS).slice(0, count);
}

type UpnSource = 'feeder' | 'elsewhere' | 'temporary';

type Placement = {
	enteredYear7: number;
	admissionDate: string;
	leavingDate: string | null;
	/** Year group the pupil is in now, or was in when they left. */
	finalYear: number;
	form: string;
	upnSource: UpnSource;
};

type SchoolContext = {
	plan: SchoolPlan;
	upns: UpnRegistry;
	emails: Set<string>;
	pupils: DemoPupil[];
};

function pupilEmail(ctx: SchoolContext, forename: string, surname: string): string {
	const domain = ctx.plan.pupilEmailDomain;
	const base = `${emailPart(forename)}.${emailPart(surname)}`;
	let email = `${base}@${domain}`;
	for (let n = 2; ctx.emails.has(email); n++) email = `${base}${n}@${domain}`;
	ctx.emails.add(email);
	return email;
}

/** Adds a pupil; `random` is the pupil's own stream, so what is drawn here touches nobody else. */
function addPupil(ctx: SchoolContext, random: Random, person: Person, placement: Placement): void {
	const { plan } = ctx;
	const yearOfIssue = placement.enteredYear7 - 7; // issued on entry to Reception
	let upn: string;
	if (placement.upnSource === 'temporary') {
		upn = ctx.upns.temporary(random, plan.establishment, Number(placement.admissionDate.slice(0, 4)));
	} else if (placement.upnSource === 'elsewhere') {
		upn = ctx.upns.permanent(random, random.pick(OTHER_LAS), random.int(2001, 2199), yearOfIssue);
	} else {
		upn = ctx.upns.permanent(random, HOME_LA, random.pick(plan.feeders), yearOfIssue);
	}
	const traits = person.traits;
	ctx.pupils.push({
		school: plan.key,
		upn,
		...traits,
		enteredYear7: placement.enteredYear7,
		regGroup: `${placement.finalYear}${placement.form}`,
		attendancePercent: attendanceFor(random, traits, placement.finalYear),
		admissionDate: placement.admissionDate,
		leavingDate: placement.leavingDate,
		email: pupilEmail(ctx, traits.preferredForename ?? traits.legalForename, traits.legalSurname)
	});
}

type SixthFormer = {
	random: Random;
	person: Person;
	admissionDate: string;
	upnSource: UpnSource;
	dropOutDate: string | null;
};

/**
 * Every pupil has their own random stream (forked from the cohort's), and draws everything — including
 * dates that lie in the future — before anything depends on today. So the same people appear every day
 * and every year: this year's Year 7 are next year's Year 8, an in-year arrival appears on the day they
 * join, and a leaver's record gains its leaving date on the day they leave.
 */
function generateSchoolPupils(plan: SchoolPlan, random: Random, upns: UpnRegistry, today: string): DemoPupil[] {
	const ctx: SchoolContext = { plan, upns, emails: new Set(), pupils: [] };
	const current = academicYearStart(today);
	const oldestLeaverYear = current - DEMO_LEAVER_YEARS;
	const kept = (leavingDate: string) => leavingDate <= today && academicYearStart(leavingDate) >= oldestLeaverYear;
	const sixth = plan.sixthForm;

	// From the oldest cohort with leavers still kept (Y13, or Y11 at an 11–16 school, three years ago) to this year's Year 7.
	const firstCohort = enteredYear7For(plan.highestYear, oldestLeaverYear);
	const lastCohort = enteredYear7For(7, current);

	for (let cohort = firstCohort; cohort <= lastCohort; cohort++) {
		const r = random.fork(`${plan.key}/cohort/${cohort}`);
		const nowIn = yearGroup(cohort, current);
		const mainForms = formsFor(r, plan.formsPerYear);
		const size = r.int(...plan.cohortSize);
		const movers = r.int(2, 5);
		const sixthForms = sixth ? formsFor(r, sixth.groups) : [];
		const externals = sixth ? r.int(...sixth.externals) : 0;
		const y11Leave = summerTermEnd(cohort + 5);
		const sixthFormers: SixthFormer[] = [];
		const dropOutDate = (pr: Random) => {
			const leaves = pr.chance(0.025);
			const date = schoolDayBetween(pr, `${cohort + 5}-10-01`, `${cohort + 6}-03-31`) ?? null;
			return leaves ? date : null;
		};

		// Years 7–11.
		for (let i = 0; i < size; i++) {
			const pr = r.fork(`pupil/${i}`);
			const person = makePerson(pr, cohort);
			const form = mainForms[i % mainForms.length] as string;
			const arrivesMidYear = pr.chance(plan.inYearAdmissions);
			const arrivalYear = pr.int(cohort, cohort + 4);
			const arrival = schoolDayBetween(pr, `${arrivalYear}-09-20`, `${arrivalYear + 1}-07-10`) as string;
			const fromElsewhere = pr.chance(0.03);
			const fromAbroad = person.traits.eal && person.heritage.key !== 'british' && pr.chance(0.25);
			const staysOn = sixth ? pr.chance(stayOnChance(sixth, person.traits)) : false;
			const dropOut = dropOutDate(pr);

			let admissionDate = minDate(termStart(cohort), today);
			let upnSource: UpnSource = fromElsewhere ? 'elsewhere' : 'feeder';
			if (arrivesMidYear) {
				if (arrival > today) continue; // not here yet
				admissionDate = arrival;
				upnSource = fromAbroad ? 'temporary' : 'elsewhere';
			}
			if (nowIn <= 11) {
				addPupil(ctx, pr, person, {
					enteredYear7: cohort,
					admissionDate,
					leavingDate: null,
					finalYear: nowIn,
					form,
					upnSource
				});
			} else if (staysOn) {
				sixthFormers.push({ random: pr, person, admissionDate, upnSource, dropOutDate: dropOut });
			} else if (kept(y11Leave)) {
				addPupil(ctx, pr, person, {
					enteredYear7: cohort,
					admissionDate,
					leavingDate: y11Leave,
					finalYear: 11,
					form,
					upnSource
				});
			}
		}

		// Pupils who moved away during Years 7–11; on roll until the day they go.
		for (let j = 0; j < movers; j++) {
			const pr = r.fork(`mover/${j}`);
			const person = makePerson(pr, cohort);
			const year = pr.int(cohort, cohort + 4);
			const leavingDate = schoolDayBetween(pr, `${year}-10-01`, `${year + 1}-06-30`) as string;
			const form = pr.pick(mainForms);
			const admissionDate = minDate(termStart(cohort), today);
			if (leavingDate > today) {
				if (nowIn <= 11) {
					addPupil(ctx, pr, person, {
						enteredYear7: cohort,
						admissionDate,
						leavingDate: null,
						finalYear: nowIn,
						form,
						upnSource: 'feeder'
					});
				}
			} else if (kept(leavingDate)) {
				const finalYear = yearGroup(cohort, academicYearStart(leavingDate));
				addPupil(ctx, pr, person, {
					enteredYear7: cohort,
					admissionDate,
					leavingDate,
					finalYear,
					form,
					upnSource: 'feeder'
				});
			}
		}

		if (!sixth || nowIn <= 11) continue;

		// The sixth form: stayers and joiners from other schools; a few leave during Year 12, the rest after Year 13.
		for (let k = 0; k < externals; k++) {
			const pr = r.fork(`joiner/${k}`);
			const person = makePerson(pr, cohort);
			const dropOut = dropOutDate(pr);
			sixthFormers.push({
				random: pr,
				person,
				admissionDate: minDate(termStart(cohort + 5), today),
				upnSource: 'elsewhere',
				dropOutDate: dropOut
			});
		}
		sixthFormers.forEach((s, i) => {
			const form = sixthForms[i % sixthForms.length] as string;
			let leavingDate: string | null = null;
			let finalYear = Math.min(nowIn, 13);
			if (s.dropOutDate && s.dropOutDate <= today) {
				leavingDate = s.dropOutDate;
				finalYear = yearGroup(cohort, academicYearStart(s.dropOutDate));
			} else if (nowIn > 13) {
				leavingDate = summerTermEnd(cohort + 7);
				finalYear = 13;
			}
			if (leavingDate && !kept(leavingDate)) return;
			addPupil(ctx, s.random, s.person, {
				enteredYear7: cohort,
				admissionDate: s.admissionDate,
				leavingDate,
				finalYear,
				form,
				upnSource: s.upnSource
			});
		});
	}
	return ctx.pupils;
}

// ---- the whole demo ---------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The demo's contents for this seed and date. Pure and deterministic: the same inputs give equal output. */
export function generateDemo(seed: string = DEMO_SEED, today: string = todayInLondon()): DemoData {
	if (!ISO_DATE.test(today) || fromDay(toDay(today)) !== today) {
		throw new RangeError(`generateDemo needs today as YYYY-MM-DD; got "${today}".`);
	}
	const random = seededRandom(seed);
	// One registry for both schools, so no UPN appears twice in the trust.
	const upns = new UpnRegistry();
	const pupils = [
		...generateSchoolPupils(RIVERSIDE, random.fork('riverside'), upns, today),
		...generateSchoolPupils(HILLCREST, random.fork('hillcrest'), upns, today)
	];
	return {
		seed,
		today,
		academicYear: academicYearStart(today),
		organisations: ORGANISATIONS.map((o) => ({ ...o })),
		groupSchools: [
			{ group: 'trust', school: 'riverside' },
			{ group: 'trust', school: 'hillcrest' }
		],
		people: demoPeople(),
		pupils,
		signIns: SIGN_INS.map((s) => ({ ...s, organisations: [...s.organisations] }))
	};
}

/** On roll in the academic year: in one of the school's year groups and not left. */
export function isOnRoll(pupil: DemoPupil, academicYear: number, school: DemoOrganisation): boolean {
	const year = yearGroup(pupil.enteredYear7, academicYear);
	return (
		pupil.leavingDate === null &&
		year >= (school.lowestYear ?? 7) &&
		year <= (school.highestYear ?? 13) &&
		pupil.school === school.key
	);
}
