/**
 * The scheduler (src/lib/server/jobs/scheduler.ts) on the real database (PGlite, and Postgres when
 * DATABASE_URL is set): a due job runs once, however many schedulers look for it at once; a job
 * claimed before a crash is never run again by itself; a job due while the server was stopped runs
 * when it starts; rescheduling moves a job not yet run, and never re-arms one that ran unless asked
 * for at a new time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase, type TestDatabaseHandle } from '../support/database.ts';
import { closeDatabase, connect, useDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { scheduledJobs } from '../../src/lib/server/db/schema/index.ts';
import {
	jobByKey,
	runAgain,
	runDueJobs,
	scheduleJob,
	schedulerRunning,
	startScheduler,
	stopScheduler,
	unfinishedJobs,
	type JobHandler,
	type ScheduledJob
} from '../../src/lib/server/jobs/scheduler.ts';
import { jobState } from '../../src/lib/domain/reminders.ts';

let handle: TestDatabaseHandle;
const quiet = () => {};

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
});

afterAll(async () => {
	await stopScheduler();
	await closeDatabase();
});

/** A handler that counts what it ran, taking a little time as sending an email does. */
function counting(delayMs = 0): { handler: JobHandler; runs: string[] } {
	const runs: string[] = [];
	return {
		runs,
		handler: async (job) => {
			runs.push(job.key);
			if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		}
	};
}

async function schedule(kind: string, key: string, runAt: Date, payload: string | null = null): Promise<string> {
	return handle.db.transaction((tx) => scheduleJob(tx, { kind, key, runAt, payload }));
}

async function job(key: string): Promise<ScheduledJob> {
	const found = await jobByKey(handle.db, key);
	if (!found) throw new Error(`no job ${key}`);
	return found;
}

const feb = new Date('2027-02-15T08:00:00Z');
const afterFeb = new Date('2027-02-15T08:00:30Z');

describe('a due job', () => {
	it('does not run before its time, runs once at it, and never again', async () => {
		const { handler, runs } = counting();
		await schedule('once', 'once:1', feb);
		expect(await runDueJobs(new Date('2027-02-15T07:59:59Z'), { once: handler }, { log: quiet })).toEqual({
			done: [],
			failed: []
		});
		expect(runs).toEqual([]);
		expect((await runDueJobs(afterFeb, { once: handler }, { log: quiet })).done).toEqual(['once:1']);
		expect((await runDueJobs(afterFeb, { once: handler }, { log: quiet })).done).toEqual([]);
		expect((await runDueJobs(new Date('2030-01-01T00:00:00Z'), { once: handler }, { log: quiet })).done).toEqual([]);
		expect(runs).toEqual(['once:1']);
		const done = await job('once:1');
		expect(done.startedAt?.toISOString()).toBe(afterFeb.toISOString());
		expect(done.finishedAt?.toISOString()).toBe(afterFeb.toISOString());
		expect(done.failure).toBeNull();
		expect(jobState(done, afterFeb)).toBe('done');
	});

	it('is run by exactly one of several schedulers looking at the same moment', async () => {
		const { handler, runs } = counting(20);
		const keys = Array.from({ length: 6 }, (_, i) => `together:${i}`);
		for (const [i, key] of keys.entries()) await schedule('together', key, new Date(feb.getTime() + i * 1000));
		const handlers = { together: handler };
		const results = await Promise.all(
			[1, 2, 3, 4].map(() => runDueJobs(new Date('2027-02-16T00:00:00Z'), handlers, { log: quiet }))
		);
		expect(runs.toSorted()).toEqual(keys.toSorted());
		expect(results.flatMap((r) => r.done).toSorted()).toEqual(keys.toSorted());
	});

	it('is run once when two servers share one PostgreSQL database (separate connections)', async (context) => {
		if (!handle.databaseUrl) {
			context.skip('PGlite is one process with one connection: covered by the test above');
			return;
		}
		const other: DatabaseHandle = await connect({ databaseUrl: handle.databaseUrl, command: 'second server' });
		try {
			const { handler, runs } = counting(20);
			const keys = Array.from({ length: 8 }, (_, i) => `servers:${i}`);
			for (const key of keys) await schedule('servers', key, feb);
			const handlers = { servers: handler };
			const now = new Date('2027-02-16T00:00:00Z');
			await Promise.all([
				runDueJobs(now, handlers, { log: quiet }),
				runDueJobs(now, handlers, { log: quiet, db: other.db }),
				runDueJobs(now, handlers, { log: quiet }),
				runDueJobs(now, handlers, { log: quiet, db: other.db })
			]);
			expect(runs.toSorted()).toEqual(keys.toSorted());
		} finally {
			await other.close();
		}
	});

	it('is only claimed by a scheduler that knows its kind', async () => {
		const { handler, runs } = counting();
		await schedule('unknown-kind', 'unknown-kind:1', feb);
		await runDueJobs(afterFeb, { 'another-kind': handler }, { log: quiet });
		expect(runs).toEqual([]);
		expect((await job('unknown-kind:1')).startedAt).toBeNull();
	});
});

describe('a failure', () => {
	it('is recorded, not retried by itself, and run again only when a person asks', async () => {
		let attempts = 0;
		const flaky: JobHandler = async () => {
			attempts++;
			if (attempts === 1) throw new Error('Could not send the email: connection refused');
		};
		const lines: string[] = [];
		await schedule('flaky', 'flaky:1', feb);
		const first = await runDueJobs(afterFeb, { flaky }, { log: (l) => lines.push(l) });
		expect(first.failed).toEqual([{ key: 'flaky:1', failure: 'Could not send the email: connection refused' }]);
		expect(lines.join('\n')).toContain('flaky:1 failed');
		expect(jobState(await job('flaky:1'), afterFeb)).toBe('failed');
		await runDueJobs(new Date('2027-03-01T00:00:00Z'), { flaky }, { log: quiet });
		expect(attempts).toBe(1);

		const asked = new Date('2027-02-15T09:00:00Z');
		expect(await handle.db.transaction((tx) => runAgain(tx, 'flaky:1', asked, asked))).toBe(true);
		expect((await runDueJobs(asked, { flaky }, { log: quiet, key: 'flaky:1' })).done).toEqual(['flaky:1']);
		expect(attempts).toBe(2);
		// Done now: asking again changes nothing.
		expect(await handle.db.transaction((tx) => runAgain(tx, 'flaky:1', asked, asked))).toBe(false);
		await runDueJobs(new Date('2027-03-01T00:00:00Z'), { flaky }, { log: quiet });
		expect(attempts).toBe(2);
	});
});

describe('a crash between claiming a job and finishing it', () => {
	it('leaves the job claimed and unfinished: a restarted scheduler reports it and never runs it again', async () => {
		// The first server claims the job and stops while "sending": the handler never returns.
		let started: () => void = () => {};
		const claimed = new Promise<void>((resolve) => (started = resolve));
		const stuck: JobHandler = () => {
			started();
			return new Promise(() => {});
		};
		await schedule('crash', 'crash:1', feb);
		void runDueJobs(afterFeb, { crash: stuck }, { log: quiet });
		await claimed;

		const inDoubt = await job('crash:1');
		expect(inDoubt.startedAt).not.toBeNull();
		expect(inDoubt.finishedAt).toBeNull();
		expect(jobState(inDoubt, new Date('2027-02-15T09:00:00Z'))).toBe('unknown');

		// "Restart": a new scheduler run, and the scheduler starting up.
		const { handler, runs } = counting();
		expect((await runDueJobs(new Date('2027-02-16T00:00:00Z'), { crash: handler }, { log: quiet })).done).toEqual([]);
		const lines: string[] = [];
		startScheduler({ handlers: { crash: handler }, intervalMs: 3_600_000, log: (l) => lines.push(l) });
		await stopScheduler();
		expect(runs).toEqual([]);
		expect(lines.join('\n')).toMatch(/crash:1 was started at .* and never finished/);
		expect((await unfinishedJobs()).map((j) => j.key)).toContain('crash:1');

		// Saving the same reminder again does not re-arm it either.
		expect(await schedule('crash', 'crash:1', feb)).toBe('keep');
		await runDueJobs(new Date('2027-02-16T00:00:00Z'), { crash: handler }, { log: quiet });
		expect(runs).toEqual([]);
	});
});

describe('starting the scheduler', () => {
	it('runs a job that fell due while the server was stopped, at once', async () => {
		const { handler, runs } = counting();
		await schedule('missed', 'missed:1', new Date(Date.now() - 3 * 86_400_000));
		await schedule('missed', 'missed:later', new Date(Date.now() + 86_400_000));
		// A long interval: only the run at start can send it.
		startScheduler({ handlers: { missed: handler }, intervalMs: 3_600_000, log: quiet });
		expect(schedulerRunning()).toBe(true);
		for (let i = 0; i < 100 && runs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		await stopScheduler();
		expect(schedulerRunning()).toBe(false);
		expect(runs).toEqual(['missed:1']);
		expect((await job('missed:1')).finishedAt).not.toBeNull();
		expect((await job('missed:later')).startedAt).toBeNull();
	});

	it('keeps polling every interval', async () => {
		const { handler, runs } = counting();
		startScheduler({ handlers: { polled: handler }, intervalMs: 50, log: quiet });
		await new Promise((resolve) => setTimeout(resolve, 100));
		await schedule('polled', 'polled:1', new Date(Date.now() - 1000));
		for (let i = 0; i < 100 && runs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		await stopScheduler();
		expect(runs).toEqual(['polled:1']);
	});

	it('does the work after the jobs even in a minute whose jobs failed, and says what failed', async () => {
		// The job's own record cannot be written (as if the database went away mid-run): the run fails.
		const unrecordable: JobHandler = async () => async () => {
			throw new Error('the connection was lost');
		};
		await schedule('unrecordable', 'unrecordable:1', new Date(Date.now() - 1000));
		const lines: string[] = [];
		let ticks = 0;
		startScheduler({
			handlers: { unrecordable },
			intervalMs: 3_600_000,
			log: (l) => lines.push(l),
			eachTick: async () => {
				ticks++;
			}
		});
		for (let i = 0; i < 100 && ticks === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		await stopScheduler();
		expect(ticks).toBe(1);
		expect(lines.join('\n')).toMatch(/could not run scheduled jobs: .*the connection was lost/);
	});
});

describe('rescheduling', () => {
	const march = new Date('2027-03-01T08:00:00Z');

	it('moves a job not yet run: nothing at the old time, once at the new one', async () => {
		const { handler, runs } = counting();
		expect(await schedule('moved', 'moved:1', feb, 'first')).toBe('insert');
		expect(await schedule('moved', 'moved:1', march, 'second')).toBe('move');
		const rows = await handle.db.select().from(scheduledJobs).where(eq(scheduledJobs.key, 'moved:1'));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.payload).toBe('second');
		await runDueJobs(afterFeb, { moved: handler }, { log: quiet });
		expect(runs).toEqual([]);
		await runDueJobs(march, { moved: handler }, { log: quiet });
		expect(runs).toEqual(['moved:1']);
	});

	it('keeps a job that ran when asked for at the same time, and arms a fresh one for a new time', async () => {
		const { handler, runs } = counting();
		await schedule('again', 'again:1', feb);
		await runDueJobs(afterFeb, { again: handler }, { log: quiet });
		const ran = await job('again:1');
		expect(await schedule('again', 'again:1', feb)).toBe('keep');
		await runDueJobs(march, { again: handler }, { log: quiet });
		expect(runs).toEqual(['again:1']);

		expect(await schedule('again', 'again:1', march)).toBe('replace');
		const fresh = await job('again:1');
		expect(fresh.id).not.toBe(ran.id);
		expect(fresh.startedAt).toBeNull();
		await runDueJobs(march, { again: handler }, { log: quiet });
		await runDueJobs(march, { again: handler }, { log: quiet });
		expect(runs).toEqual(['again:1', 'again:1']);
	});
});
