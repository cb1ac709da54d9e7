/**
 * Who has had what: each pupil against each pupil-level rule of the benchmarks in force and the
 * statutory duties, AS OF a date. Pure — the server loads the facts, this decides, and every answer
 * carries its reasons: the activities and meetings that counted, and the ones that did not and why.
 *
 * Windows. Each rule judges the records dated inside a window:
 * - "by" rules (by 14, by 16, by 18) run from the start of the first year group to 31 August at the
 *   end of the last (Y7 to Y11 for "by 16");
 * - "each year" rules judge the academic year of the as-of date; "each key stage" the key stage the
 *   pupil is in (KS3 Y7–9, KS4 Y10–11, KS5 Y12–13);
 * - provider access phases run from 1 September of the first year to 28 February of the second.
 *
 * As of a date means at the end of that day: records dated that day count, and a window that closes
 * that day is closed. Statuses:
 * - met: enough qualifying records in the window up to the as-of date;
 * - missed: the window has closed and it was not met;
 * - at-risk: not met and the window closes within the school's at-risk weeks;
 * - on-track: not met, the window open and not closing soon;
 * - not-applicable: the window has not opened, the pupil joined after it closed, left before it
 *   closed without having met it, or the rule does not concern them (HE visits for a pupil not
 *   considering HE).
 * Nothing dated after a pupil left counts. Pupils who joined are judged on the windows still open when
 * they joined. Records after a window closed (to the end of that academic year) are listed as too late.
 */
import { inSchoolDay, type SchoolDay } from './activities.ts';
import type { FrameworkId } from './benchmarks.ts';
import { longDate } from './academic-year.ts';

/** Benchmark 8: a careers adviser qualified to this level or above (the CDI register's Level 6). */
export const BENCHMARK_8_LEVEL = 6;

export const COMPLIANCE_STATUSES = ['met', 'on-track', 'at-risk', 'missed', 'not-applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export const COMPLIANCE_STATUS_LABELS: Record<ComplianceStatus, string> = {
	met: 'Met',
	'on-track': 'On track',
	'at-risk': 'At risk',
	missed: 'Missed',
	'not-applicable': 'Not applicable'
};

export const RULE_IDS = [
	'bm2-lmi-by-14',
	'bm2-lmi-each-key-stage',
	'bm4-curriculum-careers-each-year',
	'bm5-employer-encounter-each-year',
	'bm6-workplace-by-16',
	'bm6-workplace-by-18',
	'bm7-provider-range-by-16',
	'bm7-he-visits-by-18',
	'bm8-guidance-by-16',
	'bm8-guidance-by-18',
	'pal-phase-1',
	'pal-phase-2',
	'pal-phase-3',
	'work-experience-ks3',
	'work-experience-ks4'
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type ComplianceRule = {
	id: RuleId;
	/** The Gatsby Benchmark it measures; null for statutory duties and the DfE work-experience ambition. */
	benchmark: number | null;
	frameworks: readonly FrameworkId[];
	/** Short, for grid rows. */
	title: string;
	/** What it asks and how Waymark judges it, in plain words (help text and the pupil report). */
	description: string;
};

const BOTH: readonly FrameworkId[] = ['gatsby-2014', 'gatsby-2024'];

/** Workplace experiences needed by the end of Y11: "at least one" in 2014, "experiences" (we read 2) in 2024. */
export const WORKPLACE_EXPERIENCES_BY_16: Record<FrameworkId, number> = { 'gatsby-2014': 1, 'gatsby-2024': 2 };

/** Days of workplace activity (Y7–9) and of placements (Y10–11) the DfE's 2025 ambition asks for. */
export const WORK_EXPERIENCE_DAYS = 5;

export const COMPLIANCE_RULES: readonly ComplianceRule[] = [
	{
		id: 'bm2-lmi-by-14',
		benchmark: 2,
		frameworks: ['gatsby-2014'],
		title: 'Careers and labour market information by the end of Year 9',
		description:
			'At least one careers or labour market information activity attended from Year 7 to the end of Year 9 (an activity of that type, or any tagged Benchmark 2).'
	},
	{
		id: 'bm2-lmi-each-key-stage',
		benchmark: 2,
		frameworks: ['gatsby-2024'],
		title: 'Careers and labour market information in each key stage',
		description:
			'At least one careers or labour market information activity attended in the key stage the pupil is in (Years 7–9, 10–11, 12–13). Earlier key stages are shown in the pupil’s report.'
	},
	{
		id: 'bm4-curriculum-careers-each-year',
		benchmark: 4,
		frameworks: BOTH,
		title: 'Careers in subject lessons this year',
		description:
			'At least one careers activity in subject lessons attended this academic year (an activity of that type, or any tagged Benchmark 4).'
	},
	{
		id: 'bm5-employer-encounter-each-year',
		benchmark: 5,
		frameworks: BOTH,
		title: 'A meaningful employer encounter this year',
		description:
			'At least one meaningful encounter with employers attended this academic year, from Year 7. Meaningful: pupils knew the purpose, outcomes were set, they talked with the employer (two-way) and reflected afterwards.'
	},
	{
		id: 'bm6-workplace-by-16',
		benchmark: 6,
		frameworks: BOTH,
		title: 'Experiences of workplaces by the end of Year 11',
		description:
			'Meaningful experiences of a workplace from Year 7 to the end of Year 11: one under the 2014 benchmarks, two under the 2024 benchmarks (a school setting can change this). Meaningful: the four elements of an employer encounter, plus a task set by the employer and the employer’s feedback.'
	},
	{
		id: 'bm6-workplace-by-18',
		benchmark: 6,
		frameworks: BOTH,
		title: 'A further workplace experience in Years 12–13',
		description: 'At least one meaningful experience of a workplace in Year 12 or Year 13.'
	},
	{
		id: 'bm7-provider-range-by-16',
		benchmark: 7,
		frameworks: BOTH,
		title: 'The full range of providers by the end of Year 11',
		description:
			'By the end of Year 11, meaningful encounters with each of: a sixth form, a further education college, a university or other higher education provider, and an apprenticeship or independent training provider.'
	},
	{
		id: 'bm7-he-visits-by-18',
		benchmark: 7,
		frameworks: BOTH,
		title: 'Two university visits by the end of Year 13 (considering higher education)',
		description:
			'For pupils considering higher education (flagged on their record, or with an intended destination in higher education): at least two meaningful encounters with a university or other higher education provider by the end of Year 13.'
	},
	{
		id: 'bm8-guidance-by-16',
		benchmark: 8,
		frameworks: BOTH,
		title: 'A guidance meeting with a Level 6 adviser by the end of Year 11',
		description: `A guidance meeting held with a careers adviser qualified to Level ${BENCHMARK_8_LEVEL} or above, from Year 7 to the end of Year 11.`
	},
	{
		id: 'bm8-guidance-by-18',
		benchmark: 8,
		frameworks: BOTH,
		title: 'A further guidance meeting in Years 12–13',
		description: `A further guidance meeting held with a careers adviser qualified to Level ${BENCHMARK_8_LEVEL} or above in Year 12 or Year 13.`
	},
	{
		id: 'pal-phase-1',
		benchmark: null,
		frameworks: BOTH,
		title: 'Provider access: two encounters in Year 8 or Year 9 (by 28 February)',
		description:
			'Two provider access encounters attended between 1 September of Year 8 and 28 February of Year 9, in the school day, each covering the provider, the careers its routes lead to, what learning there is like, and pupils’ questions.'
	},
	{
		id: 'pal-phase-2',
		benchmark: null,
		frameworks: BOTH,
		title: 'Provider access: two encounters in Year 10 or Year 11 (by 28 February)',
		description:
			'Two provider access encounters attended between 1 September of Year 10 and 28 February of Year 11, in the school day, with all four content elements.'
	},
	{
		id: 'pal-phase-3',
		benchmark: null,
		frameworks: BOTH,
		title: 'Provider access: two encounters offered in Year 12 or Year 13 (by 28 February)',
		description:
			'Two provider access encounters offered between 1 September of Year 12 and 28 February of Year 13, in the school day, with all four content elements. Attending is optional for the pupil: an encounter counts when the pupil was invited (on its attendance list, present or not) or it was for their whole year group.'
	},
	{
		id: 'work-experience-ks3',
		benchmark: null,
		frameworks: BOTH,
		title: 'About a week of workplace activities in Years 7–9',
		description: `At least ${WORK_EXPERIENCE_DAYS} days of experiences of workplaces attended from Year 7 to the end of Year 9 (the DfE’s 2025 work experience ambition). Days are as recorded on the activity, or counted from its dates.`
	},
	{
		id: 'work-experience-ks4',
		benchmark: null,
		frameworks: BOTH,
		title: 'About a week of placements in Years 10–11',
		description: `At least ${WORK_EXPERIENCE_DAYS} days of work experience placements attended in Year 10 or Year 11 (may be split across employers).`
	}
];

const RULES_BY_ID = new Map(COMPLIANCE_RULES.map((r) => [r.id, r]));

export function complianceRule(id: string): ComplianceRule | undefined {
	return RULES_BY_ID.get(id as RuleId);
}

export function isRuleId(id: string): id is RuleId {
	return RULES_BY_ID.has(id as RuleId);
}

/** The rules that apply under a framework, in benchmark order, statutory duties last. */
export function rulesFor(framework: FrameworkId): ComplianceRule[] {
	return COMPLIANCE_RULES.filter((r) => r.frameworks.includes(framework));
}

// ---------------------------------------------------------------------------------------------------
// Facts

/** A delivered activity as the rules need it. */
export type ActivityFact = {
	id: string;
	ref: string | null;
	title: string;
	type: string;
	date: string;
	endDate: string | null;
	startTime: string | null;
	endTime: string | null;
	providerType: string | null;
	benchmarks: readonly number[];
	/** Year groups it was for (an offer to the whole year group, for provider access phase 3). */
	yearGroups: readonly number[];
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
	adviserLevel: number | null;
};

export type GuidanceFact = {
	id: string;
	date: string;
	adviserName: string;
	adviserLevel: number | null;
	status: 'booked' | 'held';
};

export type PupilFacts = {
	id: string;
	enteredYear7: number;
	admissionDate: string | null;
	leavingDate: string | null;
	consideringHe: boolean;
	/** Has an intended destination in higher education. */
	intendsHe: boolean;
};

/** What a pupil took part in: activities they attended, were absent from, and guidance meetings. */
export type PupilHistory = {
	attended: readonly ActivityFact[];
	absent: readonly ActivityFact[];
	guidance: readonly GuidanceFact[];
};

export type ComplianceContext = {
	framework: FrameworkId;
	/** The start year of the academic year the as-of date falls in. */
	academicYear: number;
	asOf: string;
	schoolDay: SchoolDay;
	atRiskWeeks: number;
	/** A school's own number of workplace experiences by 16 under the 2024 benchmarks (null: 2). */
	workplaceExperiencesBy16: number | null;
	/** The school's activities up to the as-of date: provider access offered to a whole year group counts for phase 3. */
	schoolActivities: readonly ActivityFact[];
};

// ---------------------------------------------------------------------------------------------------
// Results

export type EvidenceItem = {
	kind: 'activity' | 'guidance';
	id: string;
	ref: string | null;
	title: string;
	date: string;
};

export type NotCountedItem = EvidenceItem & { why: string };

export type RuleWindow = { opens: string; closes: string; label: string };

export type RuleResult = {
	ruleId: RuleId;
	status: ComplianceStatus;
	/** One plain sentence: why this status. */
	reason: string;
	window: RuleWindow | null;
	/** How much counted and how much is needed, in `unit`s ("encounters", "days", "kinds of provider"). */
	have: number;
	needed: number;
	unit: string;
	counted: EvidenceItem[];
	notCounted: NotCountedItem[];
};

// ---------------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
	return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function startOfYearGroup(p: PupilFacts, yearGroup: number): string {
	return `${p.enteredYear7 + yearGroup - 7}-09-01`;
}
function endOfYearGroup(p: PupilFacts, yearGroup: number): string {
	return `${p.enteredYear7 + yearGroup - 6}-08-31`;
}
function feb28Of(p: PupilFacts, yearGroup: number): string {
	return `${p.enteredYear7 + yearGroup - 6}-02-28`;
}

function yearGroupOn(p: PupilFacts, date: string): number {
	const start = Number(date.slice(5, 7)) >= 9 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1;
	return start - p.enteredYear7 + 7;
}

/** Weekdays from one date to another, both included (a placement's length when no days were recorded). */
function weekdaysBetween(from: string, to: string): number {
	let n = 0;
	for (let d = dayNumber(from); d <= dayNumber(to); d++) {
		const weekday = new Date(d * DAY_MS).getUTCDay();
		if (weekday !== 0 && weekday !== 6) n++;
	}
	return Math.max(n, 1);
}

// ---------------------------------------------------------------------------------------------------
// Whether one record counts for a rule (pupil-independent, so cached per activity)

type Verdict = { counts: true; amount: number; note?: string } | { counts: false; why: string };

const MEANINGFUL_WORDS = {
	purposeShared: 'purpose not shared beforehand',
	outcomesSet: 'no learning outcomes',
	twoWayInteraction: 'no two-way interaction',
	reflection: 'no reflection afterwards',
	employerSetTask: 'no task set by the employer',
	employerFeedback: 'no feedback from the employer'
} as const;

function notMeaningful(a: ActivityFact, workplace: boolean): string | null {
	const keys = workplace
		? ([
				'purposeShared',
				'outcomesSet',
				'twoWayInteraction',
				'reflection',
				'employerSetTask',
				'employerFeedback'
			] as const)
		: (['purposeShared', 'outcomesSet', 'twoWayInteraction', 'reflection'] as const);
	const missing = keys.filter((k) => !a[k]).map((k) => MEANINGFUL_WORDS[k]);
	return missing.length ? `not meaningful: ${missing.join(', ')}` : null;
}

const PAL_WORDS = {
	palProviderInfo: 'the provider and its courses',
	palCareersInfo: 'the careers they lead to',
	palLearningInfo: 'what learning there is like',
	palQuestionsAnswered: 'answers to pupils’ questions'
} as const;

function palProblem(a: ActivityFact, day: SchoolDay): string | null {
	if (!a.startTime) return 'no times recorded, so not shown to be in the school day';
	if (!inSchoolDay(a, day)) {
		const times = `${a.startTime.slice(0, 5)}${a.endTime ? `–${a.endTime.slice(0, 5)}` : ''}`;
		return `outside the school day (${times}; the school day is ${day.schoolDayStarts}–${day.schoolDayEnds})`;
	}
	const missing = (Object.keys(PAL_WORDS) as (keyof typeof PAL_WORDS)[]).filter((k) => !a[k]).map((k) => PAL_WORDS[k]);
	return missing.length ? `content missing: ${missing.join(', ')}` : null;
}

type ProviderKind = 'sixth-form' | 'fe' | 'he' | 'apprenticeship';
const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
	'sixth-form': 'a sixth form',
	fe: 'a further education college',
	he: 'a university or higher education provider',
	apprenticeship: 'an apprenticeship or independent training provider'
};
const PROVIDER_KINDS = Object.keys(PROVIDER_KIND_LABELS) as ProviderKind[];

/**
 * The kind of provider an encounter was with: its provider type, or — when that is not recorded or is
 * "other" — what its activity type says (an FE, HE or training provider encounter).
 */
function providerKind(a: ActivityFact): ProviderKind | null {
	switch (a.providerType) {
		case 'sixth-form':
			return 'sixth-form';
		case 'fe-college':
			return 'fe';
		case 'he-provider':
			return 'he';
		case 'itp':
		case 'apprenticeship-provider':
			return 'apprenticeship';
	}
	if (a.providerType && a.providerType !== 'other') return null;
	switch (a.type) {
		case 'fe-encounter':
			return 'fe';
		case 'he-encounter':
			return 'he';
		case 'training-provider-encounter':
			return 'apprenticeship';
	}
	return null;
}

const PROVIDER_ENCOUNTER_TYPES = new Set([
	'fe-encounter',
	'he-encounter',
	'training-provider-encounter',
	'provider-access'
]);

/** Which records a rule looks at, and whether each counts. null: not this rule's kind of record. */
type ActivityJudge = (a: ActivityFact, ctx: ComplianceContext) => Verdict | null;

const tagged = (a: ActivityFact, benchmark: number) => a.benchmarks.includes(benchmark);

const lmi: ActivityJudge = (a) => (a.type === 'lmi' || tagged(a, 2) ? { counts: true, amount: 1 } : null);
const curriculum: ActivityJudge = (a) =>
	a.type === 'curriculum-link' || tagged(a, 4) ? { counts: true, amount: 1 } : null;
const employer: ActivityJudge = (a) => {
	if (a.type !== 'employer-encounter' && !tagged(a, 5)) return null;
	const why = notMeaningful(a, false);
	return why ? { counts: false, why } : { counts: true, amount: 1 };
};
const workplace: ActivityJudge = (a) => {
	if (a.type !== 'workplace-experience' && !tagged(a, 6)) return null;
	const why = notMeaningful(a, true);
	return why ? { counts: false, why } : { counts: true, amount: 1 };
};
const providerRange: ActivityJudge = (a) => {
	if (!PROVIDER_ENCOUNTER_TYPES.has(a.type) && !tagged(a, 7)) return null;
	const kind = providerKind(a);
	if (!kind)
		return {
			counts: false,
			why:
				a.providerType && a.providerType !== 'other'
					? 'not with a sixth form, college, university or training provider'
					: 'the kind of provider (sixth form, college, university or training provider) is not recorded'
		};
	const why = notMeaningful(a, false);
	return why ? { counts: false, why } : { counts: true, amount: 1, note: kind };
};
const heVisit: ActivityJudge = (a) => {
	if (providerKind(a) !== 'he') return null;
	const why = notMeaningful(a, false);
	return why ? { counts: false, why } : { counts: true, amount: 1 };
};
const guidanceActivity: ActivityJudge = (a) => {
	if (a.type !== 'guidance') return null;
	if (a.adviserLevel === null) return { counts: false, why: 'the adviser’s qualification level is not recorded' };
	if (a.adviserLevel < BENCHMARK_8_LEVEL)
		return { counts: false, why: `adviser at Level ${a.adviserLevel}, below Level ${BENCHMARK_8_LEVEL}` };
	return { counts: true, amount: 1 };
};
const providerAccess: ActivityJudge = (a, ctx) => {
	if (a.type !== 'provider-access') return null;
	const why = palProblem(a, ctx.schoolDay);
	return why ? { counts: false, why } : { counts: true, amount: 1 };
};
const workDays: ActivityJudge = (a) => {
	if (a.type !== 'workplace-experience') return null;
	if (a.days !== null) return { counts: true, amount: a.days, note: quantity(a.days, 'days') };
	const days = weekdaysBetween(a.date, a.endDate ?? a.date);
	return { counts: true, amount: days, note: `${quantity(days, 'days')} counted from its dates` };
};

function judgeGuidance(m: GuidanceFact): Verdict {
	if (m.status !== 'held') return { counts: false, why: 'booked, not yet held' };
	if (m.adviserLevel === null) return { counts: false, why: `${m.adviserName}’s qualification level is not recorded` };
	if (m.adviserLevel < BENCHMARK_8_LEVEL)
		return { counts: false, why: `${m.adviserName} is at Level ${m.adviserLevel}, below Level ${BENCHMARK_8_LEVEL}` };
	return { counts: true, amount: 1 };
}

// ---------------------------------------------------------------------------------------------------
// Windows and statuses

type RuleSpec = {
	judge: ActivityJudge;
	/** Guidance meetings count for this rule. */
	guidance?: boolean;
	/** The window for a pupil in this year group, or a not-applicable reason. */
	window: (p: PupilFacts, yearGroup: number, ctx: ComplianceContext) => RuleWindow | string;
	needed: (ctx: ComplianceContext) => number;
	unit: string;
	/** Phase 3: offered (invited or for their year group) counts, attended or not. */
	offered?: boolean;
	/** Range: count distinct kinds of provider, not encounters. */
	distinctKinds?: boolean;
	/** Only some pupils: a not-applicable reason for the others. */
	appliesTo?: (p: PupilFacts) => string | null;
};

const byEndOf = (first: number, last: number, label: string) => (p: PupilFacts) => ({
	opens: startOfYearGroup(p, first),
	closes: endOfYearGroup(p, last),
	label
});
const thisYear = (p: PupilFacts, yearGroup: number): RuleWindow | string =>
	yearGroup < 7
		? 'applies from Year 7'
		: {
				opens: startOfYearGroup(p, yearGroup),
				closes: endOfYearGroup(p, yearGroup),
				label: `this academic year (Year ${yearGroup})`
			};
const palPhase = (first: number, phase: number) => (p: PupilFacts) => ({
	opens: startOfYearGroup(p, first),
	closes: feb28Of(p, first + 1),
	label: `phase ${phase}: 1 September of Year ${first} to 28 February of Year ${first + 1}`
});
const KEY_STAGES = [
	{ name: 'Key stage 3', first: 7, last: 9 },
	{ name: 'Key stage 4', first: 10, last: 11 },
	{ name: 'Key stage 5', first: 12, last: 13 }
];

const SPECS: Record<RuleId, RuleSpec> = {
	'bm2-lmi-by-14': {
		judge: lmi,
		window: byEndOf(7, 9, 'Year 7 to the end of Year 9'),
		needed: () => 1,
		unit: 'activities'
	},
	'bm2-lmi-each-key-stage': {
		judge: lmi,
		window: (p, yearGroup) => {
			const stage = KEY_STAGES.find((k) => yearGroup >= k.first && yearGroup <= k.last);
			if (!stage) return 'applies from Year 7';
			return {
				opens: startOfYearGroup(p, stage.first),
				closes: endOfYearGroup(p, stage.last),
				label: `${stage.name} (Years ${stage.first}–${stage.last})`
			};
		},
		needed: () => 1,
		unit: 'activities'
	},
	'bm4-curriculum-careers-each-year': { judge: curriculum, window: thisYear, needed: () => 1, unit: 'activities' },
	'bm5-employer-encounter-each-year': { judge: employer, window: thisYear, needed: () => 1, unit: 'encounters' },
	'bm6-workplace-by-16': {
		judge: workplace,
		window: byEndOf(7, 11, 'Year 7 to the end of Year 11'),
		needed: (ctx) =>
			ctx.framework === 'gatsby-2024'
				? (ctx.workplaceExperiencesBy16 ?? WORKPLACE_EXPERIENCES_BY_16['gatsby-2024'])
				: WORKPLACE_EXPERIENCES_BY_16['gatsby-2014'],
		unit: 'workplace experiences'
	},
	'bm6-workplace-by-18': {
		judge: workplace,
		window: byEndOf(12, 13, 'Years 12 and 13'),
		needed: () => 1,
		unit: 'workplace experiences'
	},
	'bm7-provider-range-by-16': {
		judge: providerRange,
		window: byEndOf(7, 11, 'Year 7 to the end of Year 11'),
		needed: () => PROVIDER_KINDS.length,
		unit: 'kinds of provider',
		distinctKinds: true
	},
	'bm7-he-visits-by-18': {
		judge: heVisit,
		window: byEndOf(7, 13, 'Year 7 to the end of Year 13'),
		needed: () => 2,
		unit: 'university visits',
		appliesTo: (p) => (p.consideringHe || p.intendsHe ? null : 'not recorded as considering higher education')
	},
	'bm8-guidance-by-16': {
		judge: guidanceActivity,
		guidance: true,
		window: byEndOf(7, 11, 'Year 7 to the end of Year 11'),
		needed: () => 1,
		unit: 'guidance meetings'
	},
	'bm8-guidance-by-18': {
		judge: guidanceActivity,
		guidance: true,
		window: byEndOf(12, 13, 'Years 12 and 13'),
		needed: () => 1,
		unit: 'guidance meetings'
	},
	'pal-phase-1': { judge: providerAccess, window: palPhase(8, 1), needed: () => 2, unit: 'provider encounters' },
	'pal-phase-2': { judge: providerAccess, window: palPhase(10, 2), needed: () => 2, unit: 'provider encounters' },
	'pal-phase-3': {
		judge: providerAccess,
		window: palPhase(12, 3),
		needed: () => 2,
		unit: 'provider encounters offered',
		offered: true
	},
	'work-experience-ks3': {
		judge: workDays,
		window: byEndOf(7, 9, 'Year 7 to the end of Year 9'),
		needed: () => WORK_EXPERIENCE_DAYS,
		unit: 'days'
	},
	'work-experience-ks4': {
		judge: workDays,
		window: byEndOf(10, 11, 'Years 10 and 11'),
		needed: () => WORK_EXPERIENCE_DAYS,
		unit: 'days'
	}
};

// Verdicts depend only on the activity and the context, so each is worked out once per dashboard:
// per context, per activity, an array indexed by the rule's position in RULE_IDS.
const RULE_POSITION = new Map<RuleId, number>(RULE_IDS.map((id, i) => [id, i]));
const verdictCache = new WeakMap<ComplianceContext, Map<ActivityFact, (Verdict | null | undefined)[]>>();

function verdictFor(ruleId: RuleId, a: ActivityFact, ctx: ComplianceContext): Verdict | null {
	let byActivity = verdictCache.get(ctx);
	if (!byActivity) verdictCache.set(ctx, (byActivity = new Map()));
	let byRule = byActivity.get(a);
	if (!byRule) byActivity.set(a, (byRule = []));
	const position = RULE_POSITION.get(ruleId) ?? 0;
	const known = byRule[position];
	if (known !== undefined) return known;
	const verdict = SPECS[ruleId].judge(a, ctx);
	byRule[position] = verdict;
	return verdict;
}

// The school's provider access encounters, found once per context (phase 3 looks for whole-year offers).
const providerAccessCache = new WeakMap<ComplianceContext, ActivityFact[]>();
function providerAccessOf(ctx: ComplianceContext): ActivityFact[] {
	let list = providerAccessCache.get(ctx);
	if (!list) providerAccessCache.set(ctx, (list = ctx.schoolActivities.filter((a) => a.type === 'provider-access')));
	return list;
}

function evidence(a: ActivityFact): EvidenceItem {
	return { kind: 'activity', id: a.id, ref: a.ref, title: a.title, date: a.date };
}
function meetingEvidence(m: GuidanceFact): EvidenceItem {
	return { kind: 'guidance', id: m.id, ref: null, title: `Guidance meeting with ${m.adviserName}`, date: m.date };
}

const SINGULAR: Record<string, string> = {
	activities: 'activity',
	encounters: 'encounter',
	'workplace experiences': 'workplace experience',
	'kinds of provider': 'kind of provider',
	'university visits': 'university visit',
	'guidance meetings': 'guidance meeting',
	'provider encounters': 'provider encounter',
	'provider encounters offered': 'provider encounter offered',
	days: 'day',
	weeks: 'week',
	'other reasons': 'other reason'
};

/** "1 encounter", "2 encounters", "2.5 days": a number with a result's `unit` (plural) read aloud. */
export function quantity(n: number, unit: string): string {
	const shown = Number.isInteger(n) ? String(n) : n.toFixed(1);
	return `${shown} ${n === 1 ? (SINGULAR[unit] ?? unit) : unit}`;
}

/**
 * One rule for one pupil. With `explain` false only the status and tally are worked out (no reason
 * sentence, no evidence lists): the dashboards judge every pupil and need only the counts; the pupils
 * behind a figure are judged again with their reasons.
 */
export function evaluateRule(
	ruleId: RuleId,
	pupil: PupilFacts,
	history: PupilHistory,
	ctx: ComplianceContext,
	explain = true
): RuleResult {
	const spec = SPECS[ruleId];
	const yearGroup = ctx.academicYear - pupil.enteredYear7 + 7;
	const needed = spec.needed(ctx);
	const base = { ruleId, have: 0, needed, unit: spec.unit, counted: [], notCounted: [] };
	const notApplicable = (reason: () => string, window: RuleWindow | null = null): RuleResult => ({
		...base,
		status: 'not-applicable',
		reason: explain ? `Not applicable: ${reason()}.` : '',
		window
	});
	const applies = spec.appliesTo?.(pupil);
	if (applies) return notApplicable(() => applies);
	const window = spec.window(pupil, yearGroup, ctx);
	if (typeof window === 'string') return notApplicable(() => window);
	if (ctx.asOf < window.opens)
		return notApplicable(() => `opens on ${longDate(window.opens)} (${window.label})`, window);
	if (pupil.admissionDate && pupil.admissionDate > window.closes) {
		const joined = pupil.admissionDate;
		return notApplicable(
			() => `joined on ${longDate(joined)}, after this closed on ${longDate(window.closes)}`,
			window
		);
	}
	if (pupil.leavingDate && pupil.leavingDate < window.opens) {
		const leftOn = pupil.leavingDate;
		return notApplicable(() => `left on ${longDate(leftOn)}, before this opened`, window);
	}

	// Records up to the as-of date, from the window's opening to the end of the academic year it closes
	// in — so a phase 1 encounter on 1 March of Year 9 is shown as too late. Nothing after the pupil
	// left counts: what they are recorded as attending after that is shown as such.
	const left = pupil.leavingDate && pupil.leavingDate < ctx.asOf ? pupil.leavingDate : null;
	const shownUntil = endOfYearGroup(pupil, yearGroupOn(pupil, window.closes));
	const counted: EvidenceItem[] = [];
	const notCounted: NotCountedItem[] = [];
	const kinds = new Set<ProviderKind>();
	let have = 0;
	// The evidence item is only built when explaining: the dashboards judge thousands of pupils and need
	// counts only. Records outside the shown range are skipped before their verdict is even looked up.
	const from = window.opens;
	const to = ctx.asOf < shownUntil ? ctx.asOf : shownUntil;
	const itemOf = (source: ActivityFact | GuidanceFact, suffix = ''): EvidenceItem => {
		const item = 'title' in source ? evidence(source) : meetingEvidence(source);
		return suffix ? { ...item, title: `${item.title}${suffix}` } : item;
	};
	const consider = (
		source: ActivityFact | GuidanceFact,
		verdict: Verdict | null,
		attended: boolean,
		ownRecord = true,
		suffix = ''
	) => {
		if (!verdict) return;
		const date = source.date;
		if (left && date > left) {
			if (explain && attended && ownRecord && date <= window.closes)
				notCounted.push({ ...itemOf(source, suffix), why: `after the pupil left on ${longDate(left)}` });
			return;
		}
		if (date > window.closes) {
			if (explain && verdict.counts && attended)
				notCounted.push({
					...itemOf(source, suffix),
					why: `too late: after ${longDate(window.closes)}, when this closed`
				});
			return;
		}
		if (!verdict.counts) {
			if (explain) notCounted.push({ ...itemOf(source, suffix), why: verdict.why });
			return;
		}
		if (!attended && !spec.offered) {
			if (explain) notCounted.push({ ...itemOf(source, suffix), why: 'absent' });
			return;
		}
		if (explain)
			counted.push(itemOf(source, verdict.note && !spec.distinctKinds ? `${suffix} (${verdict.note})` : suffix));
		if (spec.distinctKinds) kinds.add(verdict.note as ProviderKind);
		else have += verdict.amount;
	};
	for (const a of history.attended) if (a.date >= from && a.date <= to) consider(a, verdictFor(ruleId, a, ctx), true);
	for (const a of history.absent) if (a.date >= from && a.date <= to) consider(a, verdictFor(ruleId, a, ctx), false);
	if (spec.guidance)
		for (const m of history.guidance) if (m.date >= from && m.date <= to) consider(m, judgeGuidance(m), true);
	if (spec.offered) {
		// Offered to the whole year group: the pupil's year group was on the activity and they were on roll.
		const listed = new Set([...history.attended, ...history.absent].map((a) => a.id));
		for (const a of providerAccessOf(ctx)) {
			if (a.date < from || a.date > to || a.date > window.closes || listed.has(a.id)) continue;
			if (!a.yearGroups.includes(yearGroupOn(pupil, a.date))) continue;
			if (pupil.admissionDate && a.date < pupil.admissionDate) continue;
			consider(a, verdictFor(ruleId, a, ctx), true, false, ' (offered to the year group)');
		}
	}
	if (spec.distinctKinds) have = kinds.size;
	if (!explain) {
		const status: ComplianceStatus =
			have >= needed
				? 'met'
				: pupil.leavingDate && pupil.leavingDate <= ctx.asOf && pupil.leavingDate < window.closes
					? 'not-applicable'
					: ctx.asOf >= window.closes
						? 'missed'
						: dayNumber(window.closes) - dayNumber(ctx.asOf) <= ctx.atRiskWeeks * 7
							? 'at-risk'
							: 'on-track';
		return { ...base, status, reason: '', window, have };
	}
	counted.sort((x, y) => x.date.localeCompare(y.date));
	notCounted.sort((x, y) => x.date.localeCompare(y.date));

	const tally = `${quantity(have, spec.unit)} (${needed} needed)`;
	const missingKinds = spec.distinctKinds
		? ` Still to meet: ${PROVIDER_KINDS.filter((k) => !kinds.has(k))
				.map((k) => PROVIDER_KIND_LABELS[k])
				.join('; ')}.`
		: '';
	// Not met: say in the sentence what stopped records counting (the lists give each one).
	const stillNeeded = () => {
		const whys = [...new Set(notCounted.map((n) => n.why))];
		const others = whys.length > 3 ? `; and ${quantity(whys.length - 3, 'other reasons')}` : '';
		return `${missingKinds}${whys.length ? ` Not counted: ${whys.slice(0, 3).join('; ')}${others}.` : ''}`;
	};
	const result = (status: ComplianceStatus, reason: string): RuleResult => ({
		...base,
		status,
		reason,
		window,
		have,
		counted,
		notCounted
	});
	if (have >= needed) return result('met', `Met: ${tally}, ${window.label}.`);
	if (pupil.leavingDate && pupil.leavingDate <= ctx.asOf && pupil.leavingDate < window.closes)
		return result(
			'not-applicable',
			`Not applicable: left on ${longDate(pupil.leavingDate)}, before this closed on ${longDate(window.closes)}; ${quantity(have, spec.unit)} of ${needed} by then.`
		);
	if (ctx.asOf >= window.closes)
		return result('missed', `Missed: ${tally} when this closed on ${longDate(window.closes)}.${stillNeeded()}`);
	const daysLeft = dayNumber(window.closes) - dayNumber(ctx.asOf);
	const timeLeft = daysLeft < 14 ? quantity(daysLeft, 'days') : quantity(Math.floor(daysLeft / 7), 'weeks');
	if (daysLeft <= ctx.atRiskWeeks * 7)
		return result(
			'at-risk',
			`At risk: ${tally} so far, and this closes in ${timeLeft}, on ${longDate(window.closes)}.${stillNeeded()}`
		);
	return result('on-track', `On track: ${tally} so far; this closes on ${longDate(window.closes)}.${stillNeeded()}`);
}

const RULES_OF = new Map(
	(['gatsby-2014', 'gatsby-2024'] as const).map((f) => [f, COMPLIANCE_RULES.filter((r) => r.frameworks.includes(f))])
);

/**
 * Rules that only look at this academic year or the pupil's key stage (not `bm2-lmi-by-14`: a Year 13
 * pupil is still judged on Years 7–9).
 */
const RECENT_ONLY_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
	'bm2-lmi-each-key-stage',
	'bm4-curriculum-careers-each-year',
	'bm5-employer-encounter-each-year'
]);

/**
 * Whether a pupil's attendance at this activity can touch any judgement in the context's academic year
 * (counted, or listed as not counted). No rule looks at an activity none of them judges, and the
 * this-year and this-key-stage rules never reach back before 1 September two years earlier (Year 7
 * of a Year 9 pupil). The loader leaves the rest of the attendance in the database.
 */
export function mayTouchJudgement(a: ActivityFact, ctx: ComplianceContext): boolean {
	let judged = false;
	for (const rule of RULES_OF.get(ctx.framework) ?? []) {
		if (verdictFor(rule.id, a, ctx) === null) continue;
		if (!RECENT_ONLY_RULES.has(rule.id)) return true;
		judged = true;
	}
	return judged && a.date >= `${ctx.academicYear - 2}-09-01`;
}

/** Every rule of the context's framework for one pupil (`explain` false: statuses and tallies only). */
export function evaluatePupil(
	pupil: PupilFacts,
	history: PupilHistory,
	ctx: ComplianceContext,
	explain = true
): RuleResult[] {
	return (RULES_OF.get(ctx.framework) ?? []).map((rule) => evaluateRule(rule.id, pupil, history, ctx, explain));
}

// ---------------------------------------------------------------------------------------------------
// Counting

export type StatusCounts = {
	/** Pupils the rule applies to: met + on track + at risk + missed. */
	eligible: number;
	met: number;
	onTrack: number;
	atRisk: number;
	missed: number;
	notApplicable: number;
};

export function emptyCounts(): StatusCounts {
	return { eligible: 0, met: 0, onTrack: 0, atRisk: 0, missed: 0, notApplicable: 0 };
}

export function addStatus(counts: StatusCounts, status: ComplianceStatus): void {
	if (status === 'not-applicable') {
		counts.notApplicable++;
		return;
	}
	counts.eligible++;
	if (status === 'met') counts.met++;
	else if (status === 'on-track') counts.onTrack++;
	else if (status === 'at-risk') counts.atRisk++;
	else counts.missed++;
}

export function countStatuses(statuses: Iterable<ComplianceStatus>): StatusCounts {
	const counts = emptyCounts();
	for (const s of statuses) addStatus(counts, s);
	return counts;
}

/** Share of eligible pupils who met the rule, 0–100, or null when no pupil is eligible. */
export function percentMet(counts: Pick<StatusCounts, 'eligible' | 'met'>): number | null {
	return counts.eligible === 0 ? null : (100 * counts.met) / counts.eligible;
}
