/**
 * Personal guidance (Benchmark 8) and referrals, on the real database (PGlite, and Postgres when
 * DATABASE_URL is set): who sees a meeting and who its notes, the audit of every read of the notes, the
 * adviser rule, the level copied at the time, a referral closed by booking in one transaction, and the
 * spreadsheet import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	groupSchools,
	guidanceMeetings,
	memberships,
	organisations,
	pupils,
	referrals,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson, setAdviserLevel } from '../../src/lib/server/people/service.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError, type FieldError } from '../../src/lib/server/errors.ts';
import {
	closeReferral,
	closeReferralByBooking,
	getMeeting,
	listMeetings,
	markHeld,
	openReferralCount,
	openReferrals,
	recordMeeting,
	referPupil
} from '../../src/lib/server/guidance/service.ts';
import { guidanceImport } from '../../src/lib/server/guidance/import.ts';
import { academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const TODAY = todayInLondon();
const START = academicYearStart(TODAY);

function daysFromToday(n: number): string {
	const d = new Date(`${TODAY}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
const YESTERDAY = daysFromToday(-1);
const LAST_WEEK = daysFromToday(-7);
const TOMORROW = daysFromToday(1);
const ukDate = (iso: string) => iso.split('-').reverse().join('/');

async function count(table: typeof auditEvents | typeof guidanceMeetings | typeof referrals): Promise<number> {
	const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
	return row?.n ?? -1;
}

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

async function validationErrors(promise: Promise<unknown>): Promise<FieldError[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

let riverside: School;
let hillcrest: School;
let leader: Actor;
let adviser: Actor;
let assistant: Actor;
let teacher: Actor;
let tutor: Actor;
let governor: Actor;
let trustLead: Actor;
let otherLeader: Actor;
const ids: Record<string, string> = {};
const pupil: Record<string, { id: string; upn: string }> = {};

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const people: [string, string, string, string, string[], string[], number?][] = [
		['leader', 'leader@riverside.example', 'Ada Leader', '137501', ['careers-leader', 'teacher'], []],
		['adviser', 'adviser@riverside.example', 'Priya Adviser', '137501', ['careers-adviser'], [], 6],
		['assistant', 'assistant@riverside.example', 'Ash Assistant', '137501', ['careers-adviser'], [], 4],
		['teacher', 'teacher@riverside.example', 'Tom Teacher', '137501', ['teacher'], []],
		['tutor', 'tutor@riverside.example', 'Tia Tutor', '137501', ['teacher'], ['tutor']],
		['governor', 'governor@riverside.example', 'Gill Governor', '137501', ['link-governor'], []],
		['other', 'leader@hillcrest.example', 'Hal Leader', '137502', ['careers-leader'], []],
		['otherAdviser', 'adviser@hillcrest.example', 'Hana Adviser', '137502', ['careers-adviser'], [], 7]
	];
	for (const [key, email, name, schoolUrn, roles, tags, adviserLevel] of people) {
		const { userId } = await addPerson(system, {
			email,
			name,
			schoolUrn,
			roles,
			tags,
			adviserLevel,
			password: PASSWORD
		});
		ids[key] = userId;
	}
	// A trust lead: a group role on the trust, none in the school.
	const [trust] = await handle.db.insert(organisations).values({ kind: 'trust', name: 'River Trust' }).returning();
	await handle.db.insert(groupSchools).values({ groupId: trust!.id, schoolId: riverside.id });
	const [lead] = await handle.db
		.insert(users)
		.values({ email: 'lead@trust.example', name: 'Tess Trust', passwordHash: await hashPassword(PASSWORD) })
		.returning();
	await handle.db.insert(memberships).values({ userId: lead!.id, organisationId: trust!.id, roles: ['group-lead'] });

	const base = { dateOfBirth: '2010-01-01', legalForename: 'Zoë' };
	const made = await handle.db
		.insert(pupils)
		.values([
			{
				...base,
				schoolId: riverside.id,
				upn: makeUpn({ la: 201, establishment: 4001, yearOfIssue: 21, serial: '001' }),
				legalSurname: 'Ahmed',
				enteredYear7: START - 3
			},
			{
				...base,
				schoolId: riverside.id,
				upn: makeUpn({ la: 201, establishment: 4001, yearOfIssue: 21, serial: '002' }),
				legalSurname: 'Brown',
				enteredYear7: START - 3
			},
			{
				...base,
				schoolId: riverside.id,
				upn: makeUpn({ la: 201, establishment: 4001, yearOfIssue: 21, serial: '003' }),
				legalSurname: 'Chen',
				enteredYear7: START - 4
			},
			{
				...base,
				schoolId: riverside.id,
				upn: makeUpn({ la: 201, establishment: 4001, yearOfIssue: 21, serial: '004' }),
				legalSurname: 'Dube',
				enteredYear7: START - 4
			},
			{
				...base,
				schoolId: hillcrest.id,
				upn: makeUpn({ la: 202, establishment: 4002, yearOfIssue: 21, serial: '001' }),
				legalSurname: 'Elsewhere',
				enteredYear7: START - 4
			}
		])
		.returning();
	for (const [i, key] of ['ahmed', 'brown', 'chen', 'dube', 'hillcrest'].entries())
		pupil[key] = { id: made[i]!.id, upn: made[i]!.upn };

	leader = await signedIn('leader@riverside.example');
	adviser = await signedIn('adviser@riverside.example');
	assistant = await signedIn('assistant@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	tutor = await signedIn('tutor@riverside.example');
	governor = await signedIn('governor@riverside.example');
	trustLead = await signedIn('lead@trust.example');
	otherLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
});

describe('guidance meetings and their notes', () => {
	let meetingId: string;

	it('lets an adviser record a meeting, copying their level, without the notes in the audit trail', async () => {
		const auditBefore = await count(auditEvents);
		const { ids: made } = await recordMeeting(adviser, riverside, {
			upns: pupil.ahmed!.upn,
			date: ukDate(YESTERDAY),
			format: 'one-to-one',
			agreedActions: 'Look at engineering apprenticeships',
			notes: 'Worried about maths resit; talked through options at home'
		});
		expect(made).toHaveLength(1);
		meetingId = made[0]!;
		const [row] = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.id, meetingId));
		expect(row).toMatchObject({
			pupilId: pupil.ahmed!.id,
			date: YESTERDAY,
			adviserUserId: ids.adviser,
			adviserName: 'Priya Adviser',
			adviserLevel: 6,
			format: 'one-to-one',
			status: 'held',
			schoolId: riverside.id
		});
		expect(await count(auditEvents)).toBe(auditBefore + 1);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'guidance.meeting-recorded'), eq(auditEvents.recordId, meetingId)));
		expect(event?.summary).toBe(
			`Guidance meeting recorded: one-to-one with Zoë Ahmed on ${ukLong(YESTERDAY)}, adviser Priya Adviser (Level 6)`
		);
		expect(JSON.stringify(event)).not.toContain('maths resit');
	});

	it('shows a teacher that the meeting happened but not its notes, and writes no notes-viewed event', async () => {
		const before = await auditCount('guidance.notes.viewed');
		const seen = await getMeeting(teacher, riverside, meetingId);
		expect(seen.notesVisible).toBe(false);
		expect(seen.notes).toBeNull();
		expect(seen.agreedActions).toBe('Look at engineering apprenticeships');
		expect(seen.adviserName).toBe('Priya Adviser');
		expect(seen.format).toBe('one-to-one');
		expect(JSON.stringify(seen)).not.toContain('maths resit');
		expect(await auditCount('guidance.notes.viewed')).toBe(before);
		const listed = await listMeetings(teacher, riverside, {});
		expect(listed.meetings.map((m) => m.id)).toContain(meetingId);
		expect(JSON.stringify(listed)).not.toContain('maths resit');
	});

	it('shows an adviser and the careers leader the notes, writing guidance.notes.viewed on every view', async () => {
		const before = await auditCount('guidance.notes.viewed');
		const seen = await getMeeting(assistant, riverside, meetingId, 'req-notes-1');
		expect(seen.notesVisible).toBe(true);
		expect(seen.notes).toBe('Worried about maths resit; talked through options at home');
		await getMeeting(assistant, riverside, meetingId, 'req-notes-2');
		await getMeeting(leader, riverside, meetingId, 'req-notes-3');
		expect(await auditCount('guidance.notes.viewed')).toBe(before + 3);
		const events = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'guidance.notes.viewed'), eq(auditEvents.recordId, meetingId)))
			.orderBy(auditEvents.at);
		expect(events.map((e) => [e.actorUserId, e.requestId])).toEqual([
			[ids.assistant, 'req-notes-1'],
			[ids.assistant, 'req-notes-2'],
			[ids.leader, 'req-notes-3']
		]);
		expect(events[0]?.summary).toBe(
			`Viewed the notes of the guidance meeting with Zoë Ahmed (UPN ${pupil.ahmed!.upn}) on ${ukLong(YESTERDAY)}`
		);
	});

	it('gives a governor, a trust lead and another school nothing', async () => {
		await expect(getMeeting(governor, riverside, meetingId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listMeetings(governor, riverside, {})).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getMeeting(trustLead, riverside, meetingId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listMeetings(trustLead, riverside, {})).rejects.toBeInstanceOf(NotFoundError);
		await expect(openReferrals(trustLead, riverside)).rejects.toBeInstanceOf(NotFoundError);
		// Another school's careers leader, asking through their own school, finds no such meeting.
		await expect(getMeeting(otherLeader, hillcrest, meetingId)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listMeetings(otherLeader, hillcrest, {})).total).toBe(0);
	});

	it('refuses a non-adviser as the adviser, another adviser’s meeting, a future held meeting and a teacher recording', async () => {
		const before = [await count(guidanceMeetings), await count(auditEvents)];
		const base = { upns: pupil.brown!.upn, date: YESTERDAY, format: 'one-to-one' };
		expect(await validationErrors(recordMeeting(leader, riverside, { ...base, adviserUserId: ids.teacher }))).toEqual([
			{
				field: 'adviserUserId',
				message: 'The adviser must be a careers adviser in Riverside Academy. Give them the careers adviser role first'
			}
		]);
		// An adviser from another school is not an adviser here.
		expect(
			(await validationErrors(recordMeeting(leader, riverside, { ...base, adviserUserId: ids.otherAdviser })))[0]?.field
		).toBe('adviserUserId');
		// An adviser records their own meetings, not a colleague's.
		expect(
			await validationErrors(recordMeeting(assistant, riverside, { ...base, adviserUserId: ids.adviser }))
		).toEqual([
			{
				field: 'adviserUserId',
				message: 'You can record only your own meetings. The careers leader can record a meeting for any adviser'
			}
		]);
		expect(
			await validationErrors(recordMeeting(adviser, riverside, { ...base, date: TOMORROW, upns: pupil.hillcrest!.upn }))
		).toEqual([
			{
				field: 'date',
				message:
					'The date of a meeting that has happened must be today or earlier. For a meeting still to come, choose “booked”'
			},
			{
				field: 'upns',
				message: `No pupil in Riverside Academy has the UPN ${pupil.hillcrest!.upn}. Check the UPN on the pupil’s record`
			}
		]);
		await expect(recordMeeting(teacher, riverside, { ...base, adviserUserId: ids.adviser })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		expect([await count(guidanceMeetings), await count(auditEvents)]).toEqual(before);
	});

	it('records a small group as one meeting per pupil, and the careers leader on an adviser’s behalf', async () => {
		const { ids: made } = await recordMeeting(leader, riverside, {
			upns: `${pupil.chen!.upn}, ${pupil.dube!.upn.toLowerCase()}`,
			date: LAST_WEEK,
			adviserUserId: ids.assistant,
			format: 'small-group'
		});
		expect(made).toHaveLength(2);
		const rows = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.date, LAST_WEEK));
		expect(rows.map((r) => [r.pupilId, r.adviserLevel, r.format, r.createdBy]).sort()).toEqual(
			[
				[pupil.chen!.id, 4, 'small-group', ids.leader],
				[pupil.dube!.id, 4, 'small-group', ids.leader]
			].sort()
		);
		// One-to-one is one pupil.
		expect(
			(
				await validationErrors(
					recordMeeting(adviser, riverside, {
						upns: [pupil.chen!.upn, pupil.dube!.upn],
						date: LAST_WEEK,
						format: 'one-to-one'
					})
				)
			).map((e) => e.field)
		).toEqual(['upns']);
		// Filters: year group (Chen and Dube are in year 11), adviser, dates.
		const year11 = await listMeetings(leader, riverside, { year: '11' });
		expect(year11.meetings.map((m) => m.pupilName).sort()).toEqual(['Zoë Chen', 'Zoë Dube']);
		const byAdviser = await listMeetings(leader, riverside, { adviser: ids.adviser! });
		expect(byAdviser.meetings.map((m) => m.pupilName)).toEqual(['Zoë Ahmed']);
		const range = await listMeetings(leader, riverside, { from: YESTERDAY, to: TODAY });
		expect(range.meetings.map((m) => m.pupilName)).toEqual(['Zoë Ahmed']);
		// Nonsense in the address is ignored, not refused.
		expect((await listMeetings(leader, riverside, { year: 'x', from: '31/02/2026', adviser: 'nope' })).total).toBe(3);
	});

	it('copies the adviser’s level at the time: a later change of level leaves earlier meetings alone', async () => {
		await expect(setAdviserLevel(teacher, riverside, ids.assistant!, 6)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await validationErrors(setAdviserLevel(leader, riverside, ids.teacher!, 6))).toEqual([
			{
				field: 'adviserLevel',
				message: 'Tom Teacher is not a careers adviser: a qualification level is recorded for careers advisers only'
			}
		]);
		expect((await validationErrors(setAdviserLevel(leader, riverside, ids.assistant!, '9')))[0]?.field).toBe(
			'adviserLevel'
		);
		await setAdviserLevel(leader, riverside, ids.assistant!, '6', 'req-level');
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'person.adviser-level-changed'));
		expect(event?.summary).toBe('Ash Assistant’s careers adviser qualification level set to Level 6 (was Level 4)');
		const [user] = await handle.db.select().from(users).where(eq(users.id, ids.assistant!));
		expect(user?.adviserLevel).toBe(6);

		const earlier = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.date, LAST_WEEK));
		expect(earlier.map((m) => m.adviserLevel)).toEqual([4, 4]);
		const { ids: later } = await recordMeeting(assistant, riverside, {
			upns: pupil.brown!.upn,
			date: TODAY,
			format: 'one-to-one'
		});
		const [now] = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.id, later[0]!));
		expect(now?.adviserLevel).toBe(6);
		await setAdviserLevel(leader, riverside, ids.assistant!, null);
		const [cleared] = await handle.db.select().from(users).where(eq(users.id, ids.assistant!));
		expect(cleared?.adviserLevel).toBeNull();
		const [still] = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.id, later[0]!));
		expect(still?.adviserLevel).toBe(6);
	});
});

describe('referrals', () => {
	let referralId: string;

	it('lets a tutor refer a pupil, in their capacity as tutor, once while the referral is open', async () => {
		await expect(referPupil(governor, riverside, pupil.brown!.id, 'Needs help')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(referPupil(tutor, riverside, pupil.hillcrest!.id, 'Needs help')).rejects.toBeInstanceOf(NotFoundError);
		expect(await validationErrors(referPupil(tutor, riverside, pupil.brown!.id, '  '))).toEqual([
			{ field: 'reason', message: 'Enter why the pupil needs guidance' }
		]);
		expect(
			(await validationErrors(referPupil(tutor, riverside, pupil.brown!.id, 'x', { capacity: 'senco' })))[0]?.field
		).toBe('capacity');
		({ id: referralId } = await referPupil(tutor, riverside, pupil.brown!.id, 'Unsure about post-16 options'));
		const [row] = await handle.db.select().from(referrals).where(eq(referrals.id, referralId));
		expect(row).toMatchObject({ referrerCapacity: 'tutor', referredBy: ids.tutor, status: 'open' });
		expect((await validationErrors(referPupil(teacher, riverside, pupil.brown!.id, 'Again')))[0]?.message).toContain(
			'was already referred'
		);
		// A teacher without tags refers as "other"; the careers leader as careers leader.
		const { id: other } = await referPupil(teacher, riverside, pupil.chen!.id, 'Asked to see someone');
		const { id: fromLeader } = await referPupil(leader, riverside, pupil.dube!.id, 'Missed the Year 11 interviews');
		const capacities = await handle.db.select({ id: referrals.id, c: referrals.referrerCapacity }).from(referrals);
		expect(Object.fromEntries(capacities.map((r) => [r.id, r.c]))).toEqual({
			[referralId]: 'tutor',
			[other]: 'other',
			[fromLeader]: 'careers-leader'
		});
	});

	it('shows the open referrals oldest first to advisers and the careers leader only', async () => {
		await expect(openReferrals(teacher, riverside)).rejects.toBeInstanceOf(ForbiddenError);
		const queue = await openReferrals(adviser, riverside);
		expect(queue.map((r) => [r.pupilName, r.referredByName, r.capacity, r.yearGroup, r.ageDays])).toEqual([
			['Zoë Brown', 'Tia Tutor', 'tutor', 10, 0],
			['Zoë Chen', 'Tom Teacher', 'other', 11, 0],
			['Zoë Dube', 'Ada Leader', 'careers-leader', 11, 0]
		]);
		expect(await openReferralCount(leader, riverside)).toBe(3);
		expect(await openReferrals(otherLeader, hillcrest)).toEqual([]);
	});

	it('closes a referral by booking a meeting: the booked meeting linked to the referral and the referral closed together', async () => {
		const before = [await count(guidanceMeetings), await count(auditEvents)];
		// A problem with the booking changes nothing: the referral stays open.
		expect(
			(await validationErrors(closeReferralByBooking(adviser, riverside, referralId, { date: '31/02/2026' }))).map(
				(e) => e.field
			)
		).toEqual(['date']);
		expect([await count(guidanceMeetings), await count(auditEvents)]).toEqual(before);
		expect((await handle.db.select().from(referrals).where(eq(referrals.id, referralId)))[0]?.status).toBe('open');

		const { meetingId } = await closeReferralByBooking(
			adviser,
			riverside,
			referralId,
			{ date: TOMORROW, startTime: '10:30' },
			'req-book'
		);
		const [meeting] = await handle.db.select().from(guidanceMeetings).where(eq(guidanceMeetings.id, meetingId));
		expect(meeting).toMatchObject({
			pupilId: pupil.brown!.id,
			status: 'booked',
			date: TOMORROW,
			startTime: '10:30:00',
			referralId,
			adviserUserId: ids.adviser,
			adviserLevel: 6,
			format: 'one-to-one'
		});
		const [referral] = await handle.db.select().from(referrals).where(eq(referrals.id, referralId));
		expect(referral).toMatchObject({ status: 'closed', meetingId, closedBy: ids.adviser });
		expect(referral?.closingNote).toBe(`Meeting booked with Priya Adviser for ${ukLong(TOMORROW)}`);
		const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.requestId, 'req-book'));
		expect(events.map((e) => e.action).sort()).toEqual(['guidance.meeting-booked', 'referral.closed']);
		expect([await count(guidanceMeetings), await count(auditEvents)]).toEqual([before[0]! + 1, before[1]! + 2]);

		// Booking again: already closed, nothing written.
		expect(await validationErrors(closeReferralByBooking(adviser, riverside, referralId, { date: TOMORROW }))).toEqual([
			{ field: 'referral', message: 'This referral has already been closed. Refresh the queue to see the open ones' }
		]);
		expect(await count(guidanceMeetings)).toBe(before[0]! + 1);
		expect((await openReferrals(adviser, riverside)).map((r) => r.pupilName)).toEqual(['Zoë Chen', 'Zoë Dube']);

		// The meeting shows where it came from; once held, it has its notes.
		const seen = await getMeeting(leader, riverside, meetingId);
		expect(seen.referral).toMatchObject({ id: referralId, reason: 'Unsure about post-16 options', capacity: 'tutor' });
		expect(
			(await validationErrors(markHeld(adviser, riverside, meetingId, { notes: 'Talked it through' }))).map(
				(e) => e.field
			)
		).toEqual(['date']);
		await markHeld(adviser, riverside, meetingId, {
			date: TODAY,
			agreedActions: 'Visit the college open day',
			notes: 'Keen on A levels'
		});
		const held = await getMeeting(adviser, riverside, meetingId);
		expect([held.status, held.date, held.notes, held.agreedActions]).toEqual([
			'held',
			TODAY,
			'Keen on A levels',
			'Visit the college open day'
		]);
	});

	it('closes a referral without a meeting, with a note', async () => {
		const [chen] = await openReferrals(leader, riverside);
		expect(await validationErrors(closeReferral(leader, riverside, chen!.id, ''))).toEqual([
			{ field: 'note', message: 'Enter why the referral is closed without a meeting' }
		]);
		await expect(closeReferral(teacher, riverside, chen!.id, 'x')).rejects.toBeInstanceOf(ForbiddenError);
		await closeReferral(leader, riverside, chen!.id, 'Seen by the college’s adviser instead');
		const [row] = await handle.db.select().from(referrals).where(eq(referrals.id, chen!.id));
		expect(row).toMatchObject({
			status: 'closed',
			meetingId: null,
			closingNote: 'Seen by the college’s adviser instead'
		});
		expect(await openReferralCount(leader, riverside)).toBe(1);
	});
});

describe('importing guidance meetings', () => {
	const file = () =>
		[
			'UPN,Date,Adviser Email,Format,Agreed Actions',
			`${pupil.ahmed!.upn},${ukDate(LAST_WEEK)},adviser@riverside.example,1:1,Apply for the engineering taster`,
			`${pupil.chen!.upn},${LAST_WEEK},ADVISER@riverside.example,individual,`,
			`${pupil.dube!.upn},${ukDate(daysFromToday(-3))},assistant@riverside.example,group,`
		].join('\r\n');

	it('imports a good file with one audit event, the advisers’ levels copied, and warns about an adviser below Level 6', async () => {
		const before = [await count(guidanceMeetings), await auditCount('guidance.imported')];
		const dry = await guidanceImport.run(leader, riverside, file(), { dryRun: true });
		expect([dry.added, dry.unchanged]).toEqual([3, 0]);
		expect([await count(guidanceMeetings), await auditCount('guidance.imported')]).toEqual(before);

		const summary = await guidanceImport.run(leader, riverside, file(), { requestId: 'req-import' });
		expect(summary).toMatchObject({ kind: 'guidance', dryRun: false, rows: 3, added: 3, updated: 0, unchanged: 0 });
		// The assistant's level was cleared above: their meetings do not yet count, and the summary says so.
		expect(summary.warnings).toHaveLength(1);
		expect(summary.warnings[0]).toMatchObject({
			row: 4,
			column: 'Adviser Email',
			value: 'assistant@riverside.example'
		});
		expect([await count(guidanceMeetings), await auditCount('guidance.imported')]).toEqual([
			before[0]! + 3,
			before[1]! + 1
		]);
		const rows = await handle.db
			.select()
			.from(guidanceMeetings)
			.where(and(eq(guidanceMeetings.pupilId, pupil.ahmed!.id), eq(guidanceMeetings.date, LAST_WEEK)));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			adviserLevel: 6,
			format: 'one-to-one',
			status: 'held',
			agreedActions: 'Apply for the engineering taster'
		});
		const dube = await handle.db
			.select()
			.from(guidanceMeetings)
			.where(and(eq(guidanceMeetings.pupilId, pupil.dube!.id), eq(guidanceMeetings.date, daysFromToday(-3))));
		expect(dube[0]).toMatchObject({ format: 'small-group', adviserLevel: null, adviserName: 'Ash Assistant' });
	});

	it('changes nothing when the same file is imported again', async () => {
		const before = await count(guidanceMeetings);
		const summary = await guidanceImport.run(leader, riverside, file());
		expect([summary.added, summary.updated, summary.unchanged]).toEqual([0, 0, 3]);
		expect(await count(guidanceMeetings)).toBe(before);
	});

	it('refuses the whole file, naming row, column, value and what was expected, for an unknown adviser email and other mistakes', async () => {
		const before = [await count(guidanceMeetings), await count(auditEvents)];
		const bad = [
			'UPN,Date,Adviser Email,Format',
			`${pupil.brown!.upn},${ukDate(LAST_WEEK)},teacher@riverside.example,one-to-one`,
			`${pupil.brown!.upn},${ukDate(LAST_WEEK)},nobody@example.org,one-to-one`,
			`${pupil.hillcrest!.upn},${ukDate(LAST_WEEK)},adviser@riverside.example,one-to-one`,
			`${pupil.brown!.upn},${ukDate(TOMORROW)},adviser@riverside.example,one-to-one`,
			`${pupil.brown!.upn},31/02/2026,adviser@riverside.example,workshop`,
			`${pupil.chen!.upn},${ukDate(LAST_WEEK)},adviser@riverside.example,one-to-one`
		].join('\n');
		const errors = await validationErrors(guidanceImport.run(leader, riverside, bad));
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[2, 'Adviser Email', 'teacher@riverside.example'],
			[3, 'Adviser Email', 'nobody@example.org'],
			[4, 'UPN', pupil.hillcrest!.upn],
			[5, 'Date', ukDate(TOMORROW)],
			[6, 'Date', '31/02/2026'],
			[6, 'Format', 'workshop']
		]);
		expect(errors[0]?.message).toBe(
			'This is not a careers adviser in Riverside Academy. Expected the email of someone with the careers adviser role: the careers leader can give it on the People page'
		);
		expect(errors[3]?.message).toContain('Expected the day the pupil was seen: today');
		expect([await count(guidanceMeetings), await count(auditEvents)]).toEqual(before);

		// An adviser imports their own meetings only; a teacher may not import at all.
		const theirs = await validationErrors(guidanceImport.run(assistant, riverside, file()));
		expect(theirs.map((e) => e.row)).toEqual([2, 3]);
		await expect(guidanceImport.run(teacher, riverside, file())).rejects.toBeInstanceOf(ForbiddenError);
		// Columns: a missing required one is named.
		const columns = await validationErrors(
			guidanceImport.run(leader, riverside, `UPN,Date\n${pupil.brown!.upn},${LAST_WEEK}`)
		);
		expect(columns.map((e) => e.column)).toEqual(['Adviser Email', 'Format']);
	});
});

function ukLong(iso: string): string {
	const months = [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	];
	const [y, m, d] = iso.split('-').map(Number);
	return `${d} ${months[m! - 1]} ${y}`;
}
