/**
 * The pupil roster and teaching-group imports on the real database (PGlite, and Postgres when
 * DATABASE_URL is set): idempotent re-import, later exports, all or nothing, dry runs, groups.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, pupils, teachingGroupMembers, teachingGroups } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError, type FieldError } from '../../src/lib/server/errors.ts';
import type { ImportProgress } from '../../src/lib/server/imports/types.ts';
import { pupilsImport } from '../../src/lib/server/pupils/import-roster.ts';
import { groupsImport } from '../../src/lib/server/pupils/import-groups.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const YEAR = 2025;

let riverside: School;
let hillcrest: School;
let leader: Actor;
let administrator: Actor;
let teacher: Actor;
let hillcrestLeader: Actor;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

const HEADER =
	'UPN,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,NC Year,Reg Group,SEN Provision,FSM Eligible,Ever 6 FSM,Pupil Premium,EAL,Looked After,Ethnicity,Attendance %,Admission Date,Leaving Date,Email';
const COLUMNS = HEADER.split(',');

/** 2,000+ distinct valid UPNs: serial 000–999 under a year of issue per thousand. */
function upnOf(i: number): string {
	return makeUpn({
		la: 801,
		establishment: 4001,
		yearOfIssue: 10 + Math.floor(i / 1000),
		serial: String(i % 1000).padStart(3, '0')
	});
}

const SURNAMES = ['Ashworth', 'Okonkwo', 'Kowalska', 'Nguyen', 'Fitzgerald', 'Ahmed', 'Brennan', 'Müller'];
const FORENAMES = ['Elena', 'Samuel', 'Zofia', 'Aarav', 'Chloë', 'Kai', 'Imogen', 'Tomasz'];

type Cells = { UPN: string } & Record<string, string>;

/** Pupil i in year group 7–13 of 2025/26, born in the autumn of their cohort. */
function pupilCells(i: number): Cells {
	const nc = 7 + (i % 7);
	const born = YEAR - nc - 5;
	return {
		UPN: upnOf(i),
		'Legal Surname': SURNAMES[i % SURNAMES.length]!,
		'Legal Forename': FORENAMES[i % FORENAMES.length]!,
		'Preferred Forename': i % 10 === 0 ? 'Ellie' : '',
		'Date of Birth': `${String((i % 28) + 1).padStart(2, '0')}/10/${born}`,
		Gender: i % 2 ? 'F' : 'M',
		'NC Year': String(nc),
		'Reg Group': `${nc}${'ABCDEF'[i % 6]}`,
		'SEN Provision': ['N', 'N', 'N', 'K', 'E'][i % 5]!,
		'FSM Eligible': i % 4 === 0 ? 'Y' : 'N',
		'Ever 6 FSM': i % 3 === 0 ? 'Y' : 'N',
		'Pupil Premium': i % 3 === 0 ? 'Y' : 'N',
		EAL: i % 7 === 0 ? 'Y' : 'N',
		'Looked After': i % 97 === 0 ? 'Y' : 'N',
		Ethnicity: 'WBRI',
		'Attendance %': i % 11 === 0 ? '' : `${80 + (i % 20)}.5%`,
		'Admission Date': `01/09/${YEAR - nc + 7}`,
		'Leaving Date': '',
		Email: i % 2 ? `pupil${i}@pupils.example.org` : ''
	};
}

function csv(rows: Cells[], { separator = ',', newline = '\n', bom = false } = {}): string {
	const body = rows.map((r) => COLUMNS.map((c) => r[c] ?? '').join(separator));
	return (bom ? '\uFEFF' : '') + [COLUMNS.join(separator), ...body].join(newline) + newline;
}

function roster(n: number): Cells[] {
	return Array.from({ length: n }, (_, i) => pupilCells(i));
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

async function pupilCount(school: School): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(pupils)
		.where(eq(pupils.schoolId, school.id));
	return row?.n ?? -1;
}

async function auditCount(action: string, school: School): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(and(eq(auditEvents.action, action), eq(auditEvents.organisationId, school.id)));
	return row?.n ?? -1;
}

async function stamps(school: School): Promise<Map<string, string>> {
	const rows = await handle.db
		.select({ upn: pupils.upn, updatedAt: pupils.updatedAt })
		.from(pupils)
		.where(eq(pupils.schoolId, school.id));
	return new Map(rows.map((r) => [r.upn, r.updatedAt.toISOString()]));
}

async function pupilByUpn(school: School, upn: string) {
	const [row] = await handle.db
		.select()
		.from(pupils)
		.where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, upn)));
	return row;
}

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137701', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137702', name: 'Hillcrest School', lowestYear: 7, highestYear: 11 });
	const people: [string, string, string, string][] = [
		['leader@riverside.example', 'Ada Leader', '137701', 'careers-leader'],
		['admin@riverside.example', 'Cal Admin', '137701', 'careers-administrator'],
		['teacher@riverside.example', 'Tom Teacher', '137701', 'teacher'],
		['leader@hillcrest.example', 'Hal Leader', '137702', 'careers-leader']
	];
	for (const [email, name, schoolUrn, role] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	administrator = await signedIn('admin@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	hillcrestLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe('pupil import', () => {
	const first = roster(2000);

	it('refuses a teacher, and writes nothing', async () => {
		await expect(pupilsImport.run(teacher, riverside, csv(first), { academicYear: YEAR })).rejects.toThrow(
			ForbiddenError
		);
		await expect(
			groupsImport.run(teacher, riverside, `UPN,Group\n${upnOf(0)},7A/Ma1\n`, { academicYear: YEAR })
		).rejects.toThrow(ForbiddenError);
		expect(await pupilCount(riverside)).toBe(0);
	});

	it('a dry run reports exact counts and writes nothing', async () => {
		const summary = await pupilsImport.run(leader, riverside, csv(first), { academicYear: YEAR, dryRun: true });
		expect(summary).toMatchObject({
			kind: 'pupils',
			dryRun: true,
			rows: 2000,
			added: 2000,
			updated: 0,
			unchanged: 0,
			left: 0
		});
		expect(await pupilCount(riverside)).toBe(0);
		expect(await auditCount('pupils.imported', riverside)).toBe(0);
	});

	it('imports 2,000 pupils (semicolons, BOM, CRLF), with progress and one audit event', async () => {
		const progress: ImportProgress[] = [];
		const summary = await pupilsImport.run(
			administrator,
			riverside,
			csv(first, { separator: ';', newline: '\r\n', bom: true }),
			{ academicYear: YEAR, onProgress: (p) => progress.push(p) }
		);
		expect(summary).toMatchObject({
			dryRun: false,
			rows: 2000,
			added: 2000,
			updated: 0,
			unchanged: 0,
			left: 0,
			warnings: []
		});
		expect(await pupilCount(riverside)).toBe(2000);
		const writing = progress.filter((p) => p.stage === 'writing');
		expect(writing.at(-1)).toEqual({ stage: 'writing', done: 2000, total: 2000 });
		expect(writing.length).toBeGreaterThanOrEqual(5); // the start and each chunk of 500
		expect(progress.some((p) => p.stage === 'reading')).toBe(true);

		const p10 = await pupilByUpn(riverside, upnOf(10));
		expect(p10).toMatchObject({
			legalSurname: SURNAMES[10 % 8],
			legalForename: FORENAMES[10 % 8],
			preferredForename: 'Ellie',
			dateOfBirth: '2010-10-11',
			gender: 'M',
			enteredYear7: 2025 - 10 + 7, // Year 10 in 2025/26
			regGroup: '10E',
			senProvision: 'N',
			fsmEligible: false,
			ever6Fsm: false,
			eal: false,
			attendancePercent: 90.5,
			admissionDate: '2022-09-01',
			leavingDate: null,
			email: null
		});
		expect((await pupilByUpn(riverside, upnOf(11)))!.attendancePercent).toBeNull(); // empty cell → not recorded

		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'pupils.imported'), eq(auditEvents.organisationId, riverside.id)));
		expect(event!.after).toMatchObject({ added: 2000, updated: 0, unchanged: 0, left: 0, rows: 2000 });
		expect(JSON.stringify(event)).not.toContain(upnOf(0)); // counts only, no personal data
		expect(JSON.stringify(event)).not.toContain('Ashworth');
	});

	it('re-importing the same file changes nothing', async () => {
		const before = await stamps(riverside);
		const summary = await pupilsImport.run(leader, riverside, csv(first), { academicYear: YEAR });
		expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 2000, left: 0, notes: [] });
		expect(await stamps(riverside)).toEqual(before);
		expect(await auditCount('pupils.imported', riverside)).toBe(2);
	});

	it('a later export updates what changed, adds joiners, marks leavers and leaves absent pupils alone', async () => {
		const before = await stamps(riverside);
		const later = first.map((r) => ({ ...r }));
		later[1]!['Reg Group'] = '8Z'; // changed
		later[2]!['SEN Provision'] = 'E'; // changed
		later[3]!['Attendance %'] = ''; // attendance no longer recorded
		later[4]!['Leaving Date'] = '20/12/2025'; // leaver
		later[5]!['Leaving Date'] = '01/02/2026'; // leaver
		const absent = later.splice(1990, 10); // not in this export
		later.push(pupilCells(2000), pupilCells(2001)); // joiners
		const summary = await pupilsImport.run(leader, riverside, csv(later), { academicYear: YEAR });
		expect(summary).toMatchObject({ rows: 1992, added: 2, updated: 5, unchanged: 1985, left: 2 });
		expect(summary.notes).toHaveLength(1);
		expect(summary.notes[0]).toMatch(/^10 pupils on roll in Waymark are not in this file/);
		expect(summary.notes[0]).toContain(absent[0]!.UPN);
		expect(summary.notes[0]).toMatch(/Leaving Date/);

		expect(await pupilCount(riverside)).toBe(2002);
		expect((await pupilByUpn(riverside, upnOf(1)))!.regGroup).toBe('8Z');
		expect((await pupilByUpn(riverside, upnOf(2)))!.senProvision).toBe('E');
		expect((await pupilByUpn(riverside, upnOf(3)))!.attendancePercent).toBeNull();
		expect((await pupilByUpn(riverside, upnOf(4)))!.leavingDate).toBe('2025-12-20');
		expect((await pupilByUpn(riverside, upnOf(5)))!.leavingDate).toBe('2026-02-01');
		const after = await stamps(riverside);
		for (const r of absent) expect(after.get(r.UPN)).toBe(before.get(r.UPN));
		expect(after.get(upnOf(0))).toBe(before.get(upnOf(0)));
		expect(after.get(upnOf(1))).not.toBe(before.get(upnOf(1)));

		// The same export again: leavers are not counted twice, and nothing changes.
		const again = await pupilsImport.run(leader, riverside, csv(later), { academicYear: YEAR });
		expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1992, left: 0 });
		// An export without the leavers keeps them (with their leaving dates), and no longer counts them as absent.
		const withoutLeavers = later.filter((r) => r['Leaving Date'] === '');
		const third = await pupilsImport.run(leader, riverside, csv(withoutLeavers), { academicYear: YEAR });
		expect(third).toMatchObject({ added: 0, updated: 0, left: 0 });
		expect(third.notes[0]).toMatch(/^10 pupils/);
		expect((await pupilByUpn(riverside, upnOf(4)))!.leavingDate).toBe('2025-12-20');
	});

	it('a file for next year keeps each pupil’s cohort when the NC years have moved on', async () => {
		const nextYear = first.slice(10, 60).map((r) => ({ ...r, 'NC Year': String(Number(r['NC Year']) + 1) }));
		const valid = nextYear.filter((r) => Number(r['NC Year']) <= 13);
		const summary = await pupilsImport.run(leader, riverside, csv(valid), { academicYear: YEAR + 1, dryRun: true });
		expect(summary.updated).toBe(0);
		expect(summary.unchanged).toBe(valid.length);
	});

	it('writes nothing from a 2,000-row file with one wrong check letter, and names the expected letter', async () => {
		const meadow = await addSchool(system, { urn: '137703', name: 'Meadow Park School' });
		const rows = roster(2000);
		const good = rows[1500]!.UPN;
		const wrong = (good[0] === 'A' ? 'B' : 'A') + good.slice(1);
		rows[1500]!.UPN = wrong;
		const errors = await validationErrors(pupilsImport.run(system, meadow, csv(rows), { academicYear: YEAR }));
		expect(errors).toEqual([
			expect.objectContaining({
				row: 1502,
				column: 'UPN',
				value: wrong,
				message: expect.stringContaining(`should be ${good[0]}, not ${wrong[0]}`)
			})
		]);
		expect(await pupilCount(meadow)).toBe(0);
		expect(await auditCount('pupils.imported', meadow)).toBe(0);

		// The same bad row in a later export of a school with pupils: none of them changes either.
		const later = first.map((r) => ({ ...r, 'Reg Group': 'NEW' }));
		later[1500]!.UPN = wrong;
		const beforeStamps = await stamps(riverside);
		await validationErrors(pupilsImport.run(leader, riverside, csv(later), { academicYear: YEAR }));
		expect(await stamps(riverside)).toEqual(beforeStamps);
	});

	it('refuses a UPN repeated in the file, naming the other row', async () => {
		const rows = roster(5);
		rows.push({ ...rows[2]!, 'Legal Forename': 'Someone' });
		const errors = await validationErrors(
			pupilsImport.run(hillcrestLeader, hillcrest, csv(rows), { academicYear: YEAR })
		);
		expect(errors).toEqual([
			expect.objectContaining({
				row: 7,
				column: 'UPN',
				value: rows[2]!.UPN,
				message: expect.stringMatching(/also on row 4/)
			})
		]);
		expect(await pupilCount(hillcrest)).toBe(0);
	});

	it('refuses a year outside the school’s year groups', async () => {
		const rows = roster(7); // years 7 to 13; Hillcrest teaches 7 to 11
		const errors = await validationErrors(
			pupilsImport.run(hillcrestLeader, hillcrest, csv(rows), { academicYear: YEAR })
		);
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[7, 'NC Year', '12'],
			[8, 'NC Year', '13']
		]);
		expect(errors[0]!.message).toMatch(/outside Hillcrest School’s year groups \(7 to 11\)/);
		expect(await pupilCount(hillcrest)).toBe(0);
	});

	it('accepts legacy SEN codes with a warning naming the row; the same UPNs in another school are separate pupils', async () => {
		const rows = roster(5);
		rows[1]!['SEN Provision'] = 'S';
		rows[3]!['SEN Provision'] = 'A';
		const summary = await pupilsImport.run(hillcrestLeader, hillcrest, csv(rows), { academicYear: YEAR });
		expect(summary).toMatchObject({ added: 5, updated: 0 });
		expect(summary.warnings.map((w) => [w.row, w.column, w.value])).toEqual([
			[3, 'SEN Provision', 'S'],
			[5, 'SEN Provision', 'A']
		]);
		expect((await pupilByUpn(hillcrest, upnOf(1)))!.senProvision).toBe('E');
		expect((await pupilByUpn(hillcrest, upnOf(3)))!.senProvision).toBe('K');
		expect((await pupilByUpn(riverside, upnOf(1)))!.senProvision).toBe('N');
	});
});

describe('teaching groups import', () => {
	async function members(school: School): Promise<Map<string, string[]>> {
		const rows = await handle.db
			.select({ name: teachingGroups.name, upn: pupils.upn })
			.from(teachingGroupMembers)
			.innerJoin(teachingGroups, eq(teachingGroups.id, teachingGroupMembers.groupId))
			.innerJoin(pupils, eq(pupils.id, teachingGroupMembers.pupilId))
			.where(and(eq(teachingGroups.schoolId, school.id), eq(teachingGroups.academicYear, YEAR)))
			.orderBy(asc(teachingGroups.name), asc(pupils.upn));
		const map = new Map<string, string[]>();
		for (const r of rows) map.set(r.name, [...(map.get(r.name) ?? []), r.upn]);
		return map;
	}

	const groupsCsv = (pairs: [number, string][], heading = 'Group') =>
		[`UPN,${heading}`, ...pairs.map(([i, g]) => `${upnOf(i)},${g}`)].join('\r\n');

	it('creates the groups and their members, and a dry run writes nothing', async () => {
		const file = groupsCsv([
			[0, '10X/Ma1'],
			[1, '10X/Ma1'],
			[2, '10X/Ma1'],
			[0, '10Y/Sc1'],
			[3, '10Y/Sc1'],
			[7, 'Art Club']
		]);
		const dry = await groupsImport.run(leader, riverside, file, { academicYear: YEAR, dryRun: true });
		expect(dry).toMatchObject({ kind: 'groups', dryRun: true, rows: 6, added: 6, unchanged: 0 });
		expect((await members(riverside)).size).toBe(0);

		const summary = await groupsImport.run(leader, riverside, file, { academicYear: YEAR });
		expect(summary).toMatchObject({ dryRun: false, rows: 6, added: 6, updated: 0, unchanged: 0 });
		expect(summary.notes[0]).toMatch(/3 teaching groups in 2025\/26, 3 of them new/);
		expect(await members(riverside)).toEqual(
			new Map([
				['10X/Ma1', [upnOf(0), upnOf(1), upnOf(2)].sort()],
				['10Y/Sc1', [upnOf(0), upnOf(3)].sort()],
				['Art Club', [upnOf(7)]]
			])
		);
		expect(await auditCount('groups.imported', riverside)).toBe(1);
	});

	it('replaces each named group’s members with the file’s, leaving other groups alone', async () => {
		const file = groupsCsv(
			[
				[0, '10X/Ma1'],
				[2, '10X/Ma1'],
				[4, '10X/Ma1'],
				[5, '11A/En2']
			],
			'Class'
		);
		const summary = await groupsImport.run(administrator, riverside, file, { academicYear: YEAR });
		expect(summary).toMatchObject({ rows: 4, added: 2, unchanged: 2 });
		expect(summary.notes.join(' ')).toMatch(/1 pupil was taken out of groups .*10X\/Ma1/);
		expect(summary.notes.join(' ')).toMatch(/2 teaching groups in Waymark for 2025\/26 are not in this file/);
		const now = await members(riverside);
		expect(now.get('10X/Ma1')).toEqual([upnOf(0), upnOf(2), upnOf(4)].sort());
		expect(now.get('11A/En2')).toEqual([upnOf(5)]);
		expect(now.get('10Y/Sc1')).toEqual([upnOf(0), upnOf(3)].sort());
		expect(now.get('Art Club')).toEqual([upnOf(7)]);

		const again = await groupsImport.run(administrator, riverside, file, { academicYear: YEAR });
		expect(again).toMatchObject({ added: 0, unchanged: 4 });
		expect(again.notes.join(' ')).not.toMatch(/taken out/);
	});

	it('refuses an unknown UPN (another school’s pupil too) and a repeated pair, writing nothing', async () => {
		const before = await members(riverside);
		const stranger = makeUpn({ la: 999, establishment: 1234, yearOfIssue: 20, serial: '001' });
		const file = [
			'UPN;Teaching Group',
			`${upnOf(0)};9Q/Hi1`,
			`${stranger};9Q/Hi1`,
			`${upnOf(1)};9Q/Hi1`,
			`${upnOf(0)};9Q/Hi1`
		].join('\n');
		const errors = await validationErrors(groupsImport.run(leader, riverside, file, { academicYear: YEAR }));
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[3, 'UPN', stranger],
			[5, 'UPN', upnOf(0)]
		]);
		expect(errors[0]!.message).toMatch(/No pupil with UPN .* is in Riverside Academy/);
		expect(errors[1]!.message).toMatch(/Row 2 already puts/);
		expect(await members(riverside)).toEqual(before);
		const [made] = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(teachingGroups)
			.where(eq(teachingGroups.name, '9Q/Hi1'));
		expect(made!.n).toBe(0);

		// Hillcrest's pupils are not Riverside's, even with the same UPN.
		const errs = await validationErrors(
			groupsImport.run(hillcrestLeader, hillcrest, groupsCsv([[1000, '7A/Ma1']]), { academicYear: YEAR })
		);
		expect(errs).toEqual([expect.objectContaining({ row: 2, column: 'UPN', value: upnOf(1000) })]);
	});
});
