/**
 * The careers programme planner (Gatsby Benchmark 1): a school's programme for an academic year and its
 * planned activities. Every function takes the actor first, checks the access table and scopes its
 * queries to the school; every change is one transaction with its audit event.
 *
 * For the mapping grids: `activitiesForGrid` returns the programme's activities in grid order (by
 * half-term, date, title) with their ticked benchmarks, without the descriptive fields.
 */
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import {
	activities,
	activityAims,
	activityBenchmarks,
	memberships,
	programmeAims,
	programmes,
	users
} from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	ACTIVITY_FORMATS,
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	AUDIENCES,
	HALF_TERM_LABELS,
	MEANINGFUL_ELEMENTS,
	TARGET_GROUPS,
	TERM_LABELS,
	TERMS,
	termOfHalfTerm,
	type ActivityFormat,
	type ActivityType,
	type Audience,
	type HalfTerm,
	type MeaningfulElement,
	type Term
} from '../../domain/activities.ts';
import { academicYearBounds, academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';
import { termFromDate } from '../../domain/terms.ts';
import { longDate } from '../../domain/academic-year.ts';

export type Programme = { id: string; academicYear: number; copiedFromId: string | null };

export type Activity = {
	id: string;
	programmeId: string;
	title: string;
	description: string | null;
	type: ActivityType;
	format: ActivityFormat;
	yearGroups: number[];
	term: Term | null;
	halfTerm: HalfTerm | null;
	startDate: string | null;
	endDate: string | null;
	audience: Audience;
	audienceGroups: string[];
	learningOutcomes: string | null;
	partners: string[];
	ownerUserId: string | null;
	ownerName: string | null;
	meaningful: Record<MeaningfulElement, boolean>;
	benchmarks: number[];
	copiedFromId: string | null;
};

/** What the mapping grids need of an activity. */
export type GridActivity = Pick<Activity, 'id' | 'title' | 'type' | 'yearGroups' | 'term' | 'halfTerm' | 'benchmarks'>;

export type ActivityFilters = {
	yearGroup?: number;
	type?: ActivityType;
	term?: Term;
	benchmark?: number;
	audience?: Audience;
	q?: string;
};

/** The academic year a page shows when none is chosen: the current one. */
export function currentAcademicYear(): number {
	return academicYearStart(todayInLondon());
}

/** "?year=2025" → 2025, or the current academic year when missing or not a sensible year. */
export function parseYearParam(value: string | null | undefined): number {
	const n = Number(value);
	return value && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : currentAcademicYear();
}

export function checkYear(academicYear: number): void {
	if (!Number.isInteger(academicYear) || academicYear < 2000 || academicYear > 2100)
		throw ValidationError.one('year', 'Choose an academic year between 2000/01 and 2100/01');
}

async function findProgramme(q: Queryable, schoolId: string, academicYear: number): Promise<Programme | null> {
	const [row] = await q
		.select({ id: programmes.id, academicYear: programmes.academicYear, copiedFromId: programmes.copiedFromId })
		.from(programmes)
		.where(and(eq(programmes.schoolId, schoolId), eq(programmes.academicYear, academicYear)));
	return row ?? null;
}

export async function ensureProgramme(
	q: Queryable,
	schoolId: string,
	academicYear: number,
	copiedFromId: string | null = null
): Promise<{ programme: Programme; created: boolean }> {
	const inserted = await q
		.insert(programmes)
		.values({ schoolId, academicYear, copiedFromId })
		.onConflictDoNothing()
		.returning({ id: programmes.id, academicYear: programmes.academicYear, copiedFromId: programmes.copiedFromId });
	if (inserted[0]) return { programme: inserted[0], created: true };
	const found = await findProgramme(q, schoolId, academicYear);
	if (!found) throw new Error('Programme vanished');
	return { programme: found, created: false };
}

/**
 * The school's programme for an academic year, or null when nothing has been planned yet. With
 * `create`, an empty programme is made (and audited) for someone who may edit the programme.
 */
export async function programmeFor(
	actor: Actor,
	school: School,
	academicYear: number,
	options: { create?: boolean; requestId?: string } = {}
): Promise<Programme | null> {
	authorise(actor, options.create ? 'programme.edit' : 'programme.view', school.id);
	checkYear(academicYear);
	if (!options.create) return findProgramme(db(), school.id, academicYear);
	return db().transaction(async (tx) => {
		const { programme, created } = await ensureProgramme(tx, school.id, academicYear);
		if (created)
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'programme.created',
					recordType: 'programme',
					recordId: programme.id,
					summary: `Started the careers programme for ${academicYearName(academicYear)}`
				},
				options.requestId
			);
		return programme;
	});
}

/** Academic years with a programme, newest first, always including the current year and the next. */
export async function programmeYears(actor: Actor, school: School): Promise<number[]> {
	authorise(actor, 'programme.view', school.id);
	const rows = await db()
		.select({ year: programmes.academicYear })
		.from(programmes)
		.where(eq(programmes.schoolId, school.id));
	const now = currentAcademicYear();
	return [...new Set([...rows.map((r) => r.year), now, now + 1])].sort((a, b) => b - a);
}

const activityColumns = {
	id: activities.id,
	programmeId: activities.programmeId,
	title: activities.title,
	description: activities.description,
	type: activities.type,
	format: activities.format,
	yearGroups: activities.yearGroups,
	term: activities.term,
	halfTerm: activities.halfTerm,
	startDate: activities.startDate,
	endDate: activities.endDate,
	audience: activities.audience,
	audienceGroups: activities.audienceGroups,
	learningOutcomes: activities.learningOutcomes,
	partners: activities.partners,
	ownerUserId: activities.ownerUserId,
	ownerName: users.name,
	purposeShared: activities.purposeShared,
	outcomesSet: activities.outcomesSet,
	twoWayInteraction: activities.twoWayInteraction,
	reflection: activities.reflection,
	employerSetTask: activities.employerSetTask,
	employerFeedback: activities.employerFeedback,
	copiedFromId: activities.copiedFromId,
	benchmarks: sql<
		number[]
	>`coalesce((select array_agg(ab.benchmark::int order by ab.benchmark) from ${activityBenchmarks} ab where ab.activity_id = ${activities.id}), '{}'::int[])`
};

type ActivityRow = {
	[K in keyof typeof activityColumns]: unknown;
};

function toActivity(r: ActivityRow): Activity {
	const row = r as Record<string, unknown>;
	return {
		id: row.id as string,
		programmeId: row.programmeId as string,
		title: row.title as string,
		description: (row.description as string | null) ?? null,
		type: row.type as ActivityType,
		format: row.format as ActivityFormat,
		yearGroups: (row.yearGroups as number[]).map(Number).sort((a, b) => a - b),
		term: (row.term as Term | null) ?? null,
		halfTerm: row.halfTerm === null || row.halfTerm === undefined ? null : (Number(row.halfTerm) as HalfTerm),
		startDate: (row.startDate as string | null) ?? null,
		endDate: (row.endDate as string | null) ?? null,
		audience: row.audience as Audience,
		audienceGroups: row.audienceGroups as string[],
		learningOutcomes: (row.learningOutcomes as string | null) ?? null,
		partners: row.partners as string[],
		ownerUserId: (row.ownerUserId as string | null) ?? null,
		ownerName: (row.ownerName as string | null) ?? null,
		meaningful: Object.fromEntries(MEANINGFUL_ELEMENTS.map((e) => [e, row[e] === true])) as Record<
			MeaningfulElement,
			boolean
		>,
		benchmarks: ((row.benchmarks as number[] | null) ?? []).map(Number),
		copiedFromId: (row.copiedFromId as string | null) ?? null
	};
}

const activityOrder = [
	sql`${activities.halfTerm} asc nulls last`,
	sql`${activities.term} asc nulls last`,
	sql`${activities.startDate} asc nulls last`,
	asc(activities.title),
	asc(activities.id)
];

const filterSchema = z.object({
	yearGroup: z.coerce.number().int().min(1).max(14).optional().catch(undefined),
	type: z.enum(ACTIVITY_TYPES).optional().catch(undefined),
	term: z.enum(TERMS).optional().catch(undefined),
	benchmark: z.coerce.number().int().min(1).max(8).optional().catch(undefined),
	audience: z.enum(AUDIENCES).optional().catch(undefined),
	q: z.string().trim().max(100).optional().catch(undefined)
});

/** Query-string filters → typed filters; anything unrecognised is dropped (a filter never errors). */
export function parseFilters(raw: Record<string, string | null | undefined>): ActivityFilters {
	const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined && v !== ''));
	const parsed = filterSchema.parse(cleaned);
	return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined && v !== '')) as ActivityFilters;
}

/** The programme's activities for an academic year, filtered, with benchmarks and owner's name. */
export async function listActivities(
	actor: Actor,
	school: School,
	academicYear: number,
	filters: ActivityFilters = {}
): Promise<Activity[]> {
	authorise(actor, 'programme.view', school.id);
	checkYear(academicYear);
	const where: SQL[] = [eq(programmes.schoolId, school.id), eq(programmes.academicYear, academicYear)];
	if (filters.yearGroup !== undefined) where.push(sql`${filters.yearGroup}::int = any(${activities.yearGroups})`);
	if (filters.type) where.push(eq(activities.type, filters.type));
	if (filters.term) where.push(eq(activities.term, filters.term));
	if (filters.audience) where.push(eq(activities.audience, filters.audience));
	if (filters.benchmark !== undefined)
		where.push(
			sql`exists (select 1 from ${activityBenchmarks} ab where ab.activity_id = ${activities.id} and ab.benchmark = ${filters.benchmark}::int)`
		);
	if (filters.q) {
		const term = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(
			or(
				ilike(activities.title, term),
				ilike(activities.description, term),
				sql`array_to_string(${activities.partners}, ' ') ilike ${term}`
			) as SQL
		);
	}
	const rows = await db()
		.select(activityColumns)
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.leftJoin(users, eq(users.id, activities.ownerUserId))
		.where(and(...where))
		.orderBy(...activityOrder);
	return rows.map(toActivity);
}

/** For the mapping grids and gap analysis: every activity of the year, in grid order, with its benchmarks. */
export async function activitiesForGrid(actor: Actor, school: School, academicYear: number): Promise<GridActivity[]> {
	const list = await listActivities(actor, school, academicYear);
	return list.map(({ id, title, type, yearGroups, term, halfTerm, benchmarks }) => ({
		id,
		title,
		type,
		yearGroups,
		term,
		halfTerm,
		benchmarks
	}));
}

/** One activity with its academic year; another school's activity (or a malformed id) is not found. */
export async function getActivity(
	actor: Actor,
	school: School,
	activityId: string
): Promise<Activity & { academicYear: number }> {
	authorise(actor, 'programme.view', school.id);
	return findActivity(db(), school, activityId);
}

async function findActivity(
	q: Queryable,
	school: School,
	activityId: string
): Promise<Activity & { academicYear: number }> {
	if (!z.uuid().safeParse(activityId).success) throw new NotFoundError();
	const [row] = await q
		.select({ ...activityColumns, academicYear: programmes.academicYear })
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.leftJoin(users, eq(users.id, activities.ownerUserId))
		.where(and(eq(activities.id, activityId), eq(programmes.schoolId, school.id)));
	if (!row) throw new NotFoundError();
	return { ...toActivity(row), academicYear: row.academicYear };
}

/** People in the school, for the "owner" choice. */
export async function schoolMembers(actor: Actor, school: School): Promise<{ userId: string; name: string }[]> {
	authorise(actor, 'programme.view', school.id);
	return db()
		.select({ userId: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, school.id), isNull(users.disabledAt)))
		.orderBy(asc(users.name));
}

// ── Validation ─────────────────────────────────────────────────────────────────────────────────────

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const optionalText = (max: number, label: string) =>
	z.preprocess(
		(v) => (blank(v) ? undefined : v),
		z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional()
	);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : blank(v) ? [] : [v]);
/** A textarea (one per line, or commas) or a list → trimmed, non-empty, de-duplicated strings. */
const lines = (v: unknown): string[] => {
	const items = Array.isArray(v) ? v.map(String) : blank(v) ? [] : String(v).split(/[\n,]/);
	return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => {
	if (!ISO_DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const dateField = (label: string) =>
	z.preprocess(
		(v) => (blank(v) ? undefined : typeof v === 'string' ? v.trim() : v),
		z.string().refine(validDate, `${label} must be a real date, like 2026-02-10`).optional()
	);

function activitySchema(school: School, academicYear: number) {
	const bounds = academicYearBounds(academicYear);
	const range = `${longDate(bounds.start)} and ${longDate(bounds.end)} (the ${academicYearName(academicYear)} academic year)`;
	const yearRange = `Years ${school.lowestYear} to ${school.highestYear}`;
	return z
		.object({
			title: z
				.string({ error: 'Enter a title for the activity' })
				.trim()
				.min(1, 'Enter a title for the activity')
				.max(200, 'Title must be 200 characters or fewer'),
			description: optionalText(5000, 'Description'),
			type: z.enum(ACTIVITY_TYPES, {
				error: `Type must be one of: ${ACTIVITY_TYPES.join(', ')}`
			}),
			format: z.enum(ACTIVITY_FORMATS, {
				error: `Format must be one of: ${ACTIVITY_FORMATS.join(', ')}`
			}),
			yearGroups: z.preprocess(
				asList,
				z
					.array(
						z.coerce
							.number()
							.int(`Year groups are whole numbers from ${school.lowestYear} to ${school.highestYear}`)
							.min(school.lowestYear, `${school.name} teaches ${yearRange}: choose year groups in that range`)
							.max(school.highestYear, `${school.name} teaches ${yearRange}: choose year groups in that range`)
					)
					.min(1, 'Choose at least one year group')
					.transform((ys) => [...new Set(ys)].sort((a, b) => a - b))
			),
			term: z.preprocess(
				(v) => (blank(v) ? undefined : v),
				z.enum(TERMS, { error: `Term must be one of: ${TERMS.join(', ')}` }).optional()
			),
			halfTerm: z.preprocess(
				(v) => (blank(v) ? undefined : v),
				z.coerce
					.number({ error: 'Half-term must be a number from 1 to 6' })
					.int('Half-term must be a number from 1 to 6')
					.min(1, 'Half-term must be a number from 1 to 6')
					.max(6, 'Half-term must be a number from 1 to 6')
					.optional()
			),
			startDate: dateField('Start date'),
			endDate: dateField('End date'),
			audience: z.preprocess(
				(v) => (blank(v) ? 'whole-year' : v),
				z.enum(AUDIENCES, { error: `Audience must be one of: ${AUDIENCES.join(', ')}` })
			),
			targetGroups: z.preprocess(
				asList,
				z.array(z.enum(TARGET_GROUPS, { error: `Target groups must be among: ${TARGET_GROUPS.join(', ')}` }))
			),
			namedGroups: z.preprocess(lines, z.array(z.string().max(100, 'Each group name must be 100 characters or fewer'))),
			learningOutcomes: optionalText(5000, 'Learning outcomes'),
			partners: z.preprocess(
				lines,
				z.array(z.string().max(200, 'Each delivery partner must be 200 characters or fewer'))
			),
			ownerUserId: z.preprocess(
				(v) => (blank(v) ? undefined : v),
				z.uuid({ error: 'Owner must be someone in the school' }).optional()
			),
			benchmarks: z.preprocess(
				asList,
				z
					.array(
						z.coerce
							.number({ error: 'Benchmarks are numbered 1 to 8' })
							.int('Benchmarks are numbered 1 to 8')
							.min(1, 'Benchmarks are numbered 1 to 8')
							.max(8, 'Benchmarks are numbered 1 to 8')
					)
					.transform((bs) => [...new Set(bs)].sort((a, b) => a - b))
			),
			meaningful: z.preprocess(
				asList,
				z.array(
					z.enum(MEANINGFUL_ELEMENTS, {
						error: `Meaningful elements must be among: ${MEANINGFUL_ELEMENTS.join(', ')}`
					})
				)
			)
		})
		.superRefine((a, ctx) => {
			if (a.halfTerm !== undefined && a.term !== undefined && termOfHalfTerm(a.halfTerm as HalfTerm) !== a.term)
				ctx.addIssue({
					code: 'custom',
					path: ['halfTerm'],
					message: `${HALF_TERM_LABELS[a.halfTerm as HalfTerm]} is in the ${TERM_LABELS[termOfHalfTerm(a.halfTerm as HalfTerm)].toLowerCase()} term, not the ${TERM_LABELS[a.term].toLowerCase()} term: choose a matching half-term or term`
				});
			for (const key of ['startDate', 'endDate'] as const) {
				const d = a[key];
				if (d && (d < bounds.start || d > bounds.end))
					ctx.addIssue({
						code: 'custom',
						path: [key],
						message: `${key === 'startDate' ? 'Start' : 'End'} date must be between ${range}`
					});
			}
			if (a.endDate && !a.startDate)
				ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'Enter a start date as well as an end date' });
			if (a.startDate && a.endDate && a.endDate < a.startDate)
				ctx.addIssue({
					code: 'custom',
					path: ['endDate'],
					message: 'End date must be the same as or after the start date'
				});
			if (a.audience === 'targeted' && a.targetGroups.length === 0)
				ctx.addIssue({
					code: 'custom',
					path: ['targetGroups'],
					message: 'Choose at least one group of pupils the activity is targeted at'
				});
			if (a.audience === 'named-groups' && a.namedGroups.length === 0)
				ctx.addIssue({
					code: 'custom',
					path: ['namedGroups'],
					message: 'Enter the names of the groups or classes taking part'
				});
		});
}

export type ActivityValues = Omit<typeof activities.$inferInsert, 'id' | 'programmeId' | 'createdAt'>;

export type ParsedActivity =
	{ ok: true; values: ActivityValues; benchmarks: number[] } | { ok: false; errors: FieldError[] };

/**
 * The form's rules, without the database: a form or import row → the values to store, or every problem
 * (one per field). Whether the owner is in the school is for the caller to check (see validActivity).
 */
export function parseActivityInput(school: School, academicYear: number, input: unknown): ParsedActivity {
	const parsed = activitySchema(school, academicYear).safeParse(input ?? {});
	const errors: FieldError[] = parsed.success
		? []
		: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'input'), message: i.message }));
	// One message per field, the first found, as the form shows one per field.
	const unique = errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i);
	if (!parsed.success) return { ok: false, errors: unique };
	const a = parsed.data;
	let term: Term | null = a.term ?? null;
	let halfTerm: HalfTerm | null = (a.halfTerm as HalfTerm | undefined) ?? null;
	if (halfTerm && !term) term = termOfHalfTerm(halfTerm);
	if (!term && a.startDate) ({ term, halfTerm } = termFromDate(a.startDate));
	const ticked = new Set(a.meaningful);
	return {
		ok: true,
		values: {
			title: a.title,
			description: a.description ?? null,
			type: a.type,
			format: a.format,
			yearGroups: a.yearGroups,
			term,
			halfTerm,
			startDate: a.startDate ?? null,
			endDate: a.endDate ?? null,
			audience: a.audience,
			audienceGroups: a.audience === 'targeted' ? a.targetGroups : a.audience === 'named-groups' ? a.namedGroups : [],
			learningOutcomes: a.learningOutcomes ?? null,
			partners: a.partners,
			ownerUserId: a.ownerUserId ?? null,
			purposeShared: ticked.has('purposeShared'),
			outcomesSet: ticked.has('outcomesSet'),
			twoWayInteraction: ticked.has('twoWayInteraction'),
			reflection: ticked.has('reflection'),
			employerSetTask: ticked.has('employerSetTask'),
			employerFeedback: ticked.has('employerFeedback')
		},
		benchmarks: a.benchmarks
	};
}

/** Validates a form or command-line input; throws ValidationError listing every problem. Writes nothing. */
async function validActivity(
	q: Queryable,
	school: School,
	academicYear: number,
	input: unknown
): Promise<{ values: ActivityValues; benchmarks: number[] }> {
	const parsed = parseActivityInput(school, academicYear, input);
	const unique = parsed.ok ? [] : [...parsed.errors];
	// The owner is checked whatever else is wrong, so the form lists every problem at once.
	const owner = (input as { ownerUserId?: unknown } | null)?.ownerUserId;
	if (typeof owner === 'string' && z.uuid().safeParse(owner.trim()).success) {
		const [member] = await q
			.select({ id: memberships.id })
			.from(memberships)
			.where(and(eq(memberships.organisationId, school.id), eq(memberships.userId, owner.trim())));
		if (!member) unique.push({ field: 'ownerUserId', message: `Owner must be someone in ${school.name}` });
	}
	if (unique.length > 0 || !parsed.ok) throw new ValidationError(unique);
	return { values: parsed.values, benchmarks: parsed.benchmarks };
}

function auditShape(values: ActivityValues, benchmarks: number[]) {
	return { ...values, benchmarks };
}

function describe(values: Pick<ActivityValues, 'title' | 'type' | 'yearGroups'>): string {
	return `"${values.title}" (${ACTIVITY_TYPE_LABELS[values.type as ActivityType] ?? values.type}, Year ${values.yearGroups.join(', ')})`;
}

/** Adds a planned activity to the school's programme for the academic year (made if need be). */
export async function createActivity(
	actor: Actor,
	school: School,
	academicYear: number,
	input: unknown,
	requestId?: string
): Promise<Activity> {
	authorise(actor, 'programme.edit', school.id);
	checkYear(academicYear);
	const { values, benchmarks } = await validActivity(db(), school, academicYear, input);
	const id = await db().transaction(async (tx) => {
		const { programme } = await ensureProgramme(tx, school.id, academicYear);
		const [row] = await tx
			.insert(activities)
			.values({ ...values, programmeId: programme.id })
			.returning({ id: activities.id });
		if (!row) throw new Error('Insert returned nothing');
		if (benchmarks.length > 0)
			await tx.insert(activityBenchmarks).values(benchmarks.map((benchmark) => ({ activityId: row.id, benchmark })));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'activity.created',
				recordType: 'activity',
				recordId: row.id,
				summary: `Added ${describe(values)} to the ${academicYearName(academicYear)} careers programme`,
				after: auditShape(values, benchmarks)
			},
			requestId
		);
		return row.id;
	});
	return getActivity(actor, school, id);
}

/** Replaces an activity's details and its benchmarks with the input (the whole form). */
export async function updateActivity(
	actor: Actor,
	school: School,
	activityId: string,
	input: unknown,
	requestId?: string
): Promise<Activity> {
	authorise(actor, 'programme.edit', school.id);
	const existing = await findActivity(db(), school, activityId);
	const { values, benchmarks } = await validActivity(db(), school, existing.academicYear, input);
	await db().transaction(async (tx) => {
		await tx
			.update(activities)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(activities.id, existing.id));
		await tx.delete(activityBenchmarks).where(eq(activityBenchmarks.activityId, existing.id));
		if (benchmarks.length > 0)
			await tx
				.insert(activityBenchmarks)
				.values(benchmarks.map((benchmark) => ({ activityId: existing.id, benchmark })));
		const {
			id: _id,
			programmeId: _p,
			ownerName: _o,
			copiedFromId: _c,
			academicYear: _y,
			meaningful,
			...rest
		} = existing;
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'activity.updated',
				recordType: 'activity',
				recordId: existing.id,
				summary: `Changed ${describe(values)} in the ${academicYearName(existing.academicYear)} careers programme`,
				before: { ...rest, ...meaningful },
				after: auditShape(values, benchmarks)
			},
			requestId
		);
	});
	return getActivity(actor, school, existing.id);
}

/** Removes an activity (its benchmark and aim ticks go with it). */
export async function deleteActivity(
	actor: Actor,
	school: School,
	activityId: string,
	requestId?: string
): Promise<{ academicYear: number; title: string }> {
	authorise(actor, 'programme.edit', school.id);
	return db().transaction(async (tx) => {
		const existing = await findActivity(tx, school, activityId);
		await tx.delete(activities).where(eq(activities.id, existing.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'activity.deleted',
				recordType: 'activity',
				recordId: existing.id,
				summary: `Removed ${describe(existing)} from the ${academicYearName(existing.academicYear)} careers programme`,
				before: existing
			},
			requestId
		);
		return { academicYear: existing.academicYear, title: existing.title };
	});
}

// ── Copy forward ───────────────────────────────────────────────────────────────────────────────────

/** The same day and month a year later; 29 February becomes 28 February. */
export function shiftDateOneYear(iso: string | null): string | null {
	if (!iso) return null;
	const [y, m, d] = iso.split('-');
	const day = m === '02' && d === '29' ? '28' : d;
	return `${Number(y) + 1}-${m}-${day}`;
}

export type CopyForwardPreview = {
	fromYear: number;
	toYear: number;
	activities: number;
	alreadyCopied: number;
	aims: number;
	targetActivities: number;
};

/** What copying forward would do, for the page that explains it. */
export async function copyForwardPreview(actor: Actor, school: School, fromYear: number): Promise<CopyForwardPreview> {
	authorise(actor, 'programme.manage', school.id);
	checkYear(fromYear);
	const source = await findProgramme(db(), school.id, fromYear);
	const target = await findProgramme(db(), school.id, fromYear + 1);
	const count = async (where: SQL | undefined, table: typeof activities | typeof programmeAims) => {
		const [row] = await db()
			.select({ n: sql<number>`count(*)::int` })
			.from(table)
			.where(where);
		return row?.n ?? 0;
	};
	const sourceActivities = source ? await count(eq(activities.programmeId, source.id), activities) : 0;
	const aims = source ? await count(eq(programmeAims.programmeId, source.id), programmeAims) : 0;
	const targetActivities = target ? await count(eq(activities.programmeId, target.id), activities) : 0;
	let alreadyCopied = 0;
	if (source && target) {
		const [row] = await db()
			.select({ n: sql<number>`count(*)::int` })
			.from(activities)
			.where(
				and(
					eq(activities.programmeId, source.id),
					sql`${activities.id} in (select copied_from_id from ${activities} t where t.programme_id = ${target.id})`
				)
			);
		alreadyCopied = row?.n ?? 0;
	}
	return { fromYear, toYear: fromYear + 1, activities: sourceActivities, alreadyCopied, aims, targetActivities };
}

/**
 * Copies a programme's activities (with their benchmarks, and the programme's aims with their sub-aims
 * and ticks) into the next academic year, dates a year later. An activity already copied there is
 * skipped, so running it twice copies nothing the second time. Aims already there (same title under
 * the same parent) are reused, not duplicated.
 */
export async function copyProgrammeForward(
	actor: Actor,
	school: School,
	fromYear: number,
	requestId?: string
): Promise<{ copied: number; skipped: number; aimsCopied: number; toYear: number }> {
	authorise(actor, 'programme.manage', school.id);
	checkYear(fromYear);
	const toYear = fromYear + 1;
	return db().transaction(async (tx) => {
		const source = await findProgramme(tx, school.id, fromYear);
		if (!source)
			throw ValidationError.one(
				'year',
				`There is no careers programme for ${academicYearName(fromYear)} to copy. Choose another year.`
			);
		const { programme: target } = await ensureProgramme(tx, school.id, toYear, source.id);

		// Aims: parents first, then sub-aims, matched by title under the same parent.
		const sourceAims = await tx
			.select()
			.from(programmeAims)
			.where(eq(programmeAims.programmeId, source.id))
			.orderBy(sql`${programmeAims.parentId} is not null`, asc(programmeAims.position));
		const targetAims = await tx.select().from(programmeAims).where(eq(programmeAims.programmeId, target.id));
		const aimKey = (parentId: string | null, title: string) => `${parentId ?? ''}\u0000${title.trim().toLowerCase()}`;
		const existingTarget = new Map(targetAims.map((a) => [aimKey(a.parentId, a.title), a.id]));
		const aimMap = new Map<string, string>();
		let aimsCopied = 0;
		for (const aim of sourceAims) {
			const parentId = aim.parentId ? (aimMap.get(aim.parentId) ?? null) : null;
			if (aim.parentId && !parentId) continue; // a sub-aim whose parent is gone
			const found = existingTarget.get(aimKey(parentId, aim.title));
			if (found) {
				aimMap.set(aim.id, found);
				continue;
			}
			const [row] = await tx
				.insert(programmeAims)
				.values({ programmeId: target.id, parentId, title: aim.title, position: aim.position })
				.returning({ id: programmeAims.id });
			if (!row) throw new Error('Insert returned nothing');
			aimMap.set(aim.id, row.id);
			existingTarget.set(aimKey(parentId, aim.title), row.id);
			aimsCopied++;
		}

		const sourceRows = await tx
			.select()
			.from(activities)
			.where(eq(activities.programmeId, source.id))
			.orderBy(asc(activities.createdAt), asc(activities.id));
		const already = new Set(
			(
				await tx.select({ from: activities.copiedFromId }).from(activities).where(eq(activities.programmeId, target.id))
			).map((r) => r.from)
		);
		const toCopy = sourceRows.filter((a) => !already.has(a.id));
		const skipped = sourceRows.length - toCopy.length;
		if (toCopy.length > 0) {
			const inserted = await tx
				.insert(activities)
				.values(
					toCopy.map(({ id, programmeId: _p, createdAt: _c, updatedAt: _u, copiedFromId: _f, ...rest }) => ({
						...rest,
						programmeId: target.id,
						startDate: shiftDateOneYear(rest.startDate),
						endDate: shiftDateOneYear(rest.endDate),
						copiedFromId: id
					}))
				)
				.returning({ id: activities.id, from: activities.copiedFromId });
			const newId = new Map(inserted.map((r) => [r.from as string, r.id]));
			const sourceIds = toCopy.map((a) => a.id);
			const ticks = await tx.select().from(activityBenchmarks).where(inArray(activityBenchmarks.activityId, sourceIds));
			if (ticks.length > 0)
				await tx
					.insert(activityBenchmarks)
					.values(ticks.map((t) => ({ activityId: newId.get(t.activityId) as string, benchmark: t.benchmark })));
			const aimTicks = await tx.select().from(activityAims).where(inArray(activityAims.activityId, sourceIds));
			const remapped = aimTicks
				.filter((t) => aimMap.has(t.aimId))
				.map((t) => ({ activityId: newId.get(t.activityId) as string, aimId: aimMap.get(t.aimId) as string }));
			if (remapped.length > 0) await tx.insert(activityAims).values(remapped).onConflictDoNothing();
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'programme.copied-forward',
				recordType: 'programme',
				recordId: target.id,
				summary:
					`Copied ${toCopy.length} ${toCopy.length === 1 ? 'activity' : 'activities'} from the ${academicYearName(fromYear)} careers programme to ${academicYearName(toYear)}` +
					(skipped > 0 ? ` (${skipped} already there)` : '') +
					(aimsCopied > 0 ? `, and ${aimsCopied} ${aimsCopied === 1 ? 'aim' : 'aims'}` : ''),
				after: { fromProgrammeId: source.id, copied: toCopy.length, skipped, aimsCopied }
			},
			requestId
		);
		return { copied: toCopy.length, skipped, aimsCopied, toYear };
	});
}
