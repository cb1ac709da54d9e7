import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger (see the migration) refuses UPDATE and DELETE unless a purge is explicitly
 * allowed for the transaction (demo refresh only). No foreign keys, so the record outlives what it
 * describes.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorUserId: uuid('actor_user_id'),
		/** Shown even after the person's account is gone. */
		actorLabel: text('actor_label').notNull(),
		organisationId: uuid('organisation_id'),
		/** e.g. membership.created, pupil.viewed */
		action: text('action').notNull(),
		recordType: text('record_type').notNull(),
		recordId: text('record_id'),
		summary: text('summary').notNull(),
		before: jsonb('before'),
		after: jsonb('after'),
		requestId: text('request_id')
	},
	(t) => [
		index('audit_events_organisation_at').on(t.organisationId, t.at),
		index('audit_events_record').on(t.recordType, t.recordId)
	]
);
