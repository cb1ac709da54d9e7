/**
 * The termly benchmark self-evaluation, Compass-style (issue 5 §3). One evaluation per school per
 * national snapshot (31 December, 31 March, 31 July), each criterion of the framework in force marked
 * not started / in progress / achieved. Starting one pre-fills every criterion from the data
 * (./prefill.ts) and copies forward the answers and evidence of the last submitted evaluation; the
 * careers leader confirms or overrides each (a different answer from the pre-fill needs a reason, and
 * every change is audited with before and after); submitting locks it.
 *
 * Everyone in the school may read evaluations (governors scrutinise them: evaluation.view); the careers
 * leader and senior leaders change them (evaluation.edit).
 *
 * For other code: `evaluationSummary` (the governors' pack: latest submitted, or latest, with the
 * previous one's scores) and `prefillEvaluation` (the bench: the pre-fill without saving).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import {
	activities,
	careersInformation,
	cpdRecords,
	destinations,
	developmentActions,
	evaluationCriteria,
	evaluations,
	memberships,
	programmes,
	pupils,
	users
} from '../db/schema/index.ts';
import { authorise, can, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { complianceFigures, resolveScope, type ComplianceScope } from '../compliance/service.ts';
import {
	academicYearBounds,
	academicYearStart,
	londonDate,
	longDate,
	todayInLondon
} from '../../domain/academic-year.ts';
import {
	BENCHMARK_NUMBERS,
	CRITERION_LEVEL_LABELS,
	frameworkById,
	type BenchmarkNumber,
	type CriterionLevel,
	type Framework
} from '../../domain/benchmarks.ts';
import type { RuleId, StatusCounts } from '../../domain/compliance.ts';
import {
	benchmarkScores,
	compareScores,
	EVALUATION_ANSWER_LABELS,
	figuresDate,
	isEvaluationAnswer,
	nextSnapshot,
	overallScore,
	snapshotChoices,
	snapshotLabel,
	snapshotOf,
	snapshotTermName,
	type BenchmarkScore,
	type EvaluationAnswer,
	type ScoreChange,
	type Snapshot
} from '../../domain/evaluation.ts';
import { prefillRows, type PlanCounts, type PrefillRow, type ProgrammeFacts } from './prefill.ts';

export type { PrefillRow } from './prefill.ts';

export type EvaluationStatus = 'draft' | 'submitted';

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
	draft: 'Draft',
	submitted: 'Submitted'
};

const EVIDENCE_MAX = 5000;
const REASON_MAX = 2000;

// ── Helpers ────────────────────────────────────────────────────────────────────────────────────────

function frameworkOf(id: string): Framework {
	const framework = frameworkById(id);
	if (!framework) throw new Error(`Unknown framework ${id}`);
	return framework;
}

function criterionOf(framework: Framework, id: string) {
	for (const bm of framework.benchmarks) {
		const c = bm.criteria.find((x) => x.id === id);
		if (c) return c;
	}
	return undefined;
}

function quoted(framework: Framework, criterionId: string): string {
	const c = criterionOf(framework, criterionId);
	return c ? `Benchmark ${c.benchmark}, “${c.description}”` : `criterion ${criterionId}`;
}

function snapshotFor(date: string): Snapshot {
	const s = snapshotOf(date);
	if (!s) throw new Error(`Not a snapshot date: ${date}`);
	return s;
}

function isUniqueViolation(e: unknown): boolean {
	const code = (x: unknown) => (x as { code?: string } | null)?.code;
	return code(e) === '23505' || code((e as { cause?: unknown } | null)?.cause) === '23505';
}

/** Parses a snapshot date from a form; empty means the next snapshot on or after today. */
function parseSnapshot(input: unknown, today: string): Snapshot {
	const text = typeof input === 'string' ? input.trim() : '';
	if (text === '') return nextSnapshot(today);
	const snapshot = snapshotOf(text);
	if (!snapshot)
		throw ValidationError.one(
			'snapshotDate',
			'Choose a snapshot date: evaluations are for 31 December, 31 March or 31 July'
		);
	const next = nextSnapshot(today);
	if (snapshot.date > next.date)
		throw ValidationError.one(
			'snapshotDate',
			`Choose a snapshot on or before ${longDate(next.date)}: you can evaluate up to the next snapshot, not later ones`
		);
	if (snapshot.academicYear < 2000)
		throw ValidationError.one('snapshotDate', 'Choose a snapshot from the 2000/01 academic year or later');
	return snapshot;
}

// ── The facts behind the pre-fill ──────────────────────────────────────────────────────────────────

function schoolYearGroups(school: School): number[] {
	const years: number[] = [];
	for (let y = Math.max(7, school.lowestYear); y <= Math.min(13, school.highestYear); y++) years.push(y);
	return years;
}

/** What the school's records say about the whole-school criteria, read with plain queries (no pupil names). */
async function loadProgrammeFacts(school: School, scope: ComplianceScope): Promise<ProgrammeFacts> {
	const q = db();
	const { academicYear, asOf } = scope;
	const [info] = await q.select().from(careersInformation).where(eq(careersInformation.schoolId, school.id));
	const leaders = await q
		.select({ userId: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, school.id), sql`'careers-leader' = any(${memberships.roles})`))
		.orderBy(asc(users.name));
	const named = leaders.find((l) => l.userId === info?.careersLeaderUserId);
	const leader = named ?? leaders[0];
	const training = leader
		? await q
				.select({ title: cpdRecords.title, accredited: cpdRecords.accredited })
				.from(cpdRecords)
				.where(
					and(
						eq(cpdRecords.schoolId, school.id),
						eq(cpdRecords.userId, leader.userId),
						or(isNull(cpdRecords.startDate), lte(cpdRecords.startDate, asOf))
					)
				)
				.orderBy(desc(cpdRecords.accredited), desc(cpdRecords.startDate))
		: [];

	const planned = await q
		.select({
			yearGroups: activities.yearGroups,
			type: activities.type,
			format: activities.format,
			learningOutcomes: activities.learningOutcomes
		})
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.where(and(eq(programmes.schoolId, school.id), eq(programmes.academicYear, academicYear)));
	const covered = new Set<number>();
	for (const a of planned) for (const y of a.yearGroups) covered.add(y);

	const adviserRows = await q
		.select({ name: users.name, level: users.adviserLevel })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, school.id), sql`'careers-adviser' = any(${memberships.roles})`))
		.orderBy(asc(users.name));

	const actions = await q
		.select({ benchmarks: developmentActions.benchmarks, status: developmentActions.status })
		.from(developmentActions)
		.where(and(eq(developmentActions.schoolId, school.id), eq(developmentActions.academicYear, academicYear)));
	const plan: Partial<Record<BenchmarkNumber, PlanCounts>> = {};
	for (const a of actions)
		for (const b of a.benchmarks) {
			if (!(BENCHMARK_NUMBERS as readonly number[]).includes(b)) continue;
			const counts = (plan[b as BenchmarkNumber] ??= { total: 0, done: 0, inProgress: 0, notStarted: 0 });
			counts.total++;
			if (a.status === 'done') counts.done++;
			else if (a.status === 'in-progress') counts.inProgress++;
			else counts.notStarted++;
		}

	// Leavers from Years 11–13 in the three academic years before this one, gone by the as-of date.
	const fromYear = academicYear - 3;
	const toYear = academicYear - 1;
	const leaverRows = await q
		.select({ id: pupils.id, enteredYear7: pupils.enteredYear7, leavingDate: pupils.leavingDate })
		.from(pupils)
		.where(
			and(
				eq(pupils.schoolId, school.id),
				isNotNull(pupils.leavingDate),
				gte(pupils.leavingDate, academicYearBounds(fromYear).start),
				lte(pupils.leavingDate, academicYearBounds(toYear).end),
				lte(pupils.leavingDate, asOf)
			)
		);
	const leavers = leaverRows.filter((p) => academicYearStart(p.leavingDate!) - p.enteredYear7 + 7 >= 11);
	const followed = new Set(
		(
			await q
				.selectDistinct({ pupilId: destinations.pupilId })
				.from(destinations)
				.where(
					and(eq(destinations.schoolId, school.id), eq(destinations.kind, 'actual'), lte(destinations.recordedOn, asOf))
				)
		).map((d) => d.pupilId)
	);

	return {
		asOf,
		academicYear,
		yearGroups: schoolYearGroups(school),
		careersInformation: {
			saved: info !== undefined,
			publishedOn: info?.publishedAt ? londonDate(info.publishedAt) : null,
			nextReviewDate: info?.nextReviewDate ?? null
		},
		careersLeader: leader ? { name: leader.name, namedOnCareersInformation: named !== undefined, training } : null,
		programme:
			planned.length === 0
				? null
				: {
						activities: planned.length,
						yearGroupsCovered: [...covered].sort((a, b) => a - b),
						withLearningOutcomes: planned.filter((a) => (a.learningOutcomes ?? '').trim() !== '').length
					},
		employerFormats: planned
			.filter((a) => a.type === 'employer-encounter' || a.type === 'workplace-experience')
			.map((a) => a.format),
		advisers: adviserRows,
		plan,
		planTotal: actions.length,
		destinations: {
			leavers: leavers.length,
			recorded: leavers.filter((l) => followed.has(l.id)).length,
			fromYear,
			toYear
		}
	};
}

type Prefill = { snapshot: Snapshot; scope: ComplianceScope; rows: PrefillRow[] };

async function computePrefill(actor: Actor, school: School, snapshot: Snapshot, today: string): Promise<Prefill> {
	const asOf = figuresDate(snapshot, today);
	const scope = await resolveScope(school, { year: snapshot.academicYear, asOf }, today);
	const figures = await complianceFigures(actor, school, scope);
	const totals = new Map<RuleId, StatusCounts>(figures.totals.map((t) => [t.ruleId, t.counts]));
	const facts = await loadProgrammeFacts(school, scope);
	return { snapshot, scope, rows: prefillRows(scope.framework, totals, facts, school.evaluationThreshold) };
}

/**
 * The pre-fill of an evaluation for a snapshot date, worked out but not saved (for the bench and for
 * previews). Needs evaluation.view.
 */
export async function prefillEvaluation(
	actor: Actor,
	school: School,
	snapshotDate: string,
	today: string = todayInLondon()
): Promise<PrefillRow[]> {
	authorise(actor, 'evaluation.view', school.id);
	const snapshot = snapshotOf(snapshotDate);
	if (!snapshot) throw ValidationError.one('snapshotDate', 'Choose a snapshot date: 31 December, 31 March or 31 July');
	return (await computePrefill(actor, school, snapshot, today)).rows;
}

// ── Listing ────────────────────────────────────────────────────────────────────────────────────────

export type EvaluationListItem = {
	id: string;
	snapshot: Snapshot;
	/** "Spring term 2025/26 (31 March 2026)" */
	label: string;
	termName: string;
	status: EvaluationStatus;
	framework: { id: string; name: string };
	scores: BenchmarkScore[];
	overall: number | null;
	createdAt: Date;
	submittedAt: Date | null;
};

async function answersOf(ids: string[]): Promise<Map<string, Map<string, EvaluationAnswer>>> {
	const byEvaluation = new Map<string, Map<string, EvaluationAnswer>>();
	if (ids.length === 0) return byEvaluation;
	const rows = await db()
		.select({
			evaluationId: evaluationCriteria.evaluationId,
			criterionId: evaluationCriteria.criterionId,
			status: evaluationCriteria.status
		})
		.from(evaluationCriteria)
		.where(inArray(evaluationCriteria.evaluationId, ids));
	for (const r of rows) {
		const map = byEvaluation.get(r.evaluationId) ?? new Map<string, EvaluationAnswer>();
		map.set(r.criterionId, r.status);
		byEvaluation.set(r.evaluationId, map);
	}
	return byEvaluation;
}

/** The school's evaluations, newest snapshot first, with their scores. */
export async function listEvaluations(actor: Actor, school: School): Promise<EvaluationListItem[]> {
	authorise(actor, 'evaluation.view', school.id);
	const rows = await db()
		.select()
		.from(evaluations)
		.where(eq(evaluations.schoolId, school.id))
		.orderBy(desc(evaluations.snapshotDate));
	const answers = await answersOf(rows.map((r) => r.id));
	return rows.map((r) => {
		const framework = frameworkOf(r.frameworkId);
		const snapshot = snapshotFor(r.snapshotDate);
		const scores = benchmarkScores(framework, answers.get(r.id) ?? new Map());
		return {
			id: r.id,
			snapshot,
			label: snapshotLabel(snapshot),
			termName: snapshotTermName(snapshot),
			status: r.status,
			framework: { id: framework.id, name: framework.name },
			scores,
			overall: overallScore(scores),
			createdAt: r.createdAt,
			submittedAt: r.submittedAt
		};
	});
}

export type SnapshotOption = { value: string; label: string; taken: boolean };

/** The snapshots the start form offers (the next one first), and which already have an evaluation. */
export async function snapshotOptions(
	actor: Actor,
	school: School,
	today: string = todayInLondon()
): Promise<{ options: SnapshotOption[]; suggested: string | null }> {
	authorise(actor, 'evaluation.view', school.id);
	const taken = new Set(
		(
			await db().select({ date: evaluations.snapshotDate }).from(evaluations).where(eq(evaluations.schoolId, school.id))
		).map((r) => r.date)
	);
	const options = snapshotChoices(today).map((s) => ({
		value: s.date,
		label: snapshotLabel(s),
		taken: taken.has(s.date)
	}));
	return { options, suggested: options.find((o) => !o.taken)?.value ?? null };
}

// ── Starting one ───────────────────────────────────────────────────────────────────────────────────

/** The school's last submitted evaluation before a snapshot date, with its rows. */
async function previousSubmitted(schoolId: string, before: string) {
	const [previous] = await db()
		.select()
		.from(evaluations)
		.where(
			and(eq(evaluations.schoolId, schoolId), lt(evaluations.snapshotDate, before), eq(evaluations.status, 'submitted'))
		)
		.orderBy(desc(evaluations.snapshotDate))
		.limit(1);
	if (!previous) return null;
	const rows = await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.evaluationId, previous.id));
	return { evaluation: previous, rows: new Map(rows.map((r) => [r.criterionId, r])) };
}

/**
 * Starts the evaluation for a snapshot (default: the next one on or after today), pre-filled from the
 * data and copied forward from the last submitted evaluation. Everything is read first; the evaluation,
 * its criteria and the audit event are written in one transaction. Returns the new evaluation's id.
 */
export async function startEvaluation(
	actor: Actor,
	school: School,
	input: { snapshotDate?: unknown },
	requestId?: string,
	today: string = todayInLondon()
): Promise<string> {
	authorise(actor, 'evaluation.edit', school.id);
	const snapshot = parseSnapshot(input.snapshotDate, today);
	const taken = `There is already an evaluation for the ${snapshotLabel(snapshot)}: open it from the list`;
	const [existing] = await db()
		.select({ id: evaluations.id })
		.from(evaluations)
		.where(and(eq(evaluations.schoolId, school.id), eq(evaluations.snapshotDate, snapshot.date)));
	if (existing) throw ValidationError.one('snapshotDate', taken);

	const prefill = await computePrefill(actor, school, snapshot, today);
	const previous = await previousSubmitted(school.id, snapshot.date);
	let carried = 0;
	const criteria = prefill.rows.map((row) => {
		const before = previous?.rows.get(row.criterionId);
		if (before) carried++;
		const status: EvaluationAnswer = before ? before.status : (row.status ?? 'not-started');
		const overridden = row.status !== null && status !== row.status;
		return {
			criterionId: row.criterionId,
			prefillStatus: row.status,
			prefillBasis: row.basis,
			status,
			evidence: before?.evidence ?? null,
			reason: overridden ? (before?.reason ?? null) : null,
			updatedBy: actor.system ? null : actor.userId
		};
	});

	try {
		return await db().transaction(async (tx) => {
			const [created] = await tx
				.insert(evaluations)
				.values({
					schoolId: school.id,
					academicYear: snapshot.academicYear,
					snapshotDate: snapshot.date,
					frameworkId: prefill.scope.framework.id,
					threshold: school.evaluationThreshold,
					figuresAsOf: prefill.scope.asOf,
					copiedFrom: previous?.evaluation.id ?? null,
					createdBy: actor.system ? null : actor.userId
				})
				.returning({ id: evaluations.id });
			const id = created!.id;
			await tx.insert(evaluationCriteria).values(criteria.map((c) => ({ ...c, evaluationId: id })));
			const prefilled = prefill.rows.filter((r) => r.status !== null).length;
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'evaluation.created',
					recordType: 'evaluation',
					recordId: id,
					summary:
						`Started the benchmark self-evaluation for the ${snapshotLabel(snapshot)}: ${prefilled} of ${criteria.length} criteria pre-filled from the data` +
						(previous
							? `, ${carried} answers copied forward from the ${snapshotLabel(snapshotFor(previous.evaluation.snapshotDate))}`
							: ''),
					after: {
						snapshotDate: snapshot.date,
						frameworkId: prefill.scope.framework.id,
						threshold: school.evaluationThreshold,
						figuresAsOf: prefill.scope.asOf,
						copiedFrom: previous?.evaluation.id ?? null
					}
				},
				requestId
			);
			return id;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw ValidationError.one('snapshotDate', taken);
		throw e;
	}
}

// ── Reading one ────────────────────────────────────────────────────────────────────────────────────

export type CriterionView = {
	id: string;
	description: string;
	level: CriterionLevel;
	levelLabel: string;
	ourReading: boolean;
	prefillStatus: EvaluationAnswer | null;
	prefillBasis: string | null;
	status: EvaluationAnswer;
	evidence: string | null;
	reason: string | null;
	/** The answer differs from the pre-fill (needs a reason). */
	overridden: boolean;
	updatedAt: Date;
	updatedByName: string | null;
	/** From the evaluation this was copied forward from, when it had this criterion. */
	lastTime: { status: EvaluationAnswer; prefillStatus: EvaluationAnswer | null } | null;
	/** Copied forward, and the data now suggests something other than it did last time. */
	prefillChanged: boolean;
};

export type BenchmarkView = {
	number: BenchmarkNumber;
	title: string;
	score: ScoreChange;
	criteria: CriterionView[];
};

export type EvaluationView = {
	id: string;
	snapshot: Snapshot;
	label: string;
	termName: string;
	status: EvaluationStatus;
	framework: { id: string; name: string };
	threshold: number;
	figuresAsOf: string;
	createdAt: Date;
	createdByName: string | null;
	submittedAt: Date | null;
	submittedByName: string | null;
	benchmarks: BenchmarkView[];
	scores: BenchmarkScore[];
	overall: number | null;
	changes: ScoreChange[];
	/** The last submitted evaluation before this one, for comparison. */
	previous: { id: string; label: string; overall: number | null } | null;
	/** The evaluation this one was copied forward from, and what changed since. */
	copiedFrom: { id: string; label: string; carried: number; prefillChanged: number } | null;
	/** The actor may change it now (evaluation.edit, and not submitted). */
	canEdit: boolean;
	/** The actor holds evaluation.edit (whether or not it is locked). */
	mayEdit: boolean;
};

async function evaluationRow(school: School, id: string) {
	if (!z.uuid().safeParse(id).success) throw new NotFoundError('Evaluation not found');
	const [row] = await db()
		.select()
		.from(evaluations)
		.where(and(eq(evaluations.id, id), eq(evaluations.schoolId, school.id)));
	if (!row) throw new NotFoundError('Evaluation not found');
	return row;
}

/** One evaluation with its criteria, scores, the comparison with the previous one and what changed. */
export async function getEvaluation(actor: Actor, school: School, id: string): Promise<EvaluationView> {
	authorise(actor, 'evaluation.view', school.id);
	const row = await evaluationRow(school, id);
	const framework = frameworkOf(row.frameworkId);
	const snapshot = snapshotFor(row.snapshotDate);
	const criteriaRows = await db()
		.select({ c: evaluationCriteria, updatedByName: users.name })
		.from(evaluationCriteria)
		.leftJoin(users, eq(users.id, evaluationCriteria.updatedBy))
		.where(eq(evaluationCriteria.evaluationId, row.id));
	const byId = new Map(criteriaRows.map((r) => [r.c.criterionId, r]));
	const peopleIds = [row.createdBy, row.submittedBy].filter((x): x is string => x !== null);
	const people =
		peopleIds.length === 0
			? []
			: await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds));
	const nameOf = (userId: string | null) => (userId ? (people.find((p) => p.id === userId)?.name ?? null) : null);

	const previous = await previousSubmitted(school.id, row.snapshotDate);
	const copied =
		row.copiedFrom === null
			? null
			: previous?.evaluation.id === row.copiedFrom
				? previous
				: await (async () => {
						const [e] = await db()
							.select()
							.from(evaluations)
							.where(and(eq(evaluations.id, row.copiedFrom!), eq(evaluations.schoolId, school.id)));
						if (!e) return null;
						const rows = await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.evaluationId, e.id));
						return { evaluation: e, rows: new Map(rows.map((r) => [r.criterionId, r])) };
					})();

	const answers = new Map<string, EvaluationAnswer>(criteriaRows.map((r) => [r.c.criterionId, r.c.status]));
	const scores = benchmarkScores(framework, answers);
	const previousScores = previous
		? benchmarkScores(
				frameworkOf(previous.evaluation.frameworkId),
				new Map([...previous.rows].map(([k, v]) => [k, v.status]))
			)
		: null;
	const changes = compareScores(scores, previousScores);
	let carried = 0;
	let prefillChanged = 0;

	const benchmarks: BenchmarkView[] = framework.benchmarks.map((bm) => ({
		number: bm.number,
		title: bm.title,
		score: changes.find((c) => c.benchmark === bm.number)!,
		criteria: bm.criteria.map((c) => {
			const r = byId.get(c.id);
			const last = copied?.rows.get(c.id);
			const changed = last !== undefined && last.prefillStatus !== (r?.c.prefillStatus ?? null);
			if (last) carried++;
			if (changed) prefillChanged++;
			const status = r?.c.status ?? 'not-started';
			const prefill = r?.c.prefillStatus ?? null;
			return {
				id: c.id,
				description: c.description,
				level: c.level,
				levelLabel: CRITERION_LEVEL_LABELS[c.level],
				ourReading: c.ourReading === true,
				prefillStatus: prefill,
				prefillBasis: r?.c.prefillBasis ?? null,
				status,
				evidence: r?.c.evidence ?? null,
				reason: r?.c.reason ?? null,
				overridden: prefill !== null && status !== prefill,
				updatedAt: r?.c.updatedAt ?? row.createdAt,
				updatedByName: r?.updatedByName ?? null,
				lastTime: last ? { status: last.status, prefillStatus: last.prefillStatus } : null,
				prefillChanged: changed
			};
		})
	}));

	const mayEdit = can(actor, 'evaluation.edit', school.id);
	return {
		id: row.id,
		snapshot,
		label: snapshotLabel(snapshot),
		termName: snapshotTermName(snapshot),
		status: row.status,
		framework: { id: framework.id, name: framework.name },
		threshold: row.threshold,
		figuresAsOf: row.figuresAsOf,
		createdAt: row.createdAt,
		createdByName: nameOf(row.createdBy),
		submittedAt: row.submittedAt,
		submittedByName: nameOf(row.submittedBy),
		benchmarks,
		scores,
		overall: overallScore(scores),
		changes,
		previous: previous
			? {
					id: previous.evaluation.id,
					label: snapshotLabel(snapshotFor(previous.evaluation.snapshotDate)),
					overall: overallScore(previousScores!)
				}
			: null,
		copiedFrom: copied
			? {
					id: copied.evaluation.id,
					label: snapshotLabel(snapshotFor(copied.evaluation.snapshotDate)),
					carried,
					prefillChanged
				}
			: null,
		canEdit: mayEdit && row.status === 'draft',
		mayEdit
	};
}

// ── Changing one ───────────────────────────────────────────────────────────────────────────────────

export type AnswerInput = { criterionId: string; status?: unknown; evidence?: unknown; reason?: unknown };

function lockedError(submittedAt: Date | null, label: string): ValidationError {
	const when = submittedAt ? ` on ${longDate(londonDate(submittedAt))}` : '';
	return ValidationError.one(
		'evaluation',
		`The ${label} evaluation was submitted${when} and is locked: it cannot be changed. Start an evaluation for the next snapshot to record what has changed since.`
	);
}

const optional = (v: unknown): string | null => {
	const s = typeof v === 'string' ? v.trim() : '';
	return s === '' ? null : s;
};

/**
 * Saves answers (one benchmark's, or all): each answer not started / in progress / achieved, with
 * evidence, and a reason when it is changed to differ from the pre-fill (answers copied forward that
 * differ may get theirs before submitting). Every changed criterion is audited with
 * before and after ("evaluation.overridden" when the answer differs from the pre-fill). Refuses a
 * submitted evaluation. Returns how many criteria changed.
 */
export async function saveAnswers(
	actor: Actor,
	school: School,
	id: string,
	input: AnswerInput[],
	requestId?: string
): Promise<number> {
	authorise(actor, 'evaluation.edit', school.id);
	const row = await evaluationRow(school, id);
	const framework = frameworkOf(row.frameworkId);
	const label = snapshotLabel(snapshotFor(row.snapshotDate));
	if (row.status === 'submitted') throw lockedError(row.submittedAt, label);
	const existing = new Map(
		(await db().select().from(evaluationCriteria).where(eq(evaluationCriteria.evaluationId, row.id))).map((r) => [
			r.criterionId,
			r
		])
	);

	const errors: FieldError[] = [];
	const parsed: { criterionId: string; status: EvaluationAnswer; evidence: string | null; reason: string | null }[] =
		[];
	for (const a of input) {
		const current = existing.get(a.criterionId);
		if (!current) {
			errors.push({ field: 'evaluation', message: `This evaluation has no criterion “${a.criterionId}”` });
			continue;
		}
		const name = quoted(framework, a.criterionId);
		const status = typeof a.status === 'string' ? a.status.trim() : '';
		if (!isEvaluationAnswer(status)) {
			errors.push({
				field: `status-${a.criterionId}`,
				message: `Choose not started, in progress or achieved for ${name}`
			});
			continue;
		}
		const evidence = optional(a.evidence);
		const reason = optional(a.reason);
		if (evidence && evidence.length > EVIDENCE_MAX)
			errors.push({
				field: `evidence-${a.criterionId}`,
				message: `The evidence for ${name} must be ${EVIDENCE_MAX.toLocaleString('en-GB')} characters or fewer`
			});
		if (reason && reason.length > REASON_MAX)
			errors.push({
				field: `reason-${a.criterionId}`,
				message: `The reason for ${name} must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`
			});
		const overridden = current.prefillStatus !== null && status !== current.prefillStatus;
		// A changed answer that differs from the pre-fill needs its reason now; one carried forward from last
		// time may wait for it until the evaluation is submitted (submitEvaluation names each).
		if (overridden && !reason && status !== current.status)
			errors.push({
				field: `reason-${a.criterionId}`,
				message: `Give a reason for ${name}: your answer (${EVALUATION_ANSWER_LABELS[status]}) differs from the pre-fill (${EVALUATION_ANSWER_LABELS[current.prefillStatus!]})`
			});
		parsed.push({ criterionId: a.criterionId, status, evidence, reason: overridden ? reason : null });
	}
	if (errors.length > 0) throw new ValidationError(errors);

	const changed = parsed.filter((p) => {
		const c = existing.get(p.criterionId)!;
		return c.status !== p.status || c.evidence !== p.evidence || c.reason !== p.reason;
	});
	if (changed.length === 0) return 0;

	await db().transaction(async (tx) => {
		const [locked] = await tx
			.select({ status: evaluations.status, submittedAt: evaluations.submittedAt })
			.from(evaluations)
			.where(eq(evaluations.id, row.id))
			.for('update');
		if (locked?.status !== 'draft') throw lockedError(locked?.submittedAt ?? null, label);
		const now = new Date();
		for (const p of changed) {
			const before = existing.get(p.criterionId)!;
			await tx
				.update(evaluationCriteria)
				.set({
					status: p.status,
					evidence: p.evidence,
					reason: p.reason,
					updatedBy: actor.system ? null : actor.userId,
					updatedAt: now
				})
				.where(and(eq(evaluationCriteria.evaluationId, row.id), eq(evaluationCriteria.criterionId, p.criterionId)));
			const overridden = before.prefillStatus !== null && p.status !== before.prefillStatus;
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: overridden ? 'evaluation.overridden' : 'evaluation.answered',
					recordType: 'evaluation',
					recordId: row.id,
					summary: overridden
						? `${label} evaluation: ${quoted(framework, p.criterionId)} answered ${EVALUATION_ANSWER_LABELS[p.status]}, overriding the pre-fill (${EVALUATION_ANSWER_LABELS[before.prefillStatus!]}): ${p.reason}`
						: `${label} evaluation: ${quoted(framework, p.criterionId)} answered ${EVALUATION_ANSWER_LABELS[p.status]}`,
					before: {
						criterionId: p.criterionId,
						prefillStatus: before.prefillStatus,
						status: before.status,
						evidence: before.evidence,
						reason: before.reason
					},
					after: {
						criterionId: p.criterionId,
						prefillStatus: before.prefillStatus,
						status: p.status,
						evidence: p.evidence,
						reason: p.reason
					}
				},
				requestId
			);
		}
	});
	return changed.length;
}

/**
 * Submits and locks the evaluation. Refuses while an answer that differs from its pre-fill has no
 * reason (naming each), and refuses an evaluation already submitted.
 */
export async function submitEvaluation(actor: Actor, school: School, id: string, requestId?: string): Promise<void> {
	authorise(actor, 'evaluation.edit', school.id);
	const row = await evaluationRow(school, id);
	const framework = frameworkOf(row.frameworkId);
	const label = snapshotLabel(snapshotFor(row.snapshotDate));
	if (row.status === 'submitted') throw lockedError(row.submittedAt, label);
	await db().transaction(async (tx) => {
		const [locked] = await tx
			.select({ status: evaluations.status, submittedAt: evaluations.submittedAt })
			.from(evaluations)
			.where(eq(evaluations.id, row.id))
			.for('update');
		if (locked?.status !== 'draft') throw lockedError(locked?.submittedAt ?? null, label);
		const rows = await tx.select().from(evaluationCriteria).where(eq(evaluationCriteria.evaluationId, row.id));
		const missing = rows.filter((r) => r.prefillStatus !== null && r.status !== r.prefillStatus && !r.reason);
		if (missing.length > 0)
			throw new ValidationError(
				missing.map((r) => ({
					field: `reason-${r.criterionId}`,
					message: `Give a reason for ${quoted(framework, r.criterionId)} before you submit: your answer (${EVALUATION_ANSWER_LABELS[r.status]}) differs from the pre-fill (${EVALUATION_ANSWER_LABELS[r.prefillStatus!]})`
				}))
			);
		const now = new Date();
		await tx
			.update(evaluations)
			.set({ status: 'submitted', submittedAt: now, submittedBy: actor.system ? null : actor.userId })
			.where(eq(evaluations.id, row.id));
		const scores = benchmarkScores(framework, new Map(rows.map((r) => [r.criterionId, r.status])));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'evaluation.submitted',
				recordType: 'evaluation',
				recordId: row.id,
				summary: `Submitted and locked the ${label} evaluation: ${scores.map((s) => `Benchmark ${s.benchmark} ${s.score ?? '–'}%`).join(', ')}`,
				before: { status: 'draft' },
				after: { status: 'submitted', scores: scores.map((s) => ({ benchmark: s.benchmark, score: s.score })) }
			},
			requestId
		);
	});
}

// ── For the governors' pack ────────────────────────────────────────────────────────────────────────

export type EvaluationSummary = {
	latest: EvaluationListItem;
	/** The submitted evaluation before the latest, for the change. */
	previous: EvaluationListItem | null;
	changes: ScoreChange[];
};

/**
 * The latest submitted evaluation (or the latest one, when none is submitted yet) with its scores, and
 * the previous submitted one's scores and the change. Null when the school has no evaluation.
 */
export async function evaluationSummary(actor: Actor, school: School): Promise<EvaluationSummary | null> {
	const all = await listEvaluations(actor, school);
	const latest = all.find((e) => e.status === 'submitted') ?? all[0];
	if (!latest) return null;
	const previous =
		all.find((e) => e.status === 'submitted' && e.snapshot.date < latest.snapshot.date && e.id !== latest.id) ?? null;
	return { latest, previous, changes: compareScores(latest.scores, previous?.scores ?? null) };
}

export { EVALUATION_ANSWER_LABELS };
