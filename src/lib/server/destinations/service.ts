/**
 * Destinations (Gatsby Benchmark 3): where pupils intend to go after Year 11 and Year 13, and where
 * leavers actually went, for three years after leaving, as NCCIS current-activity codes.
 *
 * Which academic year a destination is "for" (the `academic_year` column):
 * - an INTENDED destination for year A is what a pupil plans to do in A, recorded while they are in
 *   Year 11 or Year 13 in A − 1. So this year's Year 11s (2026/27) have intended destinations for
 *   2027/28, and the list the local authority asks for in the spring is "intended for next year".
 *   It keeps the column meaning the same for both kinds: the year the pupil is (or will be) there.
 * - an ACTUAL destination is for one of the three academic years after leaving (firstDestinationYear in
 *   the domain module: the year after a summer leaver's last term, or the leaving year for someone who
 *   left during it), and never for a year that has not started.
 *
 * `checkDestination` holds every rule and is shared by the form (`recordDestination`) and the import.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { destinations, pupils } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { yearGroupSql } from '../pupils/service.ts';
import type { ExportTable } from '../exports/table.ts';
import {
	academicYearBounds,
	academicYearName,
	academicYearStart,
	parseAcademicYearName,
	todayInLondon,
	yearGroup
} from '../../domain/academic-year.ts';
import {
	actualDestinationYears,
	DESTINATION_SOURCE_LABELS,
	firstDestinationYear,
	DESTINATION_SOURCES,
	INTENDED_YEAR_GROUPS,
	intendedRecordedIn,
	isPost16Leaver,
	leavingYearGroup,
	NCCIS_CODE_EXAMPLE,
	nccisCode,
	parseNccisCode,
	rollUpDestinations,
	YEARS_DESTINATIONS_ARE_FOLLOWED,
	type DestinationGroup,
	type DestinationKind,
	type DestinationRollUp,
	type DestinationSource
} from '../../domain/destinations.ts';
import { pupilDisplayName } from '../../domain/pupil-characteristics.ts';

/** What a form or a spreadsheet row gives: text (or already typed values). */
export type DestinationInput = {
	kind: unknown;
	/** "2026/27" (or 2026). */
	academicYear: unknown;
	nccisCode: unknown;
	institution?: unknown;
	course?: unknown;
	/** YYYY-MM-DD or DD/MM/YYYY; not in the future. */
	recordedOn: unknown;
	source: unknown;
	/** true/false, or "yes"/"no"; needed for actual destinations of post-16 leavers. */
	consent?: unknown;
};

export type DestinationValues = {
	kind: DestinationKind;
	academicYear: number;
	nccisCode: string;
	institution: string | null;
	course: string | null;
	recordedOn: string;
	source: DestinationSource;
	consent: boolean | null;
};

/** The facts about a pupil the rules need. */
export type DestinationPupil = {
	id: string;
	upn: string;
	name: string;
	enteredYear7: number;
	admissionDate: string | null;
	leavingDate: string | null;
};

export const MAX_TEXT = 200;

function textOf(v: unknown): string {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** YYYY-MM-DD or DD/MM/YYYY → YYYY-MM-DD for a real calendar date; undefined otherwise. */
function isoDate(input: string): string | undefined {
	const s = input.trim();
	let y: number, m: number, d: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (uk) [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
	else return undefined;
	if (y < 1900 || y > 2200) return undefined;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function academicYearOf(v: unknown): number | undefined {
	if (typeof v === 'number') return Number.isInteger(v) && v >= 2000 && v <= 2100 ? v : undefined;
	const s = textOf(v);
	if (/^\d{4}$/.test(s)) return academicYearOf(Number(s));
	const year = parseAcademicYearName(s);
	return year !== undefined && year >= 2000 && year <= 2100 ? year : undefined;
}

function consentOf(v: unknown): boolean | undefined | null {
	if (typeof v === 'boolean') return v;
	if (v === null || v === undefined) return undefined;
	const s = textOf(v).toLowerCase();
	if (s === '') return undefined;
	if (['yes', 'y', 'true', '1'].includes(s)) return true;
	if (['no', 'n', 'false', '0'].includes(s)) return false;
	return null;
}

/** Whether the pupil has left the school: a leaving date before today (on their last day they are on roll). */
export function hasLeft(pupil: Pick<DestinationPupil, 'leavingDate'>, today = todayInLondon()): boolean {
	return pupil.leavingDate !== null && pupil.leavingDate < today;
}

/** Whether the pupil was at the school at some point in the academic year. */
function atSchoolIn(pupil: DestinationPupil, year: number): boolean {
	const { start, end } = academicYearBounds(year);
	return (pupil.admissionDate === null || pupil.admissionDate <= end) && (pupil.leavingDate ?? '9999') >= start;
}

/** The academic years for which an intended destination can be recorded for this pupil, as of today. */
export function intendedYearsFor(pupil: DestinationPupil, today = todayInLondon()): number[] {
	const current = academicYearStart(today);
	const years: number[] = [];
	for (let inYear = current - YEARS_DESTINATIONS_ARE_FOLLOWED; inYear <= current; inYear++)
		if (
			(INTENDED_YEAR_GROUPS as readonly number[]).includes(yearGroup(pupil.enteredYear7, inYear)) &&
			atSchoolIn(pupil, inYear)
		)
			years.push(inYear + 1);
	return years;
}

/**
 * The academic year in which the pupil finished Year 11 at the school (there on 1 June, in the summer
 * term), or undefined when they left before then or it is still to come.
 */
export function finishedYear11In(pupil: DestinationPupil, today = todayInLondon()): number | undefined {
	const y11 = pupil.enteredYear7 + 4; // Year 7 + 4 = Year 11
	const june = `${y11 + 1}-06-01`;
	if (june > today) return undefined;
	if (pupil.admissionDate !== null && pupil.admissionDate > june) return undefined;
	if (pupil.leavingDate !== null && pupil.leavingDate < june) return undefined;
	return y11;
}

/**
 * Every academic year an actual destination can ever be for: the three years after Year 11 for a pupil
 * who finished it here (staying on in the sixth form is a destination too, as the Department for
 * Education counts Year 11 destinations), and the three years after leaving.
 */
function actualWindow(pupil: DestinationPupil, today: string): number[] {
	const years = new Set<number>();
	const y11 = finishedYear11In(pupil, today);
	if (y11 !== undefined) for (let i = 1; i <= YEARS_DESTINATIONS_ARE_FOLLOWED; i++) years.add(y11 + i);
	if (hasLeft(pupil, today)) for (const y of actualDestinationYears(pupil.leavingDate!)) years.add(y);
	return [...years].sort((a, b) => a - b);
}

/** The academic years for which an actual destination can be recorded for this pupil, as of today. */
export function actualYearsFor(pupil: DestinationPupil, today = todayInLondon()): number[] {
	const current = academicYearStart(today);
	return actualWindow(pupil, today).filter((y) => y <= current);
}

/**
 * Post-16 leavers who have left: their actual destinations after leaving record whether they agreed to
 * be followed up. With `forYear`, whether a destination for that year needs it (not one for a year
 * when they were still at the school, such as staying on into its sixth form).
 */
export function needsConsent(pupil: DestinationPupil, today = todayInLondon(), forYear?: number): boolean {
	if (!hasLeft(pupil, today) || !isPost16Leaver(pupil.enteredYear7, pupil.leavingDate!)) return false;
	return forYear === undefined || forYear >= firstDestinationYear(pupil.leavingDate!);
}

function yearList(years: number[]): string {
	const names = years.map(academicYearName);
	return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Every rule for one destination, for one pupil: the values to store, or every problem (one per field).
 * Pure: the caller has found the pupil in the school.
 */
export function checkDestination(
	pupil: DestinationPupil,
	input: DestinationInput,
	today = todayInLondon()
): { ok: true; values: DestinationValues } | { ok: false; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const problem = (field: string, message: string) => errors.push({ field, message });
	const current = academicYearStart(today);

	const kindText = textOf(input.kind).toLowerCase();
	const kind = (['intended', 'actual'] as const).find((k) => k === kindText);
	if (!kind) problem('kind', 'Choose whether this is an intended destination or an actual destination');

	const year = academicYearOf(input.academicYear);
	if (year === undefined)
		problem(
			'academicYear',
			textOf(input.academicYear)
				? `“${textOf(input.academicYear)}” is not an academic year. Enter it as ${academicYearName(current)}`
				: `Enter the academic year the destination is for, such as ${academicYearName(current)}`
		);

	const codeText = textOf(input.nccisCode);
	const code = codeText ? parseNccisCode(codeText) : undefined;
	if (!codeText) problem('nccisCode', `Enter the destination as an NCCIS code, ${NCCIS_CODE_EXAMPLE}`);
	else if (!code)
		problem('nccisCode', `“${codeText}” is not an NCCIS current-activity code. Enter a code ${NCCIS_CODE_EXAMPLE}`);

	const institution = textOf(input.institution);
	if (institution.length > MAX_TEXT)
		problem('institution', `The institution or employer must be ${MAX_TEXT} characters or fewer`);
	const course = textOf(input.course);
	if (course.length > MAX_TEXT) problem('course', `The course must be ${MAX_TEXT} characters or fewer`);

	const recordedText = textOf(input.recordedOn);
	const recordedOn = recordedText ? isoDate(recordedText) : undefined;
	if (!recordedText) problem('recordedOn', 'Enter the date the destination was recorded, for example 27/3/2026');
	else if (!recordedOn)
		problem('recordedOn', `“${recordedText}” is not a date. Enter the date recorded as, for example, 27/3/2026`);
	else if (recordedOn > today) problem('recordedOn', 'The date recorded cannot be in the future');

	const sourceText = textOf(input.source);
	const source = DESTINATION_SOURCES.find(
		(s) => s === sourceText.toLowerCase() || DESTINATION_SOURCE_LABELS[s].toLowerCase() === sourceText.toLowerCase()
	);
	if (!source)
		problem(
			'source',
			sourceText
				? `“${sourceText}” is not a source we know. Use one of: ${DESTINATION_SOURCES.join(', ')}`
				: 'Choose who told you about this destination'
		);

	let consent = consentOf(input.consent);
	if (consent === null) problem('consent', 'Enter yes or no for whether the young person agreed to be followed up');

	if (kind && year !== undefined) {
		const name = academicYearName(year);
		if (kind === 'intended') {
			const inYear = intendedRecordedIn(year);
			const then = yearGroup(pupil.enteredYear7, inYear);
			if (inYear > current)
				problem(
					'academicYear',
					`${name} is too far ahead: an intended destination is recorded the year before, in Year 11 or Year 13`
				);
			else if (!(INTENDED_YEAR_GROUPS as readonly number[]).includes(then))
				problem(
					'academicYear',
					`An intended destination for ${name} is recorded in Year 11 or Year 13 in ${academicYearName(inYear)}, and ${pupil.name} ${inYear === current ? 'is' : 'was'} in Year ${then} then`
				);
			else if (!atSchoolIn(pupil, inYear))
				problem('academicYear', `${pupil.name} was not at the school in ${academicYearName(inYear)}`);
			// Consent is about following up leavers; an intention does not need it.
			consent = undefined;
		} else {
			const window = actualWindow(pupil, today);
			const allowed = window.filter((y) => y <= current);
			if (window.length === 0)
				problem(
					'kind',
					`${pupil.name} has not left the school or finished Year 11, so has no actual destination yet. Record an intended destination, or their leaving date first`
				);
			else if (year > current)
				problem('academicYear', `${name} has not started yet: record actual destinations up to this year`);
			else if (!allowed.includes(year))
				problem(
					'academicYear',
					`Actual destinations are recorded for the ${YEARS_DESTINATIONS_ARE_FOLLOWED} years after Year 11 and after leaving: for ${pupil.name}, ${yearList(allowed)}`
				);
			else if (consent === undefined && needsConsent(pupil, today, year))
				problem(
					'consent',
					`Say whether ${pupil.name} agreed to be followed up after leaving (yes or no): it is needed for a post-16 leaver`
				);
		}
	}

	if (errors.length > 0 || !kind || year === undefined || !code || !recordedOn || !source) return { ok: false, errors };
	return {
		ok: true,
		values: {
			kind,
			academicYear: year,
			nccisCode: code.code,
			institution: institution || null,
			course: course || null,
			recordedOn,
			source,
			consent: consent ?? null
		}
	};
}

const PUPIL_FACTS = {
	id: pupils.id,
	upn: pupils.upn,
	legalForename: pupils.legalForename,
	preferredForename: pupils.preferredForename,
	legalSurname: pupils.legalSurname,
	enteredYear7: pupils.enteredYear7,
	admissionDate: pupils.admissionDate,
	leavingDate: pupils.leavingDate
};

function factsOf(row: {
	id: string;
	upn: string;
	legalForename: string;
	preferredForename: string | null;
	legalSurname: string;
	enteredYear7: number;
	admissionDate: string | null;
	leavingDate: string | null;
}): DestinationPupil {
	return {
		id: row.id,
		upn: row.upn,
		name: pupilDisplayName(row),
		enteredYear7: row.enteredYear7,
		admissionDate: row.admissionDate,
		leavingDate: row.leavingDate
	};
}

/** Pupils of the school by UPN (upper case), with the facts the rules need. */
export async function pupilsByUpn(
	q: Queryable,
	schoolId: string,
	upns: string[]
): Promise<Map<string, DestinationPupil>> {
	const found = new Map<string, DestinationPupil>();
	for (let i = 0; i < upns.length; i += 1000) {
		const rows = await q
			.select(PUPIL_FACTS)
			.from(pupils)
			.where(and(eq(pupils.schoolId, schoolId), inArray(pupils.upn, upns.slice(i, i + 1000))));
		for (const r of rows) found.set(r.upn.toUpperCase(), factsOf(r));
	}
	return found;
}

export type WriteOutcome = 'added' | 'updated' | 'unchanged';
type StoredDestination = typeof destinations.$inferSelect;

function sameValues(a: StoredDestination, v: DestinationValues): boolean {
	return (
		a.nccisCode === v.nccisCode &&
		a.institution === v.institution &&
		a.course === v.course &&
		a.recordedOn === v.recordedOn &&
		a.source === v.source &&
		a.consent === v.consent
	);
}

function stored(
	v: Pick<StoredDestination, 'nccisCode' | 'institution' | 'course' | 'recordedOn' | 'source' | 'consent'>
) {
	return {
		nccisCode: v.nccisCode,
		institution: v.institution,
		course: v.course,
		recordedOn: v.recordedOn,
		source: v.source,
		consent: v.consent
	};
}

/** The existing destinations of these pupils, keyed "pupilId kind year". */
export async function existingDestinations(
	q: Queryable,
	schoolId: string,
	pupilIds: string[]
): Promise<Map<string, StoredDestination>> {
	const found = new Map<string, StoredDestination>();
	for (let i = 0; i < pupilIds.length; i += 1000) {
		const rows = await q
			.select()
			.from(destinations)
			.where(and(eq(destinations.schoolId, schoolId), inArray(destinations.pupilId, pupilIds.slice(i, i + 1000))));
		for (const r of rows) found.set(destinationKey(r.pupilId, r.kind, r.academicYear), r);
	}
	return found;
}

export function destinationKey(pupilId: string, kind: string, academicYear: number): string {
	return `${pupilId} ${kind} ${academicYear}`;
}

/**
 * Writes one checked destination: inserts it, updates the one for the same pupil, kind and year, or
 * leaves it when nothing changed. The caller writes the audit event.
 */
export async function writeDestination(
	tx: Queryable,
	schoolId: string,
	pupilId: string,
	values: DestinationValues,
	existing: StoredDestination | undefined,
	actor: Actor
): Promise<{ id: string; outcome: WriteOutcome }> {
	if (existing && sameValues(existing, values)) return { id: existing.id, outcome: 'unchanged' };
	const createdBy = actor.system ? null : actor.userId;
	const [row] = await tx
		.insert(destinations)
		.values({ schoolId, pupilId, kind: values.kind, academicYear: values.academicYear, ...stored(values), createdBy })
		.onConflictDoUpdate({
			target: [destinations.pupilId, destinations.kind, destinations.academicYear],
			set: { ...stored(values), updatedAt: new Date() }
		})
		.returning({ id: destinations.id });
	return { id: row!.id, outcome: existing ? 'updated' : 'added' };
}

function describe(values: DestinationValues): string {
	const code = nccisCode(values.nccisCode);
	const where = values.institution ? ` at ${values.institution}` : '';
	return `${values.nccisCode} ${code?.label.toLowerCase() ?? ''}${where}`.trim();
}

/**
 * Records a pupil's intended or actual destination: one per pupil, kind and academic year, so recording
 * again for the same year changes it. Audited in the same transaction.
 */
export async function recordDestination(
	actor: Actor,
	school: School,
	pupilId: string,
	input: DestinationInput,
	requestId?: string
): Promise<{ id: string; outcome: WriteOutcome; values: DestinationValues }> {
	authorise(actor, 'destinations.edit', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError();
	return db().transaction(async (tx) => {
		const [row] = await tx
			.select(PUPIL_FACTS)
			.from(pupils)
			.where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		const pupil = factsOf(row);
		const checked = checkDestination(pupil, input);
		if (!checked.ok) throw new ValidationError(checked.errors);
		const v = checked.values;
		const existing = (await existingDestinations(tx, school.id, [pupil.id])).get(
			destinationKey(pupil.id, v.kind, v.academicYear)
		);
		const { id, outcome } = await writeDestination(tx, school.id, pupil.id, v, existing, actor);
		if (outcome !== 'unchanged')
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: outcome === 'added' ? 'destination.recorded' : 'destination.changed',
					recordType: 'destination',
					recordId: id,
					summary: `${outcome === 'added' ? 'Recorded' : 'Changed'} the ${v.kind} destination of ${pupil.name} (UPN ${pupil.upn}) for ${academicYearName(v.academicYear)}: ${describe(v)}`,
					before: existing ? stored(existing) : null,
					after: { kind: v.kind, academicYear: v.academicYear, ...stored(v) }
				},
				requestId
			);
		return { id, outcome, values: v };
	});
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────────

export type DestinationView = {
	kind: DestinationKind;
	academicYear: number;
	yearName: string;
	code: string;
	label: string;
	group: DestinationGroup | null;
	institution: string | null;
	course: string | null;
	recordedOn: string;
	source: string;
	sourceLabel: string;
	consent: boolean | null;
};

function viewOf(d: {
	kind: DestinationKind;
	academicYear: number;
	nccisCode: string;
	institution: string | null;
	course: string | null;
	recordedOn: string;
	source: string;
	consent: boolean | null;
}): DestinationView {
	const code = nccisCode(d.nccisCode);
	return {
		kind: d.kind,
		academicYear: d.academicYear,
		yearName: academicYearName(d.academicYear),
		code: d.nccisCode,
		label: code?.label ?? 'Unknown code',
		group: code?.group ?? null,
		institution: d.institution,
		course: d.course,
		recordedOn: d.recordedOn,
		source: d.source,
		sourceLabel: DESTINATION_SOURCE_LABELS[d.source as DestinationSource] ?? d.source,
		consent: d.consent
	};
}

export type IntendedRow = {
	pupilId: string;
	upn: string;
	name: string;
	legalSurname: string;
	legalForename: string;
	dateOfBirth: string;
	yearGroup: number;
	destination: DestinationView | null;
};

/**
 * Pupils in Year 11 or Year 13 in `year` with their intended destination for the year after: those at
 * the school on 1 June of that year (still there for the summer term, before the July leaving date),
 * or today when that is sooner.
 */
async function intendedRows(schoolId: string, year: number, onlyYearGroup?: number): Promise<IntendedRow[]> {
	const today = todayInLondon();
	const june = `${year + 1}-06-01`;
	const at = june < today ? june : today;
	const yg = yearGroupSql(year);
	const groups = onlyYearGroup !== undefined ? [onlyYearGroup] : [...INTENDED_YEAR_GROUPS];
	const rows = await db()
		.select({
			pupilId: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			dateOfBirth: pupils.dateOfBirth,
			yearGroup: yg,
			destination: destinations
		})
		.from(pupils)
		.leftJoin(
			destinations,
			and(
				eq(destinations.pupilId, pupils.id),
				eq(destinations.kind, 'intended'),
				eq(destinations.academicYear, year + 1)
			)
		)
		.where(
			and(
				eq(pupils.schoolId, schoolId),
				sql`${yg} in (${sql.raw(groups.map((g) => String(Math.trunc(g))).join(', ') || '0')})`,
				or(isNull(pupils.admissionDate), lte(pupils.admissionDate, at)),
				or(isNull(pupils.leavingDate), gte(pupils.leavingDate, at))
			)
		)
		.orderBy(asc(yg), asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id));
	return rows.map((r) => ({
		pupilId: r.pupilId,
		upn: r.upn,
		name: pupilDisplayName(r),
		legalSurname: r.legalSurname,
		legalForename: r.legalForename,
		dateOfBirth: r.dateOfBirth,
		yearGroup: r.yearGroup,
		destination: r.destination ? viewOf(r.destination) : null
	}));
}

export type IntendedGroup = {
	yearGroup: number;
	/** The academic year the intentions are for. */
	forYear: number;
	forYearName: string;
	rollUp: DestinationRollUp;
	pupils: IntendedRow[];
};

export type LeaverRow = {
	pupilId: string;
	upn: string;
	name: string;
	/** The leaving date; null for a pupil who finished Year 11 and stayed on in the sixth form. */
	leftOn: string | null;
	/** The year group they left (or finished: 11) in that year. */
	leftFromYear: number;
	stayedOn: boolean;
	/** The latest actual destination recorded for the three years after, up to the year shown. */
	destination: DestinationView | null;
};

export type LeaverCohort = {
	/** The academic year they left in. */
	leftIn: number;
	leftInName: string;
	rollUp: DestinationRollUp;
	pupils: LeaverRow[];
};

export type DestinationsOverview = {
	year: number;
	yearName: string;
	/** The year-group filter, when one is set (11, 12 or 13). */
	yearGroup: number | null;
	intended: IntendedGroup[];
	cohorts: LeaverCohort[];
};

/** Year groups the destinations pages filter by. */
export const DESTINATION_YEAR_GROUPS = [11, 12, 13] as const;

/** "11" → 11 when it is a year group the destinations pages show; otherwise undefined (all). */
export function destinationYearGroup(raw: string | null | undefined): number | undefined {
	const n = Number((raw ?? '').trim());
	return (DESTINATION_YEAR_GROUPS as readonly number[]).includes(n) && (raw ?? '').trim() !== '' ? n : undefined;
}

/**
 * The destinations page: intended destinations of Year 11 and Year 13 in `year` (recorded or not), and
 * the actual destinations of the last three years' leavers (year − 1, year − 2, year − 3: pupils who
 * finished Year 11 or left from Year 11–13 that year), each with their latest destination recorded up
 * to `year`, rolled up.
 */
export async function destinationsOverview(
	actor: Actor,
	school: School,
	year: number,
	filter: { yearGroup?: number } = {}
): Promise<DestinationsOverview> {
	authorise(actor, 'destinations.view', school.id);
	const only = filter.yearGroup;
	const intendedGroups = INTENDED_YEAR_GROUPS.filter((g) => only === undefined || only === g);
	const rows = intendedGroups.length > 0 ? await intendedRows(school.id, year, only) : [];
	const intended: IntendedGroup[] = intendedGroups.map((g) => {
		const list = rows.filter((r) => r.yearGroup === g);
		return {
			yearGroup: g,
			forYear: year + 1,
			forYearName: academicYearName(year + 1),
			rollUp: rollUpDestinations(list.map((r) => r.destination?.code ?? null)),
			pupils: list
		};
	});

	// Each of the last three years' leavers: pupils who finished Year 11 here that year (staying on in the
	// sixth form is a destination, as the Department for Education counts Year 11 destinations) and
	// pupils who left from Year 11, 12 or 13 that year and are gone by today.
	const today = todayInLondon();
	const oldest = year - YEARS_DESTINATIONS_ARE_FOLLOWED;
	const from = academicYearBounds(oldest).start;
	const to = academicYearBounds(year - 1).end;
	const candidates = await db()
		.select(PUPIL_FACTS)
		.from(pupils)
		.where(
			and(
				eq(pupils.schoolId, school.id),
				or(
					and(gte(pupils.leavingDate, from), lte(pupils.leavingDate, to), lt(pupils.leavingDate, today)),
					and(gte(pupils.enteredYear7, oldest - 4), lte(pupils.enteredYear7, year - 1 - 4))
				)
			)
		)
		.orderBy(asc(pupils.legalSurname), asc(pupils.legalForename), asc(pupils.id));
	type Member = { pupil: DestinationPupil; leftIn: number; leftFromYear: number; stayedOn: boolean; years: number[] };
	const members: Member[] = [];
	for (const row of candidates) {
		const pupil = factsOf(row);
		const y11 = finishedYear11In(pupil, today);
		const left = hasLeft(pupil, today) ? academicYearStart(pupil.leavingDate!) : undefined;
		const leftFrom = pupil.leavingDate ? leavingYearGroup(pupil.enteredYear7, pupil.leavingDate) : undefined;
		const follow = (first: number) => Array.from({ length: YEARS_DESTINATIONS_ARE_FOLLOWED }, (_, i) => first + i);
		if (y11 !== undefined && y11 >= oldest && y11 <= year - 1 && left !== y11)
			members.push({ pupil, leftIn: y11, leftFromYear: 11, stayedOn: true, years: follow(y11 + 1) });
		if (left !== undefined && left >= oldest && left <= year - 1 && leftFrom !== undefined && leftFrom >= 11)
			members.push({
				pupil,
				leftIn: left,
				leftFromYear: leftFrom,
				stayedOn: false,
				years: actualDestinationYears(pupil.leavingDate!)
			});
	}
	const shown = members.filter((m) => only === undefined || m.leftFromYear === only);
	const ids = [...new Set(shown.map((m) => m.pupil.id))];
	const actual = new Map<string, DestinationView[]>();
	for (let i = 0; i < ids.length; i += 1000) {
		const found = await db()
			.select()
			.from(destinations)
			.where(
				and(
					eq(destinations.schoolId, school.id),
					eq(destinations.kind, 'actual'),
					lte(destinations.academicYear, year),
					inArray(destinations.pupilId, ids.slice(i, i + 1000))
				)
			)
			.orderBy(desc(destinations.academicYear));
		for (const d of found) actual.set(d.pupilId, [...(actual.get(d.pupilId) ?? []), viewOf(d)]);
	}
	const cohorts: LeaverCohort[] = [];
	for (let leftIn = year - 1; leftIn >= oldest; leftIn--) {
		const list: LeaverRow[] = shown
			.filter((m) => m.leftIn === leftIn)
			.map((m) => ({
				pupilId: m.pupil.id,
				upn: m.pupil.upn,
				name: m.pupil.name,
				leftOn: m.stayedOn ? null : m.pupil.leavingDate,
				leftFromYear: m.leftFromYear,
				stayedOn: m.stayedOn,
				// Newest first: the latest destination in the three years that follow this cohort.
				destination: (actual.get(m.pupil.id) ?? []).find((d) => m.years.includes(d.academicYear)) ?? null
			}));
		cohorts.push({
			leftIn,
			leftInName: academicYearName(leftIn),
			rollUp: rollUpDestinations(list.map((r) => r.destination?.code ?? null)),
			pupils: list
		});
	}
	return { year, yearName: academicYearName(year), yearGroup: only ?? null, intended, cohorts };
}

/** DD/MM/YYYY, as local authorities' spreadsheets expect. */
export function ukDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}

export type LocalAuthorityRow = {
	upn: string;
	legalSurname: string;
	legalForename: string;
	dateOfBirth: string;
	yearGroup: number;
	code: string;
	label: string;
	institution: string;
	course: string;
};

/**
 * The intended-destinations list a local authority asks for: every Year 11 and Year 13 pupil of `year`
 * (or one of them), with their intended destination for the year after — blank when none is recorded,
 * so the authority sees who is still undecided.
 */
export async function intendedForLocalAuthority(
	actor: Actor,
	school: School,
	year: number,
	filter: { yearGroup?: number } = {}
): Promise<LocalAuthorityRow[]> {
	authorise(actor, 'destinations.view', school.id);
	const only = filter.yearGroup;
	if (only !== undefined && !(INTENDED_YEAR_GROUPS as readonly number[]).includes(only)) return [];
	const rows = await intendedRows(school.id, year, only);
	return rows.map((r) => ({
		upn: r.upn,
		legalSurname: r.legalSurname,
		legalForename: r.legalForename,
		dateOfBirth: ukDate(r.dateOfBirth),
		yearGroup: r.yearGroup,
		code: r.destination?.code ?? '',
		label: r.destination?.label ?? '',
		institution: r.destination?.institution ?? '',
		course: r.destination?.course ?? ''
	}));
}

export const LOCAL_AUTHORITY_HEADERS = [
	'UPN',
	'Legal Surname',
	'Legal Forename',
	'Date of Birth',
	'Year Group',
	'Intended NCCIS Code',
	'Intended Destination',
	'Institution or Employer',
	'Course'
] as const;

export function localAuthorityTable(rows: LocalAuthorityRow[]): ExportTable {
	return {
		sheetName: 'Intended destinations',
		headers: LOCAL_AUTHORITY_HEADERS,
		rows: rows.map((r) => [
			r.upn,
			r.legalSurname,
			r.legalForename,
			r.dateOfBirth,
			r.yearGroup,
			r.code,
			r.label,
			r.institution,
			r.course
		])
	};
}

export type PupilDestinations = {
	pupil: DestinationPupil & {
		yearGroup: number;
		left: boolean;
		leftFromYear: number | null;
		needsConsent: boolean;
	};
	destinations: DestinationView[];
	/** The years the form offers for each kind (empty: that kind cannot be recorded for this pupil now). */
	intendedYears: number[];
	actualYears: number[];
};

/**
 * One pupil's destinations for their record, newest first. With `audit`, the view is written to the
 * audit trail as opening the pupil's record is.
 */
export async function pupilDestinations(
	actor: Actor,
	school: School,
	pupilId: string,
	options: { audit?: boolean; requestId?: string } = {}
): Promise<PupilDestinations> {
	authorise(actor, 'destinations.view', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError();
	return db().transaction(async (tx) => {
		const [row] = await tx
			.select({ ...PUPIL_FACTS, yearGroup: yearGroupSql() })
			.from(pupils)
			.where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		const pupil = factsOf(row);
		const list = await tx
			.select()
			.from(destinations)
			.where(and(eq(destinations.pupilId, pupil.id), eq(destinations.schoolId, school.id)))
			.orderBy(desc(destinations.academicYear), asc(destinations.kind));
		if (options.audit)
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'pupil.viewed',
					recordType: 'pupil',
					recordId: pupil.id,
					summary: `Viewed the destinations of ${pupil.name} (UPN ${pupil.upn})`
				},
				options.requestId
			);
		const left = hasLeft(pupil);
		return {
			pupil: {
				...pupil,
				yearGroup: row.yearGroup,
				left,
				leftFromYear: pupil.leavingDate ? leavingYearGroup(pupil.enteredYear7, pupil.leavingDate) : null,
				needsConsent: needsConsent(pupil)
			},
			destinations: list.map(viewOf),
			intendedYears: intendedYearsFor(pupil),
			actualYears: actualYearsFor(pupil)
		};
	});
}
