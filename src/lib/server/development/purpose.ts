/**
 * The purpose questionnaire in a participant's workbook (issue 6 §2a): "I aspire to become…" and the
 * programme's statements rated 1–5, taken at the start and at the end of the programme. Private to the
 * participant (workbookForActor): everyone else, tutors included, gets "not found" here; a tutor reads a
 * shared questionnaire through the programme's pages.
 *
 * Partial answers are saved as they are: a statement left unrated is simply not rated yet.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db, type Queryable } from '../db/client.ts';
import { purposeRatings, purposeResponses, purposeStatements } from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { workbookForActor } from './access.ts';
import { workbookDate } from './workbook.ts';
import { PURPOSE_OCCASION_LABELS, PURPOSE_OCCASIONS, type PurposeOccasion } from '../../domain/development.ts';
import {
	isPurposeRating,
	purposeChange,
	scorePurpose,
	type PurposeChange,
	type PurposeScore
} from '../../domain/purpose.ts';
import { todayInLondon } from '../../domain/academic-year.ts';

export type PurposeStatement = { id: string; position: number; text: string };

export type PurposeResponse = {
	id: string;
	occasion: PurposeOccasion;
	aspiration: string | null;
	answeredOn: string;
	/** Statement id → rating 1–5, for the statements answered. */
	ratings: Record<string, number>;
	score: PurposeScore;
};

export type PurposeView = {
	statements: PurposeStatement[];
	responses: Record<PurposeOccasion, PurposeResponse | null>;
	/** Start to end, like with like (see purposeChange). */
	change: PurposeChange;
};

export const ASPIRATION_MAX = 1000;

export function isPurposeOccasion(value: string): value is PurposeOccasion {
	return (PURPOSE_OCCASIONS as readonly string[]).includes(value);
}

export function ratingField(statementId: string): string {
	return `rating-${statementId}`;
}

async function statementsOf(programmeId: string, q: Queryable): Promise<PurposeStatement[]> {
	return q
		.select({ id: purposeStatements.id, position: purposeStatements.position, text: purposeStatements.text })
		.from(purposeStatements)
		.where(eq(purposeStatements.programmeId, programmeId))
		.orderBy(asc(purposeStatements.position), asc(purposeStatements.id));
}

/** The participant's answers on both occasions, with the programme's statements. */
export async function purposeView(actor: Actor, participantId: string): Promise<PurposeView> {
	const workbook = await workbookForActor(actor, participantId);
	return purposeOf(workbook.participant.id, workbook.programme.id, db());
}

/**
 * The answers of one participant. No access check: for the participant (purposeView) and for a tutor
 * reading a questionnaire the participant shares (after mayReadPart).
 */
export async function purposeOf(participantId: string, programmeId: string, q: Queryable = db()): Promise<PurposeView> {
	const statements = await statementsOf(programmeId, q);
	const rows = await q.select().from(purposeResponses).where(eq(purposeResponses.participantId, participantId));
	const ratings = rows.length
		? await q
				.select()
				.from(purposeRatings)
				.where(
					inArray(
						purposeRatings.responseId,
						rows.map((r) => r.id)
					)
				)
		: [];
	const known = new Set(statements.map((s) => s.id));
	const responses: Record<PurposeOccasion, PurposeResponse | null> = { start: null, end: null };
	for (const row of rows) {
		if (!isPurposeOccasion(row.occasion)) continue;
		const mine = Object.fromEntries(
			ratings.filter((r) => r.responseId === row.id && known.has(r.statementId)).map((r) => [r.statementId, r.rating])
		);
		responses[row.occasion] = {
			id: row.id,
			occasion: row.occasion,
			aspiration: row.aspiration,
			answeredOn: row.answeredOn,
			ratings: mine,
			score: scorePurpose(statements.map((s) => mine[s.id] ?? null))
		};
	}
	const change = purposeChange(responses.start, responses.end);
	// In the questionnaire's order, not the order answered.
	const order = new Map(statements.map((s, i) => [s.id, i]));
	change.perStatement.sort((a, b) => (order.get(a.statementId) ?? 0) - (order.get(b.statementId) ?? 0));
	return { statements, responses, change };
}

export type PurposeInput = {
	aspiration?: unknown;
	answeredOn?: unknown;
	/** Statement id → the rating as given ("1"–"5"; blank or missing = not answered). */
	ratings?: Record<string, unknown>;
};

/**
 * Saves one occasion's answers: the aspiration, the date (today when blank) and the ratings given.
 * Statements left blank are unrated (an earlier rating of them is cleared: the form shows every
 * statement, so what it sends is the whole questionnaire). Audited without the answers themselves.
 */
export async function savePurposeResponse(
	actor: Actor,
	participantId: string,
	occasion: string,
	input: PurposeInput,
	requestId?: string,
	today = todayInLondon()
): Promise<PurposeView> {
	if (!isPurposeOccasion(occasion))
		throw ValidationError.one('occasion', 'Choose the start or the end of the programme');
	const errors: FieldError[] = [];
	const aspirationText = typeof input.aspiration === 'string' ? input.aspiration.trim() : '';
	if (aspirationText.length > ASPIRATION_MAX)
		errors.push({
			field: 'aspiration',
			message: `What you aspire to become must be ${ASPIRATION_MAX} characters or fewer`
		});
	const typedDate = typeof input.answeredOn === 'string' ? input.answeredOn.trim() : '';
	const answeredOn = typedDate === '' ? today : workbookDate(typedDate);
	if (!answeredOn)
		errors.push({ field: 'answeredOn', message: 'Enter the date you answered as a real date, for example 27 3 2026' });
	else if (answeredOn > today)
		errors.push({ field: 'answeredOn', message: 'The date you answered must be today or in the past' });

	return db().transaction(async (tx) => {
		const workbook = await workbookForActor(actor, participantId, tx);
		const statements = await statementsOf(workbook.programme.id, tx);
		const chosen = new Map<string, number>();
		for (const [index, statement] of statements.entries()) {
			const raw = input.ratings?.[statement.id];
			const typed = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
			if (typed === '') continue;
			const rating = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
			if (!isPurposeRating(rating)) {
				errors.push({
					field: ratingField(statement.id),
					message: `Statement ${index + 1}: choose a rating from 1 (strongly disagree) to 5 (strongly agree)`
				});
				continue;
			}
			chosen.set(statement.id, rating);
		}
		if (errors.length) throw new ValidationError(errors);

		const [response] = await tx
			.insert(purposeResponses)
			.values({
				participantId: workbook.participant.id,
				occasion,
				aspiration: aspirationText || null,
				answeredOn: answeredOn as string
			})
			.onConflictDoUpdate({
				target: [purposeResponses.participantId, purposeResponses.occasion],
				set: { aspiration: aspirationText || null, answeredOn: answeredOn as string, updatedAt: new Date() }
			})
			.returning({ id: purposeResponses.id });
		if (!response) throw new Error('Insert returned nothing');
		await tx.delete(purposeRatings).where(eq(purposeRatings.responseId, response.id));
		if (chosen.size)
			await tx
				.insert(purposeRatings)
				.values([...chosen].map(([statementId, rating]) => ({ responseId: response.id, statementId, rating })));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'purpose-response.saved',
				recordType: 'purpose-response',
				recordId: response.id,
				summary: `${workbook.participant.name} saved their purpose questionnaire (${PURPOSE_OCCASION_LABELS[occasion].toLowerCase()}): ${chosen.size} of ${statements.length} statements answered`,
				// How much was answered, never what: the answers are the participant's own.
				after: { occasion, answeredOn, answered: chosen.size, statements: statements.length }
			},
			requestId
		);
		return purposeOf(workbook.participant.id, workbook.programme.id, tx);
	});
}

/** Removes one occasion's answers (to start again). */
export async function clearPurposeResponse(
	actor: Actor,
	participantId: string,
	occasion: string,
	requestId?: string
): Promise<void> {
	if (!isPurposeOccasion(occasion))
		throw ValidationError.one('occasion', 'Choose the start or the end of the programme');
	await db().transaction(async (tx) => {
		const workbook = await workbookForActor(actor, participantId, tx);
		const [removed] = await tx
			.delete(purposeResponses)
			.where(and(eq(purposeResponses.participantId, workbook.participant.id), eq(purposeResponses.occasion, occasion)))
			.returning({ id: purposeResponses.id });
		if (!removed) return;
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'purpose-response.cleared',
				recordType: 'purpose-response',
				recordId: removed.id,
				summary: `${workbook.participant.name} cleared their purpose questionnaire (${PURPOSE_OCCASION_LABELS[occasion].toLowerCase()})`,
				after: { occasion }
			},
			requestId
		);
	});
}
