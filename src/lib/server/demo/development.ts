/**
 * The demo's staff development (issue 6, seed 002 "Leading with purpose"), generated deterministically
 * from the demo's seed and "today", and written by createDemo inside its one transaction.
 *
 * Northfield University School of Education, a teacher-training provider, runs seed 002's programme for
 * its PGCE Secondary cohort of the demo's current academic year: twelve trainees at varied stages of their
 * workbooks (three not started, some with the start questionnaire only, one part-way, five finished),
 * two of them placed at Riverside Academy and three at Hillcrest School, the rest at schools not in
 * Waymark. What each shares with the tutor varies, so the cohort figures read "from N of M". Riverside's
 * departments have careers maps for art and design (seed 002's grid), computer science (seed 002's
 * career cards), physical education and mathematics; the trainee account has a computer science map of
 * their own offered to Riverside.
 *
 * Nothing is dated after the day before `today`: the programme's work is spread over the time from the
 * start of the cohort (September of the current academic year) to yesterday, so the demo reads the same
 * on any date. The trainee account's postcard reminder is always in the future, so starting the demo
 * never sends it; reminders already due are marked as sent.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { academicYearStart } from '../../domain/academic-year.ts';
import type { NetworkSphere, PromiseProgress, TieType, WorkbookPart } from '../../domain/development.ts';
import { reminderInstant } from '../../domain/reminders.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import { seededRandom, type Random } from '../../domain/seeded-random.ts';
import type { Tx } from '../db/client.ts';
import {
	appreciations,
	benchmarkReflections,
	criticalIncidents,
	developmentCohorts,
	developmentParticipants,
	memberships,
	networkContacts,
	networkSnapshots,
	occupations,
	organisations,
	promisePostcards,
	purposeRatings,
	purposeResponses,
	purposeStatements,
	scheduledJobs,
	subjectMapEntries,
	subjectMaps,
	users
} from '../db/schema/index.ts';
import { POSTCARD_HOUR, POSTCARD_JOB_KIND, postcardJobKey } from '../development/postcard.ts';
import { addSeedProgramme } from '../development/seed-programme.ts';
import { DEMO_EMAIL_DOMAIN } from './generate.ts';

export const DEMO_PROVIDER_NAME = 'Northfield University School of Education';
export const DEMO_PROVIDER_UKPRN = '10007316';
export const DEMO_TUTOR_EMAIL = `programme.tutor@${DEMO_EMAIL_DOMAIN}`;
export const DEMO_TRAINEE_EMAIL = `trainee@${DEMO_EMAIL_DOMAIN}`;
/** The subjects of Riverside's departmental careers maps, as the subject-map form names them. */
export const DEMO_MAP_SUBJECTS = ['Art and design', 'Computer science', 'Physical education', 'Mathematics'] as const;

// ---- dates ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
const maxDate = (a: string, b: string) => (a > b ? a : b);

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

/**
 * The programme's calendar: the cohort runs September to July of the academic year; the workbook work
 * done so far is spread from the cohort's start (or four weeks back, early in September) to yesterday.
 */
type Calendar = {
	academicYear: number;
	startsOn: string;
	endsOn: string;
	/** First and last day anything in a workbook is dated. */
	from: string;
	to: string;
};

function calendarFor(today: string): Calendar {
	const academicYear = academicYearStart(today);
	const startsOn = weekdayOnOrAfter(`${academicYear}-09-07`);
	const endsOn = weekdayOnOrBefore(`${academicYear + 1}-07-09`);
	const to = today > endsOn ? endsOn : addDays(today, -1);
	const from = toDay(to) - toDay(startsOn) < 28 ? addDays(to, -28) : startsOn;
	return { academicYear, startsOn, endsOn, from, to };
}

/** The date a fraction of the way through the workbook window (0 = its first day, 1 = yesterday). */
function dateAt(calendar: Calendar, fraction: number): string {
	const span = toDay(calendar.to) - toDay(calendar.from);
	const date = weekdayOnOrBefore(fromDay(toDay(calendar.from) + Math.round(Math.min(1, Math.max(0, fraction)) * span)));
	return date < calendar.from ? calendar.from : date;
}

// ---- the cohort -----------------------------------------------------------------------------------------

/** How far a trainee has got with their workbook. */
type Stage = 'not-started' | 'start-only' | 'networked' | 'part-way' | 'finished';

type Placement = { school: 'riverside' | 'hillcrest' } | { name: string };

type TraineePlan = {
	local: string;
	name: string;
	subject: string;
	placement1: Placement;
	placement2: Placement;
	stage: Stage;
	/** For finished trainees: whether their sense of purpose grew over the programme, or stayed flat. */
	growth?: 'grew' | 'flat';
	shares: readonly WorkbookPart[];
};

const ALL_PARTS: readonly WorkbookPart[] = [
	'purpose',
	'network',
	'reflection',
	'timeline',
	'postcard',
	'appreciation',
	'subject-maps'
];

const RIVERSIDE: Placement = { school: 'riverside' };
const HILLCREST: Placement = { school: 'hillcrest' };

/** The twelve trainees. The first is the demo's trainee account. */
const TRAINEES: readonly TraineePlan[] = [
	{
		local: 'trainee',
		name: 'Sam Patel',
		subject: 'Computer science',
		placement1: RIVERSIDE,
		placement2: { name: 'Ashgrove High School' },
		stage: 'part-way',
		shares: ['purpose', 'network', 'subject-maps']
	},
	{
		local: 'grace.whitaker',
		name: 'Grace Whitaker',
		subject: 'Art and design',
		placement1: { name: 'Millbrook Academy' },
		placement2: RIVERSIDE,
		stage: 'finished',
		growth: 'grew',
		shares: ALL_PARTS
	},
	{
		local: 'daniel.osei',
		name: 'Daniel Osei',
		subject: 'Physical education',
		placement1: HILLCREST,
		placement2: { name: 'Westgate Community School' },
		stage: 'finished',
		growth: 'grew',
		shares: ['purpose', 'network', 'reflection', 'appreciation']
	},
	{
		local: 'priya.sharma',
		name: 'Priya Sharma',
		subject: 'Mathematics',
		placement1: { name: 'Westgate Community School' },
		placement2: HILLCREST,
		stage: 'finished',
		growth: 'flat',
		shares: ['purpose', 'appreciation']
	},
	{
		local: 'tom.gallagher',
		name: 'Tom Gallagher',
		subject: 'English',
		placement1: { name: 'Ashgrove High School' },
		placement2: { name: 'Millbrook Academy' },
		stage: 'finished',
		growth: 'grew',
		shares: []
	},
	{
		local: 'fatima.begum',
		name: 'Fatima Begum',
		subject: 'Biology',
		placement1: HILLCREST,
		placement2: { name: "St Aidan's Church of England High School" },
		stage: 'finished',
		growth: 'grew',
		shares: ALL_PARTS
	},
	{
		local: 'owen.llewellyn',
		name: 'Owen Llewellyn',
		subject: 'History',
		placement1: { name: "St Aidan's Church of England High School" },
		placement2: { name: 'Brookside Community College' },
		stage: 'start-only',
		shares: ['purpose']
	},
	{
		local: 'chloe.martin',
		name: 'Chloe Martin',
		subject: 'Geography',
		placement1: { name: 'Brookside Community College' },
		placement2: { name: 'Ashgrove High School' },
		stage: 'networked',
		shares: ['network']
	},
	{
		local: 'jakub.kowalski',
		name: 'Jakub Kowalski',
		subject: 'French',
		placement1: { name: 'Millbrook Academy' },
		placement2: { name: 'Westgate Community School' },
		stage: 'start-only',
		shares: []
	},
	{
		local: 'ellie.thompson',
		name: 'Ellie Thompson',
		subject: 'Music',
		placement1: { name: 'Brookside Community College' },
		placement2: { name: "St Aidan's Church of England High School" },
		stage: 'not-started',
		shares: []
	},
	{
		local: 'marcus.reid',
		name: 'Marcus Reid',
		subject: 'Design and technology',
		placement1: { name: 'Westgate Community School' },
		placement2: { name: 'Brookside Community College' },
		stage: 'not-started',
		shares: []
	},
	{
		local: 'zainab.ali',
		name: 'Zainab Ali',
		subject: 'Religious studies',
		placement1: { name: 'Ashgrove High School' },
		placement2: { name: 'Millbrook Academy' },
		stage: 'not-started',
		shares: []
	}
];

// ---- what trainees write ---------------------------------------------------------------------------------

const ASPIRATIONS = [
	'a head of department who makes every pupil see where the subject can take them',
	'a teacher pupils remember for opening doors they did not know were there',
	'a pastoral leader who knows every pupil and their next step',
	'a careers leader in a school like the one I went to',
	'a teacher who brings the world of work into every lesson',
	'a subject leader and, one day, a headteacher'
] as const;

type ContactIdea = readonly [name: string, help: string, introduce: string];

/** Contacts by sphere, in the style of seed 002's worked example. */
const CONTACTS: Record<NetworkSphere, readonly ContactIdea[]> = {
	friends: [
		['Jess', 'Works in marketing; could talk about creative jobs', "Her agency's graduate recruiter"],
		['Tom', 'Runs a bike repair shop on the high street', 'Other small business owners'],
		['Kwame', 'Police officer', "The force's schools liaison team"],
		['Leah', 'Apprentice electrician', 'Her training provider at the college'],
		['Ben', 'Software tester at a games studio', 'Designers and producers at the studio']
	],
	family: [
		['Mum', 'Nurse for 25 years; honest about shift work', 'Ward managers at the hospital'],
		['Uncle Raj', 'Accountant in a local firm', 'Partners at the firm'],
		['Claire', 'Legal knowledge', 'Other lawyers'],
		['Grandad', 'Forty years as an engineer at the car plant', 'Retired engineers who volunteer'],
		['Aunt Bea', 'Runs a hair salon', 'The local business network']
	],
	university: [
		['Tracey', 'Access to senior leaders in partnership schools', 'Education networks'],
		['Dr Lewis', 'Subject teaching lecturer', 'The subject association'],
		['Mo', 'Course mate; shares resources and placement tips', 'Their mentor at placement'],
		['Careers service adviser', 'CV and interview practice', 'The employer relations team']
	],
	employers: [
		['Bruce', 'Could speak to pupils about engineering', 'Leaders from the tech sector'],
		['Nina', 'HR at the hospital trust; runs work experience', 'The apprenticeship team'],
		['Site manager at a construction firm', 'Site visits for Year 10', 'Their apprentices'],
		['Gallery learning officer', 'Workshops for pupils', 'Local artists'],
		['Data team lead at the council', 'Real data sets for lessons', 'Council planners']
	],
	professional: [
		['Olly', 'Roles in system reform', 'Researchers and system leaders'],
		['Careers leader at placement school', 'How the careers programme runs', 'The Careers Hub lead'],
		['Enterprise adviser', 'Links with local employers', 'The Careers Hub'],
		['Subject association regional lead', 'Training and resources', 'Teachers in other schools']
	]
};

const TIE_TYPES_BY_SPHERE: Record<NetworkSphere, readonly TieType[]> = {
	friends: ['bonding', 'bridging'],
	family: ['bonding'],
	university: ['bridging', 'bonding'],
	employers: ['linking', 'bridging'],
	professional: ['linking', 'bridging']
};

const STRENGTH_BY_SPHERE: Record<NetworkSphere, readonly [number, number]> = {
	friends: [5, 8],
	family: [8, 10],
	university: [4, 7],
	employers: [2, 4],
	professional: [3, 6]
};

/** Per benchmark: what a trainee noticed on placement 1, and what they found out on placement 2. */
const REFLECTIONS: Record<number, { noticed: readonly string[]; foundOut: readonly string[] }> = {
	1: {
		noticed: [
			'The careers programme is on the school website, but few staff I asked knew it was there.',
			'There is a named careers leader who sits on the pastoral team.'
		],
		foundOut: [
			'The careers leader reviews the programme each summer with pupils, parents and the link governor.',
			'The programme is planned year by year and every department has a slot in it.'
		]
	},
	2: {
		noticed: [
			'Labour market information appears in tutor time as a weekly "job of the week".',
			'Pupils use an online careers platform in Year 9 options lessons.'
		],
		foundOut: [
			'Local labour market posters from the Careers Hub are used in Year 10 assemblies.',
			'Parents get a termly newsletter with local job and apprenticeship figures.'
		]
	},
	3: {
		noticed: [
			'Pupils with SEND have careers meetings with the SENCO in the room.',
			'Destinations are tracked for three years after pupils leave.'
		],
		foundOut: [
			'Disadvantaged pupils get their guidance interview first, in Year 10.',
			'Records of each pupil\u2019s careers activities follow them into the sixth form.'
		]
	},
	4: {
		noticed: [
			'Few lessons in my department mentioned careers at all.',
			'Science lessons had a "careers link" slide at the start of each unit.'
		],
		foundOut: [
			'Each department has a careers map; mine was half empty, so I offered to add to it.',
			'Subject leaders are asked to show one careers link per half-term in their schemes of work.'
		]
	},
	5: {
		noticed: [
			'Year 8 had an employer speed-networking morning in the hall.',
			'An engineering firm runs a lunchtime club with Year 9.'
		],
		foundOut: [
			'Every year group has at least one employer encounter, logged by the careers administrator.',
			'Former pupils come back to talk about their apprenticeships.'
		]
	},
	6: {
		noticed: [
			'Year 10 work experience week was cancelled last year and is being rebuilt.',
			'Year 12 do a week of work experience in July.'
		],
		foundOut: [
			'Workplace visits are planned for every pupil in Year 9, with virtual tours for those who cannot travel.',
			'The school uses local employers for mock interviews in Year 11.'
		]
	},
	7: {
		noticed: [
			'The sixth form open evening is the main link with further education.',
			'A university visit for Year 9 was oversubscribed.'
		],
		foundOut: [
			'Colleges and apprenticeship providers present at a Year 10 assembly each spring (the provider access rules).',
			'Year 8 visit the local university and the FE college in the same week.'
		]
	},
	8: {
		noticed: [
			'A level 6 careers adviser is in school two days a week.',
			'Year 11 pupils book guidance meetings through their tutor.'
		],
		foundOut: [
			'Every pupil has a guidance meeting by the end of Year 11 and another before the end of Year 13.',
			'Notes from guidance meetings are shared with the pupil and their tutor.'
		]
	}
};

const PROMISES_TO_MYSELF = [
	'Open every unit with a career that uses it, and ask pupils who they know who does it.',
	'Grow my own network: one new employer contact each half-term.',
	'Keep my careers map up to date and share it with my mentor.',
	'Say yes to helping at the next careers fair.',
	'Read the Careers Hub newsletter every month.'
] as const;

const PROMISES_TO_MY_SCHOOL = [
	"Add a careers link to each half-term of my department's scheme of work.",
	'Bring one employer into my lessons this year.',
	'Talk to the careers leader before planning my Year 9 unit.',
	'Help the department build a careers display.',
	'Invite a former pupil to talk to my tutor group about their apprenticeship.'
] as const;

const REVIEW_NOTES: Record<PromiseProgress, string> = {
	'not-started': 'Placement got busy; I have planned it for my first term as an ECT.',
	'some-way': 'Three units now start with a career; the employer visit is booked for June.',
	achieved: 'Done: the careers map is in the department folder and the employer came in.'
};

const APPRECIATED = [
	'The employer day: seeing how many jobs use my subject.',
	'Mapping my own network and realising how many people I could ask.',
	'Hearing a careers leader talk honestly about the job.',
	'Time to talk with trainees from other subjects.',
	'The careers map template: I used it on placement straight away.'
] as const;

const CURIOUS = [
	'How to fit careers into a full scheme of work without losing content.',
	'Apprenticeships: how they work and how to talk about them.',
	'How careers leaders measure whether any of it makes a difference.',
	'How to reach parents who are wary of university.',
	'The Careers Hub and what it offers new teachers.'
] as const;

// ---- the plan -------------------------------------------------------------------------------------------

export type DemoContact = {
	/** Stays the same for one person across snapshots. */
	person: number;
	name: string;
	sphere: NetworkSphere;
	tieStrength: number;
	tieType: TieType;
	howTheyMightHelp: string;
	couldIntroduce: string;
};

export type DemoWorkbook = {
	purpose: Array<{ occasion: 'start' | 'end'; aspiration: string; answeredOn: string; ratings: number[] }>;
	snapshots: Array<{ takenOn: string; note: string | null; contacts: DemoContact[] }>;
	reflections: Array<{ benchmark: number; placement1: string | null; placement2: string | null }>;
	incidents: Array<{ occurredOn: string; knowledge: number; skills: number; values: number; annotation: string }>;
	postcard: {
		promiseToMyself: string;
		promiseToMySchool: string;
		writtenOn: string;
		achieveBy: string;
		remindOn: string;
		remindedOn: string | null;
		review: { progress: PromiseProgress; note: string; on: string } | null;
	} | null;
	appreciation: { appreciated: string; curious: string; on: string } | null;
};

export type DemoTrainee = Omit<TraineePlan, 'local' | 'growth'> & { email: string; workbook: DemoWorkbook };

export type DemoMapCell = { yearGroup: number; halfTerm: number; careers: readonly string[]; note: string | null };

export type DemoSubjectMap = { subject: string; cells: DemoMapCell[] };

export type DemoDevelopment = {
	academicYear: number;
	provider: { name: string; ukprn: string };
	tutor: { email: string; name: string; jobTitle: string };
	cohort: { name: string; startsOn: string; endsOn: string; invitedOn: string };
	trainees: DemoTrainee[];
	/** Riverside's departmental maps for the current academic year. */
	schoolMaps: DemoSubjectMap[];
	/** The trainee account's own map, offered to Riverside. */
	traineeMap: DemoSubjectMap & { offeredOn: string };
};

const STATEMENTS = 10;

function ratings(random: Random, mean: number): number[] {
	return Array.from({ length: STATEMENTS }, () => Math.min(5, Math.max(1, Math.round(random.normal(mean, 0.7)))));
}

function contactsFor(
	random: Random,
	spheres: readonly NetworkSphere[],
	perSphere: readonly [number, number],
	firstPerson: number
): DemoContact[] {
	const contacts: DemoContact[] = [];
	let person = firstPerson;
	for (const sphere of spheres) {
		const ideas = random.shuffle(CONTACTS[sphere]).slice(0, random.int(perSphere[0], perSphere[1]));
		const [low, high] = STRENGTH_BY_SPHERE[sphere];
		for (const [name, help, introduce] of ideas) {
			contacts.push({
				person: person++,
				name,
				sphere,
				tieStrength: random.int(low, high),
				tieType: random.pick(TIE_TYPES_BY_SPHERE[sphere]),
				howTheyMightHelp: help,
				couldIntroduce: introduce
			});
		}
	}
	return contacts;
}

function placementName(placement: Placement): string {
	if ('name' in placement) return placement.name;
	return placement.school === 'riverside' ? 'Riverside Academy' : 'Hillcrest School';
}

function workbookFor(
	random: Random,
	plan: TraineePlan,
	calendar: Calendar,
	today: string,
	isTraineeAccount: boolean
): DemoWorkbook {
	const workbook: DemoWorkbook = {
		purpose: [],
		snapshots: [],
		reflections: [],
		incidents: [],
		postcard: null,
		appreciation: null
	};
	if (plan.stage === 'not-started') return workbook;
	const finished = plan.stage === 'finished';
	const partWay = plan.stage === 'part-way';

	// Purpose questionnaire: at Session 1, and for those who finished, at Session 4.
	const aspiration = random.pick(ASPIRATIONS);
	const startMean = random.float(2.8, 3.6);
	workbook.purpose.push({
		occasion: 'start',
		aspiration,
		answeredOn: dateAt(calendar, random.float(0.02, 0.08)),
		ratings: ratings(random, startMean)
	});
	if (finished) {
		const endMean = plan.growth === 'flat' ? startMean + random.float(-0.1, 0.15) : startMean + random.float(0.6, 1.2);
		workbook.purpose.push({
			occasion: 'end',
			aspiration,
			answeredOn: dateAt(calendar, random.float(0.9, 0.96)),
			ratings: ratings(random, endMean)
		});
	}
	if (plan.stage === 'start-only') return workbook;

	// Social-capital map: a first snapshot at Session 1; the second, after the employer day, adds weak
	// ties and reaches a sphere the first did not (employers).
	const first = contactsFor(random, ['family', 'friends', 'university'], [1, 2], 0);
	workbook.snapshots.push({
		takenOn: dateAt(calendar, random.float(0.03, 0.1)),
		note: 'Mapped at Session 1.',
		contacts: first
	});
	if (finished) {
		const kept = first.map((c) => ({ ...c, tieStrength: Math.min(10, c.tieStrength + random.int(0, 1)) }));
		const added = contactsFor(random, ['employers', 'professional'], [1, 2], first.length);
		workbook.snapshots.push({
			takenOn: dateAt(calendar, random.float(0.85, 0.9)),
			note: 'After the employer day and placement 2.',
			contacts: [...kept, ...added]
		});
	}
	if (plan.stage === 'networked') return workbook;

	// Gatsby reflection grid: placement 1 for everyone past this point, placement 2 for those who finished.
	const benchmarks = finished ? [1, 2, 3, 4, 5, 6, 7, 8] : random.shuffle([1, 2, 3, 4, 5, 6, 7, 8]).slice(0, 5).sort();
	for (const benchmark of benchmarks) {
		const r = REFLECTIONS[benchmark]!;
		workbook.reflections.push({
			benchmark,
			placement1: random.pick(r.noticed),
			placement2: finished && (benchmark !== 6 || random.chance(0.5)) ? random.pick(r.foundOut) : null
		});
	}

	// Critical-incident timeline: from their own school days to now.
	const levels = { knowledge: random.int(1, 2), skills: random.int(0, 2), values: random.int(3, 5) };
	const rise = (by: number) => {
		levels.knowledge = Math.min(10, levels.knowledge + by + random.int(0, 1));
		levels.skills = Math.min(10, levels.skills + by + random.int(0, 1));
		levels.values = Math.min(10, levels.values + random.int(0, 1));
		return { ...levels };
	};
	const ownSchool = calendar.academicYear - random.int(6, 12);
	workbook.incidents.push({
		occurredOn: `${ownSchool + 1}-03-${String(random.int(10, 28)).padStart(2, '0')}`,
		...levels,
		annotation:
			'My own careers interview in Year 11: twenty minutes and a leaflet. I decided I could do better for my pupils.'
	});
	workbook.incidents.push({
		occurredOn: dateAt(calendar, 0.05),
		...rise(2),
		annotation: 'Session 1: mapping my own network showed how few employers I know.'
	});
	workbook.incidents.push({
		occurredOn: dateAt(calendar, random.float(0.3, 0.4)),
		...rise(1),
		annotation: `Placement 1 at ${placementName(plan.placement1)}: shadowed the careers leader for a morning.`
	});
	if (finished) {
		workbook.incidents.push({
			occurredOn: dateAt(calendar, random.float(0.45, 0.5)),
			...rise(2),
			annotation: 'Session 2, the employer day: four employers, and every one of them used my subject.'
		});
		workbook.incidents.push({
			occurredOn: dateAt(calendar, random.float(0.75, 0.8)),
			...rise(1),
			annotation: `Placement 2 at ${placementName(plan.placement2)}: added careers to my department's map.`
		});
	}

	// The promise postcard, written at Session 4 (the trainee account writes theirs early), posted back
	// in February and to be achieved by July.
	if (finished || partWay) {
		const writtenOn = dateAt(calendar, finished ? random.float(0.92, 0.97) : 0.6);
		const february = `${calendar.academicYear + 1}-02-10`;
		let remindOn = maxDate(february, addDays(writtenOn, 28));
		// The trainee account's reminder is always still to come, so the demo never sends it at start-up.
		if (isTraineeAccount) remindOn = maxDate(remindOn, addDays(today, 14));
		const achieveBy = maxDate(`${calendar.academicYear + 1}-07-17`, remindOn);
		const reminded = remindOn < today;
		const reviewOn = addDays(remindOn, 21);
		const progress = random.pick(['some-way', 'achieved', 'not-started', 'some-way'] as const);
		workbook.postcard = {
			promiseToMyself: random.pick(PROMISES_TO_MYSELF),
			promiseToMySchool: random.pick(PROMISES_TO_MY_SCHOOL),
			writtenOn,
			achieveBy,
			remindOn,
			remindedOn: reminded ? remindOn : null,
			review:
				reminded && reviewOn < today && random.chance(0.6)
					? { progress, note: REVIEW_NOTES[progress], on: reviewOn }
					: null
		};
	}

	if (finished) {
		workbook.appreciation = {
			appreciated: random.pick(APPRECIATED),
			curious: random.pick(CURIOUS),
			on: dateAt(calendar, random.float(0.96, 1))
		};
	}
	return workbook;
}

// ---- subject maps ---------------------------------------------------------------------------------------

/** Seed 002's art and design grid, Years 7–11, half-terms Autumn 1 to Summer 2, as the seed gives it. */
const ART_AND_DESIGN: readonly (readonly string[])[] = [
	['Art curator', 'Tattooist', 'Sport photographer', 'Architect', 'Book illustrator', 'Character designer'],
	['Paleoartist', 'Graphic designer', 'Furniture designer', 'Events photographer', 'Animator', 'Fashion designer'],
	['Cinematographer', 'Glass maker', 'Product designer', 'Set designer', 'Muralist', 'Community arts worker'],
	[
		'Live-wedding painter',
		'Art consultant',
		'Art historian',
		'Art conservator',
		'Medical illustrator',
		'Freelance artist'
	],
	['Art critic', 'Ceramicist', 'Art technician', 'Toy designer', 'Medical illustrator', 'Art therapist']
];

type Unit = readonly [note: string, careers: readonly string[]];

/** Seed 002's thirty computer science career cards, placed against a typical Key Stage 3 and GCSE course. */
const COMPUTER_SCIENCE: readonly (readonly (Unit | null)[])[] = [
	[
		['Online safety and the school network', ['Helpdesk assistant']],
		['Spreadsheets and data', ['Data analyst']],
		['Programming games in Scratch', ['Video game combat designer']],
		['Building web pages in HTML', ['Web designer']],
		['Inside the computer', ['Hardware technician']],
		['Graphics and animation', ['3D animator']]
	],
	[
		['Programming in Python', ['Software engineer']],
		['Networks and the internet', ['Computer network architect']],
		['Binary and secret codes', ['Cryptographer']],
		['Digital media', ['Video editor']],
		['Designing an app', ['App developer']],
		['Physical computing', ['Robotics engineer']]
	],
	[
		['Cyber security', ['Ethical hacker']],
		['Databases and SQL', ['Database administrator']],
		['Designing for users', ['User experience (UX) designer']],
		['Artificial intelligence', ['AI engineer']],
		['3D modelling', ['VR developer', 'CAD engineer']],
		['Digital footprint and social media', ['Social media manager']]
	],
	[
		['Algorithms', ['Full stack developer']],
		['Programming fundamentals and testing', ['Quality assurance analyst']],
		['Network security', ['Cyber security specialist']],
		['Data representation: images and sound', ['CGI artist']],
		['Ethical, legal and environmental issues', ['Computer forensics examiner']],
		['Programming project', ['Digital content producer']]
	],
	[
		['Searching and sorting large data sets', ['Bioinformatics engineer']],
		['Boolean logic', ['CNC designer']],
		['Producing robust programs', ['Geospatial technology specialist']],
		['Revision: teamwork and strategy', ['Esports coach']],
		['Exam preparation', ['Computer science teacher']],
		null
	]
];

/** Seed 002's careers in tennis and dance, with more from the library, against a typical PE course. */
const PHYSICAL_EDUCATION: readonly (readonly (Unit | null)[])[] = [
	[
		['Invasion games', ['Sports coach']],
		['Gymnastics', ['Physiotherapist']],
		['Dance', ['Choreologist']],
		['Fitness', ['Personal trainer']],
		['Athletics', ['Sport photographer']],
		['Tennis', ['Line judge']]
	],
	[
		['Invasion games', ['Sports scientist']],
		['Dance', ['Dance film producer']],
		['Badminton', ['Sports performance analyst']],
		['Fitness', ['Fitness and wellbeing instructors']],
		['Striking and fielding', ['Sports coaches, instructors and officials']],
		['Tennis', ['Disability tennis coach', 'Tennis court supervisor']]
	],
	[
		['Sports leadership', ['PE teacher']],
		['Dance', ['Dance education officer']],
		['Health-related fitness', ['Dance health practitioner']],
		['Tactics and strategy', ['Esports coach']],
		['Tennis', ['Tennis court supervisor']],
		['Athletics', ['Sports performance analyst']]
	],
	[
		['Applied anatomy and physiology', ['Physiotherapist']],
		['Movement analysis', ['Sports scientist']],
		['Sports psychology', ['Sports coach']],
		['Socio-cultural influences', ['Leisure and sports managers and proprietors']],
		['Health, fitness and well-being', ['Personal trainer']],
		['Analysing and evaluating performance', ['Sports performance analyst']]
	],
	[
		['Inclusive sport', ['Disability tennis coach']],
		['Officiating', ['Line judge']],
		['Physical training', ['Dance health practitioner']],
		['Coursework moderation', ['PE teacher']],
		['Exam preparation', ['Sports scientist']],
		null
	]
];

/** Careers for mathematics; Year 10's statistics and probability units are seed 002's Key Stage 4 examples. */
const MATHEMATICS: readonly (readonly (Unit | null)[])[] = [
	[
		['Place value and number', ['Accountant']],
		['Algebraic thinking', ['Software engineer']],
		['Angles and shapes', ['Architect']],
		['Fractions, decimals and percentages', ['Financial analyst']],
		['Collecting and presenting data', ['Data analyst']],
		['Ratio and proportion', ['Quantity surveyor']]
	],
	[
		['Sequences', ['Cryptographer']],
		['Area and volume', ['Civil engineer']],
		['Probability', ['Actuary']],
		['Speed, distance and time', ['Air traffic controller']],
		['Averages and charts', ['Statistician']],
		['Coordinates and graphs', ['Geospatial technology specialist']]
	],
	[
		['Standard form', ['Physical scientists']],
		["Pythagoras' theorem", ['CAD engineer']],
		['Linear graphs', ['Economist']],
		['Percentages and interest', ['Accountant']],
		['Trigonometry', ['Civil engineer']],
		['Problem solving', ['Mathematics teacher']]
	],
	[
		['Box plots, averages, spread and scatter graphs', ['Managers and directors in retail and wholesale']],
		['Interpreting tables', ['Newspaper and periodical broadcast journalists and reporters']],
		['Interpreting, standard form and probability', ['Environment professionals']],
		['Sampling', ['Chartered architectural technologists, planning officers and consultants']],
		['Interpreting data', ['Physical scientists']],
		['Algebraic proof', ['AI engineer']]
	],
	[
		['Quadratics', ['Software engineer']],
		['Vectors', ['Air traffic controller']],
		['Compound measures', ['Quantity surveyor']],
		['Statistics revision', ['Actuary']],
		['Exam preparation', ['Statistician']],
		null
	]
];

function mapFromUnits(subject: string, years: readonly (readonly (Unit | null)[])[]): DemoSubjectMap {
	const cells: DemoMapCell[] = [];
	years.forEach((halfTerms, y) =>
		halfTerms.forEach((unit, h) => {
			if (unit) cells.push({ yearGroup: 7 + y, halfTerm: h + 1, careers: unit[1], note: unit[0] });
		})
	);
	return { subject, cells };
}

function schoolMaps(): DemoSubjectMap[] {
	const art: DemoSubjectMap = {
		subject: 'Art and design',
		cells: ART_AND_DESIGN.flatMap((halfTerms, y) =>
			halfTerms.map((career, h) => ({ yearGroup: 7 + y, halfTerm: h + 1, careers: [career], note: null }))
		)
	};
	return [
		art,
		mapFromUnits('Computer science', COMPUTER_SCIENCE),
		mapFromUnits('Physical education', PHYSICAL_EDUCATION),
		mapFromUnits('Mathematics', MATHEMATICS)
	];
}

/** The trainee account's own map: the units they taught on placement at Riverside. */
const TRAINEE_MAP: readonly DemoMapCell[] = [
	{ yearGroup: 7, halfTerm: 3, careers: ['Video game combat designer', 'Esports coach'], note: 'Scratch games unit' },
	{ yearGroup: 8, halfTerm: 2, careers: ['Computer network architect', 'Cyber security specialist'], note: 'Networks' },
	{ yearGroup: 8, halfTerm: 3, careers: ['Software engineer', 'App developer'], note: 'Python' },
	{ yearGroup: 9, halfTerm: 2, careers: ['Data analyst', 'Bioinformatics engineer'], note: 'Databases and SQL' }
];

/** Every career title the demo maps; each must be in the shared occupations library. */
export function demoMapCareerTitles(development: DemoDevelopment): string[] {
	const maps = [...development.schoolMaps, development.traineeMap];
	return [...new Set(maps.flatMap((m) => m.cells.flatMap((c) => c.careers)))].sort();
}

/** The demo's provider, cohort, workbooks and subject maps. Pure: the same seed and date give the same plan. */
export function generateDemoDevelopment(seed: string, today: string): DemoDevelopment {
	const calendar = calendarFor(today);
	const random = seededRandom(`${seed}:development`);
	const year = calendar.academicYear;
	const trainees = TRAINEES.map((plan, i): DemoTrainee => {
		const { local, growth: _growth, ...rest } = plan;
		return {
			...rest,
			email: `${local}@${DEMO_EMAIL_DOMAIN}`,
			workbook: workbookFor(random.fork(local), plan, calendar, today, i === 0)
		};
	});
	return {
		academicYear: year,
		provider: { name: DEMO_PROVIDER_NAME, ukprn: DEMO_PROVIDER_UKPRN },
		tutor: {
			email: DEMO_TUTOR_EMAIL,
			name: 'Dr Amira Haddad',
			jobTitle: 'Senior Lecturer in Education, PGCE Secondary careers lead'
		},
		cohort: {
			name: `PGCE Secondary ${year}/${String((year + 1) % 100).padStart(2, '0')}`,
			startsOn: calendar.startsOn,
			endsOn: calendar.endsOn,
			invitedOn: addDays(calendar.startsOn, -10)
		},
		trainees,
		schoolMaps: schoolMaps(),
		traineeMap: { subject: 'Computer science', cells: [...TRAINEE_MAP], offeredOn: dateAt(calendar, 0.5) }
	};
}

// ---- writing --------------------------------------------------------------------------------------------

/**
 * Scheduled jobs are not tied to participants by a key, so when the demo is removed its postcard
 * reminders (the demo's own and any a visitor saved) go explicitly, before the organisations that
 * cascade to the participants.
 */
export async function removeDemoDevelopmentJobs(tx: Tx, organisationIds: readonly string[]): Promise<void> {
	if (organisationIds.length === 0) return;
	const ids = sql.join(
		organisationIds.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	await tx.execute(sql`
		delete from scheduled_jobs where key in (
			select ${`${POSTCARD_JOB_KIND}:`}::text || p.id::text
			from development_participants p
			join development_cohorts c on c.id = p.cohort_id
			join development_programmes g on g.id = c.programme_id
			where g.organisation_id in (${ids}))`);
}

/** A London morning as an instant (close enough for demo timestamps). */
const at = (iso: string, time = '09:00') => new Date(`${iso}T${time}:00Z`);

/**
 * Writes the development demo inside createDemo's transaction and returns the provider's id and the
 * sign-ins to print. Career titles not in the shared library are left off the maps (a test checks none are).
 */
export async function writeDemoDevelopment(
	tx: Tx,
	development: DemoDevelopment,
	schoolIds: { riverside: string; hillcrest: string },
	passwordHash: string
): Promise<{ providerId: string; signIns: Array<{ role: string; email: string; school: string }> }> {
	const providerId = randomUUID();
	await tx.insert(organisations).values({
		id: providerId,
		kind: 'training-provider',
		name: development.provider.name,
		ukprn: development.provider.ukprn,
		isDemo: true
	});

	const people = [
		{ ...development.tutor, roles: ['programme-tutor'] },
		...development.trainees.map((t) => ({
			email: t.email,
			name: t.name,
			jobTitle: `PGCE Secondary trainee (${t.subject})`,
			roles: ['trainee']
		}))
	];
	const userIds = new Map(people.map((p) => [p.email, randomUUID()]));
	const userId = (email: string) => userIds.get(email) as string;
	await tx
		.insert(users)
		.values(people.map((p) => ({ id: userId(p.email), email: p.email, name: p.name, passwordHash })));
	await tx
		.insert(memberships)
		.values(
			people.map((p) => ({ userId: userId(p.email), organisationId: providerId, roles: p.roles, jobTitle: p.jobTitle }))
		);

	const programmeId = await addSeedProgramme(tx, providerId);
	const statements = await tx
		.select({ id: purposeStatements.id })
		.from(purposeStatements)
		.where(eq(purposeStatements.programmeId, programmeId))
		.orderBy(asc(purposeStatements.position));

	const cohortId = randomUUID();
	await tx.insert(developmentCohorts).values({
		id: cohortId,
		programmeId,
		name: development.cohort.name,
		startsOn: development.cohort.startsOn,
		endsOn: development.cohort.endsOn
	});

	const placement = (p: Placement) =>
		'name' in p ? { id: null, name: p.name } : { id: schoolIds[p.school], name: null };
	const participantIds = new Map(development.trainees.map((t) => [t.email, randomUUID()]));
	const participantId = (email: string) => participantIds.get(email) as string;
	await tx.insert(developmentParticipants).values(
		development.trainees.map((t) => ({
			id: participantId(t.email),
			cohortId,
			userId: userId(t.email),
			email: t.email,
			name: t.name,
			kind: 'trainee',
			subject: t.subject,
			placement1SchoolId: placement(t.placement1).id,
			placement1Name: placement(t.placement1).name,
			placement2SchoolId: placement(t.placement2).id,
			placement2Name: placement(t.placement2).name,
			sharedParts: [...t.shares],
			invitedAt: at(development.cohort.invitedOn)
		}))
	);

	const responses = development.trainees.flatMap((t) =>
		t.workbook.purpose.map((r) => ({ ...r, id: randomUUID(), participantId: participantId(t.email) }))
	);
	if (responses.length > 0) {
		await tx.insert(purposeResponses).values(
			responses.map((r) => ({
				id: r.id,
				participantId: r.participantId,
				occasion: r.occasion,
				aspiration: r.aspiration,
				answeredOn: r.answeredOn,
				updatedAt: at(r.answeredOn, '16:00')
			}))
		);
		await tx
			.insert(purposeRatings)
			.values(
				responses.flatMap((r) =>
					statements.map((s, i) => ({ responseId: r.id, statementId: s.id, rating: r.ratings[i % r.ratings.length]! }))
				)
			);
	}

	const snapshots = development.trainees.flatMap((t) => {
		const personKeys = new Map<number, string>();
		const key = (person: number) => {
			if (!personKeys.has(person)) personKeys.set(person, randomUUID());
			return personKeys.get(person) as string;
		};
		return t.workbook.snapshots.map((s) => ({
			id: randomUUID(),
			participantId: participantId(t.email),
			takenOn: s.takenOn,
			note: s.note,
			contacts: s.contacts.map((c) => ({ ...c, personKey: key(c.person) }))
		}));
	});
	if (snapshots.length > 0) {
		await tx.insert(networkSnapshots).values(
			snapshots.map((s) => ({
				id: s.id,
				participantId: s.participantId,
				takenOn: s.takenOn,
				note: s.note,
				createdAt: at(s.takenOn, '16:00')
			}))
		);
		await tx.insert(networkContacts).values(
			snapshots.flatMap((s) =>
				s.contacts.map((c, position) => ({
					snapshotId: s.id,
					personKey: c.personKey,
					name: c.name,
					sphere: c.sphere,
					tieStrength: c.tieStrength,
					tieType: c.tieType,
					howTheyMightHelp: c.howTheyMightHelp,
					couldIntroduce: c.couldIntroduce,
					position
				}))
			)
		);
	}

	const reflections = development.trainees.flatMap((t) =>
		t.workbook.reflections.map((r) => ({ ...r, participantId: participantId(t.email) }))
	);
	if (reflections.length > 0) await tx.insert(benchmarkReflections).values(reflections);

	const incidents = development.trainees.flatMap((t) =>
		t.workbook.incidents.map((i) => ({ ...i, participantId: participantId(t.email) }))
	);
	if (incidents.length > 0) await tx.insert(criticalIncidents).values(incidents);

	const postcards = development.trainees.flatMap((t) =>
		t.workbook.postcard ? [{ participantId: participantId(t.email), ...t.workbook.postcard }] : []
	);
	if (postcards.length > 0) {
		await tx.insert(promisePostcards).values(
			postcards.map((p) => ({
				participantId: p.participantId,
				promiseToMyself: p.promiseToMyself,
				promiseToMySchool: p.promiseToMySchool,
				achieveBy: p.achieveBy,
				remindOn: p.remindOn,
				remindedAt: p.remindedOn ? reminderInstant(p.remindedOn, POSTCARD_HOUR) : null,
				reviewProgress: p.review?.progress ?? null,
				reviewNote: p.review?.note ?? null,
				reviewedAt: p.review ? at(p.review.on, '18:00') : null,
				updatedAt: at(p.review?.on ?? p.writtenOn, '16:00')
			}))
		);
	}

	// Reminders still to come are scheduled as saving the postcard would (never one already due).
	const toRemind = postcards.filter((p) => !p.remindedOn);
	if (toRemind.length > 0) {
		await tx.insert(scheduledJobs).values(
			toRemind.map((p) => ({
				kind: POSTCARD_JOB_KIND,
				key: postcardJobKey(p.participantId),
				runAt: reminderInstant(p.remindOn, POSTCARD_HOUR),
				payload: JSON.stringify({ participantId: p.participantId, remindOn: p.remindOn })
			}))
		);
	}

	const appreciationRows = development.trainees.flatMap((t) =>
		t.workbook.appreciation
			? [
					{
						participantId: participantId(t.email),
						appreciated: t.workbook.appreciation.appreciated,
						curious: t.workbook.appreciation.curious,
						updatedAt: at(t.workbook.appreciation.on, '16:00')
					}
				]
			: []
	);
	if (appreciationRows.length > 0) await tx.insert(appreciations).values(appreciationRows);

	// Subject maps: careers picked from the shared library by title.
	const titles = demoMapCareerTitles(development);
	const library = await tx
		.select({ id: occupations.id, title: occupations.title })
		.from(occupations)
		.where(and(isNull(occupations.organisationId), inArray(occupations.title, titles)));
	const occupationIds = new Map(library.map((o) => [o.title, o.id]));

	const traineeAccount = development.trainees[0]!;
	const maps = [
		...development.schoolMaps.map((m) => ({
			map: m,
			row: {
				id: randomUUID(),
				schoolId: schoolIds.riverside,
				subject: m.subject,
				academicYear: development.academicYear
			}
		})),
		{
			map: development.traineeMap as DemoSubjectMap,
			row: {
				id: randomUUID(),
				participantId: participantId(traineeAccount.email),
				subject: development.traineeMap.subject,
				academicYear: development.academicYear,
				offeredToSchoolId: schoolIds.riverside,
				offeredAt: at(development.traineeMap.offeredOn, '17:00')
			}
		}
	];
	await tx.insert(subjectMaps).values(maps.map((m) => m.row));
	const entries = maps.flatMap(({ map, row }) =>
		map.cells.flatMap((cell) =>
			cell.careers.flatMap((title, position) => {
				const occupationId = occupationIds.get(title);
				if (!occupationId) return [];
				return [
					{ mapId: row.id, yearGroup: cell.yearGroup, halfTerm: cell.halfTerm, occupationId, note: cell.note, position }
				];
			})
		)
	);
	if (entries.length > 0) await tx.insert(subjectMapEntries).values(entries);

	return {
		providerId,
		signIns: [
			{ role: ROLE_LABELS['programme-tutor'], email: development.tutor.email, school: development.provider.name },
			{ role: ROLE_LABELS.trainee, email: traineeAccount.email, school: development.provider.name }
		]
	};
}
