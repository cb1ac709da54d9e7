/**
 * The critical-incident timeline (issue 6 §2d; seed 002): dated points with a level from 0 to 10 of
 * knowledge, skills and values in careers education, and an annotation (what happened). Private to
 * the participant; their tutor reads it only when shared (cohort-evaluation.ts). Each change is one
 * transaction with its audit event, which records the date and levels but never the annotation.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { criticalIncidents } from '../db/schema/index.ts';
import { NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod } from '../errors.ts';
import { workbookForActor, type Workbook } from './access.ts';
import { INCIDENT_LEVEL } from '../../domain/development.ts';
import { longDate } from '../../domain/academic-year.ts';

export const ANNOTATION_MAX_CHARACTERS = 5000;

export type Incident = {
	id: string;
	occurredOn: string;
	knowledge: number;
	skills: number;
	values: number;
	annotation: string;
};

export type IncidentInput = {
	occurredOn?: unknown;
	knowledge?: unknown;
	skills?: unknown;
	values?: unknown;
	annotation?: unknown;
};

/** YYYY-MM-DD for a real date given as YYYY-MM-DD or DD/MM/YYYY; undefined otherwise. */
function isoDate(input: string): string | undefined {
	let y: number, m: number, d: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (uk) [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
	else return undefined;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	if (y < 1990 || y > 2100) return undefined;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const level = (what: string) => {
	const message = `Enter your level of ${what} as a whole number from ${INCIDENT_LEVEL.lowest} to ${INCIDENT_LEVEL.highest}`;
	return z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
		z.coerce
			.number({ error: message })
			.int(message)
			.min(INCIDENT_LEVEL.lowest, message)
			.max(INCIDENT_LEVEL.highest, message)
	);
};

export const incidentSchema = z.object({
	occurredOn: z
		.string({ error: 'Enter the date it happened' })
		.trim()
		.min(1, 'Enter the date it happened')
		.transform((v, ctx) => {
			const iso = isoDate(v);
			if (!iso) {
				ctx.addIssue({ code: 'custom', message: 'Enter the date it happened as a real date, for example 27 3 2026' });
				return z.NEVER;
			}
			return iso;
		}),
	knowledge: level('knowledge'),
	skills: level('skills'),
	values: level('values'),
	annotation: z
		.string({ error: 'Enter what happened' })
		.trim()
		.min(1, 'Enter what happened')
		.max(
			ANNOTATION_MAX_CHARACTERS,
			`What happened must be ${ANNOTATION_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer`
		)
});

function parseIncident(input: IncidentInput): z.output<typeof incidentSchema> {
	const parsed = incidentSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	return parsed.data;
}

function toIncident(row: typeof criticalIncidents.$inferSelect): Incident {
	return {
		id: row.id,
		occurredOn: row.occurredOn,
		knowledge: row.knowledge,
		skills: row.skills,
		values: row.values,
		annotation: row.annotation
	};
}

/** What the audit trail keeps of a point: when and the levels, never the annotation. */
const auditShape = (i: { occurredOn: string; knowledge: number; skills: number; values: number }) => ({
	occurredOn: i.occurredOn,
	knowledge: i.knowledge,
	skills: i.skills,
	values: i.values
});

/** A workbook's points in date order (same date: the order added). No access check: callers make theirs. */
export async function loadIncidents(workbook: Workbook, q: Queryable): Promise<Incident[]> {
	const rows = await q
		.select()
		.from(criticalIncidents)
		.where(eq(criticalIncidents.participantId, workbook.participant.id))
		.orderBy(asc(criticalIncidents.occurredOn), asc(criticalIncidents.createdAt), asc(criticalIncidents.id));
	return rows.map(toIncident);
}

/** The participant's own timeline. Anyone else: not found. */
export async function listIncidents(actor: Actor, participantId: string): Promise<Incident[]> {
	const workbook = await workbookForActor(actor, participantId);
	return loadIncidents(workbook, db());
}

function audit(workbook: Workbook, action: string, summary: string, recordId: string) {
	return {
		organisationId: workbook.programme.organisation.id,
		action: `workbook.incident-${action}`,
		recordType: 'critical-incident',
		recordId,
		summary: `${summary} on the critical-incident timeline in their workbook (${workbook.programme.title})`
	};
}

export async function addIncident(
	actor: Actor,
	participantId: string,
	input: IncidentInput,
	requestId?: string
): Promise<Incident> {
	const workbook = await workbookForActor(actor, participantId);
	const i = parseIncident(input);
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(criticalIncidents)
			.values({ participantId: workbook.participant.id, ...i })
			.returning();
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{ ...audit(workbook, 'added', `Added a point for ${longDate(i.occurredOn)}`, row.id), after: auditShape(i) },
			requestId
		);
		return toIncident(row);
	});
}

export async function updateIncident(
	actor: Actor,
	participantId: string,
	incidentId: string,
	input: IncidentInput,
	requestId?: string
): Promise<Incident> {
	const workbook = await workbookForActor(actor, participantId);
	if (!z.uuid().safeParse(incidentId).success) throw new NotFoundError();
	const i = parseIncident(input);
	return db().transaction(async (tx) => {
		const where = and(
			eq(criticalIncidents.id, incidentId),
			eq(criticalIncidents.participantId, workbook.participant.id)
		);
		const [before] = await tx.select().from(criticalIncidents).where(where);
		if (!before) throw new NotFoundError();
		const [row] = await tx.update(criticalIncidents).set(i).where(where).returning();
		if (!row) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				...audit(workbook, 'changed', `Changed the point for ${longDate(i.occurredOn)}`, row.id),
				before: auditShape(before),
				after: auditShape(i)
			},
			requestId
		);
		return toIncident(row);
	});
}

export async function removeIncident(
	actor: Actor,
	participantId: string,
	incidentId: string,
	requestId?: string
): Promise<void> {
	const workbook = await workbookForActor(actor, participantId);
	if (!z.uuid().safeParse(incidentId).success) throw new NotFoundError();
	await db().transaction(async (tx) => {
		const [removed] = await tx
			.delete(criticalIncidents)
			.where(and(eq(criticalIncidents.id, incidentId), eq(criticalIncidents.participantId, workbook.participant.id)))
			.returning();
		if (!removed) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				...audit(workbook, 'removed', `Removed the point for ${longDate(removed.occurredOn)}`, removed.id),
				before: auditShape(removed)
			},
			requestId
		);
	});
}
