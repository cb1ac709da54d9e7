/**
 * The governors' and senior leaders' termly pack: one school's figures for an academic year as of a
 * date — benchmark scores and their change, the coverage grid, equity gaps, provider access, leavers'
 * destinations with the NEET and not-known shares, the development plan's progress, what is planned
 * next term — and a few plain sentences on the main strengths and gaps (domain/report-summary.ts).
 *
 * Figures only: the pack is open to every school role (reports.view), link governors included, so no
 * pupil's name, UPN or anything else about one pupil leaves this module. The page and the PDF
 * (governors-pdf.ts) both render this one value.
 */
import { authorise, NotFoundError, systemActor, type Actor } from '../access/actor.ts';
import type { Group, School } from '../schools/service.ts';
import {
	complianceFigures,
	gridOf,
	resolveScope,
	schoolCompliance,
	type ComplianceFigures,
	type ComplianceScope,
	type SchoolCompliance
} from '../compliance/service.ts';
import { evaluationSummary } from '../evaluation/service.ts';
import { destinationsOverview } from '../destinations/service.ts';
import { listDevelopmentActions, type PlanProgress } from '../plan/service.ts';
import { listActivities } from '../programme/service.ts';
import { academicYearName, academicYearStart, longDate, todayInLondon } from '../../domain/academic-year.ts';
import { ACTIVITY_TYPE_LABELS, BENCHMARK_SHORT_NAMES, TERM_LABELS, type Term } from '../../domain/activities.ts';
import { termOfDate } from '../../domain/terms.ts';
import { equityGaps, equityGroup } from '../../domain/equity.ts';
import { COMPLIANCE_RULES, type RuleId, type StatusCounts } from '../../domain/compliance.ts';
import {
	DESTINATION_GROUPS,
	DESTINATION_GROUP_LABELS,
	type DestinationGroup,
	type DestinationRollUp
} from '../../domain/destinations.ts';
import { reportSummary, wholePercent, type ReportSummary, type SummaryEquityGap } from '../../domain/report-summary.ts';

export const PACK_TITLE = 'Careers report for governors and senior leaders';

// ── The shape both the page and the PDF render ─────────────────────────────────────────────────────

export type PackCell = {
	yearGroup: number;
	eligible: number;
	met: number;
	onTrack: number;
	atRisk: number;
	missed: number;
	/** Whole percentage met of eligible, or null when nobody is eligible. */
	percent: number | null;
};

export type PackRuleRow = {
	ruleId: RuleId;
	title: string;
	benchmark: number | null;
	cells: PackCell[];
	/** All year groups together (yearGroup 0). */
	total: PackCell;
};

export type PackBenchmark = {
	benchmark: number;
	title: string;
	/** 0–100, or null when not scored. */
	score: number | null;
	previous: number | null;
};

export type PackBenchmarks = {
	/** "Evaluation of 31 March 2026 (submitted)" */
	label: string;
	previousLabel: string | null;
	rows: PackBenchmark[];
};

export type PackEquityGap = SummaryEquityGap & {
	/** Pupils in the group eligible for the rule. */
	eligible: number;
	/** Positive when the group is below the rest of the cohort. */
	points: number;
};

export type PackDestinationRow = {
	/** "Year 11 (intended for 2026/27)" or "Left in 2024/25" */
	label: string;
	total: number;
	recorded: number;
	byGroup: Record<DestinationGroup, number>;
	/** Whole percentages. */
	neetPercent: number | null;
	notKnownPercent: number | null;
	neetShare: number | null;
	notKnownShare: number | null;
};

export type PackActivity = { title: string; type: string; yearGroups: string; when: string };

export type GovernorsPack = {
	school: { name: string; urn: string };
	academicYear: number;
	yearName: string;
	asOf: string;
	asOfText: string;
	framework: { id: string; name: string };
	/** Pupils on roll in the year groups judged (a count). */
	pupilCount: number;
	yearGroups: number[];
	/** Null when the school has no evaluation yet. */
	benchmarks: PackBenchmarks | null;
	coverage: PackRuleRow[];
	/** The flagged gaps, largest first. */
	equity: PackEquityGap[];
	/** The provider access rules' rows (also in coverage). */
	providerAccess: PackRuleRow[];
	destinations: { intended: PackDestinationRow[]; leavers: PackDestinationRow[] };
	plan: { yearName: string; progress: PlanProgress };
	nextTerm: { label: string; activities: PackActivity[] };
	summary: ReportSummary;
	printedOn: string;
};

export const DESTINATION_COLUMNS: readonly { group: DestinationGroup; label: string }[] = DESTINATION_GROUPS.map(
	(group) => ({ group, label: group === 'neet' ? 'NEET' : DESTINATION_GROUP_LABELS[group] })
);

/** Short names for chart labels (the table beside each chart gives the full title). */
export const RULE_SHORT_LABELS: Record<RuleId, string> = {
	'bm2-lmi-by-14': 'B2 information by Y9',
	'bm2-lmi-each-key-stage': 'B2 information this key stage',
	'bm4-curriculum-careers-each-year': 'B4 subjects this year',
	'bm5-employer-encounter-each-year': 'B5 employer this year',
	'bm6-workplace-by-16': 'B6 workplaces by Y11',
	'bm6-workplace-by-18': 'B6 workplace Y12–13',
	'bm7-provider-range-by-16': 'B7 providers by Y11',
	'bm7-he-visits-by-18': 'B7 university visits',
	'bm8-guidance-by-16': 'B8 guidance by Y11',
	'bm8-guidance-by-18': 'B8 guidance Y12–13',
	'pal-phase-1': 'Provider access Y8–9',
	'pal-phase-2': 'Provider access Y10–11',
	'pal-phase-3': 'Provider access Y12–13',
	'work-experience-ks3': 'Work experience Y7–9',
	'work-experience-ks4': 'Work experience Y10–11'
};

/** The year groups each provider access phase runs in (later year groups are pupils whose phase is over). */
export const PAL_PHASE_YEARS: Partial<Record<RuleId, readonly number[]>> = {
	'pal-phase-1': [8, 9],
	'pal-phase-2': [10, 11],
	'pal-phase-3': [12, 13]
};

/** The charts' inputs, shared by the page (Svelte components) and the PDF (SVG strings). */
export function packCharts(pack: GovernorsPack) {
	const radar = pack.benchmarks
		? {
				title: `Benchmark scores, ${pack.benchmarks.label}`,
				axes: pack.benchmarks.rows.map((b) => `${b.benchmark} ${b.title}`),
				series: [
					{ label: 'This evaluation', values: pack.benchmarks.rows.map((b) => b.score) },
					...(pack.benchmarks.previousLabel
						? [{ label: 'Previous evaluation', values: pack.benchmarks.rows.map((b) => b.previous) }]
						: [])
				]
			}
		: null;
	const coverage = {
		title: `Share of eligible pupils who met each rule, all year groups, as of ${pack.asOfText}`,
		categories: pack.coverage.map((r) => RULE_SHORT_LABELS[r.ruleId]),
		series: [{ label: 'Met', values: pack.coverage.map((r) => r.total.percent) }],
		width: 900,
		height: 360
	};
	const palCells = pack.providerAccess.flatMap((r) =>
		r.cells.filter((c) => c.eligible > 0).map((c) => ({ rule: r, cell: c }))
	);
	const providerAccess =
		palCells.length > 0
			? {
					title: `Provider access: share of pupils who have had both encounters, by phase and year group`,
					categories: palCells.map(({ rule, cell }) => `Phase ${rule.ruleId.slice(-1)} Year ${cell.yearGroup}`),
					series: [{ label: 'Met', values: palCells.map(({ cell }) => cell.percent) }],
					height: 280
				}
			: null;
	return { radar, coverage, providerAccess };
}

// ── Building it ────────────────────────────────────────────────────────────────────────────────────

function cellOf(yearGroup: number, c: StatusCounts): PackCell {
	return {
		yearGroup,
		eligible: c.eligible,
		met: c.met,
		onTrack: c.onTrack,
		atRisk: c.atRisk,
		missed: c.missed,
		percent: wholePercent(c.met, c.eligible)
	};
}

/** The grid as rows: one per rule, a cell per year group and the total. */
function coverageRows(figures: ComplianceFigures): PackRuleRow[] {
	const totals = new Map(figures.totals.map((t) => [t.ruleId, t.counts]));
	return figures.rules.map((rule) => ({
		ruleId: rule.id,
		title: rule.title,
		benchmark: rule.benchmark,
		cells: figures.cells.filter((c) => c.ruleId === rule.id).map((c) => cellOf(c.yearGroup, c.counts)),
		total: cellOf(0, totals.get(rule.id)!)
	}));
}

function destinationRow(label: string, r: DestinationRollUp): PackDestinationRow {
	const whole = (share: number | null) => (share === null ? null : (wholePercent(share * r.total, r.total) ?? null));
	return {
		label,
		total: r.total,
		recorded: r.recorded,
		byGroup: { ...r.byGroup },
		neetShare: r.neetShare,
		notKnownShare: r.notKnownShare,
		neetPercent: whole(r.neetShare),
		notKnownPercent: whole(r.notKnownShare)
	};
}

const NEXT_TERM: Record<Term, Term> = { autumn: 'spring', spring: 'summer', summer: 'autumn' };

/** "Years 7–9", "Year 10", "Years 7, 9 and 11". */
export function yearGroupsText(years: readonly number[]): string {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	if (sorted.length === 0) return 'No year group';
	if (sorted.length === 1) return `Year ${sorted[0]}`;
	const consecutive = sorted.every((y, i) => i === 0 || y === sorted[i - 1]! + 1);
	if (consecutive) return `Years ${sorted[0]}–${sorted.at(-1)}`;
	return `Years ${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`;
}

/** The activities of the programme in the term after the as-of date's. */
async function nextTermActivities(actor: Actor, school: School, scope: ComplianceScope) {
	const term = NEXT_TERM[termOfDate(scope.asOf)];
	const year = term === 'autumn' ? scope.academicYear + 1 : scope.academicYear;
	const all = await listActivities(actor, school, year);
	const activities: PackActivity[] = all
		.filter((a) => (a.term ?? (a.startDate ? termOfDate(a.startDate) : null)) === term)
		.map((a) => ({
			title: a.title,
			type: ACTIVITY_TYPE_LABELS[a.type],
			yearGroups: yearGroupsText(a.yearGroups),
			when: a.startDate ? longDate(a.startDate) : `${TERM_LABELS[term]} term`
		}));
	return { label: `${TERM_LABELS[term]} term ${academicYearName(year)}`, activities };
}

/**
 * Leavers' destinations and Year 11 and 13 intentions as roll-ups (counts). The destinations pages
 * name pupils, so they need destinations.view, which governors do not have; the pack asks for the
 * roll-ups on the system's behalf after its own reports.view check, and keeps nothing but counts.
 */
async function destinationFigures(school: School, scope: ComplianceScope) {
	const overview = await destinationsOverview(systemActor('Governors’ report'), school, scope.academicYear);
	return {
		intended: overview.intended.map((g) =>
			destinationRow(`Year ${g.yearGroup} (intended for ${g.forYearName})`, g.rollUp)
		),
		leavers: overview.cohorts.map((c) => destinationRow(`Left in ${c.leftInName}`, c.rollUp))
	};
}

/** Benchmark scores of the latest evaluation (submitted, or the latest draft) and the previous submitted one. */
async function benchmarkFigures(actor: Actor, school: School): Promise<PackBenchmarks | null> {
	const summary = await evaluationSummary(actor, school);
	if (!summary) return null;
	const { latest, previous } = summary;
	return {
		label: `${latest.label}${latest.status === 'submitted' ? '' : ', a draft not yet submitted'}`,
		previousLabel: previous ? previous.label : null,
		rows: summary.changes.map((c) => ({
			benchmark: c.benchmark,
			title: BENCHMARK_SHORT_NAMES[c.benchmark] ?? `Benchmark ${c.benchmark}`,
			score: c.score,
			previous: c.previous
		}))
	};
}

/** Flagged equity gaps (a group 10 points or more below the rest of the cohort), largest first: figures only. */
function equityFigures(data: SchoolCompliance): PackEquityGap[] {
	const titles = new Map(data.rules.map((r) => [r.id, r.title]));
	return equityGaps(data.pupils, data.rules)
		.filter((g) => g.flagged && g.gap !== null && g.groupPercent !== null && g.restPercent !== null)
		.map((g) => ({
			group: equityGroup(g.groupId)?.label ?? g.groupId,
			ruleTitle: titles.get(g.ruleId) ?? g.ruleId,
			percent: g.groupPercent!,
			restPercent: g.restPercent!,
			eligible: g.group.eligible,
			points: -g.gap!
		}))
		.sort((a, b) => b.points - a.points || a.group.localeCompare(b.group));
}

/** The pack's query string: ?year=2025/26&asOf=YYYY-MM-DD (both optional). */
export async function packScope(
	school: School,
	input: { year?: string | null; asOf?: string | null },
	today = todayInLondon()
): Promise<ComplianceScope> {
	return resolveScope(school, input, today);
}

export async function governorsPack(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	today = todayInLondon()
): Promise<GovernorsPack> {
	authorise(actor, 'reports.view', school.id);
	const data = await schoolCompliance(actor, school, scope);
	const figures = gridOf(data, data.pupils);
	const equity = equityFigures(data);
	const coverage = coverageRows(figures);
	// Nothing about a pupil goes further than this function: only the counts above (and equity's).

	const providerAccess = coverage.filter((r) => r.ruleId.startsWith('pal-'));
	const [benchmarks, destinations, plan, nextTerm] = [
		await benchmarkFigures(actor, school),
		await destinationFigures(school, scope),
		await listDevelopmentActions(actor, school, { academicYear: scope.academicYear, today }),
		await nextTermActivities(actor, school, scope)
	];
	const latestLeavers = destinations.leavers[0];
	const summary = reportSummary({
		rules: coverage.map((r) => ({
			id: r.ruleId,
			title: r.title,
			eligible: r.total.eligible,
			met: r.total.met,
			atRisk: r.total.atRisk,
			missed: r.total.missed
		})),
		equityGaps: equity,
		pal: providerAccess.flatMap((r) =>
			r.cells.map((c) => ({
				ruleId: r.ruleId,
				title: r.title,
				yearGroup: c.yearGroup,
				current: (PAL_PHASE_YEARS[r.ruleId] ?? []).includes(c.yearGroup),
				eligible: c.eligible,
				met: c.met,
				missed: c.missed
			}))
		),
		benchmarks: benchmarks?.rows ?? [],
		destinations: latestLeavers
			? {
					cohort: latestLeavers.label.replace(/^Left in /, ''),
					total: latestLeavers.total,
					neetShare: latestLeavers.neetShare,
					notKnownShare: latestLeavers.notKnownShare
				}
			: null,
		plan: plan.progress
	});

	return {
		school: { name: school.name, urn: school.urn },
		academicYear: scope.academicYear,
		yearName: academicYearName(scope.academicYear),
		asOf: scope.asOf,
		asOfText: longDate(scope.asOf),
		framework: figures.framework,
		pupilCount: figures.pupilCount,
		yearGroups: figures.yearGroups,
		benchmarks,
		coverage,
		equity,
		providerAccess,
		destinations,
		plan: { yearName: academicYearName(scope.academicYear), progress: plan.progress },
		nextTerm,
		summary,
		printedOn: longDate(today)
	};
}

// ── The trust's (or hub's) view: each school's figures, never a pupil ──────────────────────────────

export type TrustSchoolFigures = {
	school: { name: string; urn: string };
	yearName: string;
	asOf: string;
	framework: { id: string; name: string };
	pupilCount: number;
	/** Per rule judged at this school (its framework's rules), all year groups together. */
	totals: Partial<Record<RuleId, PackCell>>;
};

export type TrustCoverage = {
	yearName: string;
	asOf: string;
	asOfText: string;
	/** Every rule any school is judged on, in the engine's order. */
	rules: { id: RuleId; title: string }[];
	schools: TrustSchoolFigures[];
};

/** How many schools' figures are worked out at once (Postgres has a pool; PGlite queues them). */
const SCHOOLS_AT_ONCE = 4;

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
	return out;
}

/**
 * Each school of the group × each rule's share met (all year groups) with the counts, for the group's
 * lead: authorised through the group (group.view), figures only. Each school is judged under its own
 * framework for the year (a school may have chosen the other one), so a rule can be blank for a school.
 */
export async function trustCoverage(
	actor: Actor,
	group: Group,
	input: { year?: string | null; asOf?: string | null },
	today = todayInLondon()
): Promise<TrustCoverage> {
	authorise(actor, 'group.view', group.id);
	const schools = await inBatches(group.schools, SCHOOLS_AT_ONCE, async (school) => {
		const scope = await resolveScope(school, input, today);
		const figures = await complianceFigures(actor, school, scope, undefined, group);
		const totals: Partial<Record<RuleId, PackCell>> = {};
		for (const t of figures.totals) totals[t.ruleId] = cellOf(0, t.counts);
		return {
			school: { name: school.name, urn: school.urn },
			yearName: academicYearName(scope.academicYear),
			asOf: scope.asOf,
			framework: figures.framework,
			pupilCount: figures.pupilCount,
			totals,
			ruleIds: figures.rules.map((r) => r.id)
		};
	});
	const judged = new Set(schools.flatMap((s) => s.ruleIds));
	const first = schools[0];
	const fallback = await fallbackScope(input, today);
	return {
		yearName: first?.yearName ?? fallback.yearName,
		asOf: first?.asOf ?? fallback.asOf,
		asOfText: longDate(first?.asOf ?? fallback.asOf),
		rules: COMPLIANCE_RULES.filter((r) => judged.has(r.id)).map((r) => ({ id: r.id, title: r.title })),
		schools: schools.map(({ ruleIds: _ruleIds, ...rest }) => rest)
	};
}

/** The year and date shown for a group with no school yet. */
async function fallbackScope(input: { year?: string | null; asOf?: string | null }, today: string) {
	const year = academicYearStart(input.asOf && /^\d{4}-\d{2}-\d{2}$/.test(input.asOf) ? input.asOf : today);
	return { yearName: academicYearName(year), asOf: input.asOf || today };
}

export type TrustSchoolGrid = {
	school: { name: string; urn: string };
	yearName: string;
	asOf: string;
	asOfText: string;
	framework: { id: string; name: string };
	pupilCount: number;
	yearGroups: number[];
	coverage: PackRuleRow[];
};

/** One school of the group: its rule × year group grid (figures only; not found for a school outside the group). */
export async function trustSchoolGrid(
	actor: Actor,
	group: Group,
	urn: string,
	input: { year?: string | null; asOf?: string | null },
	today = todayInLondon()
): Promise<TrustSchoolGrid> {
	authorise(actor, 'group.view', group.id);
	const school = group.schools.find((s) => s.urn === urn);
	if (!school) throw new NotFoundError();
	const scope = await resolveScope(school, input, today);
	const figures = await complianceFigures(actor, school, scope, undefined, group);
	return {
		school: { name: school.name, urn: school.urn },
		yearName: academicYearName(scope.academicYear),
		asOf: scope.asOf,
		asOfText: longDate(scope.asOf),
		framework: figures.framework,
		pupilCount: figures.pupilCount,
		yearGroups: figures.yearGroups,
		coverage: coverageRows(figures)
	};
}
