/**
 * The circle of appreciation (issue 6 §2f; seed 002): one thing I appreciated, and one thing I am
 * curious to learn more about. Private to the participant; shared with the tutor only when chosen,
 * and then read into the cohort's anonymous lists (cohort-evaluation.ts). The audit trail records
 * that it was saved, never what it says.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { appreciations } from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod } from '../errors.ts';
import { workbookForActor, type Workbook } from './access.ts';

export const APPRECIATION_MAX_CHARACTERS = 5000;

export type Appreciation = { appreciated: string; curious: string };

const box = (what: string) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v.trim() : ''),
		z
			.string()
			.max(
				APPRECIATION_MAX_CHARACTERS,
				`${what} must be ${APPRECIATION_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer`
			)
	);

export const appreciationSchema = z.object({
	appreciated: box('What you appreciated'),
	curious: box('What you are curious to learn more about')
});

/** The workbook's circle of appreciation (empty strings when not written). No access check. */
export async function loadAppreciation(workbook: Workbook, q: Queryable): Promise<Appreciation> {
	const [row] = await q.select().from(appreciations).where(eq(appreciations.participantId, workbook.participant.id));
	return { appreciated: row?.appreciated ?? '', curious: row?.curious ?? '' };
}

/** The participant's own. Anyone else: not found. */
export async function getAppreciation(actor: Actor, participantId: string): Promise<Appreciation> {
	const workbook = await workbookForActor(actor, participantId);
	return loadAppreciation(workbook, db());
}

export async function saveAppreciation(
	actor: Actor,
	participantId: string,
	input: { appreciated?: unknown; curious?: unknown },
	requestId?: string
): Promise<Appreciation> {
	const workbook = await workbookForActor(actor, participantId);
	const parsed = appreciationSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const a = parsed.data;
	return db().transaction(async (tx) => {
		if (a.appreciated === '' && a.curious === '') {
			await tx.delete(appreciations).where(eq(appreciations.participantId, workbook.participant.id));
		} else {
			const values = { appreciated: a.appreciated || null, curious: a.curious || null, updatedAt: new Date() };
			await tx
				.insert(appreciations)
				.values({ participantId: workbook.participant.id, ...values })
				.onConflictDoUpdate({ target: appreciations.participantId, set: values });
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.appreciation-saved',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `Saved the circle of appreciation in their workbook (${workbook.programme.title})`,
				after: { appreciated: a.appreciated !== '', curious: a.curious !== '' }
			},
			requestId
		);
		return { appreciated: a.appreciated, curious: a.curious };
	});
}
