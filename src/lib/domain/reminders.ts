/**
 * Reminders and scheduled jobs, as pure rules (no I/O): when "08:00 in London on a date" is as an
 * instant, and what the scheduler may do with a job in each state. The scheduler
 * (src/lib/server/jobs/scheduler.ts) follows these decisions; docs/decisions.md explains why a job runs
 * at most once.
 *
 * London time: GMT (UTC+0) in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March until
 * 01:00 UTC on the last Sunday of October (the rule in force since 1996). Computed here rather than
 * through Intl so that it is exact, fast and needs no time-zone data; the unit tests check it against
 * Intl for every day of ten years.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The day of March or October (UTC) on which the clocks change in `year`: its last Sunday. */
function lastSunday(year: number, monthIndex: number): number {
	const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
	return lastDay.getUTCDate() - lastDay.getUTCDay();
}

/** When British Summer Time starts and ends in `year`, as UTC milliseconds (both at 01:00 UTC). */
export function summerTime(year: number): { starts: number; ends: number } {
	return {
		starts: Date.UTC(year, 2, lastSunday(year, 2), 1),
		ends: Date.UTC(year, 9, lastSunday(year, 9), 1)
	};
}

/** London's offset from UTC at an instant, in minutes: 0 (GMT) or 60 (BST). */
export function londonOffsetMinutes(instant: Date): number {
	const t = instant.getTime();
	if (Number.isNaN(t)) throw new RangeError('Invalid date');
	const { starts, ends } = summerTime(instant.getUTCFullYear());
	return t >= starts && t < ends ? 60 : 0;
}

function parseDate(iso: string): { year: number; month: number; day: number } {
	const match = ISO_DATE.exec(iso);
	if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): "${iso}"`);
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		throw new RangeError(`Not a calendar date: "${iso}"`);
	}
	return { year, month, day };
}

/**
 * The instant of `hour`:`minute` London time on the date `remindOn` (YYYY-MM-DD): 08:00 by default,
 * when people start their day. A time the spring change skips (01:00–01:59 on the last Sunday of
 * March) is read as the same time after it (an hour later on the clock); a time the autumn change
 * repeats (01:00–01:59 on the last Sunday of October) is its first occurrence, in summer time.
 */
export function reminderInstant(remindOn: string, hour = 8, minute = 0): Date {
	if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Not an hour of the day: ${hour}`);
	if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`Not a minute: ${minute}`);
	const { year, month, day } = parseDate(remindOn);
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	// Read as summer time: right if London is on summer time at that instant (in the repeated autumn
	// hour this is the first occurrence). Otherwise read as winter time (UTC), which is also what the
	// hour the spring change skips becomes: 01:30 "GMT" is 02:30 BST, the same minutes past.
	const summer = asUtc - HOUR;
	return new Date(londonOffsetMinutes(new Date(summer)) === 60 ? summer : asUtc);
}

/** A scheduled job as the rules see it (the scheduled_jobs row's times). */
export type JobTimes = {
	runAt: Date;
	/** Set when a scheduler claimed the job, BEFORE it did the work: the job never runs again. */
	startedAt: Date | null;
	finishedAt: Date | null;
	/** Why it failed, when it did: nothing was sent (a failed send is definitely not sent). */
	failure: string | null;
};

/** Due: not yet claimed and its time has come. A claimed job is never due again. */
export function isDue(job: JobTimes, now: Date): boolean {
	return job.startedAt === null && job.runAt.getTime() <= now.getTime();
}

/**
 * How long a claimed job may take before we say we cannot tell whether it ran: the server stopped (or
 * crashed) between claiming it and recording the outcome. Sending one email takes seconds.
 */
export const UNKNOWN_AFTER_MINUTES = 10;

/**
 * - scheduled: waiting for its time; due: its time has come, the scheduler will run it within a minute;
 * - running: claimed moments ago, the work is under way;
 * - done: ran and finished; failed: ran and failed, so it did not happen (a person may ask again);
 * - unknown: claimed but never finished, long ago: it may or may not have happened. Never retried
 *   by itself (that could send twice); a person who has checked may ask again.
 */
export type JobState = 'scheduled' | 'due' | 'running' | 'done' | 'failed' | 'unknown';

export function jobState(job: JobTimes, now: Date): JobState {
	if (job.startedAt === null) return isDue(job, now) ? 'due' : 'scheduled';
	if (job.finishedAt !== null) return job.failure === null ? 'done' : 'failed';
	return now.getTime() - job.startedAt.getTime() >= UNKNOWN_AFTER_MINUTES * MINUTE ? 'unknown' : 'running';
}

/** Whether a person may ask for the job to run again: only when it surely did not, or may not have, run. */
export function mayRunAgain(job: JobTimes, now: Date): boolean {
	const state = jobState(job, now);
	return state === 'failed' || state === 'unknown';
}

/**
 * What scheduling a job under a key that may already exist does (scheduleJob):
 * - insert: no job with this key yet;
 * - move: the job has not been claimed: it now runs at the new time (and with the new payload);
 * - keep: the job was claimed (it ran, or is running, or failed) and is asked for at the SAME time:
 *   nothing changes, so saving a form again never sends twice;
 * - replace: the job was claimed and is asked for at a DIFFERENT time (the person chose a new reminder
 *   date): the old job is removed and a fresh one made, with a new id, so the outcome of the old run
 *   can never be written onto the new one.
 */
export type ScheduleDecision = 'insert' | 'move' | 'keep' | 'replace';

export function scheduleDecision(
	existing: Pick<JobTimes, 'runAt' | 'startedAt'> | null,
	runAt: Date
): ScheduleDecision {
	if (!existing) return 'insert';
	if (existing.startedAt === null) return 'move';
	return existing.runAt.getTime() === runAt.getTime() ? 'keep' : 'replace';
}

function addDays(iso: string, days: number): string {
	const { year, month, day } = parseDate(iso);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The first Monday of a month, YYYY-MM-DD. */
export function firstMonday(year: number, month: number): string {
	const first = new Date(Date.UTC(year, month - 1, 1));
	const offset = (8 - first.getUTCDay()) % 7;
	return addDays(first.toISOString().slice(0, 10), offset);
}

/**
 * The dates seed 002 suggests for a promise postcard written on `today`: the postcard comes back in
 * February and the promises are kept by July. The first Monday of the next February after today,
 * and the first Monday of the July after that.
 */
export function suggestedPostcardDates(today: string): { remindOn: string; achieveBy: string } {
	const { year } = parseDate(today);
	let remindOn = firstMonday(year, 2);
	if (remindOn <= today) remindOn = firstMonday(year + 1, 2);
	const achieveBy = firstMonday(Number(remindOn.slice(0, 4)), 7);
	return { remindOn, achieveBy };
}
