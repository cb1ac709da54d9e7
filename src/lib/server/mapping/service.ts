/**
 * The mapping grids of seed 002 ("programme mapping"): the year's activities as columns, and as rows
 * either the eight Gatsby Benchmarks or the programme's own aims and sub-aims, with a ✓ where the
 * activity addresses the row. Reading is programme.view; ticking a cell is programme.edit.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { activities, activityAims, activityBenchmarks, programmeAims, programmes } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { BENCHMARK_NUMBERS, findGaps, gapYearsByBenchmark, yearGroupsOf, yearGroupsText } from '../../domain/gaps.ts';
import { HALF_TERM_LABELS, TERM_LABELS, type HalfTerm, type Term } from '../../domain/activities.ts';
import { aimsOfProgramme } from './aims.ts';
import { benchmarkName, checkAcademicYear, findProgrammeId, frameworkFor } from './programme.ts';

export type GridColumn = {
	id: string;
	title: string;
	yearGroups: number[];
	term: string | null;
	halfTerm: number | null;
	/** "Years 9, 10 · Autumn 1" */
	detail: string;
};

export type GridRow = {
	id: string;
	/** What the row header shows: "5. Encounters with employers and employees". */
	label: string;
	/** How a cell names its row to a screen reader: "Benchmark 5". */
	name: string;
	/** 0 for an aim or benchmark, 1 for a sub-aim (shown indented). */
	level: 0 | 1;
	/** e.g. "No activity for Years 12, 13" */
	note?: string;
};

export type MappingGridData = {
	kind: 'benchmarks' | 'aims';
	academicYear: number;
	/** What the first column is headed, as in seed 002. */
	rowHeading: string;
	columns: GridColumn[];
	rows: GridRow[];
	/** The ✓ cells, as cellKey(rowId, columnId). */
	mapped: string[];
};

export function cellKey(rowId: string, columnId: string): string {
	return `${rowId}|${columnId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERM_ORDER: Record<string, number> = { autumn: 0, spring: 1, summer: 2 };

type ActivityRow = {
	id: string;
	title: string;
	yearGroups: number[];
	term: string | null;
	halfTerm: number | null;
	startDate: string | null;
};

/** Term, then half-term, then start date, then title; anything unplaced comes last. */
export function gridOrder(a: ActivityRow, b: ActivityRow): number {
	const term = (r: ActivityRow) =>
		r.term ? (TERM_ORDER[r.term] ?? 3) : r.halfTerm ? Math.floor((r.halfTerm - 1) / 2) : 3;
	const half = (r: ActivityRow) => r.halfTerm ?? 7;
	return (
		term(a) - term(b) ||
		half(a) - half(b) ||
		(a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') ||
		a.title.localeCompare(b.title, 'en-GB') ||
		a.id.localeCompare(b.id)
	);
}

function columnDetail(a: ActivityRow): string {
	const when = a.halfTerm
		? HALF_TERM_LABELS[a.halfTerm as HalfTerm]
		: a.term
			? (TERM_LABELS[a.term as Term] ?? a.term)
			: '';
	return [yearGroupsText(a.yearGroups), when].filter(Boolean).join(' · ');
}

async function gridColumns(q: Queryable, programmeId: string): Promise<GridColumn[]> {
	const rows = await q
		.select({
			id: activities.id,
			title: activities.title,
			yearGroups: activities.yearGroups,
			term: activities.term,
			halfTerm: activities.halfTerm,
			startDate: activities.startDate
		})
		.from(activities)
		.where(eq(activities.programmeId, programmeId));
	return rows.sort(gridOrder).map((a) => ({
		id: a.id,
		title: a.title,
		yearGroups: [...a.yearGroups].sort((x, y) => x - y),
		term: a.term,
		halfTerm: a.halfTerm,
		detail: columnDetail(a)
	}));
}

/** Benchmarks × activities for the school's academic year. Each row notes the year groups with nothing planned. */
export async function benchmarkGrid(actor: Actor, school: School, academicYear: number): Promise<MappingGridData> {
	authorise(actor, 'programme.view', school.id);
	checkAcademicYear(academicYear);
	const q = db();
	const framework = await frameworkFor(q, school.id, academicYear);
	const programmeId = await findProgrammeId(q, school.id, academicYear);
	const columns = programmeId ? await gridColumns(q, programmeId) : [];
	const cells = programmeId
		? await q
				.select({ activityId: activityBenchmarks.activityId, benchmark: activityBenchmarks.benchmark })
				.from(activityBenchmarks)
				.innerJoin(activities, eq(activities.id, activityBenchmarks.activityId))
				.where(eq(activities.programmeId, programmeId))
		: [];
	const benchmarksOf = new Map<string, number[]>();
	for (const c of cells) benchmarksOf.set(c.activityId, [...(benchmarksOf.get(c.activityId) ?? []), c.benchmark]);
	const range = { lowestYear: school.lowestYear, highestYear: school.highestYear };
	const gapYears = gapYearsByBenchmark(
		findGaps(
			columns.map((c) => ({ yearGroups: c.yearGroups, benchmarks: benchmarksOf.get(c.id) ?? [] })),
			range
		)
	);
	const allYears = yearGroupsOf(range).length;
	const rows: GridRow[] = BENCHMARK_NUMBERS.map((n) => {
		const title = framework.benchmarks.find((b) => b.number === n)?.title ?? `Benchmark ${n}`;
		const missing = gapYears.get(n) ?? [];
		return {
			id: String(n),
			label: `${n}. ${title}`,
			name: `Benchmark ${n}`,
			level: 0,
			...(missing.length === 0
				? {}
				: {
						note:
							missing.length === allYears
								? 'No activity for any year group'
								: `No activity for ${yearGroupsText(missing)}`
					})
		};
	});
	return {
		kind: 'benchmarks',
		academicYear,
		rowHeading: 'Gatsby Benchmark',
		columns,
		rows,
		mapped: cells.map((c) => cellKey(String(c.benchmark), c.activityId))
	};
}

/** The programme's aims and sub-aims × activities for the school's academic year. */
export async function aimsGrid(actor: Actor, school: School, academicYear: number): Promise<MappingGridData> {
	authorise(actor, 'programme.view', school.id);
	checkAcademicYear(academicYear);
	const q = db();
	const programmeId = await findProgrammeId(q, school.id, academicYear);
	if (!programmeId)
		return { kind: 'aims', academicYear, rowHeading: 'Aim of programme', columns: [], rows: [], mapped: [] };
	const columns = await gridColumns(q, programmeId);
	const aims = await aimsOfProgramme(q, programmeId);
	const cells = await q
		.select({ activityId: activityAims.activityId, aimId: activityAims.aimId })
		.from(activityAims)
		.innerJoin(activities, eq(activities.id, activityAims.activityId))
		.where(eq(activities.programmeId, programmeId));
	const rows: GridRow[] = aims.flatMap((aim) => [
		{ id: aim.id, label: aim.title, name: aim.title, level: 0 as const },
		...aim.subAims.map((sub) => ({
			id: sub.id,
			label: sub.title,
			name: `${aim.title}: ${sub.title}`,
			level: 1 as const
		}))
	]);
	return {
		kind: 'aims',
		academicYear,
		rowHeading: 'Aim of programme',
		columns,
		rows,
		mapped: cells.map((c) => cellKey(c.aimId, c.activityId))
	};
}

type OwnedActivity = { id: string; title: string; programmeId: string; academicYear: number };

/** An activity of this school's programmes, or NotFoundError (also for a malformed id). */
async function activityInSchool(q: Queryable, school: School, activityId: string): Promise<OwnedActivity> {
	if (!UUID.test(activityId)) throw new NotFoundError();
	const [row] = await q
		.select({
			id: activities.id,
			title: activities.title,
			programmeId: activities.programmeId,
			academicYear: programmes.academicYear
		})
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.where(and(eq(activities.id, activityId), eq(programmes.schoolId, school.id)));
	if (!row) throw new NotFoundError();
	return row;
}

export type MappingChange = { changed: boolean; summary: string };

const benchmarkSchema = z.coerce
	.number({ error: 'Choose a benchmark from 1 to 8' })
	.int('Choose a benchmark from 1 to 8')
	.min(1, 'Choose a benchmark from 1 to 8')
	.max(8, 'Choose a benchmark from 1 to 8');

/**
 * Ticks (mapped true) or clears one cell of the benchmark grid. Idempotent: setting a cell to what it
 * already is changes nothing and writes no audit event.
 */
export async function setBenchmarkMapping(
	actor: Actor,
	school: School,
	activityId: string,
	benchmark: number | string,
	mapped: boolean,
	requestId?: string
): Promise<MappingChange> {
	authorise(actor, 'programme.edit', school.id);
	const parsed = benchmarkSchema.safeParse(benchmark);
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: ['benchmark'] })));
	const n = parsed.data;
	return db().transaction(async (tx) => {
		const activity = await activityInSchool(tx, school, activityId);
		const framework = await frameworkFor(tx, school.id, activity.academicYear);
		const name = benchmarkName(framework, n);
		const summary = mapped ? `${activity.title} mapped to ${name}` : `${activity.title} no longer mapped to ${name}`;
		const where = and(eq(activityBenchmarks.activityId, activity.id), eq(activityBenchmarks.benchmark, n));
		const changed = mapped
			? (
					await tx
						.insert(activityBenchmarks)
						.values({ activityId: activity.id, benchmark: n })
						.onConflictDoNothing()
						.returning()
				).length > 0
			: (await tx.delete(activityBenchmarks).where(where).returning()).length > 0;
		if (changed) {
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'mapping.changed',
					recordType: 'activity',
					recordId: activity.id,
					summary,
					before: { benchmark: n, mapped: !mapped },
					after: { benchmark: n, mapped }
				},
				requestId
			);
		}
		return { changed, summary };
	});
}

/** Ticks or clears one cell of the aims grid; the aim must belong to the activity's own programme. */
export async function setAimMapping(
	actor: Actor,
	school: School,
	activityId: string,
	aimId: string,
	mapped: boolean,
	requestId?: string
): Promise<MappingChange> {
	authorise(actor, 'programme.edit', school.id);
	return db().transaction(async (tx) => {
		const activity = await activityInSchool(tx, school, activityId);
		if (!UUID.test(aimId)) throw new NotFoundError();
		const [aim] = await tx
			.select({ id: programmeAims.id, title: programmeAims.title, parentId: programmeAims.parentId })
			.from(programmeAims)
			.where(and(eq(programmeAims.id, aimId), eq(programmeAims.programmeId, activity.programmeId)));
		if (!aim) throw new NotFoundError();
		const summary = mapped
			? `${activity.title} mapped to the aim "${aim.title}"`
			: `${activity.title} no longer mapped to the aim "${aim.title}"`;
		const changed = mapped
			? (
					await tx
						.insert(activityAims)
						.values({ activityId: activity.id, aimId: aim.id })
						.onConflictDoNothing()
						.returning()
				).length > 0
			: (
					await tx
						.delete(activityAims)
						.where(and(eq(activityAims.activityId, activity.id), eq(activityAims.aimId, aim.id)))
						.returning()
				).length > 0;
		if (changed) {
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'mapping.changed',
					recordType: 'activity',
					recordId: activity.id,
					summary,
					before: { aimId: aim.id, mapped: !mapped },
					after: { aimId: aim.id, mapped }
				},
				requestId
			);
		}
		return { changed, summary };
	});
}

/** The grid as a table for export: the same rows and columns as the screen, "✓" in mapped cells. */
export function gridTable(grid: MappingGridData): { headers: string[]; rows: string[][] } {
	const mapped = new Set(grid.mapped);
	return {
		headers: [grid.rowHeading, ...grid.columns.map((c) => c.title)],
		rows: grid.rows.map((row) => [
			row.level === 1 ? `– ${row.label}` : row.label,
			...grid.columns.map((c) => (mapped.has(cellKey(row.id, c.id)) ? '✓' : ''))
		])
	};
}
