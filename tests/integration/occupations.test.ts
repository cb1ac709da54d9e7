/**
 * The occupations library: the shared SOC 2020 unit groups and seed careers, search by title and subject,
 * and a school's own careers, which no other school sees (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, occupations } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { addEntry, createMap, removeEntry, type MapOwner } from '../../src/lib/server/subject-maps/service.ts';
import {
	ensureOccupationsLibrary,
	SEED_CAREERS,
	seedCareerId,
	socOccupationId
} from '../../src/lib/server/occupations/library.ts';
import {
	createOccupation,
	deleteOccupation,
	occupationForSchool,
	searchOccupations,
	updateOccupation
} from '../../src/lib/server/occupations/service.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

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

let riverside: School;
let hillcrest: School;
let leader: Actor;
let governor: Actor;
let otherLeader: Actor;

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	await ensureOccupationsLibrary(handle.db);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const people: [string, string, string, string[]][] = [
		['137501', 'leader@riverside.example', 'Ada Leader', ['careers-leader']],
		['137501', 'governor@riverside.example', 'Gill Governor', ['link-governor']],
		['137502', 'leader@hillcrest.example', 'Hal Leader', ['careers-leader']]
	];
	for (const [schoolUrn, email, name, roles] of people) {
		await addPerson(system, { email, name, schoolUrn, roles, password: PASSWORD });
	}
	leader = await signedIn('leader@riverside.example');
	governor = await signedIn('governor@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
});

describe('the shared library', () => {
	it('holds the 412 SOC 2020 unit groups and the seed careers, shared by every school', async () => {
		const rows = await handle.db
			.select({ source: occupations.source, n: sql<number>`count(*)::int` })
			.from(occupations)
			.where(sql`${occupations.organisationId} is null`)
			.groupBy(occupations.source);
		expect(Object.fromEntries(rows.map((r) => [r.source, r.n]))).toEqual({
			soc2020: 412,
			seed: SEED_CAREERS.length
		});
		const [software] = await handle.db
			.select()
			.from(occupations)
			.where(eq(occupations.id, socOccupationId('2134')));
		expect(software).toMatchObject({
			title: 'Programmers and software development professionals',
			socCode: '2134',
			description: null
		});
		const [curator] = await handle.db
			.select()
			.from(occupations)
			.where(eq(occupations.id, seedCareerId('Art curator')));
		expect(curator).toMatchObject({ source: 'seed', socCode: '2472', routes: ['higher-education'] });
		expect(curator?.subjects).toContain('Art and design');
	});

	it('every seed career has what a career card needs, and its SOC code is a real unit group', async () => {
		const codes = new Set(
			(
				await handle.db.select({ c: occupations.socCode }).from(occupations).where(eq(occupations.source, 'soc2020'))
			).map((r) => r.c)
		);
		for (const c of SEED_CAREERS) {
			expect(c.description.length, c.title).toBeGreaterThan(20);
			expect(c.keySkill.length, c.title).toBeGreaterThan(2);
			expect(c.subjects.length, c.title).toBeGreaterThan(0);
			expect(c.routes.length, c.title).toBeGreaterThan(0);
			if (c.socCode) expect(codes.has(c.socCode), `${c.title} ${c.socCode}`).toBe(true);
		}
	});

	it('filling it again adds nothing and puts back changed wording', async () => {
		await handle.db
			.update(occupations)
			.set({ title: 'Changed by hand' })
			.where(eq(occupations.id, seedCareerId('Architect')));
		expect(await ensureOccupationsLibrary(handle.db)).toBe(1);
		expect(await ensureOccupationsLibrary(handle.db)).toBe(0);
		const [architect] = await handle.db
			.select()
			.from(occupations)
			.where(eq(occupations.id, seedCareerId('Architect')));
		expect(architect?.title).toBe('Architect');
		const [all] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(occupations);
		expect(all?.n).toBe(412 + SEED_CAREERS.length);
	});
});

describe('searching', () => {
	it('finds careers by words in the title, case-insensitively', async () => {
		const found = await searchOccupations(leader, riverside, { query: 'SOFTWARE', pageSize: 100 });
		const titles = found.items.map((o) => o.title);
		expect(titles).toContain('Software engineer');
		expect(titles).toContain('Programmers and software development professionals');
		expect(titles.every((t) => /software/i.test(t))).toBe(true);
		// Described careers come before the SOC groups.
		expect(found.items[0]?.source).toBe('seed');
	});

	it('finds careers by subject, and filters by source', async () => {
		const art = await searchOccupations(leader, riverside, { subject: 'art and design', pageSize: 200 });
		expect(art.items.map((o) => o.title)).toEqual(expect.arrayContaining(['Art curator', 'Tattooist', 'Web designer']));
		expect(art.items.every((o) => o.subjects.some((s) => s.toLowerCase() === 'art and design'))).toBe(true);
		// The words box searches subjects too.
		const maths = await searchOccupations(leader, riverside, { query: 'mathematics', pageSize: 200 });
		expect(maths.items.map((o) => o.title)).toContain('Actuary');
		const soc = await searchOccupations(leader, riverside, { query: 'teach', source: 'soc2020', pageSize: 100 });
		expect(soc.items.length).toBeGreaterThan(3);
		expect(soc.items.every((o) => o.source === 'soc2020')).toBe(true);
	});

	it('pages through the whole library', async () => {
		const first = await searchOccupations(leader, riverside, { pageSize: 25 });
		expect(first.total).toBe(412 + SEED_CAREERS.length);
		const second = await searchOccupations(leader, riverside, { pageSize: 25, page: 2 });
		expect(second.page).toBe(2);
		expect(second.items.map((o) => o.id)).not.toContain(first.items[0]?.id);
	});

	it('treats % and _ as plain characters', async () => {
		expect((await searchOccupations(leader, riverside, { query: '%' })).total).toBe(0);
	});
});

describe('a school’s own careers', () => {
	let ownId: string;

	it('a careers leader adds one, with an audit event', async () => {
		ownId = await createOccupation(leader, riverside, {
			title: 'Drone pilot',
			description: 'Flies drones to film events and inspect buildings.',
			keySkill: 'Steady hands',
			subjects: 'Physics, Geography',
			routes: ['further-education', 'apprenticeship'],
			socCode: '3511'
		});
		const own = await occupationForSchool(leader, riverside, ownId);
		expect(own).toMatchObject({
			source: 'school',
			organisationId: riverside.id,
			subjects: ['Physics', 'Geography'],
			socTitle: 'Aircraft pilots and air traffic controllers'
		});
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'occupation.created'), eq(auditEvents.recordId, ownId)));
		expect(audit?.organisationId).toBe(riverside.id);
		const found = await searchOccupations(leader, riverside, { query: 'drone' });
		expect(found.items.map((o) => o.title)).toEqual(['Drone pilot']);
	});

	it('is invisible to another school', async () => {
		expect((await searchOccupations(otherLeader, hillcrest, { query: 'drone' })).total).toBe(0);
		expect(
			(await searchOccupations(otherLeader, hillcrest, { subject: 'Physics', pageSize: 500 })).items.map((o) => o.id)
		).not.toContain(ownId);
		await expect(occupationForSchool(otherLeader, hillcrest, ownId)).rejects.toThrow(NotFoundError);
		await expect(updateOccupation(otherLeader, hillcrest, ownId, { title: 'Taken over' })).rejects.toThrow(
			NotFoundError
		);
	});

	it('validates what is entered, with clear messages', async () => {
		const errors = await validationErrors(
			createOccupation(leader, riverside, { title: ' ', routes: ['university'], socCode: '12' })
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['routes', 'socCode', 'title']);
		expect(errors.find((e) => e.field === 'socCode')?.message).toBe('SOC 2020 code must be 4 digits, like 2134');
		expect(
			(await validationErrors(createOccupation(leader, riverside, { title: 'x', socCode: '9999' })))[0]?.message
		).toMatch(/not a SOC 2020 unit group code/);
		expect((await validationErrors(createOccupation(leader, riverside, { title: 'drone PILOT' })))[0]?.message).toBe(
			'Your school already has a career called “drone PILOT”'
		);
	});

	it('is changed by the school; shared careers are not', async () => {
		await updateOccupation(leader, riverside, ownId, { title: 'Drone operator', subjects: ['Physics'] });
		expect((await occupationForSchool(leader, riverside, ownId)).title).toBe('Drone operator');
		await expect(updateOccupation(leader, riverside, seedCareerId('Architect'), { title: 'Mine now' })).rejects.toThrow(
			ForbiddenError
		);
	});

	it('a governor reads the library but cannot add to it', async () => {
		expect((await searchOccupations(governor, riverside, { query: 'drone' })).total).toBe(1);
		await expect(createOccupation(governor, riverside, { title: 'Governor’s career' })).rejects.toThrow(ForbiddenError);
	});

	it('is deleted by the school only when no subject map has it, the refusal naming the map', async () => {
		const owner: MapOwner = { kind: 'school', school: riverside };
		const mapId = await createMap(leader, owner, { subject: 'Physics', academicYear: 2025 });
		const entryId = await addEntry(leader, owner, mapId, { yearGroup: 9, halfTerm: 2, occupationId: ownId });
		expect(await validationErrors(deleteOccupation(leader, riverside, ownId))).toEqual([
			{ field: 'delete', message: '“Drone operator” is on a subject map (Physics 2025/26): take it off that map first' }
		]);
		expect((await occupationForSchool(leader, riverside, ownId)).title).toBe('Drone operator');
		await expect(deleteOccupation(governor, riverside, ownId)).rejects.toThrow(ForbiddenError);
		await expect(deleteOccupation(otherLeader, hillcrest, ownId)).rejects.toThrow(NotFoundError);
		await expect(deleteOccupation(leader, riverside, seedCareerId('Architect'))).rejects.toThrow(ForbiddenError);

		await removeEntry(leader, owner, mapId, entryId);
		expect(await deleteOccupation(leader, riverside, ownId)).toBe('Drone operator');
		await expect(occupationForSchool(leader, riverside, ownId)).rejects.toThrow(NotFoundError);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'occupation.deleted'), eq(auditEvents.recordId, ownId)));
		expect(audit?.before).toMatchObject({ title: 'Drone operator', subjects: ['Physics'] });
	});
});
