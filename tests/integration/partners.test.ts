/**
 * Partners and their contacts, on the real database (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, db, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	deliveredActivities,
	deliveredActivityPartners,
	partnerContacts,
	partners
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	addContact,
	createPartner,
	findOrCreatePartners,
	getPartner,
	listPartners,
	removeContact,
	updatePartner
} from '../../src/lib/server/partners/service.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

let riverside: School;
let hillcrest: School;
let leader: Actor;
let teacher: Actor;
let governor: Actor;
let otherLeader: Actor;

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

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137701', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137702', name: 'Hillcrest School' });
	const people: [string, string, string, string][] = [
		['leader@riverside.example', 'Ada Leader', '137701', 'careers-leader'],
		['teacher@riverside.example', 'Tom Teacher', '137701', 'teacher'],
		['governor@riverside.example', 'Gill Governor', '137701', 'link-governor'],
		['leader@hillcrest.example', 'Hal Leader', '137702', 'careers-leader']
	];
	for (const [email, name, schoolUrn, role] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
});

describe('partners', () => {
	let acmeId: string;

	it('creates a partner, audited, and lists it with its counts', async () => {
		const before = await auditCount('partner.created');
		const acme = await createPartner(leader, riverside, {
			name: '  Acme   Engineering Ltd ',
			kind: 'employer',
			sector: 'Engineering',
			size: 'medium',
			website: 'www.acme.example'
		});
		acmeId = acme.id;
		expect(acme).toMatchObject({
			name: 'Acme Engineering Ltd',
			kind: 'employer',
			kindLabel: 'Employer',
			size: 'medium',
			website: 'https://www.acme.example'
		});
		expect(await auditCount('partner.created')).toBe(before + 1);
		await createPartner(leader, riverside, { name: 'Riverside College', kind: 'fe-college', ukprn: '1000 1234' });

		const all = await listPartners(teacher, riverside);
		expect(all.map((p) => p.name)).toEqual(['Acme Engineering Ltd', 'Riverside College']);
		expect(all[1]).toMatchObject({ ukprn: '10001234', contacts: 0, activities: 0 });
		expect((await listPartners(leader, riverside, { kind: 'fe-college' })).map((p) => p.name)).toEqual([
			'Riverside College'
		]);
		expect((await listPartners(leader, riverside, { q: 'engineer' })).map((p) => p.name)).toEqual([
			'Acme Engineering Ltd'
		]);
		expect(await listPartners(leader, riverside, { q: '%' })).toEqual([]);
	});

	it('refuses a second partner with the same name in any case, naming the one that exists', async () => {
		const errors = await validationErrors(
			createPartner(leader, riverside, { name: 'ACME ENGINEERING LTD', kind: 'charity' })
		);
		expect(errors).toEqual([{ field: 'name', message: expect.stringContaining('“Acme Engineering Ltd”') }]);
		const college = (await listPartners(leader, riverside, { kind: 'fe-college' }))[0]!;
		const renamed = await validationErrors(
			updatePartner(leader, riverside, college.id, { name: 'acme engineering ltd' })
		);
		expect(renamed[0]?.message).toContain('“Acme Engineering Ltd”');
		// The same name is fine in another school.
		await expect(
			createPartner(otherLeader, hillcrest, { name: 'Acme Engineering Ltd', kind: 'employer' })
		).resolves.toMatchObject({
			name: 'Acme Engineering Ltd'
		});
	});

	it('checks each field and says what is expected', async () => {
		const errors = await validationErrors(
			createPartner(leader, riverside, { name: '', kind: 'shop', ukprn: '123', website: 'not a website' })
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['kind', 'name', 'ukprn', 'website']);
		const wrongKind = await validationErrors(
			createPartner(leader, riverside, { name: 'Youth Trust', kind: 'charity', ukprn: '10001234', size: 'small' })
		);
		expect(wrongKind.map((e) => e.field).sort()).toEqual(['size', 'ukprn']);
	});

	it('updates a partner, audited with before and after', async () => {
		const updated = await updatePartner(leader, riverside, acmeId, { sector: 'Advanced manufacturing' });
		expect(updated.sector).toBe('Advanced manufacturing');
		expect(updated.name).toBe('Acme Engineering Ltd');
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'partner.updated'), eq(auditEvents.recordId, acmeId)));
		expect(event?.before).toMatchObject({ sector: 'Engineering' });
		expect(event?.after).toMatchObject({ sector: 'Advanced manufacturing' });
	});

	it('adds and removes contacts', async () => {
		const contact = await addContact(leader, riverside, acmeId, {
			name: 'Priya Shah',
			role: 'Early careers manager',
			email: 'Priya.Shah@Acme.example',
			phone: '01632 960 001'
		});
		expect(contact.email).toBe('priya.shah@acme.example');
		const bad = await validationErrors(
			addContact(leader, riverside, acmeId, { name: '', email: 'nope', phone: 'call me' })
		);
		expect(bad.map((e) => e.field).sort()).toEqual(['email', 'name', 'phone']);
		let details = await getPartner(teacher, riverside, acmeId);
		expect(details.contacts).toEqual([
			{
				id: contact.id,
				name: 'Priya Shah',
				role: 'Early careers manager',
				email: 'priya.shah@acme.example',
				phone: '01632 960 001'
			}
		]);
		expect((await listPartners(leader, riverside, { q: 'acme' }))[0]?.contacts).toBe(1);

		// Another school's leader cannot remove it, even knowing both ids.
		await expect(removeContact(otherLeader, hillcrest, acmeId, contact.id)).rejects.toBeInstanceOf(NotFoundError);
		await removeContact(leader, riverside, acmeId, contact.id);
		details = await getPartner(leader, riverside, acmeId);
		expect(details.contacts).toEqual([]);
		expect(await auditCount('partner.contact-added')).toBe(1);
		expect(await auditCount('partner.contact-removed')).toBe(1);
		const [left] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(partnerContacts);
		expect(left?.n).toBe(0);
	});

	it('shows the activities a partner delivered, read from the delivered activities', async () => {
		const [activity] = await handle.db
			.insert(deliveredActivities)
			.values({
				schoolId: riverside.id,
				title: 'Engineering workshop',
				type: 'employer-encounter',
				date: '2025-11-05',
				academicYear: 2025
			})
			.returning();
		await handle.db.insert(deliveredActivityPartners).values({ deliveredActivityId: activity!.id, partnerId: acmeId });
		const details = await getPartner(leader, riverside, acmeId);
		expect(details.activities).toEqual([
			{
				id: activity!.id,
				title: 'Engineering workshop',
				date: '2025-11-05',
				type: 'employer-encounter',
				typeLabel: 'Encounter with employers and employees'
			}
		]);
		expect((await listPartners(leader, riverside, { q: 'acme' }))[0]?.activities).toBe(1);
	});

	it('keeps another school’s partners out of sight', async () => {
		expect((await listPartners(otherLeader, hillcrest)).map((p) => p.name)).toEqual(['Acme Engineering Ltd']);
		await expect(getPartner(otherLeader, hillcrest, acmeId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updatePartner(otherLeader, hillcrest, acmeId, { name: 'Taken over' })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(addContact(otherLeader, hillcrest, acmeId, { name: 'Spy' })).rejects.toBeInstanceOf(NotFoundError);
		// Riverside's list through Hillcrest's leader: not a member there.
		await expect(listPartners(otherLeader, riverside)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getPartner(leader, riverside, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses a governor, and lets a teacher read but not change', async () => {
		await expect(listPartners(governor, riverside)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(getPartner(governor, riverside, acmeId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createPartner(teacher, riverside, { name: 'New Co', kind: 'employer' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(addContact(teacher, riverside, acmeId, { name: 'Someone' })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('finds or creates partners for an import, matching names whatever the case', async () => {
		const result = await db().transaction((tx) =>
			findOrCreatePartners(tx, riverside.id, [
				{ name: 'acme engineering LTD', kind: 'other' },
				{ name: 'Northgate Bank', kind: 'employer' },
				{ name: 'NORTHGATE  BANK', kind: 'charity' }
			])
		);
		expect(result.created).toEqual(['Northgate Bank']);
		expect(result.ids.get('acme engineering ltd')).toBe(acmeId);
		const [northgate] = await handle.db
			.select()
			.from(partners)
			.where(and(eq(partners.schoolId, riverside.id), eq(partners.name, 'Northgate Bank')));
		expect(northgate?.kind).toBe('employer');
		expect(result.ids.get('northgate bank')).toBe(northgate?.id);
	});
});
