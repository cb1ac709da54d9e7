/**
 * Delivered activities (encounters) and their attendance on the real database (PGlite, and Postgres
 * when DATABASE_URL is set): recording from a planned activity, the rules the service adds to the shared
 * input rules (partners, adviser, planned activity in this school), attendance by year group with
 * absentees, idempotent re-saving, reflections, who may do it, the audit trail, and the school day.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	attendance,
	auditEvents,
	deliveredActivities,
	groupSchools,
	memberships,
	organisations,
	partners,
	pupils,
	teachingGroupMembers,
	teachingGroups,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { createActivity } from '../../src/lib/server/programme/service.ts';
import {
	addReflection,
	attendanceGroups,
	expectedPupils,
	getDeliveredActivity,
	listDeliveredActivities,
	parseEncounterFilters,
	recordDeliveredActivity,
	removeFromActivity,
	saveAttendance,
	startFromPlanned,
	updateDeliveredActivity,
	type RecordInput
} from '../../src/lib/server/encounters/service.ts';
import { encounterInput } from '../../src/lib/server/encounters/form.ts';
import { updateSchoolDay } from '../../src/lib/server/schools/settings.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';
import { todayInLondon } from '../../src/lib/domain/academic-year.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
/** A date in the 2025/26 academic year, in the past. */
const YEAR = 2025;
const DATE = '2025-11-12';

let riverside: School;
let hillcrest: School;
let leader: Actor;
let admin: Actor;
let teacher: Actor;
let governor: Actor;
let trustLead: Actor;
let outsider: Actor;
let adviserId: string;
let teacherId: string;
let employer: string;
let college: string;
let otherSchoolPartner: string;
/** Riverside's Year 10 (in 2025/26) pupils: ids and UPNs, in insertion order. */
const year10: { id: string; upn: string }[] = [];
const year11: { id: string; upn: string }[] = [];
let leaver: { id: string; upn: string };
let hillcrestPupil: { id: string; upn: string };

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function validationErrors(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

let serial = 0;
async function addPupil(
	school: School,
	enteredYear7: number,
	extra: Partial<typeof pupils.$inferInsert> = {}
): Promise<{ id: string; upn: string }> {
	serial++;
	const upn = makeUpn({ la: 201, establishment: 4001, yearOfIssue: 20, serial: String(serial).padStart(3, '0') });
	const [row] = await handle.db
		.insert(pupils)
		.values({
			schoolId: school.id,
			upn,
			legalSurname: `Surname${String(serial).padStart(3, '0')}`,
			legalForename: `Pupil${serial}`,
			dateOfBirth: '2010-01-01',
			enteredYear7,
			...extra
		})
		.returning({ id: pupils.id, upn: pupils.upn });
	if (!row) throw new Error('no pupil');
	return row;
}

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

const careersFairInput = (extra: Partial<RecordInput> = {}): RecordInput => ({
	title: 'Year 10 careers fair',
	type: 'employer-encounter',
	date: DATE,
	startTime: '09:30',
	endTime: '11:00',
	yearGroups: [10],
	benchmarks: [5],
	purposeShared: true,
	twoWayInteraction: true,
	partnerIds: [],
	...extra
});

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137601', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137602', name: 'Hillcrest School', highestYear: '11' });
	const people: [string, string, string, string, number?][] = [
		['leader@riverside.example', 'Ada Leader', '137601', 'careers-leader'],
		['admin@riverside.example', 'Cal Admin', '137601', 'careers-administrator'],
		['teacher@riverside.example', 'Tom Teacher', '137601', 'teacher', 7],
		['governor@riverside.example', 'Gill Governor', '137601', 'link-governor'],
		['adviser@riverside.example', 'Ann Adviser', '137601', 'careers-adviser', 6],
		['leader@hillcrest.example', 'Hal Leader', '137602', 'careers-leader']
	];
	for (const [email, name, schoolUrn, role, adviserLevel] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD, adviserLevel });
	leader = await signedIn('leader@riverside.example');
	admin = await signedIn('admin@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	outsider = await signedIn('leader@hillcrest.example');
	const idOf = async (email: string) =>
		(await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? '';
	adviserId = await idOf('adviser@riverside.example');
	teacherId = await idOf('teacher@riverside.example');

	// A trust with Riverside in it, and its lead (group role only: figures, never pupils).
	const [trust] = await handle.db
		.insert(organisations)
		.values({ kind: 'trust', name: 'River Trust' })
		.returning({ id: organisations.id });
	if (!trust) throw new Error('no trust');
	await handle.db.insert(groupSchools).values({ groupId: trust.id, schoolId: riverside.id });
	await addPerson(system, {
		email: 'lead@trust.example',
		name: 'Tia Lead',
		schoolUrn: '137602',
		roles: ['teacher'],
		password: PASSWORD
	});
	const trustLeadId = await idOf('lead@trust.example');
	await handle.db.insert(memberships).values({ userId: trustLeadId, organisationId: trust.id, roles: ['group-lead'] });
	trustLead = await signedIn('lead@trust.example');

	const [e, c, o] = await handle.db
		.insert(partners)
		.values([
			{ schoolId: riverside.id, name: 'Harbour Logistics', kind: 'employer' },
			{ schoolId: riverside.id, name: 'City College', kind: 'fe-college' },
			{ schoolId: hillcrest.id, name: 'Hillcrest Bakery', kind: 'employer' }
		])
		.returning({ id: partners.id });
	employer = e?.id ?? '';
	college = c?.id ?? '';
	otherSchoolPartner = o?.id ?? '';

	// Year 10 in 2025/26 entered Year 7 in 2022; Year 11 in 2021.
	for (let i = 0; i < 6; i++) year10.push(await addPupil(riverside, 2022, { regGroup: i < 3 ? '10A' : '10B' }));
	for (let i = 0; i < 3; i++) year11.push(await addPupil(riverside, 2021, { regGroup: '11A' }));
	// Left before the activity: never expected, by year group or by UPN.
	leaver = await addPupil(riverside, 2022, { regGroup: '10A', leavingDate: '2025-10-01' });
	hillcrestPupil = await addPupil(hillcrest, 2022, { regGroup: '10A' });
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe('recording a delivered activity', () => {
	it('starts from a planned activity, pre-filled, partners matched by name, and records it with an audit event', async () => {
		const planned = await createActivity(leader, riverside, YEAR, {
			title: 'Logistics careers talk',
			type: 'employer-encounter',
			format: 'talk',
			yearGroups: ['10'],
			partners: 'harbour logistics\nUnknown Ltd',
			benchmarks: ['5'],
			meaningful: ['purposeShared', 'reflection']
		});
		const { input, unmatchedPartners } = await startFromPlanned(admin, riverside, planned.id);
		expect(input).toMatchObject({
			title: 'Logistics careers talk',
			type: 'employer-encounter',
			yearGroups: [10],
			benchmarks: [5],
			purposeShared: true,
			reflection: true,
			twoWayInteraction: false,
			plannedActivityId: planned.id,
			partnerIds: [employer],
			providerType: 'employer'
		});
		expect(unmatchedPartners).toEqual(['Unknown Ltd']);

		const before = await auditCount('encounter.recorded');
		const { id } = await recordDeliveredActivity(
			admin,
			riverside,
			{ ...input, date: DATE, startTime: '10:00', endTime: '11:00' },
			'req-e1'
		);
		const got = await getDeliveredActivity(teacher, riverside, id);
		expect(got).toMatchObject({
			title: 'Logistics careers talk',
			academicYear: YEAR,
			date: DATE,
			startTime: '10:00',
			endTime: '11:00',
			plannedActivityId: planned.id,
			plannedActivityTitle: 'Logistics careers talk',
			partners: ['Harbour Logistics'],
			providerType: 'employer',
			purposeShared: true,
			reflection: true,
			inSchoolDay: true,
			attended: 0,
			expected: 0
		});
		expect(await auditCount('encounter.recorded')).toBe(before + 1);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'encounter.recorded'), eq(auditEvents.recordId, id)));
		expect(event).toMatchObject({ organisationId: riverside.id, requestId: 'req-e1' });
		expect(event?.summary).toContain('Logistics careers talk');
	});

	it('turns the posted form into the same input (checkbox groups for meaningful and provider access elements)', () => {
		const input = encounterInput({
			title: 'College taster',
			type: 'provider-access',
			date: DATE,
			startTime: '13:00',
			endTime: '',
			days: '',
			benchmarks: ['7'],
			yearGroups: ['10', '11'],
			meaningful: 'twoWayInteraction',
			pal: ['palProviderInfo', 'palQuestionsAnswered'],
			partnerIds: college
		});
		expect(input).toMatchObject({
			yearGroups: [10, 11],
			benchmarks: [7],
			twoWayInteraction: true,
			purposeShared: false,
			palProviderInfo: true,
			palCareersInfo: false,
			palQuestionsAnswered: true,
			days: null,
			partnerIds: [college]
		});
	});

	it('refuses a future date with the message, and writes nothing', async () => {
		const [before] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(deliveredActivities);
		const tomorrow = new Date(`${todayInLondon()}T12:00:00Z`);
		tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
		const future = tomorrow.toISOString().slice(0, 10);
		const errors = await validationErrors(
			recordDeliveredActivity(leader, riverside, careersFairInput({ date: future }))
		);
		expect(errors).toContainEqual({
			field: 'date',
			message: `The date is in the future (${future}): record an activity once it has taken place, or add it to the programme instead`
		});
		const [after] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(deliveredActivities);
		expect(after?.n).toBe(before?.n);
	});

	it('refuses partners of another school, naming every problem at once', async () => {
		const errors = await validationErrors(
			recordDeliveredActivity(
				leader,
				riverside,
				careersFairInput({ title: '', partnerIds: [employer, otherSchoolPartner] })
			)
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['partnerIds', 'title']);
		expect(errors.find((e) => e.field === 'partnerIds')?.message).toBe(
			'Choose partners from Riverside Academy’s own list of partners'
		);
		// A planned activity of another school is refused too.
		const hillPlanned = await createActivity(outsider, hillcrest, YEAR, {
			title: 'Hill talk',
			type: 'employer-encounter',
			format: 'talk',
			yearGroups: ['10']
		});
		const more = await validationErrors(
			recordDeliveredActivity(leader, riverside, careersFairInput({ plannedActivityId: hillPlanned.id }))
		);
		expect(more.map((e) => e.field)).toEqual(['plannedActivityId']);
		await expect(startFromPlanned(leader, riverside, hillPlanned.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('takes the adviser only from careers advisers in this school, and copies their level onto the activity', async () => {
		const notAdviser = await validationErrors(
			recordDeliveredActivity(
				leader,
				riverside,
				careersFairInput({ type: 'guidance', benchmarks: [8], adviserUserId: teacherId })
			)
		);
		expect(notAdviser).toEqual([
			{ field: 'adviserUserId', message: 'The adviser must be a careers adviser in Riverside Academy' }
		]);
		const { id } = await recordDeliveredActivity(
			leader,
			riverside,
			careersFairInput({ title: 'Group guidance', type: 'guidance', benchmarks: [8], adviserUserId: adviserId })
		);
		const got = await getDeliveredActivity(leader, riverside, id);
		expect(got).toMatchObject({ adviserUserId: adviserId, adviserName: 'Ann Adviser', adviserLevel: 6 });
		// The level recorded is the level then: a later change to the adviser's level leaves it alone.
		await handle.db.update(users).set({ adviserLevel: 7 }).where(eq(users.id, adviserId));
		expect((await getDeliveredActivity(leader, riverside, id)).adviserLevel).toBe(6);
	});

	it('updates an activity and its partners in one audited change, keeping an imported reference', async () => {
		const { id } = await recordDeliveredActivity(
			leader,
			riverside,
			careersFairInput({ ref: 'ACT-1', partnerIds: [employer] })
		);
		await updateDeliveredActivity(
			admin,
			riverside,
			id,
			careersFairInput({
				title: 'Careers fair (changed)',
				partnerIds: [college],
				startTime: '16:00',
				endTime: '17:00'
			}),
			'req-e2'
		);
		const got = await getDeliveredActivity(leader, riverside, id);
		expect(got).toMatchObject({
			title: 'Careers fair (changed)',
			ref: 'ACT-1',
			partners: ['City College'],
			providerType: 'fe-college',
			inSchoolDay: false
		});
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'encounter.updated'), eq(auditEvents.recordId, id)));
		expect(event?.requestId).toBe('req-e2');
		// A second activity with the same reference is refused with a message, not a database error.
		const clash = await validationErrors(
			recordDeliveredActivity(leader, riverside, careersFairInput({ ref: 'ACT-1' }))
		);
		expect(clash.map((e) => e.field)).toEqual(['ref']);
	});

	it('lists the year’s activities with attended and expected counts, filtered by type, year group and benchmark', async () => {
		const all = await listDeliveredActivities(teacher, riverside, { academicYear: YEAR });
		expect(all.length).toBeGreaterThanOrEqual(3);
		expect(all.every((a) => a.academicYear === YEAR)).toBe(true);
		const guidance = await listDeliveredActivities(teacher, riverside, { academicYear: YEAR, type: 'guidance' });
		expect(guidance.map((a) => a.title)).toEqual(['Group guidance']);
		expect(
			(await listDeliveredActivities(teacher, riverside, { academicYear: YEAR, benchmark: 8 })).map((a) => a.title)
		).toEqual(['Group guidance']);
		expect(await listDeliveredActivities(teacher, riverside, { academicYear: YEAR, yearGroup: 12 })).toEqual([]);
		expect(await listDeliveredActivities(teacher, riverside, { academicYear: YEAR - 1 })).toEqual([]);
		expect(parseEncounterFilters({ year: '2025', type: 'nonsense', yearGroup: 'x', benchmark: '5' })).toEqual({
			academicYear: 2025,
			benchmark: 5
		});
	});
});

describe('attendance', () => {
	let id: string;

	beforeAll(async () => {
		({ id } = await recordDeliveredActivity(leader, riverside, careersFairInput({ title: 'Attendance fair' })));
	});

	it('offers the year groups, registration groups and teaching groups as they were on the day', async () => {
		const [group] = await handle.db
			.insert(teachingGroups)
			.values({ schoolId: riverside.id, academicYear: YEAR, name: '10 Science 1' })
			.returning({ id: teachingGroups.id });
		await handle.db
			.insert(teachingGroupMembers)
			.values([year10[0], year11[0]].map((p) => ({ groupId: group?.id ?? '', pupilId: p?.id ?? '' })));
		const groups = await attendanceGroups(admin, riverside, id);
		expect(groups.yearGroups).toEqual([
			{ yearGroup: 10, pupils: 6 },
			{ yearGroup: 11, pupils: 3 }
		]);
		expect(groups.regGroups).toEqual([
			{ name: '10A', pupils: 3 },
			{ name: '10B', pupils: 3 },
			{ name: '11A', pupils: 3 }
		]);
		expect(groups.teachingGroups).toEqual([{ id: group?.id, name: '10 Science 1', pupils: 2 }]);
		const byGroup = await expectedPupils(admin, riverside, id, { teachingGroupIds: [group?.id ?? ''] });
		expect(byGroup.map((p) => p.pupilId).sort()).toEqual([year10[0]?.id, year11[0]?.id].sort());
		const byReg = await expectedPupils(admin, riverside, id, { regGroups: ['10B'] });
		expect(byReg.map((p) => p.pupilId)).toEqual(year10.slice(3).map((p) => p.id));
	});

	it('takes a year group, then two absentees: two rows absent, the rest there; re-saving changes nothing', async () => {
		const expected = await expectedPupils(leader, riverside, id, { yearGroups: [10] });
		// On roll on the day only: the pupil who left in October is not expected.
		expect(expected.map((p) => p.pupilId)).toEqual(year10.map((p) => p.id));
		expect(expected.every((p) => p.attended && !p.recorded && p.yearGroup === 10)).toBe(true);

		const absent = [year10[1]?.id ?? '', year10[4]?.id ?? ''];
		const attended = expected.map((p) => p.pupilId).filter((p) => !absent.includes(p));
		const before = await auditCount('encounter.attendance-saved');
		expect(await saveAttendance(leader, riverside, id, { attended, absent }, 'req-a1')).toEqual({
			attended: 4,
			absent: 2,
			changed: 6
		});
		const rows = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		expect(rows).toHaveLength(6);
		expect(
			rows
				.filter((r) => !r.attended)
				.map((r) => r.pupilId)
				.sort()
		).toEqual([...absent].sort());
		expect(rows.filter((r) => r.attended)).toHaveLength(4);

		// The audit event carries counts only, never pupils.
		expect(await auditCount('encounter.attendance-saved')).toBe(before + 1);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'encounter.attendance-saved'), eq(auditEvents.recordId, id)));
		expect(event?.after).toEqual({ attended: 4, absent: 2, changed: 6 });
		expect(JSON.stringify(event)).not.toContain(year10[1]?.id);
		expect(event?.summary).toContain('4 pupils there, 2 absent');

		// Saving the same again: same rows, nothing changed.
		expect(await saveAttendance(leader, riverside, id, { attended, absent })).toEqual({
			attended: 4,
			absent: 2,
			changed: 0
		});
		const again = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		expect(again.map((r) => [r.pupilId, r.attended, r.recordedAt.getTime()]).sort()).toEqual(
			rows.map((r) => [r.pupilId, r.attended, r.recordedAt.getTime()]).sort()
		);

		const got = await getDeliveredActivity(teacher, riverside, id);
		expect([got.attended, got.expected]).toEqual([4, 6]);
		expect(
			got.attendance
				.filter((a) => !a.attended)
				.map((a) => a.pupilId)
				.sort()
		).toEqual([...absent].sort());
	});

	it('keeps pupils recorded before when another group is chosen: nobody is removed silently', async () => {
		const list = await expectedPupils(admin, riverside, id, { upns: [year11[0]?.upn ?? ''] });
		expect(list).toHaveLength(7);
		const absentBefore = list.find((p) => p.pupilId === year10[1]?.id);
		expect(absentBefore).toMatchObject({ attended: false, recorded: true });
		expect(list.find((p) => p.pupilId === year11[0]?.id)).toMatchObject({ attended: true, recorded: false });
		await saveAttendance(admin, riverside, id, { attended: [year11[0]?.id ?? ''], absent: [] });
		const rows = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		expect(rows).toHaveLength(7);
		// With nothing chosen, the list is who is recorded.
		expect(await expectedPupils(admin, riverside, id, {})).toHaveLength(7);
	});

	it('names each unknown or unsuitable UPN, and a pupil of another school is unknown here', async () => {
		const errors = await validationErrors(
			expectedPupils(leader, riverside, id, {
				upns: [hillcrestPupil.upn, leaver.upn, 'not-a-upn', year10[0]?.upn ?? '']
			})
		);
		expect(errors).toHaveLength(1);
		expect(errors[0]?.field).toBe('upns');
		expect(errors[0]?.message).toContain(`there is no pupil with UPN ${hillcrestPupil.upn} in Riverside Academy`);
		expect(errors[0]?.message).toContain(`the pupil with UPN ${leaver.upn} was not on roll on ${DATE}`);
		expect(errors[0]?.message).toContain('not-a-upn is not a valid UPN');
		expect(errors[0]?.message).not.toContain(year10[0]?.upn);
	});

	it('refuses to save attendance for a pupil of another school, writing nothing', async () => {
		const before = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		const errors = await validationErrors(
			saveAttendance(leader, riverside, id, { attended: [year10[0]?.id ?? '', hillcrestPupil.id], absent: [] })
		);
		expect(errors).toEqual([
			{ field: 'attended', message: 'Attendance can only be taken for pupils of Riverside Academy' }
		]);
		const after = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		expect(after).toEqual(before);
		await expect(
			saveAttendance(leader, riverside, id, { attended: [year10[0]?.id ?? ''], absent: [year10[0]?.id ?? ''] })
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('attaches a reflection to a pupil who attended, never to one absent, and keeps the words out of the audit', async () => {
		await addReflection(admin, riverside, id, year10[0]?.id ?? '', 'I want to be a logistics planner.', 'req-r1');
		const got = await getDeliveredActivity(leader, riverside, id);
		expect(got.attendance.find((a) => a.pupilId === year10[0]?.id)?.reflection).toBe(
			'I want to be a logistics planner.'
		);
		const errors = await validationErrors(addReflection(admin, riverside, id, year10[1]?.id ?? '', 'Absent words'));
		expect(errors.map((e) => e.field)).toEqual(['pupilId']);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'encounter.reflection-added'));
		expect(JSON.stringify(event)).not.toContain('logistics planner');
	});

	it('takes one pupil off the activity when asked, audited', async () => {
		await removeFromActivity(leader, riverside, id, year11[0]?.id ?? '');
		const rows = await handle.db.select().from(attendance).where(eq(attendance.deliveredActivityId, id));
		expect(rows).toHaveLength(6);
		expect(await auditCount('encounter.attendance-removed')).toBe(1);
		await expect(removeFromActivity(leader, riverside, id, hillcrestPupil.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('who may record encounters', () => {
	it('refuses a link governor and a trust lead, lets a teacher read but not record, and hides another school', async () => {
		const [first] = await listDeliveredActivities(leader, riverside, { academicYear: YEAR });
		const id = first?.id ?? '';
		await expect(listDeliveredActivities(governor, riverside, { academicYear: YEAR })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(getDeliveredActivity(governor, riverside, id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(recordDeliveredActivity(governor, riverside, careersFairInput())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(
			saveAttendance(governor, riverside, id, { attended: [year10[0]?.id ?? ''], absent: [] })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listDeliveredActivities(trustLead, riverside, { academicYear: YEAR })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(recordDeliveredActivity(trustLead, riverside, careersFairInput())).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(expectedPupils(trustLead, riverside, id, { yearGroups: [10] })).rejects.toBeInstanceOf(NotFoundError);
		await expect(recordDeliveredActivity(teacher, riverside, careersFairInput())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(addReflection(teacher, riverside, id, year10[0]?.id ?? '', 'x')).rejects.toBeInstanceOf(
			ForbiddenError
		);
		// Another school's activity is not found from there.
		await expect(getDeliveredActivity(outsider, hillcrest, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getDeliveredActivity(leader, riverside, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('the school day', () => {
	it('changes the times, audited, and judges "in the school day" by them', async () => {
		const errors = await validationErrors(
			updateSchoolDay(leader, riverside, { schoolDayStarts: '9am', schoolDayEnds: '08:00' })
		);
		expect(errors.map((e) => e.field)).toEqual(['schoolDayStarts']);
		const order = await validationErrors(
			updateSchoolDay(leader, riverside, { schoolDayStarts: '09:00', schoolDayEnds: '08:59' })
		);
		expect(order).toEqual([{ field: 'schoolDayEnds', message: 'The school day must end after it starts' }]);
		await expect(
			updateSchoolDay(admin, riverside, { schoolDayStarts: '08:45', schoolDayEnds: '17:30' })
		).rejects.toBeInstanceOf(ForbiddenError);

		const updated = await updateSchoolDay(
			leader,
			riverside,
			{ schoolDayStarts: '08:45', schoolDayEnds: '17:30' },
			'req-s1'
		);
		expect([updated.schoolDayStarts, updated.schoolDayEnds]).toEqual(['08:45', '17:30']);
		const fresh = await schoolForActor(leader, riverside.urn, 'school.manage');
		expect([fresh.schoolDayStarts, fresh.schoolDayEnds]).toEqual(['08:45', '17:30']);
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'school.day-changed'));
		expect(event).toMatchObject({
			requestId: 'req-s1',
			before: { schoolDayStarts: '08:30', schoolDayEnds: '15:30' },
			after: { schoolDayStarts: '08:45', schoolDayEnds: '17:30' }
		});
		// The activity from 16:00 to 17:00 is now in the school day.
		const [late] = await listDeliveredActivities(leader, fresh, {
			academicYear: YEAR,
			type: 'employer-encounter'
		}).then((l) => l.filter((a) => a.startTime === '16:00'));
		expect((await getDeliveredActivity(leader, fresh, late?.id ?? '')).inSchoolDay).toBe(true);
	});
});
