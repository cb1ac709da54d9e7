/**
 * Who has had what, from the database: loads a school's pupils, their attendance, guidance meetings
 * and intended destinations as of a date, and hands them to the pure rules (domain/compliance.ts).
 * Figures (counts, no names) are open to every school role and to the school's trust or hub lead;
 * anything naming a pupil needs pupils.view and is audited.
 */
import {
	cachedCompliance,
	cachedFigures,
	complianceCacheKey,
	dataVersion,
	dataVersions,
	MAX_GRIDS_HELD,
	rememberCompliance,
	rememberFigures
} from './cache.ts';
import { and, eq, inArray, isNull, lte, or, gte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { deliveredActivities, destinations, guidanceMeetings, organisations, pupils } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError } from '../errors.ts';
import { frameworkOverrides } from '../db/schema/index.ts';
import { toSchool, type Group, type School } from '../schools/service.ts';
import {
	academicYearBounds,
	academicYearName,
	academicYearStart,
	longDate,
	parseAcademicYearName,
	todayInLondon
} from '../../domain/academic-year.ts';
import { isFrameworkId, resolveFramework, type Framework } from '../../domain/benchmarks.ts';
import {
	addStatus,
	emptyCounts,
	evaluatePupil,
	mayTouchJudgement,
	rulesFor,
	type ActivityFact,
	type ComplianceContext,
	type ComplianceRule,
	type GuidanceFact,
	type PupilFacts,
	type RuleId,
	type RuleResult,
	type StatusCounts
} from '../../domain/compliance.ts';
import { HIGHER_EDUCATION_CODE } from '../../domain/destinations.ts';
import { pupilDisplayName, type SenProvision } from '../../domain/pupil-characteristics.ts';

// ── Which year, which date ─────────────────────────────────────────────────────────────────────────

export type ComplianceScope = {
	/** Start year of the academic year judged. */
	academicYear: number;
	/** YYYY-MM-DD inside that academic year. */
	asOf: string;
	framework: Framework;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(iso: string): boolean {
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * The academic year ("2025/26", or its start year) and as-of date asked for, checked: the as-of date
 * defaults to today, or the last day of a past year, and must fall inside the year. Throws a
 * ValidationError naming the field.
 */
export async function resolveScope(
	school: School,
	input: { year?: string | number | null; asOf?: string | null },
	today = todayInLondon()
): Promise<ComplianceScope> {
	const yearText = input.year === undefined || input.year === null ? '' : String(input.year).trim();
	const asOfText = (input.asOf ?? '').trim();
	// The date first: the academic year defaults to the one it falls in.
	if (asOfText !== '' && (!ISO.test(asOfText) || !isRealDate(asOfText)))
		throw new ValidationError([
			{
				field: 'asOf',
				message: `The date must be a real date written YYYY-MM-DD (you entered “${asOfText}”)`,
				value: asOfText
			}
		]);
	let academicYear: number;
	if (yearText === '') academicYear = academicYearStart(asOfText || today);
	else {
		const parsed = /^\d{4}$/.test(yearText) ? Number(yearText) : parseAcademicYearName(yearText);
		if (parsed === undefined || parsed < 2000 || parsed > 2100)
			throw new ValidationError([
				{
					field: 'year',
					message: `The academic year must look like 2025/26 (you entered “${yearText}”)`,
					value: yearText
				}
			]);
		academicYear = parsed;
	}
	const bounds = academicYearBounds(academicYear);
	let asOf: string;
	if (asOfText === '') asOf = today < bounds.end ? (today < bounds.start ? bounds.start : today) : bounds.end;
	else {
		if (asOfText < bounds.start || asOfText > bounds.end)
			throw new ValidationError([
				{
					field: 'asOf',
					message: `The date must fall in ${academicYearName(academicYear)} (${longDate(bounds.start)} to ${longDate(bounds.end)})`,
					value: asOfText
				}
			]);
		asOf = asOfText;
	}
	const [override] = await db()
		.select({ frameworkId: frameworkOverrides.frameworkId })
		.from(frameworkOverrides)
		.where(and(eq(frameworkOverrides.schoolId, school.id), eq(frameworkOverrides.academicYear, academicYear)));
	const frameworkId = override && isFrameworkId(override.frameworkId) ? override.frameworkId : null;
	return { academicYear, asOf, framework: resolveFramework(academicYear, frameworkId) };
}

// ── Loading ────────────────────────────────────────────────────────────────────────────────────────

/** What a figure is split by: the pupil characteristics the MIS gives us. */
export type PupilCharacteristics = {
	senProvision: SenProvision;
	pupilPremium: boolean;
	fsmEligible: boolean;
	gender: string | null;
	eal: boolean;
	lookedAfter: boolean;
	attendancePercent: number | null;
};

export type PupilCompliance = {
	id: string;
	upn: string;
	name: string;
	yearGroup: number;
	regGroup: string | null;
	characteristics: PupilCharacteristics;
	results: RuleResult[];
};

export type SchoolCompliance = {
	school: School;
	scope: ComplianceScope;
	rules: ComplianceRule[];
	/** The year groups judged: the school's, within Years 7 to 13. */
	yearGroups: number[];
	pupils: PupilCompliance[];
	/** Every activity up to the as-of date, by id (for naming the activities behind a figure). */
	activities: Map<string, ActivityFact>;
};

const activityColumns = {
	id: deliveredActivities.id,
	ref: deliveredActivities.ref,
	title: deliveredActivities.title,
	type: deliveredActivities.type,
	date: deliveredActivities.date,
	endDate: deliveredActivities.endDate,
	startTime: deliveredActivities.startTime,
	endTime: deliveredActivities.endTime,
	providerType: deliveredActivities.providerType,
	benchmarks: deliveredActivities.benchmarks,
	yearGroups: deliveredActivities.yearGroups,
	purposeShared: deliveredActivities.purposeShared,
	outcomesSet: deliveredActivities.outcomesSet,
	twoWayInteraction: deliveredActivities.twoWayInteraction,
	reflection: deliveredActivities.reflection,
	employerSetTask: deliveredActivities.employerSetTask,
	employerFeedback: deliveredActivities.employerFeedback,
	days: deliveredActivities.days,
	palProviderInfo: deliveredActivities.palProviderInfo,
	palCareersInfo: deliveredActivities.palCareersInfo,
	palLearningInfo: deliveredActivities.palLearningInfo,
	palQuestionsAnswered: deliveredActivities.palQuestionsAnswered,
	adviserLevel: deliveredActivities.adviserLevel
};

type Which = { kind: 'on-roll' } | { kind: 'pupils'; ids: string[] };

function schoolYearGroups(school: School): number[] {
	const years: number[] = [];
	for (let y = Math.max(7, school.lowestYear); y <= Math.min(13, school.highestYear); y++) years.push(y);
	return years;
}

/**
 * Pupils and everything the rules need, read in one repeatable-read transaction so the numbered
 * activity list and the attendance arrays that point into it agree.
 */
/**
 * `explain`: true gives every pupil's reasons; false statuses only (fast, for figures); a function
 * gives reasons to the pupils it picks after a quick first pass (the pupils behind one figure).
 */
type Explain = boolean | ((p: PupilCompliance) => boolean);

async function load(
	school: School,
	scope: ComplianceScope,
	which: Which,
	explain: Explain = false
): Promise<SchoolCompliance> {
	// Figures for the whole school are judged once per data version (cache.ts); reasons and single
	// pupils are judged each time (they are quick, or asked for rarely).
	if (which.kind !== 'on-roll' || explain !== false) return (await judge(school, scope, which, explain)).data;
	return (await judgedSchool(school, scope)).data;
}

/** Judgements being worked out, by cache key and data version. */
const judgementsUnderway = new Map<string, Promise<{ data: SchoolCompliance; version: number }>>();

/** Every pupil on roll judged (statuses only), reused while the school's data version stands. */
async function judgedSchool(
	school: School,
	scope: ComplianceScope
): Promise<{ data: SchoolCompliance; version: number }> {
	const key = complianceCacheKey(school, scope);
	const version = await dataVersion(school.id);
	const hit = cachedCompliance(key, version);
	if (hit) return { data: hit, version };
	// Someone else asking for the same school at the same version (a view while the server judges ahead,
	// two people opening the trust overview) waits for the one judgement rather than making another.
	const asked = `${key}|${version}`;
	let judging = judgementsUnderway.get(asked);
	if (!judging) {
		judging = judge(school, scope, { kind: 'on-roll' }, false)
			.then((judged) => {
				rememberCompliance(key, judged.version, judged.data);
				return judged;
			})
			.finally(() => judgementsUnderway.delete(asked));
		judgementsUnderway.set(asked, judging);
	}
	return judging;
}

async function judge(
	school: School,
	scope: ComplianceScope,
	which: Which,
	explain: Explain
): Promise<{ data: SchoolCompliance; version: number }> {
	const yearGroups = schoolYearGroups(school);
	const year = sql.raw(String(Math.trunc(scope.academicYear)));
	const yearGroupExpr = sql<number>`(${year} - ${pupils.enteredYear7} + 7)::int`;
	const pupilWhere: SQL =
		which.kind === 'pupils'
			? (and(eq(pupils.schoolId, school.id), inArray(pupils.id, which.ids.length ? which.ids : [null as never])) as SQL)
			: (and(
					eq(pupils.schoolId, school.id),
					or(isNull(pupils.admissionDate), lte(pupils.admissionDate, scope.asOf)),
					or(isNull(pupils.leavingDate), gte(pupils.leavingDate, scope.asOf)),
					sql`${yearGroupExpr} between ${sql.raw(String(yearGroups[0] ?? 7))} and ${sql.raw(String(yearGroups.at(-1) ?? 13))}`
				) as SQL);

	const rows = await db().transaction(async (tx) => {
		await tx.execute(sql`set transaction isolation level repeatable read, read only`);
		// The attendance aggregation spills to disk at the default 4 MB for a 1,500-pupil school.
		await tx.execute(sql`set local work_mem = '32MB'`);
		// Read in the same snapshot as the data, so the figures are stored under the version they show.
		const version = await dataVersion(school.id, tx);
		const pupilRows = await tx
			.select({
				id: pupils.id,
				upn: pupils.upn,
				legalSurname: pupils.legalSurname,
				legalForename: pupils.legalForename,
				preferredForename: pupils.preferredForename,
				enteredYear7: pupils.enteredYear7,
				regGroup: pupils.regGroup,
				admissionDate: pupils.admissionDate,
				leavingDate: pupils.leavingDate,
				consideringHe: pupils.consideringHe,
				senProvision: pupils.senProvision,
				pupilPremium: pupils.pupilPremium,
				fsmEligible: pupils.fsmEligible,
				gender: pupils.gender,
				eal: pupils.eal,
				lookedAfter: pupils.lookedAfter,
				attendancePercent: pupils.attendancePercent,
				intendsHe: sql<boolean>`exists (select 1 from ${destinations} d where d.pupil_id = "pupils"."id"
					and d.kind = 'intended' and d.nccis_code = ${HIGHER_EDUCATION_CODE})`
			})
			.from(pupils)
			.where(pupilWhere)
			.orderBy(pupils.enteredYear7, pupils.legalSurname, pupils.legalForename);

		const activityRows = await tx
			.select(activityColumns)
			.from(deliveredActivities)
			.where(and(eq(deliveredActivities.schoolId, school.id), lte(deliveredActivities.date, scope.asOf)))
			.orderBy(deliveredActivities.date, deliveredActivities.id);
		// Attendance as positions in the activity list above (small integers travel faster than uuids).

		// Only attendance that can touch a judgement this year travels (about a third of a school's
		// seven years of history does not: earlier years' subject lessons and employer talks).
		const activities: ActivityFact[] = activityRows.map((a) => ({
			...a,
			benchmarks: a.benchmarks ?? [],
			yearGroups: a.yearGroups ?? []
		}));
		const ctx: ComplianceContext = {
			framework: scope.framework.id,
			academicYear: scope.academicYear,
			asOf: scope.asOf,
			schoolDay: school,
			atRiskWeeks: school.atRiskWeeks,
			workplaceExperiencesBy16: school.workplaceExperiencesBy16,
			schoolActivities: activities
		};
		const relevant = activities
			.map((a, position) => (mayTouchJudgement(a, ctx) ? position : -1))
			.filter((position) => position >= 0);
		const attendanceRows = await loadAttendance(tx, school, scope, pupilWhere, relevant);
		const meetingRows = await tx
			.select({
				pupilId: guidanceMeetings.pupilId,
				id: guidanceMeetings.id,
				date: guidanceMeetings.date,
				adviserName: guidanceMeetings.adviserName,
				adviserLevel: guidanceMeetings.adviserLevel,
				status: guidanceMeetings.status
			})
			.from(guidanceMeetings)
			.innerJoin(pupils, eq(pupils.id, guidanceMeetings.pupilId))
			.where(and(pupilWhere, eq(guidanceMeetings.schoolId, school.id), lte(guidanceMeetings.date, scope.asOf)));
		return { pupilRows, activities, ctx, attendanceRows, meetingRows, version };
	});
	// Judging is plain computation: done after the transaction, so the embedded database's one
	// connection is free for other requests meanwhile.
	const { pupilRows, activities, ctx, attendanceRows, meetingRows, version } = rows;
	{
		const attendanceByPupil = new Map(attendanceRows.map((r) => [r.pupilId, r]));
		const meetingsByPupil = new Map<string, GuidanceFact[]>();
		for (const m of meetingRows) {
			const list = meetingsByPupil.get(m.pupilId) ?? [];
			list.push(m);
			meetingsByPupil.set(m.pupilId, list);
		}
		const pick = (positions: number[] | null) =>
			(positions ?? []).map((i) => activities[i]).filter((a) => a !== undefined);
		const result: PupilCompliance[] = pupilRows.map((p) => {
			const facts: PupilFacts = {
				id: p.id,
				enteredYear7: p.enteredYear7,
				admissionDate: p.admissionDate,
				leavingDate: p.leavingDate,
				consideringHe: p.consideringHe,
				intendsHe: p.intendsHe
			};
			const att = attendanceByPupil.get(p.id);
			const history = {
				attended: pick(att?.attended ?? null),
				absent: pick(att?.absent ?? null),
				guidance: meetingsByPupil.get(p.id) ?? []
			};
			const judged: PupilCompliance = {
				id: p.id,
				upn: p.upn,
				name: pupilDisplayName(p),
				yearGroup: scope.academicYear - p.enteredYear7 + 7,
				regGroup: p.regGroup,
				characteristics: {
					senProvision: p.senProvision,
					pupilPremium: p.pupilPremium,
					fsmEligible: p.fsmEligible,
					gender: p.gender,
					eal: p.eal,
					lookedAfter: p.lookedAfter,
					attendancePercent: p.attendancePercent
				},
				results: evaluatePupil(facts, history, ctx, explain === true)
			};
			if (typeof explain === 'function' && explain(judged)) judged.results = evaluatePupil(facts, history, ctx, true);
			return judged;
		});

		const data: SchoolCompliance = {
			school,
			scope,
			rules: rulesFor(scope.framework.id),
			yearGroups,
			pupils: result,
			activities: new Map(activities.map((a) => [a.id, a]))
		};
		return { data, version };
	}
}

async function loadAttendance(
	tx: Queryable,
	school: School,
	scope: ComplianceScope,
	pupilWhere: SQL,
	positions: number[]
): Promise<{ pupilId: string; attended: number[] | null; absent: number[] | null }[]> {
	type Row = { pupil_id: string; attended: number[] | null; absent: number[] | null };
	const result = await tx.execute(sql`
		with numbered as (
			select id, (row_number() over (order by date, id) - 1)::int as position
			from ${deliveredActivities}
			where school_id = ${school.id} and date <= ${scope.asOf}
		)
		select att.pupil_id,
			array_agg(numbered.position) filter (where att.attended) as attended,
			array_agg(numbered.position) filter (where not att.attended) as absent
		from attendance att
		join numbered on numbered.id = att.delivered_activity_id
		join ${pupils} on ${pupils.id} = att.pupil_id
		where ${pupilWhere}
			and numbered.position = any(string_to_array(${positions.join(',')}, ',')::int[])
		group by att.pupil_id`);
	// Both drivers (pg and PGlite) answer with { rows }.
	const { rows } = result as unknown as { rows: Row[] };
	return rows.map((r) => ({ pupilId: r.pupil_id, attended: r.attended, absent: r.absent }));
}

// ── Who may see what ───────────────────────────────────────────────────────────────────────────────

/** Figures: any school role, or the lead of a trust or hub the school belongs to (pass the group). */
function authoriseFigures(actor: Actor, school: School, via?: Group): void {
	if (via) {
		authorise(actor, 'group.view', via.id);
		if (!via.schools.some((s) => s.id === school.id)) throw new NotFoundError();
		return;
	}
	authorise(actor, 'compliance.view', school.id);
}

// ── Figures ────────────────────────────────────────────────────────────────────────────────────────

export type GridCell = { ruleId: RuleId; yearGroup: number; counts: StatusCounts };

export type ComplianceFigures = {
	academicYear: number;
	asOf: string;
	framework: { id: string; name: string };
	rules: ComplianceRule[];
	yearGroups: number[];
	/** One cell per rule and year group. */
	cells: GridCell[];
	/** Per rule, all year groups together. */
	totals: { ruleId: RuleId; counts: StatusCounts }[];
	/** Pupils on roll in the year groups judged (after any filter). */
	pupilCount: number;
};

/** Sums per-pupil statuses into the rule × year group grid. */
export function gridOf(
	data: Pick<SchoolCompliance, 'rules' | 'yearGroups' | 'scope'>,
	rows: PupilCompliance[]
): ComplianceFigures {
	const ruleIndex = new Map(data.rules.map((r, i) => [r.id, i]));
	const firstYear = data.yearGroups[0] ?? 7;
	// cells[rule][year group − first year], filled by position: this runs for every figure on every page.
	const cells = data.rules.map((rule) =>
		data.yearGroups.map((yearGroup) => ({ ruleId: rule.id, yearGroup, counts: emptyCounts() }))
	);
	const totals = data.rules.map((rule) => ({ ruleId: rule.id, counts: emptyCounts() }));
	for (const p of rows) {
		const column = p.yearGroup - firstYear;
		for (const r of p.results) {
			const index = ruleIndex.get(r.ruleId);
			const cell = index === undefined ? undefined : cells[index]?.[column];
			if (!cell || index === undefined) continue;
			addStatus(cell.counts, r.status);
			addStatus(totals[index]!.counts, r.status);
		}
	}
	return {
		academicYear: data.scope.academicYear,
		asOf: data.scope.asOf,
		framework: { id: data.scope.framework.id, name: data.scope.framework.name },
		rules: data.rules,
		yearGroups: data.yearGroups,
		cells: cells.flat(),
		totals,
		pupilCount: rows.length
	};
}

/**
 * Every pupil on roll at the as-of date, judged (no names leave this module unless the caller may see
 * pupils: use the functions below).
 */
export async function schoolCompliance(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	via?: Group
): Promise<SchoolCompliance> {
	authoriseFigures(actor, school, via);
	return load(school, scope, { kind: 'on-roll' });
}

/** The grid for the school's dashboard (optionally only pupils passing `include`). */
export async function complianceFigures(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	include?: (p: PupilCompliance) => boolean,
	via?: Group
): Promise<ComplianceFigures> {
	authoriseFigures(actor, school, via);
	if (include) {
		const data = await load(school, scope, { kind: 'on-roll' });
		return gridOf(data, data.pupils.filter(include));
	}
	return (await wholeSchoolFigures(school, scope)).figures;
}

/**
 * The whole school's grid: small, and kept longer than the judged pupils behind it (a trust's overview
 * reads thirty schools' grids without holding thirty schools' pupils). `judged`: it had to be worked out
 * (first asked, or the data changed since).
 */
async function wholeSchoolFigures(
	school: School,
	scope: ComplianceScope
): Promise<{ figures: ComplianceFigures; judged: boolean }> {
	const key = complianceCacheKey(school, scope);
	const hit = cachedFigures(key, await dataVersion(school.id));
	if (hit) return { figures: hit, judged: false };
	const { data, version } = await judgedSchool(school, scope);
	const figures = gridOf(data, data.pupils);
	rememberFigures(key, version, figures);
	return { figures, judged: true };
}

/**
 * Judges every school's figures ahead, for today (the pages' default year and date), so a dashboard, the
 * governors' pack or a trust's overview rarely waits for the judging. The server runs it as it starts and
 * then each minute after the scheduled jobs: a school is judged again only when its records or its
 * settings changed, or its default date moved on at midnight; checking costs one count query for all
 * schools and one query a school for its framework. Schools are read afresh each time, so a changed
 * setting is judged under the new one. Returns how many schools it judged.
 */
export async function judgeFiguresAhead(today = todayInLondon()): Promise<number> {
	const schools = (
		await db()
			.select()
			.from(organisations)
			.where(eq(organisations.kind, 'school'))
			.orderBy(organisations.name, organisations.id)
			.limit(MAX_GRIDS_HELD)
	).map(toSchool);
	const versions = await dataVersions(schools.map((s) => s.id));
	let judged = 0;
	for (const school of schools) {
		const scope = await resolveScope(school, {}, today);
		if (cachedFigures(complianceCacheKey(school, scope), versions.get(school.id) ?? 0)) continue;
		if ((await wholeSchoolFigures(school, scope)).judged) judged++;
	}
	return judged;
}

let aheadUnderway: Promise<void> | null = null;
/** The date the next run is wanted for (null: none wanted). */
let aheadWanted: string | null = null;

/**
 * Asks for judgeFiguresAhead now: after a change someone made in the app (hooks.server.ts), so their
 * next view of the figures rarely waits, and from the scheduler each minute (a change from the CLI or
 * another app server). Asked while a run is under way, it runs once more when that run ends; never two
 * at once. The promise settles when the figures asked for are judged.
 */
export function judgeFiguresAheadSoon(today = todayInLondon()): Promise<void> {
	aheadWanted = today;
	aheadUnderway ??= (async () => {
		try {
			while (aheadWanted !== null) {
				const day = aheadWanted;
				aheadWanted = null;
				await judgeFiguresAhead(day);
			}
		} finally {
			aheadUnderway = null;
		}
	})();
	return aheadUnderway;
}

/**
 * The pupils behind figures, with their reasons: needs pupils.view; the listing is audited. Pass
 * `explainFor` to give reasons only to the pupils a page will show (all are still judged) — much
 * quicker than explaining the whole school.
 */
export async function compliancePupils(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	purpose: string,
	requestId?: string,
	explainFor: (p: PupilCompliance) => boolean = () => true
): Promise<SchoolCompliance> {
	authorise(actor, 'pupils.view', school.id);
	const data = await load(school, scope, { kind: 'on-roll' }, explainFor);
	await recordAudit(
		db(),
		actor,
		{
			organisationId: school.id,
			action: 'compliance.pupils-listed',
			recordType: 'school',
			recordId: school.id,
			summary: `Listed pupils behind the coverage figures (${purpose}), ${academicYearName(scope.academicYear)} as of ${scope.asOf}`
		},
		requestId
	);
	return data;
}

/** One pupil's statuses with their reasons (a view of the pupil's record, audited). */
export async function pupilCompliance(
	actor: Actor,
	school: School,
	pupilId: string,
	scope: ComplianceScope,
	requestId?: string
): Promise<PupilCompliance & { scope: ComplianceScope; activities: Map<string, ActivityFact> }> {
	authorise(actor, 'pupils.view', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError('Pupil not found');
	const data = await load(school, scope, { kind: 'pupils', ids: [pupilId] }, true);
	const pupil = data.pupils[0];
	if (!pupil) throw new NotFoundError('Pupil not found');
	await recordAudit(
		db(),
		actor,
		{
			organisationId: school.id,
			action: 'pupil.compliance-viewed',
			recordType: 'pupil',
			recordId: pupil.id,
			summary: `Viewed ${pupil.name}’s benchmark and duty statuses as of ${scope.asOf}`
		},
		requestId
	);
	return { ...pupil, scope, activities: data.activities };
}

/** Finds a pupil of the school by UPN (for the command line). */
export async function pupilIdByUpn(school: School, upn: string): Promise<string> {
	const [row] = await db()
		.select({ id: pupils.id })
		.from(pupils)
		.where(and(eq(pupils.schoolId, school.id), eq(pupils.upn, upn.trim().toUpperCase())));
	if (!row)
		throw new ValidationError([{ field: 'upn', message: `No pupil with UPN ${upn} at this school`, value: upn }]);
	return row.id;
}

// ── The interfaces other tools read (CLI --json and the JSON endpoints) ────────────────────────────

export type ComplianceReport = {
	school: string;
	academicYear: string;
	framework: string;
	asOf: string;
	rules: {
		id: RuleId;
		yearGroup: number;
		eligible: number;
		met: number;
		onTrack: number;
		atRisk: number;
		missed: number;
	}[];
};

export function complianceReport(school: School, figures: ComplianceFigures): ComplianceReport {
	return {
		school: school.urn,
		academicYear: academicYearName(figures.academicYear),
		framework: figures.framework.id,
		asOf: figures.asOf,
		rules: figures.cells.map((c) => ({
			id: c.ruleId,
			yearGroup: c.yearGroup,
			eligible: c.counts.eligible,
			met: c.counts.met,
			onTrack: c.counts.onTrack,
			atRisk: c.counts.atRisk,
			missed: c.counts.missed
		}))
	};
}

export type PupilComplianceReport = {
	school: string;
	upn: string;
	yearGroup: number;
	academicYear: string;
	framework: string;
	asOf: string;
	rules: {
		id: RuleId;
		status: string;
		reason: string;
		window: { opens: string; closes: string } | null;
		have: number;
		needed: number;
		counted: { ref: string | null; kind: string; title: string; date: string }[];
		notCounted: { ref: string | null; kind: string; title: string; date: string; why: string }[];
	}[];
};

export function pupilComplianceReport(
	school: School,
	pupil: PupilCompliance & { scope: ComplianceScope }
): PupilComplianceReport {
	return {
		school: school.urn,
		upn: pupil.upn,
		yearGroup: pupil.yearGroup,
		academicYear: academicYearName(pupil.scope.academicYear),
		framework: pupil.scope.framework.id,
		asOf: pupil.scope.asOf,
		rules: pupil.results.map((r) => ({
			id: r.ruleId,
			status: r.status,
			reason: r.reason,
			window: r.window && { opens: r.window.opens, closes: r.window.closes },
			have: r.have,
			needed: r.needed,
			counted: r.counted.map((e) => ({ ref: e.ref, kind: e.kind, title: e.title, date: e.date })),
			notCounted: r.notCounted.map((e) => ({ ref: e.ref, kind: e.kind, title: e.title, date: e.date, why: e.why }))
		}))
	};
}
