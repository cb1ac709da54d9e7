/**
 * The CEIAG development plan: a school's actions for an academic year, each with the benchmarks it
 * serves, an owner, a due date inside the year, a status and an evidence note. The careers leader and
 * senior leaders change it; everyone in the school may read it (governors read only).
 *
 * `createDevelopmentAction` is also how a gap in the programme becomes an action (gapBenchmark and
 * gapYearGroup say which gap).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { developmentActions, memberships, users } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { academicYearBounds, academicYearName, todayInLondon } from '../../domain/academic-year.ts';
import { longDate } from '../../domain/academic-year.ts';

export const ACTION_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type DevelopmentActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<DevelopmentActionStatus, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	done: 'Done'
};

export type DevelopmentActionInput = {
	/** Start year of the academic year: 2025 is the 2025/26 plan. */
	academicYear: number;
	title: string;
	/** Benchmark numbers 1–8. */
	benchmarks: number[];
	ownerUserId?: string | null;
	/** YYYY-MM-DD (or DD/MM/YYYY), within the academic year. */
	dueDate?: string | null;
	status?: DevelopmentActionStatus;
	evidence?: string | null;
	/** When made from a gap in the programme: which benchmark and year group. */
	gapBenchmark?: number | null;
	gapYearGroup?: number | null;
};

export type DevelopmentAction = {
	id: string;
	academicYear: number;
	title: string;
	benchmarks: number[];
	ownerUserId: string | null;
	ownerName: string | null;
	dueDate: string | null;
	status: DevelopmentActionStatus;
	evidence: string | null;
	gapBenchmark: number | null;
	gapYearGroup: number | null;
	/** Due before today (London) and not done. */
	overdue: boolean;
	createdAt: Date;
	updatedAt: Date;
};

export type PlanProgress = { total: number; notStarted: number; inProgress: number; done: number; overdue: number };

/** YYYY-MM-DD for a real calendar date given as YYYY-MM-DD or DD/MM/YYYY; undefined otherwise. */
function isoDate(input: string): string | undefined {
	let y: number, m: number, d: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (uk) [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
	else return undefined;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const emptyToNull = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

const optionalText = (max: number, message: string) =>
	z.preprocess(emptyToNull, z.string().trim().max(max, message).nullable());

const smallInt = (min: number, max: number, message: string) =>
	z.preprocess(
		emptyToNull,
		z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).nullable()
	);

export const developmentActionSchema = z
	.object({
		academicYear: z.coerce
			.number({ error: 'Choose the academic year of the plan' })
			.int('Choose the academic year of the plan')
			.min(2000, 'Choose the academic year of the plan')
			.max(2100, 'Choose the academic year of the plan'),
		title: z
			.string({ error: 'Enter what the action is' })
			.trim()
			.min(1, 'Enter what the action is')
			.max(500, 'The action must be 500 characters or fewer'),
		benchmarks: z
			.array(
				z.coerce
					.number({ error: 'Benchmarks are numbered 1 to 8' })
					.int('Benchmarks are numbered 1 to 8')
					.min(1, 'Benchmarks are numbered 1 to 8')
					.max(8, 'Benchmarks are numbered 1 to 8')
			)
			.default([])
			.transform((list) => [...new Set(list)].sort((a, b) => a - b)),
		ownerUserId: z.preprocess(emptyToNull, z.uuid('Choose an owner from the list').nullable()),
		dueDate: z.preprocess(
			emptyToNull,
			z
				.string()
				.trim()
				.transform((v, ctx) => {
					const iso = isoDate(v);
					if (!iso) {
						ctx.addIssue({ code: 'custom', message: 'Enter the due date as a real date, for example 27 3 2026' });
						return z.NEVER;
					}
					return iso;
				})
				.nullable()
		),
		status: z.preprocess(
			(v) => emptyToNull(v) ?? 'not-started',
			z.enum(ACTION_STATUSES, { error: 'Choose not started, in progress or done' })
		),
		evidence: optionalText(5000, 'The evidence note must be 5,000 characters or fewer'),
		gapBenchmark: smallInt(1, 8, 'Benchmarks are numbered 1 to 8'),
		gapYearGroup: smallInt(7, 13, 'Year groups run from 7 to 13')
	})
	.superRefine((a, ctx) => {
		if (!a.dueDate) return;
		const { start, end } = academicYearBounds(a.academicYear);
		if (a.dueDate < start || a.dueDate > end)
			ctx.addIssue({
				code: 'custom',
				path: ['dueDate'],
				message: `Due date must be between ${longDate(start)} and ${longDate(end)} (the ${academicYearName(a.academicYear)} plan)`
			});
	});

type ParsedAction = z.output<typeof developmentActionSchema>;

function parseAction(input: unknown): ParsedAction {
	const parsed = developmentActionSchema.safeParse(input);
	if (!parsed.success) {
		// One message for the benchmark boxes, however many were wrong: the form has one field for them.
		const seen = new Set<string>();
		const issues = parsed.error.issues
			.map((i) => (i.path[0] === 'benchmarks' ? { ...i, path: ['benchmarks'] } : i))
			.filter((i) => {
				const key = `${i.path.join('.')}|${i.message}`;
				if (seen.has(key)) return false;
				seen.add(key);
				return true;
			});
		throw fromZod(issues);
	}
	return parsed.data;
}

async function checkOwner(q: Queryable, school: School, ownerUserId: string | null): Promise<void> {
	if (!ownerUserId) return;
	const [member] = await q
		.select({ id: memberships.id })
		.from(memberships)
		.where(and(eq(memberships.userId, ownerUserId), eq(memberships.organisationId, school.id)));
	if (!member) throw ValidationError.one('ownerUserId', `Choose an owner from the people in ${school.name}`);
}

type Row = typeof developmentActions.$inferSelect;

function toAction(row: Row, ownerName: string | null, today: string): DevelopmentAction {
	const status = row.status as DevelopmentActionStatus;
	return {
		id: row.id,
		academicYear: row.academicYear,
		title: row.title,
		benchmarks: row.benchmarks,
		ownerUserId: row.ownerUserId,
		ownerName,
		dueDate: row.dueDate,
		status,
		evidence: row.evidence,
		gapBenchmark: row.gapBenchmark,
		gapYearGroup: row.gapYearGroup,
		overdue: row.dueDate !== null && row.dueDate < today && status !== 'done',
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

function auditShape(a: ParsedAction | Row) {
	return {
		academicYear: a.academicYear,
		title: a.title,
		benchmarks: a.benchmarks,
		ownerUserId: a.ownerUserId,
		dueDate: a.dueDate,
		status: a.status,
		evidence: a.evidence,
		gapBenchmark: a.gapBenchmark,
		gapYearGroup: a.gapYearGroup
	};
}

const selectAction = (q: Queryable) =>
	q
		.select({ action: developmentActions, ownerName: users.name })
		.from(developmentActions)
		.leftJoin(users, eq(users.id, developmentActions.ownerUserId));

export type DevelopmentActionFilter = {
	academicYear: number;
	status?: DevelopmentActionStatus | '' | null;
	/** For tests: the London date overdue is judged against. */
	today?: string;
};

/** The plan for one academic year, due date order (undated last), with progress over the whole year. */
export async function listDevelopmentActions(
	actor: Actor,
	school: School,
	filter: DevelopmentActionFilter
): Promise<{ actions: DevelopmentAction[]; progress: PlanProgress }> {
	authorise(actor, 'plan.view', school.id);
	const year = z.coerce.number().int().min(2000).max(2100).safeParse(filter.academicYear);
	if (!year.success) throw ValidationError.one('year', 'Choose an academic year');
	const status = filter.status || undefined;
	if (status && !ACTION_STATUSES.includes(status)) throw ValidationError.one('status', 'Choose a status from the list');
	const today = filter.today ?? todayInLondon();
	const rows = await selectAction(db())
		.where(and(eq(developmentActions.schoolId, school.id), eq(developmentActions.academicYear, year.data)))
		.orderBy(sql`${developmentActions.dueDate} asc nulls last`, asc(developmentActions.createdAt));
	const all = rows.map((r) => toAction(r.action, r.ownerName, today));
	const progress: PlanProgress = {
		total: all.length,
		notStarted: all.filter((a) => a.status === 'not-started').length,
		inProgress: all.filter((a) => a.status === 'in-progress').length,
		done: all.filter((a) => a.status === 'done').length,
		overdue: all.filter((a) => a.overdue).length
	};
	return { actions: status ? all.filter((a) => a.status === status) : all, progress };
}

/** One action of this school; not found for another school's, or for an id that is not one. */
export async function getDevelopmentAction(
	actor: Actor,
	school: School,
	actionId: string,
	today = todayInLondon()
): Promise<DevelopmentAction> {
	authorise(actor, 'plan.view', school.id);
	if (!z.uuid().safeParse(actionId).success) throw new NotFoundError();
	const [row] = await selectAction(db()).where(
		and(eq(developmentActions.id, actionId), eq(developmentActions.schoolId, school.id))
	);
	if (!row) throw new NotFoundError();
	return toAction(row.action, row.ownerName, today);
}

/** The people who can own an action: everyone in the school, by name. */
export async function actionOwnerChoices(actor: Actor, school: School): Promise<{ userId: string; name: string }[]> {
	authorise(actor, 'plan.edit', school.id);
	return db()
		.select({ userId: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, school.id))
		.orderBy(asc(users.name));
}

export async function createDevelopmentAction(
	actor: Actor,
	school: School,
	input: DevelopmentActionInput,
	requestId?: string
): Promise<DevelopmentAction> {
	authorise(actor, 'plan.edit', school.id);
	const a = parseAction(input);
	return db().transaction(async (tx) => {
		await checkOwner(tx, school, a.ownerUserId);
		const [row] = await tx
			.insert(developmentActions)
			.values({ schoolId: school.id, ...auditShape(a) })
			.returning();
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'development-action.created',
				recordType: 'development-action',
				recordId: row.id,
				summary: `Development plan ${academicYearName(a.academicYear)}: added “${a.title}”`,
				after: auditShape(a)
			},
			requestId
		);
		const [owner] = a.ownerUserId
			? await tx.select({ name: users.name }).from(users).where(eq(users.id, a.ownerUserId))
			: [];
		return toAction(row, owner?.name ?? null, todayInLondon());
	});
}

/** Changes an action: the fields given replace the ones stored; the result is checked as a whole. */
export async function updateDevelopmentAction(
	actor: Actor,
	school: School,
	actionId: string,
	input: Partial<DevelopmentActionInput>,
	requestId?: string
): Promise<DevelopmentAction> {
	authorise(actor, 'plan.edit', school.id);
	if (!z.uuid().safeParse(actionId).success) throw new NotFoundError();
	return db().transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(developmentActions)
			.where(and(eq(developmentActions.id, actionId), eq(developmentActions.schoolId, school.id)));
		if (!before) throw new NotFoundError();
		const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
		const a = parseAction({ ...auditShape(before), ...given });
		await checkOwner(tx, school, a.ownerUserId);
		const [row] = await tx
			.update(developmentActions)
			.set({ ...auditShape(a), updatedAt: new Date() })
			.where(and(eq(developmentActions.id, actionId), eq(developmentActions.schoolId, school.id)))
			.returning();
		if (!row) throw new NotFoundError();
		const statusChange =
			before.status !== a.status
				? ` (${ACTION_STATUS_LABELS[before.status as DevelopmentActionStatus] ?? before.status} → ${ACTION_STATUS_LABELS[a.status]})`
				: '';
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'development-action.updated',
				recordType: 'development-action',
				recordId: row.id,
				summary: `Development plan ${academicYearName(a.academicYear)}: changed “${a.title}”${statusChange}`,
				before: auditShape(before),
				after: auditShape(a)
			},
			requestId
		);
		const [owner] = a.ownerUserId
			? await tx.select({ name: users.name }).from(users).where(eq(users.id, a.ownerUserId))
			: [];
		return toAction(row, owner?.name ?? null, todayInLondon());
	});
}

export async function deleteDevelopmentAction(
	actor: Actor,
	school: School,
	actionId: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'plan.edit', school.id);
	if (!z.uuid().safeParse(actionId).success) throw new NotFoundError();
	await db().transaction(async (tx) => {
		const [removed] = await tx
			.delete(developmentActions)
			.where(and(eq(developmentActions.id, actionId), eq(developmentActions.schoolId, school.id)))
			.returning();
		if (!removed) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'development-action.deleted',
				recordType: 'development-action',
				recordId: removed.id,
				summary: `Development plan ${academicYearName(removed.academicYear)}: removed “${removed.title}”`,
				before: auditShape(removed)
			},
			requestId
		);
	});
}
