/**
 * The demo schools' careers programme and its leadership (issue 3), generated deterministically from the
 * demo's seed and "today", and written by createDemo inside its one transaction.
 *
 * Riverside Academy (11–18): a programme for the current and the previous academic year (about 50
 * activities each) covering all eight Gatsby Benchmarks, with two deliberate gaps a careers leader would
 * find on the gap analysis — nothing for Benchmark 6 (experience of workplaces) in Year 12 and nothing for
 * Benchmark 2 (careers and labour market information) in Year 13. Aims in the style of seed 002, a
 * development plan, the 21 tasks mostly assigned, condition ratings, CPD and published careers information.
 * Hillcrest School (11–16): a lighter programme, and careers information started but not published.
 */
import { randomUUID } from 'node:crypto';
import type { ActivityFormat, ActivityType, Audience, HalfTerm, TargetGroup, Term } from '../../domain/activities.ts';
import { LEADERSHIP_TASKS, type CpdKind, type LeadershipModelId } from '../../domain/leadership.ts';
import { seededRandom, type Random } from '../../domain/seeded-random.ts';
import type { Tx } from '../db/client.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	careersInformation,
	conditionRatings,
	cpdRecords,
	developmentActions,
	leadershipModels,
	leadershipTaskAssignments,
	programmeAims,
	programmes
} from '../db/schema/index.ts';
import { bulkInsert } from './bulk-insert.ts';
import { DEMO_EMAIL_DOMAIN } from './generate.ts';

type SchoolKey = 'riverside' | 'hillcrest';

/** The deliberate gaps at Riverside: benchmark × year group with nothing planned, in both years. */
export const DEMO_PROGRAMME_GAPS: ReadonlyArray<{ school: SchoolKey; benchmark: number; yearGroup: number }> = [
	{ school: 'riverside', benchmark: 6, yearGroup: 12 },
	{ school: 'riverside', benchmark: 2, yearGroup: 13 }
];

// ---- dates ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** A weekday on or before the date. */
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

/** Term-time windows of each half-term (month-day), inside the ranges terms.ts assigns to that half-term. */
const HALF_TERM_WINDOWS: Record<HalfTerm, { from: string; to: string; nextCalendarYear: boolean }> = {
	1: { from: '09-10', to: '10-20', nextCalendarYear: false },
	2: { from: '11-03', to: '12-12', nextCalendarYear: false },
	3: { from: '01-08', to: '02-12', nextCalendarYear: true },
	4: { from: '02-23', to: '03-27', nextCalendarYear: true },
	5: { from: '04-20', to: '05-22', nextCalendarYear: true },
	6: { from: '06-02', to: '07-15', nextCalendarYear: true }
};

function schoolDayIn(random: Random, academicYear: number, halfTerm: HalfTerm): string {
	const w = HALF_TERM_WINDOWS[halfTerm];
	const year = w.nextCalendarYear ? academicYear + 1 : academicYear;
	const day = random.int(toDay(`${year}-${w.from}`), toDay(`${year}-${w.to}`));
	let d = day;
	while (weekday(d) === 0 || weekday(d) === 6) d++;
	return fromDay(d);
}

function termOf(halfTerm: HalfTerm): Term {
	return halfTerm <= 2 ? 'autumn' : halfTerm <= 4 ? 'spring' : 'summer';
}

function clamp(iso: string, from: string, to: string): string {
	return iso < from ? from : iso > to ? to : iso;
}

// ---- the catalogue ---------------------------------------------------------------------------------------

type AimKey =
	| 'academic'
	| 'technical'
	| 'apprenticeships'
	| 'employers'
	| 'workplaces'
	| 'skills'
	| 'self'
	| 'vision'
	| 'curriculum';

/** Seed 002's "Develop leadership skills: knowledge & skills / professional networks / purpose & vision", adapted to a school. */
const AIMS: ReadonlyArray<
	{ title: string; subAims: ReadonlyArray<{ key: AimKey; title: string }> } | { key: AimKey; title: string }
> = [
	{
		title: 'Know the full range of pathways',
		subAims: [
			{ key: 'academic', title: 'A levels and university' },
			{ key: 'technical', title: 'T levels and college courses' },
			{ key: 'apprenticeships', title: 'Apprenticeships and training' }
		]
	},
	{
		title: 'Build networks beyond school',
		subAims: [
			{ key: 'employers', title: 'Meet employers and employees' },
			{ key: 'workplaces', title: 'Experience real workplaces' }
		]
	},
	{
		title: 'Develop purpose and aspiration',
		subAims: [
			{ key: 'skills', title: 'Knowledge & skills' },
			{ key: 'self', title: 'Self-awareness and values' },
			{ key: 'vision', title: 'Purpose & vision' }
		]
	},
	{ key: 'curriculum', title: 'See careers in every subject' }
];

type Template = {
	key: string;
	title: string;
	description: string;
	type: ActivityType;
	format: ActivityFormat;
	years: number[];
	halfTerm: HalfTerm;
	benchmarks: number[];
	aims: AimKey[];
	partners?: string[];
	/** Demo account (local part of the email). */
	owner: string;
	audience?: Audience;
	groups?: string[];
	/** 'random': a school day in the half-term; 'MM-DD': that date (moved back to a weekday); none: undated. */
	date?: string;
	/** Evening events: kept on the given weekday (0–6) of the week of `date`. */
	eveningWeekday?: number;
	outcomes?: string;
	/** Only in the current year (new this year) or only in the previous one (dropped). */
	only?: 'current' | 'previous';
};

const COLLEGE = 'Thameside Community College';
const UNI_A = 'Kingsmead University';
const UNI_B = 'University of Northbridge';
const APPRENTICESHIPS = 'Brightwater Apprenticeships';
const HUB = 'Riverside Careers Hub';

const RIVERSIDE_CATALOGUE: Template[] = [
	{
		key: 'ks3-lessons',
		title: 'Careers lessons in PSHE: Key Stage 3',
		description: 'Six careers lessons a year in PSHE: who I am, what I am good at, the world of work.',
		type: 'lmi',
		format: 'lesson',
		years: [7, 8, 9],
		halfTerm: 2,
		benchmarks: [1, 2],
		aims: ['self', 'skills'],
		owner: 'careers.leader',
		outcomes: 'Pupils can name three careers that use their strengths.'
	},
	{
		key: 'ks4-lessons',
		title: 'Careers lessons in PSHE: Key Stage 4',
		description: 'Post-16 choices, applications and interviews, money and work.',
		type: 'lmi',
		format: 'lesson',
		years: [10, 11],
		halfTerm: 1,
		benchmarks: [1, 2],
		aims: ['academic', 'technical', 'apprenticeships'],
		owner: 'careers.leader'
	},
	{
		key: 'ks5-tutorials',
		title: 'Sixth form careers tutorials',
		description: 'Fortnightly tutor-time sessions on next steps, with each student’s careers record reviewed.',
		type: 'other',
		format: 'lesson',
		years: [12, 13],
		halfTerm: 1,
		benchmarks: [1, 3],
		aims: ['vision', 'self'],
		owner: 'head.of.sixth'
	},
	{
		key: 'y7-start-profile',
		title: 'Year 7 careers interests quiz',
		description: 'Every Year 7 pupil starts their online careers profile and records their interests.',
		type: 'lmi',
		format: 'online',
		years: [7],
		halfTerm: 1,
		benchmarks: [2, 3],
		aims: ['self'],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'y7-skills-passport',
		title: 'Skills passport launch assembly',
		description: 'Introduces the skills passport pupils fill in from Year 7 to Year 11.',
		type: 'other',
		format: 'assembly',
		years: [7],
		halfTerm: 1,
		benchmarks: [1, 3],
		aims: ['skills'],
		owner: 'careers.leader',
		date: 'random'
	},
	{
		key: 'maths-careers',
		title: 'Jobs that use maths: careers in maths lessons',
		description: 'A careers starter in every maths unit, showing where the topic is used at work.',
		type: 'curriculum-link',
		format: 'lesson',
		years: [7, 8, 9, 10],
		halfTerm: 1,
		benchmarks: [4],
		aims: ['curriculum'],
		owner: 'teacher'
	},
	{
		key: 'stem-ambassadors',
		title: 'STEM Ambassadors in science lessons',
		description: 'Engineers and scientists from local firms join a science lesson to talk about their work.',
		type: 'employer-encounter',
		format: 'talk',
		years: [8, 9],
		halfTerm: 4,
		benchmarks: [4, 5],
		aims: ['employers', 'curriculum'],
		partners: ['STEM Ambassadors', 'Northgate Engineering'],
		owner: 'science.lead',
		date: 'random'
	},
	{
		key: 'y7-enterprise',
		title: 'Year 7 enterprise day: Dragons’ Den',
		description: 'Teams design a product and pitch it to a panel of local business people.',
		type: 'employer-encounter',
		format: 'enterprise-challenge',
		years: [7],
		halfTerm: 5,
		benchmarks: [5],
		aims: ['employers', 'skills'],
		partners: ['Ashworth Bank', 'Harbour Logistics'],
		owner: 'careers.admin',
		date: 'random',
		outcomes: 'Pupils can describe teamwork and presenting as skills employers want.'
	},
	{
		key: 'virtual-tour',
		title: 'Virtual workplace tour: Harbour Logistics warehouse',
		description: 'A live online tour of a distribution centre, with questions to staff on the floor.',
		type: 'workplace-experience',
		format: 'online',
		years: [7, 8],
		halfTerm: 4,
		benchmarks: [6],
		aims: ['workplaces'],
		partners: ['Harbour Logistics'],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'ehcp-guidance',
		title: 'Guidance for pupils with education, health and care plans',
		description: 'Careers guidance at each annual review from Year 7, with the SENCO and parents.',
		type: 'guidance',
		format: 'interview',
		years: [7, 9, 11],
		halfTerm: 2,
		benchmarks: [3, 8],
		aims: ['self', 'vision'],
		owner: 'careers.adviser',
		audience: 'targeted',
		groups: ['sen']
	},
	{
		key: 'y8-uni-visit',
		title: 'Year 8 campus visit to Kingsmead University',
		description: 'A day on campus: a taster lecture, a tour and student ambassadors’ questions and answers.',
		type: 'he-encounter',
		format: 'visit',
		years: [8],
		halfTerm: 5,
		benchmarks: [7],
		aims: ['academic'],
		partners: [UNI_A],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'careers-fair',
		title: 'Careers and post-16 fair (evening, 6pm to 8pm)',
		description: 'Forty employers, colleges, universities and apprenticeship providers in the sports hall.',
		type: 'employer-encounter',
		format: 'careers-fair',
		years: [9, 10, 11, 12, 13],
		halfTerm: 2,
		benchmarks: [5, 7],
		aims: ['employers', 'academic', 'technical', 'apprenticeships'],
		partners: [COLLEGE, UNI_A, UNI_B, APPRENTICESHIPS, HUB],
		owner: 'careers.leader',
		date: '11-20',
		eveningWeekday: 4
	},
	{
		key: 'y9-options-evening',
		title: 'Year 9 options evening for parents and carers (6pm to 8pm)',
		description: 'How GCSE choices connect to post-16 routes, with the careers adviser on hand.',
		type: 'parents-event',
		format: 'talk',
		years: [9],
		halfTerm: 3,
		benchmarks: [2, 3],
		aims: ['academic', 'technical'],
		owner: 'senior.leader',
		date: '01-29',
		eveningWeekday: 3
	},
	{
		key: 'pa-y8',
		title: 'Provider access: T levels talk from Thameside Community College (Year 8)',
		description: 'The college’s T levels, the careers they lead to and what studying there is like.',
		type: 'provider-access',
		format: 'assembly',
		years: [8],
		halfTerm: 4,
		benchmarks: [7],
		aims: ['technical'],
		partners: [COLLEGE],
		owner: 'careers.leader',
		date: 'random'
	},
	{
		key: 'pa-y9',
		title: 'Provider access: apprenticeships assembly (Year 9, before 28 February)',
		description: 'Brightwater Apprenticeships and two apprentices on what an apprenticeship is like.',
		type: 'provider-access',
		format: 'assembly',
		years: [9],
		halfTerm: 2,
		benchmarks: [7],
		aims: ['apprenticeships'],
		partners: [APPRENTICESHIPS],
		owner: 'careers.leader',
		date: '11-12'
	},
	{
		key: 'pa-y10',
		title: 'Provider access: T levels and apprenticeships workshop (Year 10)',
		description: 'Hands-on workshop run by the college and an apprenticeship provider in the school day.',
		type: 'provider-access',
		format: 'workshop',
		years: [10],
		halfTerm: 3,
		benchmarks: [7],
		aims: ['technical', 'apprenticeships'],
		partners: [COLLEGE, APPRENTICESHIPS],
		owner: 'careers.leader',
		date: 'random'
	},
	{
		key: 'pa-y11',
		title: 'Provider access: college and apprenticeship talks (Year 11)',
		description: 'Second provider encounter for Year 11: courses, entry requirements and applying.',
		type: 'provider-access',
		format: 'talk',
		years: [11],
		halfTerm: 2,
		benchmarks: [7],
		aims: ['technical', 'apprenticeships'],
		partners: [COLLEGE, APPRENTICESHIPS],
		owner: 'careers.leader',
		date: 'random'
	},
	{
		key: 'pa-y12',
		title: 'Provider access: higher and degree apprenticeships (Year 12)',
		description: 'Optional session offered to all Year 12 students in the school day.',
		type: 'provider-access',
		format: 'talk',
		years: [12],
		halfTerm: 4,
		benchmarks: [7],
		aims: ['apprenticeships'],
		partners: [APPRENTICESHIPS],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'pa-y13',
		title: 'Provider access: apprenticeship provider drop-in (Year 13)',
		description: 'Providers in the sixth form centre at lunchtime and period 5.',
		type: 'provider-access',
		format: 'other',
		years: [13],
		halfTerm: 1,
		benchmarks: [7],
		aims: ['apprenticeships'],
		partners: [APPRENTICESHIPS, HUB],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'y10-work-experience',
		title: 'Year 10 work experience week',
		description: 'A week’s placement with a local employer, with a task set by the employer and their feedback.',
		type: 'workplace-experience',
		format: 'placement',
		years: [10],
		halfTerm: 6,
		benchmarks: [5, 6],
		aims: ['workplaces', 'employers', 'skills'],
		partners: ['Harbour Logistics', 'Marlow & Finch Solicitors', 'St Anne’s Hospital', 'Greenway Construction'],
		owner: 'careers.admin',
		date: 'random',
		outcomes: 'Every pupil completes an employer-set task and receives written feedback.'
	},
	{
		key: 'y11-hospital-day',
		title: 'Health careers day at St Anne’s Hospital (Health and Social Care group)',
		description: 'Year 11 Health and Social Care students spend a day on the wards and in the labs.',
		type: 'workplace-experience',
		format: 'visit',
		years: [11],
		halfTerm: 1,
		benchmarks: [4, 6],
		aims: ['workplaces', 'curriculum'],
		partners: ['St Anne’s Hospital'],
		owner: 'tutor',
		audience: 'named-groups',
		groups: ['Year 11 Health and Social Care'],
		date: 'random'
	},
	{
		key: 'y13-industry-day',
		title: 'Year 13 industry insight day at Northgate Engineering',
		description: 'A day in the design office and on the shop floor, with a problem set by the engineers.',
		type: 'workplace-experience',
		format: 'visit',
		years: [13],
		halfTerm: 2,
		benchmarks: [6],
		aims: ['workplaces'],
		partners: ['Northgate Engineering'],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'y11-guidance',
		title: 'Personal guidance interviews: Year 11',
		description: 'A one-to-one interview with the Level 6 careers adviser for every Year 11 pupil.',
		type: 'guidance',
		format: 'interview',
		years: [11],
		halfTerm: 2,
		benchmarks: [3, 8],
		aims: ['vision', 'self'],
		owner: 'careers.adviser'
	},
	{
		key: 'y13-guidance',
		title: 'Personal guidance interviews: Year 13',
		description: 'One-to-one interviews on next steps after sixth form, before applications close.',
		type: 'guidance',
		format: 'interview',
		years: [13],
		halfTerm: 1,
		benchmarks: [8],
		aims: ['vision'],
		owner: 'careers.adviser'
	},
	{
		key: 'y12-he-guidance',
		title: 'Guidance for Year 12 students considering university',
		description: 'Small-group and one-to-one guidance on courses, finance and choosing universities.',
		type: 'guidance',
		format: 'interview',
		years: [12],
		halfTerm: 5,
		benchmarks: [8],
		aims: ['academic'],
		owner: 'careers.adviser',
		audience: 'targeted',
		groups: ['considering-he']
	},
	{
		key: 'drop-in',
		title: 'Careers drop-in clinic (Years 9 and 10)',
		description: 'Lunchtime drop-in with the careers adviser, twice a week.',
		type: 'guidance',
		format: 'other',
		years: [9, 10],
		halfTerm: 3,
		benchmarks: [8],
		aims: ['self'],
		owner: 'assistant.adviser'
	},
	{
		key: 'y8-group-guidance',
		title: 'Year 8 small-group guidance: thinking about options',
		description: 'Groups of six with the careers adviser before Year 9 options.',
		type: 'guidance',
		format: 'workshop',
		years: [8],
		halfTerm: 4,
		benchmarks: [8],
		aims: ['self', 'vision'],
		owner: 'assistant.adviser'
	},
	{
		key: 'lmi-region',
		title: 'Jobs of the future in our region: labour market information lesson',
		description: 'Growth sectors, pay and the skills local employers need, from the Careers Hub.',
		type: 'lmi',
		format: 'lesson',
		years: [8, 10],
		halfTerm: 5,
		benchmarks: [2],
		aims: ['skills'],
		partners: [HUB],
		owner: 'careers.leader'
	},
	{
		key: 'lmi-sixth',
		title: 'Labour market information for sixth formers: growth sectors',
		description: 'Where the jobs are, and which degrees and apprenticeships lead there.',
		type: 'lmi',
		format: 'workshop',
		years: [12],
		halfTerm: 1,
		benchmarks: [2],
		aims: ['academic', 'apprenticeships'],
		partners: [HUB],
		owner: 'head.of.sixth'
	},
	{
		key: 'ucas-workshop',
		title: 'UCAS personal statement workshop',
		description: 'Admissions tutors from the University of Northbridge on writing a personal statement.',
		type: 'he-encounter',
		format: 'workshop',
		years: [12],
		halfTerm: 6,
		benchmarks: [3, 7],
		aims: ['academic'],
		partners: [UNI_B],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'y11-deadline',
		title: 'College and apprenticeship applications: deadline support (Year 11, by 27 February)',
		description: 'Tutors and the careers adviser check every Year 11 pupil has applied before the deadline.',
		type: 'guidance',
		format: 'other',
		years: [11],
		halfTerm: 4,
		benchmarks: [3, 8],
		aims: ['technical', 'apprenticeships'],
		partners: [COLLEGE],
		owner: 'careers.admin',
		date: '02-27'
	},
	{
		key: 'y11-mock-interviews',
		title: 'Mock interviews with local employers (Year 11)',
		description: 'Every pupil has a 15-minute interview with an employer and written feedback.',
		type: 'employer-encounter',
		format: 'interview',
		years: [11],
		halfTerm: 3,
		benchmarks: [5],
		aims: ['employers', 'skills'],
		partners: ['Ashworth Bank', 'Marlow & Finch Solicitors', 'Riverside Borough Council'],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'y13-mock-interviews',
		title: 'Mock interviews for university and apprenticeships (Year 13)',
		description: 'Practice interviews with employers and admissions tutors.',
		type: 'employer-encounter',
		format: 'interview',
		years: [13],
		halfTerm: 2,
		benchmarks: [5],
		aims: ['employers', 'skills'],
		partners: ['Cobalt Digital', UNI_A],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'english-media',
		title: 'Careers in English: journalism and media talk',
		description: 'A reporter from the Riverside Gazette in English lessons.',
		type: 'curriculum-link',
		format: 'talk',
		years: [10],
		halfTerm: 1,
		benchmarks: [4, 5],
		aims: ['curriculum', 'employers'],
		partners: ['Riverside Gazette'],
		owner: 'tutor',
		date: 'random'
	},
	{
		key: 'geography-site',
		title: 'Geography fieldwork: careers in sustainable building with Greenway Construction',
		description: 'Fieldwork on a live building site, with the site team explaining their jobs.',
		type: 'curriculum-link',
		format: 'visit',
		years: [9],
		halfTerm: 5,
		benchmarks: [4, 6],
		aims: ['curriculum', 'workplaces'],
		partners: ['Greenway Construction'],
		owner: 'science.lead',
		date: 'random'
	},
	{
		key: 'computing-digital',
		title: 'Computing: careers in digital with Cobalt Digital',
		description: 'A coding workshop run by developers, linked to the computing scheme of work.',
		type: 'curriculum-link',
		format: 'workshop',
		years: [8, 12],
		halfTerm: 3,
		benchmarks: [4, 5],
		aims: ['curriculum', 'employers'],
		partners: ['Cobalt Digital'],
		owner: 'teacher',
		date: 'random'
	},
	{
		key: 'sixth-subject-careers',
		title: 'A level subject careers week',
		description: 'Every A level teacher shows where their subject leads, at university and at work.',
		type: 'curriculum-link',
		format: 'lesson',
		years: [12, 13],
		halfTerm: 1,
		benchmarks: [4],
		aims: ['curriculum', 'academic'],
		owner: 'head.of.sixth'
	},
	{
		key: 'mentoring',
		title: 'Employer mentoring for disadvantaged pupils (Year 10)',
		description: 'Six mentoring sessions with volunteers from local businesses, arranged with the Careers Hub.',
		type: 'employer-encounter',
		format: 'mentoring',
		years: [10],
		halfTerm: 3,
		benchmarks: [3, 5],
		aims: ['employers', 'vision'],
		partners: [HUB, 'Ashworth Bank'],
		owner: 'careers.leader',
		audience: 'targeted',
		groups: ['disadvantaged']
	},
	{
		key: 'neet-tasters',
		title: 'College and training taster days for pupils at risk of not continuing in learning',
		description: 'Two taster days and extra guidance for Year 11 pupils identified as at risk of NEET.',
		type: 'training-provider-encounter',
		format: 'visit',
		years: [11],
		halfTerm: 2,
		benchmarks: [3, 7, 8],
		aims: ['technical', 'apprenticeships'],
		partners: [COLLEGE, APPRENTICESHIPS],
		owner: 'careers.adviser',
		audience: 'targeted',
		groups: ['neet-risk'],
		date: 'random'
	},
	{
		key: 'y12-open-day',
		title: 'Year 12 trip to the University of Northbridge open day',
		description: 'Talks, tours and taster lectures; students plan their questions beforehand.',
		type: 'he-encounter',
		format: 'visit',
		years: [12],
		halfTerm: 5,
		benchmarks: [7],
		aims: ['academic'],
		partners: [UNI_B],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'aspiration-programme',
		title: 'Competitive universities aspiration programme',
		description: 'Online sessions with Kingsmead University for students aiming at competitive courses.',
		type: 'he-encounter',
		format: 'online',
		years: [12],
		halfTerm: 2,
		benchmarks: [3, 7],
		aims: ['academic', 'vision'],
		partners: [UNI_A],
		owner: 'head.of.sixth',
		audience: 'targeted',
		groups: ['considering-he'],
		only: 'current'
	},
	{
		key: 'y9-carousel',
		title: 'Year 9 careers carousel: meet 20 employers',
		description: 'Pupils rotate round 20 employers in speed-networking rounds.',
		type: 'employer-encounter',
		format: 'careers-fair',
		years: [9],
		halfTerm: 5,
		benchmarks: [2, 5],
		aims: ['employers'],
		partners: [HUB, 'Riverside Borough Council', 'Oakfield Veterinary Practice', 'Harbour Logistics'],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'naw-assembly',
		title: 'National Apprenticeship Week assembly',
		description: 'Former pupils now on apprenticeships talk about their routes.',
		type: 'training-provider-encounter',
		format: 'assembly',
		years: [8],
		halfTerm: 3,
		benchmarks: [2, 7],
		aims: ['apprenticeships'],
		partners: [APPRENTICESHIPS],
		owner: 'careers.leader',
		date: '02-10'
	},
	{
		key: 'newsletter',
		title: 'Careers newsletter for parents and carers (each term)',
		description: 'What is coming up in the careers programme and how families can help.',
		type: 'parents-event',
		format: 'online',
		years: [7, 8, 9, 10, 11, 12, 13],
		halfTerm: 1,
		benchmarks: [1],
		aims: ['vision'],
		owner: 'careers.admin'
	},
	{
		key: 'y11-results',
		title: 'GCSE results day guidance',
		description: 'The careers adviser is in school on results day for anyone whose plans have changed.',
		type: 'guidance',
		format: 'interview',
		years: [11],
		halfTerm: 6,
		benchmarks: [8],
		aims: ['vision'],
		owner: 'careers.adviser'
	},
	{
		key: 'y13-results',
		title: 'A level results day and Clearing support',
		description: 'Guidance and help with Clearing and apprenticeship vacancies on results day.',
		type: 'guidance',
		format: 'interview',
		years: [13],
		halfTerm: 6,
		benchmarks: [7, 8],
		aims: ['academic', 'apprenticeships'],
		owner: 'careers.adviser'
	},
	{
		key: 'y12-enterprise',
		title: 'Young Enterprise Company Programme (Year 12)',
		description: 'Students run a real company for the year with a business adviser.',
		type: 'employer-encounter',
		format: 'enterprise-challenge',
		years: [12],
		halfTerm: 1,
		benchmarks: [5],
		aims: ['employers', 'skills'],
		partners: ['Young Enterprise', 'Ashworth Bank'],
		owner: 'head.of.sixth'
	},
	{
		key: 'alumni-panel',
		title: 'Alumni panel: routes after sixth form',
		description: 'Former students now at university, on apprenticeships and in work answer questions.',
		type: 'employer-encounter',
		format: 'talk',
		years: [13],
		halfTerm: 3,
		benchmarks: [5, 7],
		aims: ['employers', 'academic', 'apprenticeships'],
		owner: 'head.of.sixth',
		date: 'random'
	},
	{
		key: 'pupil-survey',
		title: 'Pupil careers survey (all year groups)',
		description: 'A short survey of every year group on what helped them; feeds the programme review.',
		type: 'other',
		format: 'online',
		years: [7, 8, 9, 10, 11, 12, 13],
		halfTerm: 6,
		benchmarks: [1, 3],
		aims: ['self'],
		owner: 'careers.leader'
	},
	{
		key: 'future-skills',
		title: 'Careers Hub Future Skills day (Year 10)',
		description: 'Workshops with employers from growth sectors: green energy, health, digital.',
		type: 'lmi',
		format: 'workshop',
		years: [10],
		halfTerm: 4,
		benchmarks: [2, 5],
		aims: ['skills', 'employers'],
		partners: [HUB, 'Greenway Construction', 'Cobalt Digital'],
		owner: 'careers.leader',
		date: 'random',
		only: 'current'
	},
	{
		key: 'little-uni',
		title: 'Little Uni taster afternoon (Year 7)',
		description: 'University of Northbridge students run a taster afternoon in school.',
		type: 'he-encounter',
		format: 'workshop',
		years: [7],
		halfTerm: 6,
		benchmarks: [7],
		aims: ['academic'],
		partners: [UNI_B],
		owner: 'careers.admin',
		date: 'random'
	},
	{
		key: 'y10-sports-hall-fair',
		title: 'Year 10 careers fair in the school day',
		description: 'Replaced by the evening careers and post-16 fair.',
		type: 'employer-encounter',
		format: 'careers-fair',
		years: [10],
		halfTerm: 5,
		benchmarks: [5],
		aims: ['employers'],
		partners: [HUB],
		owner: 'careers.admin',
		only: 'previous'
	},
	{
		key: 'y8-work-related-day',
		title: 'Year 8 work-related learning day',
		description: 'A day off timetable of employer-led workshops.',
		type: 'employer-encounter',
		format: 'workshop',
		years: [8],
		halfTerm: 6,
		benchmarks: [5],
		aims: ['employers', 'skills'],
		partners: [HUB],
		owner: 'careers.admin',
		only: 'previous'
	},
	{
		key: 'y8-guidance-taster',
		title: 'Year 8 careers guidance taster sessions',
		description: 'A first short conversation with the careers adviser in small groups.',
		type: 'guidance',
		format: 'workshop',
		years: [8],
		halfTerm: 6,
		benchmarks: [8],
		aims: ['self'],
		owner: 'assistant.adviser'
	}
];

/** Hillcrest (11–16) runs a lighter programme: these of Riverside's activities, led by its own staff. */
const HILLCREST_KEYS = [
	'ks3-lessons',
	'ks4-lessons',
	'y7-start-profile',
	'y7-enterprise',
	'virtual-tour',
	'ehcp-guidance',
	'careers-fair',
	'y9-options-evening',
	'pa-y8',
	'pa-y9',
	'pa-y10',
	'pa-y11',
	'y10-work-experience',
	'y11-guidance',
	'y11-deadline',
	'y11-mock-interviews',
	'lmi-region',
	'maths-careers',
	'neet-tasters',
	'y9-carousel',
	'newsletter'
];

const HILLCREST_OWNER: Record<string, string> = {
	'careers.adviser': 'careers.adviser',
	'senior.leader': 'hillcrest.senior'
};

// ---- generated plan --------------------------------------------------------------------------------------

export type DemoActivity = {
	school: SchoolKey;
	academicYear: number;
	/** Stable within the demo: school/year/template key. */
	ref: string;
	copiedFromRef: string | null;
	title: string;
	description: string;
	type: ActivityType;
	format: ActivityFormat;
	yearGroups: number[];
	term: Term;
	halfTerm: HalfTerm;
	startDate: string | null;
	endDate: string | null;
	audience: Audience;
	audienceGroups: string[];
	learningOutcomes: string | null;
	partners: string[];
	ownerEmail: string;
	purposeShared: boolean;
	outcomesSet: boolean;
	twoWayInteraction: boolean;
	reflection: boolean;
	employerSetTask: boolean;
	employerFeedback: boolean;
	benchmarks: number[];
	aims: AimKey[];
};

export type DemoAction = {
	school: SchoolKey;
	academicYear: number;
	title: string;
	benchmarks: number[];
	ownerEmail: string;
	dueDate: string;
	status: 'not-started' | 'in-progress' | 'done';
	evidence: string | null;
	gapBenchmark: number | null;
	gapYearGroup: number | null;
};

export type DemoProgrammeData = {
	academicYears: number[];
	activities: DemoActivity[];
	actions: DemoAction[];
	models: Array<{ school: SchoolKey; modelId: LeadershipModelId; note: string }>;
	assignments: Array<{ school: SchoolKey; taskId: string; ownerEmail: string; hoursPerWeek: number }>;
	ratings: Array<{
		school: SchoolKey;
		ratedOn: string;
		scores: [number, number, number, number];
		comment: string;
		ratedByEmail: string;
	}>;
	cpd: Array<{
		school: SchoolKey;
		email: string;
		kind: CpdKind;
		title: string;
		provider: string;
		startDate: string | null;
		endDate: string | null;
		accredited: boolean;
		evidence: string | null;
	}>;
	information: Array<{
		school: SchoolKey;
		leaderEmail: string;
		published: boolean;
		fields: Partial<Record<InformationField, string>>;
	}>;
};

type InformationField =
	| 'careersLeaderPhone'
	| 'nextReviewDate'
	| 'forPupils'
	| 'forParents'
	| 'forTeachers'
	| 'forEmployers'
	| 'impactMeasurement'
	| 'providerRequestAccess'
	| 'providerContact'
	| 'providerGrantingRefusing'
	| 'providerSafeguarding'
	| 'providerPremises';

const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

const TARGETS: readonly TargetGroup[] = ['sen', 'disadvantaged', 'neet-risk', 'considering-he'];

function activityFrom(
	t: Template,
	school: SchoolKey,
	academicYear: number,
	random: Random,
	copiedFromRef: string | null
): DemoActivity {
	const years = school === 'hillcrest' ? t.years.filter((y) => y <= 11) : t.years;
	let startDate: string | null = null;
	if (t.date === 'random') startDate = schoolDayIn(random, academicYear, t.halfTerm);
	else if (t.date) {
		const calendarYear = HALF_TERM_WINDOWS[t.halfTerm].nextCalendarYear ? academicYear + 1 : academicYear;
		const iso = `${calendarYear}-${t.date}`;
		startDate =
			t.eveningWeekday !== undefined ? nextWeekday(fromDay(toDay(iso) - 3), t.eveningWeekday) : weekdayOnOrBefore(iso);
	}
	const endDate = startDate && t.format === 'placement' ? fromDay(toDay(startDate) + 4) : startDate;
	const workplace = t.type === 'workplace-experience';
	const encounter = t.type === 'employer-encounter' || workplace || t.type === 'guidance';
	const groups =
		t.audience === 'targeted'
			? (t.groups ?? []).filter((g) => (TARGETS as readonly string[]).includes(g))
			: (t.groups ?? []);
	let owner = t.owner;
	if (school === 'hillcrest') owner = HILLCREST_OWNER[t.owner] ?? 'hillcrest.leader';
	return {
		school,
		academicYear,
		ref: `${school}/${academicYear}/${t.key}`,
		copiedFromRef,
		title: t.title,
		description: t.description,
		type: t.type,
		format: t.format,
		yearGroups: years,
		term: termOf(t.halfTerm),
		halfTerm: t.halfTerm,
		startDate,
		endDate: startDate && endDate && t.format === 'placement' ? endDate : null,
		audience: t.audience ?? 'whole-year',
		audienceGroups: groups,
		learningOutcomes: t.outcomes ?? null,
		partners: t.partners ?? [],
		ownerEmail: email(owner),
		purposeShared: encounter || random.chance(0.7),
		outcomesSet: encounter || Boolean(t.outcomes) || random.chance(0.5),
		twoWayInteraction: encounter || random.chance(0.4),
		reflection: encounter ? random.chance(0.8) : random.chance(0.3),
		employerSetTask: workplace,
		employerFeedback: workplace || t.key.includes('mock-interviews'),
		benchmarks: [...t.benchmarks],
		aims: [...t.aims]
	};
}

function programmeFor(school: SchoolKey, current: number, random: Random): DemoActivity[] {
	const catalogue =
		school === 'riverside' ? RIVERSIDE_CATALOGUE : RIVERSIDE_CATALOGUE.filter((t) => HILLCREST_KEYS.includes(t.key));
	const previous = current - 1;
	const result: DemoActivity[] = [];
	for (const t of catalogue) {
		if (t.only !== 'current') result.push(activityFrom(t, school, previous, random.fork(`${previous}/${t.key}`), null));
	}
	for (const t of catalogue) {
		if (t.only === 'previous') continue;
		const r = random.fork(`${current}/${t.key}`);
		// Most of this year's activities were copied forward from last year's; a few were planned afresh.
		const copied = t.only !== 'current' && r.chance(0.75);
		result.push(activityFrom(t, school, current, r, copied ? `${school}/${previous}/${t.key}` : null));
	}
	for (const a of result) {
		for (const gap of DEMO_PROGRAMME_GAPS) {
			if (gap.school === a.school && a.benchmarks.includes(gap.benchmark) && a.yearGroups.includes(gap.yearGroup)) {
				throw new Error(`Demo activity "${a.title}" fills the deliberate gap B${gap.benchmark} Y${gap.yearGroup}`);
			}
		}
	}
	return result;
}

function addDays(iso: string, days: number): string {
	return fromDay(toDay(iso) + days);
}

function developmentPlan(school: SchoolKey, current: number, today: string): DemoAction[] {
	const start = `${current}-09-01`;
	const end = `${current + 1}-08-31`;
	const inYear = (iso: string) => clamp(iso, start, end);
	const leader = school === 'riverside' ? email('careers.leader') : email('hillcrest.leader');
	const senior = school === 'riverside' ? email('senior.leader') : email('hillcrest.senior');
	const admin = school === 'riverside' ? email('careers.admin') : email('hillcrest.leader');
	const plan: Array<Omit<DemoAction, 'school' | 'academicYear'>> = [
		{
			title: 'Get governors’ sign-off for the careers strategy',
			benchmarks: [1],
			ownerEmail: senior,
			dueDate: inYear(`${current}-10-17`),
			status: 'done',
			evidence: 'Minutes of the governing board, autumn meeting.',
			gapBenchmark: null,
			gapYearGroup: null
		},
		{
			title: 'Publish the updated provider access policy statement',
			benchmarks: [7],
			ownerEmail: leader,
			dueDate: inYear(`${current}-09-30`),
			status: 'done',
			evidence: 'On the school website and in Waymark.',
			gapBenchmark: null,
			gapYearGroup: null
		},
		{
			title: 'Record every pupil’s encounters in one place',
			benchmarks: [3],
			ownerEmail: admin,
			// The overdue one: due ten days ago and still going.
			dueDate: inYear(addDays(today, -10)),
			status: 'in-progress',
			evidence: null,
			gapBenchmark: null,
			gapYearGroup: null
		},
		{
			title: 'Train tutors to give initial information and advice',
			benchmarks: [8],
			ownerEmail: leader,
			dueDate: inYear(addDays(today, 40)),
			status: 'in-progress',
			evidence: 'Two of four tutor briefings done.',
			gapBenchmark: null,
			gapYearGroup: null
		},
		{
			title: 'Every department maps careers into its schemes of work',
			benchmarks: [4],
			ownerEmail: senior,
			dueDate: inYear(addDays(today, 90)),
			status: 'not-started',
			evidence: null,
			gapBenchmark: null,
			gapYearGroup: null
		},
		{
			title: 'Evaluate the careers fair with pupils, parents and employers',
			benchmarks: [1, 5],
			ownerEmail: admin,
			dueDate: inYear(addDays(today, 60)),
			status: 'not-started',
			evidence: null,
			gapBenchmark: null,
			gapYearGroup: null
		}
	];
	if (school === 'riverside') {
		plan.push(
			{
				title: 'Plan experience of workplaces for Year 12',
				benchmarks: [6],
				ownerEmail: email('head.of.sixth'),
				dueDate: inYear(addDays(today, 120)),
				status: 'not-started',
				evidence: null,
				gapBenchmark: 6,
				gapYearGroup: 12
			},
			{
				title: 'Add labour market information to Year 13 tutorials',
				benchmarks: [2],
				ownerEmail: leader,
				dueDate: inYear(addDays(today, 75)),
				status: 'not-started',
				evidence: null,
				gapBenchmark: 2,
				gapYearGroup: 13
			}
		);
	}
	return plan.map((a) => ({ ...a, school, academicYear: current }));
}

/** Who does which of the 21 tasks; three left unassigned. */
const RIVERSIDE_TASKS: Record<string, [string, number]> = {
	'advise-slt': ['careers.leader', 1],
	'report-to-governors': ['careers.leader', 0.5],
	'review-programme': ['careers.leader', 1],
	'prepare-development-plan': ['careers.leader', 1],
	'plan-schemes-of-work': ['careers.leader', 2],
	'brief-teachers': ['careers.leader', 1],
	'monitor-teaching': ['senior.leader', 0.5],
	'support-tutors': ['careers.leader', 1],
	'manage-careers-adviser': ['careers.leader', 0.5],
	'monitor-guidance-take-up': ['careers.admin', 1],
	'manage-careers-administrator': ['careers.leader', 0.5],
	'manage-careers-information': ['careers.admin', 1.5],
	'plan-with-subject-leaders': ['careers.leader', 1],
	'identify-pupils-needing-guidance': ['careers.adviser', 1],
	'refer-pupils': ['careers.admin', 0.5],
	'link-with-colleges-and-universities': ['careers.leader', 1],
	'link-with-employers': ['careers.admin', 2],
	'commission-guidance': ['senior.leader', 0.5]
};

const HILLCREST_TASKS: Record<string, [string, number]> = {
	'advise-slt': ['hillcrest.senior', 0.5],
	'report-to-governors': ['hillcrest.senior', 0.5],
	'review-programme': ['hillcrest.leader', 1],
	'prepare-development-plan': ['hillcrest.leader', 1],
	'plan-schemes-of-work': ['hillcrest.leader', 1.5],
	'brief-teachers': ['hillcrest.leader', 0.5],
	'support-tutors': ['hillcrest.leader', 0.5],
	'manage-careers-adviser': ['hillcrest.leader', 0.5],
	'monitor-guidance-take-up': ['hillcrest.leader', 1],
	'manage-careers-information': ['hillcrest.leader', 1],
	'plan-with-subject-leaders': ['hillcrest.senior', 0.5],
	'identify-pupils-needing-guidance': ['careers.adviser', 1],
	'refer-pupils': ['hillcrest.leader', 0.5],
	'link-with-colleges-and-universities': ['hillcrest.leader', 1],
	'link-with-employers': ['hillcrest.leader', 1.5],
	'commission-guidance': ['hillcrest.senior', 0.5]
};

/** The demo schools' programme and leadership for this seed and date. Pure and deterministic. */
export function generateDemoProgramme(seed: string, today: string, current: number): DemoProgrammeData {
	const random = seededRandom(`${seed}/programme`);
	const previous = current - 1;
	const known = new Set(LEADERSHIP_TASKS.map((t) => t.id));
	const assignments: DemoProgrammeData['assignments'] = [];
	for (const [school, tasks] of [
		['riverside', RIVERSIDE_TASKS],
		['hillcrest', HILLCREST_TASKS]
	] as const) {
		for (const [taskId, [owner, hours]] of Object.entries(tasks)) {
			if (!known.has(taskId)) throw new Error(`Unknown leadership task "${taskId}" in the demo`);
			assignments.push({ school, taskId, ownerEmail: email(owner), hoursPerWeek: hours });
		}
	}
	// The latest rating is this autumn (or today, early in September).
	const latest = clamp(`${current}-10-14`, `${current}-09-01`, today);
	const reviewDate = `${current + 1}-09-01`;

	return {
		academicYears: [previous, current],
		activities: [
			...programmeFor('riverside', current, random.fork('riverside')),
			...programmeFor('hillcrest', current, random.fork('hillcrest'))
		],
		actions: [...developmentPlan('riverside', current, today), ...developmentPlan('hillcrest', current, today)],
		models: [
			{
				school: 'riverside',
				modelId: 'middle-leader-with-senior-support',
				note: 'Careers leader is Head of PSHE with 0.2 of her timetable for careers; the deputy head is the SLT link.'
			},
			{
				school: 'hillcrest',
				modelId: 'support-staff-coordinator',
				note: 'A full-time careers co-ordinator (support staff), line-managed by an assistant headteacher.'
			}
		],
		assignments,
		ratings: [
			{
				school: 'riverside',
				ratedOn: `${previous}-10-09`,
				scores: [2, 2, 2, 3],
				comment: 'New to the role; no protected time yet and roles unclear between PSHE and careers.',
				ratedByEmail: email('careers.leader')
			},
			{
				school: 'riverside',
				ratedOn: `${previous + 1}-03-20`,
				scores: [3, 3, 2, 3],
				comment: 'Job description agreed with the deputy head; reporting to governors each term.',
				ratedByEmail: email('careers.leader')
			},
			{
				school: 'riverside',
				ratedOn: latest,
				scores: [4, 4, 3, 4],
				comment: 'Level 6 certificate completed; a careers administrator now in post two days a week.',
				ratedByEmail: email('careers.leader')
			},
			{
				school: 'hillcrest',
				ratedOn: `${previous + 1}-01-15`,
				scores: [3, 2, 3, 2],
				comment: 'Co-ordinator has the time but not the authority to change the curriculum.',
				ratedByEmail: email('hillcrest.leader')
			}
		],
		cpd: [
			{
				school: 'riverside',
				email: email('careers.leader'),
				kind: 'qualification',
				title: 'Level 6 Certificate in Careers Leadership',
				provider: 'University of Northbridge (funded by The Careers & Enterprise Company)',
				startDate: `${previous}-11-06`,
				endDate: `${previous + 1}-07-02`,
				accredited: true,
				evidence: 'Certificate awarded; assignment on evaluating the Year 10 work experience week.'
			},
			{
				school: 'riverside',
				email: email('careers.leader'),
				kind: 'short-course',
				title: 'The Gatsby Benchmarks 2024 update: what changes for schools',
				provider: HUB,
				startDate: `${previous}-09-24`,
				endDate: `${previous}-09-24`,
				accredited: false,
				evidence: null
			},
			{
				school: 'riverside',
				email: email('careers.leader'),
				kind: 'community-of-practice',
				title: 'Careers Hub careers leaders’ network (termly)',
				provider: HUB,
				startDate: `${previous}-09-01`,
				endDate: null,
				accredited: false,
				evidence: 'Attends each termly meeting; led the spring session on provider access.'
			},
			{
				school: 'riverside',
				email: email('careers.admin'),
				kind: 'short-course',
				title: 'Recording careers activities and destinations',
				provider: HUB,
				startDate: `${current}-09-17`,
				endDate: `${current}-09-17`,
				accredited: false,
				evidence: null
			},
			{
				school: 'hillcrest',
				email: email('hillcrest.leader'),
				kind: 'short-course',
				title: 'Careers leader induction (online)',
				provider: 'The Careers & Enterprise Company',
				startDate: `${previous}-10-01`,
				endDate: `${previous}-12-10`,
				accredited: false,
				evidence: null
			}
		],
		information: [
			{
				school: 'riverside',
				leaderEmail: email('careers.leader'),
				published: true,
				fields: {
					careersLeaderPhone: '01632 960 418',
					nextReviewDate: reviewDate,
					forPupils:
						'Careers lessons in PSHE from Year 7, sixth form tutorials, the careers board outside the library and a drop-in with the careers adviser every Tuesday and Thursday lunchtime.\n\nPupils can book a guidance interview through their tutor or at the careers office (room L12).',
					forParents:
						'The careers newsletter each term, the Year 9 options evening and the careers and post-16 fair in November. Parents and carers are welcome to contact the careers leader at any time.',
					forTeachers:
						'The careers calendar on the staff shared drive, briefings at the start of each term, and careers resources for every department.',
					forEmployers:
						'Employers who would like to give a talk, offer work experience or mentor a pupil can contact the careers leader, or offer through the Riverside Careers Hub.',
					impactMeasurement:
						'Pupils answer a short survey after each activity and a whole-school careers survey each summer. We track each pupil’s encounters against the Gatsby Benchmarks, and follow up destinations for three years after pupils leave. The careers leader reports the findings to senior leaders each term and to governors twice a year.',
					providerRequestAccess:
						'Providers of technical education and apprenticeships can ask to speak to pupils in Years 8 to 13 by emailing the careers leader, giving the year groups and the kind of session they propose.',
					providerContact: 'Hannah Okafor, Careers Leader: careers.leader@demo.waymark.school, 01632 960 418.',
					providerGrantingRefusing:
						'We grant every reasonable request that fits the school calendar. We may refuse or suggest another date when a request clashes with examinations or other commitments, or when a provider cannot meet our safeguarding requirements; we will always explain why.',
					providerSafeguarding:
						'Visitors sign in at reception, show photo identification and wear a visitor badge. Visitors are accompanied by a member of staff at all times, in line with our safeguarding policy.',
					providerPremises:
						'We provide a classroom or the main hall with a projector and screen, and a stand at the careers fair. Providers may leave prospectuses in the careers library.'
				}
			},
			{
				school: 'hillcrest',
				leaderEmail: email('hillcrest.leader'),
				published: false,
				fields: {
					forPupils: 'Careers lessons in PSHE and a guidance interview in Year 11 with our careers adviser.',
					forParents: 'The Year 9 options evening and the careers fair.'
				}
			}
		]
	};
}

// ---- writing ---------------------------------------------------------------------------------------------

const BATCH = 500;

/** Writes the generated programme and leadership data in the caller's transaction (createDemo's). */
export async function writeDemoProgramme(
	tx: Tx,
	data: DemoProgrammeData,
	schoolIds: Record<SchoolKey, string>,
	userIds: ReadonlyMap<string, string>
): Promise<void> {
	const user = (address: string): string => {
		const id = userIds.get(address);
		if (!id) throw new Error(`The demo has no account ${address}`);
		return id;
	};
	const schools: SchoolKey[] = ['riverside', 'hillcrest'];

	// Programmes and their aims.
	const programmeIds = new Map<string, string>();
	const programmeRows: Array<typeof programmes.$inferInsert> = [];
	const aimRows: Array<typeof programmeAims.$inferInsert> = [];
	const aimIds = new Map<string, string>();
	for (const school of schools) {
		for (const year of data.academicYears) {
			const id = randomUUID();
			const earlier = programmeIds.get(`${school}/${year - 1}`);
			programmeIds.set(`${school}/${year}`, id);
			programmeRows.push({ id, schoolId: schoolIds[school], academicYear: year, copiedFromId: earlier ?? null });
			AIMS.forEach((aim, position) => {
				const aimId = randomUUID();
				aimRows.push({ id: aimId, programmeId: id, parentId: null, title: aim.title, position });
				if ('key' in aim) aimIds.set(`${school}/${year}/${aim.key}`, aimId);
				else {
					aim.subAims.forEach((sub, subPosition) => {
						const subId = randomUUID();
						aimRows.push({ id: subId, programmeId: id, parentId: aimId, title: sub.title, position: subPosition });
						aimIds.set(`${school}/${year}/${sub.key}`, subId);
					});
				}
			});
		}
	}
	await bulkInsert(tx, programmes, programmeRows, BATCH);
	await bulkInsert(tx, programmeAims, aimRows, BATCH);

	// Activities (array columns: Drizzle's values(), in batches), then their ✓ cells.
	const activityIds = new Map<string, string>();
	for (const a of data.activities) activityIds.set(a.ref, randomUUID());
	const activityRows = data.activities.map((a) => ({
		id: activityIds.get(a.ref) as string,
		programmeId: programmeIds.get(`${a.school}/${a.academicYear}`) as string,
		title: a.title,
		description: a.description,
		type: a.type,
		format: a.format,
		yearGroups: a.yearGroups,
		term: a.term,
		halfTerm: a.halfTerm,
		startDate: a.startDate,
		endDate: a.endDate,
		audience: a.audience,
		audienceGroups: a.audienceGroups,
		learningOutcomes: a.learningOutcomes,
		partners: a.partners,
		ownerUserId: user(a.ownerEmail),
		purposeShared: a.purposeShared,
		outcomesSet: a.outcomesSet,
		twoWayInteraction: a.twoWayInteraction,
		reflection: a.reflection,
		employerSetTask: a.employerSetTask,
		employerFeedback: a.employerFeedback,
		copiedFromId: a.copiedFromRef ? (activityIds.get(a.copiedFromRef) ?? null) : null
	}));
	for (let i = 0; i < activityRows.length; i += 100) {
		await tx.insert(activities).values(activityRows.slice(i, i + 100));
	}
	await bulkInsert(
		tx,
		activityBenchmarks,
		data.activities.flatMap((a) =>
			a.benchmarks.map((benchmark) => ({ activityId: activityIds.get(a.ref) as string, benchmark }))
		),
		BATCH
	);
	await bulkInsert(
		tx,
		activityAims,
		data.activities.flatMap((a) =>
			a.aims.map((key) => ({
				activityId: activityIds.get(a.ref) as string,
				aimId: aimIds.get(`${a.school}/${a.academicYear}/${key}`) as string
			}))
		),
		BATCH
	);

	await tx.insert(developmentActions).values(
		data.actions.map((a) => ({
			schoolId: schoolIds[a.school],
			academicYear: a.academicYear,
			title: a.title,
			benchmarks: a.benchmarks,
			ownerUserId: user(a.ownerEmail),
			dueDate: a.dueDate,
			status: a.status,
			evidence: a.evidence,
			gapBenchmark: a.gapBenchmark,
			gapYearGroup: a.gapYearGroup
		}))
	);

	await bulkInsert(
		tx,
		leadershipModels,
		data.models.map((m) => ({ schoolId: schoolIds[m.school], modelId: m.modelId, note: m.note }))
	);
	await bulkInsert(
		tx,
		leadershipTaskAssignments,
		data.assignments.map((a) => ({
			schoolId: schoolIds[a.school],
			taskId: a.taskId,
			userId: user(a.ownerEmail),
			hoursPerWeek: a.hoursPerWeek
		}))
	);
	await bulkInsert(
		tx,
		conditionRatings,
		data.ratings.map((r) => ({
			schoolId: schoolIds[r.school],
			ratedOn: r.ratedOn,
			clarityOfRoles: r.scores[0],
			authorityAndPower: r.scores[1],
			timeAndResources: r.scores[2],
			expertise: r.scores[3],
			comment: r.comment,
			ratedBy: user(r.ratedByEmail)
		}))
	);
	await bulkInsert(
		tx,
		cpdRecords,
		data.cpd.map((c) => ({
			schoolId: schoolIds[c.school],
			userId: user(c.email),
			kind: c.kind,
			title: c.title,
			provider: c.provider,
			startDate: c.startDate,
			endDate: c.endDate,
			accredited: c.accredited,
			evidence: c.evidence
		}))
	);
	const now = new Date();
	for (const info of data.information) {
		await tx.insert(careersInformation).values({
			...info.fields,
			schoolId: schoolIds[info.school],
			careersLeaderUserId: user(info.leaderEmail),
			publishedAt: info.published ? now : null,
			updatedAt: now
		});
	}
}
