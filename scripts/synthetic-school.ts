/**
 * Synthetic schools for the scale benchmark (issue 5 §6) and for tests of the coverage figures:
 * (a) one school — by default 1,500 pupils on roll in Years 7–13 plus the leavers of seven academic
 *     years, with seven years of delivered activities of every type and about 250,000 attendance rows;
 * (b) a trust — any number of such schools in one database under one trust organisation.
 *
 * Deterministic: the same seed and `today` give the same rows (ids included) on every machine. The data
 * deliberately holds every case the rules distinguish: provider access in and out of the school day,
 * with and without times or all four content elements, a phase 1 encounter on 1 March of Year 9 and one
 * on 28 February; non-meaningful employer encounters and workplaces without the employer's feedback;
 * guidance with Level 4 and Level 6 advisers (as activities and as meetings, some only booked);
 * workplace days recorded, in halves, or counted from the dates; phase 3 offered to a whole year group
 * with nobody listed; pupils flagged as considering higher education and others with an intended
 * destination there; late joiners, sixth-form entrants, mid-year leavers, and Year 11 and 13 leavers.
 *
 *   ./node_modules/.bin/node scripts/synthetic-school.ts [--schools=30] [--pupils=1500] [--seed=…]
 *       [--today=YYYY-MM-DD] [--data-dir=folder]          writes into DATABASE_URL, or a PGlite folder
 *
 * From code: generateSyntheticSchool(options) builds the rows in memory; writeSyntheticSchool(db, data)
 * writes one school; createSyntheticTrust(db, …) writes a trust of them.
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import {
	connect,
	refreshPlannerStatistics,
	useDatabase,
	type Db,
	type Queryable,
	type Tx
} from '../src/lib/server/db/client.ts';
import {
	deliveredActivities,
	destinations,
	groupSchools,
	guidanceMeetings,
	organisations,
	pupils
} from '../src/lib/server/db/schema/index.ts';
import { recordSchoolDataChange } from '../src/lib/server/compliance/cache.ts';
import { bulkInsert } from '../src/lib/server/demo/bulk-insert.ts';
import { HERITAGES, surnameFor } from '../src/lib/server/demo/names.ts';
import { seededRandom, type Random } from '../src/lib/domain/seeded-random.ts';
import { academicYearStart } from '../src/lib/domain/academic-year.ts';
import { makeUpn } from '../src/lib/domain/upn.ts';
import { toSchool, type Group, type School } from '../src/lib/server/schools/service.ts';

export const SYNTHETIC_SEED = 'waymark-synthetic';
/** A fixed "today" in the spring term, so runs compare across days (2025/26: the 2024 benchmarks). */
export const SYNTHETIC_TODAY = '2026-03-16';

export type SyntheticOptions = {
	seed?: string;
	/** YYYY-MM-DD: nothing is delivered after it; the academic year it falls in is the current one. */
	today?: string;
	/** Pupils on roll in Years 7–13 today (about); 1,500 by default. */
	pupilsOnRoll?: number;
	/** Academic years of delivered activities, the current one included; 7 by default. */
	years?: number;
	urn?: string;
	name?: string;
	/** Makes the UPNs of several schools in one database distinct (1–999). */
	schoolNumber?: number;
	/** The school's day and compliance settings (otherwise picked from the seed). */
	settings?: Partial<SyntheticSettings>;
};

export type SyntheticSettings = {
	schoolDayStarts: string;
	schoolDayEnds: string;
	atRiskWeeks: number;
	workplaceExperiencesBy16: number | null;
};

type PupilRow = typeof pupils.$inferInsert & { id: string };
type ActivityRow = Omit<typeof deliveredActivities.$inferInsert, 'benchmarks' | 'yearGroups'> & {
	id: string;
	benchmarks: number[];
	yearGroups: number[];
};

export type SyntheticSchoolData = {
	seed: string;
	today: string;
	academicYear: number;
	urn: string;
	name: string;
	settings: SyntheticSettings;
	pupils: PupilRow[];
	activities: ActivityRow[];
	/** Attendance as parallel arrays: positions in `activities` and `pupils`, and whether they came. */
	attendance: { activity: Int32Array; pupil: Int32Array; attended: Uint8Array; length: number };
	meetings: (typeof guidanceMeetings.$inferInsert)[];
	destinations: (typeof destinations.$inferInsert)[];
};

// ---- small helpers -----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function iso(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}
function ms(date: string): number {
	return Date.parse(`${date}T00:00:00Z`);
}
function weekday(date: string): number {
	return new Date(ms(date)).getUTCDay();
}
/** The same day or the next weekday. */
function onWeekday(date: string): string {
	let t = ms(date);
	while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY_MS;
	return iso(t);
}
/** The same day or the weekday before. */
function weekdayOnOrBefore(date: string): string {
	let t = ms(date);
	while ([0, 6].includes(new Date(t).getUTCDay())) t -= DAY_MS;
	return iso(t);
}
function addDays(date: string, days: number): string {
	return iso(ms(date) + days * DAY_MS);
}
/** A weekday in one month of academic year `ay` (month 9–12 in ay, 1–8 in ay + 1), day 1–26 moved to a weekday. */
function dayIn(rng: Random, ay: number, month: number): string {
	const year = month >= 9 ? ay : ay + 1;
	return onWeekday(`${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 26)).padStart(2, '0')}`);
}
const TERM_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7] as const;

function uuid(rng: Random): string {
	let hex = '';
	for (let i = 0; i < 4; i++)
		hex += Math.floor(rng.next() * 0x1_0000_0000)
			.toString(16)
			.padStart(8, '0');
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function time(hour: number, minute = 0): string {
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

// ---- generation --------------------------------------------------------------------------------------

type Meaningful = [boolean, boolean, boolean, boolean, boolean, boolean];
const MEANINGFUL: Meaningful = [true, true, true, true, true, true];
const FOUR_ONLY: Meaningful = [true, true, true, true, false, false];
const NO_REFLECTION: Meaningful = [true, true, true, false, false, false];
const NO_FEEDBACK: Meaningful = [true, true, true, true, true, false];
const ONE_WAY: Meaningful = [true, false, false, false, false, false];

type Plan = {
	title: string;
	type: string;
	benchmarks: number[];
	date: string;
	endDate?: string | null;
	startTime?: string | null;
	endTime?: string | null;
	providerType?: string | null;
	meaningful?: Meaningful;
	days?: number | null;
	/** The four provider access elements. */
	pal?: [boolean, boolean, boolean, boolean];
	adviserLevel?: number | null;
	/** Share of the year group listed (1: everyone on roll that day). 0: offered, nobody listed. */
	share: number;
	/** Only these pupils may be listed (e.g. considering higher education). */
	who?: (p: GeneratedPupil) => boolean;
	/** Year groups it was for; the planning year group by default. */
	yearGroups?: number[];
};

type GeneratedPupil = PupilRow & { attendanceRate: number; he: boolean };

const PAL_ALL: [boolean, boolean, boolean, boolean] = [true, true, true, true];
const PAL_NO_QUESTIONS: [boolean, boolean, boolean, boolean] = [true, true, true, false];

const PROVIDERS = ['fe-college', 'itp', 'apprenticeship-provider', 'sixth-form', 'he-provider'] as const;

/** The careers year of one year group in academic year `ay` (as the school planned and delivered it). */
function plansFor(rng: Random, ay: number, yg: number, s: SyntheticSettings): Plan[] {
	const plans: Plan[] = [];
	const day = (month: number) => dayIn(rng, ay, month);
	const anyMonth = () => day(rng.pick(TERM_MONTHS));
	const inDay = () => {
		const start = rng.int(9, 13);
		return { startTime: time(start, rng.pick([0, 15, 30])), endTime: time(start + 1, rng.pick([0, 30])) };
	};
	const afterSchool = () => {
		const [h, m] = s.schoolDayEnds.split(':').map(Number) as [number, number];
		// 25 minutes after the bell: outside the school day.
		const start = h * 60 + m + 25;
		return {
			startTime: time(Math.floor(start / 60), start % 60),
			endTime: time(Math.floor(start / 60) + 1, start % 60)
		};
	};
	const provider = () => rng.pick(PROVIDERS);

	// Careers and labour market information: whole-year sessions, one tagged "other".
	for (let i = 0; i < 4; i++)
		plans.push({
			title: `Labour market information ${i + 1}`,
			type: 'lmi',
			benchmarks: [2],
			date: anyMonth(),
			share: 1,
			...inDay()
		});
	plans.push({ title: 'Careers assembly', type: 'other', benchmarks: [2, 4], date: anyMonth(), share: 1, ...inDay() });
	for (let i = 0; i < 2; i++)
		plans.push({ title: `Careers in tutor time ${i + 1}`, type: 'other', benchmarks: [2], date: anyMonth(), share: 1 });
	// Careers in subject lessons: classes.
	for (let i = 0; i < 23; i++)
		plans.push({
			title: `Careers in ${rng.pick(['maths', 'English', 'science', 'geography', 'art', 'computing', 'history', 'languages'])} ${i + 1}`,
			type: 'curriculum-link',
			benchmarks: [4],
			date: anyMonth(),
			share: rng.float(0.35, 0.6),
			...inDay()
		});
	// Employers: a fair (meaningful), a talk (no reflection), workshops, a mentoring scheme, an enterprise day.
	plans.push({
		title: 'Careers fair',
		type: 'employer-encounter',
		benchmarks: [5],
		date: day(rng.pick([10, 3])),
		meaningful: FOUR_ONLY,
		share: 1,
		...inDay()
	});
	plans.push({
		title: 'Employer talk',
		type: 'employer-encounter',
		benchmarks: [5],
		date: anyMonth(),
		meaningful: rng.chance(0.5) ? NO_REFLECTION : ONE_WAY,
		share: 1,
		...inDay()
	});
	for (let i = 0; i < 3; i++)
		plans.push({
			title: `Employer workshop ${i + 1}`,
			type: 'employer-encounter',
			benchmarks: [5],
			date: anyMonth(),
			meaningful: rng.chance(0.8) ? FOUR_ONLY : NO_REFLECTION,
			share: rng.float(0.3, 0.6),
			...inDay()
		});
	plans.push({
		title: 'Enterprise day',
		type: 'other',
		benchmarks: [4, 5],
		date: day(rng.pick([6, 7])),
		meaningful: rng.chance(0.7) ? FOUR_ONLY : ONE_WAY,
		share: 1,
		...inDay()
	});
	if (yg >= 9)
		plans.push({
			title: 'Mentoring',
			type: 'employer-encounter',
			benchmarks: [5],
			date: anyMonth(),
			meaningful: FOUR_ONLY,
			share: 0.1,
			...inDay()
		});

	// Experiences of workplaces.
	if (yg <= 9) {
		const date = day(rng.pick([11, 2, 6]));
		plans.push({
			title: 'Workplace visit',
			type: 'workplace-experience',
			benchmarks: [6],
			date,
			days: null,
			meaningful: rng.chance(0.75) ? MEANINGFUL : NO_FEEDBACK,
			share: rng.float(0.3, 0.5),
			...inDay()
		});
		plans.push({
			title: 'Job shadowing (two days)',
			type: 'workplace-experience',
			benchmarks: [6],
			date: onWeekday(day(5)),
			endDate: null,
			days: 2,
			meaningful: MEANINGFUL,
			share: 0.15,
			...inDay()
		});
		plans.push({
			title: 'Virtual work experience',
			type: 'other',
			benchmarks: [6],
			date: anyMonth(),
			meaningful: NO_FEEDBACK,
			share: 0.4
		});
	}
	if (yg === 10) {
		// Work experience week: Monday to Friday in late June; some recorded as days, some only by dates.
		let monday = dayIn(rng, ay, 6);
		while (weekday(monday) !== 1) monday = addDays(monday, 1);
		plans.push({
			title: 'Work experience week',
			type: 'workplace-experience',
			benchmarks: [6],
			date: monday,
			endDate: addDays(monday, 4),
			days: rng.chance(0.5) ? 5 : null,
			meaningful: MEANINGFUL,
			share: 0.8
		});
		plans.push({
			title: 'Work experience (part week)',
			type: 'workplace-experience',
			benchmarks: [6],
			date: monday,
			endDate: addDays(monday, 2),
			days: 2.5,
			meaningful: NO_FEEDBACK,
			share: 0.08
		});
		plans.push({
			title: 'Insight day',
			type: 'workplace-experience',
			benchmarks: [6],
			date: day(2),
			days: 1,
			meaningful: MEANINGFUL,
			share: 0.3,
			...inDay()
		});
	}
	if (yg === 11)
		plans.push({
			title: 'Workplace tour',
			type: 'workplace-experience',
			benchmarks: [6],
			date: day(11),
			meaningful: MEANINGFUL,
			share: 0.25,
			...inDay()
		});
	if (yg === 12) {
		let monday = dayIn(rng, ay, 7);
		while (weekday(monday) !== 1) monday = addDays(monday, 1);
		plans.push({
			title: 'Sixth-form work placement',
			type: 'workplace-experience',
			benchmarks: [6],
			date: monday,
			endDate: addDays(monday, 4),
			meaningful: rng.chance(0.8) ? MEANINGFUL : NO_FEEDBACK,
			share: 0.7
		});
	}
	if (yg === 13)
		plans.push({
			title: 'Industry day',
			type: 'workplace-experience',
			benchmarks: [6],
			date: day(10),
			meaningful: MEANINGFUL,
			share: 0.3,
			...inDay()
		});

	// Provider access: phases 1 and 2 (Years 8–11), with the edge cases.
	const pal = (title: string, date: string, extra: Partial<Plan> = {}) =>
		plans.push({
			title,
			type: 'provider-access',
			benchmarks: [7],
			date,
			providerType: provider(),
			meaningful: FOUR_ONLY,
			pal: PAL_ALL,
			share: 1,
			...inDay(),
			...extra
		});
	if (yg === 8) {
		pal('Provider access: college taster', day(11));
		pal('Provider access: apprenticeships evening', day(2), { ...afterSchool(), share: 0.4 });
		if (rng.chance(0.5)) pal('Provider access: training provider', day(1));
	}
	if (yg === 9) {
		pal('Provider access: options talk', day(10));
		pal('Provider access: on 28 February', weekdayOnOrBefore(`${ay + 1}-02-28`), { share: 0.5 });
		pal('Provider access: 1 March (too late for phase 1)', onWeekday(`${ay + 1}-03-01`), { share: 0.6 });
		pal('Provider access: no times recorded', day(12), { startTime: null, endTime: null, share: 0.3 });
	}
	if (yg === 10) {
		pal('Provider access: technical education', day(10));
		pal('Provider access: questions cut short', day(1), { pal: PAL_NO_QUESTIONS });
		pal('Provider access: T levels', day(2), { endTime: null, share: 0.7 });
	}
	if (yg === 11) {
		pal('Provider access: apprenticeships', day(11));
		pal('Provider access: college', weekdayOnOrBefore(`${ay + 1}-02-28`), { share: 0.8 });
		pal('Sixth-form open evening', day(11), { ...afterSchool(), providerType: 'sixth-form', share: 0.6 });
	}
	// Phase 3 (Years 12–13): offered to the year groups; attending is optional.
	if (yg === 12) {
		pal('Provider access: apprenticeships fair (sixth form)', day(11), { yearGroups: [12, 13], share: 0.3 });
		pal('Provider access: degree apprenticeships', day(1), { yearGroups: [12], share: 0 });
		if (rng.chance(0.5))
			pal('Provider access: after school', day(2), { ...afterSchool(), yearGroups: [12, 13], share: 0.2 });
	}
	if (yg === 13) pal('Provider access: higher technical qualifications', day(10), { yearGroups: [13], share: 0.4 });

	// Encounters with colleges, universities and training providers.
	if (yg === 9)
		plans.push({
			title: 'College visit',
			type: 'fe-encounter',
			benchmarks: [7],
			date: day(6),
			meaningful: rng.chance(0.8) ? FOUR_ONLY : ONE_WAY,
			share: 0.5,
			...inDay()
		});
	if (yg === 10) {
		plans.push({
			title: 'University visit',
			type: 'he-encounter',
			benchmarks: [7],
			date: day(3),
			providerType: 'he-provider',
			meaningful: FOUR_ONLY,
			share: 0.45,
			...inDay()
		});
		plans.push({
			title: 'Employer-led university taster',
			type: 'he-encounter',
			benchmarks: [7],
			date: day(5),
			providerType: 'employer',
			meaningful: FOUR_ONLY,
			share: 0.2,
			...inDay()
		});
	}
	if (yg === 11) {
		plans.push({
			title: 'Training provider workshop',
			type: 'training-provider-encounter',
			benchmarks: [7],
			date: day(12),
			meaningful: rng.chance(0.8) ? FOUR_ONLY : NO_REFLECTION,
			share: 0.6,
			...inDay()
		});
		plans.push({
			title: 'College interviews',
			type: 'fe-encounter',
			benchmarks: [7],
			date: day(1),
			providerType: 'other',
			meaningful: FOUR_ONLY,
			share: 0.3,
			...inDay()
		});
	}
	if (yg >= 12) {
		const he = (p: GeneratedPupil) => p.he;
		plans.push({
			title: 'University open day',
			type: 'he-encounter',
			benchmarks: [7],
			date: day(rng.pick([6, 7])),
			providerType: 'he-provider',
			meaningful: FOUR_ONLY,
			share: 0.8,
			who: he
		});
		plans.push({
			title: 'University summer school',
			type: 'other',
			benchmarks: [7],
			date: day(7),
			providerType: 'he-provider',
			meaningful: FOUR_ONLY,
			share: 0.35,
			who: he
		});
		plans.push({
			title: 'UCAS talk (one way)',
			type: 'he-encounter',
			benchmarks: [7],
			date: day(10),
			meaningful: ONE_WAY,
			share: 1
		});
	}

	// Group guidance sessions, with advisers at Level 6, Level 4 or level not recorded.
	if (yg >= 9)
		plans.push({
			title: 'Group guidance',
			type: 'guidance',
			benchmarks: [8],
			date: anyMonth(),
			adviserLevel: rng.weighted([
				[6, 5],
				[4, 3],
				[null, 1]
			] as const),
			share: 0.15,
			...inDay()
		});
	// A parents' evening: nobody listed.
	plans.push({
		title: 'Careers evening for parents',
		type: 'parents-event',
		benchmarks: [2],
		date: anyMonth(),
		share: 0,
		startTime: '18:00',
		endTime: '19:30'
	});
	return plans;
}

export function generateSyntheticSchool(options: SyntheticOptions = {}): SyntheticSchoolData {
	const seed = options.seed ?? SYNTHETIC_SEED;
	const today = options.today ?? SYNTHETIC_TODAY;
	const onRoll = options.pupilsOnRoll ?? 1500;
	const years = options.years ?? 7;
	const number = options.schoolNumber ?? 1;
	const rng = seededRandom(`${seed}/${number}`);
	const Y = academicYearStart(today);
	const settings: SyntheticSettings = {
		schoolDayStarts: rng.pick(['08:30', '08:40', '08:45']),
		schoolDayEnds: rng.pick(['15:10', '15:20', '15:30']),
		atRiskWeeks: rng.pick([6, 8, 12, 12]),
		workplaceExperiencesBy16: rng.pick([null, null, null, 3]),
		...options.settings
	};

	// ---- pupils: cohorts in Years 7–13 at some point in the years covered.
	const mainCohort = Math.round(onRoll / 6.05); // five years of this + two smaller sixth-form years, less leavers
	const pupilRng = rng.fork('pupils');
	const people: GeneratedPupil[] = [];
	const firstYear = Y - years + 1;
	for (let E = firstYear - 6; E <= Y; E++) {
		const c = pupilRng.fork(`cohort-${E}`);
		let serial = 0;
		const add = (admissionDate: string, leavingDate: string | null, sixthFormEntrant: boolean) => {
			const heritage = c.weighted(HERITAGES.map((h) => [h, h.weight] as const));
			const gender = c.chance(0.5) ? 'F' : 'M';
			const forename = c.pick(gender === 'F' ? heritage.female : heritage.male);
			const he = c.chance(sixthFormEntrant ? 0.6 : 0.35);
			const attendance = Math.max(55, Math.min(100, c.normal(93, 6)));
			const sen = c.weighted([
				['N', 86],
				['K', 12],
				['E', 2]
			] as const);
			const fsm = c.chance(0.22);
			people.push({
				id: uuid(c),
				schoolId: '',
				upn: makeUpn({
					la: 999,
					establishment: 4000 + number,
					yearOfIssue: E - 7,
					serial: String(serial++).padStart(3, '0')
				}),
				legalSurname: surnameFor(c.pick(heritage.surnames), gender),
				legalForename: forename,
				dateOfBirth: `${E - 12}-${String(c.int(9, 12)).padStart(2, '0')}-${String(c.int(1, 28)).padStart(2, '0')}`,
				gender,
				enteredYear7: E,
				regGroup: `${Math.min(13, Y - E + 7)}${c.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])}`,
				senProvision: sen,
				fsmEligible: fsm,
				ever6Fsm: fsm || c.chance(0.08),
				pupilPremium: fsm || c.chance(0.06),
				eal: c.chance(heritage.eal),
				lookedAfter: c.chance(0.01),
				attendancePercent: Math.round(attendance * 100) / 100,
				admissionDate,
				leavingDate: leavingDate && leavingDate <= today ? leavingDate : null,
				// Flagged by staff for about half of those considering HE; the others only intend it.
				consideringHe: he && c.chance(0.5),
				attendanceRate: attendance / 100,
				he
			});
		};
		for (let i = 0; i < mainCohort; i++) {
			// Late joiners (about 5%) arrive on a weekday in Years 7–11; mid-way leavers (3%) go in Years 8–11.
			const late = c.chance(0.05);
			const admission = late ? dayIn(c, E + c.int(0, 4), c.pick(TERM_MONTHS)) : `${E}-09-0${c.int(2, 5)}`;
			const leftEarly = c.chance(0.03);
			const stays = c.chance(0.58);
			let leaving: string | null = stays ? `${E + 7}-07-${c.int(10, 20)}` : `${E + 5}-07-${c.int(15, 22)}`;
			if (leftEarly) {
				const candidate = dayIn(c, E + c.int(1, 4), c.pick(TERM_MONTHS));
				if (candidate > admission) leaving = candidate;
			}
			if (!stays && !leftEarly && c.chance(0.1)) leaving = `${E + 5}-08-31`; // left on the last day of Year 11
			add(admission, leaving, false);
		}
		// Sixth-form entrants from other schools, and a few who start Year 12 late.
		for (let i = 0; i < Math.round(mainCohort * 0.06); i++) {
			const admission = c.chance(0.85) ? `${E + 5}-09-0${c.int(2, 5)}` : dayIn(c, E + 5, c.pick([10, 11, 1]));
			add(admission, `${E + 7}-07-${c.int(10, 20)}`, true);
		}
	}
	// Nobody is admitted after today.
	const pupilList = people.filter((p) => (p.admissionDate ?? '') <= today);

	// ---- activities and attendance, year by year and year group by year group.
	const activities: ActivityRow[] = [];
	const attActivity: number[] = [];
	const attPupil: number[] = [];
	const attCame: number[] = [];
	const byCohort = new Map<number, number[]>();
	pupilList.forEach((p, i) => {
		const list = byCohort.get(p.enteredYear7) ?? [];
		list.push(i);
		byCohort.set(p.enteredYear7, list);
	});
	const actRng = rng.fork('activities');
	let ref = 0;
	for (let ay = firstYear; ay <= Y; ay++) {
		for (let yg = 7; yg <= 13; yg++) {
			const r = actRng.fork(`${ay}/${yg}`);
			const cohort = byCohort.get(ay - yg + 7) ?? [];
			for (const plan of plansFor(r, ay, yg, settings)) {
				if (plan.date > today) continue;
				const n = activities.length;
				const m = plan.meaningful ?? [false, false, false, false, false, false];
				const pal = plan.pal ?? [false, false, false, false];
				activities.push({
					id: uuid(r),
					schoolId: '',
					ref: `SYN-${String(++ref).padStart(5, '0')}`,
					title: `${plan.title} (Year ${yg})`,
					type: plan.type,
					academicYear: ay,
					date: plan.date,
					endDate: plan.endDate ?? null,
					startTime: plan.startTime ?? null,
					endTime: plan.endTime ?? null,
					providerType: plan.providerType ?? (plan.type === 'employer-encounter' ? 'employer' : null),
					benchmarks: plan.benchmarks,
					yearGroups: plan.yearGroups ?? [yg],
					purposeShared: m[0],
					outcomesSet: m[1],
					twoWayInteraction: m[2],
					reflection: m[3],
					employerSetTask: m[4],
					employerFeedback: m[5],
					days: plan.days ?? null,
					palProviderInfo: pal[0],
					palCareersInfo: pal[1],
					palLearningInfo: pal[2],
					palQuestionsAnswered: pal[3],
					adviserLevel: plan.adviserLevel ?? null
				});
				if (plan.share <= 0) continue;
				const last = plan.endDate ?? plan.date;
				for (const i of cohort) {
					const p = pupilList[i]!;
					if ((p.admissionDate ?? '') > plan.date || (p.leavingDate && p.leavingDate < last)) continue;
					if (plan.who && !plan.who(p)) continue;
					if (plan.share < 1 && !r.chance(plan.share)) continue;
					attActivity.push(n);
					attPupil.push(i);
					attCame.push(r.chance(p.attendanceRate) ? 1 : 0);
				}
			}
		}
	}

	// ---- guidance meetings: Level 6 for most in Years 11 and 13, Level 4 for some, a few only booked.
	const meetRng = rng.fork('meetings');
	const meetings: SyntheticSchoolData['meetings'] = [];
	const destinationRows: SyntheticSchoolData['destinations'] = [];
	for (const p of pupilList) {
		const c = meetRng.fork(p.upn);
		const E = p.enteredYear7;
		const meeting = (ay: number, level: number | null, adviserName: string) => {
			const date = dayIn(c, ay, c.pick(TERM_MONTHS));
			if ((p.admissionDate ?? '') > date || (p.leavingDate && p.leavingDate < date)) return;
			const booked = date > today || c.chance(0.03);
			if (date > addDays(today, 28)) return;
			meetings.push({
				id: uuid(c),
				schoolId: '',
				pupilId: p.id,
				date,
				startTime: time(c.int(9, 14), c.pick([0, 20, 40])),
				adviserName,
				adviserLevel: level,
				format: 'one-to-one',
				status: booked ? 'booked' : 'held'
			});
		};
		if (c.chance(0.05)) meeting(E + 2, 6, 'Priya Shah (Level 6)');
		if (c.chance(0.82)) meeting(E + 4, 6, 'Priya Shah (Level 6)');
		else if (c.chance(0.6)) meeting(E + 4, 4, 'Tom Reid (Level 4)');
		if (c.chance(0.08)) meeting(E + 4, null, 'Visiting adviser');
		if (c.chance(0.15)) meeting(E + 5, 6, 'Priya Shah (Level 6)');
		if (c.chance(0.65))
			meeting(E + 6, c.chance(0.9) ? 6 : 4, c.chance(0.9) ? 'Dan Cole (Level 6)' : 'Tom Reid (Level 4)');

		// Intended destinations, recorded in the spring of Years 11 and 13.
		for (const [yi, year] of [
			[4, E + 5],
			[6, E + 7]
		] as const) {
			const recordedOn = dayIn(c, E + yi, 2);
			if (recordedOn > today || (p.admissionDate ?? '') > recordedOn || (p.leavingDate && p.leavingDate < recordedOn))
				continue;
			if (!c.chance(0.85)) continue;
			const code =
				yi === 6
					? p.he && c.chance(0.85)
						? '240'
						: c.pick(['310', '230', '320'])
					: p.he && c.chance(0.3)
						? '240' // unusual at 16, but it is what was recorded
						: c.pick(['210', '210', '230', '310']);
			destinationRows.push({
				schoolId: '',
				pupilId: p.id,
				kind: 'intended',
				academicYear: year,
				nccisCode: code,
				recordedOn,
				source: 'pupil'
			});
		}
	}

	return {
		seed,
		today,
		academicYear: Y,
		urn: options.urn ?? String(970_000 + number),
		name: options.name ?? `Synthetic Academy ${number}`,
		settings,
		pupils: pupilList.map(({ attendanceRate: _r, he: _h, ...p }) => p),
		activities,
		attendance: {
			activity: Int32Array.from(attActivity),
			pupil: Int32Array.from(attPupil),
			attended: Uint8Array.from(attCame),
			length: attActivity.length
		},
		meetings,
		destinations: destinationRows
	};
}

// ---- writing -----------------------------------------------------------------------------------------

const BATCH = 1000;
const ATTENDANCE_BATCH = 25_000;

async function writeRows(tx: Tx, data: SyntheticSchoolData, schoolId: string): Promise<void> {
	await bulkInsert(
		tx,
		pupils,
		data.pupils.map((p) => ({ ...p, schoolId })),
		BATCH
	);
	await bulkInsert(
		tx,
		deliveredActivities,
		data.activities.map(({ benchmarks: _b, yearGroups: _y, ...a }) => ({ ...a, schoolId })),
		BATCH
	);
	// bulkInsert takes no array columns: benchmarks and year groups follow in one update.
	await tx.execute(sql`
		update ${deliveredActivities} d set benchmarks = x.b::smallint[], year_groups = x.y::integer[]
		from unnest(${sql.param(data.activities.map((a) => a.id))}::uuid[],
			${sql.param(data.activities.map((a) => `{${a.benchmarks.join(',')}}`))}::text[],
			${sql.param(data.activities.map((a) => `{${a.yearGroups.join(',')}}`))}::text[]) as x(id, b, y)
		where d.id = x.id`);
	const activityIds = data.activities.map((a) => a.id);
	const pupilIds = data.pupils.map((p) => p.id);
	const { activity, pupil, attended, length } = data.attendance;
	for (let start = 0; start < length; start += ATTENDANCE_BATCH) {
		const end = Math.min(length, start + ATTENDANCE_BATCH);
		// unnest positions are 1-based.
		const a = Array.from(activity.subarray(start, end), (i) => i + 1);
		const p = Array.from(pupil.subarray(start, end), (i) => i + 1);
		const came = Array.from(attended.subarray(start, end), (v) => v === 1);
		await tx.execute(sql`
			insert into attendance (delivered_activity_id, pupil_id, attended)
			select (${sql.param(activityIds)}::uuid[])[x.a], (${sql.param(pupilIds)}::uuid[])[x.p], x.attended
			from unnest(${sql.param(a)}::int[], ${sql.param(p)}::int[], ${sql.param(came)}::boolean[]) as x(a, p, attended)`);
	}
	await bulkInsert(
		tx,
		guidanceMeetings,
		data.meetings.map((m) => ({ ...m, schoolId })),
		BATCH
	);
	await bulkInsert(
		tx,
		destinations,
		data.destinations.map((d) => ({ ...d, schoolId })),
		BATCH
	);
}

/** Writes one synthetic school in one transaction (optionally into a trust); returns it as a School. */
export async function writeSyntheticSchool(
	db: Db,
	data: SyntheticSchoolData,
	options: { groupId?: string; analyze?: boolean } = {}
): Promise<School> {
	const schoolId = uuid(seededRandom(`${data.seed}/${data.urn}/id`));
	await db.transaction(async (tx) => {
		await tx.insert(organisations).values({
			id: schoolId,
			kind: 'school',
			urn: data.urn,
			name: data.name,
			phase: 'secondary',
			lowestYear: 7,
			highestYear: 13,
			...data.settings
		});
		if (options.groupId) await tx.insert(groupSchools).values({ groupId: options.groupId, schoolId });
		// As pg_restore does: every id written here was made above, so skip the foreign-key triggers
		// when allowed (a superuser; PGlite is one). Otherwise the checks simply run.
		const [role] = await tx
			.select({ superuser: sql<boolean>`rolsuper` })
			.from(sql`pg_roles`)
			.where(sql`rolname = current_user`);
		if (role?.superuser === true) await tx.execute(sql`set local session_replication_role = replica`);
		await writeRows(tx, data, schoolId);
		if (role?.superuser === true) {
			await tx.execute(sql`set local session_replication_role = origin`);
			// Triggers were off: say the school's data changed, for cached coverage figures.
			await recordSchoolDataChange(tx, [schoolId]);
		}
	});
	if (options.analyze !== false) await refreshPlannerStatistics(db);
	return schoolById(db, schoolId);
}

async function schoolById(q: Queryable, id: string): Promise<School> {
	const [row] = await q.select().from(organisations).where(eq(organisations.id, id));
	if (!row) throw new Error('The synthetic school was not written');
	return toSchool(row);
}

export type SyntheticTrust = { group: Group; attendanceRows: number };

/** A trust organisation and `schools` synthetic schools in it (URNs 970001…), then one ANALYZE. */
export async function createSyntheticTrust(
	db: Db,
	options: SyntheticOptions & { schools: number; onSchool?: (n: number, seconds: number) => void }
): Promise<SyntheticTrust> {
	const seed = options.seed ?? SYNTHETIC_SEED;
	const groupId = uuid(seededRandom(`${seed}/trust`));
	const name = 'Synthetic Learning Trust';
	await db.insert(organisations).values({ id: groupId, kind: 'trust', name });
	const schools: School[] = [];
	let attendanceRows = 0;
	for (let n = 1; n <= options.schools; n++) {
		const t0 = performance.now();
		const data = generateSyntheticSchool({ ...options, seed, schoolNumber: n });
		attendanceRows += data.attendance.length;
		schools.push(await writeSyntheticSchool(db, data, { groupId, analyze: false }));
		options.onSchool?.(n, (performance.now() - t0) / 1000);
	}
	await refreshPlannerStatistics(db);
	return { group: { id: groupId, name, kind: 'trust', schools }, attendanceRows };
}

// ---- command line ------------------------------------------------------------------------------------

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const args = new Map(
		process.argv.slice(2).map((a) => {
			const [k, v] = a.replace(/^--/, '').split(/=(.*)/s) as [string, string | undefined];
			return [k, v ?? ''];
		})
	);
	const schools = Number(args.get('schools') ?? 1);
	const pupilsOnRoll = Number(args.get('pupils') ?? 1500);
	const databaseUrl = process.env.DATABASE_URL;
	const dataDir = args.get('data-dir');
	if (!databaseUrl && !dataDir) {
		const data = generateSyntheticSchool({ pupilsOnRoll, seed: args.get('seed'), today: args.get('today') });
		console.log(
			`Generated (not written: set DATABASE_URL or --data-dir): ${data.pupils.length} pupil records, ` +
				`${data.activities.length} activities, ${data.attendance.length} attendance rows, ` +
				`${data.meetings.length} guidance meetings, ${data.destinations.length} destinations.`
		);
	} else {
		const handle = await connect({ databaseUrl, dataDir, command: 'synthetic-school' });
		useDatabase(handle);
		try {
			const t0 = performance.now();
			const trust = await createSyntheticTrust(handle.db, {
				schools,
				pupilsOnRoll,
				seed: args.get('seed'),
				today: args.get('today'),
				onSchool: (n, s) => console.log(`  school ${n}/${schools}: ${s.toFixed(1)} s`)
			});
			console.log(
				`${trust.group.name}: ${schools} school(s), ${trust.attendanceRows} attendance rows in ` +
					`${((performance.now() - t0) / 1000).toFixed(1)} s on ${handle.driver}.`
			);
		} finally {
			await handle.close();
		}
	}
}
