/**
 * Pupil records. Every read is scoped to the school and allowed by role; opening one pupil's record
 * is written to the audit trail.
 */
import { and, asc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { pupils } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { School } from '../schools/service.ts';
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

function displayName(p: { preferredForename: string | null; legalForename: string; legalSurname: string }): string {
	return `${p.preferredForename || p.legalForename} ${p.legalSurname}`;
}

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

export const pupilFilterSchema = z.object({
	year: z
		.union([
			z.literal(''),
			z.coerce.number().int().min(7, 'Year groups run from 7 to 13').max(13, 'Year groups run from 7 to 13')
		])
		.optional()
		.transform((v) => (v === '' ? undefined : v)),
	q: z.string().trim().max(100).optional(),
	page: z.coerce.number().int().min(1).catch(1).default(1)
});

/** A year group fits on one page; the whole school takes a few. */
export const PUPILS_PER_PAGE = 250;

export async function listPupils(actor: Actor, school: School, rawFilter: Record<string, string>) {
	authorise(actor, 'pupils.view', school.id);
	const filter = pupilFilterSchema.parse(rawFilter);
	const yearGroup = yearGroupSql();
	const where: SQL[] = [eq(pupils.schoolId, school.id), onRollSql(), sql`${yearGroup} between 7 and 13`];
	if (filter.year !== undefined) where.push(sql`${yearGroup} = ${filter.year}`);
	if (filter.q) {
		const term = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(
			or(
				ilike(pupils.legalSurname, term),
				ilike(pupils.legalForename, term),
				ilike(pupils.preferredForename, term),
				ilike(pupils.upn, term)
			) as SQL
		);
	}
	const condition = and(...where);
	const [counted] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(pupils)
		.where(condition);
	const rows = await db()
		.select({
			id: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			yearGroup,
			regGroup: pupils.regGroup,
			senProvision: pupils.senProvision,
			pupilPremium: pupils.pupilPremium
		})
		.from(pupils)
		.where(condition)
		.orderBy(asc(yearGroup), asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id))
		.limit(PUPILS_PER_PAGE)
		.offset((filter.page - 1) * PUPILS_PER_PAGE);
	const list: PupilSummary[] = rows.map((r) => ({
		id: r.id,
		upn: r.upn,
		name: displayName(r),
		yearGroup: r.yearGroup,
		regGroup: r.regGroup,
		senProvision: r.senProvision,
		pupilPremium: r.pupilPremium
	}));
	return { pupils: list, filter, total: counted?.n ?? 0, perPage: PUPILS_PER_PAGE };
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
				summary: `Viewed the record of ${displayName(row.pupil)} (UPN ${row.pupil.upn})`
			},
			requestId
		);
		return { ...row.pupil, yearGroup: row.yearGroup, name: displayName(row.pupil) };
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
