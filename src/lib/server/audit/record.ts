/**
 * Every change writes its audit event in the same transaction as the change: pass the transaction.
 */
import { auditEvents } from '../db/schema/index.ts';
import type { Queryable } from '../db/client.ts';
import type { Actor } from '../access/actor.ts';

export type AuditEntry = {
	organisationId: string | null;
	/** e.g. "membership.created", "pupil.viewed", "user.signed-in" */
	action: string;
	recordType: string;
	recordId?: string | null;
	/** One plain sentence a careers leader can read. */
	summary: string;
	before?: unknown;
	after?: unknown;
};

export async function recordAudit(
	tx: Queryable,
	actor: Actor | null,
	entry: AuditEntry,
	requestId?: string
): Promise<void> {
	await tx.insert(auditEvents).values({
		actorUserId: actor && !actor.system ? actor.userId : null,
		actorLabel: actor ? (actor.system ? actor.name : `${actor.name} <${actor.email}>`) : 'Someone not signed in',
		organisationId: entry.organisationId,
		action: entry.action,
		recordType: entry.recordType,
		recordId: entry.recordId ?? null,
		summary: entry.summary,
		before: entry.before ?? null,
		after: entry.after ?? null,
		requestId: requestId ?? null
	});
}
