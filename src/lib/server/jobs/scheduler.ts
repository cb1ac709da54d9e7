/**
 * Scheduled jobs kept in the database (scheduled_jobs), so they survive restarts: "send this postcard
 * back at 08:00 on 15 February". Generic: each kind of job has a handler (./handlers.ts); the promise
 * postcard is the first kind.
 *
 * At most once (docs/decisions.md, "Scheduled jobs run at most once"):
 * 1. A job is CLAIMED — started_at set — in its own committed statement, before any work is done. The
 *    claim picks one due, unclaimed job with `for update skip locked`, so two schedulers (two server
 *    processes on one PostgreSQL, or two overlapping runs in one process) never claim the same job.
 * 2. The handler runs outside any transaction (it sends email).
 * 3. The outcome is recorded: finished_at, or finished_at + failure when the handler threw. A handler
 *    that throws has NOT done the work (sendMail threw: the message was not accepted), so a person may
 *    ask for it again (`runAgain`). Nothing is retried by itself.
 * A job claimed but never finished (the server stopped between 1 and 3) is left alone: we cannot know
 * whether the email went, and sending it again could send it twice. It is logged at start and shown to
 * the person as "may not have been sent", who can ask for it again after checking.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { db as processDb, type Db, type Queryable, type Tx } from '../db/client.ts';
import { scheduledJobs } from '../db/schema/index.ts';
import { scheduleDecision, type ScheduleDecision } from '../../domain/reminders.ts';

export type ScheduledJob = typeof scheduledJobs.$inferSelect;

/**
 * Does the job's work, outside any transaction. Throw when the work was NOT done (it is recorded as
 * failed, and a person may ask again). May return a function to record what was done: it runs in the
 * same transaction that marks the job finished (e.g. "reminded at").
 */
export type JobHandler = (job: ScheduledJob, now: Date) => Promise<void | ((tx: Tx, now: Date) => Promise<void>)>;
export type JobHandlers = Record<string, JobHandler>;

export type NewJob = {
	kind: string;
	/** One job per thing, e.g. 'postcard-reminder:<participant id>'. */
	key: string;
	runAt: Date;
	payload?: string | null;
};

/**
 * Schedules a job, or reschedules the one with this key, inside the caller's transaction (so the job
 * exists exactly when the change that asked for it is committed). See `scheduleDecision`: a job not yet
 * claimed moves; a claimed one (sent, failed, or in doubt) stays as it is unless a different time is
 * asked for, when it is replaced by a fresh job with a new id.
 */
export async function scheduleJob(tx: Queryable, job: NewJob): Promise<ScheduleDecision> {
	const payload = job.payload ?? null;
	for (let attempt = 0; ; attempt++) {
		// Locks the row: a scheduler claiming it at this moment waits for us, or has claimed it already.
		const [existing] = await tx.select().from(scheduledJobs).where(eq(scheduledJobs.key, job.key)).for('update');
		const decision = scheduleDecision(existing ?? null, job.runAt);
		if (decision === 'insert') {
			const inserted = await tx
				.insert(scheduledJobs)
				.values({ kind: job.kind, key: job.key, runAt: job.runAt, payload })
				.onConflictDoNothing({ target: scheduledJobs.key })
				.returning({ id: scheduledJobs.id });
			// Someone else inserted the same key between our read and our insert: decide again.
			if (inserted.length || attempt > 0) return decision;
			continue;
		}
		if (!existing || decision === 'keep') return decision;
		if (decision === 'move') {
			await tx
				.update(scheduledJobs)
				.set({ kind: job.kind, runAt: job.runAt, payload })
				.where(and(eq(scheduledJobs.id, existing.id), isNull(scheduledJobs.startedAt)));
			return decision;
		}
		// replace: a new row, so the old run's outcome (if it is still under way) cannot land on it.
		await tx.delete(scheduledJobs).where(eq(scheduledJobs.id, existing.id));
		await tx.insert(scheduledJobs).values({ kind: job.kind, key: job.key, runAt: job.runAt, payload });
		return decision;
	}
}

/** Removes a job that has not been claimed (e.g. its reason went away). A claimed job stays as a record. */
export async function cancelJob(tx: Queryable, key: string): Promise<boolean> {
	const deleted = await tx
		.delete(scheduledJobs)
		.where(and(eq(scheduledJobs.key, key), isNull(scheduledJobs.startedAt)))
		.returning({ id: scheduledJobs.id });
	return deleted.length > 0;
}

export async function jobByKey(q: Queryable, key: string): Promise<ScheduledJob | null> {
	const [job] = await q.select().from(scheduledJobs).where(eq(scheduledJobs.key, key));
	return job ?? null;
}

/**
 * A person asks for a job that failed, or that may not have run, to run again now. Only such a job is
 * re-armed (the condition is in the update itself, so a job that succeeded meanwhile is left alone).
 * Returns whether it was re-armed.
 */
export async function runAgain(tx: Queryable, key: string, now: Date, unknownBefore: Date): Promise<boolean> {
	const rearmed = await tx
		.update(scheduledJobs)
		.set({ runAt: now, startedAt: null, finishedAt: null, failure: null })
		.where(
			and(
				eq(scheduledJobs.key, key),
				isNotNull(scheduledJobs.startedAt),
				sql`(${scheduledJobs.failure} is not null or (${scheduledJobs.finishedAt} is null and ${scheduledJobs.startedAt} <= ${unknownBefore}))`
			)
		)
		.returning({ id: scheduledJobs.id });
	return rearmed.length > 0;
}

/**
 * Claims the next due job of a kind we can run (or the one with `key`), in one statement committed on
 * its own: after this, no scheduler will ever claim it again, whatever happens next.
 */
async function claimNextJob(q: Db, now: Date, kinds: string[], key?: string): Promise<ScheduledJob | undefined> {
	const next = q
		.select({ id: scheduledJobs.id })
		.from(scheduledJobs)
		.where(
			and(
				isNull(scheduledJobs.startedAt),
				lte(scheduledJobs.runAt, now),
				inArray(scheduledJobs.kind, kinds),
				key === undefined ? undefined : eq(scheduledJobs.key, key)
			)
		)
		.orderBy(asc(scheduledJobs.runAt), asc(scheduledJobs.id))
		.limit(1)
		.for('update', { skipLocked: true });
	const [claimed] = await q
		.update(scheduledJobs)
		.set({ startedAt: now })
		.where(and(inArray(scheduledJobs.id, next), isNull(scheduledJobs.startedAt)))
		.returning();
	return claimed;
}

export type RunResult = {
	/** Keys of the jobs that ran and finished. */
	done: string[];
	/** Jobs whose handler threw: not done; a person may ask again. */
	failed: { key: string; failure: string }[];
};

export type RunOptions = {
	/** The database (default: the process's). Tests pass a second connection to act as another server. */
	db?: Db;
	/** Only this job (a person's "Send again"). */
	key?: string;
	log?: (line: string) => void;
};

function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.slice(0, 2000) || 'Failed without saying why.';
}

/**
 * Runs every job due at `now`, one at a time: claim (committed), work (no transaction), record. Safe to
 * call from several processes and several times at once: each job is claimed by exactly one call.
 */
export async function runDueJobs(now: Date, handlers: JobHandlers, options: RunOptions = {}): Promise<RunResult> {
	const q = options.db ?? processDb();
	const log = options.log ?? console.log;
	const kinds = Object.keys(handlers);
	const result: RunResult = { done: [], failed: [] };
	if (!kinds.length) return result;
	for (;;) {
		const job = await claimNextJob(q, now, kinds, options.key);
		if (!job) return result;
		const handler = handlers[job.kind];
		let record: Awaited<ReturnType<JobHandler>>;
		try {
			if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}.`);
			record = await handler(job, now);
		} catch (error) {
			const failure = describeError(error);
			await q
				.update(scheduledJobs)
				.set({ finishedAt: now, failure })
				.where(and(eq(scheduledJobs.id, job.id), isNull(scheduledJobs.finishedAt)));
			log(`Waymark: scheduled job ${job.key} failed and will not be retried unless someone asks: ${failure}`);
			result.failed.push({ key: job.key, failure });
			continue;
		}
		// If this transaction fails (the database went away), the job stays claimed and unfinished: "may
		// not have been sent", never sent again by itself.
		await q.transaction(async (tx) => {
			await tx
				.update(scheduledJobs)
				.set({ finishedAt: now, failure: null })
				.where(and(eq(scheduledJobs.id, job.id), isNull(scheduledJobs.finishedAt)));
			if (record) await record(tx, now);
		});
		result.done.push(job.key);
	}
}

/** Jobs claimed but not finished: still running somewhere, or in doubt after a stop mid-way. */
export async function unfinishedJobs(q: Queryable = processDb()): Promise<ScheduledJob[]> {
	return q
		.select()
		.from(scheduledJobs)
		.where(and(isNotNull(scheduledJobs.startedAt), isNull(scheduledJobs.finishedAt)))
		.orderBy(asc(scheduledJobs.startedAt));
}

type SchedulerState = { timer: NodeJS.Timeout; running: Promise<void> | null };
const STATE_KEY = Symbol.for('waymark.scheduler');
type GlobalWithScheduler = typeof globalThis & { [STATE_KEY]?: SchedulerState };

export type SchedulerOptions = {
	handlers: JobHandlers;
	/** How often to look for due jobs (default every minute). */
	intervalMs?: number;
	log?: (line: string) => void;
	/** Work to do on each tick after the due jobs, even when they fail (judging coverage figures ahead); its failure is logged. */
	eachTick?: () => Promise<void>;
};

/**
 * Starts looking for due jobs: once now (a reminder that fell due while the server was stopped goes
 * out as soon as it is back), then every `intervalMs`. One scheduler per process; the timer does not
 * keep the process alive. Reports jobs left in doubt by an earlier stop.
 */
export function startScheduler(options: SchedulerOptions): void {
	const g = globalThis as GlobalWithScheduler;
	if (g[STATE_KEY]) return;
	const log = options.log ?? console.log;
	const run = async () => {
		try {
			const r = await runDueJobs(new Date(), options.handlers, { log });
			if (r.done.length) log(`Waymark: ${r.done.length} scheduled job(s) done (${r.done.join(', ')}).`);
		} finally {
			// Even in a minute whose jobs failed (their error is logged below, after this).
			await options.eachTick?.().catch((error: unknown) => log(`Waymark: ${describeError(error)}`));
		}
	};
	const tick = () => {
		// Stopped, or the previous run is still sending.
		if (g[STATE_KEY] !== state || state.running) return;
		state.running = run()
			.catch((error: unknown) => log(`Waymark: could not run scheduled jobs: ${describeError(error)}`))
			.finally(() => {
				state.running = null;
			});
	};
	const state: SchedulerState = { timer: setInterval(tick, options.intervalMs ?? 60_000), running: null };
	state.timer.unref();
	g[STATE_KEY] = state;
	state.running = reportUnfinished(log)
		.catch((error: unknown) => log(`Waymark: could not check scheduled jobs: ${describeError(error)}`))
		.finally(() => {
			state.running = null;
			tick();
		});
}

async function reportUnfinished(log: (line: string) => void): Promise<void> {
	for (const job of await unfinishedJobs()) {
		log(
			`Waymark: scheduled job ${job.key} was started at ${job.startedAt?.toISOString()} and never finished. ` +
				'Unless another Waymark server is running it now, it may not have been done (the email may not have been sent). ' +
				'It will not be retried by itself; the person can ask for it again.'
		);
	}
}

/** Stops the scheduler and waits for a run under way to finish. */
export async function stopScheduler(): Promise<void> {
	const g = globalThis as GlobalWithScheduler;
	const state = g[STATE_KEY];
	if (!state) return;
	clearInterval(state.timer);
	g[STATE_KEY] = undefined;
	// The start-up check may hand over to a first run: wait for both.
	while (state.running) await state.running;
}

/** Whether this process runs a scheduler (for tests and the start-up log). */
export function schedulerRunning(): boolean {
	return Boolean((globalThis as GlobalWithScheduler)[STATE_KEY]);
}
