/**
 * Importing planned activities from a CSV file, all or nothing, on PGlite and (with DATABASE_URL) Postgres.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { activities, activityBenchmarks, auditEvents } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { importActivities } from '../../src/lib/server/programme/import.ts';
import { listActivities } from '../../src/lib/server/programme/service.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const YEAR = 2025;

let riverside: School;
let leader: Actor;
let teacher: Actor;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function counts(): Promise<{ activities: number; ticks: number; imports: number }> {
	const [a] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(activities);
	const [t] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(activityBenchmarks);
	const [i] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, 'activities.imported'));
	return { activities: a?.n ?? -1, ticks: t?.n ?? -1, imports: i?.n ?? -1 };
}

const HEADER = 'Title;Type;Format;Year groups;Term;Half term;Start date;Benchmarks;Partners;Owner email';
const GOOD = [
	'Café careers talk;Employer encounter;Talk;9;Autumn;Autumn 2;;5;Riverside Café;leader@riverside.example',
	'Careers fair;employer-encounter;Careers fair;10, 11;;;26/02/2026;"B5; 7";Chamber;',
	'Mock interviews;Personal guidance;One-to-one interview;Y11;Spring;;;Benchmark 8;;',
	'University visit;HE encounter;Visit;12-13;Summer;5;;bm7-he-visits-by-18;City University;'
];

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137601', name: 'Riverside Academy' });
	await addSchool(system, { urn: '137602', name: 'Hillcrest School' });
	const people: [string, string, string, string][] = [
		['leader@riverside.example', 'Ada Leader', '137601', 'careers-leader'],
		['teacher@riverside.example', 'Tom Teacher', '137601', 'teacher'],
		['leader@hillcrest.example', 'Hal Leader', '137602', 'careers-leader']
	];
	for (const [email, name, schoolUrn, role] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

async function importErrors(csv: string): Promise<string[]> {
	try {
		await importActivities(leader, riverside, YEAR, csv, 'req-import');
	} catch (e) {
		if (e instanceof ValidationError) return e.message.split('\n');
		throw e;
	}
	throw new Error('expected a ValidationError');
}

describe('importing activities', () => {
	it('writes nothing when one row among good ones is bad, and reports every bad row', async () => {
		const csv = [
			HEADER,
			...GOOD,
			'Employer breakfast;Employer encounter;Talk;10;Autumn;;;bm9-anything;;',
			'Careers fair;employer-encounter;Careers fair;10, 11;;;26/02/2026;5;;',
			'Work experience;Experience of a workplace;Placement;10;;;01/09/2030;6;;nobody@riverside.example'
		].join('\n');
		const errors = await importErrors(csv);
		expect(errors).toEqual([
			'Row 6, benchmarks: "bm9-anything" is not a benchmark. Use 1–8 or a criterion id such as bm5-employer-encounter-each-year',
			'Row 7, title: Row 7 repeats row 3: the same title, year groups and time. Remove one of them',
			'Row 8, ownerUserId: nobody@riverside.example is not someone in Riverside Academy. Add them to the school first, or leave the owner empty',
			expect.stringMatching(/^Row 8, startDate: Start date must be between 1 September 2025 and/)
		]);
		expect(await counts()).toEqual({ activities: 0, ticks: 0, imports: 0 });
	});

	it('refuses an unknown column before looking at the rows', async () => {
		const errors = await importErrors('Title,Type,Format,Year groups,Colour\nTalk,other,talk,9,red\n');
		expect(errors[0]).toMatch(/^Row 1, Colour: “Colour” is not a column we know/);
		expect(await counts()).toEqual({ activities: 0, ticks: 0, imports: 0 });
	});

	it('lets a teacher import nothing', async () => {
		await expect(importActivities(teacher, riverside, YEAR, [HEADER, ...GOOD].join('\n'))).rejects.toBeInstanceOf(
			ForbiddenError
		);
		expect(await counts()).toEqual({ activities: 0, ticks: 0, imports: 0 });
	});

	it('imports a good file with its benchmarks, owners and one audit event', async () => {
		const result = await importActivities(
			leader,
			riverside,
			YEAR,
			`\uFEFF${[HEADER, ...GOOD].join('\r\n')}\r\n`,
			'req-ok'
		);
		expect(result.imported).toBe(4);
		expect(await counts()).toEqual({ activities: 4, ticks: 5, imports: 1 });
		const list = await listActivities(leader, riverside, YEAR);
		const byTitle = Object.fromEntries(list.map((a) => [a.title, a]));
		expect(byTitle['Café careers talk']).toMatchObject({
			type: 'employer-encounter',
			format: 'talk',
			yearGroups: [9],
			term: 'autumn',
			halfTerm: 2,
			benchmarks: [5],
			partners: ['Riverside Café'],
			ownerName: 'Ada Leader'
		});
		expect(byTitle['Careers fair']).toMatchObject({
			yearGroups: [10, 11],
			startDate: '2026-02-26',
			term: 'spring',
			benchmarks: [5, 7]
		});
		expect(byTitle['University visit']).toMatchObject({
			yearGroups: [12, 13],
			term: 'summer',
			halfTerm: 5,
			benchmarks: [7]
		});
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'activities.imported'));
		expect(event?.summary).toBe('Imported 4 activities from a spreadsheet into the 2025/26 careers programme');
		expect(event?.requestId).toBe('req-ok');
	});
});
