/**
 * Backup and restore: one logical format for PGlite and PostgreSQL. The source database is whatever
 * the integration run uses (in-memory PGlite, or PostgreSQL when DATABASE_URL is set); the first
 * restore always goes into a PGlite data folder, the second back into a fresh database of the run's
 * driver — so with DATABASE_URL set both directions, Postgres → PGlite → Postgres, are covered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DatabaseHandle, type Db } from '../../src/lib/server/db/client.ts';
import { backupDatabase, dependencyOrder, restoreDatabase, type BackupHeader } from '../../src/lib/server/db/backup.ts';
import {
	auditEvents,
	groupSchools,
	invitations,
	memberships,
	organisations,
	pupils,
	sessions,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { freshDatabase } from '../support/database.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-backup-'));
const opened: DatabaseHandle[] = [];

async function track(handle: Promise<DatabaseHandle>): Promise<DatabaseHandle> {
	const h = await handle;
	opened.push(h);
	return h;
}

afterAll(async () => {
	for (const handle of opened.reverse()) await handle.close().catch(() => {});
	fs.rmSync(tmp, { recursive: true, force: true });
});

const TRUST = '7f0c64a8-3a0e-4c55-9f57-1d4c3e0e0001';
const NORTH = '7f0c64a8-3a0e-4c55-9f57-1d4c3e0e0002';
const SOUTH = '7f0c64a8-3a0e-4c55-9f57-1d4c3e0e0003';

async function fill(db: Db): Promise<void> {
	await db.insert(organisations).values([
		{ id: TRUST, kind: 'trust', name: 'Riverside Learning Trust' },
		{
			id: NORTH,
			kind: 'school',
			name: 'Northfield Academy',
			urn: '137401',
			phase: 'secondary',
			lowestYear: 7,
			highestYear: 13
		},
		{ id: SOUTH, kind: 'school', name: 'St Æthelred’s “Church” School', urn: '1374022', phase: 'special', isDemo: true }
	]);
	await db.insert(groupSchools).values([
		{ groupId: TRUST, schoolId: NORTH },
		{ groupId: TRUST, schoolId: SOUTH }
	]);
	const people = await db
		.insert(users)
		.values([
			{
				email: 'sam.leader@northfield.example',
				name: 'Sam Leader',
				passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def'
			},
			{ email: 'ada.adviser@northfield.example', name: 'Ada O’Neill', adviserLevel: 6 },
			{ email: 'tom.teacher@south.example', name: 'Tom Teacher', disabledAt: new Date('2026-01-02T03:04:05.678Z') }
		])
		.returning({ id: users.id });
	await db.insert(memberships).values([
		{ userId: people[0]!.id, organisationId: NORTH, roles: ['careers-leader', 'senior-leader'] },
		{
			userId: people[1]!.id,
			organisationId: NORTH,
			roles: ['careers-adviser'],
			jobTitle: 'Level 6 adviser, "Prospects"'
		},
		{ userId: people[2]!.id, organisationId: SOUTH, roles: ['teacher'], tags: ['tutor', 'subject-leader'] },
		{ userId: people[0]!.id, organisationId: TRUST, roles: ['group-lead'] }
	]);
	await db.insert(sessions).values({
		tokenHash: 'hash-of-a-session-token',
		userId: people[0]!.id,
		currentOrganisationId: NORTH,
		expiresAt: new Date('2030-01-01T00:00:00.000Z')
	});
	await db.insert(invitations).values({
		tokenHash: 'hash-of-an-invitation',
		organisationId: NORTH,
		email: 'new.colleague@northfield.example',
		name: 'New Colleague',
		roles: ['teacher'],
		tags: ['senco'],
		invitedBy: people[0]!.id,
		expiresAt: new Date('2030-01-15T12:00:00.000Z')
	});
	await db.insert(pupils).values([
		{
			schoolId: NORTH,
			upn: 'A123456789012',
			legalSurname: 'Smith',
			legalForename: 'Jo',
			dateOfBirth: '2011-02-28',
			enteredYear7: 2022,
			attendancePercent: 93.25,
			senProvision: 'K',
			pupilPremium: true
		},
		{
			schoolId: NORTH,
			upn: 'B123456789012',
			legalSurname: 'Nguyễn',
			legalForename: 'Lan',
			preferredForename: 'Lanny',
			dateOfBirth: '2010-09-01',
			enteredYear7: 2021,
			leavingDate: '2026-07-22'
		}
	]);
	for (let i = 0; i < 25; i++) {
		await db.insert(auditEvents).values({
			actorLabel: 'Waymark command line',
			organisationId: i % 2 ? NORTH : SOUTH,
			action: 'test.event',
			recordType: 'test',
			recordId: String(i),
			summary: `Event ${i}: line one\nline two, with a tab\tand “quotes”`,
			before: i === 0 ? null : { n: i - 1 },
			after: { n: i, nested: { list: [1, 2.5, 'three', null], big: 9007199254740991, tiny: 1e-7, text: 'a\nb' } }
		});
	}
}

/** Every row of every table, as drizzle reads it back, in a stable order. */
async function snapshot(db: Db) {
	return {
		organisations: await db.select().from(organisations).orderBy(asc(organisations.id)),
		groupSchools: await db.select().from(groupSchools).orderBy(asc(groupSchools.groupId), asc(groupSchools.schoolId)),
		users: await db.select().from(users).orderBy(asc(users.email)),
		memberships: await db.select().from(memberships).orderBy(asc(memberships.id)),
		sessions: await db.select().from(sessions).orderBy(asc(sessions.tokenHash)),
		invitations: await db.select().from(invitations).orderBy(asc(invitations.id)),
		pupils: await db.select().from(pupils).orderBy(asc(pupils.upn)),
		auditEvents: await db.select().from(auditEvents).orderBy(asc(auditEvents.id))
	};
}

async function counts(db: Db): Promise<Record<string, number>> {
	const tables = [
		'organisations',
		'group_schools',
		'users',
		'memberships',
		'sessions',
		'invitations',
		'pupils',
		'audit_events'
	];
	const result: Record<string, number> = {};
	for (const table of tables) {
		const counted = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
			rows: { n: number }[];
		};
		const [row] = counted.rows;
		result[table] = Number(row?.n);
	}
	return result;
}

function readHeader(file: string): BackupHeader {
	const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
	return JSON.parse(text.slice(0, text.indexOf('\n'))) as BackupHeader;
}

describe('backup and restore', () => {
	let source: DatabaseHandle;
	let before: Awaited<ReturnType<typeof snapshot>>;
	const file = path.join(tmp, 'nested', 'waymark.ndjson.gz');

	beforeAll(async () => {
		source = await track(freshDatabase());
		await fill(source.db);
		before = await snapshot(source.db);
	});

	it('orders tables parents first', () => {
		expect(
			dependencyOrder(
				['pupils', 'users', 'memberships', 'organisations', 'audit_events'],
				[
					{ child: 'memberships', parent: 'users' },
					{ child: 'memberships', parent: 'organisations' },
					{ child: 'pupils', parent: 'organisations' },
					{ child: 'organisations', parent: 'organisations' }
				]
			)
		).toEqual(['audit_events', 'organisations', 'pupils', 'users', 'memberships']);
	});

	it('writes a gzip’d NDJSON file with a header that lists every table and the migration level', async () => {
		const result = await backupDatabase(source, file);
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.readdirSync(path.dirname(file))).toEqual(['waymark.ndjson.gz']);
		const header = readHeader(file);
		expect(header.format).toBe('waymark-backup');
		expect(header.version).toBe(1);
		expect(header.source).toBe(source.driver);
		expect(header.migrations.count).toBeGreaterThanOrEqual(2);
		expect(header.migrations.hashes).toHaveLength(header.migrations.count);
		expect(header.tables).toEqual(result.tables);
		const byName = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
		expect(byName).toMatchObject(await counts(source.db));
		const names = result.tables.map((t) => t.name);
		expect(names.indexOf('organisations')).toBeLessThan(names.indexOf('memberships'));
		expect(names.indexOf('users')).toBeLessThan(names.indexOf('memberships'));
		expect(names.indexOf('users')).toBeLessThan(names.indexOf('invitations'));
	});

	it('refuses to overwrite an existing file', async () => {
		await expect(backupDatabase(source, file)).rejects.toThrow('already exists');
	});

	let restored: DatabaseHandle;

	it('restores into an empty PGlite data folder with every row and value intact', async () => {
		restored = await track(connect({ dataDir: path.join(tmp, 'restored'), command: 'test' }));
		const result = await restoreDatabase(restored, file);
		expect(result.tables).toEqual(readHeader(file).tables);
		expect(await counts(restored.db)).toEqual(await counts(source.db));
		const after = await snapshot(restored.db);
		expect(after).toEqual(before);
		expect(after.pupils[0]?.attendancePercent).toBe(93.25);
		expect(after.memberships.find((m) => m.organisationId === SOUTH)?.tags).toEqual(['tutor', 'subject-leader']);
		expect(after.users.find((u) => u.email.startsWith('tom'))?.disabledAt).toEqual(
			new Date('2026-01-02T03:04:05.678Z')
		);
	});

	it('continues the audit sequence after the restored rows', async () => {
		const maxId = Math.max(...before.auditEvents.map((e) => e.id));
		const [row] = await restored.db
			.insert(auditEvents)
			.values({ actorLabel: 'test', action: 'test.after-restore', recordType: 'test', summary: 'after restore' })
			.returning({ id: auditEvents.id });
		expect(row!.id).toBeGreaterThan(maxId);
	});

	it('refuses to restore into a database that holds data, and changes nothing', async () => {
		const was = await counts(restored.db);
		await expect(restoreDatabase(restored, file)).rejects.toThrow(
			/^The database already holds data \(3 organisations, .*\); restore needs an empty one/
		);
		expect(await counts(restored.db)).toEqual(was);
	});

	it('refuses a database at another migration level', async () => {
		const other = await track(connect({ command: 'test' }));
		await other.db.execute(
			sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`
		);
		await expect(restoreDatabase(other, file)).rejects.toThrow(/database level/);
		expect((await counts(other.db)).organisations).toBe(0);
	});

	it('refuses files that are not backups, or are cut short', async () => {
		const empty = await track(connect({ command: 'test' }));
		const notGzip = path.join(tmp, 'not-gzip.ndjson.gz');
		fs.writeFileSync(notGzip, 'hello');
		await expect(restoreDatabase(empty, notGzip)).rejects.toThrow('is not a Waymark backup');
		await expect(restoreDatabase(empty, path.join(tmp, 'missing.gz'))).rejects.toThrow('There is no backup file');

		const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
		const short = path.join(tmp, 'short.ndjson.gz');
		fs.writeFileSync(short, zlib.gzipSync(lines.slice(0, -5).join('\n')));
		await expect(restoreDatabase(empty, short)).rejects.toThrow(/incomplete|damaged/);
		expect((await counts(empty.db)).organisations).toBe(0);
	});

	it('round-trips back into a fresh database of this run’s driver', async () => {
		const second = path.join(tmp, 'second.ndjson.gz');
		const fromRestored = await backupDatabase(restored, second);
		const target = await track(freshDatabase());
		await restoreDatabase(target, second);
		const roundTrip = await snapshot(target.db);
		expect(roundTrip.organisations).toEqual(before.organisations);
		expect(roundTrip.users).toEqual(before.users);
		expect(roundTrip.memberships).toEqual(before.memberships);
		expect(roundTrip.pupils).toEqual(before.pupils);
		expect(roundTrip.auditEvents.slice(0, before.auditEvents.length)).toEqual(before.auditEvents);
		expect(roundTrip.auditEvents).toHaveLength(before.auditEvents.length + 1);
		expect(Object.fromEntries(fromRestored.tables.map((t) => [t.name, t.rows]))).toMatchObject(await counts(target.db));
	});
});
