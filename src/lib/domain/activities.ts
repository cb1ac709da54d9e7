/**
 * The ONE vocabulary of careers activities, shared by planned work (the programme) and, later,
 * delivered work (what pupils actually took part in). Values are stored; labels are what people read.
 */

export const ACTIVITY_TYPES = [
	'employer-encounter',
	'workplace-experience',
	'provider-access',
	'fe-encounter',
	'he-encounter',
	'training-provider-encounter',
	'guidance',
	'lmi',
	'curriculum-link',
	'parents-event',
	'other'
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
	'employer-encounter': 'Encounter with employers and employees',
	'workplace-experience': 'Experience of a workplace',
	'provider-access': 'Provider access (technical education and apprenticeships)',
	'fe-encounter': 'Encounter with further education (college)',
	'he-encounter': 'Encounter with higher education (university)',
	'training-provider-encounter': 'Encounter with a training or apprenticeship provider',
	guidance: 'Personal guidance',
	lmi: 'Careers and labour market information',
	'curriculum-link': 'Careers in subject lessons',
	'parents-event': 'Event for parents and carers',
	other: 'Other'
};

/** The Gatsby Benchmarks an activity of this type usually addresses; the new-activity form ticks them. */
export const TYPE_USUAL_BENCHMARKS: Record<ActivityType, readonly number[]> = {
	'employer-encounter': [5],
	'workplace-experience': [6],
	'provider-access': [7],
	'fe-encounter': [7],
	'he-encounter': [7],
	'training-provider-encounter': [7],
	guidance: [8],
	lmi: [2],
	'curriculum-link': [4],
	'parents-event': [2],
	other: []
};

export const ACTIVITY_FORMATS = [
	'talk',
	'careers-fair',
	'assembly',
	'visit',
	'placement',
	'mentoring',
	'enterprise-challenge',
	'lesson',
	'workshop',
	'online',
	'interview',
	'other'
] as const;
export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];

export const ACTIVITY_FORMAT_LABELS: Record<ActivityFormat, string> = {
	talk: 'Talk',
	'careers-fair': 'Careers fair',
	assembly: 'Assembly',
	visit: 'Visit',
	placement: 'Placement',
	mentoring: 'Mentoring',
	'enterprise-challenge': 'Enterprise challenge',
	lesson: 'Lesson',
	workshop: 'Workshop',
	online: 'Online',
	interview: 'One-to-one interview',
	other: 'Other'
};

export const AUDIENCES = ['whole-year', 'named-groups', 'targeted'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
	'whole-year': 'Whole year group',
	'named-groups': 'Named groups or classes',
	targeted: 'Targeted pupils'
};

export const TARGET_GROUPS = [
	'sen',
	'disadvantaged',
	'neet-risk',
	'considering-he',
	'looked-after',
	'eal',
	'high-attaining',
	'other'
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
	sen: 'Pupils with special educational needs (SEN)',
	disadvantaged: 'Disadvantaged pupils (pupil premium)',
	'neet-risk': 'At risk of not being in education, employment or training (NEET)',
	'considering-he': 'Considering higher education',
	'looked-after': 'Looked-after and previously looked-after children',
	eal: 'English as an additional language',
	'high-attaining': 'High-attaining pupils',
	other: 'Other'
};

export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];

export const TERM_LABELS: Record<Term, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

export const HALF_TERMS = [1, 2, 3, 4, 5, 6] as const;
export type HalfTerm = (typeof HALF_TERMS)[number];

/** Half-terms 1–2 are autumn, 3–4 spring, 5–6 summer. */
export function termOfHalfTerm(halfTerm: HalfTerm): Term {
	return TERMS[Math.floor((halfTerm - 1) / 2)] as Term;
}

/** The two half-terms of a term. */
export function halfTermsOf(term: Term): [HalfTerm, HalfTerm] {
	const first = (TERMS.indexOf(term) * 2 + 1) as HalfTerm;
	return [first, (first + 1) as HalfTerm];
}

/** "Autumn 1" … "Summer 2". */
export function halfTermLabel(halfTerm: HalfTerm): string {
	return `${TERM_LABELS[termOfHalfTerm(halfTerm)]} ${halfTerm % 2 === 1 ? 1 : 2}`;
}

export const HALF_TERM_LABELS: Record<HalfTerm, string> = {
	1: halfTermLabel(1),
	2: halfTermLabel(2),
	3: halfTermLabel(3),
	4: halfTermLabel(4),
	5: halfTermLabel(5),
	6: halfTermLabel(6)
};

/** The "meaningful" elements a planned activity can include (purpose, outcomes, interaction, reflection). */
export const MEANINGFUL_ELEMENTS = [
	'purposeShared',
	'outcomesSet',
	'twoWayInteraction',
	'reflection',
	'employerSetTask',
	'employerFeedback'
] as const;
export type MeaningfulElement = (typeof MEANINGFUL_ELEMENTS)[number];

export const MEANINGFUL_ELEMENT_LABELS: Record<MeaningfulElement, string> = {
	purposeShared: 'Pupils know the purpose beforehand',
	outcomesSet: 'Learning outcomes are set',
	twoWayInteraction: 'Pupils talk with the people they meet (two-way interaction)',
	reflection: 'Pupils reflect afterwards',
	employerSetTask: 'The employer sets a task',
	employerFeedback: 'The employer gives feedback'
};

/** Elements that only make sense for experiences of a workplace. */
export const WORKPLACE_ONLY_ELEMENTS: readonly MeaningfulElement[] = ['employerSetTask', 'employerFeedback'];

export const BENCHMARK_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Short names of the eight Gatsby Benchmarks, for ticks and filters (the full framework lives elsewhere). */
export const BENCHMARK_SHORT_NAMES: Record<number, string> = {
	1: 'A stable careers programme',
	2: 'Learning from career and labour market information',
	3: 'Addressing the needs of each pupil',
	4: 'Linking curriculum learning to careers',
	5: 'Encounters with employers and employees',
	6: 'Experiences of workplaces',
	7: 'Encounters with further and higher education',
	8: 'Personal guidance'
};

export function isActivityType(value: string): value is ActivityType {
	return (ACTIVITY_TYPES as readonly string[]).includes(value);
}
export function isActivityFormat(value: string): value is ActivityFormat {
	return (ACTIVITY_FORMATS as readonly string[]).includes(value);
}
export function isAudience(value: string): value is Audience {
	return (AUDIENCES as readonly string[]).includes(value);
}
export function isTargetGroup(value: string): value is TargetGroup {
	return (TARGET_GROUPS as readonly string[]).includes(value);
}
export function isTerm(value: string): value is Term {
	return (TERMS as readonly string[]).includes(value);
}

/** The times of a school's day (HH:MM), which decide whether an encounter was "in the school day". */
export type SchoolDay = { schoolDayStarts: string; schoolDayEnds: string };

/** Whether the activity happened within the school's day (provider access must). Unknown times are not. */
export function inSchoolDay(times: { startTime: string | null; endTime: string | null }, school: SchoolDay): boolean {
	if (!times.startTime) return false;
	const end = times.endTime ?? times.startTime;
	return times.startTime.slice(0, 5) >= school.schoolDayStarts && end.slice(0, 5) <= school.schoolDayEnds;
}
