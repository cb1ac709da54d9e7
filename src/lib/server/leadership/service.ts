/**
 * Careers leadership (seed 000): who does each of the careers leader's 21 tasks and for how long, the school's
 * leadership model, the roles structure filled from the people in the school, the conditions-for-success
 * self-ratings over time, and each person's CPD. Reading needs leadership.view; changing needs leadership.edit.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import {
	conditionRatings,
	cpdRecords,
	leadershipModels,
	leadershipTaskAssignments,
	memberships,
	users
} from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import { todayInLondon } from '../../domain/academic-year.ts';
import { ROLE_LABELS, type SchoolRole } from '../../domain/roles.ts';
import {
	AVERAGE_CAREERS_LEADER_HOURS,
	CONDITION_DETAILS,
	CPD_KINDS,
	CPD_KIND_DETAILS,
	LEADERSHIP_MODEL_IDS,
	STRUCTURE_ROLES,
	STRUCTURE_ROLE_DETAILS,
	comparedWithAverage,
	formatHours,
	isValidHours,
	leadershipModel,
	taskById,
	taskLoad,
	tasksByGroup,
	totalHours,
	unassignedTasks,
	type ConditionId,
	type CpdKind,
	type LeadershipModel,
	type LeadershipTask,
	type StructureRole,
	type TaskGroup
} from '../../domain/leadership.ts';
import type { School } from '../schools/service.ts';

// ---- people in the school ------------------------------------------------------------------------------

export type SchoolPerson = { userId: string; name: string; jobTitle: string | null; roles: SchoolRole[] };

async function peopleIn(q: Queryable, schoolId: string): Promise<SchoolPerson[]> {
	const rows = await q
		.select({ userId: users.id, name: users.name, jobTitle: memberships.jobTitle, roles: memberships.roles })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, schoolId))
		.orderBy(asc(users.name), asc(users.id));
	return rows.map((r) => ({ ...r, roles: r.roles as SchoolRole[] }));
}

async function memberOf(q: Queryable, schoolId: string, userId: string): Promise<SchoolPerson | undefined> {
	if (!z.uuid().safeParse(userId).success) return undefined;
	const [row] = await q
		.select({ userId: users.id, name: users.name, jobTitle: memberships.jobTitle, roles: memberships.roles })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, schoolId), eq(memberships.userId, userId)));
	return row ? { ...row, roles: row.roles as SchoolRole[] } : undefined;
}

/** Everyone in the school, for the "who" selects on the leadership pages. */
export async function leadershipPeople(actor: Actor, school: School): Promise<SchoolPerson[]> {
	authorise(actor, 'leadership.view', school.id);
	return peopleIn(db(), school.id);
}

// ---- overview ------------------------------------------------------------------------------------------

export type AssignedPerson = { userId: string; name: string; jobTitle: string | null; roleLabels: string[] };

export type TaskRow = LeadershipTask & { assignee: AssignedPerson | null; hoursPerWeek: number | null };

export type PersonLoadRow = AssignedPerson & {
	hoursPerWeek: number;
	tasks: number;
	/** For a careers leader: how their hours compare with the 14.5-hour average. */
	comparison: string | null;
};

export type LeadershipOverview = {
	groups: { group: TaskGroup; label: string; tasks: TaskRow[] }[];
	unassigned: LeadershipTask[];
	load: PersonLoadRow[];
	totalHours: number;
	averageCareersLeaderHours: number;
	model: (LeadershipModel & { note: string | null; updatedAt: Date }) | null;
	roles: {
		role: StructureRole;
		title: string;
		responsibility: string;
		typically: string;
		people: { userId: string; name: string; jobTitle: string | null }[];
	}[];
};

function assigned(person: SchoolPerson): AssignedPerson {
	return {
		userId: person.userId,
		name: person.name,
		jobTitle: person.jobTitle,
		roleLabels: person.roles.map((r) => ROLE_LABELS[r] ?? r)
	};
}

export async function leadershipOverview(actor: Actor, school: School): Promise<LeadershipOverview> {
	authorise(actor, 'leadership.view', school.id);
	const q = db();
	const people = await peopleIn(q, school.id);
	const rows = await q
		.select({
			taskId: leadershipTaskAssignments.taskId,
			userId: leadershipTaskAssignments.userId,
			hoursPerWeek: leadershipTaskAssignments.hoursPerWeek
		})
		.from(leadershipTaskAssignments)
		.where(eq(leadershipTaskAssignments.schoolId, school.id));
	const [modelRow] = await q.select().from(leadershipModels).where(eq(leadershipModels.schoolId, school.id));

	// Someone who has left the school keeps their assignment until it is changed; show them by name still.
	const byId = new Map(people.map((p) => [p.userId, p]));
	const missing = rows.filter((r) => !byId.has(r.userId)).map((r) => r.userId);
	if (missing.length > 0) {
		const former = await q.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, missing));
		for (const u of former)
			byId.set(u.id, { userId: u.id, name: `${u.name} (no longer in the school)`, jobTitle: null, roles: [] });
	}
	const assignments = rows.map((r) => ({ ...r, hoursPerWeek: Number(r.hoursPerWeek) }));
	const byTask = new Map(assignments.map((a) => [a.taskId, a]));

	const groups = tasksByGroup().map((g) => ({
		...g,
		tasks: g.tasks.map((task) => {
			const a = byTask.get(task.id);
			const person = a ? byId.get(a.userId) : undefined;
			return {
				...task,
				assignee: person ? assigned(person) : null,
				hoursPerWeek: a ? a.hoursPerWeek : null
			};
		})
	}));

	const load = taskLoad(assignments).flatMap((l) => {
		const person = byId.get(l.userId);
		if (!person) return [];
		return [
			{
				...assigned(person),
				hoursPerWeek: l.hoursPerWeek,
				tasks: l.tasks,
				comparison: person.roles.includes('careers-leader') ? comparedWithAverage(l.hoursPerWeek).words : null
			}
		];
	});

	const model = modelRow ? leadershipModel(modelRow.modelId) : undefined;
	return {
		groups,
		unassigned: unassignedTasks(assignments),
		load,
		totalHours: totalHours(assignments),
		averageCareersLeaderHours: AVERAGE_CAREERS_LEADER_HOURS,
		model: model && modelRow ? { ...model, note: modelRow.note, updatedAt: modelRow.updatedAt } : null,
		roles: STRUCTURE_ROLES.map((role) => ({
			role,
			...STRUCTURE_ROLE_DETAILS[role],
			people: people
				.filter((p) => p.roles.includes(role))
				.map((p) => ({ userId: p.userId, name: p.name, jobTitle: p.jobTitle }))
		}))
	};
}

// ---- task assignments ----------------------------------------------------------------------------------

const HOURS_MESSAGE = 'Enter hours a week from 0 to 60, in steps of 0.5 (for example 2.5)';

const hoursSchema = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z.number({ error: HOURS_MESSAGE }).refine((h) => isValidHours(h), HOURS_MESSAGE)
);

const taskIdSchema = z
	.string({ error: 'Choose a task' })
	.trim()
	.superRefine((id, ctx) => {
		if (!taskById(id)) ctx.addIssue({ code: 'custom', message: `Unknown task "${id}"` });
	});

const assignSchema = z.object({
	taskId: taskIdSchema,
	userId: z.string({ error: 'Choose who does this task' }).trim().min(1, 'Choose who does this task'),
	hoursPerWeek: hoursSchema
});

export async function assignTask(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<{ taskId: string; name: string; hoursPerWeek: number }> {
	authorise(actor, 'leadership.edit', school.id);
	const parsed = assignSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const { taskId, userId, hoursPerWeek } = parsed.data;
	const task = taskById(taskId);
	if (!task) throw ValidationError.one('taskId', `Unknown task "${taskId}"`);
	return db().transaction(async (tx) => {
		const person = await memberOf(tx, school.id, userId);
		if (!person) throw ValidationError.one('userId', `Choose someone who works in ${school.name}`);
		const [before] = await tx
			.select()
			.from(leadershipTaskAssignments)
			.where(and(eq(leadershipTaskAssignments.schoolId, school.id), eq(leadershipTaskAssignments.taskId, taskId)));
		await tx
			.insert(leadershipTaskAssignments)
			.values({ schoolId: school.id, taskId, userId, hoursPerWeek })
			.onConflictDoUpdate({
				target: [leadershipTaskAssignments.schoolId, leadershipTaskAssignments.taskId],
				set: { userId, hoursPerWeek, updatedAt: new Date() }
			});
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.task-assigned',
				recordType: 'leadership task',
				recordId: taskId,
				summary: `“${task.title}” assigned to ${person.name}, ${formatHours(hoursPerWeek)} a week`,
				before: before ? { userId: before.userId, hoursPerWeek: Number(before.hoursPerWeek) } : null,
				after: { userId, hoursPerWeek }
			},
			requestId
		);
		return { taskId, name: person.name, hoursPerWeek };
	});
}

export async function unassignTask(actor: Actor, school: School, taskId: string, requestId?: string): Promise<void> {
	authorise(actor, 'leadership.edit', school.id);
	const parsed = taskIdSchema.safeParse(taskId);
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: ['taskId'] })));
	const task = taskById(parsed.data);
	if (!task) throw ValidationError.one('taskId', `Unknown task "${taskId}"`);
	await db().transaction(async (tx) => {
		const [removed] = await tx
			.delete(leadershipTaskAssignments)
			.where(and(eq(leadershipTaskAssignments.schoolId, school.id), eq(leadershipTaskAssignments.taskId, task.id)))
			.returning();
		if (!removed) throw ValidationError.one('taskId', `“${task.title}” is not assigned to anyone`);
		const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, removed.userId));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.task-unassigned',
				recordType: 'leadership task',
				recordId: task.id,
				summary: `“${task.title}” no longer assigned to ${person?.name ?? 'anyone'}`,
				before: { userId: removed.userId, hoursPerWeek: Number(removed.hoursPerWeek) },
				after: null
			},
			requestId
		);
	});
}

// ---- leadership model ----------------------------------------------------------------------------------

const modelSchema = z.object({
	modelId: z.enum(LEADERSHIP_MODEL_IDS, { error: 'Choose the school’s careers leadership model' }),
	note: z
		.string()
		.trim()
		.max(2000, 'The note must be 2,000 characters or fewer')
		.optional()
		.transform((n) => (n ? n : null))
});

export async function setLeadershipModel(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<void> {
	authorise(actor, 'leadership.edit', school.id);
	const parsed = modelSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const { modelId, note } = parsed.data;
	const model = leadershipModel(modelId);
	await db().transaction(async (tx) => {
		const [before] = await tx.select().from(leadershipModels).where(eq(leadershipModels.schoolId, school.id));
		await tx
			.insert(leadershipModels)
			.values({ schoolId: school.id, modelId, note })
			.onConflictDoUpdate({ target: leadershipModels.schoolId, set: { modelId, note, updatedAt: new Date() } });
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.model-set',
				recordType: 'leadership model',
				recordId: school.id,
				summary: `Careers leadership model set to “${model?.title ?? modelId}”`,
				before: before ? { modelId: before.modelId, note: before.note } : null,
				after: { modelId, note }
			},
			requestId
		);
	});
}

// ---- conditions for success ----------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
function isRealDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function dateSchema(label: string) {
	return z.string().trim().refine(isRealDate, `${label} must be a real date, for example 2025-09-01`);
}

function ratingSchema(condition: ConditionId) {
	const label = CONDITION_DETAILS[condition].label;
	const message = `Rate ${label.toLowerCase()} from 1 to 5`;
	return z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
		z.number({ error: message }).int(message).min(1, message).max(5, message)
	);
}

const ratingInputSchema = z
	.object({
		ratedOn: z.preprocess(
			(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
			dateSchema('The date').optional()
		),
		clarityOfRoles: ratingSchema('clarity-of-roles'),
		authorityAndPower: ratingSchema('authority-and-power'),
		timeAndResources: ratingSchema('time-and-resources'),
		expertise: ratingSchema('expertise'),
		comment: z.string().trim().max(4000, 'The comment must be 4,000 characters or fewer').optional()
	})
	.transform((r) => ({ ...r, ratedOn: r.ratedOn ?? todayInLondon(), comment: r.comment ? r.comment : null }))
	.refine((r) => r.ratedOn <= todayInLondon(), { path: ['ratedOn'], message: 'The date cannot be in the future' });

export type ConditionRating = {
	id: string;
	ratedOn: string;
	clarityOfRoles: number;
	authorityAndPower: number;
	timeAndResources: number;
	expertise: number;
	comment: string | null;
	ratedBy: string | null;
};

export async function rateConditions(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<{ id: string }> {
	authorise(actor, 'leadership.edit', school.id);
	const parsed = ratingInputSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const r = parsed.data;
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(conditionRatings)
			.values({ schoolId: school.id, ...r, ratedBy: actor.system ? null : actor.userId })
			.returning({ id: conditionRatings.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.conditions-rated',
				recordType: 'conditions for success rating',
				recordId: row.id,
				summary:
					`Conditions for success rated on ${r.ratedOn}: clarity of roles ${r.clarityOfRoles}, ` +
					`authority and power ${r.authorityAndPower}, time and resources ${r.timeAndResources}, expertise ${r.expertise}`,
				after: r
			},
			requestId
		);
		return { id: row.id };
	});
}

/** Every rating, newest first. */
export async function conditionHistory(actor: Actor, school: School): Promise<ConditionRating[]> {
	authorise(actor, 'leadership.view', school.id);
	const rows = await db()
		.select({
			id: conditionRatings.id,
			ratedOn: conditionRatings.ratedOn,
			clarityOfRoles: conditionRatings.clarityOfRoles,
			authorityAndPower: conditionRatings.authorityAndPower,
			timeAndResources: conditionRatings.timeAndResources,
			expertise: conditionRatings.expertise,
			comment: conditionRatings.comment,
			ratedBy: users.name
		})
		.from(conditionRatings)
		.leftJoin(users, eq(users.id, conditionRatings.ratedBy))
		.where(eq(conditionRatings.schoolId, school.id))
		.orderBy(desc(conditionRatings.ratedOn), desc(conditionRatings.createdAt));
	return rows;
}

// ---- CPD -----------------------------------------------------------------------------------------------

const optionalText = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
		.optional()
		.transform((t) => (t ? t : null));

const cpdSchema = z
	.object({
		userId: z.string({ error: 'Choose whose CPD this is' }).trim().min(1, 'Choose whose CPD this is'),
		kind: z.enum(CPD_KINDS, { error: 'Choose the kind of CPD' }),
		title: z
			.string({ error: 'Enter the title of the course, qualification or community' })
			.trim()
			.min(1, 'Enter the title of the course, qualification or community')
			.max(300, 'The title must be 300 characters or fewer'),
		provider: optionalText(300, 'The provider'),
		startDate: z.preprocess(
			(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
			dateSchema('The start date').optional()
		),
		endDate: z.preprocess(
			(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
			dateSchema('The end date').optional()
		),
		accredited: z.preprocess(
			(v) =>
				v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' || v === '' || v === undefined ? false : v,
			z.boolean({ error: 'Say whether it is accredited' })
		),
		evidence: optionalText(4000, 'The evidence')
	})
	.refine((c) => !c.endDate || !c.startDate || c.endDate >= c.startDate, {
		path: ['endDate'],
		message: 'The end date must be the same as or after the start date'
	})
	.refine((c) => !c.endDate || Boolean(c.startDate), { path: ['startDate'], message: 'Enter the start date as well' });

export type CpdRecord = {
	id: string;
	userId: string;
	name: string;
	kind: CpdKind;
	kindLabel: string;
	title: string;
	provider: string | null;
	startDate: string | null;
	endDate: string | null;
	accredited: boolean;
	evidence: string | null;
};

/** CPD records, by person then newest first; only one person's when `userId` is given. */
export async function listCpd(actor: Actor, school: School, filter: { userId?: string } = {}): Promise<CpdRecord[]> {
	authorise(actor, 'leadership.view', school.id);
	const conditions = [eq(cpdRecords.schoolId, school.id)];
	if (filter.userId) {
		if (!z.uuid().safeParse(filter.userId).success) return [];
		conditions.push(eq(cpdRecords.userId, filter.userId));
	}
	const rows = await db()
		.select({ record: cpdRecords, name: users.name })
		.from(cpdRecords)
		.innerJoin(users, eq(users.id, cpdRecords.userId))
		.where(and(...conditions))
		.orderBy(asc(users.name), asc(cpdRecords.userId), desc(cpdRecords.startDate), desc(cpdRecords.createdAt));
	return rows.map(({ record, name }) => ({
		id: record.id,
		userId: record.userId,
		name,
		kind: record.kind as CpdKind,
		kindLabel: CPD_KIND_DETAILS[record.kind as CpdKind]?.label ?? record.kind,
		title: record.title,
		provider: record.provider,
		startDate: record.startDate,
		endDate: record.endDate,
		accredited: record.accredited,
		evidence: record.evidence
	}));
}

export async function addCpd(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<{ id: string }> {
	authorise(actor, 'leadership.edit', school.id);
	const parsed = cpdSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const c = parsed.data;
	return db().transaction(async (tx) => {
		const person = await memberOf(tx, school.id, c.userId);
		if (!person) throw ValidationError.one('userId', `Choose someone who works in ${school.name}`);
		const [row] = await tx
			.insert(cpdRecords)
			.values({
				schoolId: school.id,
				userId: c.userId,
				kind: c.kind,
				title: c.title,
				provider: c.provider,
				startDate: c.startDate ?? null,
				endDate: c.endDate ?? null,
				accredited: c.accredited,
				evidence: c.evidence
			})
			.returning({ id: cpdRecords.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.cpd-added',
				recordType: 'CPD record',
				recordId: row.id,
				summary: `CPD recorded for ${person.name}: ${c.title} (${CPD_KIND_DETAILS[c.kind].label.toLowerCase()}${c.accredited ? ', accredited' : ''})`,
				after: c
			},
			requestId
		);
		return { id: row.id };
	});
}

export async function deleteCpd(actor: Actor, school: School, id: string, requestId?: string): Promise<void> {
	authorise(actor, 'leadership.edit', school.id);
	if (!z.uuid().safeParse(id).success) throw new NotFoundError();
	await db().transaction(async (tx) => {
		const [removed] = await tx
			.delete(cpdRecords)
			.where(and(eq(cpdRecords.id, id), eq(cpdRecords.schoolId, school.id)))
			.returning();
		if (!removed) throw ValidationError.one('record', 'That CPD record has already been removed');
		const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, removed.userId));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'leadership.cpd-removed',
				recordType: 'CPD record',
				recordId: removed.id,
				summary: `CPD record removed for ${person?.name ?? 'a former colleague'}: ${removed.title}`,
				before: { ...removed, createdAt: removed.createdAt.toISOString() }
			},
			requestId
		);
	});
}
