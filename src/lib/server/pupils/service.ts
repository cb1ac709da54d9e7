/**
 * Pupil records. Every read is scoped to the school and allowed by role; opening one pupil's record
 * is written to the audit trail.
 */
import { and, asc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { pupils, teachingGroupMembers, teachingGroups } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { School } from '../schools/service.ts';
import type { ExportTable } from '../exports/table.ts';
import {
	ATTENDANCE_BANDS,
	pupilDisplayName,
	SEN_PROVISION_SHORT_LABELS,
	type AttendanceBand
} from '../../domain/pupil-characteristics.ts';
import { academicYearStart, todayInLondon } from '../../domain/academic-year.ts';

export type PupilSummary = {
	id: string;
	upn: string;
	name: string;
	yearGroup: number;
	regGroup: string | null;
	senProvision: 'E' | 'K' | 'N';
	pupilPremium: boolean;
};

export type PupilRecord = typeof pupils.$inferSelect & { yearGroup: number; name: string };

/** Year group this academic year, worked out in SQL so filters and counts agree with the page. */
export function yearGroupSql(startYear = academicYearStart(todayInLondon())): SQL<number> {
	// Inlined (a whole number, so safe) rather than a parameter: GROUP BY must see the same expression
	// as SELECT, and $1 and $5 are different expressions to Postgres even with equal values.
	const year = sql.raw(String(Math.trunc(startYear)));
	return sql<number>`(${year} - ${pupils.enteredYear7} + 7)::int`;
}

/** On roll today: joined (or no admission date recorded) and not yet left. */
export function onRollSql(today = todayInLondon()): SQL {
	return and(
		or(isNull(pupils.admissionDate), lte(pupils.admissionDate, today)),
		or(isNull(pupils.leavingDate), gte(pupils.leavingDate, today))
	) as SQL;
}

const yesNo = z
	.enum(['yes', 'no', ''])
	.optional()
	.catch(undefined)
	.transform((v) => (v === 'yes' ? true : v === 'no' ? false : undefined));

/** SEN filter: E (EHC plan), K (SEN support), N (none), any (E or K). */
export const SEN_FILTERS = ['any', 'E', 'K', 'N'] as const;
export type SenFilter = (typeof SEN_FILTERS)[number];

/**
 * The list's filters as the address carries them (a GET form that works without JavaScript). Anything
 * unreadable is ignored rather than refused, so an old or hand-edited link still shows a list.
 */
export const pupilFilterSchema = z.object({
	year: z
		.union([
			z.literal(''),
			z.coerce.number().int().min(7, 'Year groups run from 7 to 13').max(13, 'Year groups run from 7 to 13')
		])
		.optional()
		.catch(undefined)
		.transform((v) => (v === '' ? undefined : v)),
	q: z.string().trim().max(100).optional().catch(undefined),
	sen: z.enum(SEN_FILTERS).optional().catch(undefined),
	pp: yesNo,
	fsm: yesNo,
	eal: yesNo,
	lookedAfter: yesNo,
	gender: z
		.string()
		.trim()
		.max(20)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined),
	attendance: z.enum(ATTENDANCE_BANDS).optional().catch(undefined),
	reg: z
		.string()
		.trim()
		.max(40)
		.optional()
		.catch(undefined)
		.transform((v) => v || undefined),
	/** A teaching group of this academic year, by id. */
	group: z.uuid().optional().catch(undefined),
	/** Include pupils who have left (kept three years for destinations). */
	leavers: z
		.string()
		.optional()
		.catch(undefined)
		.transform((v) => v === 'yes' || v === '1' || v === 'on'),
	page: z.coerce.number().int().min(1).catch(1).default(1)
});
export type PupilFilter = z.infer<typeof pupilFilterSchema>;

/** The query-string names of the filters, in the order the form shows them (export links reuse them). */
export const PUPIL_FILTER_PARAMS = [
	'q',
	'year',
	'reg',
	'group',
	'sen',
	'pp',
	'fsm',
	'eal',
	'lookedAfter',
	'gender',
	'attendance',
	'leavers'
] as const;

/** The filters from a URL's search parameters, as the strings listPupils reads. */
export function pupilFilterParams(searchParams: URLSearchParams): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const name of [...PUPIL_FILTER_PARAMS, 'page'] as const) raw[name] = searchParams.get(name) ?? '';
	return raw;
}

/** A year group fits on one page; the whole school takes a few. */
export const PUPILS_PER_PAGE = 250;

export function attendanceBandSql(band: AttendanceBand): SQL {
	const a = pupils.attendancePercent;
	switch (band) {
		case 'persistent':
			return sql`${a} < 90`;
		case '90-95':
			return sql`(${a} >= 90 and ${a} < 95)`;
		case '95-plus':
			return sql`${a} >= 95`;
		case 'unknown':
			return sql`${a} is null`;
	}
}

/** The WHERE clause for a school's pupils under these filters. */
function pupilConditions(school: School, filter: PupilFilter, currentYear: number, today: string): SQL {
	const yearGroup = yearGroupSql(currentYear);
	const where: SQL[] = [eq(pupils.schoolId, school.id)];
	if (filter.leavers) {
		// Leavers as well: everyone who has joined; their year group is the one their class is in now.
		where.push(or(isNull(pupils.admissionDate), lte(pupils.admissionDate, today)) as SQL);
	} else {
		where.push(onRollSql(today), sql`${yearGroup} between 7 and 13`);
	}
	if (filter.year !== undefined) where.push(sql`${yearGroup} = ${filter.year}`);
	if (filter.q) {
		const term = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(
			or(
				ilike(pupils.legalSurname, term),
				ilike(pupils.legalForename, term),
				ilike(pupils.preferredForename, term),
				ilike(pupils.upn, term),
				ilike(
					sql`coalesce(nullif(${pupils.preferredForename}, ''), ${pupils.legalForename}) || ' ' || ${pupils.legalSurname}`,
					term
				),
				ilike(sql`${pupils.legalForename} || ' ' || ${pupils.legalSurname}`, term)
			) as SQL
		);
	}
	if (filter.sen === 'any') where.push(inArray(pupils.senProvision, ['E', 'K']));
	else if (filter.sen) where.push(eq(pupils.senProvision, filter.sen));
	if (filter.pp !== undefined) where.push(eq(pupils.pupilPremium, filter.pp));
	if (filter.fsm !== undefined) where.push(eq(pupils.fsmEligible, filter.fsm));
	if (filter.eal !== undefined) where.push(eq(pupils.eal, filter.eal));
	if (filter.lookedAfter !== undefined) where.push(eq(pupils.lookedAfter, filter.lookedAfter));
	if (filter.gender) where.push(eq(pupils.gender, filter.gender));
	if (filter.attendance) where.push(attendanceBandSql(filter.attendance));
	if (filter.reg) where.push(eq(pupils.regGroup, filter.reg));
	if (filter.group) {
		where.push(sql`exists (
			select 1 from ${teachingGroupMembers}
			join ${teachingGroups} on ${teachingGroups.id} = ${teachingGroupMembers.groupId}
			where ${teachingGroupMembers.pupilId} = ${pupils.id}
				and ${teachingGroups.id} = ${filter.group}
				and ${teachingGroups.schoolId} = ${school.id}
				and ${teachingGroups.academicYear} = ${currentYear}
		)`);
	}
	return and(...where) as SQL;
}

export type PupilListRow = PupilSummary & {
	legalForename: string;
	preferredForename: string | null;
	legalSurname: string;
	fsmEligible: boolean;
	eal: boolean;
	lookedAfter: boolean;
	gender: string | null;
	attendancePercent: number | null;
	leavingDate: string | null;
	/** Left before today. */
	left: boolean;
};

function selectRows(q: Queryable, condition: SQL, currentYear: number) {
	const yearGroup = yearGroupSql(currentYear);
	return q
		.select({
			id: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			yearGroup,
			regGroup: pupils.regGroup,
			senProvision: pupils.senProvision,
			pupilPremium: pupils.pupilPremium,
			fsmEligible: pupils.fsmEligible,
			eal: pupils.eal,
			lookedAfter: pupils.lookedAfter,
			gender: pupils.gender,
			attendancePercent: pupils.attendancePercent,
			leavingDate: pupils.leavingDate
		})
		.from(pupils)
		.where(condition)
		.orderBy(asc(yearGroup), asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id))
		.$dynamic();
}

function toListRow(r: Awaited<ReturnType<typeof selectRows>>[number], today: string): PupilListRow {
	return {
		...r,
		name: pupilDisplayName(r),
		left: r.leavingDate !== null && r.leavingDate < today
	};
}

export type PupilListCounts = {
	total: number;
	sen: number;
	pupilPremium: number;
	fsm: number;
	eal: number;
	lookedAfter: number;
	persistentAbsence: number;
};

export type PupilFilterOptions = {
	regGroups: string[];
	teachingGroups: { id: string; name: string }[];
	genders: string[];
};

/** Registration groups, this year's teaching groups and the genders recorded, for the filter form. */
async function filterOptions(school: School, currentYear: number): Promise<PupilFilterOptions> {
	const [regs, groups, genders] = await Promise.all([
		db()
			.selectDistinct({ reg: pupils.regGroup })
			.from(pupils)
			.where(and(eq(pupils.schoolId, school.id), onRollSql(), isNotNull(pupils.regGroup)))
			.orderBy(pupils.regGroup),
		db()
			.select({ id: teachingGroups.id, name: teachingGroups.name })
			.from(teachingGroups)
			.where(and(eq(teachingGroups.schoolId, school.id), eq(teachingGroups.academicYear, currentYear)))
			.orderBy(teachingGroups.name),
		db()
			.selectDistinct({ gender: pupils.gender })
			.from(pupils)
			.where(and(eq(pupils.schoolId, school.id), isNotNull(pupils.gender)))
			.orderBy(pupils.gender)
	]);
	return {
		regGroups: regs.map((r) => r.reg).filter((r): r is string => !!r),
		teachingGroups: groups,
		genders: genders.map((g) => g.gender).filter((g): g is string => !!g)
	};
}

/** One page of the school's pupils under the filters, with the counts of the whole filtered list. */
export async function listPupils(actor: Actor, school: School, rawFilter: Record<string, string>) {
	authorise(actor, 'pupils.view', school.id);
	const filter = pupilFilterSchema.parse(rawFilter);
	const today = todayInLondon();
	const currentYear = academicYearStart(today);
	const condition = pupilConditions(school, filter, currentYear, today);
	const [counted] = await db()
		.select({
			total: sql<number>`count(*)::int`,
			sen: sql<number>`(count(*) filter (where ${pupils.senProvision} <> 'N'))::int`,
			pupilPremium: sql<number>`(count(*) filter (where ${pupils.pupilPremium}))::int`,
			fsm: sql<number>`(count(*) filter (where ${pupils.fsmEligible}))::int`,
			eal: sql<number>`(count(*) filter (where ${pupils.eal}))::int`,
			lookedAfter: sql<number>`(count(*) filter (where ${pupils.lookedAfter}))::int`,
			persistentAbsence: sql<number>`(count(*) filter (where ${pupils.attendancePercent} < 90))::int`
		})
		.from(pupils)
		.where(condition);
	const rows = await selectRows(db(), condition, currentYear)
		.limit(PUPILS_PER_PAGE)
		.offset((filter.page - 1) * PUPILS_PER_PAGE);
	const counts: PupilListCounts = counted ?? {
		total: 0,
		sen: 0,
		pupilPremium: 0,
		fsm: 0,
		eal: 0,
		lookedAfter: 0,
		persistentAbsence: 0
	};
	return {
		pupils: rows.map((r) => toListRow(r, today)),
		filter,
		total: counts.total,
		counts,
		perPage: PUPILS_PER_PAGE,
		options: await filterOptions(school, currentYear)
	};
}

/**
 * Every pupil under the filters as a table for CSV or XLSX (no paging); the download is audited with
 * how many pupils it named, in the same transaction as the read.
 */
export async function exportPupils(
	actor: Actor,
	school: School,
	rawFilter: Record<string, string>,
	requestId?: string
): Promise<ExportTable> {
	authorise(actor, 'pupils.view', school.id);
	const filter = pupilFilterSchema.parse(rawFilter);
	const today = todayInLondon();
	const currentYear = academicYearStart(today);
	const condition = pupilConditions(school, filter, currentYear, today);
	return db().transaction(async (tx) => {
		const rows = (await selectRows(tx, condition, currentYear)).map((r) => toListRow(r, today));
		const applied = PUPIL_FILTER_PARAMS.filter((name) => rawFilter[name]).map((name) => `${name}=${rawFilter[name]}`);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'pupils.exported',
				recordType: 'pupil',
				summary: `Downloaded a list of ${rows.length} ${rows.length === 1 ? 'pupil' : 'pupils'}${
					applied.length ? ` (${applied.join(', ')})` : ''
				}`,
				after: { count: rows.length, filter: Object.fromEntries(applied.map((a) => a.split('=', 2))) }
			},
			requestId
		);
		return {
			sheetName: 'Pupils',
			headers: [
				'UPN',
				'Legal surname',
				'Legal forename',
				'Preferred forename',
				'Year group',
				'Registration group',
				'SEN',
				'Pupil premium',
				'Free school meals',
				'EAL',
				'Looked after',
				'Gender',
				'Attendance %',
				'Left on'
			],
			rows: rows.map((r) => [
				r.upn,
				r.legalSurname,
				r.legalForename,
				r.preferredForename,
				r.left ? null : r.yearGroup,
				r.regGroup,
				SEN_PROVISION_SHORT_LABELS[r.senProvision],
				r.pupilPremium,
				r.fsmEligible,
				r.eal,
				r.lookedAfter,
				r.gender,
				r.attendancePercent,
				r.leavingDate
			])
		};
	});
}

/** One pupil's record; the view is audited in the same transaction as the read. */
export async function viewPupil(
	actor: Actor,
	school: School,
	pupilId: string,
	requestId?: string
): Promise<PupilRecord> {
	authorise(actor, 'pupils.view', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError();
	return db().transaction(async (tx) => {
		const [row] = await tx
			.select({ pupil: pupils, yearGroup: yearGroupSql() })
			.from(pupils)
			.where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'pupil.viewed',
				recordType: 'pupil',
				recordId: row.pupil.id,
				summary: `Viewed the record of ${pupilDisplayName(row.pupil)} (UPN ${row.pupil.upn})`
			},
			requestId
		);
		return { ...row.pupil, yearGroup: row.yearGroup, name: pupilDisplayName(row.pupil) };
	});
}

export type RollFigures = {
	onRoll: number;
	byYear: { yearGroup: number; pupils: number; sen: number; pupilPremium: number }[];
};

/** Headline figures for the dashboard and the trust view: counts only, no names. */
export async function rollFigures(schoolId: string): Promise<RollFigures> {
	const yearGroup = yearGroupSql();
	const rows = await db()
		.select({
			yearGroup,
			pupils: sql<number>`count(*)::int`,
			sen: sql<number>`(count(*) filter (where ${pupils.senProvision} <> 'N'))::int`,
			pupilPremium: sql<number>`(count(*) filter (where ${pupils.pupilPremium}))::int`
		})
		.from(pupils)
		.where(and(eq(pupils.schoolId, schoolId), onRollSql()))
		.groupBy(yearGroup)
		.orderBy(yearGroup);
	const byYear = rows.filter((r) => r.yearGroup >= 7 && r.yearGroup <= 13);
	return { onRoll: byYear.reduce((n, r) => n + r.pupils, 0), byYear };
}
