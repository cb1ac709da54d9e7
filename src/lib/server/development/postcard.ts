/**
 * The promise postcard (issue 6 §2e; seed 002): my promise to myself, my promise to my school, the date
 * I will achieve them by, and the date Waymark emails the postcard back. Saving schedules the reminder
 * (a scheduled job, ../jobs/scheduler.ts) in the same transaction; the job's handler sends the email
 * at 08:00 London time on the reminder date, at most once. Once it has been sent, or from the
 * achieve-by date, the participant records how far they got.
 *
 * Private to the participant (workbookForActor); their tutor reads it only when it is shared. The
 * audit trail records the dates, never the promises.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { promisePostcards } from '../db/schema/index.ts';
import { NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { config } from '../config.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { sendMail } from '../mail/send.ts';
import { cancelJob, jobByKey, runAgain, runDueJobs, scheduleJob, type JobHandler } from '../jobs/scheduler.ts';
import { participantPlace, workbookForActor, type Workbook } from './access.ts';
import { londonDate, longDate, todayInLondon } from '../../domain/academic-year.ts';
import {
	jobState,
	mayRunAgain,
	reminderInstant,
	suggestedPostcardDates,
	UNKNOWN_AFTER_MINUTES,
	type JobState,
	type ScheduleDecision
} from '../../domain/reminders.ts';
import { PROMISE_PROGRESS, PROMISE_PROGRESS_LABELS, type PromiseProgress } from '../../domain/development.ts';

export const POSTCARD_JOB_KIND = 'postcard-reminder';
/** The hour (London time) the postcard is emailed back on its reminder date. */
export const POSTCARD_HOUR = 8;
export const PROMISE_MAX_CHARACTERS = 2000;

export function postcardJobKey(participantId: string): string {
	return `${POSTCARD_JOB_KIND}:${participantId}`;
}

type PostcardPayload = { participantId: string; remindOn: string };

export type Postcard = {
	promiseToMyself: string;
	promiseToMySchool: string;
	achieveBy: string;
	remindOn: string;
	/** When the email went; null until then (and again after the reminder date is changed). */
	remindedAt: Date | null;
	review: { progress: PromiseProgress; progressLabel: string; note: string; reviewedAt: Date } | null;
};

/**
 * Where the reminder stands: 'sent' once the email went; otherwise the job's state — scheduled, due
 * (goes within a minute), running, failed (not sent: may send again), unknown (the server stopped
 * while sending: may not have been sent; may send again after checking).
 */
export type ReminderStatus = {
	state: Exclude<JobState, 'done'> | 'sent';
	/** 08:00 London time on the reminder date. */
	sendsAt: Date;
	sentAt: Date | null;
	failure: string | null;
	mayRunAgain: boolean;
};

export type PostcardPage = {
	postcard: Postcard | null;
	reminder: ReminderStatus | null;
	/** Dates to start from on a new postcard: February and July, as in seed 002. */
	suggested: { remindOn: string; achieveBy: string };
	/** Whether the participant may record how far they got: the postcard came back, or achieve-by came. */
	mayReview: boolean;
	today: string;
};

/** The postcard of one workbook, with no access check: callers have made theirs. */
export async function loadPostcard(workbook: Workbook, q: Queryable): Promise<Postcard | null> {
	const [row] = await q
		.select()
		.from(promisePostcards)
		.where(eq(promisePostcards.participantId, workbook.participant.id));
	if (!row) return null;
	const progress = PROMISE_PROGRESS.find((p) => p === row.reviewProgress);
	return {
		promiseToMyself: row.promiseToMyself,
		promiseToMySchool: row.promiseToMySchool,
		achieveBy: row.achieveBy,
		remindOn: row.remindOn,
		remindedAt: row.remindedAt,
		review:
			progress && row.reviewedAt
				? {
						progress,
						progressLabel: PROMISE_PROGRESS_LABELS[progress],
						note: row.reviewNote ?? '',
						reviewedAt: row.reviewedAt
					}
				: null
	};
}

function mayReviewPostcard(postcard: Postcard | null, today: string): boolean {
	return postcard !== null && (postcard.remindedAt !== null || today >= postcard.achieveBy);
}

async function reminderStatus(
	postcard: Postcard,
	participantId: string,
	q: Queryable,
	now: Date
): Promise<ReminderStatus> {
	const sendsAt = reminderInstant(postcard.remindOn, POSTCARD_HOUR);
	if (postcard.remindedAt) {
		return { state: 'sent', sendsAt, sentAt: postcard.remindedAt, failure: null, mayRunAgain: false };
	}
	const job = await jobByKey(q, postcardJobKey(participantId));
	if (!job) return { state: 'scheduled', sendsAt, sentAt: null, failure: null, mayRunAgain: false };
	const state = jobState(job, now);
	return {
		// Finished without "reminded at" cannot normally happen (both are written together): say sent.
		state: state === 'done' ? 'sent' : state,
		sendsAt,
		sentAt: state === 'done' ? job.finishedAt : null,
		failure: job.failure,
		mayRunAgain: mayRunAgain(job, now)
	};
}

/** The participant's own postcard page. Anyone else: not found. */
export async function postcardPage(actor: Actor, participantId: string, now = new Date()): Promise<PostcardPage> {
	const workbook = await workbookForActor(actor, participantId);
	const q = db();
	const postcard = await loadPostcard(workbook, q);
	const today = todayInLondon(now);
	return {
		postcard,
		reminder: postcard ? await reminderStatus(postcard, workbook.participant.id, q, now) : null,
		suggested: suggestedPostcardDates(today),
		mayReview: mayReviewPostcard(postcard, today),
		today
	};
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function field(input: unknown, name: string): string {
	const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
	return typeof value === 'string' ? value.trim() : '';
}

function validatePostcard(
	input: unknown,
	saved: Postcard | null,
	today: string
): { promiseToMyself: string; promiseToMySchool: string; achieveBy: string; remindOn: string } {
	const v = {
		promiseToMyself: field(input, 'promiseToMyself'),
		promiseToMySchool: field(input, 'promiseToMySchool'),
		achieveBy: field(input, 'achieveBy'),
		remindOn: field(input, 'remindOn')
	};
	const errors: FieldError[] = [];
	const missing = {
		promiseToMyself: 'Write your promise to yourself',
		promiseToMySchool: 'Write your promise to your school',
		achieveBy: 'Enter the date you will achieve your promises by',
		remindOn: 'Enter the date we should email the postcard back to you'
	} as const;
	for (const [name, message] of Object.entries(missing)) {
		if (v[name as keyof typeof missing] === '') errors.push({ field: name, message });
	}
	if (errors.length) throw new ValidationError(errors);
	for (const [field, label] of [
		['promiseToMyself', 'Your promise to yourself'],
		['promiseToMySchool', 'Your promise to your school']
	] as const) {
		if (v[field].length > PROMISE_MAX_CHARACTERS) {
			errors.push({
				field,
				message: `${label} must be ${PROMISE_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer (it has ${v[field].length.toLocaleString('en-GB')})`
			});
		}
	}
	const achieveOk = isCalendarDate(v.achieveBy);
	if (!achieveOk)
		errors.push({ field: 'achieveBy', message: 'Enter the date you will achieve your promises by as a real date' });
	const remindOk = isCalendarDate(v.remindOn);
	if (!remindOk) {
		errors.push({
			field: 'remindOn',
			message: 'Enter the date we should email the postcard back to you as a real date'
		});
	} else if (v.remindOn < today && v.remindOn !== saved?.remindOn) {
		// A reminder date already saved may have passed (the postcard came back); a new one may not.
		errors.push({
			field: 'remindOn',
			message: `The date we email the postcard back must be today (${longDate(today)}) or later`
		});
	} else if (achieveOk && v.remindOn > v.achieveBy) {
		errors.push({
			field: 'remindOn',
			message: `The date we email the postcard back must be on or before the date you will achieve your promises by (${longDate(v.achieveBy)})`
		});
	}
	if (errors.length) throw new ValidationError(errors);
	return v;
}

/**
 * Schedules (or moves) the email that sends a postcard back at 08:00 London time on `remindOn`, in the
 * caller's transaction. For anything that writes a postcard (the page, the demo); see `scheduleJob` for
 * what happens to a reminder already sent.
 */
export async function schedulePostcardReminder(
	tx: Queryable,
	participantId: string,
	remindOn: string
): Promise<ScheduleDecision> {
	const payload: PostcardPayload = { participantId, remindOn };
	return scheduleJob(tx, {
		kind: POSTCARD_JOB_KIND,
		key: postcardJobKey(participantId),
		runAt: reminderInstant(remindOn, POSTCARD_HOUR),
		payload: JSON.stringify(payload)
	});
}

/**
 * Writes or changes the postcard and, in the same transaction, schedules (or moves) its reminder.
 * A reminder already sent is not sent again when the postcard is saved with the same reminder date;
 * a new reminder date arms a fresh reminder.
 */
export async function savePostcard(
	actor: Actor,
	participantId: string,
	input: unknown,
	requestId?: string,
	now = new Date()
): Promise<Postcard> {
	const workbook = await workbookForActor(actor, participantId);
	const today = todayInLondon(now);
	const saved = await loadPostcard(workbook, db());
	const v = validatePostcard(input, saved, today);
	return db().transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(promisePostcards)
			.where(eq(promisePostcards.participantId, workbook.participant.id))
			.for('update');
		const sameDate = current?.remindOn === v.remindOn;
		const values = {
			promiseToMyself: v.promiseToMyself,
			promiseToMySchool: v.promiseToMySchool,
			achieveBy: v.achieveBy,
			remindOn: v.remindOn,
			remindedAt: sameDate ? (current?.remindedAt ?? null) : null,
			updatedAt: now
		};
		await tx
			.insert(promisePostcards)
			.values({ participantId: workbook.participant.id, ...values })
			.onConflictDoUpdate({ target: promisePostcards.participantId, set: values });
		const decision = await schedulePostcardReminder(tx, workbook.participant.id, v.remindOn);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: current ? 'workbook.postcard-changed' : 'workbook.postcard-written',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `${current ? 'Changed' : 'Wrote'} the promise postcard in their workbook (${workbook.programme.title}); it comes back by email on ${longDate(v.remindOn)}`,
				before: current ? { achieveBy: current.achieveBy, remindOn: current.remindOn } : null,
				after: { achieveBy: v.achieveBy, remindOn: v.remindOn, reminder: decision }
			},
			requestId
		);
		const card = await loadPostcard(workbook, tx);
		if (!card) throw new Error('The postcard was not saved.');
		return card;
	});
}

/**
 * The participant throws their postcard away: the promises, how far they got, and the reminder if it has
 * not gone (one being sent at this moment finds the postcard gone and sends nothing). Audited without the
 * promises' words, as writing it was.
 */
export async function deletePostcard(actor: Actor, participantId: string, requestId?: string): Promise<void> {
	const workbook = await workbookForActor(actor, participantId);
	await db().transaction(async (tx) => {
		const [gone] = await tx
			.delete(promisePostcards)
			.where(eq(promisePostcards.participantId, workbook.participant.id))
			.returning({ achieveBy: promisePostcards.achieveBy, remindOn: promisePostcards.remindOn });
		if (!gone) throw new NotFoundError('There is no postcard to delete');
		await cancelJob(tx, postcardJobKey(workbook.participant.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.postcard-deleted',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `Deleted the promise postcard in their workbook (${workbook.programme.title})`,
				before: gone
			},
			requestId
		);
	});
}

const reviewSchema = z.object({
	progress: z.enum(PROMISE_PROGRESS, { error: 'Choose how far you got with your promises' }),
	note: z
		.string()
		.trim()
		.max(
			PROMISE_MAX_CHARACTERS,
			`What you say about it must be ${PROMISE_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer`
		)
		.optional()
		.default('')
});

/** Records how far the participant got with their promises (again at any time after, to change it). */
export async function reviewPostcard(
	actor: Actor,
	participantId: string,
	input: unknown,
	requestId?: string,
	now = new Date()
): Promise<Postcard> {
	const workbook = await workbookForActor(actor, participantId);
	const parsed = reviewSchema.safeParse(input ?? {});
	if (!parsed.success) {
		throw new ValidationError(
			parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'progress'), message: i.message }))
		);
	}
	const today = todayInLondon(now);
	return db().transaction(async (tx) => {
		const postcard = await loadPostcard(workbook, tx);
		if (!postcard) throw ValidationError.one('progress', 'Write your postcard first');
		if (!mayReviewPostcard(postcard, today)) {
			throw ValidationError.one(
				'progress',
				`You can record how far you got once the postcard has come back to you (${longDate(postcard.remindOn)}) or from ${longDate(postcard.achieveBy)}`
			);
		}
		await tx
			.update(promisePostcards)
			.set({ reviewProgress: parsed.data.progress, reviewNote: parsed.data.note || null, reviewedAt: now })
			.where(eq(promisePostcards.participantId, workbook.participant.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.postcard-reviewed',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `Recorded how far they got with their promises (${workbook.programme.title}): ${PROMISE_PROGRESS_LABELS[parsed.data.progress]}`,
				after: { progress: parsed.data.progress }
			},
			requestId
		);
		const card = await loadPostcard(workbook, tx);
		if (!card) throw new Error('The postcard went missing.');
		return card;
	});
}

/**
 * "Send again": only when the reminder failed (definitely not sent) or is in doubt (the server stopped
 * while sending; the person has checked their inbox). Re-arms the job for now and runs it at once.
 * Returns null when sent, or why it failed again.
 */
export async function sendPostcardAgain(
	actor: Actor,
	participantId: string,
	requestId?: string,
	now = new Date()
): Promise<{ failure: string | null }> {
	const workbook = await workbookForActor(actor, participantId);
	const key = postcardJobKey(workbook.participant.id);
	await db().transaction(async (tx) => {
		const job = await jobByKey(tx, key);
		if (!job || !mayRunAgain(job, now)) {
			throw ValidationError.one('send', 'The postcard has not failed to send, so there is nothing to send again.');
		}
		const unknownBefore = new Date(now.getTime() - UNKNOWN_AFTER_MINUTES * 60_000);
		if (!(await runAgain(tx, key, now, unknownBefore))) {
			throw ValidationError.one('send', 'The postcard has not failed to send, so there is nothing to send again.');
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.postcard-sent-again',
				recordType: 'workbook',
				recordId: workbook.participant.id,
				summary: `Asked for their promise postcard to be emailed again (${workbook.programme.title})`,
				before: { failure: job.failure, startedAt: job.startedAt }
			},
			requestId
		);
	});
	const result = await runDueJobs(now, { [POSTCARD_JOB_KIND]: sendPostcardReminder }, { key });
	return { failure: result.failed[0]?.failure ?? null };
}

function parsePayload(payload: string | null): PostcardPayload {
	const parsed = z
		.object({ participantId: z.uuid(), remindOn: z.string().regex(ISO_DATE) })
		.safeParse(JSON.parse(payload ?? 'null'));
	if (!parsed.success) throw new Error('The reminder does not say which postcard it is for; nothing was sent.');
	return parsed.data;
}

/** The email: both promises, the dates, and the way back to the workbook. */
export function postcardEmail(
	workbook: Workbook,
	postcard: Postcard,
	baseUrl: string
): { subject: string; text: string } {
	const link = `${baseUrl}/workbook/${workbook.participant.id}/postcard`;
	return {
		subject: `Your promise postcard from ${workbook.programme.title}`,
		text: [
			`Hello ${workbook.participant.name},`,
			'',
			`Here is the promise postcard you wrote during ${workbook.programme.title}, sent back to you as promised so you can check on your progress.`,
			'',
			'My promise to myself:',
			postcard.promiseToMyself,
			'',
			'My promise to my school:',
			postcard.promiseToMySchool,
			'',
			`I will try to achieve my promises by ${longDate(postcard.achieveBy, true)}.`,
			'',
			'Look back at your workbook and record how far you have got:',
			link,
			'',
			`${workbook.programme.organisation.name}, through Waymark`
		].join('\n')
	};
}

/**
 * The job handler: emails the postcard to the participant. Throws (nothing sent) when the postcard is
 * gone or the mail server refuses; on success, "reminded at" is written as the job is marked finished.
 */
export const sendPostcardReminder: JobHandler = async (job) => {
	const { participantId, remindOn } = parsePayload(job.payload);
	const workbook = await participantPlace(participantId);
	const postcard = workbook ? await loadPostcard(workbook, db()) : null;
	if (!workbook || !postcard) throw new Error('The postcard no longer exists; nothing was sent.');
	if (postcard.remindOn !== remindOn) {
		throw new Error(`The postcard's reminder date is now ${postcard.remindOn}, not ${remindOn}; nothing was sent.`);
	}
	const { subject, text } = postcardEmail(workbook, postcard, config().baseUrl);
	await sendMail({ to: workbook.participant.email, subject, text });
	return async (tx, now) => {
		await tx
			.update(promisePostcards)
			.set({ remindedAt: now })
			.where(and(eq(promisePostcards.participantId, participantId), eq(promisePostcards.remindOn, remindOn)));
	};
};

/** "Monday 15 February 2027" for a reminder's instant (its London date). */
export function reminderDay(instant: Date): string {
	return longDate(londonDate(instant), true);
}
