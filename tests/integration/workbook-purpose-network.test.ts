/**
 * The workbook's purpose questionnaire, social-capital map and sharing choices, and pupils' maps, on the
 * real database (PGlite, and Postgres when DATABASE_URL is set): only the participant reads or writes
 * their own parts; snapshots keep person keys; pupil maps follow the school's setting and are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	networkContacts,
	networkSnapshots,
	organisations,
	purposeRatings,
	purposeStatements,
	pupils,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { ForbiddenError, NotFoundError, systemActor, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, pupilNetworksOn, setPupilNetworks, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { clearPurposeResponse, purposeView, savePurposeResponse } from '../../src/lib/server/development/purpose.ts';
import {
	addContact,
	networkView,
	PupilNetworksOffError,
	removeContact,
	takeSnapshot,
	updateContact,
	type NetworkOwnerRef
} from '../../src/lib/server/development/network.ts';
import { partStatesFor, saveSharedParts, workbookOverview } from '../../src/lib/server/development/workbook.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

let school: School;
let otherSchool: School;
let providerId: string;
let statementIds: string[];
let anna: Actor; // participant A
let ben: Actor; // participant B, same cohort
let tutor: Actor;
let annaPlace: string;
let benPlace: string;
let leader: Actor;
let teacher: Actor;
let senior: Actor;
let governor: Actor;
let otherLeader: Actor;
let pupilId: string;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

function plainActor(userId: string, name: string, email: string): Actor {
	return { userId, name, email, memberships: [], currentOrganisationId: null };
}

async function auditOf(action: string): Promise<(typeof auditEvents.$inferSelect)[]> {
	return handle.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

async function rejects(promise: Promise<unknown>, kind: new (...args: never[]) => Error): Promise<void> {
	await expect(promise).rejects.toBeInstanceOf(kind);
}

async function validationFields(promise: Promise<unknown>): Promise<string[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors.map((x) => x.field);
		throw e;
	}
	throw new Error('expected a ValidationError');
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	school = await addSchool(system, { urn: '137601', name: 'Riverside Academy' });
	otherSchool = await addSchool(system, { urn: '137602', name: 'Hillcrest School' });
	const people: [string, string, string, string[]][] = [
		['leader@riverside.example', 'Ada Leader', '137601', ['careers-leader']],
		['teacher@riverside.example', 'Tom Teacher', '137601', ['teacher']],
		['senior@riverside.example', 'Sam Senior', '137601', ['senior-leader']],
		['governor@riverside.example', 'Gill Governor', '137601', ['link-governor']],
		['leader@hillcrest.example', 'Hal Leader', '137602', ['careers-leader']]
	];
	for (const [email, name, schoolUrn, roles] of people)
		await addPerson(system, { email, name, schoolUrn, roles, password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	senior = await signedIn('senior@riverside.example');
	governor = await signedIn('governor@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');

	const db = handle.db;
	const [provider] = await db
		.insert(organisations)
		.values({ kind: 'training-provider', name: 'Northfield University' })
		.returning();
	providerId = provider!.id;
	const [programme] = await db
		.insert(developmentProgrammes)
		.values({ organisationId: providerId, title: 'Leading with purpose' })
		.returning();
	const statements = await db
		.insert(purposeStatements)
		.values(
			[
				'I believe I can fulfil my goals and aspirations',
				'I plan for the future',
				'I am passionate about my goals'
			].map((text, position) => ({ programmeId: programme!.id, position, text }))
		)
		.returning();
	statementIds = statements.sort((a, b) => a.position - b.position).map((s) => s.id);
	const [cohort] = await db
		.insert(developmentCohorts)
		.values({ programmeId: programme!.id, name: '2025/26 trainees' })
		.returning();
	const [annaUser, benUser, tutorUser] = await db
		.insert(users)
		.values([
			{ email: 'anna@trainee.example', name: 'Anna Trainee' },
			{ email: 'ben@trainee.example', name: 'Ben Trainee' },
			{ email: 'tess@northfield.example', name: 'Tess Tutor' }
		])
		.returning();
	const places = await db
		.insert(developmentParticipants)
		.values([
			{
				cohortId: cohort!.id,
				userId: annaUser!.id,
				email: 'anna@trainee.example',
				name: 'Anna Trainee',
				placement1SchoolId: school.id,
				placement2Name: 'Ashgrove High School'
			},
			{ cohortId: cohort!.id, userId: benUser!.id, email: 'ben@trainee.example', name: 'Ben Trainee' }
		])
		.returning();
	annaPlace = places.find((p) => p.userId === annaUser!.id)!.id;
	benPlace = places.find((p) => p.userId === benUser!.id)!.id;
	anna = plainActor(annaUser!.id, 'Anna Trainee', 'anna@trainee.example');
	ben = plainActor(benUser!.id, 'Ben Trainee', 'ben@trainee.example');
	tutor = {
		...plainActor(tutorUser!.id, 'Tess Tutor', 'tess@northfield.example'),
		memberships: [
			{
				organisationId: providerId,
				kind: 'training-provider',
				name: 'Northfield University',
				urn: null,
				roles: ['programme-tutor'],
				tags: []
			}
		],
		currentOrganisationId: providerId
	};
	const [pupil] = await db
		.insert(pupils)
		.values({
			schoolId: school.id,
			upn: 'A123456789012',
			legalSurname: 'Okafor',
			legalForename: 'Chidi',
			dateOfBirth: '2011-02-28',
			enteredYear7: 2022
		})
		.returning();
	pupilId = pupil!.id;
});

afterAll(async () => {
	await closeDatabase();
});

describe('the purpose questionnaire', () => {
	it('saves partial answers, scores them, and shows the change like with like', async () => {
		const [s1, s2, s3] = statementIds as [string, string, string];
		await savePurposeResponse(
			anna,
			annaPlace,
			'start',
			{ aspiration: 'A head of year who opens doors', answeredOn: '', ratings: { [s1]: '2', [s2]: '3', [s3]: '' } },
			undefined,
			'2025-09-10'
		);
		let view = await purposeView(anna, annaPlace);
		expect(view.statements.map((s) => s.id)).toEqual(statementIds);
		expect(view.responses.start).toMatchObject({
			aspiration: 'A head of year who opens doors',
			answeredOn: '2025-09-10',
			ratings: { [s1]: 2, [s2]: 3 },
			score: { answered: 2, total: 5, mean: 2.5 }
		});
		expect(view.responses.end).toBeNull();
		expect(view.change.total).toBeNull();

		await savePurposeResponse(
			anna,
			annaPlace,
			'end',
			{ aspiration: 'A careers leader', answeredOn: '2026-06-30', ratings: { [s1]: '4', [s2]: '3', [s3]: '5' } },
			undefined,
			'2026-07-01'
		);
		view = await purposeView(anna, annaPlace);
		expect(view.responses.end?.score).toEqual({ answered: 3, total: 12, mean: 4 });
		// s3 was answered only at the end: left out of the change.
		expect(view.change.total).toBe(2);
		expect(view.change.mean).toBe(1);
		expect(view.change.perStatement).toEqual([
			{ statementId: s1, start: 2, end: 4, change: 2 },
			{ statementId: s2, start: 3, end: 3, change: 0 },
			{ statementId: s3, start: null, end: 5, change: null }
		]);
	});

	it('re-saving replaces the answers for that occasion, and audits without the answers', async () => {
		const [s1] = statementIds as [string];
		await savePurposeResponse(anna, annaPlace, 'start', { aspiration: 'A head of year', ratings: { [s1]: 5 } });
		const view = await purposeView(anna, annaPlace);
		expect(view.responses.start?.ratings).toEqual({ [s1]: 5 });
		const events = await auditOf('purpose-response.saved');
		expect(events.length).toBe(3);
		expect(events.every((e) => e.organisationId === providerId)).toBe(true);
		const written = JSON.stringify(events.map((e) => [e.summary, e.before, e.after]));
		expect(written).not.toContain('head of year');
		expect(written).not.toContain('careers leader');
		expect(events.at(-1)?.summary).toContain('1 of 3 statements answered');
	});

	it('refuses a rating off the scale and a future date, saving nothing', async () => {
		const [s1, s2] = statementIds as [string, string];
		const ratingsBefore = await handle.db.select({ n: sql<number>`count(*)::int` }).from(purposeRatings);
		const fields = await validationFields(
			savePurposeResponse(anna, annaPlace, 'start', { answeredOn: '2099-01-01', ratings: { [s1]: '6', [s2]: '3' } })
		);
		expect(fields).toEqual(['answeredOn', `rating-${s1}`]);
		const ratingsAfter = await handle.db.select({ n: sql<number>`count(*)::int` }).from(purposeRatings);
		expect(ratingsAfter).toEqual(ratingsBefore);
		await expect(validationFields(savePurposeResponse(anna, annaPlace, 'middle', {}))).resolves.toEqual(['occasion']);
	});

	it('is private: another participant and the tutor get "not found" for reading and writing', async () => {
		for (const someone of [ben, tutor, leader, governor]) {
			await rejects(purposeView(someone, annaPlace), NotFoundError);
			await rejects(savePurposeResponse(someone, annaPlace, 'start', { ratings: {} }), NotFoundError);
			await rejects(clearPurposeResponse(someone, annaPlace, 'end'), NotFoundError);
		}
		await rejects(purposeView(anna, 'not-a-uuid'), NotFoundError);
		// Ben's own is empty: nothing of Anna's leaks into it.
		const benView = await purposeView(ben, benPlace);
		expect(benView.responses).toEqual({ start: null, end: null });
	});

	it('clears one occasion', async () => {
		await clearPurposeResponse(anna, annaPlace, 'end');
		const view = await purposeView(anna, annaPlace);
		expect(view.responses.end).toBeNull();
		expect(view.responses.start).not.toBeNull();
		expect(await auditOf('purpose-response.cleared')).toHaveLength(1);
	});
});

describe('the social-capital map in the workbook', () => {
	it('adds contacts (making a first snapshot), copies them to a new snapshot with the same person keys, and shows growth', async () => {
		const ref = { participantId: annaPlace };
		const first = await addContact(
			anna,
			ref,
			null,
			{ name: 'Rob', sphere: 'friends', tieStrength: '7', tieType: 'bonding', howTheyMightHelp: 'Media contacts' },
			undefined,
			'2025-09-10'
		);
		await addContact(anna, ref, first.snapshotId, { name: 'Claire', sphere: 'family', tieStrength: 9 });
		await addContact(anna, ref, first.snapshotId, { name: 'Tracey', sphere: 'university', tieStrength: '5' });
		let view = await networkView(anna, ref);
		expect(view.snapshots).toHaveLength(1);
		expect(view.current?.takenOn).toBe('2025-09-10');
		expect(view.current?.contacts.map((c) => c.name)).toEqual(['Rob', 'Claire', 'Tracey']);
		expect(view.current?.summary.bySphere).toMatchObject({ friends: 1, family: 1, university: 1, employers: 0 });

		const second = await takeSnapshot(anna, ref, { takenOn: '2026-01-15', note: 'After placement 1' });
		expect(second.contactCount).toBe(3);
		const keys = async (snapshotId: string) =>
			(
				await handle.db
					.select({ key: networkContacts.personKey, name: networkContacts.name })
					.from(networkContacts)
					.where(eq(networkContacts.snapshotId, snapshotId))
					.orderBy(networkContacts.name)
			).map((r) => `${r.name}:${r.key}`);
		expect(await keys(second.id)).toEqual(await keys(first.snapshotId));

		// Growth: Bruce (employers, weak) is new; Tracey strengthened; Claire lost.
		view = await networkView(anna, ref, { snapshotId: second.id });
		expect(view.snapshots.map((s) => [s.takenOn, s.note, s.contactCount])).toEqual([
			['2025-09-10', null, 3],
			['2026-01-15', 'After placement 1', 3]
		]);
		const tracey = view.current!.contacts.find((c) => c.name === 'Tracey')!;
		const claire = view.current!.contacts.find((c) => c.name === 'Claire')!;
		await updateContact(anna, ref, tracey.id, { name: 'Tracey', sphere: 'university', tieStrength: '8' });
		await removeContact(anna, ref, claire.id);
		await addContact(anna, ref, second.id, {
			name: 'Bruce',
			sphere: 'employers',
			tieStrength: '3',
			tieType: 'linking'
		});

		view = await networkView(anna, ref, { compare: { from: first.snapshotId, to: second.id } });
		expect(view.current?.id).toBe(second.id);
		const growth = view.comparison!.growth;
		expect(growth.newTies.map((c) => c.name)).toEqual(['Bruce']);
		expect(growth.weakTiesAdded.map((c) => c.name)).toEqual(['Bruce']);
		expect(growth.lost.map((c) => c.name)).toEqual(['Claire']);
		expect(growth.strengthened.map((s) => [s.contact.name, s.from, s.to])).toEqual([['Tracey', 5, 8]]);
		expect(growth.spheresReached).toEqual(['employers']);

		// The earlier snapshot still says what it said then.
		view = await networkView(anna, ref, { snapshotId: first.snapshotId });
		expect(view.current?.contacts.find((c) => c.name === 'Tracey')?.tieStrength).toBe(5);
	});

	it('audits each change without the contact’s name or notes', async () => {
		const events = (await handle.db.select().from(auditEvents)).filter((e) => e.action.startsWith('network-'));
		expect(events.map((e) => e.action).sort()).toEqual(
			[
				'network-contact.added',
				'network-contact.added',
				'network-contact.added',
				'network-contact.added',
				'network-contact.changed',
				'network-contact.removed',
				'network-snapshot.taken'
			].sort()
		);
		const written = JSON.stringify(events.map((e) => [e.summary, e.before, e.after]));
		for (const secret of ['Rob', 'Claire', 'Tracey', 'Bruce', 'Media contacts']) expect(written).not.toContain(secret);
		expect(events.every((e) => e.organisationId === providerId)).toBe(true);
	});

	it('refuses bad contacts with a message per field', async () => {
		const fields = await validationFields(
			addContact(anna, { participantId: annaPlace }, null, {
				name: ' ',
				sphere: 'pets',
				tieStrength: '11',
				tieType: 'x'
			})
		);
		expect(fields.sort()).toEqual(['name', 'sphere', 'tieStrength', 'tieType'].sort());
	});

	it('is private: another participant and the tutor get "not found"; ids from another map are "not found"', async () => {
		const ref: NetworkOwnerRef = { participantId: annaPlace };
		const view = await networkView(anna, ref);
		const contactId = view.current!.contacts[0]!.id;
		for (const someone of [ben, tutor, leader]) {
			await rejects(networkView(someone, ref), NotFoundError);
			await rejects(addContact(someone, ref, null, { name: 'X', sphere: 'family', tieStrength: 5 }), NotFoundError);
			await rejects(takeSnapshot(someone, ref, {}), NotFoundError);
			await rejects(removeContact(someone, ref, contactId), NotFoundError);
		}
		// Ben, through his own workbook, cannot reach Anna's contact or snapshot.
		const benRef = { participantId: benPlace };
		await rejects(removeContact(ben, benRef, contactId), NotFoundError);
		await rejects(networkView(ben, benRef, { snapshotId: view.current!.id }), NotFoundError);
		const [still] = await handle.db.select().from(networkContacts).where(eq(networkContacts.id, contactId));
		expect(still).toBeDefined();
	});
});

describe('the workbook overview and sharing', () => {
	it('shows each part’s state by a simple rule', async () => {
		const overview = await workbookOverview(anna, annaPlace);
		expect(overview.placements).toEqual({ first: 'Riverside Academy', second: 'Ashgrove High School' });
		const states = Object.fromEntries(overview.parts.map((p) => [p.part, p.state]));
		expect(states).toMatchObject({
			purpose: 'started', // start only (the end was cleared)
			network: 'done', // two snapshots with contacts
			reflection: 'not-started',
			timeline: 'not-started',
			postcard: 'not-started',
			appreciation: 'not-started',
			'subject-maps': 'not-started'
		});
		const ben_ = (await partStatesFor([benPlace])).get(benPlace);
		expect(ben_?.purpose).toBe('not-started');
		expect(ben_?.network).toBe('not-started');
	});

	it('saves the sharing choices (nothing shared until ticked), audited; only the participant may', async () => {
		let overview = await workbookOverview(anna, annaPlace);
		expect(overview.parts.every((p) => !p.shared)).toBe(true);
		await saveSharedParts(anna, annaPlace, ['network', 'purpose']);
		const [row] = await handle.db
			.select({ shared: developmentParticipants.sharedParts })
			.from(developmentParticipants)
			.where(eq(developmentParticipants.id, annaPlace));
		expect(row?.shared).toEqual(['purpose', 'network']);
		overview = await workbookOverview(anna, annaPlace);
		expect(overview.parts.filter((p) => p.shared).map((p) => p.part)).toEqual(['purpose', 'network']);
		await saveSharedParts(anna, annaPlace, []);
		overview = await workbookOverview(anna, annaPlace);
		expect(overview.parts.some((p) => p.shared)).toBe(false);
		const events = await auditOf('workbook.sharing-changed');
		expect(events).toHaveLength(2);
		expect(events[0]?.after).toEqual({ sharedParts: ['purpose', 'network'] });

		await expect(validationFields(saveSharedParts(anna, annaPlace, ['diary']))).resolves.toEqual(['sharedParts']);
		await rejects(saveSharedParts(tutor, annaPlace, ['purpose']), NotFoundError);
		await rejects(saveSharedParts(ben, annaPlace, ['purpose']), NotFoundError);
		await rejects(workbookOverview(tutor, annaPlace), NotFoundError);
		const [after] = await handle.db
			.select({ shared: developmentParticipants.sharedParts })
			.from(developmentParticipants)
			.where(eq(developmentParticipants.id, annaPlace));
		expect(after?.shared).toEqual([]);
	});
});

describe('pupils’ social-capital maps', () => {
	const ref = () => ({ school, pupilId });

	it('are off until the school turns them on; then refused no more', async () => {
		expect(await pupilNetworksOn(school.id)).toBe(false);
		await rejects(networkView(leader, ref()), PupilNetworksOffError);
		await rejects(
			addContact(teacher, ref(), null, { name: 'Aunt', sphere: 'family', tieStrength: 8 }),
			PupilNetworksOffError
		);
		expect(await handle.db.select().from(networkSnapshots).where(eq(networkSnapshots.pupilId, pupilId))).toHaveLength(
			0
		);

		await rejects(setPupilNetworks(teacher, school, true), ForbiddenError);
		await rejects(setPupilNetworks(otherLeader, school, true), NotFoundError);
		await setPupilNetworks(leader, school, true);
		expect(await pupilNetworksOn(school.id)).toBe(true);
		expect(await pupilNetworksOn(otherSchool.id)).toBe(false);
		const events = await auditOf('school.pupil-networks-changed');
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ organisationId: school.id, after: { pupilNetworks: true } });
	});

	it('a teacher keeps the map; a senior leader may see but not change it; each view is audited', async () => {
		const added = await addContact(teacher, ref(), null, { name: 'Aunt Ngozi', sphere: 'family', tieStrength: '8' });
		await rejects(
			addContact(senior, ref(), null, { name: 'Coach', sphere: 'friends', tieStrength: 4 }),
			ForbiddenError
		);
		const viewsBefore = (await auditOf('pupil-network.viewed')).length;
		const view = await networkView(senior, ref(), {}, 'req-1');
		expect(view.owner).toEqual({ kind: 'pupil', name: 'Chidi Okafor' });
		expect(view.current?.contacts.map((c) => c.name)).toEqual(['Aunt Ngozi']);
		const views = await auditOf('pupil-network.viewed');
		expect(views).toHaveLength(viewsBefore + 1);
		expect(views.at(-1)).toMatchObject({
			organisationId: school.id,
			recordType: 'pupil',
			recordId: pupilId,
			requestId: 'req-1',
			summary: 'Viewed the social-capital map of Chidi Okafor (UPN A123456789012)'
		});
		const [added_] = await auditOf('network-contact.added').then((e) =>
			e.filter((x) => x.recordId === added.contactId)
		);
		expect(added_?.organisationId).toBe(school.id);
		expect(added_?.summary).not.toContain('Ngozi');
	});

	it('people who may not see pupils, and other schools, are refused', async () => {
		await rejects(networkView(governor, ref()), ForbiddenError);
		await rejects(networkView(otherLeader, ref()), NotFoundError);
		await rejects(networkView(anna, ref()), NotFoundError);
		await rejects(networkView(leader, { school, pupilId: 'nope' }), NotFoundError);
		// A pupil of another school through this school's address: not found.
		await setPupilNetworks(system, otherSchool, true);
		await rejects(networkView(otherLeader, { school: otherSchool, pupilId }), NotFoundError);
	});

	it('turning the setting off refuses the map again (the data stays)', async () => {
		await setPupilNetworks(leader, school, false);
		await rejects(networkView(leader, ref()), PupilNetworksOffError);
		const kept = await handle.db
			.select()
			.from(networkSnapshots)
			.where(and(eq(networkSnapshots.pupilId, pupilId)));
		expect(kept).toHaveLength(1);
	});
});
