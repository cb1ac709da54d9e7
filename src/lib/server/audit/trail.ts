/**
 * The audit page: a school's events, newest first, filtered by person, record and date.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { fromZod } from '../errors.ts';
import type { School } from '../schools/service.ts';

export const PAGE_SIZE = 100;

const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-11-23')
	.refine((d) => !Number.isNaN(Date.parse(d)), 'Enter a real date')
	.optional()
	.or(z.literal('').transform(() => undefined));

export const auditFilterSchema = z.object({
	person: z
		.string()
		.trim()
		.optional()
		.or(z.literal('').transform(() => undefined)),
	record: z
		.string()
		.trim()
		.max(200)
		.optional()
		.or(z.literal('').transform(() => undefined)),
	from: isoDate,
	to: isoDate,
	page: z.coerce.number().int().min(1).default(1)
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditEventView = {
	id: number;
	at: Date;
	actorLabel: string;
	actorUserId: string | null;
	action: string;
	recordType: string;
	recordId: string | null;
	summary: string;
};

export async function auditTrail(
	actor: Actor,
	school: School,
	rawFilter: Record<string, string>
): Promise<{ events: AuditEventView[]; total: number; filter: AuditFilter; people: { id: string; label: string }[] }> {
	authorise(actor, 'audit.view', school.id);
	const parsed = auditFilterSchema.safeParse(rawFilter);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const filter = parsed.data;
	const where: SQL[] = [eq(auditEvents.organisationId, school.id)];
	if (filter.person) where.push(sql`${auditEvents.actorUserId}::text = ${filter.person}`);
	if (filter.record) {
		const term = `%${filter.record.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(
			sql`(${auditEvents.recordId} = ${filter.record} or ${auditEvents.recordType} = ${filter.record} or ${auditEvents.summary} ilike ${term})`
		);
	}
	// Dates are whole days in Europe/London.
	if (filter.from) where.push(gte(auditEvents.at, sql`(${filter.from}::date)::timestamp at time zone 'Europe/London'`));
	if (filter.to) where.push(lt(auditEvents.at, sql`(${filter.to}::date + 1)::timestamp at time zone 'Europe/London'`));
	const condition = and(...where);
	const [events, [count], people] = await Promise.all([
		db()
			.select()
			.from(auditEvents)
			.where(condition)
			.orderBy(desc(auditEvents.at), desc(auditEvents.id))
			.limit(PAGE_SIZE)
			.offset((filter.page - 1) * PAGE_SIZE),
		db()
			.select({ n: sql<number>`count(*)::int` })
			.from(auditEvents)
			.where(condition),
		db()
			.selectDistinct({ id: auditEvents.actorUserId, label: auditEvents.actorLabel })
			.from(auditEvents)
			.where(and(eq(auditEvents.organisationId, school.id), sql`${auditEvents.actorUserId} is not null`))
			.orderBy(auditEvents.actorLabel)
	]);
	return {
		events: events.map((e) => ({
			id: e.id,
			at: e.at,
			actorLabel: e.actorLabel,
			actorUserId: e.actorUserId,
			action: e.action,
			recordType: e.recordType,
			recordId: e.recordId,
			summary: e.summary
		})),
		total: count?.n ?? 0,
		filter,
		people: people.filter((p): p is { id: string; label: string } => p.id !== null)
	};
}
