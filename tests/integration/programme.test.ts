/**
 * The careers programme planner on the real database (PGlite, and Postgres when DATABASE_URL is set):
 * activities with their benchmarks, validation, who may do what, and copying a programme forward.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	auditEvents,
	programmeAims,
	programmes
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	activitiesForGrid,
	copyForwardPreview,
	copyProgrammeForward,
	createActivity,
	deleteActivity,
	getActivity,
	listActivities,
	programmeFor,
	updateActivity
} from '../../src/lib/server/programme/service.ts';

let handle: DatabaseHandle;
let outbox: string;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const YEAR = 2025;

let riverside: School;
let hillcrest: School;
let leader: Actor;
let admin: Actor;
let teacher: Actor;
let governor: Actor;
let outsider: Actor;

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

async function counts(): Promise<{ activities: number; ticks: number; audit: number; programmes: number }> {
	const n = async (table: typeof activities | typeof activityBenchmarks | typeof auditEvents | typeof programmes) => {
		const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
		return row?.n ?? -1;
	};
	return {
		activities: await n(activities),
		ticks: await n(activityBenchmarks),
		audit: await n(auditEvents),
		programmes: await n(programmes)
	};
}

const careersFair = {
	title: 'Year 10 careers fair',
	description: 'Thirty local employers in the sports hall.',
	type: 'employer-encounter',
	format: 'careers-fair',
	yearGroups: ['10', '11'],
	term: 'spring',
	halfTerm: '4',
	startDate: '2026-02-26',
	endDate: '2026-02-26',
	audience: 'whole-year',
	learningOutcomes: 'Pupils can name three local employers.',
	partners: 'Riverside Chamber of Commerce\nCity College',
	benchmarks: ['5', '7'],
	meaningful: ['purposeShared', 'twoWayInteraction']
};

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School', highestYear: '11' });
	const people: [string, string, string, string][] = [
		['leader@riverside.example', 'Ada Leader', '137501', 'careers-leader'],
		['admin@riverside.example', 'Cal Admin', '137501', 'careers-administrator'],
		['teacher@riverside.example', 'Tom Teacher', '137501', 'teacher'],
		['governor@riverside.example', 'Gill Governor', '137501', 'link-governor'],
		['leader@hillcrest.example', 'Hal Leader', '137502', 'careers-leader']
	];
	for (const [email, name, schoolUrn, role] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	admin = await signedIn('admin@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	outsider = await signedIn('leader@hillcrest.example');
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe('planned activities', () => {
	let activityId: string;

	it('adds an activity with its benchmarks, making the programme, and audits it', async () => {
		expect(await programmeFor(leader, riverside, YEAR)).toBeNull();
		const created = await createActivity(
			leader,
			riverside,
			YEAR,
			{ ...careersFair, ownerUserId: leader.userId },
			'req-1'
		);
		activityId = created.id;
		expect(created).toMatchObject({
			title: 'Year 10 careers fair',
			type: 'employer-encounter',
			format: 'careers-fair',
			yearGroups: [10, 11],
			term: 'spring',
			halfTerm: 4,
			startDate: '2026-02-26',
			partners: ['Riverside Chamber of Commerce', 'City College'],
			benchmarks: [5, 7],
			ownerName: 'Ada Leader',
			meaningful: { purposeShared: true, twoWayInteraction: true, reflection: false, employerSetTask: false }
		});
		expect((await programmeFor(teacher, riverside, YEAR))?.academicYear).toBe(YEAR);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'activity.created'), eq(auditEvents.recordId, activityId)));
		expect(event?.summary).toBe(
			'Added "Year 10 careers fair" (Encounter with employers and employees, Year 10, 11) to the 2025/26 careers programme'
		);
		expect(event?.requestId).toBe('req-1');
		expect(event?.organisationId).toBe(riverside.id);
	});

	it('stores exactly the benchmarks ticked, none when none are', async () => {
		const plain = await createActivity(admin, riverside, YEAR, {
			title: 'Guidance drop-in',
			type: 'guidance',
			format: 'interview',
			yearGroups: '11'
		});
		expect(plain.benchmarks).toEqual([]);
		expect(plain.term).toBeNull();
		expect(plain.audience).toBe('whole-year');
		await deleteActivity(admin, riverside, plain.id);
	});

	it('works out the term and half-term from the date when they are not given', async () => {
		const dated = await createActivity(leader, riverside, YEAR, {
			title: 'University visit',
			type: 'he-encounter',
			format: 'visit',
			yearGroups: ['12'],
			startDate: '2025-11-12'
		});
		expect([dated.term, dated.halfTerm]).toEqual(['autumn', 2]);
		await deleteActivity(leader, riverside, dated.id);
	});

	it('updates an activity and its benchmarks in one audited change', async () => {
		const updated = await updateActivity(
			admin,
			riverside,
			activityId,
			{ ...careersFair, yearGroups: ['10'], benchmarks: ['5'], audience: 'targeted', targetGroups: ['sen'] },
			'req-2'
		);
		expect(updated).toMatchObject({ yearGroups: [10], benchmarks: [5], audience: 'targeted', audienceGroups: ['sen'] });
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'activity.updated'), eq(auditEvents.recordId, activityId)));
		expect(event?.before).toMatchObject({ yearGroups: [10, 11], benchmarks: [5, 7] });
		expect(event?.after).toMatchObject({ yearGroups: [10], benchmarks: [5] });
	});

	it('lists activities with filters by year group, type, term, benchmark, audience and words', async () => {
		const workplace = await createActivity(leader, riverside, YEAR, {
			title: 'Work experience week',
			type: 'workplace-experience',
			format: 'placement',
			yearGroups: ['10', '12'],
			term: 'summer',
			halfTerm: '6',
			benchmarks: ['6'],
			partners: 'Hospital trust'
		});
		const titles = async (filters: Parameters<typeof listActivities>[3]) =>
			(await listActivities(teacher, riverside, YEAR, filters)).map((a) => a.title);
		expect(await titles({})).toEqual(['Year 10 careers fair', 'Work experience week']);
		expect(await titles({ yearGroup: 12 })).toEqual(['Work experience week']);
		expect(await titles({ yearGroup: 9 })).toEqual([]);
		expect(await titles({ type: 'employer-encounter' })).toEqual(['Year 10 careers fair']);
		expect(await titles({ term: 'summer' })).toEqual(['Work experience week']);
		expect(await titles({ benchmark: 5 })).toEqual(['Year 10 careers fair']);
		expect(await titles({ audience: 'targeted' })).toEqual(['Year 10 careers fair']);
		expect(await titles({ q: 'hospital' })).toEqual(['Work experience week']);
		expect(await titles({ q: '100%' })).toEqual([]);
		expect(
			(await activitiesForGrid(governor, riverside, YEAR)).map((a) => [a.title, a.halfTerm, a.benchmarks])
		).toEqual([
			['Year 10 careers fair', 4, [5]],
			['Work experience week', 6, [6]]
		]);
		await deleteActivity(leader, riverside, workplace.id);
	});

	it('deletes an activity with its benchmark ticks, audited', async () => {
		const temp = await createActivity(leader, riverside, YEAR, {
			title: 'Temporary',
			type: 'lmi',
			format: 'lesson',
			yearGroups: ['8'],
			benchmarks: ['2']
		});
		const before = await counts();
		expect(await deleteActivity(leader, riverside, temp.id, 'req-3')).toEqual({
			academicYear: YEAR,
			title: 'Temporary'
		});
		const after = await counts();
		expect(after.activities).toBe(before.activities - 1);
		expect(after.ticks).toBe(before.ticks - 1);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'activity.deleted'), eq(auditEvents.recordId, temp.id)));
		expect(event?.summary).toContain('Removed "Temporary"');
		await expect(getActivity(leader, riverside, temp.id)).rejects.toThrow(NotFoundError);
	});
});

describe('bad input changes nothing', () => {
	const base = { title: 'Assembly', type: 'lmi', format: 'assembly', yearGroups: ['9'] };

	it.each([
		['no title', { title: '  ' }, 'title', 'Enter a title for the activity'],
		['no year group', { yearGroups: [] }, 'yearGroups', 'Choose at least one year group'],
		[
			'a year group the school does not teach',
			{ yearGroups: ['6'] },
			'yearGroups',
			'Riverside Academy teaches Years 7 to 13: choose year groups in that range'
		],
		[
			'an unknown type',
			{ type: 'Employer talk' },
			'type',
			'Type must be one of: employer-encounter, workplace-experience, provider-access, fe-encounter, he-encounter, training-provider-encounter, guidance, lmi, curriculum-link, parents-event, other'
		],
		['an unknown format', { format: 'podcast' }, 'format', expect.stringMatching(/^Format must be one of: talk, /)],
		['a half-term out of range', { halfTerm: '7' }, 'halfTerm', 'Half-term must be a number from 1 to 6'],
		[
			'a half-term in another term',
			{ term: 'autumn', halfTerm: '4' },
			'halfTerm',
			'Spring 2 is in the spring term, not the autumn term: choose a matching half-term or term'
		],
		[
			'a date outside the academic year',
			{ startDate: '2026-09-01' },
			'startDate',
			'Start date must be between 1 September 2025 and 31 August 2026 (the 2025/26 academic year)'
		],
		[
			'an end date outside the academic year',
			{ startDate: '2026-08-30', endDate: '2026-09-02' },
			'endDate',
			'End date must be between 1 September 2025 and 31 August 2026 (the 2025/26 academic year)'
		],
		[
			'a date that does not exist',
			{ startDate: '2026-02-30' },
			'startDate',
			'Start date must be a real date, like 2026-02-10'
		],
		[
			'an end before the start',
			{ startDate: '2026-03-10', endDate: '2026-03-09' },
			'endDate',
			'End date must be the same as or after the start date'
		],
		[
			'a targeted activity with no group',
			{ audience: 'targeted' },
			'targetGroups',
			'Choose at least one group of pupils the activity is targeted at'
		],
		[
			'a named-groups activity with no names',
			{ audience: 'named-groups', namedGroups: ' ' },
			'namedGroups',
			'Enter the names of the groups or classes taking part'
		],
		['benchmark 9', { benchmarks: ['5', '9'] }, 'benchmarks', 'Benchmarks are numbered 1 to 8']
	])('refuses %s', async (_, change, field, message) => {
		const before = await counts();
		expect(await validationErrors(createActivity(leader, riverside, YEAR, { ...base, ...change }))).toEqual([
			{ field, message }
		]);
		expect(await counts()).toEqual(before);
	});

	it('refuses an owner from another school, and lists every problem at once', async () => {
		const before = await counts();
		const errors = await validationErrors(
			createActivity(leader, riverside, YEAR, { ...base, title: '', yearGroups: [], ownerUserId: outsider.userId })
		);
		expect(errors).toEqual([
			{ field: 'title', message: 'Enter a title for the activity' },
			{ field: 'yearGroups', message: 'Choose at least one year group' },
			{ field: 'ownerUserId', message: 'Owner must be someone in Riverside Academy' }
		]);
		expect(await counts()).toEqual(before);
	});

	it('refuses a Year 12 activity at an 11–16 school', async () => {
		expect(await validationErrors(createActivity(outsider, hillcrest, YEAR, { ...base, yearGroups: ['12'] }))).toEqual([
			{ field: 'yearGroups', message: 'Hillcrest School teaches Years 7 to 11: choose year groups in that range' }
		]);
	});

	it('refuses a bad update and leaves the activity as it was', async () => {
		const [first] = await listActivities(leader, riverside, YEAR);
		if (!first) throw new Error('no activity');
		const before = await counts();
		expect(
			await validationErrors(updateActivity(leader, riverside, first.id, { ...careersFair, yearGroups: [] }))
		).toEqual([{ field: 'yearGroups', message: 'Choose at least one year group' }]);
		expect(await getActivity(leader, riverside, first.id)).toEqual({ ...first, academicYear: YEAR });
		expect(await counts()).toEqual(before);
	});
});

describe('who may plan', () => {
	it('lets a teacher and a governor view but not add, change or delete', async () => {
		const [first] = await listActivities(teacher, riverside, YEAR);
		if (!first) throw new Error('no activity');
		expect((await getActivity(governor, riverside, first.id)).title).toBe(first.title);
		for (const actor of [teacher, governor]) {
			await expect(createActivity(actor, riverside, YEAR, careersFair)).rejects.toThrow(ForbiddenError);
			await expect(updateActivity(actor, riverside, first.id, careersFair)).rejects.toThrow(ForbiddenError);
			await expect(deleteActivity(actor, riverside, first.id)).rejects.toThrow(ForbiddenError);
			await expect(programmeFor(actor, riverside, YEAR + 3, { create: true })).rejects.toThrow(ForbiddenError);
		}
	});

	it('lets a careers administrator add activities but not copy the programme forward', async () => {
		const made = await createActivity(admin, riverside, YEAR, { ...careersFair, title: 'Admin’s activity' });
		expect(made.title).toBe('Admin’s activity');
		await deleteActivity(admin, riverside, made.id);
		await expect(copyProgrammeForward(admin, riverside, YEAR)).rejects.toThrow(ForbiddenError);
	});

	it('treats another school’s programme and activities as not found', async () => {
		const [first] = await listActivities(leader, riverside, YEAR);
		if (!first) throw new Error('no activity');
		await expect(listActivities(outsider, riverside, YEAR)).rejects.toThrow(NotFoundError);
		await expect(getActivity(outsider, riverside, first.id)).rejects.toThrow(NotFoundError);
		// Through their own school, another school's activity id matches nothing.
		await expect(getActivity(outsider, hillcrest, first.id)).rejects.toThrow(NotFoundError);
		await expect(updateActivity(outsider, hillcrest, first.id, careersFair)).rejects.toThrow(NotFoundError);
		await expect(deleteActivity(outsider, hillcrest, first.id)).rejects.toThrow(NotFoundError);
		await expect(getActivity(leader, riverside, 'not-a-uuid')).rejects.toThrow(NotFoundError);
	});
});

describe('copying a programme forward', () => {
	it('copies activities, benchmarks and aims into next year with dates a year on, and never twice', async () => {
		// A leap-day activity and a set of aims with a sub-aim and ticks.
		const leap = await createActivity(leader, riverside, 2023, {
			title: 'Leap day mock interviews',
			type: 'employer-encounter',
			format: 'interview',
			yearGroups: ['11'],
			startDate: '2024-02-29',
			benchmarks: ['5', '8']
		});
		const programme = await programmeFor(leader, riverside, 2023);
		if (!programme) throw new Error('no programme');
		const [aim] = await handle.db
			.insert(programmeAims)
			.values({ programmeId: programme.id, title: 'Develop leadership skills', position: 1 })
			.returning();
		const [subAim] = await handle.db
			.insert(programmeAims)
			.values({ programmeId: programme.id, parentId: aim!.id, title: 'Professional networks', position: 1 })
			.returning();
		await handle.db.insert(activityAims).values({ activityId: leap.id, aimId: subAim!.id });

		expect(await copyForwardPreview(leader, riverside, 2023)).toMatchObject({
			activities: 1,
			alreadyCopied: 0,
			aims: 2,
			toYear: 2024
		});
		expect(await copyProgrammeForward(leader, riverside, 2023, 'req-copy')).toEqual({
			copied: 1,
			skipped: 0,
			aimsCopied: 2,
			toYear: 2024
		});
		const [copy] = await listActivities(leader, riverside, 2024);
		expect(copy).toMatchObject({
			title: 'Leap day mock interviews',
			startDate: '2025-02-28',
			term: 'spring',
			halfTerm: 4,
			benchmarks: [5, 8],
			copiedFromId: leap.id
		});
		const target = await programmeFor(leader, riverside, 2024);
		expect(target?.copiedFromId).toBe(programme.id);
		const aims = await handle.db.select().from(programmeAims).where(eq(programmeAims.programmeId, target!.id));
		const parent = aims.find((a) => a.title === 'Develop leadership skills');
		const child = aims.find((a) => a.title === 'Professional networks');
		expect(child?.parentId).toBe(parent?.id);
		const ticks = await handle.db.select().from(activityAims).where(eq(activityAims.activityId, copy!.id));
		expect(ticks.map((t) => t.aimId)).toEqual([child!.id]);

		const before = await counts();
		expect(await copyProgrammeForward(leader, riverside, 2023)).toEqual({
			copied: 0,
			skipped: 1,
			aimsCopied: 0,
			toYear: 2024
		});
		const after = await counts();
		expect(after.activities).toBe(before.activities);
		expect(after.ticks).toBe(before.ticks);
		expect(after.audit).toBe(before.audit + 1);
		expect(await handle.db.select().from(programmeAims).where(eq(programmeAims.programmeId, target!.id))).toHaveLength(
			2
		);
		expect(await copyForwardPreview(leader, riverside, 2023)).toMatchObject({ activities: 1, alreadyCopied: 1 });
	});

	it('copies the whole year’s programme, shifting every date, then skips all of them the second time', async () => {
		const source = await listActivities(leader, riverside, YEAR);
		expect(source.length).toBeGreaterThan(0);
		const first = await copyProgrammeForward(leader, riverside, YEAR);
		expect(first).toMatchObject({ copied: source.length, skipped: 0, toYear: YEAR + 1 });
		const copies = await listActivities(leader, riverside, YEAR + 1);
		const fair = copies.find((a) => a.title === 'Year 10 careers fair');
		expect(fair).toMatchObject({ startDate: '2027-02-26', endDate: '2027-02-26', benchmarks: [5] });
		const again = await copyProgrammeForward(leader, riverside, YEAR);
		expect(again).toMatchObject({ copied: 0, skipped: source.length });
		expect(await listActivities(leader, riverside, YEAR + 1)).toHaveLength(copies.length);
		const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'programme.copied-forward'));
		expect(events.map((e) => e.summary)).toContain(
			`Copied 0 activities from the 2025/26 careers programme to 2026/27 (${source.length} already there)`
		);
	});

	it('explains when there is nothing to copy, and writes nothing', async () => {
		const before = await counts();
		expect(await validationErrors(copyProgrammeForward(leader, riverside, 2019))).toEqual([
			{ field: 'year', message: 'There is no careers programme for 2019/20 to copy. Choose another year.' }
		]);
		expect(await counts()).toEqual(before);
	});
});
