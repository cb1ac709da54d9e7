/**
 * The benchmark framework of each academic year (with a school's override) and the development plan,
 * on the real database (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, developmentActions, frameworkOverrides, users } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	clearFrameworkOverride,
	frameworkForYear,
	setFrameworkOverride
} from '../../src/lib/server/benchmarks/service.ts';
import {
	createDevelopmentAction,
	deleteDevelopmentAction,
	getDevelopmentAction,
	listDevelopmentActions,
	updateDevelopmentAction
} from '../../src/lib/server/plan/service.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';

let riverside: School;
let hillcrest: School;
let leader: Actor;
let senior: Actor;
let teacher: Actor;
let governor: Actor;
let admin: Actor;
let otherLeader: Actor;
let teacherId: string;
let otherLeaderId: string;

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

async function count(table: typeof auditEvents | typeof developmentActions | typeof frameworkOverrides) {
	const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
	return row?.n ?? -1;
}

async function person(email: string, name: string, schoolUrn: string, roles: string[]): Promise<string> {
	const { userId } = await addPerson(system, { email, name, schoolUrn, roles, password: PASSWORD });
	return userId;
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	await person('leader@riverside.example', 'Ada Leader', '137501', ['careers-leader']);
	await person('senior@riverside.example', 'Sam Senior', '137501', ['senior-leader']);
	teacherId = await person('teacher@riverside.example', 'Tom Teacher', '137501', ['teacher']);
	await person('governor@riverside.example', 'Gill Governor', '137501', ['link-governor']);
	await person('admin@riverside.example', 'Alex Admin', '137501', ['careers-administrator']);
	otherLeaderId = await person('leader@hillcrest.example', 'Hal Leader', '137502', ['careers-leader']);
	leader = await signedIn('leader@riverside.example');
	senior = await signedIn('senior@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	admin = await signedIn('admin@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
});

describe('the benchmark framework of an academic year', () => {
	it('is the 2014 set up to 2024/25 and the 2024 set from 2025/26, for anyone in the school', async () => {
		expect((await frameworkForYear(teacher, riverside, 2024)).framework.id).toBe('gatsby-2014');
		const y2025 = await frameworkForYear(governor, riverside, 2025);
		expect(y2025.framework.id).toBe('gatsby-2024');
		expect(y2025.overridden).toBe(false);
	});

	it('can be overridden with a reason, in the audit trail, and cleared again', async () => {
		const audit0 = await count(auditEvents);
		await setFrameworkOverride(
			leader,
			riverside,
			{ academicYear: 2025, frameworkId: 'gatsby-2014', reason: 'Finishing the year on the old set with our hub' },
			'req-ovr1'
		);
		const now = await frameworkForYear(teacher, riverside, 2025);
		expect(now).toMatchObject({
			framework: { id: 'gatsby-2014' },
			defaultFramework: { id: 'gatsby-2024' },
			overridden: true,
			reason: 'Finishing the year on the old set with our hub',
			setByName: 'Ada Leader'
		});
		// Another year and another school are untouched.
		expect((await frameworkForYear(leader, riverside, 2026)).overridden).toBe(false);
		expect((await frameworkForYear(otherLeader, hillcrest, 2025)).framework.id).toBe('gatsby-2024');
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'framework.overridden'));
		expect(event).toMatchObject({
			organisationId: riverside.id,
			recordId: '2025/26',
			requestId: 'req-ovr1',
			after: { academicYear: 2025, frameworkId: 'gatsby-2014' }
		});
		expect(event?.summary).toContain('Gatsby Benchmarks (2014)');
		expect(await count(auditEvents)).toBe(audit0 + 1);

		await clearFrameworkOverride(senior, riverside, 2025, 'req-ovr2');
		expect((await frameworkForYear(teacher, riverside, 2025)).overridden).toBe(false);
		const cleared = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'framework.override-cleared'));
		expect(cleared).toHaveLength(1);
		expect(cleared[0]?.before).toMatchObject({ frameworkId: 'gatsby-2014' });
		// Clearing again changes nothing and records nothing.
		await clearFrameworkOverride(senior, riverside, 2025);
		expect(await count(auditEvents)).toBe(audit0 + 2);
	});

	it('choosing the year’s own default clears the override', async () => {
		await setFrameworkOverride(leader, riverside, { academicYear: 2024, frameworkId: 'gatsby-2024', reason: 'Early' });
		expect((await frameworkForYear(leader, riverside, 2024)).framework.id).toBe('gatsby-2024');
		const result = await setFrameworkOverride(leader, riverside, { academicYear: 2024, frameworkId: 'gatsby-2014' });
		expect(result.overridden).toBe(false);
		expect((await frameworkForYear(leader, riverside, 2024)).overridden).toBe(false);
		expect(
			await handle.db
				.select()
				.from(frameworkOverrides)
				.where(and(eq(frameworkOverrides.schoolId, riverside.id), eq(frameworkOverrides.academicYear, 2024)))
		).toEqual([]);
	});

	it('refuses an unknown framework or a missing reason, writing nothing', async () => {
		const before = [await count(frameworkOverrides), await count(auditEvents)];
		const unknown = await validationErrors(
			setFrameworkOverride(leader, riverside, { academicYear: 2025, frameworkId: 'gatsby-2030', reason: 'x' })
		);
		expect(unknown).toEqual([
			{ field: 'frameworkId', message: 'Choose a set of benchmarks: gatsby-2014 or gatsby-2024' }
		]);
		const noReason = await validationErrors(
			setFrameworkOverride(leader, riverside, { academicYear: 2025, frameworkId: 'gatsby-2014', reason: '  ' })
		);
		expect(noReason).toEqual([{ field: 'reason', message: 'Enter why this year uses a different set of benchmarks' }]);
		expect([await count(frameworkOverrides), await count(auditEvents)]).toEqual(before);
	});

	it('only the careers leader and senior leaders change it; another school is not found', async () => {
		const input = { academicYear: 2025, frameworkId: 'gatsby-2014', reason: 'Because' };
		await expect(setFrameworkOverride(admin, riverside, input)).rejects.toThrow(ForbiddenError);
		await expect(setFrameworkOverride(governor, riverside, input)).rejects.toThrow(ForbiddenError);
		await expect(clearFrameworkOverride(teacher, riverside, 2025)).rejects.toThrow(ForbiddenError);
		await expect(setFrameworkOverride(otherLeader, riverside, input)).rejects.toThrow(NotFoundError);
		await expect(frameworkForYear(otherLeader, riverside, 2025)).rejects.toThrow(NotFoundError);
	});
});

describe('the development plan', () => {
	let actionId: string;

	it('lets the careers leader add an action, recorded in the audit trail', async () => {
		const created = await createDevelopmentAction(
			leader,
			riverside,
			{
				academicYear: 2025,
				title: '  Run a careers fair for Year 9 with local employers ',
				benchmarks: [5, 2, 5],
				ownerUserId: teacherId,
				dueDate: '2026-03-27',
				evidence: 'Feedback forms'
			},
			'req-plan1'
		);
		actionId = created.id;
		expect(created).toMatchObject({
			title: 'Run a careers fair for Year 9 with local employers',
			benchmarks: [2, 5],
			ownerName: 'Tom Teacher',
			dueDate: '2026-03-27',
			status: 'not-started'
		});
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.recordId, created.id));
		expect(event).toMatchObject({ action: 'development-action.created', requestId: 'req-plan1' });
	});

	it('refuses a due date outside the academic year, saying the range, and writes nothing', async () => {
		const before = [await count(developmentActions), await count(auditEvents)];
		const errors = await validationErrors(
			createDevelopmentAction(leader, riverside, {
				academicYear: 2025,
				title: 'Book the adviser',
				benchmarks: [8],
				dueDate: '2026-09-01'
			})
		);
		expect(errors).toEqual([
			{
				field: 'dueDate',
				message: 'Due date must be between 1 September 2025 and 31 August 2026 (the 2025/26 plan)'
			}
		]);
		const more = await validationErrors(
			createDevelopmentAction(leader, riverside, {
				academicYear: 2025,
				title: '',
				benchmarks: [0, 9],
				dueDate: '2026-02-30'
			})
		);
		expect(more.map((e) => e.field).sort()).toEqual(['benchmarks', 'dueDate', 'title']);
		expect(more.find((e) => e.field === 'benchmarks')?.message).toBe('Benchmarks are numbered 1 to 8');
		expect(more.find((e) => e.field === 'title')?.message).toBe('Enter what the action is');
		// An owner from another school is refused too.
		const owner = await validationErrors(
			createDevelopmentAction(leader, riverside, {
				academicYear: 2025,
				title: 'Ask Hal',
				benchmarks: [],
				ownerUserId: otherLeaderId
			})
		);
		expect(owner).toEqual([{ field: 'ownerUserId', message: 'Choose an owner from the people in Riverside Academy' }]);
		expect([await count(developmentActions), await count(auditEvents)]).toEqual(before);
	});

	it('lets a senior leader update it, and checks the whole action again', async () => {
		const updated = await updateDevelopmentAction(
			senior,
			riverside,
			actionId,
			{ status: 'in-progress', evidence: 'Twelve employers booked' },
			'req-plan2'
		);
		expect(updated).toMatchObject({
			status: 'in-progress',
			evidence: 'Twelve employers booked',
			dueDate: '2026-03-27'
		});
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, actionId), eq(auditEvents.action, 'development-action.updated')));
		expect(event?.summary).toContain('Not started → In progress');
		expect(event?.before).toMatchObject({ status: 'not-started' });
		const errors = await validationErrors(
			updateDevelopmentAction(senior, riverside, actionId, { dueDate: '2025-08-31' })
		);
		expect(errors[0]?.message).toBe('Due date must be between 1 September 2025 and 31 August 2026 (the 2025/26 plan)');
		expect((await getDevelopmentAction(teacher, riverside, actionId)).dueDate).toBe('2026-03-27');
	});

	it('shows overdue actions and the progress of the year', async () => {
		await createDevelopmentAction(leader, riverside, {
			academicYear: 2025,
			title: 'Publish the provider access statement',
			benchmarks: [1],
			dueDate: '2025-10-01',
			status: 'done'
		});
		await createDevelopmentAction(leader, riverside, {
			academicYear: 2025,
			title: 'Train tutors on labour market information',
			benchmarks: [2],
			dueDate: '2025-11-30'
		});
		await createDevelopmentAction(leader, riverside, { academicYear: 2025, title: 'No date yet', benchmarks: [] });
		await createDevelopmentAction(leader, riverside, { academicYear: 2026, title: 'Next year', benchmarks: [3] });

		const { actions, progress } = await listDevelopmentActions(governor, riverside, {
			academicYear: 2025,
			today: '2026-01-10'
		});
		expect(actions.map((a) => [a.title, a.overdue])).toEqual([
			['Publish the provider access statement', false], // done, so never overdue
			['Train tutors on labour market information', true],
			['Run a careers fair for Year 9 with local employers', false],
			['No date yet', false]
		]);
		expect(progress).toEqual({ total: 4, notStarted: 2, inProgress: 1, done: 1, overdue: 1 });
		const done = await listDevelopmentActions(teacher, riverside, {
			academicYear: 2025,
			status: 'done',
			today: '2026-01-10'
		});
		expect(done.actions.map((a) => a.title)).toEqual(['Publish the provider access statement']);
		expect(done.progress.total).toBe(4);
		// On the due date itself an action is not yet overdue.
		const onTheDay = await listDevelopmentActions(leader, riverside, { academicYear: 2025, today: '2025-11-30' });
		expect(onTheDay.progress.overdue).toBe(0);
	});

	it('teachers, governors and administrators cannot change it; another school cannot see it', async () => {
		const input = { academicYear: 2025, title: 'Sneaky', benchmarks: [1] };
		await expect(createDevelopmentAction(teacher, riverside, input)).rejects.toThrow(ForbiddenError);
		await expect(createDevelopmentAction(governor, riverside, input)).rejects.toThrow(ForbiddenError);
		await expect(createDevelopmentAction(admin, riverside, input)).rejects.toThrow(ForbiddenError);
		await expect(updateDevelopmentAction(governor, riverside, actionId, { status: 'done' })).rejects.toThrow(
			ForbiddenError
		);
		await expect(deleteDevelopmentAction(teacher, riverside, actionId)).rejects.toThrow(ForbiddenError);
		await expect(createDevelopmentAction(otherLeader, riverside, input)).rejects.toThrow(NotFoundError);
		await expect(listDevelopmentActions(otherLeader, riverside, { academicYear: 2025 })).rejects.toThrow(NotFoundError);
		// Hillcrest's leader, in their own school, cannot reach Riverside's action by id.
		await expect(getDevelopmentAction(otherLeader, hillcrest, actionId)).rejects.toThrow(NotFoundError);
		await expect(updateDevelopmentAction(otherLeader, hillcrest, actionId, { status: 'done' })).rejects.toThrow(
			NotFoundError
		);
		await expect(getDevelopmentAction(leader, riverside, 'not-a-uuid')).rejects.toThrow(NotFoundError);
		expect((await getDevelopmentAction(leader, riverside, actionId)).status).toBe('in-progress');
	});

	it('lets the careers leader delete an action, recorded in the audit trail', async () => {
		await deleteDevelopmentAction(leader, riverside, actionId, 'req-plan3');
		await expect(getDevelopmentAction(leader, riverside, actionId)).rejects.toThrow(NotFoundError);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.recordId, actionId), eq(auditEvents.action, 'development-action.deleted')));
		expect(event?.before).toMatchObject({ title: 'Run a careers fair for Year 9 with local employers' });
		// The owner's account is kept; only the action went.
		expect(await handle.db.select().from(users).where(eq(users.id, teacherId))).toHaveLength(1);
	});
});
