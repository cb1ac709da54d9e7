/**
 * The termly benchmark self-evaluation, Compass-style: pure rules for its snapshot dates, the pre-fill
 * of a pupil-level criterion from coverage counts, and the score per benchmark.
 *
 * Snapshot dates. Schools evaluate once a term against the national snapshots: 31 December (autumn),
 * 31 March (spring) and 31 July (summer). An evaluation belongs to one snapshot, and so to one
 * academic year and term (31 December 2025 is the autumn term of 2025/26).
 *
 * Scores. Each criterion counts achieved = 1, in progress = ½, not started = 0; a benchmark's score is
 * the mean over all its criteria × 100, rounded to the nearest whole percent (halves round up). Every
 * criterion weighs the same, whole-school or pupil-level.
 */
import { academicYearName, academicYearStart, longDate } from './academic-year.ts';
import { BENCHMARK_NUMBERS, type BenchmarkNumber, type Framework } from './benchmarks.ts';

export const EVALUATION_ANSWERS = ['not-started', 'in-progress', 'achieved'] as const;
export type EvaluationAnswer = (typeof EVALUATION_ANSWERS)[number];

export const EVALUATION_ANSWER_LABELS: Record<EvaluationAnswer, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	achieved: 'Achieved'
};

export function isEvaluationAnswer(value: unknown): value is EvaluationAnswer {
	return typeof value === 'string' && (EVALUATION_ANSWERS as readonly string[]).includes(value);
}

/** Points per answer for the score (achieved 1, in progress ½, not started 0). */
export const ANSWER_POINTS: Record<EvaluationAnswer, number> = { 'not-started': 0, 'in-progress': 0.5, achieved: 1 };

/** The default coverage (%) at which a pupil-level criterion is pre-filled as achieved. */
export const DEFAULT_EVALUATION_THRESHOLD = 100;

// ── Snapshot dates ─────────────────────────────────────────────────────────────────────────────────

export const SNAPSHOT_TERMS = ['autumn', 'spring', 'summer'] as const;
export type SnapshotTerm = (typeof SNAPSHOT_TERMS)[number];

const TERM_OF_MONTH_DAY: Record<string, SnapshotTerm> = { '12-31': 'autumn', '03-31': 'spring', '07-31': 'summer' };
const TERM_NAMES: Record<SnapshotTerm, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

export type Snapshot = {
	/** YYYY-12-31, YYYY-03-31 or YYYY-07-31. */
	date: string;
	/** Start year of the academic year the snapshot closes a term of. */
	academicYear: number;
	term: SnapshotTerm;
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The snapshot a date is, or undefined when it is not a national snapshot date. */
export function snapshotOf(date: string): Snapshot | undefined {
	const match = ISO.exec(date.trim());
	if (!match) return undefined;
	const term = TERM_OF_MONTH_DAY[`${match[2]}-${match[3]}`];
	if (!term) return undefined;
	const iso = date.trim();
	return { date: iso, academicYear: academicYearStart(iso), term };
}

export function isSnapshotDate(date: string): boolean {
	return snapshotOf(date) !== undefined;
}

/** The snapshots of an academic year, in date order: 31 December, 31 March, 31 July. */
export function snapshotsOfYear(academicYear: number): Snapshot[] {
	return [
		{ date: `${academicYear}-12-31`, academicYear, term: 'autumn' },
		{ date: `${academicYear + 1}-03-31`, academicYear, term: 'spring' },
		{ date: `${academicYear + 1}-07-31`, academicYear, term: 'summer' }
	];
}

/** The first snapshot on or after a date (YYYY-MM-DD): on 31 March itself, that day's snapshot. */
export function nextSnapshot(date: string): Snapshot {
	const year = academicYearStart(date);
	const found = [...snapshotsOfYear(year), ...snapshotsOfYear(year + 1)].find((s) => s.date >= date);
	return found as Snapshot;
}

/** The last snapshot strictly before a date. */
export function previousSnapshot(date: string): Snapshot {
	const year = academicYearStart(date);
	const all = [...snapshotsOfYear(year - 1), ...snapshotsOfYear(year)].filter((s) => s.date < date);
	return all.at(-1) as Snapshot;
}

/**
 * The snapshots a school may start an evaluation for: the next one on or after `today` first (the
 * default), then the `past` snapshots before it, newest first.
 */
export function snapshotChoices(today: string, past = 3): Snapshot[] {
	const choices = [nextSnapshot(today)];
	let before = choices[0]!.date;
	for (let i = 0; i < past; i++) {
		const s = previousSnapshot(before);
		choices.push(s);
		before = s.date;
	}
	return choices;
}

/** "Spring term 2025/26" */
export function snapshotTermName(s: Snapshot): string {
	return `${TERM_NAMES[s.term]} term ${academicYearName(s.academicYear)}`;
}

/** "Spring term 2025/26 (31 March 2026)" */
export function snapshotLabel(s: Snapshot): string {
	return `${snapshotTermName(s)} (${longDate(s.date)})`;
}

/**
 * The date pupil figures are computed as of: the snapshot date, or today when the snapshot is still
 * to come — but never before its academic year starts (a snapshot of next year started in August is
 * judged as of 1 September, with the records there are).
 */
export function figuresDate(snapshot: Snapshot, today: string): string {
	const earlier = snapshot.date < today ? snapshot.date : today;
	const yearStart = `${snapshot.academicYear}-09-01`;
	return earlier < yearStart ? yearStart : earlier;
}

// ── Pre-fill of a pupil-level criterion ────────────────────────────────────────────────────────────

export type PupilPrefill = { status: EvaluationAnswer | null; basis: string };

/** Whole percent, rounded down, so 99.9% never reads as 100%. */
export function wholePercentDown(part: number, whole: number): number {
	return whole === 0 ? 0 : Math.floor((100 * part) / whole);
}

const number = (n: number) => n.toLocaleString('en-GB');

/**
 * Achieved when the share of eligible pupils who met the rule is at least `threshold` %, in progress
 * when some met it, not started when none did; no pre-fill when no pupil was eligible.
 */
export function prefillFromCounts(
	counts: { eligible: number; met: number },
	threshold: number,
	asOf: string
): PupilPrefill {
	const { eligible, met } = counts;
	const when = longDate(asOf);
	if (eligible === 0)
		return {
			status: null,
			basis: `Not pre-filled: no pupil was in this rule’s window as of ${when}. Confirm from your own evidence.`
		};
	// Whole numbers only: met / eligible ≥ threshold / 100.
	const status: EvaluationAnswer =
		met * 100 >= threshold * eligible ? 'achieved' : met > 0 ? 'in-progress' : 'not-started';
	const pupilsWord = eligible === 1 ? 'eligible pupil' : 'eligible pupils';
	const basis = `${number(met)} of ${number(eligible)} ${pupilsWord} (${wholePercentDown(met, eligible)}%) met it as of ${when}`;
	const rule =
		status === 'achieved'
			? ''
			: `; achieved needs ${threshold === 100 ? 'every eligible pupil' : `${threshold}% of eligible pupils`}`;
	return { status, basis: `${basis}${rule}.` };
}

// ── Scores ─────────────────────────────────────────────────────────────────────────────────────────

export type BenchmarkScore = {
	benchmark: BenchmarkNumber;
	/** 0–100, whole percent; null when the benchmark has no criteria. */
	score: number | null;
	achieved: number;
	inProgress: number;
	notStarted: number;
	criteria: number;
};

/**
 * The score of each benchmark of the framework from the answers (criterion id → answer). A criterion
 * with no answer counts as not started.
 */
export function benchmarkScores(
	framework: Pick<Framework, 'benchmarks'>,
	answers: ReadonlyMap<string, EvaluationAnswer> | Record<string, EvaluationAnswer>
): BenchmarkScore[] {
	const answerOf = (id: string): EvaluationAnswer =>
		(answers instanceof Map ? answers.get(id) : (answers as Record<string, EvaluationAnswer>)[id]) ?? 'not-started';
	return BENCHMARK_NUMBERS.map((number) => {
		const criteria = framework.benchmarks.find((b) => b.number === number)?.criteria ?? [];
		const result: BenchmarkScore = {
			benchmark: number,
			score: null,
			achieved: 0,
			inProgress: 0,
			notStarted: 0,
			criteria: criteria.length
		};
		let points = 0;
		for (const c of criteria) {
			const answer = answerOf(c.id);
			points += ANSWER_POINTS[answer];
			if (answer === 'achieved') result.achieved++;
			else if (answer === 'in-progress') result.inProgress++;
			else result.notStarted++;
		}
		// Points are multiples of ½: work in halves so the rounding is exact.
		if (criteria.length > 0) result.score = Math.floor((200 * points + criteria.length) / (2 * criteria.length));
		return result;
	});
}

/** The mean of the benchmarks' scores, whole percent; null when none has a score. */
export function overallScore(scores: readonly Pick<BenchmarkScore, 'score'>[]): number | null {
	const known = scores.map((s) => s.score).filter((s): s is number => s !== null);
	return known.length === 0 ? null : Math.round(known.reduce((a, b) => a + b, 0) / known.length);
}

export type ScoreChange = {
	benchmark: BenchmarkNumber;
	score: number | null;
	previous: number | null;
	/** Percentage points; null when either score is missing. */
	change: number | null;
	direction: 'up' | 'down' | 'same' | 'none';
	/** "▲ up 13 points", "▼ down 5 points", "no change", "no previous score". */
	words: string;
};

export function changeWords(change: number | null): { direction: ScoreChange['direction']; words: string } {
	if (change === null) return { direction: 'none', words: 'no previous score' };
	if (change === 0) return { direction: 'same', words: 'no change' };
	const size = Math.abs(change);
	const points = `${size} ${size === 1 ? 'point' : 'points'}`;
	return change > 0 ? { direction: 'up', words: `▲ up ${points}` } : { direction: 'down', words: `▼ down ${points}` };
}

/** Benchmark by benchmark, the change from the previous evaluation's scores (percentage points). */
export function compareScores(
	current: readonly BenchmarkScore[],
	previous: readonly BenchmarkScore[] | null
): ScoreChange[] {
	return current.map((s) => {
		const before = previous?.find((p) => p.benchmark === s.benchmark)?.score ?? null;
		const change = s.score !== null && before !== null ? s.score - before : null;
		return { benchmark: s.benchmark, score: s.score, previous: before, change, ...changeWords(change) };
	});
}
