/**
 * What the data says about each criterion of a self-evaluation, before the careers leader confirms it.
 * Pure: the service loads the facts (ProgrammeFacts and the coverage totals) and this decides.
 *
 * - Pupil-level criteria whose id is a compliance rule: from the coverage figures (domain/evaluation.ts,
 *   prefillFromCounts).
 * - Whole-school criteria where the data shows it:
 *   · bm1-published: careers information published, review date not passed;
 *   · bm1-careers-leader (2024) and bm1-senior-backing (2014): a careers leader named, with training
 *     recorded (CPD); 2014 also asks for senior backing, which data cannot show, so at most in progress;
 *   · bm1-embedded (2014): planned activities for every year group;
 *   · bm1-sequenced (2024): planned activities for every year group, each with learning outcomes, and a
 *     development plan for the year;
 *   · bm5-range: the kinds (formats) of employer activity in the programme — three or more achieved;
 *   · bm8-qualified-adviser: the careers advisers' recorded levels (Level 6 or above);
 *   · bm3-destinations-3-years (2014) and bm3-destinations (2024): destinations recorded for the last
 *     three years' leavers; 2024 also asks that they are used and alumni involved, so at most in progress.
 * - Everything else: no pre-fill ("Not pre-filled: confirm from your own evidence"), with the
 *   development plan's actions for its benchmark where there are any.
 */
import { academicYearName, longDate } from '../../domain/academic-year.ts';
import { ACTIVITY_FORMAT_LABELS, type ActivityFormat } from '../../domain/activities.ts';
import type { BenchmarkNumber, Framework } from '../../domain/benchmarks.ts';
import { BENCHMARK_8_LEVEL, isRuleId, type RuleId, type StatusCounts } from '../../domain/compliance.ts';
import { prefillFromCounts, wholePercentDown, type EvaluationAnswer } from '../../domain/evaluation.ts';

export const NOT_PREFILLED = 'Not pre-filled: confirm from your own evidence.';

/** Employer activity formats that make "several kinds of employer involvement" achieved. */
export const EMPLOYER_FORMATS_NEEDED = 3;

export type PlanCounts = { total: number; done: number; inProgress: number; notStarted: number };

export type ProgrammeFacts = {
	/** The date the figures are as of. */
	asOf: string;
	academicYear: number;
	/** The school's year groups (7–13 within its range). */
	yearGroups: number[];
	careersInformation: { saved: boolean; publishedOn: string | null; nextReviewDate: string | null };
	/** The careers leader named on the careers information, or else the first holder of the role. */
	careersLeader: {
		name: string;
		namedOnCareersInformation: boolean;
		/** CPD started by the as-of date. */
		training: { title: string; accredited: boolean }[];
	} | null;
	/** The year's planned programme. */
	programme: { activities: number; yearGroupsCovered: number[]; withLearningOutcomes: number } | null;
	/** Formats of the programme's employer encounters and workplace experiences. */
	employerFormats: string[];
	/** People with the careers adviser role and their recorded level. */
	advisers: { name: string; level: number | null }[];
	/** The year's development plan, per benchmark (actions may serve several). */
	plan: Partial<Record<BenchmarkNumber, PlanCounts>>;
	planTotal: number;
	/** Leavers (from Year 11–13) of the last three academic years and how many have a destination recorded. */
	destinations: { leavers: number; recorded: number; fromYear: number; toYear: number };
};

export type PrefillRow = {
	criterionId: string;
	benchmark: BenchmarkNumber;
	level: 'programme' | 'pupil';
	status: EvaluationAnswer | null;
	basis: string;
};

function list(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Years 7 to 13" for a run of three or more, otherwise "Year 7 and Year 9". */
export function yearList(years: number[]): string {
	const sorted = [...years].sort((a, b) => a - b);
	const first = sorted[0];
	const last = sorted.at(-1);
	if (first !== undefined && last !== undefined && sorted.length >= 3 && last - first === sorted.length - 1)
		return `Years ${first} to ${last}`;
	return list(sorted.map((y) => `Year ${y}`));
}

function planSentence(facts: ProgrammeFacts, benchmark: BenchmarkNumber): string {
	const p = facts.plan[benchmark];
	const year = academicYearName(facts.academicYear);
	if (!p || p.total === 0) return '';
	const parts = [
		p.done ? `${p.done} done` : '',
		p.inProgress ? `${p.inProgress} in progress` : '',
		p.notStarted ? `${p.notStarted} not started` : ''
	].filter(Boolean);
	return ` The ${year} development plan has ${p.total} ${p.total === 1 ? 'action' : 'actions'} for Benchmark ${benchmark}: ${list(parts)}.`;
}

type Decision = { status: EvaluationAnswer | null; basis: string };

function published(f: ProgrammeFacts): Decision {
	const ci = f.careersInformation;
	const when = longDate(f.asOf);
	if (!ci.saved)
		return { status: 'not-started', basis: 'No careers information has been written for the website yet.' };
	if (!ci.publishedOn || ci.publishedOn > f.asOf)
		return {
			status: 'in-progress',
			basis: `Careers information is written but was not published as of ${when}.`
		};
	if (!ci.nextReviewDate)
		return {
			status: 'in-progress',
			basis: `Careers information was published on ${longDate(ci.publishedOn)} but gives no date for its next review.`
		};
	if (ci.nextReviewDate < f.asOf)
		return {
			status: 'in-progress',
			basis: `Careers information was published on ${longDate(ci.publishedOn)}, but its review date (${longDate(ci.nextReviewDate)}) had passed by ${when}.`
		};
	return {
		status: 'achieved',
		basis: `Careers information was published on ${longDate(ci.publishedOn)}; its next review is due on ${longDate(ci.nextReviewDate)}.`
	};
}

function careersLeader(f: ProgrammeFacts, seniorBackingToo: boolean): Decision {
	const leader = f.careersLeader;
	if (!leader) return { status: 'not-started', basis: 'No one holds the careers leader role in Waymark.' };
	const named = leader.namedOnCareersInformation
		? `${leader.name} is the careers leader named on your careers information`
		: `${leader.name} holds the careers leader role (not yet named on your careers information)`;
	const training =
		leader.training.length === 0
			? 'no careers training (CPD) is recorded for them'
			: `${leader.training.length} careers training ${leader.training.length === 1 ? 'record' : 'records'} (${list(
					leader.training.slice(0, 3).map((t) => (t.accredited ? `${t.title}, accredited` : t.title))
				)})`;
	const trained = leader.training.length > 0;
	if (seniorBackingToo)
		return {
			status: 'in-progress',
			basis: `${named}; ${training}. Senior leaders’ backing is not something the data shows: confirm from your own evidence.`
		};
	return { status: trained ? 'achieved' : 'in-progress', basis: `${named}; ${training}.` };
}

function coverage(f: ProgrammeFacts, sequenced: boolean): Decision {
	const year = academicYearName(f.academicYear);
	const p = f.programme;
	if (!p || p.activities === 0)
		return { status: 'not-started', basis: `No activities are planned in the ${year} programme.` };
	const missing = f.yearGroups.filter((y) => !p.yearGroupsCovered.includes(y));
	const activitiesText = `${p.activities} ${p.activities === 1 ? 'activity is' : 'activities are'} planned in the ${year} programme`;
	const yearsText =
		missing.length === 0 ? `, for every year group (${yearList(f.yearGroups)})` : `, none yet for ${yearList(missing)}`;
	if (!sequenced)
		return { status: missing.length === 0 ? 'achieved' : 'in-progress', basis: `${activitiesText}${yearsText}.` };
	const outcomes =
		p.withLearningOutcomes === p.activities
			? 'each has learning outcomes'
			: `${p.withLearningOutcomes} of them ${p.withLearningOutcomes === 1 ? 'has' : 'have'} learning outcomes`;
	const plan =
		f.planTotal > 0
			? `there is a ${year} development plan (${f.planTotal} ${f.planTotal === 1 ? 'action' : 'actions'})`
			: `there is no ${year} development plan`;
	const all = missing.length === 0 && p.withLearningOutcomes === p.activities && f.planTotal > 0;
	return { status: all ? 'achieved' : 'in-progress', basis: `${activitiesText}${yearsText}; ${outcomes}; ${plan}.` };
}

function employerRange(f: ProgrammeFacts): Decision {
	const year = academicYearName(f.academicYear);
	const kinds = [...new Set(f.employerFormats)];
	const names = kinds.map((k) => (ACTIVITY_FORMAT_LABELS[k as ActivityFormat] ?? k).toLowerCase());
	if (kinds.length === 0)
		return {
			status: 'not-started',
			basis: `No employer encounters or workplace experiences are planned in the ${year} programme.`
		};
	return {
		status: kinds.length >= EMPLOYER_FORMATS_NEEDED ? 'achieved' : 'in-progress',
		basis: `The ${year} programme has employer activities of ${kinds.length} ${kinds.length === 1 ? 'kind' : 'kinds'} (${list(names)}); achieved from ${EMPLOYER_FORMATS_NEEDED} kinds.`
	};
}

function advisers(f: ProgrammeFacts): Decision {
	if (f.advisers.length === 0)
		return {
			status: null,
			basis: `${NOT_PREFILLED} No one has the careers adviser role in Waymark (an external adviser’s level is recorded with each guidance meeting).`
		};
	const qualified = f.advisers.filter((a) => a.level !== null && a.level >= BENCHMARK_8_LEVEL);
	const describe = f.advisers.map((a) => `${a.name} (${a.level === null ? 'level not recorded' : `Level ${a.level}`})`);
	const status: EvaluationAnswer =
		qualified.length === f.advisers.length ? 'achieved' : qualified.length > 0 ? 'in-progress' : 'not-started';
	return {
		status,
		basis: `${qualified.length} of ${f.advisers.length} careers ${f.advisers.length === 1 ? 'adviser is' : 'advisers are'} at Level ${BENCHMARK_8_LEVEL} or above: ${list(describe)}.`
	};
}

function destinationsKept(f: ProgrammeFacts, threshold: number, usedToo: boolean): Decision {
	const d = f.destinations;
	const years = `${academicYearName(d.fromYear)} to ${academicYearName(d.toYear)}`;
	if (d.leavers === 0)
		return { status: null, basis: `${NOT_PREFILLED} No pupils left from Years 11 to 13 in ${years}.` };
	let status: EvaluationAnswer =
		d.recorded * 100 >= threshold * d.leavers ? 'achieved' : d.recorded > 0 ? 'in-progress' : 'not-started';
	let basis = `Destinations are recorded for ${d.recorded} of ${d.leavers} pupils who left from Years 11 to 13 in ${years} (${wholePercentDown(d.recorded, d.leavers)}%).`;
	if (usedToo) {
		if (status === 'achieved') status = 'in-progress';
		basis +=
			' Whether they are used to evaluate the programme, and alumni involved, is not something the data shows: confirm from your own evidence.';
	}
	return { status, basis };
}

function programmeDecision(criterionId: string, f: ProgrammeFacts, threshold: number): Decision | null {
	switch (criterionId) {
		case 'bm1-published':
			return published(f);
		case 'bm1-careers-leader':
			return careersLeader(f, false);
		case 'bm1-senior-backing':
			return careersLeader(f, true);
		case 'bm1-embedded':
			return coverage(f, false);
		case 'bm1-sequenced':
			return coverage(f, true);
		case 'bm5-range':
			return employerRange(f);
		case 'bm8-qualified-adviser':
			return advisers(f);
		case 'bm3-destinations-3-years':
			return destinationsKept(f, threshold, false);
		case 'bm3-destinations':
			return destinationsKept(f, threshold, true);
		default:
			return null;
	}
}

/**
 * One row per criterion of the framework, in framework order: the suggested answer (or null) and why.
 * `totals` are the coverage figures per rule (all year groups together) as of `facts.asOf`.
 */
export function prefillRows(
	framework: Pick<Framework, 'benchmarks'>,
	totals: ReadonlyMap<RuleId, Pick<StatusCounts, 'eligible' | 'met'>>,
	facts: ProgrammeFacts,
	threshold: number
): PrefillRow[] {
	const rows: PrefillRow[] = [];
	for (const bm of framework.benchmarks)
		for (const c of bm.criteria) {
			let decision: Decision | null = null;
			if (c.level === 'pupil' && isRuleId(c.id)) {
				const counts = totals.get(c.id);
				if (counts) decision = prefillFromCounts(counts, threshold, facts.asOf);
			} else if (c.level === 'programme') decision = programmeDecision(c.id, facts, threshold);
			if (!decision)
				decision = {
					status: null,
					basis:
						c.level === 'pupil'
							? `${NOT_PREFILLED} Waymark does not yet measure this from pupils’ records.`
							: NOT_PREFILLED
				};
			rows.push({
				criterionId: c.id,
				benchmark: bm.number,
				level: c.level,
				status: decision.status,
				basis: decision.basis + (c.level === 'programme' ? planSentence(facts, bm.number) : '')
			});
		}
	return rows;
}
