/**
 * The floor: the school dashboard's rule × year group counts computed by ONE hand-written SQL query,
 * straight from the tables. It exists to check the rule engine (domain/compliance.ts, through
 * service.ts's complianceFigures) against an independent statement of the same rules, and to show how
 * fast the figures could be with no per-pupil reasons at all (`npm run bench`: our time ÷ the floor's).
 * It is not used by any page: the engine stays the one source of figures, because it also says why.
 *
 * The rules, as the query states them (see domain/compliance.ts for the words):
 * - pupils on roll at the end of the as-of day (admitted by then, not left before it) in the school's
 *   year groups (within 7–13), the year group derived from the cohort and the academic year;
 * - records up to the as-of date: activities the pupil attended (absent pupils count only for provider
 *   access phase 3, which asks what was offered), and guidance meetings held with a Level 6+ adviser;
 * - each rule's window from the pupil's cohort: "by" rules from 1 September of the first year group to
 *   31 August of the last, "each year" rules the academic year asked for, the key stage the pupil is
 *   in, provider access phases from 1 September to 28 February of the second year;
 * - meaningful: purpose shared, outcomes set, two-way interaction, reflection (workplaces also a task
 *   set by the employer and their feedback); provider access in the school day (HH:MM of the start and
 *   of the end, or the start when no end) with all four content elements;
 * - the kind of provider is the provider type, or (none recorded, or "other") the activity type's;
 * - the full range counts distinct kinds of provider; days of workplace experience are the recorded
 *   days, or the weekdays from the first date to the last;
 * - phase 3 counts provider access encounters the pupil was listed for (present or absent), and ones
 *   for their whole year group (their year group at the activity's date) dated on or after admission;
 * - considering higher education: flagged, or an intended destination with NCCIS code 240;
 * - status: not applicable (rule not for the pupil, window not open, joined after it closed, left
 *   before it opened), met, not applicable (left on the as-of day before the window closed), missed
 *   (closed by the end of the as-of day), at risk (closes within the at-risk weeks), on track.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import type { School } from '../schools/service.ts';
import type { ComplianceScope } from './service.ts';
import { rulesFor, WORKPLACE_EXPERIENCES_BY_16, type RuleId } from '../../domain/compliance.ts';
import { HIGHER_EDUCATION_CODE } from '../../domain/destinations.ts';

export type FloorParameters = {
	schoolId: string;
	/** Start year of the academic year judged. */
	academicYear: number;
	/** YYYY-MM-DD inside that academic year. */
	asOf: string;
	/** Year groups judged, already within 7–13. */
	lowestYear: number;
	highestYear: number;
	/** HH:MM. */
	schoolDayStarts: string;
	schoolDayEnds: string;
	atRiskWeeks: number;
	/** Workplace experiences needed by the end of Year 11 under the framework in force. */
	workplaceExperiencesBy16: number;
	/** The framework's rules, in the order the cells should come back. */
	rules: readonly RuleId[];
};

export type FloorCell = {
	ruleId: RuleId;
	yearGroup: number;
	eligible: number;
	met: number;
	onTrack: number;
	atRisk: number;
	missed: number;
	notApplicable: number;
};

/** The floor's parameters for a school and a scope, as the engine reads them. */
export function floorParameters(school: School, scope: ComplianceScope): FloorParameters {
	const framework = scope.framework.id;
	return {
		schoolId: school.id,
		academicYear: scope.academicYear,
		asOf: scope.asOf,
		lowestYear: Math.max(7, school.lowestYear),
		highestYear: Math.min(13, school.highestYear),
		schoolDayStarts: school.schoolDayStarts.slice(0, 5),
		schoolDayEnds: school.schoolDayEnds.slice(0, 5),
		atRiskWeeks: school.atRiskWeeks,
		workplaceExperiencesBy16:
			framework === 'gatsby-2024'
				? (school.workplaceExperiencesBy16 ?? WORKPLACE_EXPERIENCES_BY_16['gatsby-2024'])
				: WORKPLACE_EXPERIENCES_BY_16['gatsby-2014'],
		rules: rulesFor(framework).map((r) => r.id)
	};
}

type Row = {
	rule_id: RuleId;
	year_group: number;
	eligible: number;
	met: number;
	on_track: number;
	at_risk: number;
	missed: number;
	not_applicable: number;
};

/** The query itself (for EXPLAIN): every rule × year group cell, zeros included, in rule then year group order. */
export function complianceFloorQuery(f: FloorParameters): SQL {
	const asOf = sql`${f.asOf}::date`;
	const year = sql`${f.academicYear}::int`;
	// A window's edge from the pupil's cohort: 1 September of year group 7 + k is make_date(e + k, 9, 1).
	const d = (k: number, month: number, day: number) => sql.raw(`make_date(p.e + ${k}, ${month}, ${day})`);
	// Which of the pupil's years a record falls in (0: Year 7), from the academic year of its date, so
	// the windows are integer ranges; provider access phases also need "on or before 28 February".
	const years = (from: number, to: number) => sql.raw(`(a.ay - p.e) between ${from} and ${to}`);
	const phase = (first: number) => sql.raw(`((a.ay - p.e) = ${first} or ((a.ay - p.e) = ${first + 1} and a.by_feb28))`);
	const academicYearOf = (date: string) =>
		sql.raw(`(extract(year from ${date})::int - (extract(month from ${date}) < 9)::int)`);

	return sql`
		with p as (
			select pu.id, pu.entered_year7 as e, (${year} - pu.entered_year7 + 7) as yg,
				pu.admission_date as adm, pu.leaving_date as lv,
				(pu.considering_he or exists (select 1 from destinations dn where dn.pupil_id = pu.id
					and dn.kind = 'intended' and dn.nccis_code = ${HIGHER_EDUCATION_CODE})) as he
			from pupils pu
			where pu.school_id = ${f.schoolId}
				and (pu.admission_date is null or pu.admission_date <= ${asOf})
				and (pu.leaving_date is null or pu.leaving_date >= ${asOf})
				and pu.entered_year7 between ${f.academicYear + 7 - f.highestYear}::int and ${f.academicYear + 7 - f.lowestYear}::int
		),
		k as (
			select da.*,
				${academicYearOf('da.date')} as ay,
				(extract(month from da.date) >= 9 or to_char(da.date, 'MM-DD') <= '02-28') as by_feb28,
				(da.purpose_shared and da.outcomes_set and da.two_way_interaction and da.reflection) as m4,
				case
					when da.provider_type = 'sixth-form' then 'sixth-form'
					when da.provider_type = 'fe-college' then 'fe'
					when da.provider_type = 'he-provider' then 'he'
					when da.provider_type in ('itp', 'apprenticeship-provider') then 'apprenticeship'
					when coalesce(da.provider_type, '') not in ('', 'other') then null
					when da.type = 'fe-encounter' then 'fe'
					when da.type = 'he-encounter' then 'he'
					when da.type = 'training-provider-encounter' then 'apprenticeship'
				end as kind
			from delivered_activities da
			where da.school_id = ${f.schoolId} and da.date <= ${asOf}
		),
		judged as (
			select k.id, k.date, k.ay, k.by_feb28, k.year_groups,
				(k.type = 'lmi' or 2 = any(k.benchmarks)) as lmi,
				(k.type = 'curriculum-link' or 4 = any(k.benchmarks)) as curr,
				((k.type = 'employer-encounter' or 5 = any(k.benchmarks)) and k.m4) as emp,
				((k.type = 'workplace-experience' or 6 = any(k.benchmarks)) and k.m4
					and k.employer_set_task and k.employer_feedback) as wp,
				case when (k.type in ('fe-encounter', 'he-encounter', 'training-provider-encounter', 'provider-access')
					or 7 = any(k.benchmarks)) and k.m4 then k.kind end as range_kind,
				coalesce(k.kind = 'he' and k.m4, false) as he_visit,
				coalesce(k.type = 'guidance' and k.adviser_level >= 6, false) as guid,
				coalesce(k.type = 'provider-access' and k.start_time is not null
					and left(k.start_time::text, 5) >= ${f.schoolDayStarts}
					and left(coalesce(k.end_time, k.start_time)::text, 5) <= ${f.schoolDayEnds}
					and k.pal_provider_info and k.pal_careers_info and k.pal_learning_info and k.pal_questions_answered,
					false) as pal,
				case when k.type = 'workplace-experience' then coalesce(k.days, greatest(1, (
					select count(*) from generate_series(k.date, coalesce(k.end_date, k.date), interval '1 day') g
					where extract(isodow from g) < 6))) end as wdays
			from k
		),
		a as (
			-- Only what can count for some rule: older years' lessons and employer encounters cannot.
			select * from judged
			where lmi or wp or range_kind is not null or he_visit or guid or pal or wdays is not null
				or ((curr or emp) and ay = ${year})
		),
		att as (
			select t.pupil_id,
				count(*) filter (where t.attended and a.lmi and ${years(0, 2)}) as lmi3,
				count(*) filter (where t.attended and a.lmi and ${years(3, 4)}) as lmi4,
				count(*) filter (where t.attended and a.lmi and ${years(5, 6)}) as lmi5,
				count(*) filter (where t.attended and a.curr and a.ay = ${year}) as curr,
				count(*) filter (where t.attended and a.emp and a.ay = ${year}) as emp,
				count(*) filter (where t.attended and a.wp and ${years(0, 4)}) as wp16,
				count(*) filter (where t.attended and a.wp and ${years(5, 6)}) as wp18,
				bool_or(t.attended and a.range_kind = 'sixth-form' and ${years(0, 4)}) as sixth_form,
				bool_or(t.attended and a.range_kind = 'fe' and ${years(0, 4)}) as fe,
				bool_or(t.attended and a.range_kind = 'he' and ${years(0, 4)}) as he,
				bool_or(t.attended and a.range_kind = 'apprenticeship' and ${years(0, 4)}) as apprenticeship,
				count(*) filter (where t.attended and a.he_visit and ${years(0, 6)}) as he18,
				count(*) filter (where t.attended and a.guid and ${years(0, 4)}) as guid16,
				count(*) filter (where t.attended and a.guid and ${years(5, 6)}) as guid18,
				count(*) filter (where t.attended and a.pal and ${phase(1)}) as pal1,
				count(*) filter (where t.attended and a.pal and ${phase(3)}) as pal2,
				-- Phase 3 asks what was offered: present or absent, being on the list counts.
				count(*) filter (where a.pal and ${phase(5)}) as pal3,
				coalesce(sum(a.wdays) filter (where t.attended and ${years(0, 2)}), 0) as days3,
				coalesce(sum(a.wdays) filter (where t.attended and ${years(3, 4)}), 0) as days4
			from attendance t
			join p on p.id = t.pupil_id
			join a on a.id = t.delivered_activity_id
			group by t.pupil_id
		),
		o as (
			-- …and so does an encounter for the pupil's whole year group, once they were on roll.
			select p.id as pupil_id, count(distinct a.id) as offered
			from a
			cross join lateral unnest(a.year_groups) as offered_to(year_group)
			join p on p.e = a.ay - offered_to.year_group + 7
			where a.pal and ${phase(5)}
				and (p.adm is null or a.date >= p.adm)
				and not exists (select 1 from attendance t where t.delivered_activity_id = a.id and t.pupil_id = p.id)
			group by p.id
		),
		g as (
			select m.pupil_id,
				count(*) filter (where ${academicYearOf('m.date')} - p.e between 0 and 4) as g16,
				count(*) filter (where ${academicYearOf('m.date')} - p.e between 5 and 6) as g18
			from guidance_meetings m
			join p on p.id = m.pupil_id
			where m.school_id = ${f.schoolId} and m.date <= ${asOf} and m.status = 'held' and m.adviser_level >= 6
			group by m.pupil_id
		),
		s as (
			select p.yg, r.rule_id,
				case
					when not r.applies then 'na'
					when ${asOf} < r.opens then 'na'
					when p.adm > r.closes then 'na'
					when p.lv < r.opens then 'na'
					when r.have >= r.needed then 'met'
					when p.lv <= ${asOf} and p.lv < r.closes then 'na'
					when ${asOf} >= r.closes then 'missed'
					when r.closes - ${asOf} <= ${f.atRiskWeeks}::int * 7 then 'at-risk'
					else 'on-track'
				end as status
			from p
			left join att on att.pupil_id = p.id
			left join g on g.pupil_id = p.id
			left join o on o.pupil_id = p.id
			cross join lateral (values
				('bm2-lmi-by-14', true, ${d(0, 9, 1)}, ${d(3, 8, 31)}, coalesce(att.lmi3, 0)::numeric, 1::numeric),
				('bm2-lmi-each-key-stage', true,
					case when p.yg <= 9 then ${d(0, 9, 1)} when p.yg <= 11 then ${d(3, 9, 1)} else ${d(5, 9, 1)} end,
					case when p.yg <= 9 then ${d(3, 8, 31)} when p.yg <= 11 then ${d(5, 8, 31)} else ${d(7, 8, 31)} end,
					coalesce(case when p.yg <= 9 then att.lmi3 when p.yg <= 11 then att.lmi4 else att.lmi5 end, 0)::numeric,
					1::numeric),
				('bm4-curriculum-careers-each-year', true, make_date(${year}, 9, 1), make_date(${year} + 1, 8, 31),
					coalesce(att.curr, 0)::numeric, 1::numeric),
				('bm5-employer-encounter-each-year', true, make_date(${year}, 9, 1), make_date(${year} + 1, 8, 31),
					coalesce(att.emp, 0)::numeric, 1::numeric),
				('bm6-workplace-by-16', true, ${d(0, 9, 1)}, ${d(5, 8, 31)}, coalesce(att.wp16, 0)::numeric,
					${f.workplaceExperiencesBy16}::numeric),
				('bm6-workplace-by-18', true, ${d(5, 9, 1)}, ${d(7, 8, 31)}, coalesce(att.wp18, 0)::numeric, 1::numeric),
				('bm7-provider-range-by-16', true, ${d(0, 9, 1)}, ${d(5, 8, 31)}, (coalesce(att.sixth_form, false)::int + coalesce(att.fe, false)::int
					+ coalesce(att.he, false)::int + coalesce(att.apprenticeship, false)::int)::numeric, 4::numeric),
				('bm7-he-visits-by-18', p.he, ${d(0, 9, 1)}, ${d(7, 8, 31)}, coalesce(att.he18, 0)::numeric, 2::numeric),
				('bm8-guidance-by-16', true, ${d(0, 9, 1)}, ${d(5, 8, 31)},
					(coalesce(att.guid16, 0) + coalesce(g.g16, 0))::numeric, 1::numeric),
				('bm8-guidance-by-18', true, ${d(5, 9, 1)}, ${d(7, 8, 31)},
					(coalesce(att.guid18, 0) + coalesce(g.g18, 0))::numeric, 1::numeric),
				('pal-phase-1', true, ${d(1, 9, 1)}, ${d(3, 2, 28)}, coalesce(att.pal1, 0)::numeric, 2::numeric),
				('pal-phase-2', true, ${d(3, 9, 1)}, ${d(5, 2, 28)}, coalesce(att.pal2, 0)::numeric, 2::numeric),
				('pal-phase-3', true, ${d(5, 9, 1)}, ${d(7, 2, 28)},
					(coalesce(att.pal3, 0) + coalesce(o.offered, 0))::numeric, 2::numeric),
				('work-experience-ks3', true, ${d(0, 9, 1)}, ${d(3, 8, 31)}, coalesce(att.days3, 0)::numeric, 5::numeric),
				('work-experience-ks4', true, ${d(3, 9, 1)}, ${d(5, 8, 31)}, coalesce(att.days4, 0)::numeric, 5::numeric)
			) as r(rule_id, applies, opens, closes, have, needed)
			where r.rule_id = any(${sql.param([...f.rules])}::text[])
		)
		select rules.rule_id, yg.n::int as year_group,
			count(s.status) filter (where s.status <> 'na')::int as eligible,
			count(s.status) filter (where s.status = 'met')::int as met,
			count(s.status) filter (where s.status = 'on-track')::int as on_track,
			count(s.status) filter (where s.status = 'at-risk')::int as at_risk,
			count(s.status) filter (where s.status = 'missed')::int as missed,
			count(s.status) filter (where s.status = 'na')::int as not_applicable
		from unnest(${sql.param([...f.rules])}::text[]) with ordinality as rules(rule_id, ord)
		cross join generate_series(${f.lowestYear}::int, ${f.highestYear}::int) as yg(n)
		left join s on s.rule_id = rules.rule_id and s.yg = yg.n
		group by rules.rule_id, rules.ord, yg.n
		order by rules.ord, yg.n`;
}

/** One query: every rule × year group cell, zeros included, in the order of `rules` then year group. */
export async function complianceFloor(q: Queryable, f: FloorParameters): Promise<FloorCell[]> {
	const result = await q.execute(complianceFloorQuery(f));
	// Both drivers (pg and PGlite) answer with { rows }.
	const { rows } = result as unknown as { rows: Row[] };
	return rows.map((r) => ({
		ruleId: r.rule_id,
		yearGroup: r.year_group,
		eligible: r.eligible,
		met: r.met,
		onTrack: r.on_track,
		atRisk: r.at_risk,
		missed: r.missed,
		notApplicable: r.not_applicable
	}));
}
