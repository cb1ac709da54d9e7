/**
 * Staff development programmes (issue 6 §1): the seed programme, both mapping grids, copying, cohorts,
 * participants (one at a time and by CSV) and their invitations, on the real database (PGlite, and
 * Postgres when DATABASE_URL is set).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	developmentActivities,
	developmentActivityAims,
	developmentActivityBenchmarks,
	developmentAims,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	invitations,
	memberships,
	organisations,
	purposeStatements,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { acceptInvitation, addPerson } from '../../src/lib/server/people/service.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { latestOutboxMail } from '../../src/lib/server/mail/send.ts';
import { programmeForActor, workbooksOf } from '../../src/lib/server/development/access.ts';
import {
	addActivity,
	addAim,
	copyProgramme,
	createProgramme,
	deleteAim,
	moveActivity,
	programmeGrids,
	programmeOverview,
	setProgrammeBenchmarkCell,
	updateStatement,
	type ProgrammeGrid
} from '../../src/lib/server/development/programmes.ts';
import {
	addParticipant,
	changeCohort,
	changeParticipant,
	cohortDetail,
	createCohort,
	deleteCohort,
	importParticipants,
	removeParticipant
} from '../../src/lib/server/development/cohorts.ts';
import { LEADING_WITH_PURPOSE } from '../../src/lib/server/development/seed-programme.ts';
import { postcardJobKey, savePostcard } from '../../src/lib/server/development/postcard.ts';
import { jobByKey } from '../../src/lib/server/jobs/scheduler.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

let providerId: string;
let riverside: School;
let tutor: Actor;
let careersLeader: Actor;
let stranger: Actor;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function providerMember(email: string, name: string, roles: string[]): Promise<string> {
	const [user] = await handle.db
		.insert(users)
		.values({ email, name, passwordHash: await hashPassword(PASSWORD) })
		.returning({ id: users.id });
	await handle.db.insert(memberships).values({ userId: user!.id, organisationId: providerId, roles });
	return user!.id;
}

async function validationErrors(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

/** A grid as the seed prints it: for each row label, the column titles with a ✓. */
function ticks(grid: ProgrammeGrid): Record<string, string[]> {
	const title = new Map(grid.columns.map((c) => [c.id, c.title]));
	const mapped = new Set(grid.mapped);
	return Object.fromEntries(
		grid.rows.map((r) => [
			r.label,
			grid.columns.filter((c) => mapped.has(`${r.id}|${c.id}`)).map((c) => title.get(c.id)!)
		])
	);
}

function tokenIn(text: string): string {
	const m = /\/invitations\/([A-Za-z0-9_-]+)/.exec(text);
	if (!m) throw new Error('no invitation link in the email');
	return m[1]!;
}

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const [provider] = await handle.db
		.insert(organisations)
		.values({ kind: 'training-provider', name: 'Northfield University' })
		.returning({ id: organisations.id });
	providerId = provider!.id;
	await providerMember('tutor@northfield.example', 'Tess Tutor', ['programme-tutor']);
	await providerMember('existing.trainee@northfield.example', 'Eve Existing', ['trainee']);
	await addPerson(system, {
		email: 'leader@riverside.example',
		name: 'Ada Leader',
		schoolUrn: '137501',
		roles: ['careers-leader'],
		password: PASSWORD
	});
	await addPerson(system, {
		email: 'stranger@hillcrest.example',
		name: 'Sam Stranger',
		schoolUrn: '137502',
		roles: ['careers-leader'],
		password: PASSWORD
	});
	tutor = await signedIn('tutor@northfield.example');
	careersLeader = await signedIn('leader@riverside.example');
	stranger = await signedIn('stranger@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

let seeded: string;

describe('a programme started from Leading with purpose (seed 002)', () => {
	it('has the seed’s aims, activities in order and statements', async () => {
		({ id: seeded } = await createProgramme(tutor, { organisationId: providerId, start: 'seed' }));
		const overview = await programmeOverview(tutor, seeded);
		expect(overview.programme.title).toBe('Leading with purpose');
		expect(overview.aims.map((a) => [a.title, a.subAims.map((s) => s.title)])).toEqual([
			['Learn about careers education structure, policy and key guidance', []],
			['Develop leadership skills', ['Knowledge & skills', 'Professional networks', 'Purpose & vision']],
			['Explore academic and vocational pathways', []],
			['Consider learning opportunities within subject curriculums', []]
		]);
		expect(overview.activities.map((a) => [a.title, a.kind, a.durationMinutes])).toEqual([
			['Session 1', 'session', 120],
			['Placement 1', 'placement', null],
			['Session 2', 'session', 360],
			['Placement 2', 'placement', null],
			['Session 3', 'session', 120],
			['Magazine', 'magazine', null],
			['Encounter', 'employer-encounter', null],
			['Session 4', 'session', 120]
		]);
		expect(overview.statements).toHaveLength(10);
		expect(new Set(overview.statements.map((s) => s.text)).size).toBe(10);
		expect(overview.statements[6]!.text).toBe('The work that I do will have a positive impact on others');
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, seeded), eq(auditEvents.action, 'development-programme.created')));
		expect(audit?.organisationId).toBe(providerId);
	});

	it('maps activities to aims exactly as the seed’s first ✓ table', async () => {
		const { aims } = await programmeGrids(tutor, seeded);
		expect(ticks(aims)).toEqual({
			'Learn about careers education structure, policy and key guidance': [
				'Session 1',
				'Placement 1',
				'Session 2',
				'Placement 2',
				'Session 3'
			],
			'Develop leadership skills': [],
			'Knowledge & skills': ['Session 1', 'Session 2', 'Session 3', 'Magazine', 'Encounter', 'Session 4'],
			'Professional networks': ['Session 1', 'Placement 1', 'Session 2', 'Placement 2', 'Session 3', 'Encounter'],
			'Purpose & vision': ['Session 1', 'Session 3', 'Magazine', 'Session 4'],
			'Explore academic and vocational pathways': ['Placement 1', 'Session 2', 'Placement 2', 'Session 3', 'Encounter'],
			'Consider learning opportunities within subject curriculums': ['Session 3', 'Magazine', 'Encounter', 'Session 4']
		});
		expect(aims.rows.filter((r) => r.level === 1).map((r) => r.label)).toEqual([
			'Knowledge & skills',
			'Professional networks',
			'Purpose & vision'
		]);
	});

	it('maps activities to the Gatsby Benchmarks exactly as the seed’s second ✓ table', async () => {
		const { benchmarks } = await programmeGrids(tutor, seeded);
		expect(ticks(benchmarks)).toEqual({
			'1. A stable careers programme': ['Session 1', 'Placement 1', 'Placement 2', 'Session 3'],
			'2. Learning from career and labour market information': ['Session 1', 'Session 2'],
			'3. Addressing the needs of each pupil': ['Session 1', 'Session 2', 'Session 3'],
			'4. Linking curriculum learning to careers': ['Session 3', 'Magazine', 'Encounter', 'Session 4'],
			'5. Encounters with employers and employees': ['Session 2', 'Encounter'],
			'6. Experiences of workplaces': ['Session 2', 'Encounter'],
			'7. Encounters with further and higher education': ['Session 3', 'Magazine'],
			'8. Personal guidance': ['Session 1', 'Session 3']
		});
	});

	it('ticks and clears a benchmark cell, auditing only real changes', async () => {
		const { benchmarks } = await programmeGrids(tutor, seeded);
		const magazine = benchmarks.columns.find((c) => c.title === 'Magazine')!.id;
		expect((await setProgrammeBenchmarkCell(tutor, seeded, magazine, 2, true)).changed).toBe(true);
		expect((await setProgrammeBenchmarkCell(tutor, seeded, magazine, 2, true)).changed).toBe(false);
		expect((await programmeGrids(tutor, seeded)).benchmarks.mapped).toContain(`2|${magazine}`);
		await setProgrammeBenchmarkCell(tutor, seeded, magazine, 2, false);
		expect((await programmeGrids(tutor, seeded)).benchmarks.mapped).not.toContain(`2|${magazine}`);
		const changes = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, magazine), eq(auditEvents.action, 'development-mapping.changed')));
		expect(changes).toHaveLength(2);
		await expect(setProgrammeBenchmarkCell(tutor, seeded, magazine, 9, true)).rejects.toBeInstanceOf(ValidationError);
	});

	it('needs a duration for a session, and only offers organisations the person runs', async () => {
		const errors = await validationErrors(addActivity(tutor, seeded, { kind: 'session', title: 'Session 5' }));
		expect(errors.map((e) => e.field)).toEqual(['duration']);
		const { id } = await addActivity(tutor, seeded, { kind: 'other', title: 'Celebration', duration: '3' });
		const [row] = await handle.db.select().from(developmentActivities).where(eq(developmentActivities.id, id));
		expect(row?.durationMinutes).toBeNull();
		expect(row?.position).toBe(8);
		await moveActivity(tutor, seeded, id, 'up');
		const titles = (await programmeOverview(tutor, seeded)).activities.map((a) => a.title);
		expect(titles.slice(-2)).toEqual(['Celebration', 'Session 4']);
		const other = await validationErrors(
			createProgramme(tutor, { organisationId: riverside.id, start: 'blank', title: 'Not mine' })
		);
		expect(other.map((e) => e.field)).toEqual(['organisationId']);
	});
});

describe('copying a programme for a new cohort', () => {
	it('keeps every aim, activity, mapping and statement with new ids, copies no people, leaves the original', async () => {
		const { id: cohortId } = await createCohort(tutor, seeded, { name: 'PGCE 2025/26' });
		await addParticipant(tutor, seeded, cohortId, { name: 'Pat Trainee', email: 'pat@northfield.example' });
		await updateStatement(
			tutor,
			seeded,
			(await programmeOverview(tutor, seeded)).statements[0]!.id,
			'I believe I can fulfil my goals'
		);
		const before = await programmeOverview(tutor, seeded);
		const beforeGrids = await programmeGrids(tutor, seeded);

		const { id: copyId } = await copyProgramme(tutor, seeded, { title: 'Leading with purpose 2026/27' });
		const copy = await programmeOverview(tutor, copyId);
		const copyGrids = await programmeGrids(tutor, copyId);

		expect(copy.programme.copiedFromId).toBe(seeded);
		expect(copy.programme.title).toBe('Leading with purpose 2026/27');
		expect(copy.aims.map((a) => [a.title, a.subAims.map((s) => s.title)])).toEqual(
			before.aims.map((a) => [a.title, a.subAims.map((s) => s.title)])
		);
		expect(copy.activities.map((a) => [a.title, a.kind, a.durationMinutes, a.description])).toEqual(
			before.activities.map((a) => [a.title, a.kind, a.durationMinutes, a.description])
		);
		expect(copy.statements.map((s) => s.text)).toEqual(before.statements.map((s) => s.text));
		expect(ticks(copyGrids.aims)).toEqual(ticks(beforeGrids.aims));
		expect(ticks(copyGrids.benchmarks)).toEqual(ticks(beforeGrids.benchmarks));

		// Every id is new, and the sub-aims hang off the copy's own aims.
		const oldIds = new Set([
			...before.aims.flatMap((a) => [a.id, ...a.subAims.map((s) => s.id)]),
			...before.activities.map((a) => a.id),
			...before.statements.map((s) => s.id)
		]);
		const newIds = [
			...copy.aims.flatMap((a) => [a.id, ...a.subAims.map((s) => s.id)]),
			...copy.activities.map((a) => a.id),
			...copy.statements.map((s) => s.id)
		];
		expect(newIds.filter((id) => oldIds.has(id))).toEqual([]);
		const copiedAims = await handle.db.select().from(developmentAims).where(eq(developmentAims.programmeId, copyId));
		const copiedAimIds = new Set(copiedAims.map((a) => a.id));
		expect(copiedAims.filter((a) => a.parentId).every((a) => copiedAimIds.has(a.parentId!))).toBe(true);
		const copiedActivityIds = copy.activities.map((a) => a.id);
		const aimCells = await handle.db
			.select()
			.from(developmentActivityAims)
			.where(inArray(developmentActivityAims.activityId, copiedActivityIds));
		expect(aimCells.every((c) => copiedAimIds.has(c.aimId))).toBe(true);
		expect(aimCells).toHaveLength(beforeGrids.aims.mapped.length);

		// No cohorts or participants come with it.
		expect(copy.cohorts).toEqual([]);
		const [cohorts] = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(developmentCohorts)
			.where(eq(developmentCohorts.programmeId, copyId));
		expect(cohorts?.n).toBe(0);

		// The original is untouched.
		expect(await programmeOverview(tutor, seeded)).toEqual(before);
		expect(await programmeGrids(tutor, seeded)).toEqual(beforeGrids);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, copyId), eq(auditEvents.action, 'development-programme.copied')));
		expect(audit).toBeDefined();
	});
});

describe('who may do what', () => {
	it('lets a participant view but not manage, and tells a stranger nothing', async () => {
		const { id: cohortId } = await createCohort(tutor, seeded, { name: 'Access check' });
		await addParticipant(tutor, seeded, cohortId, {
			name: 'Eve Existing',
			email: 'Existing.Trainee@northfield.example'
		});
		const participant = await signedIn('existing.trainee@northfield.example');
		expect((await programmeForActor(participant, seeded, 'development.view')).relation).toBe('participant');
		const overview = await programmeOverview(participant, seeded);
		expect(overview.cohorts).toEqual([]);
		await expect(programmeGrids(participant, seeded)).resolves.toBeDefined();
		await expect(
			setProgrammeBenchmarkCell(participant, seeded, overview.activities[0]!.id, 1, false)
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(addAim(participant, seeded, { title: 'Mine' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(copyProgramme(participant, seeded, { title: 'Mine' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(cohortDetail(participant, seeded, cohortId)).rejects.toBeInstanceOf(ForbiddenError);

		await expect(programmeOverview(stranger, seeded)).rejects.toBeInstanceOf(NotFoundError);
		await expect(programmeGrids(stranger, seeded)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addAim(stranger, seeded, { title: 'Theirs' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(cohortDetail(stranger, seeded, cohortId)).rejects.toBeInstanceOf(NotFoundError);
		// A cohort of another programme is not found through this one.
		const { id: otherProgramme } = await createProgramme(tutor, {
			organisationId: providerId,
			start: 'blank',
			title: 'Another'
		});
		await expect(cohortDetail(tutor, otherProgramme, cohortId)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lets a school’s careers leader run a staff programme, whose invitations are to the school as a teacher', async () => {
		const { id } = await createProgramme(careersLeader, {
			organisationId: riverside.id,
			start: 'blank',
			title: 'Careers in every subject'
		});
		const { id: aimId } = await addAim(careersLeader, id, { title: 'Link subjects to careers' });
		await addAim(careersLeader, id, { title: 'Know the local labour market', parentId: aimId });
		await deleteAim(careersLeader, id, aimId);
		expect((await programmeOverview(careersLeader, id)).aims).toEqual([]);
		const { id: cohortId } = await createCohort(careersLeader, id, { name: 'Staff 2025/26' });
		await addParticipant(careersLeader, id, cohortId, { name: 'Mo Maths', email: 'mo@riverside.example' });
		const [inv] = await handle.db.select().from(invitations).where(eq(invitations.email, 'mo@riverside.example'));
		expect(inv?.organisationId).toBe(riverside.id);
		expect(inv?.roles).toEqual(['teacher']);
		const detail = await cohortDetail(careersLeader, id, cohortId);
		expect(detail.participants.map((p) => [p.name, p.kind, p.status])).toEqual([['Mo Maths', 'staff', 'invited']]);
		await expect(programmeOverview(tutor, id)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('participants and invitations', () => {
	let cohortId: string;

	it('invites someone without an account; accepting links their place and workbook', async () => {
		({ id: cohortId } = await createCohort(tutor, seeded, {
			name: 'Spring 2026',
			startsOn: '2026-01-05',
			endsOn: '2026-07-17'
		}));
		const result = await addParticipant(tutor, seeded, cohortId, {
			name: 'Nia Newcomer',
			email: 'Nia@Example.ac.uk',
			subject: 'Geography',
			placement1SchoolId: riverside.id,
			placement2Name: 'St Mary’s High'
		});
		expect(result).toMatchObject({ added: 1, invited: 1, linked: 0, mailFailed: [] });
		const detail = await cohortDetail(tutor, seeded, cohortId);
		expect(detail.participants).toMatchObject([
			{
				name: 'Nia Newcomer',
				email: 'nia@example.ac.uk',
				kind: 'trainee',
				subject: 'Geography',
				placement1: 'Riverside Academy',
				placement2: 'St Mary’s High',
				status: 'invited'
			}
		]);
		const [inv] = await handle.db.select().from(invitations).where(eq(invitations.email, 'nia@example.ac.uk'));
		expect(inv?.organisationId).toBe(providerId);
		expect(inv?.roles).toEqual(['trainee']);

		const mail = latestOutboxMail('nia@example.ac.uk');
		expect(mail?.subject).toContain('Leading with purpose');
		await acceptInvitation(tokenIn(mail!.text), { name: 'Nia Newcomer', password: PASSWORD, confirm: PASSWORD });
		const nia = await signedIn('nia@example.ac.uk');
		const [place] = await handle.db
			.select()
			.from(developmentParticipants)
			.where(eq(developmentParticipants.email, 'nia@example.ac.uk'));
		expect(place?.userId).toBe(nia.userId);
		expect((await workbooksOf(nia)).map((w) => w.cohort.name)).toEqual(['Spring 2026']);
		expect((await programmeForActor(nia, seeded, 'development.view')).relation).toBe('participant');
		expect((await cohortDetail(tutor, seeded, cohortId)).participants[0]?.status).toBe('joined');
	});

	it('links someone who already has an account at once and tells them', async () => {
		const { id: cohort2 } = await createCohort(tutor, seeded, { name: 'Linked at once' });
		const result = await addParticipant(tutor, seeded, cohort2, {
			name: 'Eve Existing',
			email: 'existing.trainee@northfield.example'
		});
		expect(result).toMatchObject({ invited: 0, linked: 1 });
		expect(latestOutboxMail('existing.trainee@northfield.example')?.subject).toBe(
			'You have been added to Leading with purpose on Waymark'
		);
		const [row] = await handle.db
			.select({ userId: developmentParticipants.userId })
			.from(developmentParticipants)
			.where(
				and(
					eq(developmentParticipants.cohortId, cohort2),
					eq(developmentParticipants.email, 'existing.trainee@northfield.example')
				)
			);
		expect(row?.userId).not.toBeNull();
		const errors = await validationErrors(
			addParticipant(tutor, seeded, cohort2, { name: 'Again', email: 'existing.trainee@northfield.example' })
		);
		expect(errors).toEqual([
			{ field: 'email', message: 'existing.trainee@northfield.example is already on this cohort' }
		]);
	});

	it('imports a CSV all or nothing, naming the row and column of each problem', async () => {
		const count = async () =>
			(
				await handle.db
					.select({ n: sql<number>`count(*)::int` })
					.from(developmentParticipants)
					.where(eq(developmentParticipants.cohortId, cohortId))
			)[0]!.n;
		const before = await count();
		const bad = [
			'name,email,subject,placement1,placement2',
			'Ola One,ola@example.ac.uk,Maths,137501,Hillcrest School',
			',nobody@example.ac.uk,Art,,',
			'Tom Two,not-an-email,History,,',
			'Ola Again,OLA@example.ac.uk,Maths,,',
			'Nia Newcomer,nia@example.ac.uk,Geography,,'
		].join('\n');
		const errors = await validationErrors(importParticipants(tutor, seeded, cohortId, bad));
		expect(errors.map((e) => [e.row, e.column])).toEqual([
			[3, 'name'],
			[4, 'email'],
			[5, 'email'],
			[6, 'email']
		]);
		expect(errors[2]?.message).toContain('row 2');
		expect(await count()).toBe(before);

		const headings = await validationErrors(importParticipants(tutor, seeded, cohortId, 'name,mobile\nA,1'));
		expect(headings.map((e) => e.column)).toEqual(['mobile', 'email']);

		const good = [
			'name,email,subject,placement1,placement2',
			'Ola One,ola@example.ac.uk,Maths,137501,hillcrest school',
			'Raj Two,raj@example.ac.uk,,Somewhere Else Academy,'
		].join('\r\n');
		const result = await importParticipants(tutor, seeded, cohortId, good);
		expect(result).toMatchObject({ added: 2, invited: 2, linked: 0 });
		const detail = await cohortDetail(tutor, seeded, cohortId);
		expect(detail.participants.find((p) => p.email === 'ola@example.ac.uk')).toMatchObject({
			placement1: 'Riverside Academy',
			placement2: 'Hillcrest School',
			status: 'invited'
		});
		const [raj] = await handle.db
			.select()
			.from(developmentParticipants)
			.where(eq(developmentParticipants.email, 'raj@example.ac.uk'));
		expect(raj).toMatchObject({ placement1SchoolId: null, placement1Name: 'Somewhere Else Academy' });
		expect(latestOutboxMail('raj@example.ac.uk')?.text).toContain('/invitations/');
	});

	it('changes a participant’s subject and placement, refusing bad input without changing anything', async () => {
		const raj = () =>
			cohortDetail(tutor, seeded, cohortId).then((d) => d.participants.find((p) => p.email === 'raj@example.ac.uk')!);
		const before = await raj();
		expect(before.placement1).toBe('Somewhere Else Academy');
		const change = {
			name: 'Raj Kumar',
			subject: 'Physics',
			placement1SchoolId: riverside.id,
			placement1Name: '',
			placement2SchoolId: '',
			placement2Name: 'Hilltop College'
		};

		// A school chosen and a name typed for the same placement: named at the field, nothing saved.
		expect(
			await validationErrors(
				changeParticipant(tutor, seeded, cohortId, before.id, { ...change, placement1Name: 'Riverside' })
			)
		).toEqual([{ field: 'placement1Name', message: 'Choose a school from the list or type its name, not both' }]);
		expect(
			await validationErrors(changeParticipant(tutor, seeded, cohortId, before.id, { ...change, name: ' ' }))
		).toEqual([{ field: 'name', message: 'Enter the participant’s full name' }]);
		expect(await raj()).toEqual(before);
		await expect(changeParticipant(stranger, seeded, cohortId, before.id, change)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await raj()).toEqual(before);

		await changeParticipant(tutor, seeded, cohortId, before.id, change);
		const after = await raj();
		expect(after).toMatchObject({
			name: 'Raj Kumar',
			email: 'raj@example.ac.uk',
			subject: 'Physics',
			placement1: 'Riverside Academy',
			placement1SchoolId: riverside.id,
			placement2: 'Hilltop College'
		});
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'development-participant.changed'), eq(auditEvents.recordId, before.id)));
		expect(event?.before).toMatchObject({ placement1Name: 'Somewhere Else Academy', subject: before.subject });
		expect(event?.after).toMatchObject({ placement1SchoolId: riverside.id, placement1Name: null, subject: 'Physics' });
	});

	it('renames a cohort and changes its dates, refusing an end before the start', async () => {
		const { cohort } = await cohortDetail(tutor, seeded, cohortId);
		expect(
			await validationErrors(
				changeCohort(tutor, seeded, cohortId, { name: 'Renamed', startsOn: '2026-09-01', endsOn: '2026-08-31' })
			)
		).toEqual([{ field: 'endsOn', message: 'The end date must be on or after the start date' }]);
		expect((await cohortDetail(tutor, seeded, cohortId)).cohort).toEqual(cohort);
		await changeCohort(tutor, seeded, cohortId, { name: 'PGCE secondary 2026/27', startsOn: '2026-09-01', endsOn: '' });
		expect((await cohortDetail(tutor, seeded, cohortId)).cohort).toEqual({
			id: cohortId,
			name: 'PGCE secondary 2026/27',
			startsOn: '2026-09-01',
			endsOn: null
		});
		const events = await handle.db
			.select({ summary: auditEvents.summary })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'development-cohort.changed'));
		expect(events).toEqual([{ summary: `Cohort "${cohort.name}" of "${LEADING_WITH_PURPOSE.title}" changed` }]);
	});

	it('removes a participant and withdraws the invitation still waiting for them', async () => {
		const detail = await cohortDetail(tutor, seeded, cohortId);
		const raj = detail.participants.find((p) => p.email === 'raj@example.ac.uk')!;
		await removeParticipant(tutor, seeded, cohortId, raj.id);
		expect((await cohortDetail(tutor, seeded, cohortId)).participants.map((p) => p.email)).not.toContain(
			'raj@example.ac.uk'
		);
		const [inv] = await handle.db.select().from(invitations).where(eq(invitations.email, 'raj@example.ac.uk'));
		expect(inv?.revokedAt).not.toBeNull();
		await expect(removeParticipant(tutor, seeded, cohortId, raj.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('deletes a cohort with its places and workbooks, withdrawing only the invitations nobody else needs', async () => {
		const { id: doomed } = await createCohort(tutor, seeded, { name: 'Started by mistake' });
		await addParticipant(tutor, seeded, doomed, { name: 'Nia Newcomer', email: 'nia@example.ac.uk' }); // joined
		await addParticipant(tutor, seeded, doomed, { name: 'Uma Only', email: 'uma.only@example.ac.uk' });
		await addParticipant(tutor, seeded, doomed, { name: 'Pat Twice', email: 'pat.twice@example.ac.uk' });
		await addParticipant(tutor, seeded, cohortId, { name: 'Pat Twice', email: 'pat.twice@example.ac.uk' });
		const nia = await signedIn('nia@example.ac.uk');
		expect((await workbooksOf(nia)).map((w) => w.cohort.name)).toContain('Started by mistake');
		// Nia writes a promise postcard in that workbook: its reminder is waiting to go.
		const niaPlace = (await cohortDetail(tutor, seeded, doomed)).participants.find(
			(p) => p.email === 'nia@example.ac.uk'
		)!;
		await savePostcard(
			nia,
			niaPlace.id,
			{
				promiseToMyself: 'Ask one employer a week.',
				promiseToMySchool: 'A careers link in every Year 9 lesson plan.',
				achieveBy: '2027-07-05',
				remindOn: '2027-02-15'
			},
			undefined,
			new Date('2026-11-24T10:00:00Z')
		);
		expect(await jobByKey(handle.db, postcardJobKey(niaPlace.id))).not.toBeNull();

		// Only the programme's tutors may, and a cohort of another programme is not found through this one.
		await expect(deleteCohort(nia, seeded, doomed)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteCohort(stranger, seeded, doomed)).rejects.toBeInstanceOf(NotFoundError);
		expect((await cohortDetail(tutor, seeded, doomed)).participants).toHaveLength(3);

		expect(await deleteCohort(tutor, seeded, doomed)).toEqual({ name: 'Started by mistake', participants: 3 });
		await expect(cohortDetail(tutor, seeded, doomed)).rejects.toBeInstanceOf(NotFoundError);
		const left = await handle.db
			.select({ id: developmentParticipants.id })
			.from(developmentParticipants)
			.where(eq(developmentParticipants.cohortId, doomed));
		expect(left).toEqual([]);
		expect((await workbooksOf(nia)).map((w) => w.cohort.name)).not.toContain('Started by mistake');
		expect(await jobByKey(handle.db, postcardJobKey(niaPlace.id))).toBeNull(); // no postcard comes back
		const invitation = async (email: string) =>
			(await handle.db.select().from(invitations).where(eq(invitations.email, email)))[0];
		expect((await invitation('uma.only@example.ac.uk'))?.revokedAt).not.toBeNull();
		expect((await invitation('pat.twice@example.ac.uk'))?.revokedAt).toBeNull(); // still wanted on the other cohort
		const [event] = await handle.db
			.select({ summary: auditEvents.summary, before: auditEvents.before })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'development-cohort.deleted'));
		expect(event?.summary).toBe(
			`Cohort "Started by mistake" of "${LEADING_WITH_PURPOSE.title}" deleted with its 3 participant(s)`
		);
		expect(event?.before).toMatchObject({
			participants: [
				{ name: 'Nia Newcomer', email: 'nia@example.ac.uk', joined: true },
				{ name: 'Pat Twice', email: 'pat.twice@example.ac.uk', joined: false },
				{ name: 'Uma Only', email: 'uma.only@example.ac.uk', joined: false }
			]
		});
	});

	it('keeps the seed’s statements distinct and every programme row in the database', async () => {
		expect(new Set(LEADING_WITH_PURPOSE.statements).size).toBe(LEADING_WITH_PURPOSE.statements.length);
		const rows = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(purposeStatements)
			.innerJoin(developmentProgrammes, eq(developmentProgrammes.id, purposeStatements.programmeId))
			.where(eq(developmentProgrammes.id, seeded));
		expect(rows[0]?.n).toBe(10);
		const bench = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(developmentActivityBenchmarks)
			.innerJoin(developmentActivities, eq(developmentActivities.id, developmentActivityBenchmarks.activityId))
			.where(eq(developmentActivities.programmeId, seeded));
		expect(bench[0]?.n).toBe(Object.values(LEADING_WITH_PURPOSE.benchmarkMapping).flat().length);
	});
});
