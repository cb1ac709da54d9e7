/**
 * The occupations library as a school sees it: the shared careers (seed careers and SOC 2020 unit groups)
 * and the school's own. Everyone in the school may search it; occupations.edit adds and changes the
 * school's own entries. A participant's workbook sees the shared entries only.
 */
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable, type Tx } from '../db/client.ts';
import { occupations, subjectMapEntries, subjectMaps } from '../db/schema/index.ts';
import { academicYearName } from '../../domain/academic-year.ts';
import { authorise, ForbiddenError, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	OCCUPATION_ROUTES,
	OCCUPATION_SOURCES,
	type OccupationRoute,
	type OccupationSource
} from '../../domain/development.ts';
import { socUnitGroups } from './library.ts';

export type Occupation = {
	id: string;
	/** Null for shared entries. */
	organisationId: string | null;
	title: string;
	description: string | null;
	keySkill: string | null;
	subjects: string[];
	routes: OccupationRoute[];
	socCode: string | null;
	/** The SOC 2020 unit group's title, when the code is known. */
	socTitle: string | null;
	source: OccupationSource;
};

export const OCCUPATION_SOURCE_LABELS: Record<OccupationSource, string> = {
	seed: 'Waymark careers',
	soc2020: 'SOC 2020 (Office for National Statistics)',
	school: 'Our own careers'
};

export const PAGE_SIZE = 25;

let socTitles: Map<string, string> | undefined;
export function socTitle(code: string | null): string | null {
	if (!code) return null;
	socTitles ??= new Map(socUnitGroups().map((g) => [g.code, g.title]));
	return socTitles.get(code) ?? null;
}

export function toOccupation(row: typeof occupations.$inferSelect): Occupation {
	return {
		id: row.id,
		organisationId: row.organisationId,
		title: row.title,
		description: row.description,
		keySkill: row.keySkill,
		subjects: row.subjects,
		routes: row.routes as OccupationRoute[],
		socCode: row.socCode,
		socTitle: socTitle(row.socCode),
		source: row.source as OccupationSource
	};
}

/** Which entries a school (or, with null, a workbook) may see: the shared ones and its own. */
export function visibleTo(organisationId: string | null): SQL {
	return organisationId
		? (or(isNull(occupations.organisationId), eq(occupations.organisationId, organisationId)) as SQL)
		: isNull(occupations.organisationId);
}

export type OccupationSearch = {
	/** Words in the title, or a subject. */
	query?: string;
	/** Only entries linked to this subject. */
	subject?: string;
	source?: OccupationSource;
	page?: number;
	pageSize?: number;
};

function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Searches what `organisationId` may see (no access check: callers make theirs). */
export async function searchVisibleOccupations(
	organisationId: string | null,
	search: OccupationSearch,
	q: Queryable = db()
): Promise<{ items: Occupation[]; total: number; page: number; pageSize: number }> {
	const conditions: SQL[] = [visibleTo(organisationId)];
	const words = (search.query ?? '').trim();
	if (words) {
		const pattern = `%${escapeLike(words)}%`;
		conditions.push(
			sql`(${occupations.title} ilike ${pattern} or exists (select 1 from unnest(${occupations.subjects}) s where s ilike ${pattern}))`
		);
	}
	const subject = (search.subject ?? '').trim();
	if (subject) {
		conditions.push(sql`exists (select 1 from unnest(${occupations.subjects}) s where s ilike ${escapeLike(subject)})`);
	}
	if (search.source) conditions.push(eq(occupations.source, search.source));
	const where = and(...conditions);
	const pageSize = search.pageSize ?? PAGE_SIZE;
	const [counted] = await q
		.select({ total: sql<number>`count(*)::int` })
		.from(occupations)
		.where(where);
	const total = counted?.total ?? 0;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(search.page ?? 1)), pages);
	const rows = await q
		.select()
		.from(occupations)
		.where(where)
		// The school's own first, then the described careers, then the SOC groups.
		.orderBy(
			sql`case ${occupations.source} when 'school' then 0 when 'seed' then 1 else 2 end`,
			asc(sql`lower(${occupations.title})`),
			asc(occupations.id)
		)
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return { items: rows.map(toOccupation), total, page, pageSize };
}

/** Searches the library as the school sees it. */
export async function searchOccupations(actor: Actor, school: School, search: OccupationSearch) {
	authorise(actor, 'subject-maps.view', school.id);
	return searchVisibleOccupations(school.id, search);
}

/** One occupation the school may see; another school's is "not found". */
export async function occupationForSchool(actor: Actor, school: School, occupationId: string): Promise<Occupation> {
	authorise(actor, 'subject-maps.view', school.id);
	const found = await visibleOccupation(school.id, occupationId);
	if (!found) throw new NotFoundError();
	return found;
}

export async function visibleOccupation(
	organisationId: string | null,
	occupationId: string,
	q: Queryable = db()
): Promise<Occupation | undefined> {
	if (!z.uuid().safeParse(occupationId).success) return undefined;
	const [row] = await q
		.select()
		.from(occupations)
		.where(and(eq(occupations.id, occupationId), visibleTo(organisationId)));
	return row ? toOccupation(row) : undefined;
}

/**
 * The subject maps a career is on, named as people know them ("Physics 2025/26"), for its page and for
 * refusing to delete it. `schoolId`: the school asking (another owner's map is "a trainee's map").
 */
export async function mapsUsing(occupationId: string, schoolId: string, q: Queryable = db()): Promise<string[]> {
	const maps = await q
		.selectDistinct({
			id: subjectMaps.id,
			subject: subjectMaps.subject,
			academicYear: subjectMaps.academicYear,
			schoolId: subjectMaps.schoolId
		})
		.from(subjectMapEntries)
		.innerJoin(subjectMaps, eq(subjectMaps.id, subjectMapEntries.mapId))
		.where(eq(subjectMapEntries.occupationId, occupationId))
		.orderBy(subjectMaps.subject, subjectMaps.academicYear, subjectMaps.id);
	return maps.map(
		(m) => `${m.subject} ${academicYearName(m.academicYear)}${m.schoolId === schoolId ? '' : ' (a trainee’s map)'}`
	);
}

/** One of the school's own careers, locked for changing: shared careers are the library's, not the school's. */
async function ownOccupationToChange(tx: Tx, school: School, occupationId: string): Promise<Occupation> {
	const existing = await visibleOccupation(school.id, occupationId, tx);
	if (!existing) throw new NotFoundError();
	if (existing.organisationId !== school.id)
		throw new ForbiddenError('Careers shared by Waymark cannot be changed or deleted: add your own instead');
	// Held until the end: a map entry being added for it meanwhile waits for this change.
	await tx.select({ id: occupations.id }).from(occupations).where(eq(occupations.id, occupationId)).for('update');
	return existing;
}

export type OccupationInput = {
	title: string;
	description?: string | null;
	keySkill?: string | null;
	/** Subject names; a single string is split on commas and new lines. */
	subjects?: string[] | string;
	routes?: string[];
	socCode?: string | null;
};

const emptyToNull = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

const inputSchema = z.object({
	title: z
		.string({ message: 'Enter the career’s title' })
		.trim()
		.min(1, 'Enter the career’s title')
		.max(120, 'Title must be 120 characters or fewer'),
	description: z.preprocess(
		emptyToNull,
		z.string().trim().max(1000, 'What the person does must be 1,000 characters or fewer').nullable()
	),
	keySkill: z.preprocess(
		emptyToNull,
		z.string().trim().max(200, 'Key skill must be 200 characters or fewer').nullable()
	),
	subjects: z.preprocess(
		(v) =>
			(typeof v === 'string' ? v.split(/[,\n]/) : Array.isArray(v) ? v : [])
				.map((s) => String(s).trim())
				.filter(Boolean),
		z.array(z.string().max(80, 'Each subject must be 80 characters or fewer')).max(20, 'List 20 subjects or fewer')
	),
	routes: z.preprocess(
		(v) => (Array.isArray(v) ? v : v ? [v] : []),
		z.array(z.enum(OCCUPATION_ROUTES, { message: 'Choose further education, higher education or apprenticeship' }))
	),
	socCode: z.preprocess(
		emptyToNull,
		z
			.string()
			.trim()
			.regex(/^\d{4}$/, 'SOC 2020 code must be 4 digits, like 2134')
			.refine(
				(c) => !/^\d{4}$/.test(c) || socTitle(c) !== null,
				'This is not a SOC 2020 unit group code: check it on the ONS site'
			)
			.nullable()
	)
});

function parse(input: OccupationInput) {
	const parsed = inputSchema.safeParse(input);
	// One message per field, named as the form names it ('routes', not 'routes.0').
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: i.path.slice(0, 1) })));
	const v = parsed.data;
	// Unique subjects, keeping the first spelling.
	const seen = new Set<string>();
	const subjects = v.subjects.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
	return { ...v, subjects, routes: [...new Set(v.routes)] };
}

/** Adds a career of the school's own to the library. */
export async function createOccupation(actor: Actor, school: School, input: OccupationInput): Promise<string> {
	authorise(actor, 'occupations.edit', school.id);
	const v = parse(input);
	return db().transaction(async (tx) => {
		const [duplicate] = await tx
			.select({ id: occupations.id })
			.from(occupations)
			.where(and(eq(occupations.organisationId, school.id), sql`lower(${occupations.title}) = lower(${v.title})`));
		if (duplicate) throw ValidationError.one('title', `Your school already has a career called “${v.title}”`);
		const [row] = await tx
			.insert(occupations)
			.values({
				organisationId: school.id,
				title: v.title,
				description: v.description,
				keySkill: v.keySkill,
				subjects: v.subjects,
				routes: v.routes,
				socCode: v.socCode,
				source: 'school',
				createdBy: actor.system ? null : actor.userId
			})
			.returning({ id: occupations.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'occupation.created',
			recordType: 'occupation',
			recordId: row.id,
			summary: `Added the career “${v.title}” to the school’s occupations library`,
			after: v
		});
		return row.id;
	});
}

/** Changes one of the school's own careers. Shared careers cannot be changed (add your own instead). */
export async function updateOccupation(
	actor: Actor,
	school: School,
	occupationId: string,
	input: OccupationInput
): Promise<void> {
	authorise(actor, 'occupations.edit', school.id);
	const v = parse(input);
	await db().transaction(async (tx) => {
		const existing = await ownOccupationToChange(tx, school, occupationId);
		const [duplicate] = await tx
			.select({ id: occupations.id })
			.from(occupations)
			.where(
				and(
					eq(occupations.organisationId, school.id),
					sql`lower(${occupations.title}) = lower(${v.title})`,
					sql`${occupations.id} <> ${occupationId}`
				)
			);
		if (duplicate) throw ValidationError.one('title', `Your school already has a career called “${v.title}”`);
		await tx
			.update(occupations)
			.set({
				title: v.title,
				description: v.description,
				keySkill: v.keySkill,
				subjects: v.subjects,
				routes: v.routes,
				socCode: v.socCode
			})
			.where(eq(occupations.id, occupationId));
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'occupation.updated',
			recordType: 'occupation',
			recordId: occupationId,
			summary: `Changed the career “${v.title}” in the school’s occupations library`,
			before: existing,
			after: v
		});
	});
}

/**
 * Deletes one of the school's own careers — only when no subject map has it (a map's entries keep the
 * career they name: take it off them first, which the error names).
 */
export async function deleteOccupation(actor: Actor, school: School, occupationId: string): Promise<string> {
	authorise(actor, 'occupations.edit', school.id);
	return db().transaction(async (tx) => {
		const existing = await ownOccupationToChange(tx, school, occupationId);
		const maps = await mapsUsing(occupationId, school.id, tx);
		if (maps.length) {
			const one = maps.length === 1;
			throw ValidationError.one(
				'delete',
				`“${existing.title}” is on ${one ? 'a subject map' : `${maps.length} subject maps`} (${maps.join(', ')}): take it off ${one ? 'that map' : 'those maps'} first`
			);
		}
		await tx.delete(occupations).where(eq(occupations.id, occupationId));
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'occupation.deleted',
			recordType: 'occupation',
			recordId: occupationId,
			summary: `Deleted the career “${existing.title}” from the school’s occupations library`,
			before: existing
		});
		return existing.title;
	});
}

export function isOccupationSource(value: string): value is OccupationSource {
	return (OCCUPATION_SOURCES as readonly string[]).includes(value);
}
