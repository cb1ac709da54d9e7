/**
 * The governors' pack opens with a few plain sentences: the main strengths and the main gaps, written
 * from the figures alone (never from pupils). Pure, so the wording can be tested with hand-made figures.
 *
 * What it says, in order:
 * - strengths: up to three rules most pupils have met (90% or more of eligible pupils), benchmark scores
 *   that rose since the previous evaluation, provider access complete, every leaver's destination known;
 * - gaps: the three rules with the lowest share met (below 90%), flagged equity gaps (a group of pupils
 *   10 points or more below the rest of the cohort), provider access phases below 100% in a year group,
 *   benchmark scores that fell, the NEET and not-known shares of the latest leavers, overdue plan actions.
 */

/** A rule's figures over all year groups. */
export type SummaryRule = {
	id: string;
	title: string;
	eligible: number;
	met: number;
	atRisk: number;
	missed: number;
};

/** A gap already flagged by the equity lens: the group's share met against the rest of the cohort's. */
export type SummaryEquityGap = {
	/** "Pupils eligible for Pupil Premium" */
	group: string;
	ruleTitle: string;
	/** Shares met, 0–100. */
	percent: number;
	restPercent: number;
	/** Eligible pupils in the group, when known: small groups swing widely, so the count is said. */
	eligible?: number;
};

/** One provider access phase in one year group. */
export type SummaryPalCell = {
	ruleId: string;
	title: string;
	yearGroup: number;
	/** True in the two year groups the phase runs in; later year groups are pupils whose phase is over. */
	current: boolean;
	eligible: number;
	met: number;
	missed: number;
};

export type SummaryBenchmark = { benchmark: number; score: number | null; previous: number | null };

export type SummaryDestinations = {
	/** "2024/25" */
	cohort: string;
	total: number;
	/** 0–1, as the destinations roll-up gives them. */
	neetShare: number | null;
	notKnownShare: number | null;
};

export type SummaryPlan = { total: number; done: number; overdue: number };

export type SummaryFigures = {
	rules: readonly SummaryRule[];
	equityGaps?: readonly SummaryEquityGap[];
	pal?: readonly SummaryPalCell[];
	benchmarks?: readonly SummaryBenchmark[];
	destinations?: SummaryDestinations | null;
	plan?: SummaryPlan | null;
};

export type ReportSummary = { strengths: string[]; gaps: string[] };

/** Rules with at least this share met are strengths. */
export const STRENGTH_PERCENT = 90;
/** How many strengths, gaps and equity gaps the summary names. */
export const SUMMARY_COUNT = 3;

/**
 * A whole percentage that never overstates: 199 of 200 is 99%, not 100%, and 1 of 1,000 is 1%, not 0%.
 * Null when nobody is counted.
 */
export function wholePercent(part: number, whole: number): number | null {
	if (whole <= 0) return null;
	if (part >= whole) return 100;
	if (part <= 0) return 0;
	return Math.min(99, Math.max(1, Math.round((100 * part) / whole)));
}

/** A 0–1 share as a whole percentage (leavers' destinations). */
function sharePercent(share: number): number {
	if (share <= 0) return 0;
	if (share >= 1) return 100;
	return Math.min(99, Math.max(1, Math.round(share * 100)));
}

const number = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;
const isPal = (id: string) => id.startsWith('pal-');

function andList(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function reportSummary(figures: SummaryFigures): ReportSummary {
	const strengths: string[] = [];
	const gaps: string[] = [];

	// Rules (provider access has sentences of its own, per year group).
	const judged = figures.rules
		.filter((r) => !isPal(r.id) && r.eligible > 0)
		.map((r) => ({ ...r, percent: wholePercent(r.met, r.eligible) ?? 0, share: r.met / r.eligible }));
	const strong = judged
		.filter((r) => r.percent >= STRENGTH_PERCENT)
		.sort((a, b) => b.share - a.share || b.eligible - a.eligible || a.title.localeCompare(b.title))
		.slice(0, SUMMARY_COUNT);
	for (const r of strong)
		strengths.push(
			r.met === r.eligible
				? `Every eligible pupil (${number(r.eligible)}) has met “${r.title}”.`
				: `${r.percent}% of eligible pupils have met “${r.title}” (${number(r.met)} of ${number(r.eligible)}).`
		);
	const weak = judged
		.filter((r) => r.percent < STRENGTH_PERCENT)
		.sort((a, b) => a.share - b.share || b.eligible - b.met - (a.eligible - a.met) || a.title.localeCompare(b.title))
		.slice(0, SUMMARY_COUNT);
	for (const r of weak) {
		const risk: string[] = [];
		if (r.atRisk > 0) risk.push(`${plural(r.atRisk, 'pupil is', 'pupils are')} at risk of missing it`);
		if (r.missed > 0) risk.push(`${plural(r.missed, 'pupil has', 'pupils have')} missed it`);
		const share =
			r.met === 0
				? `None of the ${number(r.eligible)} eligible pupils has met “${r.title}” yet`
				: `Only ${r.percent}% of eligible pupils have met “${r.title}” (${number(r.met)} of ${number(r.eligible)})`;
		gaps.push(share + (risk.length ? `: ${andList(risk)}.` : '.'));
	}

	// Equity: groups of pupils below the rest of the cohort, largest gaps first.
	const lower = (figures.equityGaps ?? [])
		.filter((g) => g.restPercent - g.percent > 0)
		.sort((a, b) => b.restPercent - b.percent - (a.restPercent - a.percent) || a.group.localeCompare(b.group));
	for (const g of lower.slice(0, SUMMARY_COUNT)) {
		const points = Math.round(g.restPercent - g.percent);
		gaps.push(
			`${g.group}${g.eligible === undefined ? '' : ` (${plural(g.eligible, 'pupil', 'pupils')})`}: ${Math.round(g.percent)}% have met “${g.ruleTitle}”, against ${Math.round(g.restPercent)}% of other pupils (${plural(points, 'point', 'points')} lower).`
		);
	}
	if (lower.length > SUMMARY_COUNT)
		gaps.push(
			`${plural(lower.length - SUMMARY_COUNT, 'more gap', 'more gaps')} of 10 points or more between groups of pupils ${lower.length - SUMMARY_COUNT === 1 ? 'is' : 'are'} listed under equity.`
		);

	// Provider access: each phase below 100% in any year group.
	const pal = (figures.pal ?? []).filter((c) => c.eligible > 0);
	const byRule = new Map<string, SummaryPalCell[]>();
	for (const c of pal) byRule.set(c.ruleId, [...(byRule.get(c.ruleId) ?? []), c]);
	let palShort = false;
	for (const [, cells] of byRule) {
		const short = cells.filter((c) => c.current && c.met < c.eligible).sort((a, b) => a.yearGroup - b.yearGroup);
		const missedLater = cells.filter((c) => !c.current).reduce((n, c) => n + c.missed, 0);
		if (short.length === 0 && missedLater === 0) continue;
		palShort = true;
		const parts = short.map(
			(c) => `${wholePercent(c.met, c.eligible)}% in Year ${c.yearGroup} (${number(c.met)} of ${number(c.eligible)})`
		);
		const later = missedLater > 0 ? `${plural(missedLater, 'pupil', 'pupils')} in later year groups missed it` : '';
		const title = (short[0] ?? cells[0])!.title;
		gaps.push(
			parts.length
				? `Provider access is below 100% for “${title}”: ${andList(parts)}${later ? `; ${later}` : ''}.`
				: `Provider access: ${later} (“${title}”).`
		);
	}
	if (pal.length > 0 && !palShort)
		strengths.push('Every eligible pupil has had the provider access encounters the law requires so far.');

	// Benchmark scores against the previous evaluation.
	const changes = (figures.benchmarks ?? [])
		.filter((b) => b.score !== null && b.previous !== null && Math.round(b.score) !== Math.round(b.previous))
		.map((b) => ({ ...b, change: Math.round(b.score!) - Math.round(b.previous!) }));
	for (const b of changes
		.filter((b) => b.change > 0)
		.sort((a, b) => b.change - a.change || a.benchmark - b.benchmark)
		.slice(0, 2))
		strengths.push(
			`Benchmark ${b.benchmark} rose from ${Math.round(b.previous!)}% to ${Math.round(b.score!)}% since the previous evaluation.`
		);
	for (const b of changes
		.filter((b) => b.change < 0)
		.sort((a, b) => a.change - b.change || a.benchmark - b.benchmark)
		.slice(0, 2))
		gaps.push(
			`Benchmark ${b.benchmark} fell from ${Math.round(b.previous!)}% to ${Math.round(b.score!)}% since the previous evaluation.`
		);

	// Destinations of the latest leavers.
	const d = figures.destinations;
	if (d && d.total > 0) {
		const neet = sharePercent(d.neetShare ?? 0);
		const notKnown = sharePercent(d.notKnownShare ?? 0);
		if (neet === 0 && notKnown === 0)
			strengths.push(
				`All ${plural(d.total, 'pupil', 'pupils')} who left in ${d.cohort} have a known destination, and none is NEET.`
			);
		else
			gaps.push(
				`Of the ${plural(d.total, 'pupil', 'pupils')} who left in ${d.cohort}, ${neet}% are not in education, employment or training (NEET) and ${notKnown}% have no known destination.`
			);
	}

	// The development plan.
	const p = figures.plan;
	if (p && p.overdue > 0)
		gaps.push(
			`${number(p.overdue)} of the development plan’s ${plural(p.total, 'action', 'actions')} ${p.overdue === 1 ? 'is' : 'are'} overdue.`
		);

	return { strengths, gaps };
}
