/**
 * Careers leadership: task assignments, the model, conditions for success and CPD, on the real database
 * (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	conditionRatings,
	cpdRecords,
	leadershipModels,
	leadershipTaskAssignments
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	addCpd,
	assignTask,
	conditionHistory,
	deleteCpd,
	leadershipOverview,
	listCpd,
	rateConditions,
	setLeadershipModel,
	unassignTask
} from '../../src/lib/server/leadership/service.ts';
import { todayInLondon } from '../../src/lib/domain/academic-year.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

type Counted =
	| typeof auditEvents
	| typeof leadershipTaskAssignments
	| typeof conditionRatings
	| typeof cpdRecords
	| typeof leadershipModels;

async function count(table: Counted): Promise<number> {
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

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

let riverside: School;
let hillcrest: School;
let leader: Actor;
let governor: Actor;
let teacher: Actor;
let administrator: Actor;
let otherLeader: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const people: [string, string, string, string[], string?][] = [
		['leader', 'leader@riverside.example', 'Ada Leader', ['careers-leader', 'teacher'], 'Careers Leader'],
		['senior', 'senior@riverside.example', 'Sam Senior', ['senior-leader'], 'Deputy Headteacher'],
		['governor', 'governor@riverside.example', 'Gill Governor', ['link-governor']],
		['admin', 'admin@riverside.example', 'Jo Admin', ['careers-administrator'], 'Careers Administrator'],
		['teacher', 'teacher@riverside.example', 'Tom Teacher', ['teacher']],
		['other', 'leader@hillcrest.example', 'Hal Leader', ['careers-leader']]
	];
	for (const [key, email, name, roles, jobTitle] of people) {
		const { userId } = await addPerson(system, {
			email,
			name,
			schoolUrn: key === 'other' ? '137502' : '137501',
			roles,
			jobTitle,
			password: PASSWORD
		});
		ids[key] = userId;
	}
	leader = await signedIn('leader@riverside.example');
	governor = await signedIn('governor@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	administrator = await signedIn('admin@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
});

describe('assigning the careers leader’s tasks', () => {
	it('starts with all 21 tasks unassigned and the roles structure filled from the people in the school', async () => {
		const overview = await leadershipOverview(leader, riverside);
		expect(overview.unassigned).toHaveLength(21);
		expect(overview.groups.map((g) => g.tasks.length)).toEqual([4, 6, 1, 4, 6]);
		expect(overview.load).toEqual([]);
		expect(overview.model).toBeNull();
		const holders = Object.fromEntries(overview.roles.map((r) => [r.role, r.people.map((p) => p.name)]));
		expect(holders).toEqual({
			'link-governor': ['Gill Governor'],
			'senior-leader': ['Sam Senior'],
			'careers-leader': ['Ada Leader'],
			'careers-administrator': ['Jo Admin'],
			'careers-adviser': []
		});
		expect(overview.roles.find((r) => r.role === 'senior-leader')?.people[0]?.jobTitle).toBe('Deputy Headteacher');
	});

	it('assigns, reassigns and unassigns a task, each change audited, and adds up each person’s load', async () => {
		const auditBefore = await count(auditEvents);
		await assignTask(leader, riverside, { taskId: 'plan-schemes-of-work', userId: ids.leader, hoursPerWeek: '2.5' });
		await assignTask(leader, riverside, { taskId: 'advise-slt', userId: ids.leader, hoursPerWeek: 1.5 });
		await assignTask(leader, riverside, { taskId: 'refer-pupils', userId: ids.admin, hoursPerWeek: '3' });
		let overview = await leadershipOverview(leader, riverside);
		expect(overview.unassigned).toHaveLength(18);
		expect(overview.unassigned.map((t) => t.id)).not.toContain('plan-schemes-of-work');
		expect(overview.load.map((l) => [l.name, l.hoursPerWeek, l.tasks])).toEqual([
			['Ada Leader', 4, 2],
			['Jo Admin', 3, 1]
		]);
		expect(overview.load[0]?.comparison).toBe(
			'10.5 hours less than the 14.5 hours a week careers leaders spend on average'
		);
		expect(overview.load[1]?.comparison).toBeNull();
		expect(overview.totalHours).toBe(7);
		const task = overview.groups.flatMap((g) => g.tasks).find((t) => t.id === 'plan-schemes-of-work');
		expect(task?.assignee?.name).toBe('Ada Leader');
		expect(task?.hoursPerWeek).toBe(2.5);

		// One person per task: assigning again moves it.
		await assignTask(leader, riverside, { taskId: 'refer-pupils', userId: ids.teacher, hoursPerWeek: '0.5' });
		await unassignTask(leader, riverside, 'advise-slt');
		overview = await leadershipOverview(leader, riverside);
		expect(overview.load.map((l) => [l.name, l.hoursPerWeek, l.tasks])).toEqual([
			['Ada Leader', 2.5, 1],
			['Tom Teacher', 0.5, 1]
		]);
		expect(overview.unassigned.map((t) => t.id)).toContain('advise-slt');

		const events = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.organisationId, riverside.id))
			.orderBy(auditEvents.at);
		const mine = events.slice(-5);
		expect(await count(auditEvents)).toBe(auditBefore + 5);
		expect(mine.map((e) => e.action)).toEqual([
			'leadership.task-assigned',
			'leadership.task-assigned',
			'leadership.task-assigned',
			'leadership.task-assigned',
			'leadership.task-unassigned'
		]);
		expect(mine[0]?.summary).toBe(
			'“Planning schemes of work for careers education” assigned to Ada Leader, 2.5 hours a week'
		);
		expect(mine[3]?.before).toEqual({ userId: ids.admin, hoursPerWeek: 3 });
	});

	it('refuses an unknown task, hours out of range or not in half hours, and someone from another school, writing nothing', async () => {
		const before = [await count(leadershipTaskAssignments), await count(auditEvents)];
		expect(
			await validationErrors(
				assignTask(leader, riverside, { taskId: 'make-the-tea', userId: ids.leader, hoursPerWeek: 1 })
			)
		).toEqual([{ field: 'taskId', message: 'Unknown task "make-the-tea"' }]);
		for (const hours of ['61', '-1', '1.25', 'lots', '']) {
			expect(
				await validationErrors(
					assignTask(leader, riverside, { taskId: 'find-funding', userId: ids.leader, hoursPerWeek: hours })
				),
				hours
			).toEqual([
				{ field: 'hoursPerWeek', message: 'Enter hours a week from 0 to 60, in steps of 0.5 (for example 2.5)' }
			]);
		}
		expect(
			await validationErrors(
				assignTask(leader, riverside, { taskId: 'find-funding', userId: ids.other, hoursPerWeek: 1 })
			)
		).toEqual([{ field: 'userId', message: 'Choose someone who works in Riverside Academy' }]);
		expect(await validationErrors(unassignTask(leader, riverside, 'find-funding'))).toEqual([
			{ field: 'taskId', message: '“Identifying sources of funding and writing bids” is not assigned to anyone' }
		]);
		expect([await count(leadershipTaskAssignments), await count(auditEvents)]).toEqual(before);
	});

	it('lets governors and administrators look but not change; teachers cannot look; another school is not found', async () => {
		const overview = await leadershipOverview(governor, riverside);
		expect(overview.unassigned.length).toBeLessThan(21);
		await expect(leadershipOverview(administrator, riverside)).resolves.toBeDefined();
		const input = { taskId: 'find-funding', userId: ids.leader, hoursPerWeek: 1 };
		await expect(assignTask(governor, riverside, input)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(assignTask(administrator, riverside, input)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(unassignTask(governor, riverside, 'plan-schemes-of-work')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(leadershipOverview(teacher, riverside)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(conditionHistory(teacher, riverside)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listCpd(teacher, riverside)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(leadershipOverview(otherLeader, riverside)).rejects.toBeInstanceOf(NotFoundError);
		await expect(assignTask(otherLeader, riverside, input)).rejects.toBeInstanceOf(NotFoundError);
		// Hillcrest's own page shows none of Riverside's assignments.
		expect((await leadershipOverview(otherLeader, hillcrest)).unassigned).toHaveLength(21);
	});
});

describe('the leadership model', () => {
	it('sets and changes the model with its benefits and risks, audited', async () => {
		await setLeadershipModel(leader, riverside, { modelId: 'senior-leader', note: '' });
		await setLeadershipModel(leader, riverside, {
			modelId: 'middle-leader-with-senior-support',
			note: 'Succession: the Year 9 tutor shadows the careers leader.'
		});
		const { model } = await leadershipOverview(governor, riverside);
		expect(model?.title).toBe('Middle leader, with senior leader support');
		expect(model?.benefits).toEqual(['Dedicated role, with link to SLT']);
		expect(model?.risks).toEqual(['Lack of planning for succession']);
		expect(model?.note).toBe('Succession: the Year 9 tutor shadows the careers leader.');
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.organisationId, riverside.id), eq(auditEvents.action, 'leadership.model-set')))
			.orderBy(sql`${auditEvents.at} desc`)
			.limit(1);
		expect(event?.before).toEqual({ modelId: 'senior-leader', note: null });
		expect(await count(leadershipModels)).toBe(1);
	});

	it('refuses an unknown model and a governor', async () => {
		expect(await validationErrors(setLeadershipModel(leader, riverside, { modelId: 'dictatorship' }))).toEqual([
			{ field: 'modelId', message: 'Choose the school’s careers leadership model' }
		]);
		await expect(setLeadershipModel(governor, riverside, { modelId: 'outsourced' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
	});
});

describe('conditions for success', () => {
	const good = { clarityOfRoles: '3', authorityAndPower: '2', timeAndResources: '2', expertise: '4', comment: '' };

	it('records dated ratings and shows the history newest first', async () => {
		await rateConditions(leader, riverside, { ...good, ratedOn: '2025-07-10', comment: 'Before the new timetable' });
		await rateConditions(leader, riverside, { ...good, ratedOn: '', timeAndResources: '4' });
		const history = await conditionHistory(governor, riverside);
		expect(history.map((h) => [h.ratedOn, h.timeAndResources, h.comment, h.ratedBy])).toEqual([
			[todayInLondon(), 4, null, 'Ada Leader'],
			['2025-07-10', 2, 'Before the new timetable', 'Ada Leader']
		]);
	});

	it('rejects ratings of 0 or 6 naming the condition, a future date and a governor, writing nothing', async () => {
		const before = [await count(conditionRatings), await count(auditEvents)];
		expect(await validationErrors(rateConditions(leader, riverside, { ...good, clarityOfRoles: '0' }))).toEqual([
			{ field: 'clarityOfRoles', message: 'Rate clarity of roles from 1 to 5' }
		]);
		expect(
			await validationErrors(rateConditions(leader, riverside, { ...good, authorityAndPower: '6', expertise: '' }))
		).toEqual([
			{ field: 'authorityAndPower', message: 'Rate authority and power from 1 to 5' },
			{ field: 'expertise', message: 'Rate expertise from 1 to 5' }
		]);
		expect(await validationErrors(rateConditions(leader, riverside, { ...good, ratedOn: '2999-01-01' }))).toEqual([
			{ field: 'ratedOn', message: 'The date cannot be in the future' }
		]);
		expect(await validationErrors(rateConditions(leader, riverside, { ...good, ratedOn: '2025-02-30' }))).toEqual([
			{ field: 'ratedOn', message: 'The date must be a real date, for example 2025-09-01' }
		]);
		await expect(rateConditions(governor, riverside, good)).rejects.toBeInstanceOf(ForbiddenError);
		expect([await count(conditionRatings), await count(auditEvents)]).toEqual(before);
	});
});

describe('CPD records', () => {
	it('adds, lists by person and removes CPD, audited', async () => {
		const { id } = await addCpd(leader, riverside, {
			userId: ids.leader,
			kind: 'qualification',
			title: 'Level 6 Certificate in Careers Leadership',
			provider: 'CDI',
			startDate: '2024-09-01',
			endDate: '2025-06-30',
			accredited: 'yes',
			evidence: 'Certificate on file'
		});
		await addCpd(leader, riverside, {
			userId: ids.admin,
			kind: 'community-of-practice',
			title: 'Careers Hub network meetings',
			startDate: '2025-09-15',
			accredited: 'no'
		});
		expect((await listCpd(governor, riverside)).map((r) => r.name)).toEqual(['Ada Leader', 'Jo Admin']);
		const mine = await listCpd(governor, riverside, { userId: ids.leader });
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({
			title: 'Level 6 Certificate in Careers Leadership',
			kindLabel: 'Accredited qualification',
			accredited: true,
			provider: 'CDI',
			endDate: '2025-06-30'
		});
		await deleteCpd(leader, riverside, id);
		expect((await listCpd(leader, riverside)).map((r) => r.title)).toEqual(['Careers Hub network meetings']);
		const actions = (
			await handle.db
				.select({ action: auditEvents.action })
				.from(auditEvents)
				.where(eq(auditEvents.organisationId, riverside.id))
		).map((e) => e.action);
		expect(actions.filter((a) => a.startsWith('leadership.cpd-'))).toEqual([
			'leadership.cpd-added',
			'leadership.cpd-added',
			'leadership.cpd-removed'
		]);
	});

	it('rejects an end date before the start, an unknown kind and someone from another school, writing nothing', async () => {
		const before = [await count(cpdRecords), await count(auditEvents)];
		const base = { userId: ids.leader, kind: 'short-course', title: 'Introduction to careers leadership' };
		expect(
			await validationErrors(addCpd(leader, riverside, { ...base, startDate: '2025-10-02', endDate: '2025-10-01' }))
		).toEqual([{ field: 'endDate', message: 'The end date must be the same as or after the start date' }]);
		expect(await validationErrors(addCpd(leader, riverside, { ...base, kind: 'holiday' }))).toEqual([
			{ field: 'kind', message: 'Choose the kind of CPD' }
		]);
		expect(await validationErrors(addCpd(leader, riverside, { ...base, userId: ids.other }))).toEqual([
			{ field: 'userId', message: 'Choose someone who works in Riverside Academy' }
		]);
		await expect(addCpd(governor, riverside, base)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(addCpd(otherLeader, riverside, base)).rejects.toBeInstanceOf(NotFoundError);
		expect([await count(cpdRecords), await count(auditEvents)]).toEqual(before);
	});
});
