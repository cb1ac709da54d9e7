/**
 * Schools, people, invitations, sign-in and the audit trail, on the real database (PGlite, and
 * Postgres when DATABASE_URL is set).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	memberships,
	organisations,
	pupils,
	sessions,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import {
	acceptInvitation,
	addPerson,
	invite,
	listPeople,
	viewInvitation
} from '../../src/lib/server/people/service.ts';
import { signIn, WRONG_DETAILS } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/auth/password-reset.ts';
import { auditTrail } from '../../src/lib/server/audit/trail.ts';
import { viewPupil } from '../../src/lib/server/pupils/service.ts';
import { latestOutboxMessage } from '../../src/lib/server/mail/send.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

async function count(
	table: typeof organisations | typeof users | typeof memberships | typeof auditEvents
): Promise<number> {
	const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
	return row?.n ?? -1;
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

async function signedIn(email: string, password = PASSWORD): Promise<Actor> {
	const result = await signIn(email, password);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

let riverside: School;
let hillcrest: School;

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox, SIGN_IN_MAX_FAILURES: '3' }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137401', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137402', name: 'Hillcrest School', highestYear: '11' });
	await addPerson(system, {
		email: 'Leader@Riverside.example',
		name: 'Ada Leader',
		schoolUrn: '137401',
		roles: ['careers-leader'],
		password: PASSWORD
	});
	await addPerson(system, {
		email: 'teacher@riverside.example',
		name: 'Tom Teacher',
		schoolUrn: '137401',
		roles: ['teacher'],
		tags: ['tutor'],
		password: PASSWORD
	});
	await addPerson(system, {
		email: 'governor@riverside.example',
		name: 'Gill Governor',
		schoolUrn: '137401',
		roles: ['link-governor'],
		password: PASSWORD
	});
	await addPerson(system, {
		email: 'leader@hillcrest.example',
		name: 'Hal Leader',
		schoolUrn: '137402',
		roles: ['careers-leader'],
		password: PASSWORD
	});
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe('adding schools and people (the command line)', () => {
	it('refuses a duplicate URN, naming the school that has it, and writes nothing', async () => {
		const before = await count(organisations);
		const errors = await validationErrors(addSchool(system, { urn: '137401', name: 'Another' }));
		expect(errors).toEqual([{ field: 'urn', message: 'URN 137401 is already used by Riverside Academy' }]);
		expect(await count(organisations)).toBe(before);
	});

	it('says what a URN looks like', async () => {
		const errors = await validationErrors(addSchool(system, { urn: '12AB', name: 'X' }));
		expect(errors[0]?.field).toBe('urn');
		expect(errors[0]?.message).toMatch(/6 or 7 digit/);
	});

	it('refuses a malformed email, an unknown role and a weak password, each saying why, and writes nothing', async () => {
		const users0 = await count(users);
		const audit0 = await count(auditEvents);
		expect(
			await validationErrors(
				addPerson(system, { email: 'not-an-email', name: 'X', schoolUrn: '137401', roles: ['teacher'] })
			)
		).toEqual([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.sch.uk' }]);
		const unknownRole = await validationErrors(
			addPerson(system, { email: 'x@example.org', name: 'X', schoolUrn: '137401', roles: ['headteacher'] })
		);
		expect(unknownRole[0]?.message).toContain('Unknown role "headteacher"');
		expect(unknownRole[0]?.message).toContain('careers-leader');
		const weak = await validationErrors(
			addPerson(system, {
				email: 'x@example.org',
				name: 'X',
				schoolUrn: '137401',
				roles: ['teacher'],
				password: 'short'
			})
		);
		expect(weak).toEqual([{ field: 'password', message: expect.stringMatching(/at least 12 characters/) }]);
		expect(await count(users)).toBe(users0);
		expect(await count(auditEvents)).toBe(audit0);
	});

	it('stores emails in lower case and audits the new membership', async () => {
		const [row] = await handle.db.select().from(users).where(eq(users.email, 'leader@riverside.example'));
		expect(row?.name).toBe('Ada Leader');
		const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'membership.created'));
		expect(events.map((e) => e.summary)).toContain('Ada Leader <leader@riverside.example> added as Careers leader');
	});
});

describe('signing in', () => {
	it('gives a clear error for a wrong password and locks the address after repeated failures', async () => {
		const wrong = await signIn('teacher@riverside.example', 'not the password');
		expect(wrong).toEqual({ ok: false, field: 'email', message: WRONG_DETAILS });
		await signIn('teacher@riverside.example', 'nope nope nope');
		await signIn('teacher@riverside.example', 'nope nope nope');
		const locked = await signIn('teacher@riverside.example', PASSWORD);
		expect(locked.ok).toBe(false);
		if (!locked.ok) expect(locked.message).toMatch(/Too many failed attempts/);
		// Another person is not affected.
		expect((await signIn('governor@riverside.example', PASSWORD)).ok).toBe(true);
	});

	it('resets a password by an emailed link that works once and ends existing sessions', async () => {
		const before = await signIn('governor@riverside.example', PASSWORD);
		if (!before.ok) throw new Error('sign-in failed');
		await requestPasswordReset('GOVERNOR@riverside.example');
		const mail = latestOutboxMessage('governor@riverside.example', outbox) ?? '';
		const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail)?.[1];
		expect(token).toBeTruthy();
		expect(await validationErrors(resetPassword(token!, 'short', 'short'))).toEqual([
			{ field: 'password', message: expect.stringMatching(/at least 12 characters/) }
		]);
		await resetPassword(token!, 'a brand new long password', 'a brand new long password');
		expect(await actorForSession(before.token)).toBeNull();
		expect((await signIn('governor@riverside.example', 'a brand new long password')).ok).toBe(true);
		expect(await validationErrors(resetPassword(token!, 'another long password', 'another long password'))).toEqual([
			{ field: 'password', message: expect.stringMatching(/expired or has already been used/) }
		]);
	});
});

describe('sessions', () => {
	it('ends a session left idle too long, and one past its lifetime however active', async () => {
		const [idle, old, fresh] = [
			await signIn('leader@riverside.example', PASSWORD),
			await signIn('leader@riverside.example', PASSWORD),
			await signIn('leader@riverside.example', PASSWORD)
		];
		if (!idle.ok || !old.ok || !fresh.ok) throw new Error('sign-in failed');
		// SESSION_IDLE_MINUTES defaults to 240: five hours without a request is too long.
		await handle.db
			.update(sessions)
			.set({ lastSeenAt: new Date(Date.now() - 5 * 3_600_000) })
			.where(eq(sessions.tokenHash, hashToken(idle.token)));
		await handle.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.tokenHash, hashToken(old.token)));
		expect(await actorForSession(idle.token)).toBeNull();
		expect(await actorForSession(old.token)).toBeNull();
		expect((await actorForSession(fresh.token))?.email).toBe('leader@riverside.example');
		// Ended sessions are gone from the database, not just ignored.
		const left = await handle.db
			.select()
			.from(sessions)
			.where(eq(sessions.tokenHash, hashToken(idle.token)));
		expect(left).toEqual([]);
	});
});

describe('invitations', () => {
	it('lets a careers leader invite a colleague who accepts and lands in the school', async () => {
		const leader = await signedIn('leader@riverside.example');
		await invite(leader, riverside, { email: 'Adviser@Example.org', name: 'Ann Adviser', roles: ['careers-adviser'] });
		const mail = latestOutboxMessage('adviser@example.org', outbox) ?? '';
		expect(mail).toContain('Riverside Academy');
		const token = /invitations\/([A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? '';
		expect((await viewInvitation(token))?.roles).toEqual(['careers-adviser']);
		const weak = await validationErrors(
			acceptInvitation(token, { name: 'Ann Adviser', password: 'short', confirm: 'short' })
		);
		expect(weak[0]?.field).toBe('password');
		const session = await acceptInvitation(token, { name: 'Ann Adviser', password: PASSWORD, confirm: PASSWORD });
		const adviser = await actorForSession(session.token);
		expect(adviser?.currentOrganisationId).toBe(riverside.id);
		expect(adviser?.memberships.map((m) => m.roles)).toEqual([['careers-adviser']]);
		expect(await viewInvitation(token)).toBeNull();
		const people = await listPeople(leader, riverside);
		expect(people.map((p) => p.email)).toContain('adviser@example.org');
	});

	it('does not let a teacher invite, nor a leader invite into another school', async () => {
		const teacher = await signedIn('governor@riverside.example', 'a brand new long password');
		await expect(
			invite(teacher, riverside, { email: 'a@b.org', name: 'A', roles: ['teacher'] })
		).rejects.toBeInstanceOf(ForbiddenError);
		const leader = await signedIn('leader@riverside.example');
		await expect(invite(leader, hillcrest, { email: 'a@b.org', name: 'A', roles: ['teacher'] })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(schoolForActor(leader, '137402', 'school.view')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses to invite someone already in the school', async () => {
		const leader = await signedIn('leader@riverside.example');
		expect(
			await validationErrors(
				invite(leader, riverside, { email: 'teacher@riverside.example', name: 'Tom', roles: ['teacher'] })
			)
		).toEqual([{ field: 'email', message: 'teacher@riverside.example is already a member of Riverside Academy' }]);
	});
});

describe('pupil records and the audit trail', () => {
	it('audits each view of a pupil record, and the audit page filters by person, record and date', async () => {
		const [pupil] = await handle.db
			.insert(pupils)
			.values({
				schoolId: riverside.id,
				upn: 'B801200005001',
				legalSurname: 'Nowak',
				legalForename: 'Łukasz',
				dateOfBirth: '2012-03-04',
				enteredYear7: 2023
			})
			.returning();
		const leader = await signedIn('leader@riverside.example');
		const record = await viewPupil(leader, riverside, pupil!.id, 'req-1');
		expect(record.name).toBe('Łukasz Nowak');
		const outsider = await signedIn('leader@hillcrest.example');
		await expect(viewPupil(outsider, riverside, pupil!.id)).rejects.toBeInstanceOf(NotFoundError);

		const byRecord = await auditTrail(leader, riverside, { record: pupil!.id });
		expect(byRecord.events.map((e) => [e.action, e.actorLabel])).toEqual([
			['pupil.viewed', 'Ada Leader <leader@riverside.example>']
		]);
		const byPerson = await auditTrail(leader, riverside, { person: leader.userId });
		expect(byPerson.events.every((e) => e.actorUserId === leader.userId)).toBe(true);
		expect(byPerson.events.map((e) => e.action)).toEqual(
			expect.arrayContaining(['pupil.viewed', 'invitation.created'])
		);
		const future = await auditTrail(leader, riverside, { from: '2999-01-01' });
		expect(future.total).toBe(0);
		const errors = await validationErrors(auditTrail(leader, riverside, { from: '23/11/2026' }));
		expect(errors[0]).toEqual({ field: 'from', message: 'Enter a date like 2026-11-23' });
	});

	it('refuses to change or delete audit events', async () => {
		// Drizzle wraps the database's refusal; the cause is Postgres's own message from the trigger.
		const refusal = { cause: { message: expect.stringMatching(/audit trail is append-only/) } };
		await expect(handle.db.execute(sql`update audit_events set summary = 'x'`)).rejects.toMatchObject(refusal);
		await expect(handle.db.execute(sql`delete from audit_events`)).rejects.toMatchObject(refusal);
	});

	it('keeps the audit trail of one school out of another', async () => {
		const outsider = await signedIn('leader@hillcrest.example');
		const trail = await auditTrail(outsider, hillcrest, {});
		expect(trail.events.every((e) => !e.summary.includes('Nowak'))).toBe(true);
		expect(await count(auditEvents)).toBeGreaterThan(trail.total);
		const [s] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
		expect(s?.n).toBeGreaterThan(0);
	});
});

describe('the dashboard and trust figures', () => {
	it('counts pupils on roll by year group, leaving out leavers and pupils not yet joined', async () => {
		const { schoolDashboard } = await import('../../src/lib/server/schools/dashboard.ts');
		const { academicYearStart, todayInLondon } = await import('../../src/lib/domain/academic-year.ts');
		const start = academicYearStart(todayInLondon());
		const base = { schoolId: hillcrest.id, legalForename: 'Zoë', dateOfBirth: '2014-01-01' };
		await handle.db.insert(pupils).values([
			{ ...base, upn: 'A100', legalSurname: 'Year Eight', enteredYear7: start - 1, senProvision: 'K' as const },
			{ ...base, upn: 'A101', legalSurname: 'Year Eight PP', enteredYear7: start - 1, pupilPremium: true },
			{ ...base, upn: 'A102', legalSurname: 'Left', enteredYear7: start - 1, leavingDate: '2020-07-20' },
			{ ...base, upn: 'A103', legalSurname: 'Joins later', enteredYear7: start, admissionDate: '2999-01-01' },
			{ ...base, upn: 'A104', legalSurname: 'Year Seven', enteredYear7: start }
		]);
		const leader = await signedIn('leader@hillcrest.example');
		const dashboard = await schoolDashboard(leader, hillcrest);
		expect(dashboard.roll.onRoll).toBe(3);
		expect(dashboard.roll.byYear).toEqual([
			{ yearGroup: 7, pupils: 1, sen: 0, pupilPremium: 0 },
			{ yearGroup: 8, pupils: 2, sen: 1, pupilPremium: 1 }
		]);
		// The figure and the list agree: Year 8's two pupils are the ones listed.
		const { listPupils } = await import('../../src/lib/server/pupils/service.ts');
		const year8 = await listPupils(leader, hillcrest, { year: '8' });
		expect(year8.total).toBe(2);
		expect(year8.pupils.map((p) => p.name).sort()).toEqual(['Zoë Year Eight', 'Zoë Year Eight PP']);
		const bad = await listPupils(leader, hillcrest, { year: '', q: 'zoë', page: 'x' });
		expect(bad.total).toBe(3);
	});
});
