/**
 * The promise postcard end to end, with a REAL SMTP server in this process (the smtp-server package on a
 * random port): a trainee writes their postcard, the scheduler sends it back on the reminder date
 * exactly once, with both promises in it; a refused send can be sent again; the reminder date rules;
 * the review. On PGlite, and Postgres when DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { and, eq } from 'drizzle-orm';
import { freshDatabase, type TestDatabaseHandle } from '../support/database.ts';
import { closeDatabase, useDatabase } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { closeMail, readOutboxFile } from '../../src/lib/server/mail/send.ts';
import {
	auditEvents,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	organisations,
	promisePostcards,
	scheduledJobs,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { runDueJobs } from '../../src/lib/server/jobs/scheduler.ts';
import { JOB_HANDLERS } from '../../src/lib/server/jobs/handlers.ts';
import {
	deletePostcard,
	postcardJobKey,
	postcardPage,
	reviewPostcard,
	savePostcard,
	sendPostcardAgain
} from '../../src/lib/server/development/postcard.ts';

type Received = { to: string[]; data: string };
const received: Received[] = [];
let refuse = false;
let server: SMTPServer;
let port = 0;
let handle: TestDatabaseHandle;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-postcard-'));
const quiet = () => {};

const BASE_URL = 'https://careers.northfield.example';
// Written in the autumn; back in February; kept by July (seed 002).
const WRITTEN = new Date('2026-10-14T10:00:00Z');
const promises = {
	promiseToMyself: 'Ask every employer I meet how they got into their job, and write down one surprise.',
	promiseToMySchool: 'Link one lesson each half term in Year 9 science to a real career, with a visitor by July.'
};

/** A trainee with an account and a place on a cohort: the actor who owns the workbook. */
async function trainee(email: string, name: string): Promise<{ actor: Actor; participantId: string }> {
	const [provider] = await handle.db
		.insert(organisations)
		.values({ kind: 'training-provider', name: 'Northfield University' })
		.returning();
	const [programme] = await handle.db
		.insert(developmentProgrammes)
		.values({ organisationId: provider!.id, title: 'Leading with purpose' })
		.returning();
	const [cohort] = await handle.db
		.insert(developmentCohorts)
		.values({ programmeId: programme!.id, name: 'PGCE secondary 2026/27' })
		.returning();
	const [user] = await handle.db.insert(users).values({ email, name }).returning();
	const [participant] = await handle.db
		.insert(developmentParticipants)
		.values({ cohortId: cohort!.id, userId: user!.id, email, name, subject: 'Science' })
		.returning();
	return {
		actor: { userId: user!.id, name, email, memberships: [], currentOrganisationId: null },
		participantId: participant!.id
	};
}

function smtp(): void {
	setConfig(
		loadConfig({
			SMTP_URL: `smtp://127.0.0.1:${port}`,
			MAIL_FROM: 'Waymark <noreply@northfield.example>',
			PUBLIC_BASE_URL: BASE_URL,
			WAYMARK_OUTBOX_DIR: path.join(tmp, 'outbox')
		})
	);
}

/** A received message, decoded (quoted-printable, encoded words) by the same reader as the outbox. */
function decoded(message: Received): { subject: string; text: string } {
	const file = path.join(tmp, `received-${Math.random().toString(36).slice(2)}.eml`);
	fs.writeFileSync(file, message.data);
	const mail = readOutboxFile(file);
	return { subject: mail.subject, text: mail.text };
}

async function validationFields(promise: Promise<unknown>): Promise<Record<string, string>> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return Object.fromEntries(e.errors.map((x) => [x.field, x.message]));
		throw e;
	}
	throw new Error('expected a ValidationError');
}

beforeAll(async () => {
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (refuse) callback(new Error('Mailbox unavailable'));
			else callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					data: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	port = typeof address === 'object' && address ? address.port : 0;
	smtp();
	handle = await freshDatabase();
	useDatabase(handle);
});

afterEach(() => {
	refuse = false;
	closeMail();
});

afterAll(async () => {
	await closeDatabase();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the postcard comes back by email on the reminder date', () => {
	it('sends one message to the participant with both promises, once, however often the scheduler runs', async () => {
		const { actor, participantId } = await trainee('ada.trainee@northfield.example', 'Ada Trainee');
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
			'r1',
			WRITTEN
		);

		const page = await postcardPage(actor, participantId, WRITTEN);
		expect(page.reminder?.state).toBe('scheduled');
		// 08:00 in London on 15 February (GMT).
		expect(page.reminder?.sendsAt.toISOString()).toBe('2027-02-15T08:00:00.000Z');
		expect(page.mayReview).toBe(false);

		// The day before, and at 07:59: nothing.
		await runDueJobs(new Date('2027-02-15T07:59:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(0);

		const due = new Date('2027-02-15T08:00:30Z');
		const runs = await Promise.all([
			runDueJobs(due, JOB_HANDLERS, { log: quiet }),
			runDueJobs(due, JOB_HANDLERS, { log: quiet })
		]);
		await runDueJobs(new Date('2027-02-16T08:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(runs.flatMap((r) => r.done)).toEqual([postcardJobKey(participantId)]);

		const mine = received.filter((m) => m.to.includes('ada.trainee@northfield.example'));
		expect(mine).toHaveLength(1);
		expect(received).toHaveLength(1);
		const mail = decoded(mine[0]!);
		expect(mail.subject).toBe('Your promise postcard from Leading with purpose');
		expect(mail.text).toContain(promises.promiseToMyself);
		expect(mail.text).toContain(promises.promiseToMySchool);
		expect(mail.text).toContain('Monday 5 July 2027');
		expect(mail.text).toContain(`${BASE_URL}/workbook/${participantId}/postcard`);
		expect(mail.text).toContain('Hello Ada Trainee');

		const [row] = await handle.db
			.select()
			.from(promisePostcards)
			.where(eq(promisePostcards.participantId, participantId));
		expect(row?.remindedAt?.toISOString()).toBe(due.toISOString());
		const after = await postcardPage(actor, participantId, due);
		expect(after.reminder?.state).toBe('sent');
		expect(after.mayReview).toBe(true);

		// Saving the postcard again (a typo fixed) with the same reminder date sends nothing more.
		await savePostcard(
			actor,
			participantId,
			{ ...promises, promiseToMyself: `${promises.promiseToMyself}!`, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
			'r2',
			new Date('2027-02-20T10:00:00Z')
		);
		await runDueJobs(new Date('2027-03-01T08:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(1);
		expect((await postcardPage(actor, participantId, new Date('2027-03-01T08:00:00Z'))).reminder?.state).toBe('sent');

		// A new reminder date is a new reminder, sent once on that date.
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-04-01' },
			'r3',
			new Date('2027-03-01T10:00:00Z')
		);
		expect((await postcardPage(actor, participantId, new Date('2027-03-01T10:00:00Z'))).reminder?.state).toBe(
			'scheduled'
		);
		// 1 April is summer time: 08:00 BST is 07:00 UTC.
		await runDueJobs(new Date('2027-04-01T06:59:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(1);
		await runDueJobs(new Date('2027-04-01T07:00:00Z'), JOB_HANDLERS, { log: quiet });
		await runDueJobs(new Date('2027-04-02T07:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(2);
	});

	it('moves the reminder when the date is changed before it is sent, in the same transaction as the postcard', async () => {
		received.length = 0;
		const { actor, participantId } = await trainee('ben.trainee@northfield.example', 'Ben Trainee');
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-01' },
			'r1',
			WRITTEN
		);
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-03-01' },
			'r2',
			WRITTEN
		);
		const jobs = await handle.db
			.select()
			.from(scheduledJobs)
			.where(eq(scheduledJobs.key, postcardJobKey(participantId)));
		expect(jobs).toHaveLength(1);
		expect(jobs[0]?.runAt.toISOString()).toBe('2027-03-01T08:00:00.000Z');
		await runDueJobs(new Date('2027-02-01T09:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(0);
		await runDueJobs(new Date('2027-03-01T09:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received.map((m) => m.to)).toEqual([['ben.trainee@northfield.example']]);
		const audit = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, participantId), eq(auditEvents.action, 'workbook.postcard-changed')));
		expect(audit).toHaveLength(1);
		// The audit trail has the dates, never the promises.
		expect(JSON.stringify(audit)).not.toContain('employer I meet');
	});

	it('sends nothing once the participant deletes the postcard, and only they may delete it', async () => {
		received.length = 0;
		const { actor, participantId } = await trainee('gil.trainee@northfield.example', 'Gil Trainee');
		const { actor: someoneElse } = await trainee('hal.trainee@northfield.example', 'Hal Trainee');
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
			'r1',
			WRITTEN
		);
		await expect(deletePostcard(someoneElse, participantId)).rejects.toThrow(NotFoundError);
		expect((await postcardPage(actor, participantId, WRITTEN)).postcard).not.toBeNull();

		await deletePostcard(actor, participantId, 'r2');
		const page = await postcardPage(actor, participantId, WRITTEN);
		expect(page.postcard).toBeNull();
		expect(page.reminder).toBeNull();
		const jobs = await handle.db
			.select()
			.from(scheduledJobs)
			.where(eq(scheduledJobs.key, postcardJobKey(participantId)));
		expect(jobs).toEqual([]);
		await runDueJobs(new Date('2027-02-15T09:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(0);
		await expect(deletePostcard(actor, participantId)).rejects.toThrow(NotFoundError);
		const audit = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, participantId), eq(auditEvents.action, 'workbook.postcard-deleted')));
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit)).not.toContain('employer I meet');
	});

	it('records a refused send as not sent, never retries it by itself, and sends it when the person asks', async () => {
		received.length = 0;
		const { actor, participantId } = await trainee('cat.trainee@northfield.example', 'Cat Trainee');
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
			'r1',
			WRITTEN
		);
		refuse = true;
		const due = new Date('2027-02-15T08:01:00Z');
		const run = await runDueJobs(due, JOB_HANDLERS, { log: quiet });
		expect(run.failed).toHaveLength(1);
		expect(run.failed[0]?.failure).toContain('Could not send the email to cat.trainee@northfield.example');
		refuse = false;
		await runDueJobs(new Date('2027-02-16T08:00:00Z'), JOB_HANDLERS, { log: quiet });
		expect(received).toHaveLength(0);
		const page = await postcardPage(actor, participantId, new Date('2027-02-16T08:00:00Z'));
		expect(page.reminder?.state).toBe('failed');
		expect(page.reminder?.mayRunAgain).toBe(true);

		const again = await sendPostcardAgain(actor, participantId, 'r2', new Date('2027-02-16T09:00:00Z'));
		expect(again.failure).toBeNull();
		expect(received.map((m) => m.to)).toEqual([['cat.trainee@northfield.example']]);
		expect((await postcardPage(actor, participantId, new Date('2027-02-16T09:00:00Z'))).reminder?.state).toBe('sent');
		// Sent: nothing to send again.
		expect(
			await validationFields(sendPostcardAgain(actor, participantId, 'r3', new Date('2027-02-16T10:00:00Z')))
		).toHaveProperty('send');
		expect(received).toHaveLength(1);
	});
});

describe('writing the postcard', () => {
	it('checks the promises and the dates', async () => {
		const { actor, participantId } = await trainee('dan.trainee@northfield.example', 'Dan Trainee');
		expect(Object.keys(await validationFields(savePostcard(actor, participantId, {}, 'r', WRITTEN))).sort()).toEqual([
			'achieveBy',
			'promiseToMySchool',
			'promiseToMyself',
			'remindOn'
		]);
		const past = await validationFields(
			savePostcard(actor, participantId, { ...promises, achieveBy: '2027-07-05', remindOn: '2026-10-13' }, 'r', WRITTEN)
		);
		expect(past.remindOn).toBe('The date we email the postcard back must be today (14 October 2026) or later');
		const afterAchieve = await validationFields(
			savePostcard(actor, participantId, { ...promises, achieveBy: '2027-01-31', remindOn: '2027-02-15' }, 'r', WRITTEN)
		);
		expect(afterAchieve.remindOn).toContain(
			'on or before the date you will achieve your promises by (31 January 2027)'
		);
		const notDates = await validationFields(
			savePostcard(actor, participantId, { ...promises, achieveBy: '2027-02-30', remindOn: 'soon' }, 'r', WRITTEN)
		);
		expect(Object.keys(notDates).sort()).toEqual(['achieveBy', 'remindOn']);
		const jobs = await handle.db
			.select()
			.from(scheduledJobs)
			.where(eq(scheduledJobs.key, postcardJobKey(participantId)));
		expect(jobs).toHaveLength(0);

		// Today is allowed; the page suggests February and July.
		const page = await postcardPage(actor, participantId, WRITTEN);
		expect(page.suggested).toEqual({ remindOn: '2027-02-01', achieveBy: '2027-07-05' });
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2026-10-14', remindOn: '2026-10-14' },
			'r',
			WRITTEN
		);
	});

	it('is only ever the participant’s own', async () => {
		const { participantId } = await trainee('eve.trainee@northfield.example', 'Eve Trainee');
		const { actor: someoneElse } = await trainee('fay.trainee@northfield.example', 'Fay Trainee');
		await expect(postcardPage(someoneElse, participantId, WRITTEN)).rejects.toThrow(NotFoundError);
		await expect(
			savePostcard(
				someoneElse,
				participantId,
				{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
				'r',
				WRITTEN
			)
		).rejects.toThrow(NotFoundError);
		await expect(sendPostcardAgain(someoneElse, participantId, 'r', WRITTEN)).rejects.toThrow(NotFoundError);
	});

	it('records how far they got, once the postcard came back or the achieve-by date came', async () => {
		const { actor, participantId } = await trainee('gus.trainee@northfield.example', 'Gus Trainee');
		await savePostcard(
			actor,
			participantId,
			{ ...promises, achieveBy: '2027-07-05', remindOn: '2027-02-15' },
			'r',
			WRITTEN
		);
		const early = await validationFields(
			reviewPostcard(actor, participantId, { progress: 'some-way' }, 'r', new Date('2026-12-01T10:00:00Z'))
		);
		expect(early.progress).toContain('once the postcard has come back to you');
		const july = new Date('2027-07-06T10:00:00Z');
		expect(await validationFields(reviewPostcard(actor, participantId, { progress: 'maybe' }, 'r', july))).toEqual({
			progress: 'Choose how far you got with your promises'
		});
		const card = await reviewPostcard(
			actor,
			participantId,
			{ progress: 'some-way', note: 'Three lessons linked; the visitor comes in September.' },
			'r',
			july
		);
		expect(card.review).toMatchObject({ progress: 'some-way', progressLabel: 'Some of the way' });
		expect((await postcardPage(actor, participantId, july)).postcard?.review?.note).toBe(
			'Three lessons linked; the visitor comes in September.'
		);
	});
});
