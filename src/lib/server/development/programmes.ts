/**
 * Staff development programmes (issue 6 §1, seed 002 "Leading with purpose"): a tutor's programme of aims
 * and sub-aims, activities in order, the two mapping grids (activity × aim, activity × Gatsby Benchmark),
 * the purpose statements, and copying a programme for a new cohort.
 *
 * Access: reading is development.view (tutors and participants), every change is development.manage
 * (tutors), both through programmeForActor. Every change writes its audit event in the same transaction.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable, type Tx } from '../db/client.ts';
import {
	developmentActivities,
	developmentActivityAims,
	developmentActivityBenchmarks,
	developmentAims,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	purposeRatings,
	purposeStatements
} from '../db/schema/index.ts';
import { NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import {
	DEVELOPMENT_ACTIVITY_KINDS,
	DEVELOPMENT_ACTIVITY_KIND_LABELS,
	type DevelopmentActivityKind
} from '../../domain/development.ts';
import { BENCHMARK_NUMBERS, BENCHMARK_SHORT_NAMES } from '../../domain/activities.ts';
import { organisationsRunBy, programmeForActor, type DevelopmentProgramme } from './access.ts';
import { addSeedProgramme } from './seed-programme.ts';

export type Aim = { id: string; title: string; position: number; subAims: SubAim[] };
export type SubAim = { id: string; parentId: string; title: string; position: number };
export type Activity = {
	id: string;
	position: number;
	kind: DevelopmentActivityKind;
	title: string;
	description: string | null;
	durationMinutes: number | null;
};
export type Statement = { id: string; position: number; text: string };
export type CohortSummary = {
	id: string;
	name: string;
	startsOn: string | null;
	endsOn: string | null;
	participants: number;
	joined: number;
};

export type ProgrammeOverview = {
	programme: DevelopmentProgramme;
	aims: Aim[];
	activities: Activity[];
	statements: Statement[];
	/** Empty for participants: cohorts are the tutors' business. */
	cohorts: CohortSummary[];
};

// ---------------------------------------------------------------------------------------------------
// Pure helpers

/** "2 hours", "90 minutes" → "1 hour 30 minutes", "6 hours". */
export function durationText(minutes: number | null): string {
	if (minutes === null || minutes <= 0) return '';
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	const hours = h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '';
	const mins = m ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : '';
	return [hours, mins].filter(Boolean).join(' ');
}

/** Hours as typed ("2", "1.5", "1,5") → whole minutes, or null when it is not a number. */
export function hoursToMinutes(value: string): number | null {
	const n = Number(value.trim().replace(',', '.'));
	if (!value.trim() || !Number.isFinite(n)) return null;
	return Math.round(n * 60);
}

/** Minutes → hours as a form shows them: 120 → "2", 90 → "1.5". */
export function minutesToHours(minutes: number | null): string {
	if (minutes === null) return '';
	return String(Math.round((minutes / 60) * 100) / 100);
}

/** Wording compared loosely: case, spacing and closing punctuation ignored. */
function sameWording(text: string): string {
	return text
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/[.!?\s]+$/, '')
		.trim();
}

/**
 * Statements that repeat another's wording, as groups of their 1-based numbers ([[7, 8]] for seed 002 as
 * printed). A questionnaire that asks the same thing twice double-counts it in every average.
 */
export function duplicateStatements(statements: readonly { text: string }[]): number[][] {
	const groups = new Map<string, number[]>();
	statements.forEach((s, i) => {
		const key = sameWording(s.text);
		groups.set(key, [...(groups.get(key) ?? []), i + 1]);
	});
	return [...groups.values()].filter((g) => g.length > 1);
}

/** Swaps an item with its neighbour in a list; the same list when it cannot move. */
export function moved<T>(items: readonly T[], index: number, direction: 'up' | 'down'): T[] {
	const to = direction === 'up' ? index - 1 : index + 1;
	const copy = [...items];
	if (index < 0 || index >= items.length || to < 0 || to >= items.length) return copy;
	[copy[index], copy[to]] = [copy[to]!, copy[index]!];
	return copy;
}

// ---------------------------------------------------------------------------------------------------
// Reading

async function aimsOf(q: Queryable, programmeId: string): Promise<Aim[]> {
	const rows = await q
		.select()
		.from(developmentAims)
		.where(eq(developmentAims.programmeId, programmeId))
		.orderBy(asc(developmentAims.position), asc(developmentAims.title), asc(developmentAims.id));
	const tops = rows.filter((r) => !r.parentId);
	return tops.map((t) => ({
		id: t.id,
		title: t.title,
		position: t.position,
		subAims: rows
			.filter((r) => r.parentId === t.id)
			.map((r) => ({ id: r.id, parentId: t.id, title: r.title, position: r.position }))
	}));
}

async function activitiesOf(q: Queryable, programmeId: string): Promise<Activity[]> {
	const rows = await q
		.select()
		.from(developmentActivities)
		.where(eq(developmentActivities.programmeId, programmeId))
		.orderBy(asc(developmentActivities.position), asc(developmentActivities.createdAt), asc(developmentActivities.id));
	return rows.map((r) => ({
		id: r.id,
		position: r.position,
		kind: r.kind as DevelopmentActivityKind,
		title: r.title,
		description: r.description,
		durationMinutes: r.durationMinutes
	}));
}

async function statementsOf(q: Queryable, programmeId: string): Promise<Statement[]> {
	return q
		.select({ id: purposeStatements.id, position: purposeStatements.position, text: purposeStatements.text })
		.from(purposeStatements)
		.where(eq(purposeStatements.programmeId, programmeId))
		.orderBy(asc(purposeStatements.position), asc(purposeStatements.id));
}

async function cohortsOf(q: Queryable, programmeId: string): Promise<CohortSummary[]> {
	const rows = await q
		.select({
			id: developmentCohorts.id,
			name: developmentCohorts.name,
			startsOn: developmentCohorts.startsOn,
			endsOn: developmentCohorts.endsOn,
			participants: sql<number>`count(${developmentParticipants.id})::int`,
			joined: sql<number>`count(${developmentParticipants.userId})::int`
		})
		.from(developmentCohorts)
		.leftJoin(developmentParticipants, eq(developmentParticipants.cohortId, developmentCohorts.id))
		.where(eq(developmentCohorts.programmeId, programmeId))
		.groupBy(developmentCohorts.id)
		.orderBy(sql`${developmentCohorts.startsOn} desc nulls last`, asc(developmentCohorts.name));
	return rows;
}

/** The programme's overview: aims, activities in order, statements, and (for tutors) its cohorts. */
export async function programmeOverview(actor: Actor, programmeId: string): Promise<ProgrammeOverview> {
	const { programme, relation } = await programmeForActor(actor, programmeId, 'development.view');
	const q = db();
	return {
		programme,
		aims: await aimsOf(q, programme.id),
		activities: await activitiesOf(q, programme.id),
		statements: await statementsOf(q, programme.id),
		cohorts: relation === 'tutor' ? await cohortsOf(q, programme.id) : []
	};
}

/** The statements, for the statements page (tutors). */
export async function listStatements(actor: Actor, programmeId: string): Promise<Statement[]> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	return statementsOf(db(), programme.id);
}

/** How many participants' answers each statement has (removing a statement removes them). */
export async function statementAnswerCounts(actor: Actor, programmeId: string): Promise<Record<string, number>> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const rows = await db()
		.select({ id: purposeStatements.id, n: sql<number>`count(${purposeRatings.statementId})::int` })
		.from(purposeStatements)
		.leftJoin(purposeRatings, eq(purposeRatings.statementId, purposeStatements.id))
		.where(eq(purposeStatements.programmeId, programme.id))
		.groupBy(purposeStatements.id);
	return Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------------------
// Creating, changing, copying a programme

const titleSchema = z
	.string({ error: 'Enter a title' })
	.trim()
	.min(1, 'Enter a title')
	.max(200, 'Title must be 200 characters or fewer');
const descriptionSchema = z
	.string()
	.trim()
	.max(2000, 'Description must be 2,000 characters or fewer')
	.optional()
	.transform((v) => v || null);

export const newProgrammeSchema = z.object({
	organisationId: z.string({ error: 'Choose who runs the programme' }).min(1, 'Choose who runs the programme'),
	title: z.string().trim().max(200, 'Title must be 200 characters or fewer').optional(),
	description: descriptionSchema,
	start: z.enum(['blank', 'seed'], { error: 'Choose how to start the programme' })
});

/**
 * A new programme in an organisation where the actor may run programmes: blank, or the seed programme
 * "Leading with purpose" with its aims, activities, both mappings and statements.
 */
export async function createProgramme(actor: Actor, input: unknown, requestId?: string): Promise<{ id: string }> {
	const parsed = newProgrammeSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	const organisation = organisationsRunBy(actor).find((o) => o.id === p.organisationId);
	if (!organisation)
		throw ValidationError.one('organisationId', 'Choose an organisation in which you may run programmes');
	if (p.start === 'blank' && !p.title) throw ValidationError.one('title', 'Enter a title');
	return db().transaction(async (tx) => {
		let id: string;
		if (p.start === 'seed') {
			id = await addSeedProgramme(tx, organisation.id, p.title);
			if (p.description)
				await tx
					.update(developmentProgrammes)
					.set({ description: p.description })
					.where(eq(developmentProgrammes.id, id));
		} else {
			const [row] = await tx
				.insert(developmentProgrammes)
				.values({ organisationId: organisation.id, title: p.title!, description: p.description })
				.returning({ id: developmentProgrammes.id });
			id = row!.id;
		}
		const [created] = await tx
			.select({ title: developmentProgrammes.title })
			.from(developmentProgrammes)
			.where(eq(developmentProgrammes.id, id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: organisation.id,
				action: 'development-programme.created',
				recordType: 'development-programme',
				recordId: id,
				summary:
					p.start === 'seed'
						? `Development programme "${created!.title}" started from Leading with purpose`
						: `Development programme "${created!.title}" created`,
				after: { title: created!.title, start: p.start }
			},
			requestId
		);
		return { id };
	});
}

const detailsSchema = z.object({ title: titleSchema, description: descriptionSchema });

export async function updateProgrammeDetails(
	actor: Actor,
	programmeId: string,
	input: unknown,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = detailsSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	await db().transaction(async (tx) => {
		await tx
			.update(developmentProgrammes)
			.set({ title: p.title, description: p.description, updatedAt: new Date() })
			.where(eq(developmentProgrammes.id, programme.id));
		await audit(tx, actor, programme, requestId, {
			action: 'development-programme.updated',
			recordType: 'development-programme',
			recordId: programme.id,
			summary: `Development programme "${p.title}" details changed`,
			before: { title: programme.title, description: programme.description },
			after: p
		});
	});
}

async function audit(
	tx: Tx,
	actor: Actor,
	programme: DevelopmentProgramme,
	requestId: string | undefined,
	entry: { action: string; recordType: string; recordId: string; summary: string; before?: unknown; after?: unknown }
): Promise<void> {
	await recordAudit(tx, actor, { organisationId: programme.organisation.id, ...entry }, requestId);
}

async function touch(tx: Tx, programmeId: string): Promise<void> {
	await tx
		.update(developmentProgrammes)
		.set({ updatedAt: new Date() })
		.where(eq(developmentProgrammes.id, programmeId));
}

// --- aims ------------------------------------------------------------------------------------------

const aimTitleSchema = z
	.string({ error: 'Enter the aim' })
	.trim()
	.min(1, 'Enter the aim')
	.max(300, 'An aim must be 300 characters or fewer');

async function aimInProgramme(tx: Tx, programmeId: string, aimId: string) {
	if (!z.uuid().safeParse(aimId).success) throw new NotFoundError();
	const [aim] = await tx
		.select()
		.from(developmentAims)
		.where(and(eq(developmentAims.id, aimId), eq(developmentAims.programmeId, programmeId)));
	if (!aim) throw new NotFoundError();
	return aim;
}

/** Adds an aim at the end, or a sub-aim under a top-level aim (`parentId`). */
export async function addAim(
	actor: Actor,
	programmeId: string,
	input: { title?: unknown; parentId?: unknown },
	requestId?: string
): Promise<{ id: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = aimTitleSchema.safeParse(input.title);
	if (!parsed.success) throw ValidationError.one('title', parsed.error.issues[0]!.message);
	const parentId = typeof input.parentId === 'string' && input.parentId ? input.parentId : null;
	return db().transaction(async (tx) => {
		let parentTitle: string | null = null;
		if (parentId) {
			const parent = await aimInProgramme(tx, programme.id, parentId).catch(() => null);
			if (!parent || parent.parentId)
				throw ValidationError.one('parentId', 'Choose one of the programme’s aims to put the sub-aim under');
			parentTitle = parent.title;
		}
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${developmentAims.position}) + 1, 0)::int` })
			.from(developmentAims)
			.where(
				and(
					eq(developmentAims.programmeId, programme.id),
					parentId ? eq(developmentAims.parentId, parentId) : isNull(developmentAims.parentId)
				)
			);
		const [row] = await tx
			.insert(developmentAims)
			.values({ programmeId: programme.id, parentId, title: parsed.data, position: last?.n ?? 0 })
			.returning({ id: developmentAims.id });
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-aim.created',
			recordType: 'development-aim',
			recordId: row!.id,
			summary: parentTitle
				? `Sub-aim "${parsed.data}" added under "${parentTitle}"`
				: `Aim "${parsed.data}" added to "${programme.title}"`,
			after: { title: parsed.data, parentId }
		});
		return { id: row!.id };
	});
}

export async function renameAim(
	actor: Actor,
	programmeId: string,
	aimId: string,
	title: unknown,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = aimTitleSchema.safeParse(title);
	if (!parsed.success) throw ValidationError.one('title', parsed.error.issues[0]!.message);
	await db().transaction(async (tx) => {
		const aim = await aimInProgramme(tx, programme.id, aimId);
		if (aim.title === parsed.data) return;
		await tx.update(developmentAims).set({ title: parsed.data }).where(eq(developmentAims.id, aim.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-aim.updated',
			recordType: 'development-aim',
			recordId: aim.id,
			summary: `Aim "${aim.title}" renamed "${parsed.data}"`,
			before: { title: aim.title },
			after: { title: parsed.data }
		});
	});
}

export async function moveAim(
	actor: Actor,
	programmeId: string,
	aimId: string,
	direction: 'up' | 'down',
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const aim = await aimInProgramme(tx, programme.id, aimId);
		const siblings = await tx
			.select({ id: developmentAims.id })
			.from(developmentAims)
			.where(
				and(
					eq(developmentAims.programmeId, programme.id),
					aim.parentId ? eq(developmentAims.parentId, aim.parentId) : isNull(developmentAims.parentId)
				)
			)
			.orderBy(asc(developmentAims.position), asc(developmentAims.title), asc(developmentAims.id));
		const index = siblings.findIndex((s) => s.id === aim.id);
		const order = moved(siblings, index, direction);
		if (order[index]?.id === aim.id) return;
		for (const [i, s] of order.entries())
			await tx.update(developmentAims).set({ position: i }).where(eq(developmentAims.id, s.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-aim.moved',
			recordType: 'development-aim',
			recordId: aim.id,
			summary: `${aim.parentId ? 'Sub-aim' : 'Aim'} "${aim.title}" moved ${direction}`,
			before: { position: index },
			after: { position: order.findIndex((s) => s.id === aim.id) }
		});
	});
}

/** Deletes an aim with its sub-aims and their ✓ cells. */
export async function deleteAim(actor: Actor, programmeId: string, aimId: string, requestId?: string): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const aim = await aimInProgramme(tx, programme.id, aimId);
		const subs = await tx
			.delete(developmentAims)
			.where(and(eq(developmentAims.programmeId, programme.id), eq(developmentAims.parentId, aim.id)))
			.returning({ title: developmentAims.title });
		await tx.delete(developmentAims).where(eq(developmentAims.id, aim.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-aim.deleted',
			recordType: 'development-aim',
			recordId: aim.id,
			summary:
				`${aim.parentId ? 'Sub-aim' : 'Aim'} "${aim.title}" deleted` +
				(subs.length ? ` with its ${subs.length === 1 ? 'sub-aim' : `${subs.length} sub-aims`}` : ''),
			before: { title: aim.title, parentId: aim.parentId, subAims: subs.map((s) => s.title) }
		});
	});
}

// --- activities ------------------------------------------------------------------------------------

export const activitySchema = z
	.object({
		kind: z.enum(DEVELOPMENT_ACTIVITY_KINDS, { error: 'Choose what kind of activity it is' }),
		title: z
			.string({ error: 'Enter the activity’s title' })
			.trim()
			.min(1, 'Enter the activity’s title')
			.max(200, 'Title must be 200 characters or fewer'),
		description: descriptionSchema,
		/** Hours, as typed. */
		duration: z.string().optional()
	})
	.transform((a, ctx) => {
		let durationMinutes: number | null = null;
		if (a.kind === 'session') {
			const typed = (a.duration ?? '').trim();
			if (!typed) {
				ctx.addIssue({ code: 'custom', path: ['duration'], message: 'Enter how long the session lasts, in hours' });
				return z.NEVER;
			}
			const minutes = hoursToMinutes(typed);
			if (minutes === null || minutes < 1 || minutes > 10080) {
				ctx.addIssue({
					code: 'custom',
					path: ['duration'],
					message: 'Enter the session’s length in hours, like 2 or 1.5 (at most 168)'
				});
				return z.NEVER;
			}
			durationMinutes = minutes;
		}
		return { kind: a.kind, title: a.title, description: a.description, durationMinutes };
	});

async function activityInProgramme(tx: Tx, programmeId: string, activityId: string) {
	if (!z.uuid().safeParse(activityId).success) throw new NotFoundError();
	const [activity] = await tx
		.select()
		.from(developmentActivities)
		.where(and(eq(developmentActivities.id, activityId), eq(developmentActivities.programmeId, programmeId)));
	if (!activity) throw new NotFoundError();
	return activity;
}

export async function addActivity(
	actor: Actor,
	programmeId: string,
	input: unknown,
	requestId?: string
): Promise<{ id: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = activitySchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const a = parsed.data;
	return db().transaction(async (tx) => {
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${developmentActivities.position}) + 1, 0)::int` })
			.from(developmentActivities)
			.where(eq(developmentActivities.programmeId, programme.id));
		const [row] = await tx
			.insert(developmentActivities)
			.values({ programmeId: programme.id, position: last?.n ?? 0, ...a })
			.returning({ id: developmentActivities.id });
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-activity.created',
			recordType: 'development-activity',
			recordId: row!.id,
			summary: `${DEVELOPMENT_ACTIVITY_KIND_LABELS[a.kind]} "${a.title}" added to "${programme.title}"`,
			after: a
		});
		return { id: row!.id };
	});
}

export async function updateActivity(
	actor: Actor,
	programmeId: string,
	activityId: string,
	input: unknown,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = activitySchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const a = parsed.data;
	await db().transaction(async (tx) => {
		const before = await activityInProgramme(tx, programme.id, activityId);
		await tx.update(developmentActivities).set(a).where(eq(developmentActivities.id, before.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-activity.updated',
			recordType: 'development-activity',
			recordId: before.id,
			summary: `Activity "${a.title}" changed`,
			before: {
				kind: before.kind,
				title: before.title,
				description: before.description,
				durationMinutes: before.durationMinutes
			},
			after: a
		});
	});
}

export async function moveActivity(
	actor: Actor,
	programmeId: string,
	activityId: string,
	direction: 'up' | 'down',
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const activity = await activityInProgramme(tx, programme.id, activityId);
		const all = await activitiesOf(tx, programme.id);
		const index = all.findIndex((a) => a.id === activity.id);
		const order = moved(all, index, direction);
		if (order[index]?.id === activity.id) return;
		for (const [i, a] of order.entries())
			await tx.update(developmentActivities).set({ position: i }).where(eq(developmentActivities.id, a.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-activity.moved',
			recordType: 'development-activity',
			recordId: activity.id,
			summary: `Activity "${activity.title}" moved ${direction}`,
			before: { position: index },
			after: { position: order.findIndex((a) => a.id === activity.id) }
		});
	});
}

export async function deleteActivity(
	actor: Actor,
	programmeId: string,
	activityId: string,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const activity = await activityInProgramme(tx, programme.id, activityId);
		await tx.delete(developmentActivities).where(eq(developmentActivities.id, activity.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'development-activity.deleted',
			recordType: 'development-activity',
			recordId: activity.id,
			summary: `Activity "${activity.title}" deleted from "${programme.title}"`,
			before: { kind: activity.kind, title: activity.title, durationMinutes: activity.durationMinutes }
		});
	});
}

// --- mapping grids ---------------------------------------------------------------------------------

export type ProgrammeGrid = {
	rowHeading: string;
	columns: { id: string; title: string; detail?: string }[];
	rows: { id: string; label: string; name: string; level: 0 | 1 }[];
	/** ✓ cells as `${rowId}|${columnId}` (MappingGrid's mappingCellKey). */
	mapped: string[];
};

export type ProgrammeGrids = { aims: ProgrammeGrid; benchmarks: ProgrammeGrid };

function activityColumn(a: Activity): { id: string; title: string; detail?: string } {
	const duration = durationText(a.durationMinutes);
	const kind = DEVELOPMENT_ACTIVITY_KIND_LABELS[a.kind];
	const detail = [kind !== a.title ? kind : '', duration].filter(Boolean).join(' · ');
	return { id: a.id, title: a.title, ...(detail ? { detail } : {}) };
}

/** Both grids of seed 002: activities (columns, in order) against aims and sub-aims, and against the benchmarks. */
export async function programmeGrids(actor: Actor, programmeId: string): Promise<ProgrammeGrids> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.view');
	const q = db();
	const activities = await activitiesOf(q, programme.id);
	const aims = await aimsOf(q, programme.id);
	const ids = activities.map((a) => a.id);
	const aimCells = ids.length
		? await q.select().from(developmentActivityAims).where(inArray(developmentActivityAims.activityId, ids))
		: [];
	const benchmarkCells = ids.length
		? await q.select().from(developmentActivityBenchmarks).where(inArray(developmentActivityBenchmarks.activityId, ids))
		: [];
	const columns = activities.map(activityColumn);
	return {
		aims: {
			rowHeading: 'Aim of programme',
			columns,
			rows: aims.flatMap((aim) => [
				{ id: aim.id, label: aim.title, name: aim.title, level: 0 as const },
				...aim.subAims.map((s) => ({ id: s.id, label: s.title, name: `${aim.title}: ${s.title}`, level: 1 as const }))
			]),
			mapped: aimCells.map((c) => `${c.aimId}|${c.activityId}`)
		},
		benchmarks: {
			rowHeading: 'Gatsby Benchmark',
			columns,
			rows: BENCHMARK_NUMBERS.map((n) => ({
				id: String(n),
				label: `${n}. ${BENCHMARK_SHORT_NAMES[n]}`,
				name: `Benchmark ${n}`,
				level: 0 as const
			})),
			mapped: benchmarkCells.map((c) => `${c.benchmark}|${c.activityId}`)
		}
	};
}

export type CellChange = { changed: boolean; summary: string };

/** Ticks or clears one cell of the aims grid. */
export async function setProgrammeAimCell(
	actor: Actor,
	programmeId: string,
	activityId: string,
	aimId: string,
	mapped: boolean,
	requestId?: string
): Promise<CellChange> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	return db().transaction(async (tx) => {
		const activity = await activityInProgramme(tx, programme.id, activityId);
		const aim = await aimInProgramme(tx, programme.id, aimId);
		const summary = mapped
			? `${activity.title} mapped to the aim "${aim.title}"`
			: `${activity.title} no longer mapped to the aim "${aim.title}"`;
		const changed = mapped
			? (
					await tx
						.insert(developmentActivityAims)
						.values({ activityId: activity.id, aimId: aim.id })
						.onConflictDoNothing()
						.returning()
				).length > 0
			: (
					await tx
						.delete(developmentActivityAims)
						.where(and(eq(developmentActivityAims.activityId, activity.id), eq(developmentActivityAims.aimId, aim.id)))
						.returning()
				).length > 0;
		if (changed) {
			await touch(tx, programme.id);
			await audit(tx, actor, programme, requestId, {
				action: 'development-mapping.changed',
				recordType: 'development-activity',
				recordId: activity.id,
				summary,
				before: { aimId: aim.id, mapped: !mapped },
				after: { aimId: aim.id, mapped }
			});
		}
		return { changed, summary };
	});
}

/** Ticks or clears one cell of the benchmarks grid. */
export async function setProgrammeBenchmarkCell(
	actor: Actor,
	programmeId: string,
	activityId: string,
	benchmark: number | string,
	mapped: boolean,
	requestId?: string
): Promise<CellChange> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const n = Number(benchmark);
	if (!Number.isInteger(n) || n < 1 || n > 8) throw ValidationError.one('benchmark', 'Choose a benchmark from 1 to 8');
	return db().transaction(async (tx) => {
		const activity = await activityInProgramme(tx, programme.id, activityId);
		const name = `Benchmark ${n} (${BENCHMARK_SHORT_NAMES[n]})`;
		const summary = mapped ? `${activity.title} mapped to ${name}` : `${activity.title} no longer mapped to ${name}`;
		const changed = mapped
			? (
					await tx
						.insert(developmentActivityBenchmarks)
						.values({ activityId: activity.id, benchmark: n })
						.onConflictDoNothing()
						.returning()
				).length > 0
			: (
					await tx
						.delete(developmentActivityBenchmarks)
						.where(
							and(
								eq(developmentActivityBenchmarks.activityId, activity.id),
								eq(developmentActivityBenchmarks.benchmark, n)
							)
						)
						.returning()
				).length > 0;
		if (changed) {
			await touch(tx, programme.id);
			await audit(tx, actor, programme, requestId, {
				action: 'development-mapping.changed',
				recordType: 'development-activity',
				recordId: activity.id,
				summary,
				before: { benchmark: n, mapped: !mapped },
				after: { benchmark: n, mapped }
			});
		}
		return { changed, summary };
	});
}

// --- purpose statements ----------------------------------------------------------------------------

const statementSchema = z
	.string({ error: 'Enter the statement' })
	.trim()
	.min(1, 'Enter the statement')
	.max(500, 'A statement must be 500 characters or fewer');

async function statementInProgramme(tx: Tx, programmeId: string, statementId: string) {
	if (!z.uuid().safeParse(statementId).success) throw new NotFoundError();
	const [row] = await tx
		.select()
		.from(purposeStatements)
		.where(and(eq(purposeStatements.id, statementId), eq(purposeStatements.programmeId, programmeId)));
	if (!row) throw new NotFoundError();
	return row;
}

export async function addStatement(
	actor: Actor,
	programmeId: string,
	text: unknown,
	requestId?: string
): Promise<{ id: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = statementSchema.safeParse(text);
	if (!parsed.success) throw ValidationError.one('text', parsed.error.issues[0]!.message);
	return db().transaction(async (tx) => {
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${purposeStatements.position}) + 1, 0)::int` })
			.from(purposeStatements)
			.where(eq(purposeStatements.programmeId, programme.id));
		const [row] = await tx
			.insert(purposeStatements)
			.values({ programmeId: programme.id, position: last?.n ?? 0, text: parsed.data })
			.returning({ id: purposeStatements.id });
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'purpose-statement.created',
			recordType: 'purpose-statement',
			recordId: row!.id,
			summary: `Purpose statement "${parsed.data}" added`,
			after: { text: parsed.data }
		});
		return { id: row!.id };
	});
}

export async function updateStatement(
	actor: Actor,
	programmeId: string,
	statementId: string,
	text: unknown,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = statementSchema.safeParse(text);
	if (!parsed.success) throw ValidationError.one('text', parsed.error.issues[0]!.message);
	await db().transaction(async (tx) => {
		const before = await statementInProgramme(tx, programme.id, statementId);
		if (before.text === parsed.data) return;
		await tx.update(purposeStatements).set({ text: parsed.data }).where(eq(purposeStatements.id, before.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'purpose-statement.updated',
			recordType: 'purpose-statement',
			recordId: before.id,
			summary: `Purpose statement "${before.text}" changed to "${parsed.data}"`,
			before: { text: before.text },
			after: { text: parsed.data }
		});
	});
}

export async function moveStatement(
	actor: Actor,
	programmeId: string,
	statementId: string,
	direction: 'up' | 'down',
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const statement = await statementInProgramme(tx, programme.id, statementId);
		const all = await statementsOf(tx, programme.id);
		const index = all.findIndex((s) => s.id === statement.id);
		const order = moved(all, index, direction);
		if (order[index]?.id === statement.id) return;
		for (const [i, s] of order.entries())
			await tx.update(purposeStatements).set({ position: i }).where(eq(purposeStatements.id, s.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'purpose-statement.moved',
			recordType: 'purpose-statement',
			recordId: statement.id,
			summary: `Purpose statement "${statement.text}" moved ${direction}`,
			before: { position: index },
			after: { position: order.findIndex((s) => s.id === statement.id) }
		});
	});
}

/** Removes a statement, and with it the ratings participants gave it. */
export async function deleteStatement(
	actor: Actor,
	programmeId: string,
	statementId: string,
	requestId?: string
): Promise<void> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	await db().transaction(async (tx) => {
		const statement = await statementInProgramme(tx, programme.id, statementId);
		await tx.delete(purposeStatements).where(eq(purposeStatements.id, statement.id));
		await touch(tx, programme.id);
		await audit(tx, actor, programme, requestId, {
			action: 'purpose-statement.deleted',
			recordType: 'purpose-statement',
			recordId: statement.id,
			summary: `Purpose statement "${statement.text}" removed`,
			before: { text: statement.text, position: statement.position }
		});
	});
}

// --- copying ---------------------------------------------------------------------------------------

const copySchema = z.object({ title: titleSchema });

/**
 * A copy of the programme for a new cohort, in the same organisation: aims and sub-aims (parents
 * remapped), activities, both mappings and the statements. Not its cohorts, participants or workbooks.
 */
export async function copyProgramme(
	actor: Actor,
	programmeId: string,
	input: unknown,
	requestId?: string
): Promise<{ id: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = copySchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const title = parsed.data.title;
	return db().transaction(async (tx) => {
		const [source] = await tx.select().from(developmentProgrammes).where(eq(developmentProgrammes.id, programme.id));
		if (!source) throw new NotFoundError();
		const [copy] = await tx
			.insert(developmentProgrammes)
			.values({
				organisationId: source.organisationId,
				title,
				description: source.description,
				copiedFromId: source.id
			})
			.returning({ id: developmentProgrammes.id });
		const copyId = copy!.id;

		const aimIds = new Map<string, string>();
		const aims = await tx.select().from(developmentAims).where(eq(developmentAims.programmeId, source.id));
		// Parents first, so a sub-aim's parent already has its new id.
		for (const aim of [...aims.filter((a) => !a.parentId), ...aims.filter((a) => a.parentId)]) {
			const parentId = aim.parentId ? (aimIds.get(aim.parentId) ?? null) : null;
			if (aim.parentId && !parentId) continue; // an orphaned sub-aim: nothing to hang it on
			const [row] = await tx
				.insert(developmentAims)
				.values({ programmeId: copyId, parentId, title: aim.title, position: aim.position })
				.returning({ id: developmentAims.id });
			aimIds.set(aim.id, row!.id);
		}

		const activityIds = new Map<string, string>();
		const activities = await tx
			.select()
			.from(developmentActivities)
			.where(eq(developmentActivities.programmeId, source.id));
		for (const a of activities) {
			const [row] = await tx
				.insert(developmentActivities)
				.values({
					programmeId: copyId,
					position: a.position,
					kind: a.kind,
					title: a.title,
					description: a.description,
					durationMinutes: a.durationMinutes
				})
				.returning({ id: developmentActivities.id });
			activityIds.set(a.id, row!.id);
		}

		const oldActivityIds = [...activityIds.keys()];
		if (oldActivityIds.length) {
			const aimCells = await tx
				.select()
				.from(developmentActivityAims)
				.where(inArray(developmentActivityAims.activityId, oldActivityIds));
			const newAimCells = aimCells
				.filter((c) => aimIds.has(c.aimId))
				.map((c) => ({ activityId: activityIds.get(c.activityId)!, aimId: aimIds.get(c.aimId)! }));
			if (newAimCells.length) await tx.insert(developmentActivityAims).values(newAimCells);
			const benchmarkCells = await tx
				.select()
				.from(developmentActivityBenchmarks)
				.where(inArray(developmentActivityBenchmarks.activityId, oldActivityIds));
			if (benchmarkCells.length)
				await tx
					.insert(developmentActivityBenchmarks)
					.values(benchmarkCells.map((c) => ({ activityId: activityIds.get(c.activityId)!, benchmark: c.benchmark })));
		}

		const statements = await tx.select().from(purposeStatements).where(eq(purposeStatements.programmeId, source.id));
		if (statements.length)
			await tx
				.insert(purposeStatements)
				.values(statements.map((s) => ({ programmeId: copyId, position: s.position, text: s.text })));

		await audit(tx, actor, programme, requestId, {
			action: 'development-programme.copied',
			recordType: 'development-programme',
			recordId: copyId,
			summary: `Development programme "${title}" copied from "${source.title}"`,
			after: {
				copiedFromId: source.id,
				aims: aimIds.size,
				activities: activityIds.size,
				statements: statements.length
			}
		});
		return { id: copyId };
	});
}
