/**
 * Subject careers maps (Benchmark 4, seed 002's Art & Design grid): for one subject and academic year,
 * careers per year group (rows) and half-term (columns). ONE implementation for both owners:
 *
 * - a school's department (everyone in the school reads; subject-maps.edit changes), and
 * - a participant in their workbook (only the participant), who may offer a map to a placement school;
 *   that school's subject-maps.edit users take it into their maps (a copy) or decline it.
 *
 * Every change writes its audit event in the same transaction.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable, type Tx } from '../db/client.ts';
import { occupations, organisations, subjectMapEntries, subjectMaps } from '../db/schema/index.ts';
import { authorise, can, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import type { Workbook } from '../development/access.ts';
import { toOccupation, visibleOccupation, type Occupation } from '../occupations/service.ts';
import { HALF_TERM_LABELS, HALF_TERMS, type HalfTerm } from '../../domain/activities.ts';
import { academicYearName } from '../../domain/academic-year.ts';

/** Who a map belongs to: a school's department or a participant's workbook. */
export type MapOwner = { kind: 'school'; school: School } | { kind: 'participant'; workbook: Workbook };

export type SubjectMapSummary = {
	id: string;
	subject: string;
	academicYear: number;
	academicYearName: string;
	includesSixthForm: boolean;
	entries: number;
	offeredToSchoolId: string | null;
	offeredToSchoolName: string | null;
	offeredAt: Date | null;
	copiedFromId: string | null;
	updatedAt: Date;
};

export type MapEntry = {
	id: string;
	yearGroup: number;
	halfTerm: HalfTerm;
	note: string | null;
	position: number;
	occupation: Occupation;
};

export type SubjectMap = SubjectMapSummary & {
	/** Year groups on the map, in order (7–11, or 7–13). */
	yearGroups: number[];
	entries: number;
	cells: MapEntry[];
};

export const MAIN_YEARS = [7, 8, 9, 10, 11] as const;
export const SIXTH_FORM_YEARS = [12, 13] as const;

export function yearGroupsOf(includesSixthForm: boolean): number[] {
	return includesSixthForm ? [...MAIN_YEARS, ...SIXTH_FORM_YEARS] : [...MAIN_YEARS];
}

// ---- access -----------------------------------------------------------------------------------------

function ownerLabel(owner: MapOwner): string {
	return owner.kind === 'school' ? owner.school.name : `${owner.workbook.participant.name}’s workbook`;
}

/** The organisation audit events belong to: the school, or the programme's organisation for a workbook. */
function auditOrganisation(owner: MapOwner): string {
	return owner.kind === 'school' ? owner.school.id : owner.workbook.programme.organisation.id;
}

/** The organisation whose own careers the owner may use (a workbook uses the shared library only). */
function libraryOrganisation(owner: MapOwner): string | null {
	return owner.kind === 'school' ? owner.school.id : null;
}

function checkOwner(actor: Actor, owner: MapOwner, mode: 'view' | 'edit'): void {
	if (owner.kind === 'school') {
		authorise(actor, mode === 'view' ? 'subject-maps.view' : 'subject-maps.edit', owner.school.id);
		return;
	}
	// A workbook is its participant's alone; everyone else is "not found", as for the workbook itself.
	if (actor.system) return;
	if (!actor.userId || owner.workbook.participant.userId !== actor.userId) throw new NotFoundError();
}

export function mayEdit(actor: Actor, owner: MapOwner): boolean {
	if (owner.kind === 'school') return can(actor, 'subject-maps.edit', owner.school.id);
	return actor.system === true || (!!actor.userId && owner.workbook.participant.userId === actor.userId);
}

function ownedBy(owner: MapOwner) {
	return owner.kind === 'school'
		? eq(subjectMaps.schoolId, owner.school.id)
		: eq(subjectMaps.participantId, owner.workbook.participant.id);
}

function isUuid(value: string): boolean {
	return z.uuid().safeParse(value).success;
}

const summaryColumns = {
	id: subjectMaps.id,
	subject: subjectMaps.subject,
	academicYear: subjectMaps.academicYear,
	includesSixthForm: subjectMaps.includesSixthForm,
	offeredToSchoolId: subjectMaps.offeredToSchoolId,
	offeredToSchoolName: organisations.name,
	offeredAt: subjectMaps.offeredAt,
	copiedFromId: subjectMaps.copiedFromId,
	updatedAt: subjectMaps.updatedAt,
	entries: sql<number>`(select count(*)::int from subject_map_entries e where e.map_id = ${subjectMaps.id})`
};

type SummaryRow = Omit<SubjectMapSummary, 'academicYearName'>;
function toSummary(row: SummaryRow): SubjectMapSummary {
	return { ...row, academicYearName: academicYearName(row.academicYear) };
}

async function loadMapRow(owner: MapOwner, mapId: string, q: Queryable): Promise<SubjectMapSummary> {
	if (!isUuid(mapId)) throw new NotFoundError();
	const [row] = await q
		.select(summaryColumns)
		.from(subjectMaps)
		.leftJoin(organisations, eq(organisations.id, subjectMaps.offeredToSchoolId))
		.where(and(eq(subjectMaps.id, mapId), ownedBy(owner)));
	if (!row) throw new NotFoundError();
	return toSummary(row);
}

async function loadEntries(mapId: string, q: Queryable): Promise<MapEntry[]> {
	const rows = await q
		.select({ entry: subjectMapEntries, occupation: occupations })
		.from(subjectMapEntries)
		.innerJoin(occupations, eq(occupations.id, subjectMapEntries.occupationId))
		.where(eq(subjectMapEntries.mapId, mapId))
		.orderBy(
			asc(subjectMapEntries.yearGroup),
			asc(subjectMapEntries.halfTerm),
			asc(subjectMapEntries.position),
			asc(subjectMapEntries.id)
		);
	return rows.map((r) => ({
		id: r.entry.id,
		yearGroup: r.entry.yearGroup,
		halfTerm: r.entry.halfTerm as HalfTerm,
		note: r.entry.note,
		position: r.entry.position,
		occupation: toOccupation(r.occupation)
	}));
}

// ---- reading ----------------------------------------------------------------------------------------

/** The owner's maps: a school's for one academic year (all years when omitted), a workbook's all. */
export async function listMaps(
	actor: Actor,
	owner: MapOwner,
	options: { academicYear?: number } = {}
): Promise<SubjectMapSummary[]> {
	checkOwner(actor, owner, 'view');
	const rows = await db()
		.select(summaryColumns)
		.from(subjectMaps)
		.leftJoin(organisations, eq(organisations.id, subjectMaps.offeredToSchoolId))
		.where(
			and(
				ownedBy(owner),
				options.academicYear !== undefined ? eq(subjectMaps.academicYear, options.academicYear) : undefined
			)
		)
		.orderBy(desc(subjectMaps.academicYear), asc(sql`lower(${subjectMaps.subject})`), asc(subjectMaps.id));
	return rows.map(toSummary);
}

/** One map with its careers. Another owner's map is "not found". */
export async function getMap(actor: Actor, owner: MapOwner, mapId: string): Promise<SubjectMap> {
	checkOwner(actor, owner, 'view');
	const map = await loadMapRow(owner, mapId, db());
	const cells = await loadEntries(map.id, db());
	return { ...map, yearGroups: yearGroupsOf(map.includesSixthForm), cells };
}

/** The careers on a map, each once, in grid order: what the career cards sheet prints. */
export function distinctOccupations(map: SubjectMap): Occupation[] {
	const seen = new Map<string, Occupation>();
	for (const cell of map.cells) if (!seen.has(cell.occupation.id)) seen.set(cell.occupation.id, cell.occupation);
	return [...seen.values()];
}

/** The cell's careers, for grids: cell key `${year}-${halfTerm}`. */
export function cellsByKey(map: SubjectMap): Map<string, MapEntry[]> {
	const cells = new Map<string, MapEntry[]>();
	for (const entry of map.cells) {
		const key = `${entry.yearGroup}-${entry.halfTerm}`;
		const list = cells.get(key) ?? [];
		list.push(entry);
		cells.set(key, list);
	}
	return cells;
}

// ---- creating and changing a map ------------------------------------------------------------------

export type MapInput = { subject: string; academicYear: number | string; includesSixthForm?: boolean };

const mapSchema = z.object({
	subject: z
		.string({ message: 'Enter the subject' })
		.trim()
		.min(1, 'Enter the subject')
		.max(80, 'Subject must be 80 characters or fewer'),
	academicYear: z.coerce
		.number({ message: 'Choose the academic year' })
		.int('Choose the academic year')
		.min(2000, 'Choose an academic year from 2000/01 onwards')
		.max(2100, 'Choose an academic year before 2100'),
	includesSixthForm: z.boolean().default(false)
});

async function refuseDuplicate(
	tx: Queryable,
	owner: MapOwner,
	subject: string,
	academicYear: number,
	exceptId?: string
): Promise<void> {
	const [duplicate] = await tx
		.select({ id: subjectMaps.id })
		.from(subjectMaps)
		.where(
			and(
				ownedBy(owner),
				eq(subjectMaps.academicYear, academicYear),
				sql`lower(${subjectMaps.subject}) = lower(${subject})`,
				exceptId ? sql`${subjectMaps.id} <> ${exceptId}` : undefined
			)
		);
	if (duplicate)
		throw ValidationError.one(
			'subject',
			`There is already a ${subject} map for ${academicYearName(academicYear)}: open it from the list`
		);
}

function ownerColumns(owner: MapOwner) {
	return owner.kind === 'school'
		? { schoolId: owner.school.id, participantId: null }
		: { schoolId: null, participantId: owner.workbook.participant.id };
}

/** A new, empty map for a subject and academic year. */
export async function createMap(actor: Actor, owner: MapOwner, input: MapInput): Promise<string> {
	checkOwner(actor, owner, 'edit');
	const parsed = mapSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const v = parsed.data;
	return db().transaction(async (tx) => {
		await refuseDuplicate(tx, owner, v.subject, v.academicYear);
		const [row] = await tx
			.insert(subjectMaps)
			.values({ ...ownerColumns(owner), ...v })
			.returning({ id: subjectMaps.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(tx, actor, {
			organisationId: auditOrganisation(owner),
			action: 'subject-map.created',
			recordType: 'subject_map',
			recordId: row.id,
			summary: `Started a ${v.subject} careers map for ${academicYearName(v.academicYear)} (${ownerLabel(owner)})`,
			after: v
		});
		return row.id;
	});
}

/** Renames the subject or adds/removes Years 12 and 13 (refused while they hold careers). */
export async function updateMap(
	actor: Actor,
	owner: MapOwner,
	mapId: string,
	input: { subject: string; includesSixthForm: boolean }
): Promise<void> {
	checkOwner(actor, owner, 'edit');
	await db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		const parsed = mapSchema.safeParse({ ...input, academicYear: map.academicYear });
		if (!parsed.success) throw fromZod(parsed.error.issues);
		const v = parsed.data;
		await refuseDuplicate(tx, owner, v.subject, map.academicYear, map.id);
		if (map.includesSixthForm && !v.includesSixthForm) {
			const [counted] = await tx
				.select({ n: count() })
				.from(subjectMapEntries)
				.where(and(eq(subjectMapEntries.mapId, map.id), sql`${subjectMapEntries.yearGroup} >= 12`));
			const n = counted?.n ?? 0;
			if (n > 0)
				throw ValidationError.one(
					'includesSixthForm',
					`Years 12 and 13 still have ${n} career${n === 1 ? '' : 's'}: remove them before taking the sixth form off the map`
				);
		}
		await tx
			.update(subjectMaps)
			.set({ subject: v.subject, includesSixthForm: v.includesSixthForm, updatedAt: new Date() })
			.where(eq(subjectMaps.id, map.id));
		await recordAudit(tx, actor, {
			organisationId: auditOrganisation(owner),
			action: 'subject-map.updated',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `Changed the ${v.subject} careers map for ${map.academicYearName} (${ownerLabel(owner)})`,
			before: { subject: map.subject, includesSixthForm: map.includesSixthForm },
			after: { subject: v.subject, includesSixthForm: v.includesSixthForm }
		});
	});
}

/** Deletes a map and its careers (the careers stay in the library). */
export async function deleteMap(actor: Actor, owner: MapOwner, mapId: string): Promise<SubjectMapSummary> {
	checkOwner(actor, owner, 'edit');
	return db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		await tx.delete(subjectMaps).where(eq(subjectMaps.id, map.id));
		await recordAudit(tx, actor, {
			organisationId: auditOrganisation(owner),
			action: 'subject-map.deleted',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `Deleted the ${map.subject} careers map for ${map.academicYearName} (${ownerLabel(owner)})`,
			before: { subject: map.subject, academicYear: map.academicYear, entries: map.entries }
		});
		return map;
	});
}

// ---- the cells ----------------------------------------------------------------------------------------

export type EntryInput = {
	yearGroup: number | string;
	halfTerm: number | string;
	occupationId: string;
	note?: string | null;
};

const entrySchema = z.object({
	yearGroup: z.coerce
		.number({ message: 'Choose a year group from 7 to 13' })
		.int('Choose a year group from 7 to 13')
		.min(7, 'Choose a year group from 7 to 13')
		.max(13, 'Choose a year group from 7 to 13'),
	halfTerm: z.coerce
		.number({ message: 'Choose a half-term, Autumn 1 to Summer 2' })
		.int('Choose a half-term, Autumn 1 to Summer 2')
		.min(1, 'Choose a half-term, Autumn 1 to Summer 2')
		.max(6, 'Choose a half-term, Autumn 1 to Summer 2'),
	occupationId: z.string({ message: 'Choose a career' }).trim().min(1, 'Choose a career'),
	note: z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
		z.string().trim().max(300, 'Note must be 300 characters or fewer').nullable()
	)
});

function cellName(yearGroup: number, halfTerm: number): string {
	return `Year ${yearGroup}, ${HALF_TERM_LABELS[halfTerm as HalfTerm]}`;
}

/** Puts a career in a cell. Each career at most once per cell; Years 12–13 only on a sixth-form map. */
export async function addEntry(actor: Actor, owner: MapOwner, mapId: string, input: EntryInput): Promise<string> {
	checkOwner(actor, owner, 'edit');
	const parsed = entrySchema.safeParse({
		...input,
		yearGroup: input.yearGroup === '' ? undefined : input.yearGroup,
		halfTerm: input.halfTerm === '' ? undefined : input.halfTerm
	});
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const v = parsed.data;
	return db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		if (v.yearGroup >= 12 && !map.includesSixthForm)
			throw ValidationError.one(
				'yearGroup',
				'Years 12 and 13 are not on this map: add the sixth form to the map first, or choose Years 7 to 11'
			);
		const occupation = await visibleOccupation(libraryOrganisation(owner), v.occupationId, tx);
		if (!occupation) throw ValidationError.one('occupationId', 'Choose a career from the library');
		const [already] = await tx
			.select({ id: subjectMapEntries.id })
			.from(subjectMapEntries)
			.where(
				and(
					eq(subjectMapEntries.mapId, map.id),
					eq(subjectMapEntries.yearGroup, v.yearGroup),
					eq(subjectMapEntries.halfTerm, v.halfTerm),
					eq(subjectMapEntries.occupationId, occupation.id)
				)
			);
		if (already)
			throw ValidationError.one(
				'occupationId',
				`${occupation.title} is already in ${cellName(v.yearGroup, v.halfTerm)}`
			);
		const [last] = await tx
			.select({ next: sql<number>`coalesce(max(${subjectMapEntries.position}), -1)::int + 1` })
			.from(subjectMapEntries)
			.where(
				and(
					eq(subjectMapEntries.mapId, map.id),
					eq(subjectMapEntries.yearGroup, v.yearGroup),
					eq(subjectMapEntries.halfTerm, v.halfTerm)
				)
			);
		const [row] = await tx
			.insert(subjectMapEntries)
			.values({
				mapId: map.id,
				yearGroup: v.yearGroup,
				halfTerm: v.halfTerm,
				occupationId: occupation.id,
				note: v.note,
				position: last?.next ?? 0
			})
			.returning({ id: subjectMapEntries.id });
		if (!row) throw new Error('Insert returned nothing');
		await touch(tx, map.id);
		await recordAudit(tx, actor, {
			organisationId: auditOrganisation(owner),
			action: 'subject-map.entry-added',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `Added ${occupation.title} to ${cellName(v.yearGroup, v.halfTerm)} of the ${map.subject} careers map (${ownerLabel(owner)})`,
			after: {
				entryId: row.id,
				occupationId: occupation.id,
				yearGroup: v.yearGroup,
				halfTerm: v.halfTerm,
				note: v.note
			}
		});
		return row.id;
	});
}

/** Takes a career out of a cell. */
export async function removeEntry(actor: Actor, owner: MapOwner, mapId: string, entryId: string): Promise<void> {
	checkOwner(actor, owner, 'edit');
	await db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		if (!isUuid(entryId)) throw new NotFoundError();
		const [entry] = await tx
			.select({ entry: subjectMapEntries, title: occupations.title })
			.from(subjectMapEntries)
			.innerJoin(occupations, eq(occupations.id, subjectMapEntries.occupationId))
			.where(and(eq(subjectMapEntries.id, entryId), eq(subjectMapEntries.mapId, map.id)));
		if (!entry) throw new NotFoundError();
		await tx.delete(subjectMapEntries).where(eq(subjectMapEntries.id, entryId));
		await touch(tx, map.id);
		await recordAudit(tx, actor, {
			organisationId: auditOrganisation(owner),
			action: 'subject-map.entry-removed',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `Removed ${entry.title} from ${cellName(entry.entry.yearGroup, entry.entry.halfTerm)} of the ${map.subject} careers map (${ownerLabel(owner)})`,
			before: entry.entry
		});
	});
}

async function touch(tx: Tx, mapId: string): Promise<void> {
	await tx.update(subjectMaps).set({ updatedAt: new Date() }).where(eq(subjectMaps.id, mapId));
}

async function copyEntries(tx: Tx, fromId: string, toId: string, keepSixthForm: boolean): Promise<void> {
	await tx.execute(sql`
		insert into subject_map_entries (map_id, year_group, half_term, occupation_id, note, position)
		select ${toId}, year_group, half_term, occupation_id, note, position
		from subject_map_entries where map_id = ${fromId} ${keepSixthForm ? sql`` : sql`and year_group <= 11`}`);
}

/** Copies a school map into the next academic year (refused when that year already has the subject). */
export async function copyMapForward(actor: Actor, school: School, mapId: string): Promise<string> {
	const owner: MapOwner = { kind: 'school', school };
	checkOwner(actor, owner, 'edit');
	return db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		const target = map.academicYear + 1;
		await refuseDuplicate(tx, owner, map.subject, target);
		const [row] = await tx
			.insert(subjectMaps)
			.values({
				schoolId: school.id,
				subject: map.subject,
				academicYear: target,
				includesSixthForm: map.includesSixthForm,
				copiedFromId: map.id
			})
			.returning({ id: subjectMaps.id });
		if (!row) throw new Error('Insert returned nothing');
		await copyEntries(tx, map.id, row.id, true);
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'subject-map.copied-forward',
			recordType: 'subject_map',
			recordId: row.id,
			summary: `Copied the ${map.subject} careers map from ${map.academicYearName} into ${academicYearName(target)} (${map.entries} careers)`,
			after: { copiedFromId: map.id, academicYear: target }
		});
		return row.id;
	});
}

// ---- a trainee's map offered to a placement school ----------------------------------------------------

export type PlacementSchool = { id: string; name: string; urn: string | null };

/** The participant's placement schools that are in Waymark (the only places a map can be offered to). */
export async function placementSchools(workbook: Workbook, q: Queryable = db()): Promise<PlacementSchool[]> {
	const ids = [workbook.participant.placement1SchoolId, workbook.participant.placement2SchoolId].filter(
		(id): id is string => !!id
	);
	if (!ids.length) return [];
	const rows = await q
		.select({ id: organisations.id, name: organisations.name, urn: organisations.urn })
		.from(organisations)
		.where(and(inArray(organisations.id, ids), eq(organisations.kind, 'school')));
	return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is PlacementSchool => !!r);
}

/** Offers a workbook map to one of the participant's placement schools (replacing an earlier offer). */
export async function offerMap(actor: Actor, workbook: Workbook, mapId: string, schoolId: string): Promise<void> {
	const owner: MapOwner = { kind: 'participant', workbook };
	checkOwner(actor, owner, 'edit');
	await db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		const school = (await placementSchools(workbook, tx)).find((s) => s.id === schoolId);
		if (!school) throw ValidationError.one('schoolId', 'Choose one of your placement schools');
		await tx
			.update(subjectMaps)
			.set({ offeredToSchoolId: school.id, offeredAt: new Date() })
			.where(eq(subjectMaps.id, map.id));
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'subject-map.offered',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `${workbook.participant.name} offered their ${map.subject} careers map to ${school.name}`,
			after: { offeredToSchoolId: school.id }
		});
	});
}

/** Withdraws an offer the school has not answered yet. */
export async function withdrawOffer(actor: Actor, workbook: Workbook, mapId: string): Promise<void> {
	const owner: MapOwner = { kind: 'participant', workbook };
	checkOwner(actor, owner, 'edit');
	await db().transaction(async (tx) => {
		const map = await loadMapRow(owner, mapId, tx);
		if (!map.offeredToSchoolId) return;
		await tx.update(subjectMaps).set({ offeredToSchoolId: null, offeredAt: null }).where(eq(subjectMaps.id, map.id));
		await recordAudit(tx, actor, {
			organisationId: map.offeredToSchoolId,
			action: 'subject-map.offer-withdrawn',
			recordType: 'subject_map',
			recordId: map.id,
			summary: `${workbook.participant.name} withdrew their ${map.subject} careers map offered to ${map.offeredToSchoolName ?? 'a school'}`
		});
	});
}

export type OfferedMap = SubjectMapSummary & { participantName: string; participantSubject: string | null };

/** Maps trainees have offered to the school and nobody has answered yet (subject-maps.edit only). */
export async function offeredMaps(actor: Actor, school: School): Promise<OfferedMap[]> {
	authorise(actor, 'subject-maps.edit', school.id);
	const rows = await db().execute(sql`
		select m.id, m.subject, m.academic_year as "academicYear", m.includes_sixth_form as "includesSixthForm",
			m.offered_at as "offeredAt", m.copied_from_id as "copiedFromId", m.updated_at as "updatedAt",
			p.name as "participantName", p.subject as "participantSubject",
			(select count(*)::int from subject_map_entries e where e.map_id = m.id) as entries
		from subject_maps m join development_participants p on p.id = m.participant_id
		where m.offered_to_school_id = ${school.id} and m.participant_id is not null
		order by m.offered_at, m.id`);
	type Row = {
		id: string;
		subject: string;
		academicYear: number;
		includesSixthForm: boolean;
		offeredAt: string | Date | null;
		copiedFromId: string | null;
		updatedAt: string | Date;
		participantName: string;
		participantSubject: string | null;
		entries: number;
	};
	return (rows as unknown as { rows: Row[] }).rows.map((r) => ({
		...r,
		academicYear: Number(r.academicYear),
		entries: Number(r.entries),
		academicYearName: academicYearName(Number(r.academicYear)),
		offeredAt: r.offeredAt ? new Date(r.offeredAt) : null,
		updatedAt: new Date(r.updatedAt),
		offeredToSchoolId: school.id,
		offeredToSchoolName: school.name
	}));
}

async function offeredRow(tx: Tx, school: School, mapId: string) {
	if (!isUuid(mapId)) throw new NotFoundError();
	const [row] = await tx
		.select()
		.from(subjectMaps)
		.where(and(eq(subjectMaps.id, mapId), eq(subjectMaps.offeredToSchoolId, school.id), isNull(subjectMaps.schoolId)));
	if (!row) throw new NotFoundError();
	return row;
}

/**
 * Takes an offered map into the school's maps: a copy (copied_from_id set) for `academicYear` (the
 * offered map's year when omitted), with every career; the offer is cleared. Refused when the school
 * already has that subject in that year.
 */
export async function takeOfferedMap(
	actor: Actor,
	school: School,
	mapId: string,
	academicYear?: number
): Promise<string> {
	authorise(actor, 'subject-maps.edit', school.id);
	const owner: MapOwner = { kind: 'school', school };
	return db().transaction(async (tx) => {
		const offered = await offeredRow(tx, school, mapId);
		const year = academicYear ?? offered.academicYear;
		await refuseDuplicate(tx, owner, offered.subject, year);
		const [row] = await tx
			.insert(subjectMaps)
			.values({
				schoolId: school.id,
				subject: offered.subject,
				academicYear: year,
				includesSixthForm: offered.includesSixthForm,
				copiedFromId: offered.id
			})
			.returning({ id: subjectMaps.id });
		if (!row) throw new Error('Insert returned nothing');
		await copyEntries(tx, offered.id, row.id, true);
		await tx
			.update(subjectMaps)
			.set({ offeredToSchoolId: null, offeredAt: null })
			.where(eq(subjectMaps.id, offered.id));
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'subject-map.offer-taken',
			recordType: 'subject_map',
			recordId: row.id,
			summary: `Took a trainee’s ${offered.subject} careers map into the school’s maps for ${academicYearName(year)}`,
			after: { copiedFromId: offered.id, academicYear: year }
		});
		return row.id;
	});
}

/** Declines an offered map: the offer is cleared and the trainee keeps their map. */
export async function declineOfferedMap(actor: Actor, school: School, mapId: string): Promise<void> {
	authorise(actor, 'subject-maps.edit', school.id);
	await db().transaction(async (tx) => {
		const offered = await offeredRow(tx, school, mapId);
		await tx
			.update(subjectMaps)
			.set({ offeredToSchoolId: null, offeredAt: null })
			.where(eq(subjectMaps.id, offered.id));
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'subject-map.offer-declined',
			recordType: 'subject_map',
			recordId: offered.id,
			summary: `Declined a trainee’s ${offered.subject} careers map`
		});
	});
}

export { HALF_TERMS, HALF_TERM_LABELS };

/** An offered map as the school sees it before taking or declining it (subject-maps.edit only). */
export async function getOfferedMap(
	actor: Actor,
	school: School,
	mapId: string
): Promise<SubjectMap & { participantName: string }> {
	authorise(actor, 'subject-maps.edit', school.id);
	const offered = (await offeredMaps(actor, school)).find((m) => m.id === mapId);
	if (!offered) throw new NotFoundError();
	const cells = await loadEntries(offered.id, db());
	return { ...offered, yearGroups: yearGroupsOf(offered.includesSixthForm), cells };
}
