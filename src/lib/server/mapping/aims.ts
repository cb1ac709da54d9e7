/**
 * The programme's own aims, with sub-aims one level down (seed 002: "Develop leadership skills:
 * knowledge & skills / professional networks / purpose & vision"). Managing them is programme.manage;
 * seeing them programme.view. Every change is one transaction with its audit event.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { programmeAims, programmes } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { checkAcademicYear, ensureProgrammeId, findProgrammeId } from './programme.ts';

export type SubAim = { id: string; title: string; position: number };
export type Aim = SubAim & { subAims: SubAim[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const titleSchema = z
	.string({ error: 'Enter the aim' })
	.trim()
	.min(1, 'Enter the aim')
	.max(300, 'An aim must be 300 characters or fewer');

/** Aims in order, each with its sub-aims in order. */
export function nestAims(
	rows: readonly { id: string; parentId: string | null; title: string; position: number }[]
): Aim[] {
	const byOrder = [...rows].sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
	const top = byOrder.filter((r) => r.parentId === null);
	const topIds = new Set(top.map((r) => r.id));
	return top.map((aim) => ({
		id: aim.id,
		title: aim.title,
		position: aim.position,
		subAims: byOrder
			.filter((r) => r.parentId === aim.id && topIds.has(r.parentId))
			.map(({ id, title, position }) => ({ id, title, position }))
	}));
}

export async function aimsOfProgramme(q: Queryable, programmeId: string): Promise<Aim[]> {
	const rows = await q
		.select({
			id: programmeAims.id,
			parentId: programmeAims.parentId,
			title: programmeAims.title,
			position: programmeAims.position
		})
		.from(programmeAims)
		.where(eq(programmeAims.programmeId, programmeId))
		.orderBy(asc(programmeAims.position));
	return nestAims(rows);
}

export async function listAims(actor: Actor, school: School, academicYear: number): Promise<Aim[]> {
	authorise(actor, 'programme.view', school.id);
	checkAcademicYear(academicYear);
	const programmeId = await findProgrammeId(db(), school.id, academicYear);
	return programmeId ? aimsOfProgramme(db(), programmeId) : [];
}

type AimRow = { id: string; programmeId: string; parentId: string | null; title: string; position: number };

/** An aim of this school's programmes, or NotFoundError (also for a malformed id). */
async function aimInSchool(q: Queryable, school: School, aimId: string): Promise<AimRow> {
	if (!UUID.test(aimId)) throw new NotFoundError();
	const [row] = await q
		.select({
			id: programmeAims.id,
			programmeId: programmeAims.programmeId,
			parentId: programmeAims.parentId,
			title: programmeAims.title,
			position: programmeAims.position
		})
		.from(programmeAims)
		.innerJoin(programmes, eq(programmes.id, programmeAims.programmeId))
		.where(and(eq(programmeAims.id, aimId), eq(programmes.schoolId, school.id)));
	if (!row) throw new NotFoundError();
	return row;
}

export type NewAim = { academicYear: number; title: string; parentId?: string | null };

/** Adds an aim (or, with parentId, a sub-aim of that aim) at the end; makes the year's programme if needed. */
export async function addAim(actor: Actor, school: School, input: NewAim, requestId?: string): Promise<{ id: string }> {
	authorise(actor, 'programme.manage', school.id);
	checkAcademicYear(input.academicYear);
	const parsed = titleSchema.safeParse(input.title);
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: ['title'] })));
	const title = parsed.data;
	const parentId = input.parentId || null;
	return db().transaction(async (tx) => {
		let parent: AimRow | undefined;
		if (parentId) {
			parent = await aimInSchool(tx, school, parentId);
			if (parent.parentId !== null)
				throw ValidationError.one('parentId', 'A sub-aim cannot have sub-aims of its own: choose a main aim');
		}
		const programmeId =
			parent?.programmeId ?? (await ensureProgrammeId(tx, actor, school.id, input.academicYear, requestId));
		const [last] = await tx
			.select({ max: sql<number>`coalesce(max(${programmeAims.position}), 0)::int` })
			.from(programmeAims)
			.where(
				and(
					eq(programmeAims.programmeId, programmeId),
					parentId ? eq(programmeAims.parentId, parentId) : isNull(programmeAims.parentId)
				)
			);
		const [row] = await tx
			.insert(programmeAims)
			.values({ programmeId, parentId, title, position: (last?.max ?? 0) + 1 })
			.returning({ id: programmeAims.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'aim.created',
				recordType: 'programme-aim',
				recordId: row.id,
				summary: parent ? `Sub-aim "${title}" added under "${parent.title}"` : `Programme aim "${title}" added`,
				after: { title, parentId }
			},
			requestId
		);
		return { id: row.id };
	});
}

export async function renameAim(
	actor: Actor,
	school: School,
	aimId: string,
	newTitle: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'programme.manage', school.id);
	const parsed = titleSchema.safeParse(newTitle);
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: ['title'] })));
	const title = parsed.data;
	await db().transaction(async (tx) => {
		const aim = await aimInSchool(tx, school, aimId);
		if (aim.title === title) return;
		await tx.update(programmeAims).set({ title }).where(eq(programmeAims.id, aim.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'aim.renamed',
				recordType: 'programme-aim',
				recordId: aim.id,
				summary: `Programme aim "${aim.title}" renamed "${title}"`,
				before: { title: aim.title },
				after: { title }
			},
			requestId
		);
	});
}

/** Deletes an aim with its sub-aims (no foreign key does it) and, through theirs, their ✓ cells. */
export async function deleteAim(actor: Actor, school: School, aimId: string, requestId?: string): Promise<void> {
	authorise(actor, 'programme.manage', school.id);
	await db().transaction(async (tx) => {
		const aim = await aimInSchool(tx, school, aimId);
		const subAims = await tx
			.select({ id: programmeAims.id, title: programmeAims.title })
			.from(programmeAims)
			.where(eq(programmeAims.parentId, aim.id));
		const ids = [aim.id, ...subAims.map((s) => s.id)];
		// activity_aims rows go with them (ON DELETE CASCADE on aim_id).
		await tx.delete(programmeAims).where(inArray(programmeAims.id, ids));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'aim.deleted',
				recordType: 'programme-aim',
				recordId: aim.id,
				summary:
					subAims.length > 0
						? `Programme aim "${aim.title}" deleted with its ${subAims.length === 1 ? 'sub-aim' : `${subAims.length} sub-aims`}`
						: `Programme aim "${aim.title}" deleted`,
				before: { title: aim.title, parentId: aim.parentId, subAims: subAims.map((s) => s.title) }
			},
			requestId
		);
	});
}

/** Moves an aim (or sub-aim) one place up or down among its siblings. Nothing happens at either end. */
export async function moveAim(
	actor: Actor,
	school: School,
	aimId: string,
	direction: 'up' | 'down',
	requestId?: string
): Promise<void> {
	authorise(actor, 'programme.manage', school.id);
	if (direction !== 'up' && direction !== 'down') throw ValidationError.one('direction', 'Choose up or down');
	await db().transaction(async (tx) => {
		const aim = await aimInSchool(tx, school, aimId);
		const siblings = await tx
			.select({ id: programmeAims.id, title: programmeAims.title, position: programmeAims.position })
			.from(programmeAims)
			.where(
				and(
					eq(programmeAims.programmeId, aim.programmeId),
					aim.parentId ? eq(programmeAims.parentId, aim.parentId) : isNull(programmeAims.parentId)
				)
			)
			.orderBy(asc(programmeAims.position), asc(programmeAims.title));
		const from = siblings.findIndex((s) => s.id === aim.id);
		const to = direction === 'up' ? from - 1 : from + 1;
		if (from < 0 || to < 0 || to >= siblings.length) return;
		const order = siblings.map((s) => s.id);
		[order[from], order[to]] = [order[to]!, order[from]!];
		// Renumber 1…n, which also mends any ties left by older data.
		for (const [i, id] of order.entries()) {
			const sibling = siblings.find((s) => s.id === id);
			if (sibling && sibling.position !== i + 1)
				await tx
					.update(programmeAims)
					.set({ position: i + 1 })
					.where(eq(programmeAims.id, id));
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'aim.moved',
				recordType: 'programme-aim',
				recordId: aim.id,
				summary: `Programme aim "${aim.title}" moved ${direction}`,
				before: { position: from + 1 },
				after: { position: to + 1 }
			},
			requestId
		);
	});
}
