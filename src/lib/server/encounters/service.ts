/**
 * Delivered activities ("encounters"): what took place, who delivered it, what made it meaningful, and
 * who was there. Every encounter is recorded once, then its attendance is taken in a few clicks (whole
 * year groups, registration or teaching groups, or UPNs, then untick absentees).
 *
 * Every function takes the actor first, checks the access table and scopes its queries to the school;
 * every change is one transaction with its audit event. Attendance audit events carry counts only, never
 * pupils' names; a pupil's reflection is never copied into the audit trail.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import {
	activities,
	attendance,
	deliveredActivities,
	deliveredActivityPartners,
	memberships,
	partners,
	programmes,
	pupils,
	teachingGroupMembers,
	teachingGroups,
	users
} from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { onRollSql, yearGroupSql } from '../pupils/service.ts';
import { getActivity, listActivities } from '../programme/service.ts';
import { parseDeliveredActivityInput, type DeliveredActivityInput } from './input.ts';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES, inSchoolDay, type ActivityType } from '../../domain/activities.ts';
import { providerTypeOfPartner, type PartnerKind, type ProviderType, isPartnerKind } from '../../domain/partners.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';
import { validateUpn } from '../../domain/upn.ts';
import { pupilDisplayName } from '../../domain/pupil-characteristics.ts';

// ── Types ──────────────────────────────────────────────────────────────────────────────────────────

export type PartnerRef = { id: string; name: string; kind: string };

/** What the list shows of a delivered activity. */
export type DeliveredActivitySummary = {
	id: string;
	title: string;
	type: ActivityType;
	academicYear: number;
	date: string;
	endDate: string | null;
	startTime: string | null;
	endTime: string | null;
	yearGroups: number[];
	benchmarks: number[];
	providerType: ProviderType | null;
	partners: string[];
	/** Pupils recorded as there. */
	attended: number;
	/** Pupils recorded at all (there or absent). */
	expected: number;
};

export type AttendanceEntry = {
	pupilId: string;
	upn: string;
	name: string;
	/** Year group in the activity's academic year. */
	yearGroup: number;
	regGroup: string | null;
	attended: boolean;
	reflection: string | null;
};

export type DeliveredActivity = DeliveredActivitySummary & {
	description: string | null;
	ref: string | null;
	purposeShared: boolean;
	outcomesSet: boolean;
	twoWayInteraction: boolean;
	reflection: boolean;
	employerSetTask: boolean;
	employerFeedback: boolean;
	days: number | null;
	palProviderInfo: boolean;
	palCareersInfo: boolean;
	palLearningInfo: boolean;
	palQuestionsAnswered: boolean;
	plannedActivityId: string | null;
	plannedActivityTitle: string | null;
	adviserUserId: string | null;
	adviserName: string | null;
	adviserLevel: number | null;
	partnerRecords: PartnerRef[];
	/** Within the school's day (start and end times known and inside it). */
	inSchoolDay: boolean;
	attendance: AttendanceEntry[];
};

/** The form's and import's input, plus the partners (their ids) and the adviser. */
export type RecordInput = DeliveredActivityInput & {
	partnerIds?: string[];
	adviserUserId?: string | null;
};

export type EncounterFilters = {
	academicYear: number;
	type?: ActivityType;
	yearGroup?: number;
	benchmark?: number;
};

export type AttendanceSelection = {
	yearGroups?: number[];
	regGroups?: string[];
	teachingGroupIds?: string[];
	/** UPNs as typed, one per entry. */
	upns?: string[];
};

export type ExpectedPupil = {
	pupilId: string;
	upn: string;
	name: string;
	yearGroup: number;
	regGroup: string | null;
	/** Ticked as attended: what was recorded before, otherwise yes. */
	attended: boolean;
	/** Already on this activity's attendance. */
	recorded: boolean;
};

export type AttendanceGroups = {
	yearGroups: { yearGroup: number; pupils: number }[];
	regGroups: { name: string; pupils: number }[];
	teachingGroups: { id: string; name: string; pupils: number }[];
};

// ── Helpers ────────────────────────────────────────────────────────────────────────────────────────

const hhmm = (t: string | null): string | null => (t ? t.slice(0, 5) : null);

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

const summaryColumns = {
	id: deliveredActivities.id,
	title: deliveredActivities.title,
	type: deliveredActivities.type,
	academicYear: deliveredActivities.academicYear,
	date: deliveredActivities.date,
	endDate: deliveredActivities.endDate,
	startTime: deliveredActivities.startTime,
	endTime: deliveredActivities.endTime,
	yearGroups: deliveredActivities.yearGroups,
	benchmarks: deliveredActivities.benchmarks,
	providerType: deliveredActivities.providerType,
	partners: sql<
		string[]
	>`coalesce((select array_agg(p.name order by p.name) from ${deliveredActivityPartners} dap join ${partners} p on p.id = dap.partner_id where dap.delivered_activity_id = ${deliveredActivities.id}), '{}'::text[])`,
	attended: sql<number>`(select count(*)::int from ${attendance} a where a.delivered_activity_id = ${deliveredActivities.id} and a.attended)`,
	expected: sql<number>`(select count(*)::int from ${attendance} a where a.delivered_activity_id = ${deliveredActivities.id})`
};

type SummaryRow = { [K in keyof typeof summaryColumns]: unknown };

function toSummary(r: SummaryRow): DeliveredActivitySummary {
	return {
		id: r.id as string,
		title: r.title as string,
		type: r.type as ActivityType,
		academicYear: Number(r.academicYear),
		date: r.date as string,
		endDate: (r.endDate as string | null) ?? null,
		startTime: hhmm(r.startTime as string | null),
		endTime: hhmm(r.endTime as string | null),
		yearGroups: ((r.yearGroups as number[] | null) ?? []).map(Number).sort((a, b) => a - b),
		benchmarks: ((r.benchmarks as number[] | null) ?? []).map(Number).sort((a, b) => a - b),
		providerType: (r.providerType as ProviderType | null) ?? null,
		partners: (r.partners as string[] | null) ?? [],
		attended: Number(r.attended ?? 0),
		expected: Number(r.expected ?? 0)
	};
}

const filterSchema = z.object({
	academicYear: z.coerce.number().int().min(2000).max(2100).catch(academicYearStart(todayInLondon())),
	type: z.enum(ACTIVITY_TYPES).optional().catch(undefined),
	yearGroup: z.coerce.number().int().min(1).max(14).optional().catch(undefined),
	benchmark: z.coerce.number().int().min(1).max(8).optional().catch(undefined)
});

/** Query-string filters (`year`, `type`, `yearGroup`, `benchmark`) → typed filters; a filter never errors. */
export function parseEncounterFilters(raw: Record<string, string | null | undefined>): EncounterFilters {
	const cleaned = Object.fromEntries(
		Object.entries({ ...raw, academicYear: raw.year ?? raw.academicYear }).filter(
			([, v]) => v !== null && v !== undefined && v !== ''
		)
	);
	const parsed = filterSchema.safeParse(cleaned);
	const data = parsed.success ? parsed.data : { academicYear: academicYearStart(todayInLondon()) };
	const out: EncounterFilters = { academicYear: data.academicYear };
	if ('type' in data && data.type) out.type = data.type;
	if ('yearGroup' in data && data.yearGroup !== undefined) out.yearGroup = data.yearGroup;
	if ('benchmark' in data && data.benchmark !== undefined) out.benchmark = data.benchmark;
	return out;
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────────

/** The school's delivered activities in an academic year, newest first, filtered. */
export async function listDeliveredActivities(
	actor: Actor,
	school: School,
	filters: EncounterFilters
): Promise<DeliveredActivitySummary[]> {
	authorise(actor, 'encounters.view', school.id);
	const where: SQL[] = [
		eq(deliveredActivities.schoolId, school.id),
		eq(deliveredActivities.academicYear, filters.academicYear)
	];
	if (filters.type) where.push(eq(deliveredActivities.type, filters.type));
	if (filters.yearGroup !== undefined)
		where.push(sql`${filters.yearGroup}::int = any(${deliveredActivities.yearGroups})`);
	if (filters.benchmark !== undefined)
		where.push(sql`${filters.benchmark}::smallint = any(${deliveredActivities.benchmarks})`);
	const rows = await db()
		.select(summaryColumns)
		.from(deliveredActivities)
		.where(and(...where))
		.orderBy(
			desc(deliveredActivities.date),
			sql`${deliveredActivities.startTime} desc nulls last`,
			asc(deliveredActivities.title),
			asc(deliveredActivities.id)
		);
	return rows.map(toSummary);
}

/** Academic years with delivered activities, newest first, always including the current one. */
export async function encounterYears(actor: Actor, school: School): Promise<number[]> {
	authorise(actor, 'encounters.view', school.id);
	const rows = await db()
		.selectDistinct({ year: deliveredActivities.academicYear })
		.from(deliveredActivities)
		.where(eq(deliveredActivities.schoolId, school.id));
	const now = academicYearStart(todayInLondon());
	return [...new Set([...rows.map((r) => Number(r.year)), now])].sort((a, b) => b - a);
}

type ActivityRow = typeof deliveredActivities.$inferSelect;

async function findActivity(q: Queryable, school: School, id: string): Promise<ActivityRow> {
	if (!z.uuid().safeParse(id).success) throw new NotFoundError();
	const [row] = await q
		.select()
		.from(deliveredActivities)
		.where(and(eq(deliveredActivities.id, id), eq(deliveredActivities.schoolId, school.id)));
	if (!row) throw new NotFoundError();
	return row;
}

async function attendanceOf(q: Queryable, activity: ActivityRow): Promise<AttendanceEntry[]> {
	const rows = await q
		.select({
			pupilId: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			yearGroup: yearGroupSql(activity.academicYear),
			regGroup: pupils.regGroup,
			attended: attendance.attended,
			reflection: attendance.reflection
		})
		.from(attendance)
		.innerJoin(pupils, eq(pupils.id, attendance.pupilId))
		.where(and(eq(attendance.deliveredActivityId, activity.id), eq(pupils.schoolId, activity.schoolId)))
		.orderBy(asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id));
	return rows.map((r) => ({
		pupilId: r.pupilId,
		upn: r.upn,
		name: pupilDisplayName(r),
		yearGroup: Number(r.yearGroup),
		regGroup: r.regGroup,
		attended: r.attended,
		reflection: r.reflection
	}));
}

/** One delivered activity with its partners, adviser, planned activity and attendance. */
export async function getDeliveredActivity(actor: Actor, school: School, id: string): Promise<DeliveredActivity> {
	authorise(actor, 'encounters.view', school.id);
	return loadActivity(db(), school, id);
}

async function loadActivity(q: Queryable, school: School, id: string): Promise<DeliveredActivity> {
	const row = await findActivity(q, school, id);
	const partnerRecords = await q
		.select({ id: partners.id, name: partners.name, kind: partners.kind })
		.from(deliveredActivityPartners)
		.innerJoin(partners, eq(partners.id, deliveredActivityPartners.partnerId))
		.where(eq(deliveredActivityPartners.deliveredActivityId, row.id))
		.orderBy(asc(partners.name));
	const [adviser] = row.adviserUserId
		? await q.select({ name: users.name }).from(users).where(eq(users.id, row.adviserUserId))
		: [];
	const [planned] = row.plannedActivityId
		? await q
				.select({ title: activities.title })
				.from(activities)
				.innerJoin(programmes, eq(programmes.id, activities.programmeId))
				.where(and(eq(activities.id, row.plannedActivityId), eq(programmes.schoolId, school.id)))
		: [];
	const list = await attendanceOf(q, row);
	const startTime = hhmm(row.startTime);
	const endTime = hhmm(row.endTime);
	return {
		id: row.id,
		title: row.title,
		type: row.type as ActivityType,
		academicYear: row.academicYear,
		date: row.date,
		endDate: row.endDate,
		startTime,
		endTime,
		yearGroups: row.yearGroups.map(Number).sort((a, b) => a - b),
		benchmarks: row.benchmarks.map(Number).sort((a, b) => a - b),
		providerType: (row.providerType as ProviderType | null) ?? null,
		partners: partnerRecords.map((p) => p.name),
		attended: list.filter((a) => a.attended).length,
		expected: list.length,
		description: row.description,
		ref: row.ref,
		purposeShared: row.purposeShared,
		outcomesSet: row.outcomesSet,
		twoWayInteraction: row.twoWayInteraction,
		reflection: row.reflection,
		employerSetTask: row.employerSetTask,
		employerFeedback: row.employerFeedback,
		days: row.days === null ? null : Number(row.days),
		palProviderInfo: row.palProviderInfo,
		palCareersInfo: row.palCareersInfo,
		palLearningInfo: row.palLearningInfo,
		palQuestionsAnswered: row.palQuestionsAnswered,
		plannedActivityId: row.plannedActivityId,
		plannedActivityTitle: planned?.title ?? null,
		adviserUserId: row.adviserUserId,
		adviserName: adviser?.name ?? null,
		adviserLevel: row.adviserLevel,
		partnerRecords,
		inSchoolDay: inSchoolDay({ startTime, endTime }, school),
		attendance: list
	};
}

/** The school's partners, for the form's choices (the partners area owns adding and changing them). */
export async function partnerChoices(actor: Actor, school: School): Promise<PartnerRef[]> {
	authorise(actor, 'encounters.edit', school.id);
	return db()
		.select({ id: partners.id, name: partners.name, kind: partners.kind })
		.from(partners)
		.where(eq(partners.schoolId, school.id))
		.orderBy(asc(partners.name));
}

/** Careers advisers in the school, with their qualification level, for guidance sessions. */
export async function adviserChoices(
	actor: Actor,
	school: School
): Promise<{ userId: string; name: string; level: number | null }[]> {
	authorise(actor, 'encounters.edit', school.id);
	return db()
		.select({ userId: users.id, name: users.name, level: users.adviserLevel })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(
				eq(memberships.organisationId, school.id),
				sql`'careers-adviser' = any(${memberships.roles})`,
				sql`${users.disabledAt} is null`
			)
		)
		.orderBy(asc(users.name));
}

/** This academic year's planned activities, to start a record from. */
export async function plannedChoices(
	actor: Actor,
	school: School,
	academicYear = academicYearStart(todayInLondon())
): Promise<{ id: string; title: string; yearGroups: number[] }[]> {
	authorise(actor, 'encounters.edit', school.id);
	const list = await listActivities(actor, school, academicYear);
	return list.map((a) => ({ id: a.id, title: a.title, yearGroups: a.yearGroups }));
}

/**
 * A new record's starting values from a planned programme activity: its title, type, year groups,
 * benchmarks, meaningful elements, and partners matched by name (case-insensitively) to the school's
 * partner records. Partners named on the plan but not (yet) on record are returned to show.
 */
export async function startFromPlanned(
	actor: Actor,
	school: School,
	plannedActivityId: string
): Promise<{ input: RecordInput; unmatchedPartners: string[] }> {
	authorise(actor, 'encounters.edit', school.id);
	const planned = await getActivity(actor, school, plannedActivityId);
	const known = await partnerChoices(actor, school);
	const byName = new Map(known.map((p) => [p.name.trim().toLowerCase(), p]));
	const matched = planned.partners.map((name) => byName.get(name.trim().toLowerCase()));
	const partnerIds = [...new Set(matched.filter((p): p is PartnerRef => Boolean(p)).map((p) => p.id))];
	const first = matched.find((p): p is PartnerRef => Boolean(p));
	return {
		input: {
			title: planned.title,
			description: planned.description,
			type: planned.type,
			date: todayInLondon(),
			benchmarks: planned.benchmarks,
			yearGroups: planned.yearGroups,
			...planned.meaningful,
			providerType: first && isPartnerKind(first.kind) ? providerTypeOfPartner(first.kind as PartnerKind) : null,
			plannedActivityId: planned.id,
			partnerIds
		},
		unmatchedPartners: planned.partners.filter((_, i) => !matched[i])
	};
}

// ── Recording ──────────────────────────────────────────────────────────────────────────────────────

type Valid = {
	values: Omit<typeof deliveredActivities.$inferInsert, 'schoolId'>;
	partnerIds: string[];
	partnerNames: string[];
};

/** Every problem at once: the shared rules, then the partners, the adviser and the planned activity. */
async function validInput(q: Queryable, school: School, input: RecordInput): Promise<Valid> {
	const parsed = parseDeliveredActivityInput(school, input, todayInLondon());
	const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];

	const partnerIds = [...new Set((input.partnerIds ?? []).map((p) => p.trim()).filter(Boolean))];
	let found: PartnerRef[] = [];
	if (partnerIds.length > 0) {
		const ids = partnerIds.filter((p) => z.uuid().safeParse(p).success);
		found =
			ids.length > 0
				? await q
						.select({ id: partners.id, name: partners.name, kind: partners.kind })
						.from(partners)
						.where(and(eq(partners.schoolId, school.id), inArray(partners.id, ids)))
				: [];
		if (found.length !== partnerIds.length)
			errors.push({
				field: 'partnerIds',
				message: `Choose partners from ${school.name}’s own list of partners`
			});
	}

	let adviserUserId: string | null = null;
	let adviserLevel: number | null = null;
	const adviser = input.adviserUserId?.trim();
	if (adviser) {
		const [member] = z.uuid().safeParse(adviser).success
			? await q
					.select({ id: users.id, level: users.adviserLevel })
					.from(memberships)
					.innerJoin(users, eq(users.id, memberships.userId))
					.where(
						and(
							eq(memberships.organisationId, school.id),
							eq(memberships.userId, adviser),
							sql`'careers-adviser' = any(${memberships.roles})`
						)
					)
			: [];
		if (!member)
			errors.push({ field: 'adviserUserId', message: `The adviser must be a careers adviser in ${school.name}` });
		else {
			adviserUserId = member.id;
			adviserLevel = member.level ?? null;
		}
	}

	const planned = input.plannedActivityId?.trim();
	if (planned && z.uuid().safeParse(planned).success) {
		const [row] = await q
			.select({ id: activities.id })
			.from(activities)
			.innerJoin(programmes, eq(programmes.id, activities.programmeId))
			.where(and(eq(activities.id, planned), eq(programmes.schoolId, school.id)));
		if (!row)
			errors.push({
				field: 'plannedActivityId',
				message: `Choose a planned activity from ${school.name}’s careers programme`
			});
	}

	if (errors.length > 0 || !parsed.ok) throw new ValidationError(errors);
	const values = { ...parsed.values, adviserUserId, adviserLevel };
	// Who delivered it, when not said: the first partner's kind.
	if (!values.providerType && found[0] && isPartnerKind(found[0].kind))
		values.providerType = providerTypeOfPartner(found[0].kind);
	return { values, partnerIds: found.map((p) => p.id), partnerNames: found.map((p) => p.name).sort() };
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
	const cause = (e as { cause?: { code?: string; constraint?: string } } | null)?.cause ?? e;
	const c = cause as { code?: string; constraint?: string; message?: string } | null;
	return c?.code === '23505' && (c.constraint === constraint || Boolean(c.message?.includes(constraint)));
}

function refClash(ref: string | null | undefined): ValidationError {
	return ValidationError.one('ref', `Another activity already has the reference ${ref}: use a different one`);
}

function describe(v: { title: string; type: string; date: string }): string {
	return `"${v.title}" (${ACTIVITY_TYPE_LABELS[v.type as ActivityType] ?? v.type}, ${v.date})`;
}

/** Records an activity that took place, with its partners; returns its id. */
export async function recordDeliveredActivity(
	actor: Actor,
	school: School,
	input: RecordInput,
	requestId?: string
): Promise<{ id: string }> {
	authorise(actor, 'encounters.edit', school.id);
	const { values, partnerIds, partnerNames } = await validInput(db(), school, input);
	try {
		return await db().transaction(async (tx) => {
			const [row] = await tx
				.insert(deliveredActivities)
				.values({ ...values, schoolId: school.id, createdBy: actor.system ? null : actor.userId })
				.returning({ id: deliveredActivities.id });
			if (!row) throw new Error('Insert returned nothing');
			if (partnerIds.length > 0)
				await tx
					.insert(deliveredActivityPartners)
					.values(partnerIds.map((partnerId) => ({ deliveredActivityId: row.id, partnerId })));
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'encounter.recorded',
					recordType: 'delivered-activity',
					recordId: row.id,
					summary: `Recorded ${describe(values)}`,
					after: { ...values, partners: partnerNames }
				},
				requestId
			);
			return { id: row.id };
		});
	} catch (e) {
		if (isUniqueViolation(e, 'one_activity_ref_per_school')) throw refClash(values.ref);
		throw e;
	}
}

/** Replaces a delivered activity's details and partners with the input (the whole form). */
export async function updateDeliveredActivity(
	actor: Actor,
	school: School,
	id: string,
	input: RecordInput,
	requestId?: string
): Promise<{ id: string }> {
	authorise(actor, 'encounters.edit', school.id);
	const existing = await findActivity(db(), school, id);
	// A form without a reference keeps the one an import gave.
	const { values, partnerIds, partnerNames } = await validInput(db(), school, {
		...input,
		ref: input.ref === undefined ? existing.ref : input.ref
	});
	try {
		await db().transaction(async (tx) => {
			const before = await loadActivity(tx, school, existing.id);
			await tx
				.update(deliveredActivities)
				.set({ ...values, updatedAt: new Date() })
				.where(and(eq(deliveredActivities.id, existing.id), eq(deliveredActivities.schoolId, school.id)));
			await tx.delete(deliveredActivityPartners).where(eq(deliveredActivityPartners.deliveredActivityId, existing.id));
			if (partnerIds.length > 0)
				await tx
					.insert(deliveredActivityPartners)
					.values(partnerIds.map((partnerId) => ({ deliveredActivityId: existing.id, partnerId })));
			const { attendance: _a, partnerRecords: _p, attended: _n, expected: _e, ...rest } = before;
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'encounter.updated',
					recordType: 'delivered-activity',
					recordId: existing.id,
					summary: `Changed ${describe(values)}`,
					before: rest,
					after: { ...values, partners: partnerNames }
				},
				requestId
			);
		});
	} catch (e) {
		if (isUniqueViolation(e, 'one_activity_ref_per_school')) throw refClash(values.ref);
		throw e;
	}
	return { id: existing.id };
}

// ── Attendance ─────────────────────────────────────────────────────────────────────────────────────

/** The groups attendance can be taken by, as they were on the activity's date, with their sizes. */
export async function attendanceGroups(actor: Actor, school: School, id: string): Promise<AttendanceGroups> {
	authorise(actor, 'encounters.edit', school.id);
	const activity = await findActivity(db(), school, id);
	const yearGroup = yearGroupSql(activity.academicYear);
	const onRoll = and(eq(pupils.schoolId, school.id), onRollSql(activity.date));
	const years = await db()
		.select({ yearGroup, pupils: sql<number>`count(*)::int` })
		.from(pupils)
		.where(and(onRoll, sql`${yearGroup} between ${school.lowestYear}::int and ${school.highestYear}::int`))
		.groupBy(yearGroup)
		.orderBy(yearGroup);
	const regs = await db()
		.select({ name: pupils.regGroup, pupils: sql<number>`count(*)::int` })
		.from(pupils)
		.where(and(onRoll, sql`${pupils.regGroup} is not null and ${pupils.regGroup} <> ''`))
		.groupBy(pupils.regGroup);
	const teaching = await db()
		.select({
			id: teachingGroups.id,
			name: teachingGroups.name,
			pupils: sql<number>`(select count(*)::int from ${teachingGroupMembers} m where m.group_id = ${teachingGroups.id})`
		})
		.from(teachingGroups)
		.where(and(eq(teachingGroups.schoolId, school.id), eq(teachingGroups.academicYear, activity.academicYear)))
		.orderBy(asc(teachingGroups.name));
	const collator = new Intl.Collator('en-GB', { numeric: true });
	return {
		yearGroups: years.map((y) => ({ yearGroup: Number(y.yearGroup), pupils: Number(y.pupils) })),
		regGroups: regs
			.map((r) => ({ name: r.name ?? '', pupils: Number(r.pupils) }))
			.sort((a, b) => collator.compare(a.name, b.name)),
		teachingGroups: teaching.map((t) => ({ ...t, pupils: Number(t.pupils) }))
	};
}

/**
 * Step 1 of taking attendance: the pupils on roll on the activity's date in the chosen year groups,
 * registration groups, teaching groups and UPNs, together with anyone already recorded (kept as they
 * were). New pupils start ticked as attended. An unknown UPN, group or year is an error naming it.
 */
export async function expectedPupils(
	actor: Actor,
	school: School,
	id: string,
	selection: AttendanceSelection
): Promise<ExpectedPupil[]> {
	authorise(actor, 'encounters.edit', school.id);
	const activity = await findActivity(db(), school, id);
	const yearGroup = yearGroupSql(activity.academicYear);
	const onRoll = and(eq(pupils.schoolId, school.id), onRollSql(activity.date)) as SQL;
	const errors: FieldError[] = [];

	const yearGroups = [...new Set(selection.yearGroups ?? [])];
	const badYears = yearGroups.filter((y) => !Number.isInteger(y) || y < school.lowestYear || y > school.highestYear);
	if (badYears.length > 0)
		errors.push({
			field: 'yearGroups',
			message: `Year groups in ${school.name} run from ${school.lowestYear} to ${school.highestYear}`
		});
	const regGroups = [...new Set((selection.regGroups ?? []).map((r) => r.trim()).filter(Boolean))];

	const teachingIds = [...new Set((selection.teachingGroupIds ?? []).map((t) => t.trim()).filter(Boolean))];
	if (teachingIds.length > 0) {
		const valid = teachingIds.filter((t) => z.uuid().safeParse(t).success);
		const groups =
			valid.length > 0
				? await db()
						.select({ id: teachingGroups.id })
						.from(teachingGroups)
						.where(
							and(
								eq(teachingGroups.schoolId, school.id),
								eq(teachingGroups.academicYear, activity.academicYear),
								inArray(teachingGroups.id, valid)
							)
						)
				: [];
		if (groups.length !== teachingIds.length)
			errors.push({
				field: 'teachingGroupIds',
				message: `Choose teaching groups of ${academicYearName(activity.academicYear)} in ${school.name}`
			});
	}

	// UPNs: each checked, then looked up in this school only; each problem named.
	const typed = [...new Set((selection.upns ?? []).map((u) => u.trim()).filter(Boolean))];
	const upnProblems: string[] = [];
	const upns: string[] = [];
	for (const t of typed) {
		const checked = validateUpn(t);
		if (!checked.ok) upnProblems.push(`${t} is not a valid UPN (${checked.reason})`);
		else upns.push(checked.upn);
	}
	const upnIds: string[] = [];
	if (upns.length > 0) {
		const rows = await db()
			.select({ id: pupils.id, upn: pupils.upn, onRoll: sql<boolean>`(${onRollSql(activity.date)})` })
			.from(pupils)
			.where(and(eq(pupils.schoolId, school.id), inArray(pupils.upn, upns)));
		const byUpn = new Map(rows.map((r) => [r.upn, r]));
		for (const upn of upns) {
			const row = byUpn.get(upn);
			if (!row) upnProblems.push(`there is no pupil with UPN ${upn} in ${school.name}`);
			else if (!row.onRoll) upnProblems.push(`the pupil with UPN ${upn} was not on roll on ${activity.date}`);
			else upnIds.push(row.id);
		}
	}
	if (upnProblems.length > 0)
		errors.push({
			field: 'upns',
			message: `Check the UPNs: ${upnProblems.join('; ')}`
		});
	if (errors.length > 0) throw new ValidationError(errors);

	const recorded = await db()
		.select({ pupilId: attendance.pupilId, attended: attendance.attended })
		.from(attendance)
		.where(eq(attendance.deliveredActivityId, activity.id));
	const chosen: SQL[] = [];
	if (yearGroups.length > 0)
		chosen.push(
			sql`${yearGroup} in (${sql.join(
				yearGroups.map((y) => sql`${y}::int`),
				sql`, `
			)})`
		);
	if (regGroups.length > 0) chosen.push(inArray(pupils.regGroup, regGroups));
	if (teachingIds.length > 0)
		chosen.push(
			sql`${pupils.id} in (select m.pupil_id from ${teachingGroupMembers} m where m.group_id in (${sql.join(
				teachingIds.map((t) => sql`${t}::uuid`),
				sql`, `
			)}))`
		);
	if (upnIds.length > 0) chosen.push(inArray(pupils.id, upnIds));
	if (chosen.length === 0 && recorded.length === 0)
		throw ValidationError.one(
			'yearGroups',
			'Choose who was expected: a year group, a registration or teaching group, or enter UPNs'
		);
	const recordedIds = recorded.map((r) => r.pupilId);
	const parts: SQL[] = [];
	if (chosen.length > 0) parts.push(and(onRoll, sql`(${sql.join(chosen, sql` or `)})`) as SQL);
	if (recordedIds.length > 0) parts.push(and(eq(pupils.schoolId, school.id), inArray(pupils.id, recordedIds)) as SQL);
	const rows = await db()
		.select({
			pupilId: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			yearGroup,
			regGroup: pupils.regGroup
		})
		.from(pupils)
		.where(sql`(${sql.join(parts, sql` or `)})`)
		.orderBy(asc(yearGroup), asc(pupils.regGroup), asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id));
	const was = new Map(recorded.map((r) => [r.pupilId, r.attended]));
	return rows.map((r) => ({
		pupilId: r.pupilId,
		upn: r.upn,
		name: pupilDisplayName(r),
		yearGroup: Number(r.yearGroup),
		regGroup: r.regGroup,
		attended: was.get(r.pupilId) ?? true,
		recorded: was.has(r.pupilId)
	}));
}

const idList = z.array(z.uuid());

/**
 * Step 2: saves who attended and who was absent (absent pupils are kept, attended = false). Pupils
 * recorded before and not in either list are left as they were: nobody is removed silently. Saving
 * the same lists again changes nothing.
 */
export async function saveAttendance(
	actor: Actor,
	school: School,
	id: string,
	lists: { attended: string[]; absent: string[] },
	requestId?: string
): Promise<{ attended: number; absent: number; changed: number }> {
	authorise(actor, 'encounters.edit', school.id);
	const attended = [...new Set(lists.attended)];
	const absent = [...new Set(lists.absent)];
	if (!idList.safeParse(attended).success || !idList.safeParse(absent).success)
		throw ValidationError.one('attended', `Choose pupils of ${school.name}`);
	if (attended.some((p) => absent.includes(p)))
		throw ValidationError.one('attended', 'A pupil cannot be both there and absent: tick them or leave them unticked');
	const all = [...attended, ...absent];
	if (all.length === 0) throw ValidationError.one('attended', 'Choose who was expected before saving attendance');
	return db().transaction(async (tx) => {
		const activity = await findActivity(tx, school, id);
		const [inSchool] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(pupils)
			.where(and(eq(pupils.schoolId, school.id), inArray(pupils.id, all)));
		if (Number(inSchool?.n ?? 0) !== all.length)
			throw ValidationError.one('attended', `Attendance can only be taken for pupils of ${school.name}`);
		const rows = [
			...attended.map((pupilId) => ({ deliveredActivityId: activity.id, pupilId, attended: true })),
			...absent.map((pupilId) => ({ deliveredActivityId: activity.id, pupilId, attended: false }))
		];
		let changed = 0;
		for (let i = 0; i < rows.length; i += 1000) {
			const written = await tx
				.insert(attendance)
				.values(rows.slice(i, i + 1000))
				.onConflictDoUpdate({
					target: [attendance.deliveredActivityId, attendance.pupilId],
					set: { attended: sql`excluded.attended`, recordedAt: sql`now()` },
					setWhere: sql`${attendance.attended} is distinct from excluded.attended`
				})
				.returning({ pupilId: attendance.pupilId });
			changed += written.length;
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'encounter.attendance-saved',
				recordType: 'delivered-activity',
				recordId: activity.id,
				summary: `Took attendance for ${describe(activity)}: ${plural(attended.length, 'pupil', 'pupils')} there, ${absent.length} absent`,
				after: { attended: attended.length, absent: absent.length, changed }
			},
			requestId
		);
		return { attended: attended.length, absent: absent.length, changed };
	});
}

/** Takes one pupil off an activity's attendance (recorded by mistake), with their reflection. */
export async function removeFromActivity(
	actor: Actor,
	school: School,
	id: string,
	pupilId: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'encounters.edit', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError();
	await db().transaction(async (tx) => {
		const activity = await findActivity(tx, school, id);
		const removed = await tx
			.delete(attendance)
			.where(
				and(
					eq(attendance.deliveredActivityId, activity.id),
					eq(attendance.pupilId, pupilId),
					sql`${attendance.pupilId} in (select id from ${pupils} where school_id = ${school.id})`
				)
			)
			.returning({ pupilId: attendance.pupilId });
		if (removed.length === 0) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'encounter.attendance-removed',
				recordType: 'delivered-activity',
				recordId: activity.id,
				summary: `Took 1 pupil off the attendance of ${describe(activity)}`,
				after: { removed: 1 }
			},
			requestId
		);
	});
}

/** Attaches (or replaces) a pupil's reflection on an activity they attended. */
export async function addReflection(
	actor: Actor,
	school: School,
	id: string,
	pupilId: string,
	text: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'encounters.edit', school.id);
	const reflection = (text ?? '').trim();
	const errors: FieldError[] = [];
	if (!z.uuid().safeParse(pupilId).success) errors.push({ field: 'pupilId', message: 'Choose a pupil who attended' });
	if (!reflection) errors.push({ field: 'reflection', message: 'Enter the pupil’s reflection' });
	else if (reflection.length > 2000)
		errors.push({ field: 'reflection', message: 'The reflection must be 2,000 characters or fewer' });
	if (errors.length > 0) throw new ValidationError(errors);
	await db().transaction(async (tx) => {
		const activity = await findActivity(tx, school, id);
		const updated = await tx
			.update(attendance)
			.set({ reflection })
			.where(
				and(
					eq(attendance.deliveredActivityId, activity.id),
					eq(attendance.pupilId, pupilId),
					eq(attendance.attended, true),
					sql`${attendance.pupilId} in (select id from ${pupils} where school_id = ${school.id})`
				)
			)
			.returning({ pupilId: attendance.pupilId });
		if (updated.length === 0)
			throw ValidationError.one('pupilId', 'Choose a pupil recorded as attending this activity');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'encounter.reflection-added',
				recordType: 'delivered-activity',
				recordId: activity.id,
				summary: `Added a pupil’s reflection to ${describe(activity)}`,
				after: { pupilId, characters: reflection.length }
			},
			requestId
		);
	});
}
