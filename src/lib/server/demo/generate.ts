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
	/** Sixth form: share of Y11 who stay on, external joiners per year, tutor groups per year. */
	sixthForm?: { stayOn: readonly [number, number]; externals: readonly [number, number]; groups: number };
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
	cohortSize: [184, 196],
	formsPerYear: 7,
	sixthForm: { stayOn: [0.46, 0.54], externals: [28, 38], groups: 5 },
	feeders: [2003, 2011, 2017, 2024, 2031, 2038, 2042, 2056, 2060, 2071, 2085, 2093],
	establishment: 4001,
	pupilEmailDomain: 'pupils.riverside.example',
	inYearAdmissions: 0.06
};

const HILLCREST: SchoolPlan = {
	key: 'hillcrest',
	highestYear: 11,
	cohortSize: [116, 124],
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

/** Issues unique UPNs: serials count up per issuing school and year, as a real school's do. */
class UpnIssuer {
	private readonly next = new Map<string, number>();
	private readonly random: Random;

	constructor(random: Random) {
		this.random = random;
	}

	permanent(la: number, establishment: number, yearOfIssue: number): string {
		const key = `${la}/${establishment}/${yearOfIssue}`;
		const serial = (this.next.get(key) ?? this.random.int(1, 40)) + this.random.int(1, 3);
		this.next.set(key, serial);
		if (serial > 999) throw new Error(`Ran out of UPN serials for ${key}`);
		return makeUpn({ la, establishment, yearOfIssue, serial: String(serial).padStart(3, '0') });
	}

	/** Temporary UPN: two digits and a letter for the serial. */
	temporary(establishment: number, yearOfIssue: number): string {
		const key = `T/${establishment}/${yearOfIssue}`;
		const n = (this.next.get(key) ?? 0) + 1;
		this.next.set(key, n);
		const serial = `${String(Math.floor(n / UPN_ALPHABET.length) + 1).padStart(2, '0')}${UPN_ALPHABET.charAt(n % UPN_ALPHABET.length)}`;
		return makeUpn({ la: HOME_LA, establishment, yearOfIssue, serial });
	}
}

type PupilContext = {
	random: Random;
	upns: UpnIssuer;
	emails: Set<string>;
	plan: SchoolPlan;
};

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
	const ehcp = (boy ? 0.032 : 0.016) + (lookedAfter ? 0.1 : 0);
	const support = (boy ? 0.17 : 0.125) + (lookedAfter ? 0.25 : 0);
	const senProvision: 'E' | 'K' | 'N' = senRoll < ehcp ? 'E' : senRoll < ehcp + support ? 'K' : 'N';
	const fsmEligible = random.chance(lookedAfter ? 0.4 : 0.28);
	const ever6Fsm = fsmEligible || random.chance(0.065);
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

function pupilEmail(ctx: PupilContext, forename: string, surname: string): string {
	const base = `${emailPart(forename)}.${emailPart(surname)}`;
	let email = `${base}@${ctx.plan.pupilEmailDomain}`;
	for (let n = 2; ctx.emails.has(email); n++) email = `${base}${n}@${ctx.plan.pupilEmailDomain}`;
	ctx.emails.add(email);
	return email;
}

/** Tutor groups for one cohort: tutors move up the school with their forms, as many schools do. */
function formsFor(random: Random, count: number): string[] {
	return random.shuffle(TUTOR_INITIALS).slice(0, count);
}

type Placement = {
	enteredYear7: number;
	admissionDate: string;
	leavingDate: string | null;
	/** Year group the pupil is in now, or was in when they left. */
	finalYear: number;
	form: string;
	/** Where the UPN came from. */
	upnSource: 'feeder' | 'elsewhere' | 'temporary';
};

function buildPupil(ctx: PupilContext, person: Person, placement: Placement): DemoPupil {
	const { random, plan } = ctx;
	let upn: string;
	const yearOfIssue = placement.enteredYear7 - 7; // issued on entry to Reception
	if (placement.upnSource === 'temporary') {
		upn = ctx.upns.temporary(plan.establishment, Number(placement.admissionDate.slice(0, 4)));
	} else if (placement.upnSource === 'elsewhere') {
		upn = ctx.upns.permanent(random.pick(OTHER_LAS), random.int(2001, 2199), yearOfIssue);
	} else {
		upn = ctx.upns.permanent(HOME_LA, random.pick(plan.feeders), yearOfIssue);
	}
	const traits = person.traits;
	return {
		school: plan.key,
		upn,
		...traits,
		enteredYear7: placement.enteredYear7,
		regGroup: `${placement.finalYear}${placement.form}`,
		attendancePercent: attendanceFor(random, traits, placement.finalYear),
		admissionDate: placement.admissionDate,
		leavingDate: placement.leavingDate,
		email: pupilEmail(ctx, traits.preferredForename ?? traits.legalForename, traits.legalSurname)
	};
}

/** Where an in-year arrival's UPN comes from: mostly a school elsewhere in England, sometimes abroad (temporary). */
function arrivalUpnSource(random: Random, person: Person): Placement['upnSource'] {
	if (person.traits.eal && person.heritage.key !== 'british' && random.chance(0.25)) return 'temporary';
	return 'elsewhere';
}

function generateSchoolPupils(plan: SchoolPlan, random: Random, upns: UpnIssuer, today: string): DemoPupil[] {
	const ctx: PupilContext = { random, upns, emails: new Set(), plan };
	const current = academicYearStart(today);
	const oldestLeaverYear = current - DEMO_LEAVER_YEARS;
	const yesterday = fromDay(toDay(today) - 1);
	// Mid-year leavers are kept from the start of last academic year.
	const midYearLeaversFrom = `${current - 1}-09-01`;
	const pupils: DemoPupil[] = [];

	// Oldest cohort with a leaver in the history window: Y13 (or Y11) in the oldest leaver year.
	const firstCohort = enteredYear7For(plan.highestYear, oldestLeaverYear);
	const lastCohort = enteredYear7For(7, current);

	for (let cohort = firstCohort; cohort <= lastCohort; cohort++) {
		const r = random.fork(`${plan.key}/cohort/${cohort}`);
		const c: PupilContext = { ...ctx, random: r };
		const nowIn = yearGroup(cohort, current);
		const y11Year = cohort + 4;
		const y11Leave = summerTermEnd(y11Year + 1);
		const y11LeaversKept = y11Year >= oldestLeaverYear;
		const mainForms = formsFor(r, plan.formsPerYear);
		const size = r.int(...plan.cohortSize);
		const main: Array<{ person: Person; admissionDate: string; upnSource: Placement['upnSource'] }> = [];

		for (let i = 0; i < size; i++) {
			const person = makePerson(r, cohort);
			let admissionDate = minDate(termStart(cohort), today);
			let upnSource: Placement['upnSource'] = r.chance(0.03) ? 'elsewhere' : 'feeder';
			if (r.chance(plan.inYearAdmissions)) {
				// Joined during Years 7–11, never after today.
				const lastYear = Math.min(cohort + 4, current);
				const year = r.int(cohort, lastYear);
				const day = schoolDayBetween(r, `${year}-09-20`, minDate(`${year + 1}-07-10`, yesterday));
				if (day) {
					admissionDate = day;
					upnSource = arrivalUpnSource(r, person);
				}
			}
			main.push({ person, admissionDate, upnSource });
		}

		// Pupils who left mid-year (moved house, moved school, elective home education): kept from last year on.
		if (nowIn <= 13) {
			const leavers = r.int(1, 4);
			for (let i = 0; i < leavers; i++) {
				const person = makePerson(r, cohort);
				const from = [midYearLeaversFrom, fromDay(toDay(termStart(cohort)) + 30)].sort().at(-1) as string;
				const until = minDate(yesterday, `${Math.min(cohort + 5, current + 1)}-06-30`);
				const leavingDate = schoolDayBetween(r, from, until);
				if (!leavingDate) continue;
				const leftIn = yearGroup(cohort, academicYearStart(leavingDate));
				pupils.push(
					buildPupil(c, person, {
						enteredYear7: cohort,
						admissionDate: termStart(cohort),
						leavingDate,
						finalYear: leftIn,
						form: r.pick(mainForms),
						upnSource: 'feeder'
					})
				);
			}
		}

		const sixth = plan.sixthForm;
		const finishedY11 = nowIn > 11;
		const stayers: typeof main = [];
		main.forEach((entry, i) => {
			const form = mainForms[i % mainForms.length] as string;
			if (!finishedY11) {
				pupils.push(
					buildPupil(c, entry.person, {
						enteredYear7: cohort,
						admissionDate: entry.admissionDate,
						leavingDate: null,
						finalYear: nowIn,
						form,
						upnSource: entry.upnSource
					})
				);
				return;
			}
			if (sixth) {
				const p = entry.person.traits;
				let stay = (sixth.stayOn[0] + sixth.stayOn[1]) / 2 + 0.1;
				if (p.fsmEligible) stay -= 0.15;
				if (p.senProvision === 'K') stay -= 0.15;
				if (p.senProvision === 'E') stay -= 0.3;
				if (r.chance(stay)) {
					stayers.push(entry);
					return;
				}
			}
			if (!y11LeaversKept) return;
			pupils.push(
				buildPupil(c, entry.person, {
					enteredYear7: cohort,
					admissionDate: entry.admissionDate,
					leavingDate: y11Leave,
					finalYear: 11,
					form,
					upnSource: entry.upnSource
				})
			);
		});

		if (!sixth || !finishedY11) continue;

		// The sixth form: stayers plus joiners from other schools; a few drop out during Year 12.
		const y12Start = minDate(termStart(cohort + 5), today);
		const y13Year = cohort + 6;
		const finishedY13 = nowIn > 13;
		const sixthForms = formsFor(r, sixth.groups);
		const externals = r.int(...sixth.externals);
		const sixthFormers = [
			...stayers,
			...Array.from({ length: externals }, () => {
				const person = makePerson(r, cohort);
				return { person, admissionDate: y12Start, upnSource: 'elsewhere' as const };
			})
		];
		r.shuffle(sixthFormers).forEach((entry, i) => {
			const form = sixthForms[i % sixthForms.length] as string;
			let leavingDate: string | null = null;
			let finalYear = Math.min(nowIn, 13);
			if (r.chance(0.025)) {
				const day = schoolDayBetween(r, `${cohort + 5}-10-01`, minDate(`${cohort + 6}-03-31`, yesterday));
				if (day) {
					leavingDate = day;
					finalYear = 12;
				}
			}
			if (!leavingDate && finishedY13) {
				leavingDate = summerTermEnd(y13Year + 1);
				finalYear = 13;
			}
			if (leavingDate && academicYearStart(leavingDate) < oldestLeaverYear) return;
			pupils.push(
				buildPupil(c, entry.person, {
					enteredYear7: cohort,
					admissionDate: entry.admissionDate,
					leavingDate,
					finalYear,
					form,
					upnSource: entry.upnSource
				})
			);
		});
	}
	return pupils;
}

// ---- the whole demo ---------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The demo's contents for this seed and date. Pure and deterministic: the same inputs give equal output. */
export function generateDemo(seed: string = DEMO_SEED, today: string = todayInLondon()): DemoData {
	if (!ISO_DATE.test(today) || fromDay(toDay(today)) !== today) {
		throw new RangeError(`generateDemo needs today as YYYY-MM-DD; got "${today}".`);
	}
	const random = seededRandom(seed);
	// One UPN issuer for both schools, so no UPN appears twice in the trust.
	const upns = new UpnIssuer(random.fork('upns'));
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
