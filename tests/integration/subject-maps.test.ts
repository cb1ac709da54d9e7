/**
 * Subject careers maps: the grid's rules, copying a map into next year, a trainee's map offered to a
 * placement school and taken or declined there, who may change what, and the Benchmark 4 view of
 * careers mapped against curriculum-linked activities delivered (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	deliveredActivities,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	organisations,
	subjectMapEntries,
	subjectMaps,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { workbookForActor, type Workbook } from '../../src/lib/server/development/access.ts';
import { ensureOccupationsLibrary, seedCareerId, socOccupationId } from '../../src/lib/server/occupations/library.ts';
import { createOccupation } from '../../src/lib/server/occupations/service.ts';
import {
	addEntry,
	copyMapForward,
	createMap,
	declineOfferedMap,
	deleteMap,
	distinctOccupations,
	getMap,
	getOfferedMap,
	listMaps,
	offerMap,
	offeredMaps,
	removeEntry,
	takeOfferedMap,
	updateMap,
	type MapOwner
} from '../../src/lib/server/subject-maps/service.ts';
import { mentionsSubject, subjectCoverage } from '../../src/lib/server/subject-maps/coverage.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const YEAR = 2025;

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
let teacher: Actor;
let governor: Actor;
let otherLeader: Actor;
let trainee: Actor;
let otherTrainee: Actor;
let workbook: Workbook;
let school: MapOwner;
let mine: MapOwner;

async function traineeActor(email: string, name: string): Promise<Actor> {
	const [user] = await handle.db.insert(users).values({ email, name }).returning({ id: users.id });
	return { userId: user!.id, name, email, memberships: [], currentOrganisationId: null };
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	await ensureOccupationsLibrary(handle.db);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const people: [string, string, string, string[]][] = [
		['137501', 'teacher@riverside.example', 'Tom Teacher', ['teacher']],
		['137501', 'governor@riverside.example', 'Gill Governor', ['link-governor']],
		['137502', 'leader@hillcrest.example', 'Hal Leader', ['careers-leader']]
	];
	for (const [schoolUrn, email, name, roles] of people) {
		await addPerson(system, { email, name, schoolUrn, roles, password: PASSWORD });
	}
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');

	// A university's programme with a trainee placed at Riverside (placement 1) and Hillcrest (placement 2).
	trainee = await traineeActor('trainee@university.example', 'Tara Trainee');
	otherTrainee = await traineeActor('other.trainee@university.example', 'Otto Trainee');
	const [university] = await handle.db
		.insert(organisations)
		.values({ kind: 'training-provider', name: 'Northfield University' })
		.returning({ id: organisations.id });
	const [programme] = await handle.db
		.insert(developmentProgrammes)
		.values({ organisationId: university!.id, title: 'Leading with purpose' })
		.returning({ id: developmentProgrammes.id });
	const [cohort] = await handle.db
		.insert(developmentCohorts)
		.values({ programmeId: programme!.id, name: 'PGCE 2025/26' })
		.returning({ id: developmentCohorts.id });
	const [participant] = await handle.db
		.insert(developmentParticipants)
		.values({
			cohortId: cohort!.id,
			userId: trainee.userId,
			email: trainee.email,
			name: trainee.name,
			subject: 'Art and design',
			placement1SchoolId: riverside.id,
			placement2SchoolId: hillcrest.id
		})
		.returning({ id: developmentParticipants.id });
	workbook = await workbookForActor(trainee, participant!.id);
	school = { kind: 'school', school: riverside };
	mine = { kind: 'participant', workbook };
});

afterAll(async () => {
	await closeDatabase();
});

describe('a school’s map', () => {
	let mapId: string;

	it('a subject leader starts a map and puts careers in its cells, each audited', async () => {
		mapId = await createMap(teacher, school, { subject: 'Art and design', academicYear: YEAR });
		await addEntry(teacher, school, mapId, { yearGroup: 7, halfTerm: 1, occupationId: seedCareerId('Art curator') });
		await addEntry(teacher, school, mapId, { yearGroup: '7', halfTerm: '1', occupationId: seedCareerId('Tattooist') });
		await addEntry(teacher, school, mapId, {
			yearGroup: 8,
			halfTerm: 6,
			occupationId: socOccupationId('3422'),
			note: 'Textiles project'
		});
		// The same career may be in two cells (seed 002 has Medical illustrator twice).
		await addEntry(teacher, school, mapId, {
			yearGroup: 10,
			halfTerm: 5,
			occupationId: seedCareerId('Medical illustrator')
		});
		await addEntry(teacher, school, mapId, {
			yearGroup: 11,
			halfTerm: 5,
			occupationId: seedCareerId('Medical illustrator')
		});
		const map = await getMap(teacher, school, mapId);
		expect(map.yearGroups).toEqual([7, 8, 9, 10, 11]);
		expect(map.cells.map((c) => [c.yearGroup, c.halfTerm, c.occupation.title, c.position])).toEqual([
			[7, 1, 'Art curator', 0],
			[7, 1, 'Tattooist', 1],
			[8, 6, 'Clothing, fashion and accessories designers', 0],
			[10, 5, 'Medical illustrator', 0],
			[11, 5, 'Medical illustrator', 0]
		]);
		expect(map.cells[2]?.note).toBe('Textiles project');
		expect(distinctOccupations(map).map((o) => o.title)).toEqual([
			'Art curator',
			'Tattooist',
			'Clothing, fashion and accessories designers',
			'Medical illustrator'
		]);
		const audits = await handle.db
			.select({ action: auditEvents.action, org: auditEvents.organisationId })
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, mapId)));
		expect(audits.filter((a) => a.action === 'subject-map.entry-added')).toHaveLength(5);
		expect(audits.every((a) => a.org === riverside.id)).toBe(true);
	});

	it('validates cells with clear errors: year 7–13, half-term 1–6, one career once per cell', async () => {
		expect(
			await validationErrors(
				addEntry(teacher, school, mapId, { yearGroup: 6, halfTerm: 7, occupationId: seedCareerId('Architect') })
			)
		).toEqual([
			{ field: 'yearGroup', message: 'Choose a year group from 7 to 13' },
			{ field: 'halfTerm', message: 'Choose a half-term, Autumn 1 to Summer 2' }
		]);
		expect(
			await validationErrors(addEntry(teacher, school, mapId, { yearGroup: '', halfTerm: 'x', occupationId: '' }))
		).toEqual([
			{ field: 'yearGroup', message: 'Choose a year group from 7 to 13' },
			{ field: 'halfTerm', message: 'Choose a half-term, Autumn 1 to Summer 2' },
			{ field: 'occupationId', message: 'Choose a career' }
		]);
		expect(
			await validationErrors(
				addEntry(teacher, school, mapId, { yearGroup: 7, halfTerm: 1, occupationId: seedCareerId('Art curator') })
			)
		).toEqual([{ field: 'occupationId', message: 'Art curator is already in Year 7, Autumn 1' }]);
		expect(
			await validationErrors(
				addEntry(teacher, school, mapId, { yearGroup: 12, halfTerm: 1, occupationId: seedCareerId('Architect') })
			)
		).toEqual([
			{
				field: 'yearGroup',
				message: 'Years 12 and 13 are not on this map: add the sixth form to the map first, or choose Years 7 to 11'
			}
		]);
		expect(
			await validationErrors(
				addEntry(teacher, school, mapId, { yearGroup: 7, halfTerm: 2, occupationId: crypto.randomUUID() })
			)
		).toEqual([{ field: 'occupationId', message: 'Choose a career from the library' }]);
		// The database holds the same rules.
		await expect(
			handle.db
				.insert(subjectMapEntries)
				.values({ mapId, yearGroup: 14, halfTerm: 1, occupationId: seedCareerId('Architect') })
		).rejects.toThrow();
		await expect(
			handle.db
				.insert(subjectMapEntries)
				.values({ mapId, yearGroup: 7, halfTerm: 1, occupationId: seedCareerId('Art curator') })
		).rejects.toThrow();
	});

	it('refuses a second map for the same subject and year, and adds the sixth form on request', async () => {
		expect(
			await validationErrors(createMap(teacher, school, { subject: 'art AND design', academicYear: YEAR }))
		).toEqual([
			{ field: 'subject', message: 'There is already a art AND design map for 2025/26: open it from the list' }
		]);
		await updateMap(teacher, school, mapId, { subject: 'Art and design', includesSixthForm: true });
		const entry = await addEntry(teacher, school, mapId, {
			yearGroup: 13,
			halfTerm: 6,
			occupationId: seedCareerId('Architect')
		});
		expect((await getMap(teacher, school, mapId)).yearGroups).toEqual([7, 8, 9, 10, 11, 12, 13]);
		expect(
			(
				await validationErrors(
					updateMap(teacher, school, mapId, { subject: 'Art and design', includesSixthForm: false })
				)
			)[0]?.message
		).toBe('Years 12 and 13 still have 1 career: remove them before taking the sixth form off the map');
		await removeEntry(teacher, school, mapId, entry);
		await updateMap(teacher, school, mapId, { subject: 'Art and design', includesSixthForm: false });
		expect((await getMap(teacher, school, mapId)).cells).toHaveLength(5);
	});

	it('uses the school’s own careers, which another school cannot put on its maps', async () => {
		const own = await createOccupation(teacher, riverside, {
			title: 'Stained glass artist',
			subjects: ['Art and design']
		});
		await addEntry(teacher, school, mapId, { yearGroup: 9, halfTerm: 2, occupationId: own });
		const theirs = await createMap(
			otherLeader,
			{ kind: 'school', school: hillcrest },
			{ subject: 'Art and design', academicYear: YEAR }
		);
		expect(
			await validationErrors(
				addEntry(otherLeader, { kind: 'school', school: hillcrest }, theirs, {
					yearGroup: 9,
					halfTerm: 2,
					occupationId: own
				})
			)
		).toEqual([{ field: 'occupationId', message: 'Choose a career from the library' }]);
	});

	it('is another school’s “not found”, and a governor reads it but cannot change it', async () => {
		await expect(getMap(otherLeader, { kind: 'school', school: hillcrest }, mapId)).rejects.toThrow(NotFoundError);
		await expect(getMap(otherLeader, school, mapId)).rejects.toThrow(NotFoundError);
		expect((await getMap(governor, school, mapId)).cells.length).toBe(6);
		await expect(
			addEntry(governor, school, mapId, { yearGroup: 7, halfTerm: 3, occupationId: seedCareerId('Architect') })
		).rejects.toThrow(ForbiddenError);
		await expect(createMap(governor, school, { subject: 'History', academicYear: YEAR })).rejects.toThrow(
			ForbiddenError
		);
		await expect(copyMapForward(governor, riverside, mapId)).rejects.toThrow(ForbiddenError);
		await expect(deleteMap(governor, school, mapId)).rejects.toThrow(ForbiddenError);
	});

	it('copies last year’s map forward with every career, once', async () => {
		const nextId = await copyMapForward(teacher, riverside, mapId);
		const [before, after] = [await getMap(teacher, school, mapId), await getMap(teacher, school, nextId)];
		expect(after).toMatchObject({ subject: 'Art and design', academicYear: YEAR + 1, copiedFromId: mapId });
		const cells = (m: typeof before) =>
			m.cells.map((c) => [c.yearGroup, c.halfTerm, c.occupation.id, c.note, c.position]);
		expect(cells(after)).toEqual(cells(before));
		expect((await listMaps(teacher, school, { academicYear: YEAR + 1 })).map((m) => m.id)).toEqual([nextId]);
		expect((await validationErrors(copyMapForward(teacher, riverside, mapId)))[0]?.message).toBe(
			'There is already a Art and design map for 2026/27: open it from the list'
		);
	});
});

describe('a trainee’s map offered to a placement school', () => {
	let traineeMap: string;

	it('is the trainee’s alone, built from the shared library only', async () => {
		traineeMap = await createMap(trainee, mine, { subject: 'Computer science', academicYear: YEAR });
		await addEntry(trainee, mine, traineeMap, {
			yearGroup: 7,
			halfTerm: 1,
			occupationId: seedCareerId('Ethical hacker')
		});
		await addEntry(trainee, mine, traineeMap, {
			yearGroup: 9,
			halfTerm: 4,
			occupationId: seedCareerId('Data analyst')
		});
		expect((await listMaps(trainee, mine)).map((m) => [m.subject, m.entries])).toEqual([['Computer science', 2]]);
		await expect(getMap(otherTrainee, mine, traineeMap)).rejects.toThrow(NotFoundError);
		await expect(getMap(teacher, school, traineeMap)).rejects.toThrow(NotFoundError);
		const [own] = await handle.db
			.select({ id: sql<string>`id` })
			.from(sql`occupations`)
			.where(sql`organisation_id = ${riverside.id}`);
		expect(
			await validationErrors(addEntry(trainee, mine, traineeMap, { yearGroup: 7, halfTerm: 2, occupationId: own!.id }))
		).toEqual([{ field: 'occupationId', message: 'Choose a career from the library' }]);
	});

	it('is offered only to one of the trainee’s placement schools', async () => {
		const [elsewhere] = await handle.db
			.insert(organisations)
			.values({ kind: 'school', name: 'Elsewhere High', urn: '137599' })
			.returning({ id: organisations.id });
		expect(await validationErrors(offerMap(trainee, workbook, traineeMap, elsewhere!.id))).toEqual([
			{ field: 'schoolId', message: 'Choose one of your placement schools' }
		]);
		await expect(offerMap(otherTrainee, workbook, traineeMap, riverside.id)).rejects.toThrow(NotFoundError);
		await offerMap(trainee, workbook, traineeMap, riverside.id);
		const [row] = await handle.db.select().from(subjectMaps).where(eq(subjectMaps.id, traineeMap));
		expect(row?.offeredToSchoolId).toBe(riverside.id);
		expect(row?.offeredAt).toBeInstanceOf(Date);
	});

	it('appears to the school’s subject leaders, not to governors or other schools', async () => {
		const offers = await offeredMaps(teacher, riverside);
		expect(offers.map((o) => [o.id, o.subject, o.participantName, o.entries])).toEqual([
			[traineeMap, 'Computer science', 'Tara Trainee', 2]
		]);
		expect((await getOfferedMap(teacher, riverside, traineeMap)).cells.map((c) => c.occupation.title)).toEqual([
			'Ethical hacker',
			'Data analyst'
		]);
		await expect(offeredMaps(governor, riverside)).rejects.toThrow(ForbiddenError);
		expect(await offeredMaps(otherLeader, hillcrest)).toEqual([]);
		await expect(takeOfferedMap(otherLeader, hillcrest, traineeMap)).rejects.toThrow(NotFoundError);
		await expect(takeOfferedMap(governor, riverside, traineeMap)).rejects.toThrow(ForbiddenError);
	});

	it('taken, becomes the school’s own copy with every career, and the offer is cleared', async () => {
		const copyId = await takeOfferedMap(teacher, riverside, traineeMap);
		const copy = await getMap(teacher, school, copyId);
		expect(copy).toMatchObject({ subject: 'Computer science', academicYear: YEAR, copiedFromId: traineeMap });
		expect(copy.cells.map((c) => [c.yearGroup, c.halfTerm, c.occupation.title])).toEqual([
			[7, 1, 'Ethical hacker'],
			[9, 4, 'Data analyst']
		]);
		expect(await offeredMaps(teacher, riverside)).toEqual([]);
		// The trainee keeps theirs; changing it no longer changes the school's.
		await addEntry(trainee, mine, traineeMap, {
			yearGroup: 8,
			halfTerm: 2,
			occupationId: seedCareerId('Web designer')
		});
		expect((await getMap(teacher, school, copyId)).cells).toHaveLength(2);
		await expect(takeOfferedMap(teacher, riverside, traineeMap)).rejects.toThrow(NotFoundError);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'subject-map.offer-taken'), eq(auditEvents.recordId, copyId)));
		expect(audit?.organisationId).toBe(riverside.id);
	});

	it('declined, stays the trainee’s and leaves the school’s maps alone', async () => {
		await offerMap(trainee, workbook, traineeMap, hillcrest.id);
		const before = (await listMaps(otherLeader, { kind: 'school', school: hillcrest })).length;
		await declineOfferedMap(otherLeader, hillcrest, traineeMap);
		expect(await offeredMaps(otherLeader, hillcrest)).toEqual([]);
		expect((await listMaps(otherLeader, { kind: 'school', school: hillcrest })).length).toBe(before);
		expect((await getMap(trainee, mine, traineeMap)).cells).toHaveLength(3);
	});
});

describe('the Benchmark 4 view', () => {
	async function deliver(
		title: string,
		yearGroups: number[],
		extra: Partial<typeof deliveredActivities.$inferInsert> = {}
	) {
		await handle.db.insert(deliveredActivities).values({
			schoolId: riverside.id,
			title,
			type: 'curriculum-link',
			academicYear: YEAR,
			date: '2025-10-07',
			yearGroups,
			...extra
		});
	}

	it('matches subjects in titles and descriptions as whole words, with usual short names', () => {
		expect(mentionsSubject('Careers in art lessons', 'Art and design')).toBe(true);
		expect(mentionsSubject('Start of term assembly', 'Art and design')).toBe(false);
		expect(mentionsSubject('Year 9 PE: sports coaching', 'Physical education')).toBe(true);
		expect(mentionsSubject('A pep talk', 'Physical education')).toBe(false);
		expect(mentionsSubject('Maths in finance', 'Mathematics')).toBe(true);
	});

	it('counts careers mapped and curriculum-linked activities delivered in that year, per year group', async () => {
		await deliver('Art and design: meet an illustrator', [7, 8]);
		await deliver('Careers in lessons', [7], { description: 'Year 7 art project with a local muralist' });
		await deliver('Computing: app developers', [9]);
		await deliver('Geography fieldwork careers', [10]);
		await deliver('Careers in lessons', [8]); // names no subject
		// Not counted: another type, another year, another school.
		await deliver('Art and design trip', [7], { type: 'employer-encounter' });
		await deliver('Art and design last year', [7], { academicYear: YEAR - 1, date: '2024-10-07' });
		await handle.db.insert(deliveredActivities).values({
			schoolId: hillcrest.id,
			title: 'Art and design at Hillcrest',
			type: 'curriculum-link',
			academicYear: YEAR,
			date: '2025-10-07',
			yearGroups: [7]
		});

		const coverage = await subjectCoverage(governor, riverside, YEAR);
		expect(coverage.yearGroups).toEqual([7, 8, 9, 10, 11, 12, 13]);
		const row = (subject: string) => coverage.rows.find((r) => r.subject === subject)!;
		expect(coverage.rows.map((r) => r.subject)).toEqual(['Art and design', 'Computer science', 'Geography']);
		const art = row('Art and design');
		expect(art.map).not.toBeNull();
		expect(art.cells.map((c) => [c.yearGroup, c.mapped, c.delivered, c.status])).toEqual([
			[7, 2, 2, 'mapped-and-delivered'],
			[8, 1, 1, 'mapped-and-delivered'],
			[9, 1, 0, 'mapped-not-delivered'],
			[10, 1, 0, 'mapped-not-delivered'],
			[11, 1, 0, 'mapped-not-delivered'],
			[12, 0, 0, 'not-on-map'],
			[13, 0, 0, 'not-on-map']
		]);
		const cs = row('Computer science');
		expect(cs.cells.map((c) => [c.yearGroup, c.mapped, c.delivered, c.status]).slice(0, 3)).toEqual([
			[7, 1, 0, 'mapped-not-delivered'],
			[8, 0, 0, 'nothing'],
			[9, 1, 1, 'mapped-and-delivered']
		]);
		const geography = row('Geography');
		expect(geography.map).toBeNull();
		expect(geography.cells.find((c) => c.yearGroup === 10)).toMatchObject({
			delivered: 1,
			status: 'delivered-not-mapped'
		});
		expect(coverage.totals).toEqual({ maps: 2, careersMapped: 8, activities: 5, unmatched: 1 });
		// Another year: nothing delivered or mapped there.
		expect((await subjectCoverage(governor, riverside, YEAR + 1)).totals.activities).toBe(0);
		await expect(subjectCoverage(otherLeader, riverside, YEAR)).rejects.toThrow(NotFoundError);
	});
});
