/**
 * The Gatsby reflection grid (issue 6 §2c; seed 002): for each of the eight benchmarks, what the
 * participant noticed on placement 1 and what they found out on placement 2. Private to the
 * participant (workbookForActor); their tutor reads it only when it is shared (cohort-evaluation.ts).
 *
 * Text is kept as written (only surrounding blank space is trimmed); an over-long box is refused with
 * a message, never cut short. The audit trail records which benchmarks have text, never the text.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { db, type Queryable } from '../db/client.ts';
import { benchmarkReflections, organisations } from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { workbookForActor, type Workbook } from './access.ts';
import { BENCHMARK_NUMBERS, defaultFrameworkFor, type Framework } from '../../domain/benchmarks.ts';
import { academicYearStart, todayInLondon } from '../../domain/academic-year.ts';

/** Long enough for pages of reflection; longer is refused (with a message), never cut. */
export const REFLECTION_MAX_CHARACTERS = 20000;

export type ReflectionEntry = {
	benchmark: number;
	title: string;
	placement1: string;
	placement2: string;
};

export type ReflectionGrid = {
	frameworkName: string;
	/** The placement schools' names, when known. */
	placement1: string | null;
	placement2: string | null;
	entries: ReflectionEntry[];
};

export type Placement = 'placement1' | 'placement2';

/** The form field for one box: "placement1-3" is benchmark 3 on placement 1. */
export function reflectionField(benchmark: number, placement: Placement): string {
	return `${placement}-${benchmark}`;
}

/** The benchmarks in force today (the 2024 set from 2025/26): their names head the grid's rows. */
export function reflectionFramework(today = todayInLondon()): Framework {
	return defaultFrameworkFor(academicYearStart(today));
}

/** The names of the participant's placement schools: the school in Waymark, else the name typed. */
export async function placementNames(
	workbook: Workbook,
	q: Queryable = db()
): Promise<{ placement1: string | null; placement2: string | null }> {
	const p = workbook.participant;
	const ids = [p.placement1SchoolId, p.placement2SchoolId].filter((id): id is string => id !== null);
	const rows = ids.length
		? await q
				.select({ id: organisations.id, name: organisations.name })
				.from(organisations)
				.where(inArray(organisations.id, ids))
		: [];
	const name = (id: string | null, typed: string | null) =>
		(id ? rows.find((r) => r.id === id)?.name : undefined) ?? typed ?? null;
	return {
		placement1: name(p.placement1SchoolId, p.placement1Name),
		placement2: name(p.placement2SchoolId, p.placement2Name)
	};
}

/**
 * The grid of one workbook, with no access check: callers have made theirs (the participant's own
 * workbook, or a tutor reading a part that is shared).
 */
export async function loadReflections(
	workbook: Workbook,
	q: Queryable,
	today = todayInLondon()
): Promise<ReflectionGrid> {
	const framework = reflectionFramework(today);
	const rows = await q
		.select()
		.from(benchmarkReflections)
		.where(eq(benchmarkReflections.participantId, workbook.participant.id));
	const names = await placementNames(workbook, q);
	return {
		frameworkName: framework.name,
		...names,
		entries: framework.benchmarks.map((b) => {
			const row = rows.find((r) => r.benchmark === b.number);
			return {
				benchmark: b.number,
				title: b.title,
				placement1: row?.placement1 ?? '',
				placement2: row?.placement2 ?? ''
			};
		})
	};
}

/** Whether anything is written in the grid. */
export function reflectionsWritten(grid: ReflectionGrid): boolean {
	return grid.entries.some((e) => e.placement1 !== '' || e.placement2 !== '');
}

/** The participant's own grid. Anyone else: not found. */
export async function reflectionGrid(actor: Actor, participantId: string): Promise<ReflectionGrid> {
	const workbook = await workbookForActor(actor, participantId);
	return loadReflections(workbook, db());
}

function readBox(input: Record<string, unknown>, field: string, errors: FieldError[], label: string): string {
	const raw = input[field];
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value.length > REFLECTION_MAX_CHARACTERS)
		errors.push({
			field,
			message: `${label} must be ${REFLECTION_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer (it has ${value.length.toLocaleString('en-GB')}). Nothing has been saved: shorten it, or keep the rest somewhere else.`
		});
	return value;
}

/**
 * Saves the whole grid from the form's fields (`reflectionField`): a box left out or empty is empty.
 * One transaction, with its audit event (which benchmarks have text, not what it says).
 */
export async function saveReflections(
	actor: Actor,
	participantId: string,
	input: Record<string, unknown>,
	requestId?: string
): Promise<ReflectionGrid> {
	const workbook = await workbookForActor(actor, participantId);
	const errors: FieldError[] = [];
	const boxes = BENCHMARK_NUMBERS.map((benchmark) => ({
		benchmark,
		placement1: readBox(
			input,
			reflectionField(benchmark, 'placement1'),
			errors,
			`What you noticed on placement 1 for benchmark ${benchmark}`
		),
		placement2: readBox(
			input,
			reflectionField(benchmark, 'placement2'),
			errors,
			`What you found out on placement 2 for benchmark ${benchmark}`
		)
	}));
	if (errors.length) throw new ValidationError(errors);
	return db().transaction(async (tx) => {
		const now = new Date();
		for (const box of boxes) {
			if (box.placement1 === '' && box.placement2 === '') {
				await tx
					.delete(benchmarkReflections)
					.where(
						and(
							eq(benchmarkReflections.participantId, workbook.participant.id),
							eq(benchmarkReflections.benchmark, box.benchmark)
						)
					);
				continue;
			}
			const values = {
				placement1: box.placement1 || null,
				placement2: box.placement2 || null,
				updatedAt: now
			};
			await tx
				.insert(benchmarkReflections)
				.values({ participantId: workbook.participant.id, benchmark: box.benchmark, ...values })
				.onConflictDoUpdate({
					target: [benchmarkReflections.participantId, benchmarkReflections.benchmark],
					set: values
				});
		}
		const written = (p: Placement) => boxes.filter((b) => b[p] !== '').map((b) => b.benchmark);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.reflection-saved',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `Saved the Gatsby reflection grid in their workbook (${workbook.programme.title})`,
				after: { placement1Benchmarks: written('placement1'), placement2Benchmarks: written('placement2') }
			},
			requestId
		);
		return loadReflections(workbook, tx);
	});
}
