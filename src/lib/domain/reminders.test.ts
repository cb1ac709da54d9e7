import { describe, expect, it } from 'vitest';
import {
	firstMonday,
	isDue,
	jobState,
	londonOffsetMinutes,
	mayRunAgain,
	reminderInstant,
	scheduleDecision,
	suggestedPostcardDates,
	summerTime,
	UNKNOWN_AFTER_MINUTES,
	type JobTimes
} from './reminders.ts';

const at = (iso: string) => new Date(iso);

describe('reminderInstant: 08:00 in London on a date, as a UTC instant', () => {
	// 2026: summer time from Sunday 29 March, back to winter time on Sunday 25 October.
	// 2027: Sunday 28 March and Sunday 31 October.
	it.each([
		['2026-01-15', '2026-01-15T08:00:00.000Z', 'winter: GMT'],
		['2026-03-28', '2026-03-28T08:00:00.000Z', 'Saturday before the spring change: GMT'],
		['2026-03-29', '2026-03-29T07:00:00.000Z', 'the spring change day itself: 08:00 is already BST'],
		['2026-03-30', '2026-03-30T07:00:00.000Z', 'Monday after the spring change: BST'],
		['2026-07-01', '2026-07-01T07:00:00.000Z', 'summer: BST'],
		['2026-10-24', '2026-10-24T07:00:00.000Z', 'Saturday before the autumn change: BST'],
		['2026-10-25', '2026-10-25T08:00:00.000Z', 'the autumn change day itself: 08:00 is GMT again'],
		['2026-10-26', '2026-10-26T08:00:00.000Z', 'Monday after the autumn change: GMT'],
		['2027-02-15', '2027-02-15T08:00:00.000Z', 'a February reminder (seed 002): GMT'],
		['2027-03-27', '2027-03-27T08:00:00.000Z', '2027, Saturday before the spring change'],
		['2027-03-28', '2027-03-28T07:00:00.000Z', '2027 spring change day'],
		['2027-10-31', '2027-10-31T08:00:00.000Z', '2027 autumn change day'],
		['2027-10-30', '2027-10-30T07:00:00.000Z', '2027, Saturday before the autumn change'],
		['2028-02-29', '2028-02-29T08:00:00.000Z', 'a leap day'],
		['2026-12-31', '2026-12-31T08:00:00.000Z', 'New Year’s Eve']
	])('%s → %s (%s)', (date, expected) => {
		expect(reminderInstant(date).toISOString()).toBe(expected);
	});

	it('reads 08:00 on the wall clock in London whatever the season (cross-checked with Intl)', () => {
		const clock = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2034, 0, 1); t += 86_400_000) {
			const date = new Date(t).toISOString().slice(0, 10);
			const [y, m, d] = date.split('-');
			expect(clock.format(reminderInstant(date)), date).toBe(`${d}/${m}/${y}, 08:00`);
		}
	});

	it('agrees with Intl on the offset every half hour around both changes', () => {
		const offsetByIntl = (instant: Date) => {
			const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' })
				.formatToParts(instant)
				.find((p) => p.type === 'timeZoneName')?.value;
			return name === 'BST' ? 60 : 0;
		};
		for (const year of [2025, 2026, 2027, 2030]) {
			const { starts, ends } = summerTime(year);
			for (const edge of [starts, ends]) {
				for (let t = edge - 3 * 3_600_000; t <= edge + 3 * 3_600_000; t += 1_800_000) {
					expect(londonOffsetMinutes(new Date(t)), new Date(t).toISOString()).toBe(offsetByIntl(new Date(t)));
				}
			}
		}
	});

	it('takes another hour of the day when asked', () => {
		expect(reminderInstant('2026-06-01', 17).toISOString()).toBe('2026-06-01T16:00:00.000Z');
		expect(reminderInstant('2026-12-01', 0).toISOString()).toBe('2026-12-01T00:00:00.000Z');
		// Midnight at the start of a summer day is 23:00 UTC the day before.
		expect(reminderInstant('2026-06-01', 0).toISOString()).toBe('2026-05-31T23:00:00.000Z');
	});

	it('moves a time the spring change skips forward, and takes the first of the repeated autumn hour', () => {
		// 01:30 does not exist on 29 March 2026 (01:00 GMT → 02:00 BST): 02:30 BST = 01:30 UTC.
		expect(reminderInstant('2026-03-29', 1, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
		// 01:30 happens twice on 25 October 2026: first in BST (00:30 UTC).
		expect(reminderInstant('2026-10-25', 1, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});

	it('refuses what is not a date or an hour', () => {
		expect(() => reminderInstant('2026-02-30')).toThrow(RangeError);
		expect(() => reminderInstant('15/02/2027')).toThrow(RangeError);
		expect(() => reminderInstant('2026-02-10', 24)).toThrow(RangeError);
		expect(() => reminderInstant('2026-02-10', 8.5)).toThrow(RangeError);
	});
});

describe('jobs: due, state, running again', () => {
	const runAt = at('2027-02-15T08:00:00Z');
	const waiting: JobTimes = { runAt, startedAt: null, finishedAt: null, failure: null };

	it('is due from its time, and never once claimed', () => {
		expect(isDue(waiting, at('2027-02-15T07:59:59Z'))).toBe(false);
		expect(isDue(waiting, runAt)).toBe(true);
		expect(isDue(waiting, at('2027-03-01T00:00:00Z'))).toBe(true);
		const claimed = { ...waiting, startedAt: runAt };
		expect(isDue(claimed, at('2027-03-01T00:00:00Z'))).toBe(false);
		expect(isDue({ ...claimed, finishedAt: runAt }, at('2030-01-01T00:00:00Z'))).toBe(false);
	});

	it('names each state', () => {
		const started = at('2027-02-15T08:00:05Z');
		const soon = new Date(started.getTime() + 60_000);
		const later = new Date(started.getTime() + UNKNOWN_AFTER_MINUTES * 60_000);
		expect(jobState(waiting, at('2027-01-01T00:00:00Z'))).toBe('scheduled');
		expect(jobState(waiting, runAt)).toBe('due');
		expect(jobState({ ...waiting, startedAt: started }, soon)).toBe('running');
		expect(jobState({ ...waiting, startedAt: started }, later)).toBe('unknown');
		expect(jobState({ ...waiting, startedAt: started, finishedAt: soon }, later)).toBe('done');
		expect(jobState({ ...waiting, startedAt: started, finishedAt: soon, failure: 'SMTP said no' }, later)).toBe(
			'failed'
		);
	});

	it('lets a person run it again only when it did not, or may not have, run', () => {
		const started = at('2027-02-15T08:00:05Z');
		const later = at('2027-02-16T08:00:00Z');
		expect(mayRunAgain(waiting, later)).toBe(false);
		expect(mayRunAgain({ ...waiting, startedAt: started, finishedAt: started }, later)).toBe(false);
		expect(mayRunAgain({ ...waiting, startedAt: started }, new Date(started.getTime() + 1000))).toBe(false);
		expect(mayRunAgain({ ...waiting, startedAt: started }, later)).toBe(true);
		expect(mayRunAgain({ ...waiting, startedAt: started, finishedAt: started, failure: 'refused' }, later)).toBe(true);
	});
});

describe('scheduling again under the same key: never twice', () => {
	const feb = reminderInstant('2027-02-15');
	const march = reminderInstant('2027-03-01');

	it('inserts a new job, and moves one that has not been claimed', () => {
		expect(scheduleDecision(null, feb)).toBe('insert');
		expect(scheduleDecision({ runAt: feb, startedAt: null }, march)).toBe('move');
		expect(scheduleDecision({ runAt: feb, startedAt: null }, feb)).toBe('move');
	});

	it('keeps a claimed job asked for at the same time: saving the postcard again sends nothing', () => {
		expect(scheduleDecision({ runAt: feb, startedAt: feb }, reminderInstant('2027-02-15'))).toBe('keep');
	});

	it('replaces a claimed job only when a new time is chosen', () => {
		expect(scheduleDecision({ runAt: feb, startedAt: feb }, march)).toBe('replace');
	});
});

describe('the dates seed 002 suggests', () => {
	it('finds the first Monday of a month', () => {
		expect(firstMonday(2027, 2)).toBe('2027-02-01');
		expect(firstMonday(2026, 2)).toBe('2026-02-02');
		expect(firstMonday(2027, 7)).toBe('2027-07-05');
		expect(firstMonday(2026, 6)).toBe('2026-06-01');
	});

	it('suggests the next February for the postcard and the July after for the promises', () => {
		expect(suggestedPostcardDates('2026-10-01')).toEqual({ remindOn: '2027-02-01', achieveBy: '2027-07-05' });
		expect(suggestedPostcardDates('2027-01-10')).toEqual({ remindOn: '2027-02-01', achieveBy: '2027-07-05' });
		expect(suggestedPostcardDates('2027-02-01')).toEqual({ remindOn: '2028-02-07', achieveBy: '2028-07-03' });
		expect(suggestedPostcardDates('2027-05-20')).toEqual({ remindOn: '2028-02-07', achieveBy: '2028-07-03' });
	});
});
