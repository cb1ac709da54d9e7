/**
 * The demo generator against a real database: PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver, type DatabaseHandle } from '../support/database.ts';
import {
	createDemo,
	DEMO_PASSWORD,
	DEMO_SEED,
	demoExists,
	generateDemo,
	type DemoSummary
} from '../../src/lib/server/demo/index.ts';
import { academicYearStart } from '../../src/lib/domain/academic-year.ts';
import { ROLE_LABELS, SCHOOL_ROLES } from '../../src/lib/domain/roles.ts';
import { validateUpn } from '../../src/lib/domain/upn.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { recordAudit } from '../../src/lib/server/audit/record.ts';
import { systemActor } from '../../src/lib/server/access/actor.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import {
	auditEvents,
	groupSchools,
	memberships,
	organisations,
	pupils,
	users
} from '../../src/lib/server/db/schema/index.ts';

const TODAY = '2026-03-16';
const ACADEMIC_YEAR = academicYearStart(TODAY);

let handle: DatabaseHandle;
let db: Db;
let first: DemoSummary;
let firstMs = 0;

async function one<T>(query: Promise<T[]>): Promise<T> {
	const rows = await query;
	expect(rows).toHaveLength(1);
	return rows[0] as T;
}

function schoolId(summary: DemoSummary, name: string): string {
	const school = summary.schools.find((s) => s.name === name);
	if (!school) throw new Error(`No school ${name} in the summary`);
	return school.id;
}

async function onRoll(id: string): Promise<number> {
	const row = await one(
		db
			.select({ count: sql<number>`count(*)::int` })
			.from(pupils)
			.where(
				and(
					eq(pupils.schoolId, id),
					sql`${pupils.leavingDate} is null`,
					sql`${ACADEMIC_YEAR}::int - ${pupils.enteredYear7} + 7 between 7 and 13`
				)
			)
	);
	return row.count;
}

async function counts() {
	return one(
		db
			.select({
				organisations: sql<number>`(select count(*)::int from organisations where is_demo)`,
				pupils: sql<number>`(select count(*)::int from pupils p join organisations o on o.id = p.school_id where o.is_demo)`,
				users: sql<number>`(select count(*)::int from users)`,
				memberships: sql<number>`(select count(*)::int from memberships)`,
				groupLinks: sql<number>`(select count(*)::int from group_schools)`,
				created: sql<number>`(select count(*)::int from audit_events where action = 'demo.created')`
			})
			.from(sql`(select 1) as one`)
	);
}

async function upnSet(): Promise<Set<string>> {
	const rows = await db.select({ upn: pupils.upn }).from(pupils);
	return new Set(rows.map((r) => r.upn));
}

describe(`demo generator (${testDriver()})`, () => {
	beforeAll(async () => {
		handle = await freshDatabase();
		db = handle.db;
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('generates the same demo from the same seed and date, and a different one from another seed', () => {
		const a = generateDemo(DEMO_SEED, TODAY);
		const b = generateDemo(DEMO_SEED, TODAY);
		expect(b).toEqual(a);
		const c = generateDemo('another-seed', TODAY);
		expect(c.pupils.map((p) => p.upn)).not.toEqual(a.pupils.map((p) => p.upn));
	});

	it('creates the demo in one go, quickly', async () => {
		expect(await demoExists(db)).toBe(false);
		const started = performance.now();
		first = await createDemo(db, { today: TODAY });
		firstMs = performance.now() - started;
		console.info(`createDemo on ${testDriver()}: ${Math.round(firstMs)} ms (first run, includes hashing the password)`);
		expect(await demoExists(db)).toBe(true);
		expect(firstMs).toBeLessThan(30_000);
	});

	it('summarises the trust, the schools and one sign-in per role', async () => {
		expect(first.trust.name).toBe('Riverside Learning Trust');
		expect(first.schools.map((s) => [s.name, s.urn])).toEqual([
			['Riverside Academy', '999001'],
			['Hillcrest School', '999002']
		]);
		expect(first.password).toBe(DEMO_PASSWORD);
		expect(first.signIns.map((s) => s.role).sort()).toEqual(Object.values(ROLE_LABELS).sort());
		expect(first.signIns).toContainEqual({
			role: 'Careers leader',
			email: 'careers.leader@demo.waymark.school',
			school: 'Riverside Academy'
		});
		expect(first.signIns.find((s) => s.role === ROLE_LABELS['group-lead'])).toMatchObject({
			email: 'trust.lead@demo.waymark.school',
			school: 'Riverside Learning Trust'
		});
		for (const signIn of first.signIns) expect(signIn.email).toMatch(/@demo\.waymark\.school$/);
	});

	it('has about 1,200 pupils on roll at the main school and about 600 at the 11–16 school', async () => {
		const riverside = await onRoll(schoolId(first, 'Riverside Academy'));
		const hillcrest = await onRoll(schoolId(first, 'Hillcrest School'));
		expect(riverside).toBeGreaterThanOrEqual(1150);
		expect(riverside).toBeLessThanOrEqual(1250);
		expect(hillcrest).toBeGreaterThanOrEqual(570);
		expect(hillcrest).toBeLessThanOrEqual(630);
		expect(first.schools.map((s) => s.pupils)).toEqual([riverside, hillcrest]);

		const byYear = await db
			.select({
				year: sql<number>`(${ACADEMIC_YEAR}::int - ${pupils.enteredYear7} + 7)::int`,
				count: sql<number>`count(*)::int`
			})
			.from(pupils)
			.where(and(eq(pupils.schoolId, schoolId(first, 'Riverside Academy')), sql`${pupils.leavingDate} is null`))
			.groupBy(sql`1`)
			.orderBy(sql`1`);
		expect(byYear.map((r) => r.year)).toEqual([7, 8, 9, 10, 11, 12, 13]);
		for (const row of byYear.filter((r) => r.year <= 11)) expect(row.count).toBeGreaterThan(170);
	});

	it('keeps three years of leavers: Y11 and Y13 each July, and a few who left mid-year', async () => {
		const rows = await db
			.select({
				year: sql<number>`extract(year from ${pupils.leavingDate})::int`,
				july: sql<boolean>`extract(month from ${pupils.leavingDate}) = 7`,
				leftFrom: sql<string>`substring(${pupils.regGroup} from '^[0-9]+')`,
				count: sql<number>`count(*)::int`
			})
			.from(pupils)
			.where(and(eq(pupils.schoolId, schoolId(first, 'Riverside Academy')), sql`${pupils.leavingDate} is not null`))
			.groupBy(sql`1, 2, 3`);
		const julyLeavers = rows.filter((r) => r.july && (r.leftFrom === '11' || r.leftFrom === '13'));
		const leaverYears = [...new Set(julyLeavers.map((r) => r.year))].sort();
		expect(leaverYears).toEqual([ACADEMIC_YEAR - 2, ACADEMIC_YEAR - 1, ACADEMIC_YEAR]);
		for (const year of leaverYears) {
			for (const from of ['11', '13']) {
				const row = julyLeavers.find((r) => r.year === year && r.leftFrom === from);
				expect(row?.count ?? 0, `Y${from} leavers in July ${year}`).toBeGreaterThan(60);
			}
		}
		const midYear = rows.filter((r) => !r.july).reduce((sum, r) => sum + r.count, 0);
		expect(midYear).toBeGreaterThan(5);

		const late = await one(
			db
				.select({ count: sql<number>`count(*)::int` })
				.from(pupils)
				.where(sql`extract(month from ${pupils.admissionDate}) <> 9`)
		);
		expect(late.count).toBeGreaterThan(20);
		const future = await one(
			db
				.select({ count: sql<number>`count(*)::int` })
				.from(pupils)
				.where(sql`${pupils.admissionDate} > ${TODAY}::date or ${pupils.leavingDate} > ${TODAY}::date`)
		);
		expect(future.count).toBe(0);
	});

	it('gives every pupil a valid, unique UPN', async () => {
		const rows = await db.select({ upn: pupils.upn }).from(pupils);
		expect(rows.length).toBeGreaterThan(2500);
		const invalid = rows.filter((r) => !validateUpn(r.upn).ok);
		expect(invalid).toEqual([]);
		expect(new Set(rows.map((r) => r.upn)).size).toBe(rows.length);
	});

	it('has a realistic spread of SEN, disadvantage, EAL and attendance at the main school', async () => {
		const id = schoolId(first, 'Riverside Academy');
		const row = await one(
			db
				.select({
					total: sql<number>`count(*)::int`,
					k: sql<number>`count(*) filter (where ${pupils.senProvision} = 'K')::int`,
					e: sql<number>`count(*) filter (where ${pupils.senProvision} = 'E')::int`,
					fsm: sql<number>`count(*) filter (where ${pupils.fsmEligible})::int`,
					ever6: sql<number>`count(*) filter (where ${pupils.ever6Fsm})::int`,
					fsmNotEver6: sql<number>`count(*) filter (where ${pupils.fsmEligible} and not ${pupils.ever6Fsm})::int`,
					ppMismatch: sql<number>`count(*) filter (where ${pupils.pupilPremium} <> (${pupils.ever6Fsm} or ${pupils.lookedAfter}))::int`,
					eal: sql<number>`count(*) filter (where ${pupils.eal})::int`,
					lac: sql<number>`count(*) filter (where ${pupils.lookedAfter})::int`,
					persistentAbsence: sql<number>`count(*) filter (where ${pupils.attendancePercent} < 90)::int`,
					minAttendance: sql<number>`min(${pupils.attendancePercent})::float8`,
					ethnicities: sql<number>`count(distinct ${pupils.ethnicity})::int`,
					accented: sql<number>`count(*) filter (where ${pupils.legalForename} || ${pupils.legalSurname} ~ '[^ -~]')::int`
				})
				.from(pupils)
				.where(and(eq(pupils.schoolId, id), sql`${pupils.leavingDate} is null`))
		);
		const share = (n: number) => n / row.total;
		expect(share(row.k)).toBeGreaterThan(0.1);
		expect(share(row.k)).toBeLessThan(0.17);
		expect(share(row.e)).toBeGreaterThan(0.01);
		expect(share(row.e)).toBeLessThan(0.045);
		expect(share(row.fsm)).toBeGreaterThan(0.2);
		expect(share(row.fsm)).toBeLessThan(0.3);
		expect(share(row.ever6)).toBeGreaterThan(0.25);
		expect(share(row.ever6)).toBeLessThan(0.36);
		expect(row.fsmNotEver6).toBe(0);
		expect(row.ppMismatch).toBe(0);
		expect(share(row.eal)).toBeGreaterThan(0.13);
		expect(share(row.eal)).toBeLessThan(0.21);
		expect(row.lac).toBeGreaterThan(2);
		expect(share(row.lac)).toBeLessThan(0.025);
		expect(share(row.persistentAbsence)).toBeGreaterThan(0.1);
		expect(share(row.persistentAbsence)).toBeLessThan(0.3);
		expect(row.minAttendance).toBeLessThan(70);
		expect(row.ethnicities).toBeGreaterThan(10);
		expect(row.accented).toBeGreaterThan(10);
	});

	it('staffs every school role at the main school, with the careers leader a middle leader', async () => {
		const id = schoolId(first, 'Riverside Academy');
		const rows = await db
			.select({ email: users.email, roles: memberships.roles, tags: memberships.tags, jobTitle: memberships.jobTitle })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.organisationId, id));
		const roles = new Set(rows.flatMap((r) => r.roles));
		for (const role of SCHOOL_ROLES) expect(roles, role).toContain(role);
		const tags = new Set(rows.flatMap((r) => r.tags));
		for (const tag of ['subject-leader', 'tutor', 'senco', 'head-of-sixth']) expect(tags, tag).toContain(tag);
		const leader = rows.find((r) => r.email === 'careers.leader@demo.waymark.school');
		expect(leader?.roles).toContain('careers-leader');
		expect(leader?.jobTitle).toBe('Careers Leader and Head of PSHE');

		const advisers = await db
			.select({ email: users.email, level: users.adviserLevel })
			.from(users)
			.innerJoin(memberships, eq(memberships.userId, users.id))
			.where(and(eq(memberships.organisationId, id), sql`'careers-adviser' = any(${memberships.roles})`));
		expect(advisers.map((a) => a.level).sort()).toEqual([4, 6]);

		const hillcrest = await db
			.select({ email: users.email })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(
				and(
					eq(memberships.organisationId, schoolId(first, 'Hillcrest School')),
					sql`'careers-leader' = any(${memberships.roles})`
				)
			);
		expect(hillcrest.map((r) => r.email)).toEqual(['hillcrest.leader@demo.waymark.school']);
	});

	it('has one person in both schools and a group lead in the trust', async () => {
		const shared = await db
			.select({ email: users.email, schools: sql<number>`count(*)::int` })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
			.where(eq(organisations.kind, 'school'))
			.groupBy(users.email)
			.having(sql`count(*) > 1`);
		expect(shared).toEqual([{ email: 'careers.adviser@demo.waymark.school', schools: 2 }]);

		const leads = await db
			.select({ email: users.email })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.organisationId, first.trust.id), sql`'group-lead' = any(${memberships.roles})`));
		expect(leads.map((l) => l.email)).toEqual(['trust.lead@demo.waymark.school']);

		const links = await db
			.select({ schoolId: groupSchools.schoolId })
			.from(groupSchools)
			.where(eq(groupSchools.groupId, first.trust.id));
		expect(links.map((l) => l.schoolId).sort()).toEqual(first.schools.map((s) => s.id).sort());
	});

	it('gives every demo account the one demo password', async () => {
		const rows = await db.select({ hash: users.passwordHash }).from(users);
		const hashes = new Set(rows.map((r) => r.hash));
		expect(hashes.size).toBe(1);
		const [hash] = [...hashes];
		expect(await verifyPassword(hash as string, DEMO_PASSWORD)).toBe(true);
	});

	it('records one audit event per school, by the demo generator', async () => {
		const rows = await db
			.select({
				organisationId: auditEvents.organisationId,
				summary: auditEvents.summary,
				actor: auditEvents.actorLabel
			})
			.from(auditEvents)
			.where(eq(auditEvents.action, 'demo.created'));
		expect(rows.map((r) => r.organisationId).sort()).toEqual(first.schools.map((s) => s.id).sort());
		for (const row of rows) {
			expect(row.summary).toBe('Demo school created from seed waymark-demo');
			expect(row.actor).toBe('Waymark demo generator');
		}
	});

	it('refreshes: the same pupils again, no duplicates, real data untouched, audit still append-only', async () => {
		// Real data around the demo: a real school with its own person, and a real person who also joined
		// the demo school (keeps their account), and one who only ever joined the demo school (removed).
		const realSchool = await one(
			db
				.insert(organisations)
				.values({ kind: 'school', name: 'A real school', urn: '123456', phase: 'secondary' })
				.returning({ id: organisations.id })
		);
		const [realUser, both, demoOnly] = await db
			.insert(users)
			.values([
				{ email: 'real@example.org', name: 'Real Person' },
				{ email: 'both@example.org', name: 'In Both' },
				{ email: 'visitor@example.org', name: 'Demo Visitor' }
			])
			.returning({ id: users.id });
		const riverside = schoolId(first, 'Riverside Academy');
		await db.insert(memberships).values([
			{ userId: realUser!.id, organisationId: realSchool.id, roles: ['careers-leader'] },
			{ userId: both!.id, organisationId: realSchool.id, roles: ['teacher'] },
			{ userId: both!.id, organisationId: riverside, roles: ['teacher'] },
			{ userId: demoOnly!.id, organisationId: riverside, roles: ['teacher'] }
		]);
		await recordAudit(db, systemActor('test'), {
			organisationId: realSchool.id,
			action: 'organisation.created',
			recordType: 'organisation',
			recordId: realSchool.id,
			summary: 'A real school was added'
		});
		await recordAudit(db, systemActor('test'), {
			organisationId: riverside,
			action: 'membership.created',
			recordType: 'membership',
			summary: 'A visitor joined the demo school'
		});

		const before = await counts();
		const upnsBefore = await upnSet();
		const started = performance.now();
		const second = await createDemo(db, { today: TODAY });
		const refreshMs = performance.now() - started;
		console.info(
			`createDemo refresh on ${testDriver()}: ${Math.round(refreshMs)} ms (first run ${Math.round(firstMs)} ms)`
		);
		const after = await counts();

		expect(await upnSet()).toEqual(upnsBefore);
		expect(after.organisations).toBe(4);
		expect(after.pupils).toBe(before.pupils);
		expect(after.groupLinks).toBe(2);
		expect(after.created).toBe(2);
		// The visitor who only belonged to the demo is gone; the one in both keeps only the real membership.
		expect(after.users).toBe(before.users - 1);
		expect(after.memberships).toBe(before.memberships - 2);
		expect(second.schools.map((s) => s.pupils)).toEqual(first.schools.map((s) => s.pupils));
		expect(second.schools.map((s) => s.id)).not.toEqual(first.schools.map((s) => s.id));

		const gone = await one(
			db
				.select({ count: sql<number>`count(*)::int` })
				.from(organisations)
				.where(
					sql`${organisations.id} in (${sql.join(
						first.schools.map((s) => sql`${s.id}::uuid`),
						sql`, `
					)})`
				)
		);
		expect(gone.count).toBe(0);

		const realMemberships = await db
			.select({ email: users.email })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.organisationId, realSchool.id));
		expect(realMemberships.map((m) => m.email).sort()).toEqual(['both@example.org', 'real@example.org']);
		const visitor = await db.select().from(users).where(eq(users.email, 'visitor@example.org'));
		expect(visitor).toEqual([]);

		const trail = await db
			.select({ action: auditEvents.action, organisationId: auditEvents.organisationId })
			.from(auditEvents)
			.orderBy(auditEvents.id);
		expect(trail.filter((e) => e.action === 'organisation.created')).toEqual([
			{ action: 'organisation.created', organisationId: realSchool.id }
		]);
		expect(trail.some((e) => e.action === 'membership.created')).toBe(false);
		expect(trail.filter((e) => e.action === 'demo.removed')).toHaveLength(1);

		// The purge permission lasted only for the refresh transaction.
		await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
		const still = await one(db.select({ count: sql<number>`count(*)::int` }).from(auditEvents));
		expect(still.count).toBe(trail.length);
	});
});
