/**
 * Importing delivered activities and attendance from spreadsheets, all or nothing, on PGlite and (with
 * DATABASE_URL) Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	attendance,
	auditEvents,
	deliveredActivities,
	deliveredActivityPartners,
	partners,
	pupils
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError, type FieldError } from '../../src/lib/server/errors.ts';
import { createPartner } from '../../src/lib/server/partners/service.ts';
import { activitiesImport } from '../../src/lib/server/encounters/import-activities.ts';
import { attendanceImport } from '../../src/lib/server/encounters/import-attendance.ts';
import type { ImportProgress } from '../../src/lib/server/imports/types.ts';
import { ACTIVITY_TYPES } from '../../src/lib/domain/activities.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

let riverside: School;
let hillcrest: School;
let leader: Actor;
let teacher: Actor;
const upns: string[] = [];
let hillcrestUpn: string;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function importErrors(promise: Promise<unknown>): Promise<FieldError[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

async function count(table: typeof deliveredActivities | typeof attendance | typeof partners): Promise<number> {
	const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
	return row?.n ?? -1;
}

async function audits(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

async function activityByRef(ref: string) {
	const [row] = await handle.db
		.select()
		.from(deliveredActivities)
		.where(and(eq(deliveredActivities.schoolId, riverside.id), eq(deliveredActivities.ref, ref)));
	return row;
}

async function partnerNamesOf(ref: string): Promise<string[]> {
	const rows = await handle.db
		.select({ name: partners.name })
		.from(deliveredActivityPartners)
		.innerJoin(partners, eq(partners.id, deliveredActivityPartners.partnerId))
		.innerJoin(deliveredActivities, eq(deliveredActivities.id, deliveredActivityPartners.deliveredActivityId))
		.where(eq(deliveredActivities.ref, ref))
		.orderBy(asc(partners.name));
	return rows.map((r) => r.name);
}

const HEADER =
	'Activity Ref,Title,Type,Date,Start Time,End Time,Partner,Provider Type,Benchmarks,Purpose Shared,Learning Outcomes,Two-way Interaction,Reflection,Employer Task,Employer Feedback,Days,PAL Provider Info,PAL Careers Info,PAL Learning Info,PAL Questions Answered';
const ROWS = [
	'CF-01,Year 10 careers fair,employer-encounter,14/11/2025,09:00,12:00,Northgate Engineering; RIVERSIDE college,employer,5;7,Y,yes,true,1,N,no,,N,N,N,N',
	'PA-01,College: T Levels,Provider access (technical education and apprenticeships),2025-12-03,10:15,11:00,Riverside College,Further education college,7,Y,Y,Y,N,N,N,,Y,Y,Y,Y',
	'WE-01,Year 12 work experience,workplace-experience,2025-07-07,,,Northgate Engineering,employer,6,Y,Y,Y,Y,Y,Y,5,N,N,N,N'
];
const file = (rows: string[], header = HEADER) => [header, ...rows].join('\r\n') + '\r\n';
/** ROWS with one cell changed: row index (0-based), column heading, new value. */
function withCell(row: number, heading: string, value: string): string[] {
	const col = HEADER.split(',').indexOf(heading);
	return ROWS.map((r, i) => {
		if (i !== row) return r;
		const cells = r.split(',');
		cells[col] = value;
		return cells.join(',');
	});
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137801', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137802', name: 'Hillcrest School' });
	await addPerson(system, {
		email: 'leader@riverside.example',
		name: 'Ada Leader',
		schoolUrn: '137801',
		roles: ['careers-leader'],
		password: PASSWORD
	});
	await addPerson(system, {
		email: 'teacher@riverside.example',
		name: 'Tom Teacher',
		schoolUrn: '137801',
		roles: ['teacher'],
		password: PASSWORD
	});
	leader = await signedIn('leader@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	await createPartner(leader, riverside, { name: 'Riverside College', kind: 'fe-college' });

	// 500 pupils at Riverside, one at Hillcrest.
	const rows = [];
	for (let i = 0; i < 500; i++) {
		const upn = makeUpn({ la: 801, establishment: 4001, yearOfIssue: 2019, serial: String(i).padStart(3, '0') });
		upns.push(upn);
		rows.push({
			schoolId: riverside.id,
			upn,
			legalSurname: `Surname${i}`,
			legalForename: `Pupil${i}`,
			dateOfBirth: '2010-05-01',
			enteredYear7: 2021 + (i % 5)
		});
	}
	await handle.db.insert(pupils).values(rows);
	hillcrestUpn = makeUpn({ la: 802, establishment: 4002, yearOfIssue: 2019, serial: '001' });
	await handle.db.insert(pupils).values({
		schoolId: hillcrest.id,
		upn: hillcrestUpn,
		legalSurname: 'Elsewhere',
		legalForename: 'Eve',
		dateOfBirth: '2010-05-01',
		enteredYear7: 2021
	});
});

afterAll(async () => {
	await closeDatabase();
});

describe('importing delivered activities', () => {
	it('adds every activity of a good file, creates the partners it names and lists them', async () => {
		const progress: ImportProgress[] = [];
		const summary = await activitiesImport.run(leader, riverside, file(ROWS), { onProgress: (p) => progress.push(p) });
		expect(summary).toMatchObject({ kind: 'activities', dryRun: false, rows: 3, added: 3, updated: 0, unchanged: 0 });
		expect(summary.newPartners).toEqual(['Northgate Engineering']);
		expect(progress.some((p) => p.stage === 'writing')).toBe(true);

		const fair = await activityByRef('CF-01');
		expect(fair).toMatchObject({
			title: 'Year 10 careers fair',
			type: 'employer-encounter',
			date: '2025-11-14',
			academicYear: 2025,
			startTime: '09:00:00',
			endTime: '12:00:00',
			providerType: 'employer',
			benchmarks: [5, 7],
			purposeShared: true,
			outcomesSet: true,
			twoWayInteraction: true,
			reflection: true,
			employerSetTask: false,
			days: null,
			createdBy: leader.userId
		});
		// "RIVERSIDE college" found the existing partner rather than making a second.
		expect(await partnerNamesOf('CF-01')).toEqual(['Northgate Engineering', 'Riverside College']);
		const [northgate] = await handle.db.select().from(partners).where(eq(partners.name, 'Northgate Engineering'));
		expect(northgate?.kind).toBe('employer');
		expect(await count(partners)).toBe(2);

		const access = await activityByRef('PA-01');
		expect(access).toMatchObject({ type: 'provider-access', providerType: 'fe-college', palQuestionsAnswered: true });
		const placement = await activityByRef('WE-01');
		expect(placement).toMatchObject({ days: 5, academicYear: 2024, employerFeedback: true });
		expect(await audits('encounters.imported')).toBe(1);
	});

	it('changes nothing when the same file is imported again', async () => {
		const before = await activityByRef('CF-01');
		const summary = await activitiesImport.run(leader, riverside, file(ROWS));
		expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 3, newPartners: [] });
		expect(await count(deliveredActivities)).toBe(3);
		expect((await activityByRef('CF-01'))?.updatedAt).toEqual(before?.updatedAt);
	});

	it('updates the activity whose row changed, and only that one', async () => {
		const summary = await activitiesImport.run(
			leader,
			riverside,
			file(withCell(1, 'Title', 'College: T Levels and apprenticeships'))
		);
		expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
		expect((await activityByRef('PA-01'))?.title).toBe('College: T Levels and apprenticeships');

		const relinked = await activitiesImport.run(
			leader,
			riverside,
			file(withCell(0, 'Partner', 'Northgate Engineering'))
		);
		expect(relinked).toMatchObject({ updated: 2, unchanged: 1 });
		expect(await partnerNamesOf('CF-01')).toEqual(['Northgate Engineering']);
		expect((await activityByRef('PA-01'))?.title).toBe('College: T Levels');
	});

	it('reads header variants, semicolons and a missing optional column, keeping what the file does not say', async () => {
		const text = [
			'activity reference;TITLE;activity type;date;gatsby benchmarks;Year Groups',
			'CF-01;Year 10 careers fair;Encounter with employers and employees;14/11/2025;5,7;10',
			'LMI-01;Jobs in our area;lmi;2026-01-20;2;9-11'
		].join('\n');
		const summary = await activitiesImport.run(leader, riverside, text);
		expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
		const fair = await activityByRef('CF-01');
		// Columns absent from the file leave the stored details alone.
		expect(fair).toMatchObject({
			yearGroups: [10],
			purposeShared: true,
			startTime: '09:00:00',
			providerType: 'employer'
		});
		expect(await partnerNamesOf('CF-01')).toEqual(['Northgate Engineering']);
		expect((await activityByRef('LMI-01'))?.yearGroups).toEqual([9, 10, 11]);
	});

	it('refuses an activity dated in the future, writing nothing', async () => {
		const before = await count(deliveredActivities);
		const errors = await importErrors(
			activitiesImport.run(
				leader,
				riverside,
				file([...ROWS, 'NEW-01,Future fair,employer-encounter,01/01/2099,,,,,,,,,,,,,,,,'])
			)
		);
		expect(errors).toEqual([
			expect.objectContaining({
				row: 5,
				column: 'Date',
				value: '01/01/2099',
				message: expect.stringContaining('future')
			})
		]);
		expect(await count(deliveredActivities)).toBe(before);
	});

	it('names the row, column and value of a yes/no cell it cannot read', async () => {
		const errors = await importErrors(
			activitiesImport.run(leader, riverside, file(withCell(2, 'Purpose Shared', 'maybe')))
		);
		expect(errors).toEqual([
			{
				field: 'purposeShared',
				row: 4,
				column: 'Purpose Shared',
				value: 'maybe',
				message: expect.stringContaining('Use Y or N')
			}
		]);
	});

	it('lists the allowed types for a type it does not know', async () => {
		const errors = await importErrors(
			activitiesImport.run(leader, riverside, file(withCell(0, 'Type', 'Assembly talk')))
		);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ row: 2, column: 'Type', value: 'Assembly talk' });
		for (const t of ACTIVITY_TYPES) expect(errors[0]?.message).toContain(t);
	});

	it('reports every problem at once, with the form’s rules mapped back to the file’s columns', async () => {
		const rows = [
			...withCell(0, 'End Time', '08:00'),
			'PA-01,Duplicate reference,employer-encounter,2025-10-01,,,,,,,,,,,,,,,,',
			'XX-01,Talk,employer-encounter,31/02/2026,9am,,,,5;9,,,,,,,2,,,,',
			'XX-02,Bad provider,fe-encounter,2025-10-01,,,,Garage,B7,,,,,,,,,,,'
		];
		const errors = await importErrors(activitiesImport.run(leader, riverside, file(rows)));
		const brief = errors.map((e) => [e.row, e.column, e.value]);
		expect(brief).toEqual(
			expect.arrayContaining([
				[2, 'End Time', '08:00'],
				[5, 'Activity Ref', 'PA-01'],
				[6, 'Date', '31/02/2026'],
				[6, 'Start Time', '9am'],
				[6, 'Benchmarks', '5;9'],
				[7, 'Provider Type', 'Garage']
			])
		);
		expect(errors.find((e) => e.row === 5)?.message).toContain('row 3');
		expect(errors.find((e) => e.column === 'Benchmarks')?.message).toContain('“9” is not a benchmark');
		expect(errors.find((e) => e.row === 2)?.message).toContain('must be after the start time');
		// Days on a talk: the form's rule, on the Days column.
		const days = await importErrors(activitiesImport.run(leader, riverside, file(withCell(0, 'Days', '2'))));
		expect(days).toEqual([expect.objectContaining({ row: 2, column: 'Days', value: '2' })]);
	});

	it('does a dry run: reports what would change and writes nothing', async () => {
		const before = { activities: await count(deliveredActivities), partners: await count(partners) };
		const audited = await audits('encounters.imported');
		const summary = await activitiesImport.run(
			leader,
			riverside,
			file([...ROWS, 'GU-01,Group guidance,guidance,2025-10-01,,,Careers Plus Ltd,careers-guidance,8,,,,,,,,,,,']),
			{ dryRun: true }
		);
		expect(summary).toMatchObject({ dryRun: true, added: 1, newPartners: ['Careers Plus Ltd'] });
		expect({ activities: await count(deliveredActivities), partners: await count(partners) }).toEqual(before);
		expect(await audits('encounters.imported')).toBe(audited);
	});

	it('refuses someone who may not record encounters', async () => {
		await expect(activitiesImport.run(teacher, riverside, file(ROWS))).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('importing attendance', () => {
	const attendanceFile = (rows: string[]) => ['Activity Ref,UPN,Attended', ...rows].join('\n');

	it('adds attendance, then finds a re-import unchanged and a changed Y/N updated', async () => {
		const rows = [
			`CF-01,${upns[0]},Y`,
			`CF-01,${upns[1]?.toLowerCase()},N`,
			`PA-01,${upns[0]},yes`,
			`PA-01, ${upns[2]} ,1`
		];
		const summary = await attendanceImport.run(leader, riverside, attendanceFile(rows));
		expect(summary).toMatchObject({ kind: 'attendance', rows: 4, added: 4, updated: 0, unchanged: 0 });
		expect(await count(attendance)).toBe(4);
		const fair = await activityByRef('CF-01');
		const absent = await handle.db
			.select({ attended: attendance.attended, upn: pupils.upn })
			.from(attendance)
			.innerJoin(pupils, eq(pupils.id, attendance.pupilId))
			.where(eq(attendance.deliveredActivityId, fair!.id))
			.orderBy(asc(pupils.upn));
		expect(absent).toEqual(
			[
				{ upn: upns[0], attended: true },
				{ upn: upns[1], attended: false }
			].sort((a, b) => a.upn!.localeCompare(b.upn!))
		);
		expect(await audits('attendance.imported')).toBe(1);

		expect(await attendanceImport.run(leader, riverside, attendanceFile(rows))).toMatchObject({
			added: 0,
			updated: 0,
			unchanged: 4
		});
		const changed = [...rows.slice(0, 1), `CF-01,${upns[1]},Y`, ...rows.slice(2), `WE-01,${upns[3]},N`];
		expect(await attendanceImport.run(leader, riverside, attendanceFile(changed))).toMatchObject({
			added: 1,
			updated: 1,
			unchanged: 3
		});
		expect(await count(attendance)).toBe(5);
	});

	it('refuses an unknown activity reference, writing nothing', async () => {
		const before = await count(attendance);
		const errors = await importErrors(
			attendanceImport.run(leader, riverside, attendanceFile([`CF-01,${upns[10]},Y`, `NOPE-99,${upns[11]},Y`]))
		);
		expect(errors).toEqual([
			expect.objectContaining({
				row: 3,
				column: 'Activity Ref',
				value: 'NOPE-99',
				message: expect.stringContaining('NOPE-99')
			})
		]);
		expect(await count(attendance)).toBe(before);
	});

	it('refuses a UPN that is not a pupil of the school, one that is not a UPN, and a repeated row', async () => {
		const before = await count(attendance);
		const errors = await importErrors(
			attendanceImport.run(
				leader,
				riverside,
				attendanceFile([
					`CF-01,${hillcrestUpn},Y`,
					'CF-01,A12345,Y',
					`CF-01,${upns[20]},Y`,
					`CF-01,${upns[20]},N`,
					`CF-01,${upns[21]},perhaps`
				])
			)
		);
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[2, 'UPN', hillcrestUpn],
			[3, 'UPN', 'A12345'],
			[5, 'UPN', upns[20]],
			[6, 'Attended', 'perhaps']
		]);
		expect(errors[0]?.message).toContain('no pupil');
		expect(errors[1]?.message).toBe('A UPN has 13 characters; "A12345" has 6.');
		expect(errors[2]?.message).toContain('row 4');
		expect(await count(attendance)).toBe(before);
	});

	describe('a whole-school file', () => {
		const refs = Array.from({ length: 10 }, (_, i) => `BULK-${i + 1}`);
		const bigRows = () =>
			refs.flatMap((ref, a) => upns.map((upn, p) => `${ref},${upn},${(a + p) % 3 === 0 ? 'N' : 'Y'}`));

		beforeAll(async () => {
			const rows = refs.map(
				(ref, i) => `${ref},Assembly ${i + 1},lmi,2025-10-${String(i + 1).padStart(2, '0')},,,,,2,,,,,,,,,,,`
			);
			await activitiesImport.run(leader, riverside, file(rows));
		});

		it('writes nothing when one row in 5,000 is wrong', async () => {
			const rows = bigRows();
			expect(rows).toHaveLength(5000);
			rows[3999] = rows[3999]!.replace(/,[YN]$/, ',X');
			const before = await count(attendance);
			const errors = await importErrors(attendanceImport.run(leader, riverside, attendanceFile(rows)));
			expect(errors).toEqual([expect.objectContaining({ row: 4001, column: 'Attended', value: 'X' })]);
			expect(await count(attendance)).toBe(before);
		});

		it('does a dry run of 5,000 rows without writing, then imports them in chunks', async () => {
			const before = await count(attendance);
			const audited = await audits('attendance.imported');
			const dry = await attendanceImport.run(leader, riverside, attendanceFile(bigRows()), { dryRun: true });
			expect(dry).toMatchObject({ dryRun: true, rows: 5000, added: 5000 });
			expect(await count(attendance)).toBe(before);
			expect(await audits('attendance.imported')).toBe(audited);

			const progress: ImportProgress[] = [];
			const real = await attendanceImport.run(leader, riverside, attendanceFile(bigRows()), {
				onProgress: (p) => progress.push(p)
			});
			expect(real).toMatchObject({ dryRun: false, added: 5000, updated: 0, unchanged: 0 });
			expect(await count(attendance)).toBe(before + 5000);
			expect(progress.filter((p) => p.stage === 'writing').at(-1)).toEqual({ stage: 'writing', done: 1, total: 1 });

			const flipped = bigRows().map((r, i) =>
				i % 1000 === 0 ? r.replace(/,Y$/, ',N').replace(/,N$/, i % 2 ? ',N' : ',Y') : r
			);
			const again = await attendanceImport.run(leader, riverside, attendanceFile(flipped));
			expect(again.added).toBe(0);
			expect(again.updated + again.unchanged).toBe(5000);
			expect(again.updated).toBeGreaterThan(0);
		});
	});
});
