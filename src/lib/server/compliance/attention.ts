/**
 * Pupils needing attention: every pupil on roll (as of the scope's date) with at least one reason a
 * careers leader should act on, each reason said in words:
 * - a benchmark or duty missed, or at risk of being missed (from the compliance rules);
 * - an open referral for guidance;
 * - no guidance meeting held by Year 11 (pupils in Year 11 or above with no meeting held);
 * - no destination recorded (Year 11 and Year 13 pupils with no intended destination for next year).
 *
 * Names pupils, so it needs pupils.view and the listing is audited (through compliancePupils); the
 * download is audited again as a pupil export.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { destinations, guidanceMeetings, pupils, referrals } from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { School } from '../schools/service.ts';
import type { ExportTable } from '../exports/table.ts';
import { compliancePupils, type ComplianceScope, type PupilCharacteristics, type PupilCompliance } from './service.ts';
import { academicYearName, londonDate, longDate } from '../../domain/academic-year.ts';
import type { RuleId } from '../../domain/compliance.ts';
import { INTENDED_YEAR_GROUPS } from '../../domain/destinations.ts';
import { attendanceBand, type AttendanceBand } from '../../domain/pupil-characteristics.ts';

// ── Reasons ────────────────────────────────────────────────────────────────────────────────────────

export const ATTENTION_REASON_KINDS = ['missed', 'at-risk', 'referral', 'no-guidance', 'no-destination'] as const;
export type AttentionReasonKind = (typeof ATTENTION_REASON_KINDS)[number];

export const ATTENTION_REASON_LABELS: Record<AttentionReasonKind, string> = {
	missed: 'Missed a benchmark or duty',
	'at-risk': 'At risk of missing a benchmark or duty',
	referral: 'Open referral for guidance',
	'no-guidance': 'No guidance meeting by Year 11',
	'no-destination': 'No destination recorded (Years 11 and 13)'
};

/** Short names for a rule inside a sentence ("Missed: provider access phase 1 — …"). */
export const RULE_SHORT_NAMES: Record<RuleId, string> = {
	'bm2-lmi-by-14': 'careers information by the end of Year 9 (Benchmark 2)',
	'bm2-lmi-each-key-stage': 'careers information in this key stage (Benchmark 2)',
	'bm4-curriculum-careers-each-year': 'careers in subject lessons this year (Benchmark 4)',
	'bm5-employer-encounter-each-year': 'an employer encounter this year (Benchmark 5)',
	'bm6-workplace-by-16': 'workplace experiences by the end of Year 11 (Benchmark 6)',
	'bm6-workplace-by-18': 'a workplace experience in Years 12–13 (Benchmark 6)',
	'bm7-provider-range-by-16': 'the full range of providers by the end of Year 11 (Benchmark 7)',
	'bm7-he-visits-by-18': 'two university visits by the end of Year 13 (Benchmark 7)',
	'bm8-guidance-by-16': 'a Level 6 guidance meeting by the end of Year 11 (Benchmark 8)',
	'bm8-guidance-by-18': 'a further Level 6 guidance meeting in Years 12–13 (Benchmark 8)',
	'pal-phase-1': 'provider access phase 1',
	'pal-phase-2': 'provider access phase 2',
	'pal-phase-3': 'provider access phase 3',
	'work-experience-ks3': 'a week of workplace activities in Years 7–9',
	'work-experience-ks4': 'a week of work experience placements in Years 10–11'
};

export type AttentionReason = {
	kind: AttentionReasonKind;
	/** One sentence, as the "Why" cell shows it. */
	text: string;
	/** The rule, for missed and at-risk. */
	ruleId?: RuleId;
};

/** What the pupil's record says beyond the rules. */
export type AttentionFacts = {
	/** When each open referral was made (YYYY-MM-DD, London). */
	openReferrals: string[];
	/** A guidance meeting held on or before the as-of date. */
	guidanceHeld: boolean;
	/** The earliest booked (not yet held) meeting, if any. */
	guidanceBooked: string | null;
	/** An intended destination recorded for next academic year. */
	intendedDestination: boolean;
};

/**
 * The academic year a Year 11 or Year 13 pupil's intended destination is for: next year (the inverse
 * of intendedRecordedIn in domain/destinations.ts: recorded in A, for A + 1).
 */
function intendedFor(academicYear: number): number {
	return academicYear + 1;
}

/** Every reason a pupil needs attention, in words; empty when none. Pure. */
export function attentionReasons(
	pupil: Pick<PupilCompliance, 'yearGroup' | 'results'>,
	facts: AttentionFacts,
	scope: Pick<ComplianceScope, 'academicYear'>
): AttentionReason[] {
	const reasons: AttentionReason[] = [];
	const fromRules = (status: 'missed' | 'at-risk', prefix: string) => {
		for (const r of pupil.results) {
			if (r.status !== status) continue;
			const detail = r.reason.startsWith(prefix) ? r.reason.slice(prefix.length).trim() : r.reason;
			reasons.push({
				kind: status,
				ruleId: r.ruleId,
				text: `${prefix} ${RULE_SHORT_NAMES[r.ruleId]} — ${detail}`
			});
		}
	};
	fromRules('missed', 'Missed:');
	fromRules('at-risk', 'At risk:');
	for (const since of [...facts.openReferrals].sort())
		reasons.push({ kind: 'referral', text: `Open referral for guidance since ${longDate(since)}.` });
	if (pupil.yearGroup >= 11 && !facts.guidanceHeld)
		reasons.push({
			kind: 'no-guidance',
			text: `No guidance meeting held by Year ${pupil.yearGroup}${
				facts.guidanceBooked ? ` (one is booked for ${longDate(facts.guidanceBooked)})` : ''
			}.`
		});
	if ((INTENDED_YEAR_GROUPS as readonly number[]).includes(pupil.yearGroup) && !facts.intendedDestination)
		reasons.push({
			kind: 'no-destination',
			text: `No intended destination recorded for ${academicYearName(intendedFor(scope.academicYear))}.`
		});
	return reasons;
}

// ── Filters ────────────────────────────────────────────────────────────────────────────────────────

/** Equity groups a careers leader can narrow the list to (the same characteristics as the pupil list). */
export const ATTENTION_GROUPS = [
	{ value: 'sen', label: 'Any special educational need (EHC plan or SEN support)' },
	{ value: 'sen-e', label: 'EHC plan' },
	{ value: 'sen-k', label: 'SEN support' },
	{ value: 'sen-n', label: 'No special educational need' },
	{ value: 'pp', label: 'Pupil premium' },
	{ value: 'fsm', label: 'Free school meals' },
	{ value: 'eal', label: 'English as an additional language' },
	{ value: 'looked-after', label: 'Looked after' },
	{ value: 'female', label: 'Female' },
	{ value: 'male', label: 'Male' },
	{ value: 'attendance-persistent', label: 'Attendance below 90% (persistent absence)' },
	{ value: 'attendance-90-95', label: 'Attendance 90% to 95%' },
	{ value: 'attendance-95-plus', label: 'Attendance 95% or more' },
	{ value: 'attendance-unknown', label: 'Attendance not recorded' }
] as const;
export type AttentionGroup = (typeof ATTENTION_GROUPS)[number]['value'];
const GROUP_VALUES = ATTENTION_GROUPS.map((g) => g.value) as [AttentionGroup, ...AttentionGroup[]];

export function inAttentionGroup(c: PupilCharacteristics, group: AttentionGroup): boolean {
	switch (group) {
		case 'sen':
			return c.senProvision !== 'N';
		case 'sen-e':
			return c.senProvision === 'E';
		case 'sen-k':
			return c.senProvision === 'K';
		case 'sen-n':
			return c.senProvision === 'N';
		case 'pp':
			return c.pupilPremium;
		case 'fsm':
			return c.fsmEligible;
		case 'eal':
			return c.eal;
		case 'looked-after':
			return c.lookedAfter;
		case 'female':
			return c.gender === 'F';
		case 'male':
			return c.gender === 'M';
		default:
			return attendanceBand(c.attendancePercent) === (group.slice('attendance-'.length) as AttendanceBand);
	}
}

export const ATTENTION_SORTS = ['reasons', 'name', 'year'] as const;
export type AttentionSort = (typeof ATTENTION_SORTS)[number];
export const ATTENTION_SORT_LABELS: Record<AttentionSort, string> = {
	reasons: 'Most reasons first',
	name: 'Name (surname A to Z)',
	year: 'Year group (youngest first)'
};

/**
 * The list's filters as the address carries them (a GET form). Anything unreadable is ignored rather
 * than refused, so an old or hand-edited link still shows a list. The as-of date is read separately
 * (resolveScope), because a bad date IS an error the page shows.
 */
export const attentionFilterSchema = z.object({
	year: z
		.union([z.literal(''), z.coerce.number().int().min(7).max(13)])
		.optional()
		.catch(undefined)
		.transform((v) => (v === '' ? undefined : v)),
	reason: z.enum(ATTENTION_REASON_KINDS).optional().catch(undefined),
	group: z.enum(GROUP_VALUES).optional().catch(undefined),
	sort: z.enum(ATTENTION_SORTS).catch('reasons').default('reasons'),
	page: z.coerce.number().int().min(1).catch(1).default(1)
});
export type AttentionFilter = z.infer<typeof attentionFilterSchema>;

/** The query-string names of the filters (the page, pagination and the export links reuse them). */
export const ATTENTION_FILTER_PARAMS = ['year', 'reason', 'group', 'sort', 'asOf'] as const;

export function attentionFilterParams(searchParams: URLSearchParams): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const name of [...ATTENTION_FILTER_PARAMS, 'page'] as const) raw[name] = searchParams.get(name)?.trim() ?? '';
	return raw;
}

export const ATTENTION_PER_PAGE = 50;

// ── The list ───────────────────────────────────────────────────────────────────────────────────────

export type AttentionRow = {
	id: string;
	upn: string;
	name: string;
	surname: string;
	yearGroup: number;
	regGroup: string | null;
	characteristics: PupilCharacteristics;
	reasons: AttentionReason[];
};

export type AttentionList = {
	scope: ComplianceScope;
	filter: AttentionFilter;
	/** This page's rows. */
	rows: AttentionRow[];
	/** Rows under all the filters (every page). */
	total: number;
	perPage: number;
	/** Pupils on roll in the year groups judged, under the year and group filters. */
	onRoll: number;
	/** Pupils with each kind of reason, under the year and group filters (before the reason filter). */
	byKind: Record<AttentionReasonKind, number>;
	yearGroups: number[];
};

async function attentionFacts(
	school: School,
	scope: ComplianceScope,
	ids: string[]
): Promise<{ facts: Map<string, AttentionFacts>; surnames: Map<string, string> }> {
	const facts = new Map<string, AttentionFacts>(
		ids.map((id) => [id, { openReferrals: [], guidanceHeld: false, guidanceBooked: null, intendedDestination: false }])
	);
	const surnames = new Map<string, string>();
	if (ids.length === 0) return { facts, surnames };
	const open = await db()
		.select({ pupilId: referrals.pupilId, createdAt: referrals.createdAt })
		.from(referrals)
		.where(and(eq(referrals.schoolId, school.id), eq(referrals.status, 'open')));
	for (const r of open) {
		const since = londonDate(r.createdAt);
		if (since <= scope.asOf) facts.get(r.pupilId)?.openReferrals.push(since);
	}
	const meetings = await db()
		.select({
			pupilId: guidanceMeetings.pupilId,
			held: sql<boolean>`bool_or(${guidanceMeetings.status} = 'held' and ${guidanceMeetings.date} <= ${scope.asOf})`,
			booked: sql<string | null>`min(${guidanceMeetings.date}) filter (where ${guidanceMeetings.status} = 'booked')`
		})
		.from(guidanceMeetings)
		.where(eq(guidanceMeetings.schoolId, school.id))
		.groupBy(guidanceMeetings.pupilId);
	for (const m of meetings) {
		const f = facts.get(m.pupilId);
		if (!f) continue;
		f.guidanceHeld = m.held === true;
		// node-postgres may hand a date back as a Date or a string; the column is a plain date.
		f.guidanceBooked = m.booked === null ? null : String(m.booked).slice(0, 10);
	}
	const intended = await db()
		.select({ pupilId: destinations.pupilId })
		.from(destinations)
		.where(
			and(
				eq(destinations.schoolId, school.id),
				eq(destinations.kind, 'intended'),
				eq(destinations.academicYear, intendedFor(scope.academicYear))
			)
		);
	for (const d of intended) {
		const f = facts.get(d.pupilId);
		if (f) f.intendedDestination = true;
	}
	const names = await db()
		.select({ id: pupils.id, surname: pupils.legalSurname })
		.from(pupils)
		.where(and(eq(pupils.schoolId, school.id), inArray(pupils.id, ids)));
	for (const n of names) surnames.set(n.id, n.surname);
	return { facts, surnames };
}

/** Every pupil needing attention, in the load's order (year group, surname); audited as a listing. */
async function allRows(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	purpose: string,
	requestId?: string
): Promise<{ rows: AttentionRow[]; judged: PupilCompliance[]; yearGroups: number[] }> {
	// Reasons in words only for the pupils with a rule missed or at risk: the rest need statuses only.
	const data = await compliancePupils(actor, school, scope, purpose, requestId, (p) =>
		p.results.some((r) => r.status === 'missed' || r.status === 'at-risk')
	);
	const { facts, surnames } = await attentionFacts(
		school,
		scope,
		data.pupils.map((p) => p.id)
	);
	const rows: AttentionRow[] = [];
	for (const p of data.pupils) {
		const reasons = attentionReasons(p, facts.get(p.id)!, scope);
		if (reasons.length === 0) continue;
		rows.push({
			id: p.id,
			upn: p.upn,
			name: p.name,
			surname: surnames.get(p.id) ?? p.name,
			yearGroup: p.yearGroup,
			regGroup: p.regGroup,
			characteristics: p.characteristics,
			reasons
		});
	}
	return { rows, judged: data.pupils, yearGroups: data.yearGroups };
}

const byName = (a: AttentionRow, b: AttentionRow) =>
	a.surname.localeCompare(b.surname, 'en-GB') || a.name.localeCompare(b.name, 'en-GB') || a.upn.localeCompare(b.upn);

function sortRows(rows: AttentionRow[], sort: AttentionSort): AttentionRow[] {
	const sorted = [...rows];
	if (sort === 'name') sorted.sort(byName);
	else if (sort === 'year') sorted.sort((a, b) => a.yearGroup - b.yearGroup || byName(a, b));
	else sorted.sort((a, b) => b.reasons.length - a.reasons.length || a.yearGroup - b.yearGroup || byName(a, b));
	return sorted;
}

function filtered(
	rows: AttentionRow[],
	judged: PupilCompliance[],
	filter: AttentionFilter
): { rows: AttentionRow[]; onRoll: number; byKind: Record<AttentionReasonKind, number> } {
	const inCohort = (p: { yearGroup: number; characteristics: PupilCharacteristics }) =>
		(filter.year === undefined || p.yearGroup === filter.year) &&
		(filter.group === undefined || inAttentionGroup(p.characteristics, filter.group));
	const cohort = rows.filter(inCohort);
	const byKind = Object.fromEntries(ATTENTION_REASON_KINDS.map((k) => [k, 0])) as Record<AttentionReasonKind, number>;
	for (const r of cohort) for (const kind of new Set(r.reasons.map((x) => x.kind))) byKind[kind]++;
	return {
		rows: sortRows(
			filter.reason === undefined ? cohort : cohort.filter((r) => r.reasons.some((x) => x.kind === filter.reason)),
			filter.sort
		),
		onRoll: judged.filter(inCohort).length,
		byKind
	};
}

/** The filters a person chose, in words, for an audit summary or a download's name. */
function appliedFilters(filter: AttentionFilter): string[] {
	const applied: string[] = [];
	if (filter.year !== undefined) applied.push(`Year ${filter.year}`);
	if (filter.reason) applied.push(ATTENTION_REASON_LABELS[filter.reason].toLowerCase());
	if (filter.group) applied.push(ATTENTION_GROUPS.find((g) => g.value === filter.group)!.label.toLowerCase());
	return applied;
}

/** Every pupil needing attention under the filters, in the page's order (no paging). Audited as a listing. */
export async function allPupilsNeedingAttention(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	rawFilter: Record<string, string>,
	purpose = 'pupils needing attention',
	requestId?: string
): Promise<AttentionRow[]> {
	const filter = attentionFilterSchema.parse(rawFilter);
	const all = await allRows(actor, school, scope, purpose, requestId);
	return filtered(all.rows, all.judged, filter).rows;
}

/** The page: one page of pupils needing attention under the filters, with counts. Audited. */
export async function pupilsNeedingAttention(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	rawFilter: Record<string, string>,
	requestId?: string
): Promise<AttentionList> {
	const filter = attentionFilterSchema.parse(rawFilter);
	const all = await allRows(actor, school, scope, 'pupils needing attention', requestId);
	const { rows, onRoll, byKind } = filtered(all.rows, all.judged, filter);
	const pages = Math.max(1, Math.ceil(rows.length / ATTENTION_PER_PAGE));
	const page = Math.min(filter.page, pages);
	return {
		scope,
		filter: { ...filter, page },
		rows: rows.slice((page - 1) * ATTENTION_PER_PAGE, page * ATTENTION_PER_PAGE),
		total: rows.length,
		perPage: ATTENTION_PER_PAGE,
		onRoll,
		byKind,
		yearGroups: all.yearGroups
	};
}

/**
 * Every pupil the page lists under the same filters and order (no paging), as a table for CSV or XLSX.
 * Audited as the listing and again as a pupil download, saying how many pupils it named.
 */
export async function exportPupilsNeedingAttention(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	rawFilter: Record<string, string>,
	requestId?: string
): Promise<ExportTable> {
	const filter = attentionFilterSchema.parse(rawFilter);
	const rows = await allPupilsNeedingAttention(
		actor,
		school,
		scope,
		rawFilter,
		'download of pupils needing attention',
		requestId
	);
	const applied = appliedFilters(filter);
	await recordAudit(
		db(),
		actor,
		{
			organisationId: school.id,
			action: 'pupils.exported',
			recordType: 'pupil',
			summary: `Downloaded a list of ${rows.length} ${rows.length === 1 ? 'pupil' : 'pupils'} needing attention as of ${
				scope.asOf
			}${applied.length ? ` (${applied.join(', ')})` : ''}`,
			after: {
				count: rows.length,
				asOf: scope.asOf,
				filter: { year: filter.year ?? null, reason: filter.reason ?? null, group: filter.group ?? null }
			}
		},
		requestId
	);
	const has = (r: AttentionRow, kind: AttentionReasonKind) => r.reasons.filter((x) => x.kind === kind).length;
	return {
		sheetName: 'Pupils needing attention',
		headers: [
			'UPN',
			'Name',
			'Year group',
			'Registration group',
			'Reasons',
			'Rules missed',
			'Rules at risk',
			'Open referral',
			'No guidance meeting',
			'No destination',
			'Why'
		],
		rows: rows.map((r) => [
			r.upn,
			r.name,
			r.yearGroup,
			r.regGroup,
			r.reasons.length,
			has(r, 'missed'),
			has(r, 'at-risk'),
			has(r, 'referral') > 0,
			has(r, 'no-guidance') > 0,
			has(r, 'no-destination') > 0,
			r.reasons.map((x) => x.text).join('\n')
		])
	};
}
