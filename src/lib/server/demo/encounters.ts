/**
 * The demo schools' partners and what pupils actually received (issue 5): delivered activities with
 * attendance, teaching groups, guidance meetings, referrals and destinations — generated
 * deterministically from the demo's seed, "today", its pupils and its planned programme, and written by
 * createDemo inside its one transaction.
 *
 * Riverside Academy (11–18): about twenty partners; seven academic years of delivered activities (this
 * year back six, so a Year 13 pupil's record goes back to Year 7), none after today; personal guidance
 * for most of Year 11 and Year 13 every year; referrals; destinations for the last three Year 11 and
 * Year 13 cohorts. A school doing reasonably well: careers lessons and curriculum links early in every
 * year, an employer encounter every year, two meaningful workplace experiences by 16 for most pupils
 * (Year 8 workplace visits, the Year 9 geography site visit with a task set by the site team, the Year
 * 10 work experience week) and another in Year 12, the full range of providers by Year 11, provider
 * access in every phase, and Year 9 work taster days (since two years ago) that take a minority to
 * about a week of workplace activities by the end of Year 9. Gaps are deliberate, for the dashboards
 * to find:
 * - last year's Year 9 provider-access assembly left out pupils' questions, so that cohort (this year's
 *   Year 10) is short of phase 1; last year's Year 10 provider-access workshop ran after school (15:45
 *   to 17:00), so this year's Year 11 have a catch-up in the spring; the Year 11 post-16 options
 *   evening (18:00 to 20:00, this year and last), recorded as provider access, is outside the school day;
 * - some employer encounters are not meaningful (talks and assemblies with no two-way interaction), and
 *   the virtual workplace tours and the Year 11 hospital day had no task set by the employer;
 * - in 2019/20 and 2020/21 school closures cancelled trips and placements and moved lessons online;
 * - this year, employer talks in Year 9 reached maths sets 1 to 4 only, and some pupils with pupil
 *   premium missed this year's employer encounters, so pupil premium pupils are well behind on
 *   Benchmark 5 this year;
 * - some pupils who now intend to go to university were never flagged as considering it, so missed the
 *   university visits;
 * - some Year 11 and Year 13 pupils were seen only by the Level 4 adviser, whose meetings do not count
 *   for Benchmark 8; some referrals are still open weeks later.
 * Hillcrest School (11–16): a few partners, this year's and last year's activities, Year 11 guidance and
 * destinations.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ActivityType } from '../../domain/activities.ts';
import { academicYearStart, yearGroup } from '../../domain/academic-year.ts';
import type { PartnerKind, ProviderType } from '../../domain/partners.ts';
import { seededRandom, type Random } from '../../domain/seeded-random.ts';
import type { Tx } from '../db/client.ts';
import {
	activities,
	attendance,
	deliveredActivities,
	deliveredActivityPartners,
	destinations,
	guidanceMeetings,
	partnerContacts,
	partners,
	programmes,
	pupils,
	referrals,
	teachingGroupMembers,
	teachingGroups
} from '../db/schema/index.ts';
import { recordSchoolDataChange } from '../compliance/cache.ts';
import { bulkInsert } from './bulk-insert.ts';
import { DEMO_EMAIL_DOMAIN, type DemoData, type DemoPupil } from './generate.ts';
import type { DemoActivity, DemoProgrammeData } from './programme.ts';

type SchoolKey = 'riverside' | 'hillcrest';

/** Academic years of delivered activities at Riverside: this one and the six before it. */
export const DEMO_ACTIVITY_YEARS = 7;
/** Hillcrest's lighter history: this year and last. */
const HILLCREST_ACTIVITY_YEARS = 2;

// ---- dates ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Moves a date forward to a Monday–Friday. */
function weekdayOnOrAfter(iso: string): string {
	let day = toDay(iso);
	while (weekday(day) === 0 || weekday(day) === 6) day++;
	return fromDay(day);
}

function weekdayOnOrBefore(iso: string): string {
	let day = toDay(iso);
	while (weekday(day) === 0 || weekday(day) === 6) day--;
	return fromDay(day);
}

/** The given weekday (0 = Sunday) on or after the date. */
function nextWeekday(iso: string, wanted: number): string {
	let day = toDay(iso);
	while (weekday(day) !== wanted) day++;
	return fromDay(day);
}

/** The Monday of the date's week. */
function mondayOf(iso: string): string {
	const day = toDay(iso);
	return fromDay(day - ((weekday(day) + 6) % 7));
}

type HalfTerm = 1 | 2 | 3 | 4 | 5 | 6;

/** Term-time windows of each half-term (month-day), as the programme uses them. */
const HALF_TERMS: Record<HalfTerm, { from: string; to: string; nextCalendarYear: boolean }> = {
	1: { from: '09-10', to: '10-17', nextCalendarYear: false },
	2: { from: '11-03', to: '12-12', nextCalendarYear: false },
	3: { from: '01-08', to: '02-12', nextCalendarYear: true },
	4: { from: '02-23', to: '03-27', nextCalendarYear: true },
	5: { from: '04-20', to: '05-22', nextCalendarYear: true },
	6: { from: '06-08', to: '07-10', nextCalendarYear: true }
};

function calendarYear(academicYear: number, halfTerm: HalfTerm): number {
	return HALF_TERMS[halfTerm].nextCalendarYear ? academicYear + 1 : academicYear;
}

/** A weekday in the half-term. */
function dayInHalfTerm(random: Random, academicYear: number, halfTerm: HalfTerm): string {
	const w = HALF_TERMS[halfTerm];
	const year = calendarYear(academicYear, halfTerm);
	return weekdayOnOrAfter(fromDay(random.int(toDay(`${year}-${w.from}`), toDay(`${year}-${w.to}`))));
}

/** A weekday between two dates, avoiding the Christmas holiday. */
function dayBetween(random: Random, from: string, to: string): string {
	let iso = weekdayOnOrAfter(fromDay(random.int(toDay(from), Math.max(toDay(from), toDay(to)))));
	const md = iso.slice(5);
	if (md >= '12-19' || md <= '01-05') {
		const year = md >= '12-19' ? Number(iso.slice(0, 4)) + 1 : Number(iso.slice(0, 4));
		iso = weekdayOnOrAfter(`${year}-01-06`);
	}
	return iso;
}

/** Partial school closures: what could not happen in school then was skipped or moved online. */
const LOCKDOWNS: ReadonlyArray<{ from: string; to: string }> = [
	{ from: '2020-03-20', to: '2020-07-22' },
	{ from: '2021-01-05', to: '2021-03-07' }
];
const inLockdown = (iso: string) => LOCKDOWNS.some((l) => iso >= l.from && iso <= l.to);

/** A timestamp at a London-ish time of day, for created/recorded columns. */
const at = (iso: string, time = '16:00') => new Date(`${iso}T${time}:00Z`);

// ---- partners ------------------------------------------------------------------------------------------

export type DemoPartnerContact = { name: string; role: string; email: string; phone: string };

export type DemoPartner = {
	school: SchoolKey;
	name: string;
	kind: PartnerKind;
	sector: string | null;
	size: 'micro' | 'small' | 'medium' | 'large' | null;
	ukprn: string | null;
	website: string | null;
	notes: string | null;
	contacts: DemoPartnerContact[];
};

const COLLEGE = 'Thameside Community College';
const SIXTH_FORM_COLLEGE = 'St Clement’s Sixth Form College';
const UNI_A = 'Kingsmead University';
const UNI_B = 'University of Northbridge';
const ITP = 'Pathway Training Solutions';
const APPRENTICESHIPS = 'Brightwater Apprenticeships';
const GUIDANCE_PROVIDER = 'Compass Careers Guidance';
const HUB = 'Riverside Careers Hub';

type PartnerPlan = Omit<DemoPartner, 'school' | 'contacts' | 'website'> & {
	domain: string;
	contacts: Array<[name: string, role: string, local: string, phone: string]>;
};

/** Made-up organisations; websites and e-mail addresses on the reserved .example domain, phone numbers in Ofcom's drama range. */
const PARTNER_PLANS: readonly PartnerPlan[] = [
	{
		name: 'Northgate Engineering',
		kind: 'employer',
		sector: 'Engineering and manufacturing',
		size: 'medium',
		ukprn: null,
		notes: 'Runs the Year 13 industry insight day; two STEM Ambassadors on staff.',
		domain: 'northgate-engineering.example',
		contacts: [
			['Priya Shah', 'Early careers manager', 'priya.shah', '01632 960 121'],
			['Gareth Lloyd', 'Design engineer and STEM Ambassador', 'gareth.lloyd', '01632 960 122']
		]
	},
	{
		name: 'Ashworth Bank',
		kind: 'employer',
		sector: 'Financial services',
		size: 'large',
		ukprn: null,
		notes: 'Volunteers for enterprise days, mock interviews and mentoring.',
		domain: 'ashworthbank.example',
		contacts: [['Emma Whitaker', 'Community partnerships lead', 'emma.whitaker', '01632 960 131']]
	},
	{
		name: 'Harbour Logistics',
		kind: 'employer',
		sector: 'Transport and logistics',
		size: 'large',
		ukprn: null,
		notes: 'Hosts work experience in the warehouse and the transport office; virtual tours.',
		domain: 'harbourlogistics.example',
		contacts: [
			['Daniel Okonkwo', 'Site HR manager', 'daniel.okonkwo', '01632 960 141'],
			['Kerry Dawson', 'Apprenticeship co-ordinator', 'kerry.dawson', '01632 960 142']
		]
	},
	{
		name: 'Marlow & Finch Solicitors',
		kind: 'employer',
		sector: 'Legal services',
		size: 'small',
		ukprn: null,
		notes: null,
		domain: 'marlowfinch.example',
		contacts: [['Sophie Marlow', 'Partner', 'sophie.marlow', '01632 960 151']]
	},
	{
		name: 'St Anne’s Hospital',
		kind: 'employer',
		sector: 'Health and social care',
		size: 'large',
		ukprn: null,
		notes: 'NHS trust: work experience for over-16s on the wards, under-16s in support services.',
		domain: 'stannes-hospital.example',
		contacts: [['Grace Mensah', 'Widening participation officer', 'grace.mensah', '01632 960 161']]
	},
	{
		name: 'Greenway Construction',
		kind: 'employer',
		sector: 'Construction',
		size: 'medium',
		ukprn: null,
		notes: 'Site visits need a week’s notice and PPE for every pupil.',
		domain: 'greenway-construction.example',
		contacts: [['Liam Brennan', 'Site manager', 'liam.brennan', '01632 960 171']]
	},
	{
		name: 'Riverside Borough Council',
		kind: 'employer',
		sector: 'Public services',
		size: 'large',
		ukprn: null,
		notes: null,
		domain: 'riverside-council.example',
		contacts: [['Nadia Hussain', 'Workforce development officer', 'nadia.hussain', '01632 960 181']]
	},
	{
		name: 'Cobalt Digital',
		kind: 'employer',
		sector: 'Digital and technology',
		size: 'small',
		ukprn: null,
		notes: 'Developers run coding workshops in computing lessons.',
		domain: 'cobaltdigital.example',
		contacts: [['Tom Becker', 'Lead developer', 'tom.becker', '01632 960 191']]
	},
	{
		name: 'Riverside Gazette',
		kind: 'employer',
		sector: 'Media and publishing',
		size: 'micro',
		ukprn: null,
		notes: null,
		domain: 'riversidegazette.example',
		contacts: [['Ruth Adebayo', 'Reporter', 'ruth.adebayo', '01632 960 201']]
	},
	{
		name: 'Oakfield Veterinary Practice',
		kind: 'employer',
		sector: 'Animal care',
		size: 'micro',
		ukprn: null,
		notes: null,
		domain: 'oakfieldvets.example',
		contacts: [['James Carter', 'Practice manager', 'james.carter', '01632 960 211']]
	},
	{
		name: 'STEM Ambassadors',
		kind: 'charity',
		sector: null,
		size: null,
		ukprn: null,
		notes: 'Volunteer scientists and engineers, booked through the regional hub.',
		domain: 'stem-ambassadors.example',
		contacts: [['Helen Price', 'Regional co-ordinator', 'helen.price', '01632 960 221']]
	},
	{
		name: 'Young Enterprise',
		kind: 'charity',
		sector: null,
		size: null,
		ukprn: null,
		notes: 'Company Programme for Year 12.',
		domain: 'young-enterprise.example',
		contacts: [['Martin Cole', 'Business adviser (volunteer)', 'martin.cole', '01632 960 231']]
	},
	{
		name: SIXTH_FORM_COLLEGE,
		kind: 'sixth-form',
		sector: null,
		size: null,
		ukprn: '10999101',
		notes: 'A levels and a few T levels; taster mornings for Year 11 in December.',
		domain: 'stclements.example',
		contacts: [['Olivia Grant', 'Schools liaison officer', 'olivia.grant', '01632 960 241']]
	},
	{
		name: COLLEGE,
		kind: 'fe-college',
		sector: null,
		size: null,
		ukprn: '10999102',
		notes: 'T levels in digital, health, construction and engineering; provider access talks each year.',
		domain: 'thameside.example',
		contacts: [
			['Marcus Reid', 'Schools partnership manager', 'marcus.reid', '01632 960 251'],
			['Anita Desai', 'Admissions', 'admissions', '01632 960 252']
		]
	},
	{
		name: UNI_A,
		kind: 'he-provider',
		sector: null,
		size: null,
		ukprn: '10999103',
		notes: 'Campus visits for Year 8; aspiration programme for competitive courses.',
		domain: 'kingsmead.example',
		contacts: [['Dr Fiona Walsh', 'Outreach officer', 'f.walsh', '01632 960 261']]
	},
	{
		name: UNI_B,
		kind: 'he-provider',
		sector: null,
		size: null,
		ukprn: '10999104',
		notes: 'Open days, UCAS workshops and Little Uni.',
		domain: 'northbridge.example',
		contacts: [['Ben Harris', 'Schools and colleges liaison', 'b.harris', '01632 960 271']]
	},
	{
		name: ITP,
		kind: 'itp',
		sector: null,
		size: null,
		ukprn: '10999105',
		notes: 'Independent training provider: pre-apprenticeship and Level 2 programmes.',
		domain: 'pathwaytraining.example',
		contacts: [['Shona McKay', 'Engagement officer', 'shona.mckay', '01632 960 281']]
	},
	{
		name: APPRENTICESHIPS,
		kind: 'apprenticeship-provider',
		sector: null,
		size: null,
		ukprn: '10999106',
		notes: 'Brings current apprentices to assemblies.',
		domain: 'brightwater.example',
		contacts: [['Kwame Asante', 'Schools engagement lead', 'kwame.asante', '01632 960 291']]
	},
	{
		name: GUIDANCE_PROVIDER,
		kind: 'careers-guidance',
		sector: null,
		size: null,
		ukprn: null,
		notes: 'Commissions the Level 6 careers adviser (Thursdays at Hillcrest).',
		domain: 'compasscareers.example',
		contacts: [['Lorraine Fox', 'Contracts manager', 'lorraine.fox', '01632 960 301']]
	},
	{
		name: HUB,
		kind: 'careers-hub',
		sector: null,
		size: null,
		ukprn: null,
		notes: 'Our enterprise co-ordinator; labour market information and employer introductions.',
		domain: 'riversidecareershub.example',
		contacts: [['Paul Nguyen', 'Enterprise co-ordinator', 'paul.nguyen', '01632 960 311']]
	}
];

const HILLCREST_PARTNERS = [
	COLLEGE,
	SIXTH_FORM_COLLEGE,
	APPRENTICESHIPS,
	ITP,
	HUB,
	'Harbour Logistics',
	'Ashworth Bank',
	'Greenway Construction',
	'Riverside Borough Council'
];

const EMPLOYERS = PARTNER_PLANS.filter((p) => p.kind === 'employer').map((p) => p.name);

function partnersFor(school: SchoolKey): DemoPartner[] {
	return PARTNER_PLANS.filter((p) => school === 'riverside' || HILLCREST_PARTNERS.includes(p.name)).map(
		({ domain, contacts, ...p }) => ({
			...p,
			school,
			website: `https://www.${domain}`,
			contacts: contacts.map(([name, role, local, phone]) => ({ name, role, email: `${local}@${domain}`, phone }))
		})
	);
}

// ---- pupils --------------------------------------------------------------------------------------------

const KS4_OPTIONS = [
	'Health and Social Care',
	'Computer Science',
	'Business',
	'Engineering',
	'Geography',
	'History',
	'Art and Design',
	'Spanish'
] as const;

const KS5_SUBJECTS = [
	'Biology',
	'Chemistry',
	'Physics',
	'Mathematics',
	'Psychology',
	'Sociology',
	'English Literature',
	'History',
	'Business',
	'Computer Science',
	'Art',
	'Health and Social Care'
] as const;

type PupilInfo = {
	pupil: DemoPupil;
	/** Latent prior attainment (about normal, mean 0): sets, HE plans, destinations. */
	attainment: number;
	/** Days absent per hundred, at least a half. */
	absence: number;
	/** Pupil premium pupils who missed out on this year's employer encounters. */
	underServed: boolean;
	neetRisk: boolean;
	consideringHe: boolean;
	options: string[];
	subjects: string[];
};

function pupilInfo(seed: string, pupil: DemoPupil): PupilInfo {
	const r = seededRandom(`${seed}/encounters/pupil/${pupil.upn}`);
	let attainment = r.normal(0, 1);
	if (pupil.pupilPremium) attainment -= 0.45;
	if (pupil.senProvision === 'K') attainment -= 0.4;
	if (pupil.senProvision === 'E') attainment -= 0.9;
	attainment += (pupil.attendancePercent - 93) * 0.03;
	const absence = Math.max(0.5, 100 - pupil.attendancePercent);
	const underServed = pupil.pupilPremium && r.chance(0.2);
	const neetRisk =
		pupil.attendancePercent < 88 ||
		(pupil.pupilPremium && pupil.senProvision !== 'N') ||
		(pupil.lookedAfter && r.chance(0.6));
	const consideringHe = r.chance(Math.min(0.9, Math.max(0.1, 0.5 + 0.25 * attainment)));
	const options = r.shuffle(KS4_OPTIONS).slice(0, 2);
	const subjects = r.shuffle(KS5_SUBJECTS).slice(0, 3);
	return { pupil, attainment, absence, underServed, neetRisk, consideringHe, options, subjects };
}

const presentOn = (p: DemoPupil, date: string) =>
	p.admissionDate <= date && (p.leavingDate === null || p.leavingDate >= date);

// ---- delivered activity catalogue ------------------------------------------------------------------------

type TimeKind =
	| 'assembly'
	| 'tutorial'
	| 'lesson'
	| 'double'
	| 'morning'
	| 'afternoon'
	| 'lunch'
	| 'day'
	| 'trip'
	| 'placement'
	| 'twilight-online'
	| 'evening'
	| 'none';

const LESSONS: ReadonlyArray<readonly [string, string]> = [
	['09:00', '10:00'],
	['10:00', '11:00'],
	['11:20', '12:20'],
	['13:20', '14:20'],
	['14:20', '15:20']
];

function timesFor(kind: TimeKind, random: Random): [string, string] | null {
	switch (kind) {
		case 'assembly':
			return ['08:45', '09:15'];
		case 'tutorial':
			return ['08:35', '09:00'];
		case 'lesson':
			return [...random.pick(LESSONS)];
		case 'double':
			return random.chance(0.5) ? ['09:00', '11:00'] : ['13:20', '15:20'];
		case 'morning':
			return ['09:00', '12:20'];
		case 'afternoon':
			return ['13:20', '15:20'];
		case 'lunch':
			return ['12:20', '13:20'];
		case 'day':
			return ['09:00', '15:00'];
		case 'trip':
			return ['08:45', '15:15'];
		case 'placement':
			return ['09:00', '16:00'];
		case 'twilight-online':
			return ['16:00', '17:00'];
		case 'evening':
			return ['18:00', '20:00'];
		case 'none':
			return null;
	}
}

type Elements = {
	purposeShared: boolean;
	outcomesSet: boolean;
	twoWayInteraction: boolean;
	reflection: boolean;
	employerSetTask: boolean;
	employerFeedback: boolean;
};

const MEANINGFUL: Elements = {
	purposeShared: true,
	outcomesSet: true,
	twoWayInteraction: true,
	reflection: true,
	employerSetTask: false,
	employerFeedback: false
};
const ONE_WAY: Elements = { ...MEANINGFUL, twoWayInteraction: false, reflection: false };
const WORKPLACE: Elements = { ...MEANINGFUL, employerSetTask: true, employerFeedback: true };

type AudienceContext = { offset: number; yearGroup: number; school: SchoolKey };

type Audience =
	| { kind: 'whole' }
	/**
	 * Everyone invited, nobody required: evening events and optional sessions. Only those who came are
	 * recorded, unless `absent` says the register lists everyone offered a place.
	 */
	| { kind: 'optional'; rate: readonly [number, number]; absent?: boolean }
	/** Only the pupils chosen (at most `limit`, chosen at random when more qualify). */
	| { kind: 'select'; select: (info: PupilInfo, ctx: AudienceContext) => boolean; limit?: number }
	/** Nobody to take a register of (a newsletter). */
	| { kind: 'none' };

type Template = {
	key: string;
	title: string;
	description: string;
	type: ActivityType;
	providerType: ProviderType | null;
	years: readonly number[];
	/** One delivered activity per year group, each with its own date. */
	perYearGroup?: boolean;
	halfTerm: HalfTerm;
	/** 'MM-DD' (moved back to a weekday), else a weekday in the half-term. */
	date?: string;
	/** Evening events: held on this weekday (0 = Sunday) nearest `date`. */
	eveningWeekday?: number;
	/** Placements start on a Monday and run for `days` weekdays. */
	placementDays?: number;
	/** Days of workplace experience for a single-day visit. */
	days?: number;
	times: TimeKind;
	benchmarks: readonly number[];
	partners: readonly string[];
	/** Pick this many of `partners` at random each time (employer talks). */
	partnerPick?: number;
	elements: Elements;
	/** All four provider-access content elements. */
	pal?: boolean;
	audience?: Audience;
	/** Usual attendance of those expected (whole year groups and selected pupils). */
	rate?: readonly [number, number];
	/** Offsets from this academic year (0 = this year) in which it ran; all seven when absent. */
	offsets?: readonly number[];
	/** Never skipped in an older year. */
	essential?: boolean;
	hillcrest?: boolean;
	adviser?: string;
	/** The planned programme activity this delivers (its template key), when it has one. */
	planned?: string;
};

/** The Year 11 option subjects whose teachers give a careers lesson. */
const CAREERS_OPTIONS: readonly string[] = ['Business', 'Computer Science', 'Engineering', 'Health and Social Care'];
const hasSubject = (info: PupilInfo, ...names: string[]) => info.subjects.some((s) => names.includes(s));

const CATALOGUE: readonly Template[] = [
	{
		key: 'ks3-lessons',
		planned: 'ks3-lessons',
		title: 'Careers lessons in PSHE: Key Stage 3',
		description: 'Careers lessons in PSHE: who I am, what I am good at, the world of work.',
		type: 'lmi',
		providerType: null,
		years: [7, 8, 9],
		perYearGroup: true,
		halfTerm: 2,
		times: 'lesson',
		benchmarks: [1, 2],
		partners: [],
		elements: { ...ONE_WAY, reflection: true },
		essential: true,
		hillcrest: true
	},
	{
		key: 'ks4-lessons',
		planned: 'ks4-lessons',
		title: 'Careers lessons in PSHE: Key Stage 4',
		description: 'Post-16 choices, applications and interviews, money and work.',
		type: 'lmi',
		providerType: null,
		years: [10, 11],
		perYearGroup: true,
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [1, 2],
		partners: [],
		elements: { ...ONE_WAY, reflection: true },
		essential: true,
		hillcrest: true
	},
	{
		key: 'ks5-tutorials',
		planned: 'ks5-tutorials',
		title: 'Sixth form careers tutorials',
		description: 'Tutor-time session on next steps, with each student’s careers record reviewed.',
		type: 'other',
		providerType: null,
		years: [12, 13],
		halfTerm: 1,
		times: 'tutorial',
		benchmarks: [1, 3],
		partners: [],
		elements: { ...ONE_WAY, twoWayInteraction: true }
	},
	{
		key: 'y7-start-profile',
		planned: 'y7-start-profile',
		title: 'Year 7 careers interests quiz',
		description: 'Every Year 7 pupil starts their online careers profile and records their interests.',
		type: 'lmi',
		providerType: null,
		years: [7],
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [2, 3],
		partners: [],
		elements: { ...ONE_WAY, reflection: true },
		hillcrest: true
	},
	{
		key: 'maths-careers',
		planned: 'maths-careers',
		title: 'Jobs that use maths: careers in maths lessons',
		description: 'A careers starter in maths, showing where the topic is used at work.',
		type: 'curriculum-link',
		providerType: null,
		years: [7, 8, 9, 10],
		perYearGroup: true,
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [4],
		partners: [],
		elements: ONE_WAY,
		hillcrest: true
	},
	{
		key: 'employer-talks',
		title: 'Meet a professional: employer talks in tutor time',
		description: 'A local employer visits each tutor group to talk about their job and answer questions.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [7, 8, 9, 10, 11, 12, 13],
		perYearGroup: true,
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [5],
		partners: EMPLOYERS,
		partnerPick: 2,
		elements: MEANINGFUL,
		essential: true,
		hillcrest: true
	},
	{
		key: 'stem-ambassadors',
		planned: 'stem-ambassadors',
		title: 'STEM Ambassadors in science lessons',
		description: 'Engineers and scientists from local firms join a science lesson to talk about their work.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [8, 9],
		halfTerm: 4,
		times: 'lesson',
		benchmarks: [4, 5],
		partners: ['STEM Ambassadors', 'Northgate Engineering'],
		elements: MEANINGFUL
	},
	{
		key: 'ncw-assembly',
		title: 'National Careers Week assembly: a day in the life',
		description: 'A speaker describes their working day to the year group. No time for questions.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [7, 8, 9, 10],
		halfTerm: 4,
		date: '03-04',
		times: 'assembly',
		benchmarks: [5],
		partners: ['St Anne’s Hospital', 'Riverside Borough Council'],
		partnerPick: 1,
		elements: ONE_WAY,
		hillcrest: true
	},
	{
		key: 'y7-enterprise',
		planned: 'y7-enterprise',
		title: 'Year 7 enterprise day: Dragons’ Den',
		description: 'Teams design a product and pitch it to a panel of local business people.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [7],
		halfTerm: 5,
		times: 'day',
		benchmarks: [5],
		partners: ['Ashworth Bank', 'Harbour Logistics'],
		elements: MEANINGFUL,
		essential: true,
		hillcrest: true
	},
	{
		key: 'virtual-tour',
		planned: 'virtual-tour',
		title: 'Virtual workplace tour: Harbour Logistics warehouse',
		description: 'A live online tour of a distribution centre, with questions to staff on the floor.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [7, 8],
		halfTerm: 4,
		times: 'lesson',
		benchmarks: [6],
		partners: ['Harbour Logistics'],
		elements: MEANINGFUL,
		hillcrest: true
	},
	{
		key: 'y8-workplace-visits',
		title: 'Year 8 workplace visits: a day with a local employer',
		description:
			'Each tutor group spends a day at a local workplace; the staff set them a task and give feedback at the end of the day.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [8],
		halfTerm: 5,
		days: 1,
		times: 'trip',
		benchmarks: [6],
		partners: ['Harbour Logistics', 'St Anne’s Hospital', 'Riverside Borough Council', 'Greenway Construction'],
		elements: WORKPLACE,
		hillcrest: true
	},
	{
		key: 'y9-work-tasters',
		title: 'Year 9 work taster days (two days with a local employer, volunteers)',
		description:
			'Volunteers spend two days with a local employer, towards the DfE’s ambition of about a week of workplace experience by the end of Year 9. The employer sets a task and gives feedback.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [9],
		halfTerm: 6,
		placementDays: 2,
		times: 'placement',
		benchmarks: [6],
		partners: EMPLOYERS,
		partnerPick: 4,
		elements: WORKPLACE,
		audience: { kind: 'select', select: () => true, limit: 70 },
		offsets: [0, 1, 2]
	},
	{
		key: 'y8-uni-visit',
		planned: 'y8-uni-visit',
		title: 'Year 8 campus visit to Kingsmead University',
		description: 'A day on campus: a taster lecture, a tour and student ambassadors’ questions and answers.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [8],
		halfTerm: 5,
		times: 'trip',
		benchmarks: [7],
		partners: [UNI_A],
		elements: MEANINGFUL
	},
	{
		key: 'careers-fair',
		planned: 'careers-fair',
		title: 'Careers and post-16 fair (evening, 6pm to 8pm)',
		description: 'Forty employers, colleges, universities and apprenticeship providers in the sports hall.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [9, 10, 11, 12, 13],
		halfTerm: 2,
		date: '11-20',
		eveningWeekday: 4,
		times: 'evening',
		benchmarks: [5, 7],
		partners: [COLLEGE, SIXTH_FORM_COLLEGE, UNI_A, UNI_B, APPRENTICESHIPS, HUB, ...EMPLOYERS.slice(0, 6)],
		elements: MEANINGFUL,
		audience: { kind: 'optional', rate: [0.38, 0.55] },
		hillcrest: true
	},
	{
		key: 'y9-options-evening',
		planned: 'y9-options-evening',
		title: 'Year 9 options evening for parents and carers (6pm to 8pm)',
		description: 'How GCSE choices connect to post-16 routes, with the careers adviser on hand.',
		type: 'parents-event',
		providerType: null,
		years: [9],
		halfTerm: 3,
		date: '01-29',
		eveningWeekday: 3,
		times: 'evening',
		benchmarks: [2, 3],
		partners: [],
		elements: ONE_WAY,
		audience: { kind: 'optional', rate: [0.68, 0.8] },
		hillcrest: true
	},
	{
		key: 'y11-options-evening',
		title: 'Year 11 post-16 options evening with colleges and apprenticeship providers (6pm to 8pm)',
		description:
			'Parents and pupils meet the sixth form, colleges and apprenticeship providers: their courses, where they lead and what studying there is like, with questions answered. Held in the evening, so outside the school day.',
		type: 'provider-access',
		providerType: 'fe-college',
		years: [11],
		halfTerm: 3,
		date: '01-15',
		eveningWeekday: 2,
		times: 'evening',
		benchmarks: [3, 7],
		partners: [COLLEGE, SIXTH_FORM_COLLEGE, APPRENTICESHIPS, ITP],
		elements: MEANINGFUL,
		pal: true,
		audience: { kind: 'optional', rate: [0.6, 0.75] },
		offsets: [0, 1]
	},
	{
		key: 'pa-y8',
		planned: 'pa-y8',
		title: 'Provider access: T levels talk from Thameside Community College (Year 8)',
		description: 'The college’s T levels, the careers they lead to, what studying there is like, and questions.',
		type: 'provider-access',
		providerType: 'fe-college',
		years: [8],
		halfTerm: 4,
		times: 'assembly',
		benchmarks: [7],
		partners: [COLLEGE],
		elements: MEANINGFUL,
		pal: true,
		essential: true,
		hillcrest: true
	},
	{
		key: 'pa-y9',
		planned: 'pa-y9',
		title: 'Provider access: apprenticeships assembly (Year 9, before 28 February)',
		description: 'Brightwater Apprenticeships and two apprentices on what an apprenticeship is like.',
		type: 'provider-access',
		providerType: 'apprenticeship-provider',
		years: [9],
		halfTerm: 2,
		date: '11-12',
		times: 'lesson',
		benchmarks: [7],
		partners: [APPRENTICESHIPS],
		elements: MEANINGFUL,
		pal: true,
		essential: true,
		hillcrest: true
	},
	{
		key: 'pa-y10',
		planned: 'pa-y10',
		title: 'Provider access: T levels and apprenticeships workshop (Year 10)',
		description: 'Hands-on workshop run by the college and an apprenticeship provider in the school day.',
		type: 'provider-access',
		providerType: 'fe-college',
		years: [10],
		halfTerm: 3,
		times: 'double',
		benchmarks: [7],
		partners: [COLLEGE, APPRENTICESHIPS],
		elements: MEANINGFUL,
		pal: true,
		essential: true,
		hillcrest: true
	},
	{
		key: 'pa-y11',
		planned: 'pa-y11',
		title: 'Provider access: college and apprenticeship talks (Year 11)',
		description: 'Second provider encounter for Year 11: courses, entry requirements and applying.',
		type: 'provider-access',
		providerType: 'itp',
		years: [11],
		halfTerm: 2,
		times: 'lesson',
		benchmarks: [7],
		partners: [ITP, APPRENTICESHIPS],
		elements: MEANINGFUL,
		pal: true,
		essential: true,
		hillcrest: true
	},
	{
		key: 'pa-y11-catch-up',
		title: 'Provider access catch-up: T levels at Thameside Community College (Year 11)',
		description:
			'The college’s T levels, the careers they lead to, what studying there is like, and questions. Arranged for this Year 11 because their Year 10 workshop ran after school and did not count.',
		type: 'provider-access',
		providerType: 'fe-college',
		years: [11],
		halfTerm: 3,
		times: 'lesson',
		benchmarks: [7],
		partners: [COLLEGE],
		elements: MEANINGFUL,
		pal: true,
		offsets: [0],
		essential: true,
		hillcrest: true
	},
	{
		key: 'pa-y12',
		planned: 'pa-y12',
		title: 'Provider access: higher and degree apprenticeships (Year 12)',
		description: 'Optional session offered to all Year 12 students in the school day.',
		type: 'provider-access',
		providerType: 'apprenticeship-provider',
		years: [12],
		halfTerm: 4,
		times: 'lesson',
		benchmarks: [7],
		partners: [APPRENTICESHIPS],
		elements: MEANINGFUL,
		pal: true,
		audience: { kind: 'optional', rate: [0.55, 0.75], absent: true },
		essential: true
	},
	{
		key: 'pa-y13',
		planned: 'pa-y13',
		title: 'Provider access: apprenticeship provider drop-in (Year 13)',
		description: 'Providers in the sixth form centre at lunchtime and period 5.',
		type: 'provider-access',
		providerType: 'apprenticeship-provider',
		years: [13],
		halfTerm: 1,
		times: 'lunch',
		benchmarks: [7],
		partners: [APPRENTICESHIPS, ITP],
		elements: MEANINGFUL,
		pal: true,
		audience: { kind: 'optional', rate: [0.45, 0.65], absent: true },
		essential: true
	},
	{
		key: 'y10-work-experience',
		planned: 'y10-work-experience',
		title: 'Year 10 work experience week',
		description: 'A week’s placement with a local employer, with a task set by the employer and their feedback.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [10],
		halfTerm: 6,
		placementDays: 5,
		times: 'placement',
		benchmarks: [5, 6],
		partners: [
			'Harbour Logistics',
			'Marlow & Finch Solicitors',
			'St Anne’s Hospital',
			'Greenway Construction',
			'Riverside Borough Council',
			'Ashworth Bank',
			'Oakfield Veterinary Practice'
		],
		elements: WORKPLACE,
		rate: [0.88, 0.94],
		essential: true,
		hillcrest: true
	},
	{
		key: 'y11-hospital-day',
		planned: 'y11-hospital-day',
		title: 'Health careers day at St Anne’s Hospital (Health and Social Care group)',
		description: 'Year 11 Health and Social Care students spend a day on the wards and in the labs.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [11],
		halfTerm: 1,
		days: 1,
		times: 'trip',
		benchmarks: [4, 6],
		partners: ['St Anne’s Hospital'],
		elements: { ...MEANINGFUL, employerFeedback: true },
		audience: { kind: 'select', select: (i) => i.options.includes('Health and Social Care') }
	},
	{
		key: 'y12-placement',
		title: 'Year 12 work placement week',
		description: 'Every Year 12 student spends a week with an employer linked to their plans, after the summer exams.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [12],
		halfTerm: 6,
		placementDays: 5,
		times: 'placement',
		benchmarks: [6],
		partners: EMPLOYERS,
		elements: WORKPLACE,
		rate: [0.8, 0.9],
		essential: true
	},
	{
		key: 'y13-industry-day',
		planned: 'y13-industry-day',
		title: 'Year 13 industry insight day at Northgate Engineering',
		description: 'A day in the design office and on the shop floor, with a problem set by the engineers.',
		type: 'workplace-experience',
		providerType: 'employer',
		years: [13],
		halfTerm: 2,
		days: 1,
		times: 'trip',
		benchmarks: [6],
		partners: ['Northgate Engineering'],
		elements: WORKPLACE,
		audience: {
			kind: 'select',
			select: (i) => hasSubject(i, 'Physics', 'Mathematics', 'Computer Science'),
			limit: 30
		}
	},
	{
		key: 'geography-site',
		planned: 'geography-site',
		title: 'Geography fieldwork: careers in sustainable building with Greenway Construction',
		description:
			'Fieldwork on a live building site: the site team explain their jobs, set each group a sustainable-design task and give feedback on it.',
		type: 'curriculum-link',
		providerType: 'employer',
		years: [9],
		halfTerm: 5,
		times: 'afternoon',
		benchmarks: [4, 6],
		partners: ['Greenway Construction'],
		elements: WORKPLACE
	},
	{
		key: 'y11-option-careers',
		title: 'Careers in GCSE option subjects (Year 11)',
		description:
			'Business, Computer Science, Engineering and Health and Social Care teachers each give a lesson on where their subject leads.',
		type: 'curriculum-link',
		providerType: null,
		years: [11],
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [4],
		partners: [],
		elements: ONE_WAY,
		audience: { kind: 'select', select: (i) => i.options.some((o) => CAREERS_OPTIONS.includes(o)) },
		hillcrest: true
	},
	{
		key: 'english-media',
		planned: 'english-media',
		title: 'Careers in English: journalism and media talk',
		description: 'A reporter from the Riverside Gazette talks to English classes.',
		type: 'curriculum-link',
		providerType: 'employer',
		years: [10],
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [4, 5],
		partners: ['Riverside Gazette'],
		elements: ONE_WAY
	},
	{
		key: 'computing-digital',
		planned: 'computing-digital',
		title: 'Computing: careers in digital with Cobalt Digital',
		description: 'A coding workshop run by developers, linked to the computing scheme of work.',
		type: 'curriculum-link',
		providerType: 'employer',
		years: [8, 12],
		halfTerm: 3,
		times: 'double',
		benchmarks: [4, 5],
		partners: ['Cobalt Digital'],
		elements: MEANINGFUL,
		audience: {
			kind: 'select',
			select: (i, ctx) => ctx.yearGroup === 8 || hasSubject(i, 'Computer Science')
		}
	},
	{
		key: 'sixth-subject-careers',
		planned: 'sixth-subject-careers',
		title: 'A level subject careers week',
		description: 'Every A level teacher shows where their subject leads, at university and at work.',
		type: 'curriculum-link',
		providerType: null,
		years: [12, 13],
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [4],
		partners: [],
		elements: ONE_WAY
	},
	{
		key: 'mentoring',
		planned: 'mentoring',
		title: 'Employer mentoring for disadvantaged pupils (Year 10)',
		description: 'Six mentoring sessions with volunteers from local businesses, arranged with the Careers Hub.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [10],
		halfTerm: 3,
		times: 'lesson',
		benchmarks: [3, 5],
		partners: [HUB, 'Ashworth Bank'],
		elements: MEANINGFUL,
		audience: {
			kind: 'select',
			select: (i, ctx) => i.pupil.pupilPremium && !(ctx.offset === 0 && i.underServed),
			limit: 16
		}
	},
	{
		key: 'neet-tasters',
		planned: 'neet-tasters',
		title: 'College and training taster days for pupils at risk of not continuing in learning',
		description: 'Two taster days and extra guidance for Year 11 pupils identified as at risk of NEET.',
		type: 'training-provider-encounter',
		providerType: 'itp',
		years: [11],
		halfTerm: 2,
		times: 'trip',
		benchmarks: [3, 7, 8],
		partners: [COLLEGE, ITP],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => i.neetRisk, limit: 18 },
		hillcrest: true
	},
	{
		key: 'fe-taster',
		title: 'Thameside Community College taster day (Year 10)',
		description: 'Pupils try two T level subjects in the college workshops and meet current students.',
		type: 'fe-encounter',
		providerType: 'fe-college',
		years: [10],
		halfTerm: 5,
		times: 'trip',
		benchmarks: [7],
		partners: [COLLEGE],
		elements: MEANINGFUL,
		rate: [0.87, 0.94],
		hillcrest: true
	},
	{
		key: 'own-sixth-form-taster',
		title: 'Riverside Sixth Form taster afternoon (Year 10)',
		description:
			'After the summer exams, Year 10 try two A level lessons, hear where the courses lead and put their questions to current Year 12 students.',
		type: 'fe-encounter',
		providerType: 'sixth-form',
		years: [10],
		halfTerm: 6,
		times: 'afternoon',
		benchmarks: [7],
		partners: [],
		elements: MEANINGFUL
	},
	{
		key: 'sixth-form-taster',
		title: 'St Clement’s Sixth Form College taster morning (Year 11)',
		description: 'A levels and T levels taster lessons, with current students answering questions.',
		type: 'fe-encounter',
		providerType: 'sixth-form',
		years: [11],
		halfTerm: 2,
		times: 'morning',
		benchmarks: [7],
		partners: [SIXTH_FORM_COLLEGE],
		elements: MEANINGFUL,
		hillcrest: true
	},
	{
		key: 'y12-open-day',
		planned: 'y12-open-day',
		title: 'Year 12 trip to the University of Northbridge open day',
		description: 'Talks, tours and taster lectures; students plan their questions beforehand.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [12],
		halfTerm: 5,
		times: 'trip',
		benchmarks: [7],
		partners: [UNI_B],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => i.consideringHe },
		essential: true
	},
	{
		key: 'aspiration-programme',
		planned: 'aspiration-programme',
		title: 'Competitive universities aspiration programme',
		description: 'Online sessions with Kingsmead University for students aiming at competitive courses.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [12],
		halfTerm: 2,
		times: 'twilight-online',
		benchmarks: [3, 7],
		partners: [UNI_A],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => i.consideringHe && i.attainment > 0.4, limit: 25 },
		offsets: [0]
	},
	{
		key: 'ucas-workshop',
		planned: 'ucas-workshop',
		title: 'UCAS personal statement workshop',
		description: 'Admissions tutors from the University of Northbridge on writing a personal statement.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [12],
		halfTerm: 6,
		times: 'double',
		benchmarks: [3, 7],
		partners: [UNI_B],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => i.consideringHe }
	},
	{
		key: 'he-taster-y13',
		title: 'Kingsmead University subject taster day (Year 13)',
		description: 'Lectures and seminars in the subjects students are applying for.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [13],
		halfTerm: 1,
		times: 'trip',
		benchmarks: [7],
		partners: [UNI_A],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => i.consideringHe, limit: 45 },
		essential: true
	},
	{
		key: 'little-uni',
		planned: 'little-uni',
		title: 'Little Uni taster afternoon (Year 7)',
		description: 'University of Northbridge students run a taster afternoon in school.',
		type: 'he-encounter',
		providerType: 'he-provider',
		years: [7],
		halfTerm: 6,
		times: 'afternoon',
		benchmarks: [7],
		partners: [UNI_B],
		elements: { ...MEANINGFUL, reflection: false }
	},
	{
		key: 'y9-carousel',
		planned: 'y9-carousel',
		title: 'Year 9 careers carousel: meet 20 employers',
		description: 'Pupils rotate round 20 employers in speed-networking rounds.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [9],
		halfTerm: 5,
		times: 'morning',
		benchmarks: [2, 5],
		partners: [HUB, 'Riverside Borough Council', 'Oakfield Veterinary Practice', 'Harbour Logistics'],
		elements: MEANINGFUL,
		essential: true,
		hillcrest: true
	},
	{
		key: 'naw-assembly',
		planned: 'naw-assembly',
		title: 'National Apprenticeship Week assembly',
		description: 'Former pupils now on apprenticeships talk about their routes.',
		type: 'training-provider-encounter',
		providerType: 'apprenticeship-provider',
		years: [8],
		halfTerm: 3,
		date: '02-10',
		times: 'assembly',
		benchmarks: [2, 7],
		partners: [APPRENTICESHIPS],
		elements: ONE_WAY
	},
	{
		key: 'lmi-region',
		planned: 'lmi-region',
		title: 'Jobs of the future in our region: labour market information lesson',
		description: 'Growth sectors, pay and the skills local employers need, from the Careers Hub.',
		type: 'lmi',
		providerType: 'other',
		years: [8, 10],
		halfTerm: 5,
		times: 'lesson',
		benchmarks: [2],
		partners: [HUB],
		elements: ONE_WAY,
		hillcrest: true
	},
	{
		key: 'lmi-sixth',
		planned: 'lmi-sixth',
		title: 'Labour market information for sixth formers: growth sectors',
		description: 'Where the jobs are, and which degrees and apprenticeships lead there.',
		type: 'lmi',
		providerType: 'other',
		years: [12],
		halfTerm: 1,
		times: 'lesson',
		benchmarks: [2],
		partners: [HUB],
		elements: ONE_WAY
	},
	{
		key: 'y11-mock-interviews',
		planned: 'y11-mock-interviews',
		title: 'Mock interviews with local employers (Year 11)',
		description: 'Every pupil has a 15-minute interview with an employer and written feedback.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [11],
		halfTerm: 3,
		times: 'day',
		benchmarks: [5],
		partners: ['Ashworth Bank', 'Marlow & Finch Solicitors', 'Riverside Borough Council'],
		elements: { ...MEANINGFUL, employerFeedback: true },
		essential: true,
		hillcrest: true
	},
	{
		key: 'y13-mock-interviews',
		planned: 'y13-mock-interviews',
		title: 'Mock interviews for university and apprenticeships (Year 13)',
		description: 'Practice interviews with employers and admissions tutors.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [13],
		halfTerm: 2,
		times: 'day',
		benchmarks: [5],
		partners: ['Cobalt Digital', UNI_A],
		elements: { ...MEANINGFUL, employerFeedback: true },
		rate: [0.85, 0.93]
	},
	{
		key: 'y12-enterprise',
		planned: 'y12-enterprise',
		title: 'Young Enterprise Company Programme (Year 12)',
		description: 'Students run a real company for the year with a business adviser; this is the launch session.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [12],
		halfTerm: 1,
		times: 'afternoon',
		benchmarks: [5],
		partners: ['Young Enterprise', 'Ashworth Bank'],
		elements: MEANINGFUL,
		audience: { kind: 'select', select: (i) => hasSubject(i, 'Business', 'Mathematics', 'Art'), limit: 24 }
	},
	{
		key: 'alumni-panel',
		planned: 'alumni-panel',
		title: 'Alumni panel: routes after sixth form',
		description: 'Former students now at university, on apprenticeships and in work answer questions.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [13],
		halfTerm: 3,
		times: 'lesson',
		benchmarks: [5, 7],
		partners: [],
		elements: MEANINGFUL,
		rate: [0.85, 0.92]
	},
	{
		key: 'y8-group-guidance',
		planned: 'y8-group-guidance',
		title: 'Year 8 small-group guidance: thinking about options',
		description: 'Groups of six with the careers adviser before Year 9 options.',
		type: 'guidance',
		providerType: 'careers-guidance',
		years: [8],
		halfTerm: 4,
		times: 'lesson',
		benchmarks: [8],
		partners: [],
		elements: MEANINGFUL,
		adviser: 'assistant.adviser',
		offsets: [0, 1, 2]
	},
	{
		key: 'future-skills',
		planned: 'future-skills',
		title: 'Careers Hub Future Skills day (Year 10)',
		description: 'Workshops with employers from growth sectors: green energy, health, digital.',
		type: 'lmi',
		providerType: 'other',
		years: [10],
		halfTerm: 4,
		times: 'day',
		benchmarks: [2, 5],
		partners: [HUB, 'Greenway Construction', 'Cobalt Digital'],
		elements: MEANINGFUL,
		offsets: [0]
	},
	{
		key: 'y10-sports-hall-fair',
		planned: 'y10-sports-hall-fair',
		title: 'Year 10 careers fair in the school day',
		description: 'Employers’ stands in the sports hall during periods 3 and 4.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [10],
		halfTerm: 5,
		times: 'double',
		benchmarks: [5],
		partners: [HUB, ...EMPLOYERS.slice(0, 5)],
		elements: { ...MEANINGFUL, reflection: false },
		offsets: [1, 2, 3, 4, 5, 6]
	},
	{
		key: 'y8-work-related-day',
		planned: 'y8-work-related-day',
		title: 'Year 8 work-related learning day',
		description: 'A day off timetable of employer-led workshops.',
		type: 'employer-encounter',
		providerType: 'employer',
		years: [8],
		halfTerm: 6,
		times: 'day',
		benchmarks: [5],
		partners: [HUB, 'Riverside Borough Council', 'Greenway Construction'],
		elements: MEANINGFUL,
		offsets: [1, 2, 3, 4, 5, 6]
	},
	{
		key: 'pupil-survey',
		planned: 'pupil-survey',
		title: 'Pupil careers survey (all year groups)',
		description: 'A short survey of every year group on what helped them; feeds the programme review.',
		type: 'other',
		providerType: null,
		years: [7, 8, 9, 10, 11, 12, 13],
		halfTerm: 6,
		times: 'tutorial',
		benchmarks: [1, 3],
		partners: [],
		elements: { ...ONE_WAY, outcomesSet: false, reflection: true },
		audience: { kind: 'none' }
	},
	{
		key: 'newsletter',
		planned: 'newsletter',
		title: 'Careers newsletter for parents and carers (autumn)',
		description: 'What is coming up in the careers programme and how families can help.',
		type: 'parents-event',
		providerType: null,
		years: [7, 8, 9, 10, 11, 12, 13],
		halfTerm: 1,
		date: '10-10',
		times: 'none',
		benchmarks: [1],
		partners: [],
		elements: { ...ONE_WAY, outcomesSet: false },
		audience: { kind: 'none' }
	}
];

// ---- the generated records -------------------------------------------------------------------------------

export type DemoAttendance = { upn: string; attended: boolean; reflection: string | null };

export type DemoDelivered = {
	school: SchoolKey;
	/** The school's reference, "2526-014": unique in the school. */
	ref: string;
	/** The planned programme activity this delivers, when it delivers one (found by year and title). */
	planned: { academicYear: number; title: string } | null;
	/** Exactly what a careers leader would type into the form (parseDeliveredActivityInput's input). */
	title: string;
	description: string;
	type: ActivityType;
	academicYear: number;
	date: string;
	endDate: string | null;
	startTime: string | null;
	endTime: string | null;
	providerType: ProviderType | null;
	benchmarks: number[];
	yearGroups: number[];
	purposeShared: boolean;
	outcomesSet: boolean;
	twoWayInteraction: boolean;
	reflection: boolean;
	employerSetTask: boolean;
	employerFeedback: boolean;
	days: number | null;
	palProviderInfo: boolean;
	palCareersInfo: boolean;
	palLearningInfo: boolean;
	palQuestionsAnswered: boolean;
	partners: string[];
	adviserEmail: string | null;
	adviserLevel: number | null;
	createdByEmail: string;
	attendance: DemoAttendance[];
};

export type DemoTeachingGroup = { school: SchoolKey; academicYear: number; name: string; members: string[] };

export type DemoMeeting = {
	key: string;
	school: SchoolKey;
	upn: string;
	date: string;
	startTime: string;
	adviserEmail: string;
	adviserName: string;
	adviserLevel: number;
	format: 'one-to-one' | 'small-group';
	agreedActions: string | null;
	notes: string | null;
	status: 'booked' | 'held';
	referralKey: string | null;
};

export type DemoReferral = {
	key: string;
	school: SchoolKey;
	upn: string;
	date: string;
	referredByEmail: string;
	capacity: 'tutor' | 'senco' | 'head-of-sixth' | 'careers-leader';
	reason: string;
	status: 'open' | 'closed';
	meetingKey: string | null;
	closedByEmail: string | null;
	closedOn: string | null;
	closingNote: string | null;
};

export type DemoDestination = {
	school: SchoolKey;
	upn: string;
	kind: 'intended' | 'actual';
	academicYear: number;
	nccisCode: string;
	institution: string | null;
	course: string | null;
	recordedOn: string;
	source: 'pupil' | 'school' | 'local-authority' | 'provider';
	consent: boolean | null;
};

export type DemoEncounters = {
	today: string;
	partners: DemoPartner[];
	activities: DemoDelivered[];
	teachingGroups: DemoTeachingGroup[];
	/** Pupils flagged as considering higher education. */
	consideringHe: string[];
	meetings: DemoMeeting[];
	referrals: DemoReferral[];
	destinations: DemoDestination[];
};

const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const LEVEL6 = email('careers.adviser');
const LEVEL4 = email('assistant.adviser');

const REFLECTIONS: Partial<Record<ActivityType, readonly string[]>> = {
	'employer-encounter': [
		'I didn’t know you could do that job without a degree.',
		'It made me think about working in an office, which I hadn’t before.',
		'I asked about the hours and the pay. It sounds hard but interesting.',
		'I want to find out more about apprenticeships in this.',
		'Good to hear how they got their job.'
	],
	'workplace-experience': [
		'I learnt that I like working with people more than on my own.',
		'The task was harder than I expected but my supervisor helped.',
		'I would like to go back there for a summer job.',
		'I now know I don’t want to work in an office all day.'
	],
	'he-encounter': [
		'The lecture was really interesting and the students were friendly.',
		'I didn’t realise how much support there is with money.',
		'I want to look at other universities now too.'
	],
	'fe-encounter': [
		'The workshops were better than I thought. I might apply for the T level.',
		'The college feels more grown-up than school.'
	],
	'provider-access': [
		'I didn’t know you get paid on an apprenticeship.',
		'I am going to look at the T level in digital.',
		'It helped me think about what to do after Year 11.'
	]
};

// ---- activities ------------------------------------------------------------------------------------------

type Context = {
	seed: string;
	today: string;
	current: number;
	cohorts: Map<string, PupilInfo[]>;
	planned: Map<string, DemoActivity>;
	partnerNames: Record<SchoolKey, Set<string>>;
	/** Maths set (1 = top) of each pupil this year, by UPN: filled in by teachingGroupsFor. */
	sets: Map<string, number>;
	advisers: ReadonlyMap<string, { name: string; level: number }>;
};

const setCount = (school: SchoolKey) => (school === 'riverside' ? 6 : 4);

function yearGroupPupils(ctx: Context, school: SchoolKey, academicYear: number, group: number, date: string) {
	const cohort = ctx.cohorts.get(`${school}/${academicYear - group + 7}`) ?? [];
	return cohort.filter((i) => presentOn(i.pupil, date));
}

function draw(
	random: Random,
	expected: PupilInfo[],
	rate: number,
	optional: boolean,
	type: ActivityType,
	meaningful: boolean,
	underServe: boolean
): DemoAttendance[] {
	if (expected.length === 0) return [];
	const rows: DemoAttendance[] = [];
	const reflections = meaningful ? REFLECTIONS[type] : undefined;
	if (optional) {
		// Who turns up to an optional or evening event: the regular attenders, less often the disadvantaged.
		const weight = (i: PupilInfo) =>
			Math.max(0.05, (i.pupil.attendancePercent - 55) / 40) ** 2 * (i.pupil.pupilPremium ? 0.7 : 1);
		const mean = expected.reduce((sum, i) => sum + weight(i), 0) / expected.length;
		for (const i of expected) {
			const attended = random.next() < Math.min(0.97, (rate * weight(i)) / mean);
			rows.push({ upn: i.pupil.upn, attended, reflection: null });
		}
	} else {
		// Absences in proportion to each pupil's usual absence: persistent absentees miss most.
		const mean = expected.reduce((sum, i) => sum + i.absence, 0) / expected.length;
		for (const i of expected) {
			let absent = Math.min(0.9, ((1 - rate) * i.absence) / mean);
			if (underServe && i.underServed) absent = 0.85;
			const attended = random.next() >= absent;
			const reflection = attended && reflections && random.chance(0.04) ? (random.pick(reflections) as string) : null;
			rows.push({ upn: i.pupil.upn, attended, reflection });
		}
	}
	return rows;
}

function isMeaningful(e: Elements): boolean {
	return e.purposeShared && e.outcomesSet && e.twoWayInteraction && e.reflection;
}

function deliveredFor(ctx: Context, school: SchoolKey, offset: number): DemoDelivered[] {
	const year = ctx.current - offset;
	const random = seededRandom(`${ctx.seed}/encounters/${school}/${year}`);
	const result: DemoDelivered[] = [];
	const catalogue = CATALOGUE.filter((t) => school === 'riverside' || t.hillcrest);
	const maxYear = school === 'riverside' ? 13 : 11;

	for (const t of catalogue) {
		if (t.offsets && !t.offsets.includes(offset)) continue;
		const r = random.fork(t.key);
		if (!t.essential && offset >= 2 && r.chance(0.08)) continue; // not run that year
		const years = t.years.filter((y) => y <= maxYear);
		if (years.length === 0) continue;
		const plannedRef = t.planned ? `${school}/${year}/${t.planned}` : null;
		const planned = plannedRef ? ctx.planned.get(plannedRef) : undefined;
		const groups = t.perYearGroup ? years.map((y) => [y]) : [years];

		for (const yearGroups of groups) {
			const rg = t.perYearGroup ? r.fork(`Y${yearGroups[0]}`) : r;
			// When: the planned date if there is one, else a set date (evening events on their weekday near it),
			// else a weekday in the half-term.
			let date: string;
			if (planned?.startDate && !t.perYearGroup) date = planned.startDate;
			else if (t.date) {
				const iso = `${calendarYear(year, t.halfTerm)}-${t.date}`;
				date =
					t.eveningWeekday === undefined ? weekdayOnOrBefore(iso) : nextWeekday(addDays(iso, -3), t.eveningWeekday);
			} else date = dayInHalfTerm(rg, year, t.halfTerm);
			let endDate: string | null = null;
			let days: number | null = t.type === 'workplace-experience' ? (t.days ?? null) : null;
			if (t.placementDays) {
				date = mondayOf(date);
				endDate = addDays(date, t.placementDays - 1);
				days = t.placementDays;
			}
			if ((endDate ?? date) > ctx.today) continue; // not happened yet
			let title = planned && !t.perYearGroup ? planned.title : t.title;
			if (t.perYearGroup) title = `${title} (Year ${yearGroups[0]})`;
			let description: string = t.description;
			let times = timesFor(t.times, rg);
			let elements = { ...t.elements };
			const pal = {
				palProviderInfo: Boolean(t.pal),
				palCareersInfo: Boolean(t.pal),
				palLearningInfo: Boolean(t.pal),
				palQuestionsAnswered: Boolean(t.pal)
			};
			let audience: Audience = t.audience ?? { kind: 'whole' };

			if (inLockdown(date) || inLockdown(endDate ?? date)) {
				// Schools were closed to most pupils: trips, placements and evening events were cancelled.
				if (['trip', 'placement', 'evening', 'day', 'morning', 'afternoon'].includes(t.times)) continue;
				title = `${title} (online during the school closure)`;
				description = `${description} Held online while the school was closed to most pupils.`;
			}
			// The deliberate provider-access failures, in last year's Years 9 and 10 (this year's Years 10 and 11).
			if (offset === 1 && t.key === 'pa-y9') {
				pal.palQuestionsAnswered = false;
				elements = { ...elements, twoWayInteraction: false };
				description = `${description} The session overran and there was no time for pupils’ questions.`;
			}
			if (offset === 1 && t.key === 'pa-y10') {
				times = ['15:45', '17:00'];
				description =
					'Held after school at the college (15:45 to 17:00) because its workshops were not free in the school day.';
			}
			// This year's employer talks in Year 9 reached maths sets 1 to 4 only.
			const group = yearGroups[0] ?? 0;
			const lowerSetsMissed = offset === 0 && t.key === 'employer-talks' && group === 9;
			if (lowerSetsMissed) {
				title = `Meet a professional: employer talks in maths lessons (sets 1 to 4, Year ${group})`;
				description =
					'Employers visited maths lessons for sets 1 to 4; there were not enough volunteers for sets 5 and 6.';
				audience = { kind: 'select', select: (i) => (ctx.sets.get(i.pupil.upn) ?? 99) <= 4 };
			}

			const partnerNames = ctx.partnerNames[school];
			let partnerList = t.partners.filter((p) => partnerNames.has(p));
			if (t.partnerPick) partnerList = rg.shuffle(partnerList).slice(0, t.partnerPick);

			// Who was expected, and who came.
			let expected: PupilInfo[] = [];
			for (const g of yearGroups) expected.push(...yearGroupPupils(ctx, school, year, g, date));
			let optional = false;
			let rate = rg.float(...(t.rate ?? [0.9, 0.97]));
			if (audience.kind === 'none') expected = [];
			else if (audience.kind === 'optional') {
				optional = true;
				rate = rg.float(...audience.rate);
			} else if (audience.kind === 'select') {
				const select = audience.select;
				expected = expected.filter((i) =>
					select(i, { offset, yearGroup: yearGroup(i.pupil.enteredYear7, year), school })
				);
				if (audience.limit && expected.length > audience.limit) {
					const chosen = new Set(rg.shuffle(expected.map((i) => i.pupil.upn)).slice(0, audience.limit));
					expected = expected.filter((i) => chosen.has(i.pupil.upn));
				}
				if (!t.rate) rate = rg.float(0.85, 0.96);
			}
			const underServe = offset === 0 && t.type === 'employer-encounter';
			let rows = draw(rg.fork('attendance'), expected, rate, optional, t.type, isMeaningful(elements), underServe);
			if (audience.kind === 'optional' && !audience.absent) rows = rows.filter((row) => row.attended);

			result.push({
				school,
				ref: '',
				planned: planned ? { academicYear: planned.academicYear, title: planned.title } : null,
				title,
				description,
				type: t.type,
				academicYear: year,
				date,
				endDate,
				startTime: times?.[0] ?? null,
				endTime: times?.[1] ?? null,
				providerType: t.providerType,
				benchmarks: [...(planned?.benchmarks ?? t.benchmarks)].sort((a, b) => a - b),
				yearGroups: [...yearGroups],
				...elements,
				days,
				...pal,
				partners: partnerList,
				adviserEmail: t.adviser ? email(t.adviser) : null,
				adviserLevel: t.adviser ? (ctx.advisers.get(email(t.adviser))?.level ?? null) : null,
				createdByEmail:
					school === 'hillcrest'
						? email('hillcrest.leader')
						: offset <= 1
							? email('careers.admin')
							: email('careers.leader'),
				attendance: rows
			});
		}
	}
	const order = (a: DemoDelivered) => `${a.date} ${a.startTime ?? ''} ${a.title}`;
	result.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
	const yy = `${String(year % 100).padStart(2, '0')}${String((year + 1) % 100).padStart(2, '0')}`;
	result.forEach((a, n) => (a.ref = `${yy}-${String(n + 1).padStart(3, '0')}`));
	return result;
}

// ---- teaching groups ---------------------------------------------------------------------------------------

function teachingGroupsFor(ctx: Context, school: SchoolKey): DemoTeachingGroup[] {
	const year = ctx.current;
	const maxYear = school === 'riverside' ? 13 : 11;
	const groups: DemoTeachingGroup[] = [];
	for (let g = 7; g <= maxYear; g++) {
		const pupils = yearGroupPupils(ctx, school, year, g, ctx.today);
		if (g <= 11) {
			// Maths sets by prior attainment.
			const sets = setCount(school);
			const ranked = [...pupils].sort((a, b) => b.attainment - a.attainment || a.pupil.upn.localeCompare(b.pupil.upn));
			const size = Math.ceil(ranked.length / sets);
			for (let s = 1; s <= sets; s++) {
				const members = ranked.slice((s - 1) * size, s * size);
				for (const m of members) ctx.sets.set(m.pupil.upn, s);
				groups.push({ school, academicYear: year, name: `${g}Ma${s}`, members: members.map((m) => m.pupil.upn) });
			}
		}
		if (g === 10 || g === 11) {
			for (const option of ['Health and Social Care', 'Computer Science', 'Business', 'Engineering']) {
				const members = pupils.filter((i) => i.options.includes(option)).map((i) => i.pupil.upn);
				if (members.length > 0) groups.push({ school, academicYear: year, name: `${g} ${option}`, members });
			}
		}
		if (g >= 12) {
			for (const subject of KS5_SUBJECTS) {
				const members = pupils.filter((i) => i.subjects.includes(subject)).map((i) => i.pupil.upn);
				if (members.length > 0) groups.push({ school, academicYear: year, name: `${g} ${subject}`, members });
			}
		}
	}
	return groups;
}

// ---- destinations ------------------------------------------------------------------------------------------

type Outcome = { nccisCode: string; institution: string | null; course: string | null };

const POST16_COURSES: Record<string, ReadonlyArray<[string | null, string | null]>> = {
	'210': [
		['Riverside Academy Sixth Form', 'A levels'],
		['Riverside Academy Sixth Form', 'A levels and the Extended Project']
	],
	'220': [
		[SIXTH_FORM_COLLEGE, 'A levels'],
		[SIXTH_FORM_COLLEGE, 'T Level in Education and Early Years']
	],
	'230': [
		[COLLEGE, 'T Level in Digital Production, Design and Development'],
		[COLLEGE, 'T Level in Health'],
		[COLLEGE, 'Level 2 Diploma in Construction'],
		[COLLEGE, 'Level 3 Extended Diploma in Sport'],
		[COLLEGE, 'Level 2 Hair and Beauty']
	],
	'240': [
		[UNI_A, 'BSc Nursing (Adult)'],
		[UNI_A, 'BA Business Management'],
		[UNI_B, 'BSc Computer Science'],
		[UNI_B, 'BA English Literature'],
		['University of Eastmoor', 'BSc Psychology'],
		['Westbury University', 'MEng Mechanical Engineering'],
		['University of Eastmoor', 'LLB Law']
	],
	'250': [[COLLEGE, 'Access to Higher Education Diploma (part time)']],
	'260': [[null, 'Gap year: working and travelling before university']],
	'310': [
		['Harbour Logistics', 'Level 3 Supply Chain apprenticeship'],
		['Northgate Engineering', 'Level 3 Engineering Technician apprenticeship'],
		['Ashworth Bank', 'Level 4 Financial Services apprenticeship'],
		['St Anne’s Hospital', 'Level 2 Healthcare Support Worker apprenticeship'],
		['Greenway Construction', 'Level 2 Bricklayer apprenticeship'],
		['Cobalt Digital', 'Level 4 Software Developer apprenticeship']
	],
	'330': [
		[null, 'Retail assistant'],
		[null, 'Warehouse operative']
	],
	'340': [
		['Riverside Borough Council', 'Administrative assistant with training'],
		['Marlow & Finch Solicitors', 'Legal administrator with training']
	],
	'410': [[ITP, 'Level 2 study programme (work-based)']],
	'430': [[ITP, 'Pre-apprenticeship programme']]
};

/** Another school's sixth form, for Riverside pupils who leave at 16 for one. */
const OTHER_SIXTH_FORM: ReadonlyArray<[string, string]> = [
	['Northfield Church of England School Sixth Form', 'A levels'],
	['Eastmoor Grammar School Sixth Form', 'A levels and the Extended Project']
];

function outcome(random: Random, code: string, elsewhere = false): Outcome {
	const options = code === '210' && elsewhere ? OTHER_SIXTH_FORM : POST16_COURSES[code];
	if (!options) return { nccisCode: code, institution: null, course: null };
	const [institution, course] = random.pick(options);
	return { nccisCode: code, institution, course };
}

/** Where a Year 11 pupil who leaves goes (not into this school's sixth form). */
function afterY11(random: Random, info: PupilInfo, school: SchoolKey): string {
	const risk = info.neetRisk ? 3 : 1;
	return random.weighted([
		['210', school === 'hillcrest' ? 14 : 8],
		['220', school === 'hillcrest' ? 30 : 24],
		['230', 38],
		['310', 8],
		['430', 2],
		['410', 1],
		['330', 1],
		['540', 1 * risk],
		['619', 2.5 * risk],
		['610', 0.5 * risk],
		['810', 3],
		['820', 1]
	]);
}

function afterY13(random: Random, info: PupilInfo): string {
	const risk = info.neetRisk ? 2.5 : 1;
	return random.weighted([
		['240', info.consideringHe ? 78 : 18],
		['310', info.consideringHe ? 7 : 26],
		['340', 4],
		['330', info.consideringHe ? 2 : 12],
		['230', 4],
		['260', info.consideringHe ? 4 : 2],
		['250', 1],
		['619', 2.5 * risk],
		['540', 1 * risk],
		['810', 4]
	]);
}

function afterDropOut(random: Random, info: PupilInfo): string {
	const risk = info.neetRisk ? 2 : 1;
	return random.weighted([
		['230', 35],
		['310', 22],
		['330', 14],
		['619', 12 * risk],
		['810', 10]
	]);
}

/** A year later: most stay on their course; two-year courses end and lead on. */
function followUp(random: Random, previous: string, yearsOn: number, info: PupilInfo): string {
	if (previous === '240' || previous === '310') return random.chance(0.92) ? previous : '330';
	if (previous === '810' || previous === '820') return random.chance(0.6) ? '810' : '330';
	if (['210', '220', '230'].includes(previous)) {
		if (yearsOn < 3) return random.chance(0.88) ? previous : random.pick(['310', '330', '619']);
		return afterY13(random, info);
	}
	if (['619', '540', '610'].includes(previous)) return random.pick(['619', '230', '310', '330', '430']);
	return random.chance(0.7) ? previous : random.pick(['330', '340', '310']);
}

const SURVEY_DAY = '11-01';

function destinationsFor(
	ctx: Context,
	school: SchoolKey,
	pupils: PupilInfo[],
	meetings: DemoMeeting[]
): DemoDestination[] {
	const random = seededRandom(`${ctx.seed}/encounters/${school}/destinations`);
	const rows: DemoDestination[] = [];
	const lastMeeting = new Map<string, string>();
	for (const m of meetings) if (m.status === 'held' && m.school === school) lastMeeting.set(m.upn, m.date);
	const sources = [
		['local-authority', 6],
		['pupil', 2.5],
		['provider', 1.5]
	] as const;

	for (const info of pupils) {
		const p = info.pupil;
		const r = random.fork(p.upn);
		const finalYear = yearGroup(p.enteredYear7, academicYearStart(p.leavingDate ?? ctx.today));
		const y11Year = p.enteredYear7 + 4; // the academic year the pupil was in Year 11
		const summerLeaver = p.leavingDate !== null && p.leavingDate.slice(5) >= '07-01';

		// Intended destinations: this year's Years 11 and 13, and leavers when they were in Year 11 or 13.
		const intendedFor = (leavingYear: number, y13: boolean) => {
			if (!r.chance(0.86)) return;
			const code = y13
				? afterY13(r, info)
				: school === 'riverside' && info.attainment > -0.6 && r.chance(0.6)
					? '210'
					: afterY11(r, info, school);
			const fallback =
				leavingYear === ctx.current ? minDate(`${ctx.current}-12-05`, ctx.today) : `${leavingYear + 1}-02-10`;
			const recordedOn = leavingYear === ctx.current ? (lastMeeting.get(p.upn) ?? fallback) : fallback;
			rows.push({
				school,
				upn: p.upn,
				kind: 'intended',
				academicYear: leavingYear + 1,
				...outcome(r, ['540', '619', '610', '820'].includes(code) ? '810' : code),
				recordedOn: minDate(recordedOn, ctx.today),
				source: 'pupil',
				consent: null
			});
		};
		if (p.leavingDate === null) {
			if (finalYear === 11 || finalYear === 13) intendedFor(ctx.current, finalYear === 13);
		} else if (summerLeaver && (finalYear === 11 || finalYear === 13))
			intendedFor(academicYearStart(p.leavingDate), finalYear === 13);

		// Actual destinations. Riverside pupils who stayed into its own sixth form count in their Year 11
		// cohort's destinations (210, recorded by the school); leavers are followed for up to three years.
		const years = new Set<number>();
		if (school === 'riverside' && y11Year >= ctx.current - 3 && y11Year < ctx.current && finalYear >= 12) {
			const left = p.leavingDate ? academicYearStart(p.leavingDate) : null;
			if (p.admissionDate <= `${y11Year}-12-31` && left !== y11Year + 1) {
				years.add(y11Year + 1);
				rows.push({
					school,
					upn: p.upn,
					kind: 'actual',
					academicYear: y11Year + 1,
					nccisCode: '210',
					institution: 'Riverside Academy Sixth Form',
					course: 'A levels',
					recordedOn: minDate(`${y11Year + 1}-10-01`, ctx.today),
					source: 'school',
					consent: null
				});
			}
		}
		if (p.leavingDate === null || finalYear < 11 || (finalYear === 11 && !summerLeaver)) continue;
		const left = academicYearStart(p.leavingDate);
		const firstYear = summerLeaver ? left + 1 : left;
		let code = finalYear === 11 ? afterY11(r, info, school) : summerLeaver ? afterY13(r, info) : afterDropOut(r, info);
		const consent = finalYear >= 12 ? r.chance(0.88) : null;
		for (let year = firstYear; year <= Math.min(ctx.current, firstYear + 2); year++) {
			if (year > firstYear) code = followUp(r, code, year - firstYear + 1 + (finalYear === 11 ? 0 : 2), info);
			let recordedOn = `${year}-${SURVEY_DAY}`;
			// Someone who leaves during the year is followed up a few weeks later.
			if (!summerLeaver && year === firstYear) recordedOn = minDate(addDays(p.leavingDate, 21), ctx.today);
			if (recordedOn > ctx.today) {
				if (year > firstYear) break; // this year's follow-up survey has not happened yet
				recordedOn = minDate(`${year}-09-20`, ctx.today);
			}
			if (years.has(year)) continue;
			years.add(year);
			rows.push({
				school,
				upn: p.upn,
				kind: 'actual',
				academicYear: year,
				...outcome(r, code, school === 'riverside'),
				recordedOn,
				source: r.weighted(sources),
				consent
			});
		}
	}
	return rows;
}

// ---- guidance meetings and referrals -----------------------------------------------------------------------

const SLOTS = ['09:00', '09:40', '10:20', '11:20', '12:00', '13:20', '14:00', '14:40'];

const ACTIONS: Record<string, readonly string[]> = {
	'210': ['Check A level entry requirements with the head of sixth form.', 'Go to the sixth form open evening.'],
	'220': [`Apply to ${SIXTH_FORM_COLLEGE} by the end of January.`, 'Look at the college’s A level combinations.'],
	'230': [`Apply to ${COLLEGE} for a T level; go to the open evening.`, 'Research the T levels in digital and health.'],
	'240': ['Shortlist five universities and check entry requirements.', 'Draft the personal statement by half-term.'],
	'310': ['Register on Find an apprenticeship and set up alerts.', 'Update the CV and ask a tutor for a reference.'],
	'330': ['Look for jobs with training in the local area.', 'Talk to the adviser again about apprenticeships.'],
	'260': ['Plan the gap year and defer the university place.'],
	'810': ['Book a follow-up meeting after the mock exams.', 'Visit two post-16 open evenings before deciding.']
};

const NOTES = [
	'Interested in working with people; unsure between college and sixth form.',
	'Confident about plans; parents supportive.',
	'Anxious about exams; discussed back-up options.',
	'Keen on an apprenticeship; discussed how applications work.',
	'Has a part-time job and wants to keep working while studying.',
	'Wants to study something creative; talked through portfolios.'
];

function meetingsAndReferrals(ctx: Context, school: SchoolKey): { meetings: DemoMeeting[]; referrals: DemoReferral[] } {
	const random = seededRandom(`${ctx.seed}/encounters/${school}/guidance`);
	const meetings: DemoMeeting[] = [];
	const referrals: DemoReferral[] = [];
	const years = school === 'riverside' ? DEMO_ACTIVITY_YEARS : HILLCREST_ACTIVITY_YEARS;
	const bookedUntil = addDays(ctx.today, 14);
	const adviser = (address: string) => {
		const a = ctx.advisers.get(address);
		if (!a) throw new Error(`The demo has no adviser ${address}`);
		return a;
	};

	const meeting = (
		r: Random,
		info: PupilInfo,
		date: string,
		adviserEmail: string,
		format: DemoMeeting['format'],
		referralKey: string | null = null
	): DemoMeeting | null => {
		if (date > bookedUntil || !presentOn(info.pupil, date)) return null;
		const a = adviser(adviserEmail);
		const held = date <= ctx.today;
		const direction = r.pick(Object.keys(ACTIONS));
		const m: DemoMeeting = {
			key: `${school}/meeting/${meetings.length}`,
			school,
			upn: info.pupil.upn,
			date,
			startTime: r.pick(SLOTS),
			adviserEmail,
			adviserName: a.name,
			adviserLevel: a.level,
			format,
			agreedActions: held ? r.pick(ACTIONS[direction] ?? ACTIONS['810'] ?? []) : null,
			notes: held && r.chance(0.7) ? r.pick(NOTES) : null,
			status: held ? 'held' : 'booked',
			referralKey
		};
		meetings.push(m);
		return m;
	};

	for (let offset = 0; offset < years; offset++) {
		const year = ctx.current - offset;
		const r = random.fork(String(year));
		const level4Here = school === 'riverside' && offset <= 3;
		const windows: Array<[number, string, string]> = [[11, `${year}-11-02`, `${year + 1}-02-26`]];
		if (school === 'riverside') windows.push([13, `${year}-09-15`, `${year}-12-16`]);
		for (const [group, from, to] of windows) {
			for (const info of yearGroupPupils(ctx, school, year, group, from)) {
				const roll = r.next();
				const date = dayBetween(r, from, to);
				if (roll < 0.84) meeting(r, info, date, LEVEL6, r.chance(0.93) ? 'one-to-one' : 'small-group');
				else if (roll < 0.92 && level4Here) meeting(r, info, date, LEVEL4, 'one-to-one');
			}
		}
		if (school !== 'riverside') continue;
		// Small-group guidance for Year 12 students considering university; the Level 4 adviser's drop-in; EHCP reviews.
		for (const info of yearGroupPupils(ctx, school, year, 12, `${year + 1}-04-20`)) {
			if (info.consideringHe && r.chance(0.6)) meeting(r, info, dayInHalfTerm(r, year, 5), LEVEL6, 'small-group');
		}
		if (level4Here) {
			for (const group of [9, 10]) {
				for (const info of yearGroupPupils(ctx, school, year, group, `${year}-10-01`)) {
					if (r.chance(0.08))
						meeting(r, info, dayBetween(r, `${year}-10-01`, `${year + 1}-06-30`), LEVEL4, 'one-to-one');
				}
			}
		}
		for (const group of [7, 9]) {
			for (const info of yearGroupPupils(ctx, school, year, group, `${year}-11-15`)) {
				if (info.pupil.senProvision === 'E') meeting(r, info, dayInHalfTerm(r, year, 2), LEVEL6, 'one-to-one');
			}
		}
	}

	// Referrals this year and last (Hillcrest: this year).
	const referralYears = school === 'riverside' ? [ctx.current - 1, ctx.current] : [ctx.current];
	const REASONS: Record<DemoReferral['capacity'], readonly string[]> = {
		tutor: [
			'Unsure about post-16 options and anxious about applications.',
			'Attendance has dropped this term; at risk of not continuing in learning.',
			'Wants to explore apprenticeships; parents keen on sixth form.',
			'Has no idea what to do next and is losing motivation.'
		],
		senco: [
			'EHCP annual review: needs a plan for the move to college.',
			'SEN support: needs help understanding college courses and support available.'
		],
		'head-of-sixth': [
			'Considering leaving the sixth form; wants to talk about apprenticeships.',
			'Needs help choosing between university and a degree apprenticeship.',
			'Missed the UCAS deadline for the October courses; needs a new plan.'
		],
		'careers-leader': [
			'Did not attend the Year 11 guidance interview; rebook.',
			'Parent asked for a follow-up meeting.'
		]
	};
	for (const year of referralYears) {
		const r = random.fork(`referrals/${year}`);
		const until = minDate(`${year + 1}-06-30`, ctx.today);
		if (until < `${year}-09-15`) continue;
		const count = school === 'riverside' ? (year === ctx.current ? 34 : 42) : 8;
		for (let n = 0; n < count; n++) {
			const date = dayBetween(r, `${year}-09-15`, until);
			if (date > ctx.today) continue;
			const group = r.weighted([
				[9, 1],
				[10, 2],
				[11, 4],
				[12, 2],
				[13, 2]
			] as const);
			if (group > (school === 'riverside' ? 13 : 11)) continue;
			const pool = yearGroupPupils(ctx, school, year, group, date);
			if (pool.length === 0) continue;
			const atRisk = pool.filter((i) => i.neetRisk || i.pupil.senProvision !== 'N' || i.pupil.pupilPremium);
			const info = r.pick(atRisk.length > 0 && r.chance(0.75) ? atRisk : pool);
			if (!info) continue;
			const capacity: DemoReferral['capacity'] =
				school === 'hillcrest'
					? 'careers-leader'
					: group >= 12
						? 'head-of-sixth'
						: info.pupil.senProvision === 'E' && r.chance(0.7)
							? 'senco'
							: r.chance(0.1)
								? 'careers-leader'
								: 'tutor';
			const referredBy =
				school === 'hillcrest'
					? 'hillcrest.leader'
					: {
							tutor: r.chance(0.5) ? 'tutor' : 'teacher',
							senco: 'senco',
							'head-of-sixth': 'head.of.sixth',
							'careers-leader': 'careers.leader'
						}[capacity];
			const key = `${school}/referral/${year}/${n}`;
			const referral: DemoReferral = {
				key,
				school,
				upn: info.pupil.upn,
				date,
				referredByEmail: email(referredBy),
				capacity,
				reason: r.pick(REASONS[capacity]),
				status: 'open',
				meetingKey: null,
				closedByEmail: null,
				closedOn: null,
				closingNote: null
			};
			const age = toDay(ctx.today) - toDay(date);
			const outcomeRoll = r.next();
			if (age > 21 ? outcomeRoll < 0.8 : outcomeRoll < 0.5) {
				// Closed by booking a meeting, a few days after the referral.
				const booked = minDate(weekdayOnOrAfter(addDays(date, r.int(1, 4))), ctx.today);
				const on = weekdayOnOrAfter(addDays(booked, r.int(3, 15)));
				const adviserEmail = school === 'riverside' && r.chance(0.12) ? LEVEL4 : LEVEL6;
				const m = meeting(r, info, on, adviserEmail, 'one-to-one', key);
				if (m) {
					referral.status = 'closed';
					referral.meetingKey = m.key;
					referral.closedByEmail = adviserEmail;
					referral.closedOn = booked;
				}
			} else if (age > 21 && outcomeRoll < 0.9) {
				referral.status = 'closed';
				referral.closedByEmail = email(school === 'riverside' ? 'careers.leader' : 'hillcrest.leader');
				referral.closedOn = minDate(weekdayOnOrAfter(addDays(date, r.int(2, 10))), ctx.today);
				referral.closingNote = r.pick([
					'Seen at the lunchtime drop-in instead; no meeting needed.',
					'Pupil has decided and applied; tutor will keep an eye.',
					'Pupil declined a meeting.'
				]);
			}
			referrals.push(referral);
		}
	}
	return { meetings, referrals };
}

// ---- the whole thing ----------------------------------------------------------------------------------------

/**
 * The demo's partners and encounters for its pupils and planned programme. Pure and deterministic: the
 * same demo and programme give equal output, and nothing is dated after `data.today` (booked guidance
 * meetings apart, which are up to two weeks ahead).
 */
export function generateDemoEncounters(data: DemoData, programme: DemoProgrammeData): DemoEncounters {
	const schools: SchoolKey[] = ['riverside', 'hillcrest'];
	const infos = data.pupils.map((p) => pupilInfo(data.seed, p));
	const cohorts = new Map<string, PupilInfo[]>();
	for (const info of infos) {
		const key = `${info.pupil.school}/${info.pupil.enteredYear7}`;
		const list = cohorts.get(key);
		if (list) list.push(info);
		else cohorts.set(key, [info]);
	}
	const partnerList = schools.flatMap(partnersFor);
	const ctx: Context = {
		seed: data.seed,
		today: data.today,
		current: data.academicYear,
		cohorts,
		planned: new Map(programme.activities.map((a) => [a.ref, a])),
		partnerNames: {
			riverside: new Set(partnerList.filter((p) => p.school === 'riverside').map((p) => p.name)),
			hillcrest: new Set(partnerList.filter((p) => p.school === 'hillcrest').map((p) => p.name))
		},
		sets: new Map(),
		advisers: new Map(
			data.people
				.filter((p) => p.adviserLevel !== null)
				.map((p) => [p.email, { name: p.name, level: p.adviserLevel as number }])
		)
	};

	// Teaching groups first: this year's maths sets decide who the employer talks reached.
	const teaching = schools.flatMap((s) => teachingGroupsFor(ctx, s));
	const delivered: DemoDelivered[] = [];
	for (const school of schools) {
		const years = school === 'riverside' ? DEMO_ACTIVITY_YEARS : HILLCREST_ACTIVITY_YEARS;
		for (let offset = years - 1; offset >= 0; offset--) delivered.push(...deliveredFor(ctx, school, offset));
	}
	const meetings: DemoMeeting[] = [];
	const referralRows: DemoReferral[] = [];
	const destinationRows: DemoDestination[] = [];
	for (const school of schools) {
		const g = meetingsAndReferrals(ctx, school);
		meetings.push(...g.meetings);
		referralRows.push(...g.referrals);
		destinationRows.push(
			...destinationsFor(
				ctx,
				school,
				infos.filter((i) => i.pupil.school === school),
				g.meetings
			)
		);
	}
	const consideringHe = infos
		.filter((i) => {
			const finalYear = yearGroup(i.pupil.enteredYear7, academicYearStart(i.pupil.leavingDate ?? data.today));
			return i.consideringHe && finalYear >= 12 && i.pupil.school === 'riverside';
		})
		.map((i) => i.pupil.upn);

	return {
		today: data.today,
		partners: partnerList,
		activities: delivered,
		teachingGroups: teaching,
		consideringHe,
		meetings,
		referrals: referralRows,
		destinations: destinationRows
	};
}

// ---- writing ------------------------------------------------------------------------------------------------

/**
 * Tens of thousands of attendance rows, sent as small integers (which activity, which pupil) that index
 * two uuid arrays, rather than two uuids a row: a third of the text to send and parse.
 */
async function insertAttendance(
	tx: Tx,
	delivered: readonly DemoDelivered[],
	activityRows: ReadonlyArray<{ id: string; createdAt: Date }>,
	pupilIds: ReadonlyMap<string, string>
): Promise<void> {
	const activityIds = activityRows.map((a) => a.id);
	// Registers are recorded when the activity has finished.
	const recordedAt = activityRows.map((a) => a.createdAt.toISOString());
	const pupilList = [...pupilIds.values()];
	const pupilIndex = new Map([...pupilIds.keys()].map((upn, i) => [upn, i + 1]));
	const a: number[] = [];
	const p: number[] = [];
	const came: boolean[] = [];
	const said: Array<string | null> = [];
	delivered.forEach((activity, n) => {
		for (const row of activity.attendance) {
			const index = pupilIndex.get(row.upn);
			if (!index) throw new Error(`The demo has no pupil ${row.upn}`);
			a.push(n + 1);
			p.push(index);
			came.push(row.attended);
			said.push(row.reflection);
		}
	});
	for (let start = 0; start < a.length; start += ATTENDANCE_BATCH) {
		const end = start + ATTENDANCE_BATCH;
		await tx.execute(sql`
			insert into ${attendance} (delivered_activity_id, pupil_id, attended, reflection, recorded_at)
			select (${sql.param(activityIds)}::uuid[])[x.a], (${sql.param(pupilList)}::uuid[])[x.p], x.attended, x.reflection,
				(${sql.param(recordedAt)}::timestamptz[])[x.a]
			from unnest(${sql.param(a.slice(start, end))}::int[], ${sql.param(p.slice(start, end))}::int[],
				${sql.param(came.slice(start, end))}::boolean[], ${sql.param(said.slice(start, end))}::text[])
				as x(a, p, attended, reflection)`);
	}
}

const ATTENDANCE_BATCH = 20_000;
const BATCH = 1000;

/**
 * Writes the generated encounters in the caller's transaction (createDemo's), after the pupils and the
 * programme: pupils and planned activities are looked up by UPN and by title.
 *
 * Speed: about a hundred thousand rows, most of them attendance. Checking each row's foreign keys one by
 * one is most of the cost on PGlite, so when the database lets us (PGlite always does: its user is a
 * superuser) the rows go in with triggers, and so those checks, switched off for this transaction only
 * (`session_replication_role = replica`, as pg_restore does), and switched back on at the end. Nothing
 * can dangle: every id written here was read or created earlier in the same transaction (the
 * integration test checks there are no orphans). The only triggers of their own these tables have record
 * that a school's data changed (for cached coverage figures), so that is recorded by hand at the end. On a
 * PostgreSQL server that does not allow it, the checks simply run.
 */
export async function writeDemoEncounters(
	tx: Tx,
	data: DemoEncounters,
	schoolIds: Record<SchoolKey, string>,
	userIds: ReadonlyMap<string, string>
): Promise<void> {
	const [role] = await tx
		.select({ superuser: sql<boolean>`rolsuper` })
		.from(sql`pg_roles`)
		.where(sql`rolname = current_user`);
	const skipChecks = role?.superuser === true;
	if (skipChecks) await tx.execute(sql`set local session_replication_role = replica`);
	await writeRows(tx, data, schoolIds, userIds);
	if (skipChecks) {
		await tx.execute(sql`set local session_replication_role = origin`);
		await recordSchoolDataChange(tx, Object.values(schoolIds));
	}
}

async function writeRows(
	tx: Tx,
	data: DemoEncounters,
	schoolIds: Record<SchoolKey, string>,
	userIds: ReadonlyMap<string, string>
): Promise<void> {
	const user = (address: string): string => {
		const id = userIds.get(address);
		if (!id) throw new Error(`The demo has no account ${address}`);
		return id;
	};
	const ids = [schoolIds.riverside, schoolIds.hillcrest];

	const pupilRows = await tx
		.select({ id: pupils.id, upn: pupils.upn })
		.from(pupils)
		.where(inArray(pupils.schoolId, ids));
	const pupilIds = new Map(pupilRows.map((r) => [r.upn, r.id]));
	const pupil = (upn: string): string => {
		const id = pupilIds.get(upn);
		if (!id) throw new Error(`The demo has no pupil ${upn}`);
		return id;
	};

	const plannedRows = await tx
		.select({
			id: activities.id,
			schoolId: programmes.schoolId,
			academicYear: programmes.academicYear,
			title: activities.title
		})
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.where(inArray(programmes.schoolId, ids));
	const plannedIds = new Map<string, string>();
	for (const r of plannedRows) {
		const key = `${r.schoolId}/${r.academicYear}/${r.title}`;
		if (plannedIds.has(key)) throw new Error(`Two planned activities are called "${r.title}"`);
		plannedIds.set(key, r.id);
	}

	// Partners and their contacts.
	const partnerIds = new Map<string, string>();
	const partnerRows = data.partners.map((p) => {
		const id = randomUUID();
		partnerIds.set(`${p.school}/${p.name}`, id);
		return {
			id,
			schoolId: schoolIds[p.school],
			name: p.name,
			kind: p.kind,
			sector: p.sector,
			size: p.size,
			ukprn: p.ukprn,
			website: p.website,
			notes: p.notes
		};
	});
	await bulkInsert(tx, partners, partnerRows, BATCH);
	await bulkInsert(
		tx,
		partnerContacts,
		data.partners.flatMap((p) =>
			p.contacts.map((c) => ({ partnerId: partnerIds.get(`${p.school}/${p.name}`) as string, ...c }))
		),
		BATCH
	);

	if (data.consideringHe.length > 0) {
		await tx
			.update(pupils)
			.set({ consideringHe: true })
			.where(and(inArray(pupils.schoolId, ids), sql`${pupils.upn} = any(${sql.param(data.consideringHe)}::text[])`));
	}

	// Delivered activities (array columns: Drizzle's values(), in batches), their partners and attendance.
	const activityRows = data.activities.map((a) => {
		const plannedActivityId = a.planned
			? (plannedIds.get(`${schoolIds[a.school]}/${a.planned.academicYear}/${a.planned.title}`) ?? null)
			: null;
		if (a.planned && !plannedActivityId) throw new Error(`No planned activity "${a.planned.title}" to link to`);
		return {
			id: randomUUID(),
			schoolId: schoolIds[a.school],
			plannedActivityId,
			ref: a.ref,
			title: a.title,
			description: a.description,
			type: a.type,
			academicYear: a.academicYear,
			date: a.date,
			endDate: a.endDate,
			startTime: a.startTime,
			endTime: a.endTime,
			providerType: a.providerType,
			benchmarks: a.benchmarks,
			yearGroups: a.yearGroups,
			purposeShared: a.purposeShared,
			outcomesSet: a.outcomesSet,
			twoWayInteraction: a.twoWayInteraction,
			reflection: a.reflection,
			employerSetTask: a.employerSetTask,
			employerFeedback: a.employerFeedback,
			days: a.days,
			palProviderInfo: a.palProviderInfo,
			palCareersInfo: a.palCareersInfo,
			palLearningInfo: a.palLearningInfo,
			palQuestionsAnswered: a.palQuestionsAnswered,
			adviserUserId: a.adviserEmail ? user(a.adviserEmail) : null,
			adviserLevel: a.adviserLevel,
			createdBy: user(a.createdByEmail),
			createdAt: at(a.endDate ?? a.date, '17:00'),
			updatedAt: at(a.endDate ?? a.date, '17:00')
		};
	});
	// bulkInsert takes no array columns: the benchmarks and year groups follow in one update.
	await bulkInsert(
		tx,
		deliveredActivities,
		activityRows.map(({ benchmarks: _b, yearGroups: _y, ...row }) => row),
		BATCH
	);
	await tx.execute(sql`
		update ${deliveredActivities} d set benchmarks = x.b::smallint[], year_groups = x.y::integer[]
		from unnest(${sql.param(activityRows.map((a) => a.id))}::uuid[],
			${sql.param(activityRows.map((a) => `{${a.benchmarks.join(',')}}`))}::text[],
			${sql.param(activityRows.map((a) => `{${a.yearGroups.join(',')}}`))}::text[]) as x(id, b, y)
		where d.id = x.id`);
	await bulkInsert(
		tx,
		deliveredActivityPartners,
		data.activities.flatMap((a, n) =>
			a.partners.map((name) => ({
				deliveredActivityId: (activityRows[n] as { id: string }).id,
				partnerId: partnerIds.get(`${a.school}/${name}`) as string
			}))
		),
		BATCH
	);
	await insertAttendance(tx, data.activities, activityRows, pupilIds);

	// This year's teaching groups.
	const groupRows = data.teachingGroups.map((g) => ({
		id: randomUUID(),
		schoolId: schoolIds[g.school],
		academicYear: g.academicYear,
		name: g.name
	}));
	await bulkInsert(tx, teachingGroups, groupRows, BATCH);
	await bulkInsert(
		tx,
		teachingGroupMembers,
		data.teachingGroups.flatMap((g, n) =>
			g.members.map((upn) => ({ groupId: (groupRows[n] as { id: string }).id, pupilId: pupil(upn) }))
		),
		ATTENDANCE_BATCH
	);

	// Guidance meetings and referrals point at each other.
	const meetingIds = new Map(data.meetings.map((m) => [m.key, randomUUID()]));
	const referralIds = new Map(data.referrals.map((r) => [r.key, randomUUID()]));
	await bulkInsert(
		tx,
		guidanceMeetings,
		data.meetings.map((m) => ({
			id: meetingIds.get(m.key) as string,
			schoolId: schoolIds[m.school],
			pupilId: pupil(m.upn),
			date: m.date,
			startTime: m.startTime,
			adviserUserId: user(m.adviserEmail),
			adviserName: m.adviserName,
			adviserLevel: m.adviserLevel,
			format: m.format,
			agreedActions: m.agreedActions,
			notes: m.notes,
			referralId: m.referralKey ? (referralIds.get(m.referralKey) ?? null) : null,
			status: m.status,
			createdBy: user(m.adviserEmail),
			createdAt: at(m.date, '08:00'),
			updatedAt: at(minDate(m.date, data.today), '17:00')
		})),
		BATCH
	);
	await bulkInsert(
		tx,
		referrals,
		data.referrals.map((r) => ({
			id: referralIds.get(r.key) as string,
			schoolId: schoolIds[r.school],
			pupilId: pupil(r.upn),
			referredBy: user(r.referredByEmail),
			referrerCapacity: r.capacity,
			reason: r.reason,
			status: r.status,
			meetingId: r.meetingKey ? (meetingIds.get(r.meetingKey) ?? null) : null,
			closedBy: r.closedByEmail ? user(r.closedByEmail) : null,
			closedAt: r.closedOn ? at(r.closedOn, '12:00') : null,
			closingNote: r.closingNote,
			createdAt: at(r.date, '10:00')
		})),
		BATCH
	);

	await bulkInsert(
		tx,
		destinations,
		data.destinations.map((d) => ({
			schoolId: schoolIds[d.school],
			pupilId: pupil(d.upn),
			kind: d.kind,
			academicYear: d.academicYear,
			nccisCode: d.nccisCode,
			institution: d.institution,
			course: d.course,
			recordedOn: d.recordedOn,
			source: d.source,
			consent: d.consent,
			createdBy: user(d.school === 'riverside' ? email('careers.admin') : email('hillcrest.leader')),
			updatedAt: at(d.recordedOn, '12:00')
		})),
		BATCH
	);
}
