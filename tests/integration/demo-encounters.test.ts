/**
 * The demo's partners and encounters (issue 5), written by createDemo in its one transaction: seven
 * years of delivered activities at Riverside that all pass the form's rules, attendance with absences,
 * guidance meetings, referrals, destinations, and the deliberate gaps the dashboards should find.
 * PGlite by default, PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { freshDatabase, testDriver, type DatabaseHandle } from '../support/database.ts';
import { useDatabase, type Db } from '../../src/lib/server/db/client.ts';
import { createDemo, generateDemo, type DemoSummary } from '../../src/lib/server/demo/index.ts';
import { generateDemoProgramme } from '../../src/lib/server/demo/programme.ts';
import { DEMO_ACTIVITY_YEARS, generateDemoEncounters } from '../../src/lib/server/demo/encounters.ts';
import { parseDeliveredActivityInput } from '../../src/lib/server/encounters/input.ts';
import { inSchoolDay } from '../../src/lib/domain/activities.ts';
import { DEFAULT_COMPLIANCE_SETTINGS, type School } from '../../src/lib/server/schools/service.ts';
import { academicYearStart } from '../../src/lib/domain/academic-year.ts';
import { destinationGroup } from '../../src/lib/domain/destinations.ts';

const TODAY = '2026-03-16';
const CURRENT = academicYearStart(TODAY);

let handle: DatabaseHandle;
let db: Db;
let summary: DemoSummary;

async function rows<T>(query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as { rows: T[] };
	return result.rows;
}

async function one<T>(query: SQL): Promise<T> {
	const [row] = await rows<T>(query);
	if (!row) throw new Error('No row');
	return row;
}

function schoolId(name: string): string {
	const school = summary.schools.find((s) => s.name === name);
	if (!school) throw new Error(`No school ${name}`);
	return school.id;
}

type OrganisationRow = {
	id: string;
	urn: string;
	name: string;
	lowest_year: number;
	highest_year: number;
	school_day_starts: string;
	school_day_ends: string;
};

async function school(name: string): Promise<School> {
	const o = await one<OrganisationRow>(
		sql`select id, urn, name, lowest_year, highest_year, school_day_starts::text, school_day_ends::text
			from organisations where id = ${schoolId(name)}`
	);
	return {
		id: o.id,
		urn: o.urn,
		name: o.name,
		phase: 'secondary',
		lowestYear: Number(o.lowest_year),
		highestYear: Number(o.highest_year),
		schoolDayStarts: o.school_day_starts.slice(0, 5),
		schoolDayEnds: o.school_day_ends.slice(0, 5),
		...DEFAULT_COMPLIANCE_SETTINGS,
		isDemo: true
	};
}

/** Row counts and a few sums that any difference between two runs would change. */
async function signature() {
	return one<Record<string, number>>(sql`select
		(select count(*)::int from partners) as partners,
		(select count(*)::int from partner_contacts) as contacts,
		(select count(*)::int from delivered_activities) as activities,
		(select count(*)::int from delivered_activities where planned_activity_id is not null) as linked,
		(select count(*)::int from delivered_activity_partners) as activity_partners,
		(select count(*)::int from attendance) as attendance,
		(select count(*)::int from attendance where attended) as attended,
		(select count(*)::int from attendance where reflection is not null) as reflections,
		(select count(*)::int from teaching_groups) as teaching_groups,
		(select count(*)::int from teaching_group_members) as members,
		(select count(*)::int from guidance_meetings) as meetings,
		(select count(*)::int from guidance_meetings where adviser_level = 4) as level4,
		(select count(*)::int from referrals) as referrals,
		(select count(*)::int from referrals where status = 'open') as open_referrals,
		(select count(*)::int from destinations) as destinations,
		(select count(*)::int from destinations where nccis_code in ('540', '610', '619')) as neet,
		(select count(*)::int from pupils where considering_he) as considering_he,
		(select coalesce(sum(days), 0)::int from delivered_activities) as days`);
}

type ActivityRow = {
	id: string;
	school_id: string;
	title: string;
	description: string | null;
	type: string;
	academic_year: number;
	date: string;
	end_date: string | null;
	start_time: string | null;
	end_time: string | null;
	provider_type: string | null;
	benchmarks: number[];
	year_groups: number[];
	purpose_shared: boolean;
	outcomes_set: boolean;
	two_way_interaction: boolean;
	reflection: boolean;
	employer_set_task: boolean;
	employer_feedback: boolean;
	days: string | number | null;
	pal_provider_info: boolean;
	pal_careers_info: boolean;
	pal_learning_info: boolean;
	pal_questions_answered: boolean;
	planned_activity_id: string | null;
	ref: string | null;
};

async function deliveredRows(): Promise<ActivityRow[]> {
	return rows<ActivityRow>(sql`select id, school_id, title, description, type, academic_year, date::text, end_date::text,
		to_char(start_time, 'HH24:MI') as start_time, to_char(end_time, 'HH24:MI') as end_time, provider_type,
		benchmarks, year_groups, purpose_shared, outcomes_set, two_way_interaction, reflection, employer_set_task,
		employer_feedback, days, pal_provider_info, pal_careers_info, pal_learning_info, pal_questions_answered,
		planned_activity_id, ref
		from delivered_activities order by school_id, date, ref`);
}

const pal = (a: ActivityRow) =>
	a.pal_provider_info && a.pal_careers_info && a.pal_learning_info && a.pal_questions_answered;

describe(`demo partners and encounters (${testDriver()})`, () => {
	beforeAll(async () => {
		handle = await freshDatabase();
		useDatabase(handle);
		db = handle.db;
		const started = performance.now();
		summary = await createDemo(db, { today: TODAY });
		console.info(`createDemo with encounters on ${testDriver()}: ${Math.round(performance.now() - started)} ms`);
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('gives Riverside seven academic years of delivered activities, none after today', async () => {
		const years = await rows<{ year: number; n: number }>(
			sql`select academic_year as year, count(*)::int as n from delivered_activities
				where school_id = ${schoolId('Riverside Academy')} group by academic_year order by academic_year`
		);
		expect(years.map((y) => Number(y.year))).toEqual(
			Array.from({ length: DEMO_ACTIVITY_YEARS }, (_, i) => CURRENT - DEMO_ACTIVITY_YEARS + 1 + i)
		);
		for (const y of years) expect(y.n, `${y.year}`).toBeGreaterThanOrEqual(25);
		const latest = await one<{ latest: string }>(
			sql`select max(coalesce(end_date, date))::text as latest from delivered_activities`
		);
		expect(latest.latest <= TODAY).toBe(true);
		const hillcrest = await one<{ years: number; n: number }>(
			sql`select count(distinct academic_year)::int as years, count(*)::int as n from delivered_activities
				where school_id = ${schoolId('Hillcrest School')}`
		);
		expect(hillcrest.years).toBeGreaterThanOrEqual(1);
		expect(hillcrest.n).toBeGreaterThanOrEqual(20);
	});

	it('records every delivered activity as the form would accept it', async () => {
		const schools = new Map<string, School>();
		for (const name of ['Riverside Academy', 'Hillcrest School']) schools.set(schoolId(name), await school(name));
		const all = await deliveredRows();
		expect(all.length).toBeGreaterThan(300);
		const refs = new Set<string>();
		for (const a of all) {
			const parsed = parseDeliveredActivityInput(
				schools.get(a.school_id) as School,
				{
					title: a.title,
					description: a.description,
					type: a.type,
					date: a.date,
					endDate: a.end_date,
					startTime: a.start_time,
					endTime: a.end_time,
					providerType: a.provider_type,
					benchmarks: a.benchmarks.map(Number),
					yearGroups: a.year_groups.map(Number),
					purposeShared: a.purpose_shared,
					outcomesSet: a.outcomes_set,
					twoWayInteraction: a.two_way_interaction,
					reflection: a.reflection,
					employerSetTask: a.employer_set_task,
					employerFeedback: a.employer_feedback,
					days: a.days === null ? null : Number(a.days),
					palProviderInfo: a.pal_provider_info,
					palCareersInfo: a.pal_careers_info,
					palLearningInfo: a.pal_learning_info,
					palQuestionsAnswered: a.pal_questions_answered,
					plannedActivityId: a.planned_activity_id,
					ref: a.ref
				},
				TODAY
			);
			expect(parsed.ok ? [] : parsed.errors, `${a.ref} ${a.title}`).toEqual([]);
			if (!parsed.ok) continue;
			expect(parsed.values.academicYear).toBe(Number(a.academic_year));
			expect(parsed.values.benchmarks).toEqual(a.benchmarks.map(Number));
			expect(parsed.values.yearGroups).toEqual(a.year_groups.map(Number));
			expect(a.year_groups.length).toBeGreaterThan(0);
			const key = `${a.school_id}/${a.ref}`;
			expect(refs.has(key), key).toBe(false);
			refs.add(key);
		}
	});

	it('mostly runs in the school day, with evening events that are not', async () => {
		const riverside = await school('Riverside Academy');
		const all = (await deliveredRows()).filter((a) => a.school_id === riverside.id && a.start_time);
		const inDay = all.filter((a) => inSchoolDay({ startTime: a.start_time, endTime: a.end_time }, riverside));
		expect(inDay.length / all.length).toBeGreaterThan(0.8);
		const evenings = all.filter((a) => (a.start_time as string) >= '18:00');
		expect(evenings.some((a) => a.title.includes('Year 11 post-16 options evening') && a.end_time === '20:00')).toBe(
			true
		);
		expect(evenings.some((a) => a.title.startsWith('Careers and post-16 fair'))).toBe(true);
	});

	it('has provider-access encounters before 28 February, one missing an element and one outside the school day', async () => {
		const riverside = await school('Riverside Academy');
		const access = (await deliveredRows()).filter((a) => a.school_id === riverside.id && a.type === 'provider-access');
		const counted = (a: ActivityRow) =>
			pal(a) && inSchoolDay({ startTime: a.start_time, endTime: a.end_time }, riverside);
		for (const year of [CURRENT - 1, CURRENT - 2]) {
			for (const group of [8, 9, 10, 11]) {
				const forGroup = access.filter(
					(a) => Number(a.academic_year) === year && a.year_groups.map(Number).includes(group)
				);
				expect(forGroup.length, `Y${group} in ${year}`).toBeGreaterThan(0);
				if (group === 9 || group === 11) {
					expect(forGroup.some((a) => a.date < `${year + 1}-02-28`)).toBe(true);
				}
			}
		}
		const missing = access.filter(
			(a) => !pal(a) && inSchoolDay({ startTime: a.start_time, endTime: a.end_time }, riverside)
		);
		expect(missing.map((a) => [Number(a.academic_year), a.year_groups.map(Number), a.pal_questions_answered])).toEqual([
			[CURRENT - 1, [9], false]
		]);
		const outsideTheDay = access.filter(
			(a) => pal(a) && !inSchoolDay({ startTime: a.start_time, endTime: a.end_time }, riverside)
		);
		const afterSchool = outsideTheDay.filter((a) => !a.title.includes('evening'));
		expect(afterSchool.map((a) => [Number(a.academic_year), a.year_groups.map(Number), a.start_time])).toEqual([
			[CURRENT - 1, [10], '15:45']
		]);
		expect(access.filter(counted).length).toBeGreaterThan(30);
	});

	it('gives Year 10 a five-day placement and Year 12 workplace experience, with employer encounters each year', async () => {
		const all = (await deliveredRows()).filter((a) => a.school_id === schoolId('Riverside Academy'));
		const y10 = all.filter((a) => a.type === 'workplace-experience' && a.year_groups.map(Number).join() === '10');
		expect(y10.length).toBeGreaterThanOrEqual(5);
		for (const a of y10) {
			expect(Number(a.days)).toBe(5);
			expect(new Date(`${a.date}T00:00:00Z`).getUTCDay()).toBe(1);
			expect(a.end_date).toBe(new Date(Date.parse(`${a.date}T00:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10));
			expect(a.employer_set_task && a.employer_feedback).toBe(true);
		}
		expect(all.some((a) => a.type === 'workplace-experience' && a.year_groups.map(Number).includes(12))).toBe(true);
		const employer = all.filter((a) => a.type === 'employer-encounter');
		for (let year = CURRENT - 6; year <= CURRENT; year++) {
			expect(employer.some((a) => Number(a.academic_year) === year && a.two_way_interaction && a.reflection)).toBe(
				true
			);
		}
		// Some are not meaningful: no two-way interaction.
		expect(employer.some((a) => !a.two_way_interaction)).toBe(true);
		const he = all.filter((a) => a.type === 'he-encounter' && a.year_groups.map(Number).includes(12));
		expect(new Set(he.map((a) => Number(a.academic_year))).size).toBeGreaterThanOrEqual(6);
	});

	it('links delivered activities to the planned activities of the same year', async () => {
		const links = await rows<{ delivered: number; planned: number; n: number }>(
			sql`select d.academic_year as delivered, p.academic_year as planned, count(*)::int as n
				from delivered_activities d join activities a on a.id = d.planned_activity_id
				join programmes p on p.id = a.programme_id
				group by d.academic_year, p.academic_year`
		);
		expect(links.length).toBeGreaterThan(0);
		for (const l of links) expect(Number(l.planned)).toBe(Number(l.delivered));
		const linked = links.reduce((sum, l) => sum + l.n, 0);
		expect(linked).toBeGreaterThan(40);
		const types = await one<{ n: number }>(
			sql`select count(*)::int as n from delivered_activities d join activities a on a.id = d.planned_activity_id
				where a.type <> d.type`
		);
		expect(types.n).toBe(0);
	});

	it('records attendance with absences, most of them by pupils who are often absent', async () => {
		const overall = await one<{ total: number; absent: number }>(
			sql`select count(*)::int as total, count(*) filter (where not attended)::int as absent from attendance`
		);
		expect(overall.total).toBeGreaterThan(30_000);
		expect(overall.absent).toBeGreaterThan(0);
		const byBand = await rows<{ band: string; rate: number }>(
			sql`select case when p.attendance_percent < 90 then 'persistent' else 'regular' end as band,
					avg(case when a.attended then 0 else 1 end)::float as rate
				from attendance a join pupils p on p.id = a.pupil_id
				join delivered_activities d on d.id = a.delivered_activity_id
				where d.type in ('provider-access', 'lmi') and d.title not like '%options evening%'
				group by 1`
		);
		const rate = (band: string) => byBand.find((b) => b.band === band)?.rate ?? Number.NaN;
		expect(rate('persistent')).toBeGreaterThan(2 * rate('regular'));
		// Whole-year events in the school day: 90–97% came.
		const wholeYear = await rows<{ rate: number }>(
			sql`select avg(case when a.attended then 1 else 0 end)::float as rate
				from attendance a join delivered_activities d on d.id = a.delivered_activity_id
				where d.title like 'Provider access: T levels talk%' group by d.id`
		);
		expect(wholeYear.length).toBeGreaterThan(5);
		for (const w of wholeYear) {
			expect(w.rate).toBeGreaterThan(0.86);
			expect(w.rate).toBeLessThan(0.995);
		}
	});

	it('follows a current Year 13 pupil back to Year 7', async () => {
		const [best] = await rows<{ years: number }>(
			sql`select count(distinct d.academic_year)::int as years
				from attendance a join delivered_activities d on d.id = a.delivered_activity_id
				join pupils p on p.id = a.pupil_id
				where p.school_id = ${schoolId('Riverside Academy')} and p.entered_year7 = ${CURRENT - 6}
					and p.leaving_date is null and a.attended
				group by p.id order by 1 desc limit 1`
		);
		expect(best?.years).toBe(7);
	});

	it('leaves some pupils without an employer encounter this year, disadvantaged pupils more often', async () => {
		const rates = await rows<{ pupil_premium: boolean; pupils: number; without: number }>(
			sql`select p.pupil_premium, count(*)::int as pupils,
					count(*) filter (where not exists (
						select 1 from attendance a join delivered_activities d on d.id = a.delivered_activity_id
						where a.pupil_id = p.id and a.attended and d.academic_year = ${CURRENT}
							and d.type = 'employer-encounter'))::int as without
				from pupils p
				where p.school_id = ${schoolId('Riverside Academy')} and p.leaving_date is null
					and ${CURRENT}::int - p.entered_year7 + 7 between 7 and 11
				group by p.pupil_premium`
		);
		const share = (pp: boolean) => {
			const r = rates.find((x) => x.pupil_premium === pp);
			return r ? r.without / r.pupils : Number.NaN;
		};
		expect(share(false)).toBeGreaterThan(0);
		expect(share(true)).toBeGreaterThan(share(false) * 1.3);
	});

	it('has guidance meetings for most of Years 11 and 13, some with the Level 4 adviser', async () => {
		const byAdviser = await rows<{ email: string; level: number; n: number }>(
			sql`select u.email, g.adviser_level as level, count(*)::int as n from guidance_meetings g
				join users u on u.id = g.adviser_user_id group by u.email, g.adviser_level order by u.email`
		);
		expect(byAdviser.map((r) => [r.email, Number(r.level)])).toEqual([
			['assistant.adviser@demo.waymark.school', 4],
			['careers.adviser@demo.waymark.school', 6]
		]);
		for (const r of byAdviser) expect(r.n).toBeGreaterThan(50);
		const seen = await rows<{ group: number; pupils: number; level6: number }>(
			sql`select ${CURRENT - 1}::int - p.entered_year7 + 7 as group, count(*)::int as pupils,
					count(*) filter (where exists (select 1 from guidance_meetings g where g.pupil_id = p.id
						and g.adviser_level >= 6 and g.status = 'held'
						and g.date between ${`${CURRENT - 1}-09-01`} and ${`${CURRENT}-08-31`}))::int as level6
				from pupils p where p.school_id = ${schoolId('Riverside Academy')}
					and ${CURRENT - 1}::int - p.entered_year7 + 7 in (11, 13)
					and (p.leaving_date is null or p.leaving_date >= ${`${CURRENT}-06-01`})
				group by 1 order by 1`
		);
		expect(seen.map((s) => Number(s.group))).toEqual([11, 13]);
		for (const s of seen) {
			expect(s.level6 / s.pupils).toBeGreaterThan(0.7);
			expect(s.level6 / s.pupils).toBeLessThan(0.97);
		}
		const future = await one<{ held: number; booked: number }>(
			sql`select count(*) filter (where status = 'held' and date > ${TODAY})::int as held,
				count(*) filter (where status = 'booked' and date <= ${TODAY})::int as booked from guidance_meetings`
		);
		expect(future).toEqual({ held: 0, booked: 0 });
	});

	it('has referrals, some open and some closed by a meeting that points back at them', async () => {
		const statuses = await rows<{ status: string; with_meeting: boolean; n: number }>(
			sql`select status, meeting_id is not null as with_meeting, count(*)::int as n from referrals group by 1, 2`
		);
		expect(statuses.find((s) => s.status === 'open')?.n ?? 0).toBeGreaterThan(0);
		expect(statuses.find((s) => s.status === 'closed' && s.with_meeting)?.n ?? 0).toBeGreaterThan(10);
		expect(statuses.find((s) => s.status === 'open' && s.with_meeting)).toBeUndefined();
		const mismatched = await one<{ n: number }>(
			sql`select count(*)::int as n from referrals r left join guidance_meetings g on g.id = r.meeting_id
				where r.meeting_id is not null and (g.id is null or g.referral_id <> r.id or g.pupil_id <> r.pupil_id)`
		);
		expect(mismatched.n).toBe(0);
	});

	it('has actual destinations for three leaver cohorts, with NEET and not known, and intended ones for Years 11 and 13', async () => {
		const riverside = schoolId('Riverside Academy');
		const actual = await rows<{ year: number; code: string; consent: boolean | null; post16: boolean }>(
			sql`select d.academic_year as year, d.nccis_code as code, d.consent,
					(p.leaving_date is not null and extract(year from p.leaving_date)::int - p.entered_year7 >= 6) as post16
				from destinations d join pupils p on p.id = d.pupil_id
				where d.school_id = ${riverside} and d.kind = 'actual'`
		);
		const firstYears = new Set(actual.map((a) => Number(a.year)));
		for (const year of [CURRENT - 2, CURRENT - 1, CURRENT]) expect(firstYears.has(year), `${year}`).toBe(true);
		const groups = actual.map((a) => destinationGroup(a.code));
		expect(groups.every((g) => g !== undefined)).toBe(true);
		const share = (g: string) => groups.filter((x) => x === g).length / groups.length;
		expect(share('neet')).toBeGreaterThan(0);
		expect(share('neet')).toBeLessThan(0.12);
		expect(share('not-known')).toBeGreaterThan(0);
		expect(share('education')).toBeGreaterThan(0.5);
		expect(share('apprenticeship')).toBeGreaterThan(0.03);
		expect(actual.filter((a) => a.post16 && a.consent !== null).length).toBeGreaterThan(100);
		const intended = await rows<{ group: number; pupils: number; with_intended: number }>(
			sql`select ${CURRENT}::int - p.entered_year7 + 7 as group, count(*)::int as pupils,
					count(*) filter (where exists (select 1 from destinations d where d.pupil_id = p.id
						and d.kind = 'intended' and d.academic_year = ${CURRENT + 1}))::int as with_intended
				from pupils p where p.school_id = ${riverside} and p.leaving_date is null
					and ${CURRENT}::int - p.entered_year7 + 7 in (11, 13)
				group by 1 order by 1`
		);
		expect(intended.map((i) => Number(i.group))).toEqual([11, 13]);
		for (const i of intended) expect(i.with_intended / i.pupils).toBeGreaterThan(0.75);
		const recorded = await one<{ latest: string }>(sql`select max(recorded_on)::text as latest from destinations`);
		expect(recorded.latest <= TODAY).toBe(true);
	});

	it('has partners of every kind with contacts, and teaching groups for this year', async () => {
		const partners = await rows<{
			kind: string;
			sector: string | null;
			size: string | null;
			ukprn: string | null;
			contacts: number;
		}>(
			sql`select p.kind, p.sector, p.size, p.ukprn, count(c.id)::int as contacts
				from partners p left join partner_contacts c on c.partner_id = p.id
				where p.school_id = ${schoolId('Riverside Academy')} group by p.id`
		);
		expect(partners.length).toBeGreaterThanOrEqual(15);
		const kinds = partners.map((p) => p.kind);
		for (const kind of [
			'employer',
			'sixth-form',
			'fe-college',
			'itp',
			'apprenticeship-provider',
			'careers-guidance',
			'careers-hub'
		])
			expect(kinds, kind).toContain(kind);
		expect(kinds.filter((k) => k === 'he-provider')).toHaveLength(2);
		for (const p of partners) {
			expect(p.contacts).toBeGreaterThan(0);
			if (p.kind === 'employer') expect(p.sector && p.size).toBeTruthy();
			if (['fe-college', 'itp', 'sixth-form'].includes(p.kind)) expect(p.ukprn).toMatch(/^\d{8}$/);
		}
		const hillcrest = await one<{ n: number }>(
			sql`select count(*)::int as n from partners where school_id = ${schoolId('Hillcrest School')}`
		);
		expect(hillcrest.n).toBeGreaterThanOrEqual(3);
		const groups = await rows<{ year: number; n: number }>(
			sql`select academic_year as year, count(*)::int as n from teaching_groups
				where school_id = ${schoolId('Riverside Academy')} group by 1`
		);
		expect(groups.map((g) => Number(g.year))).toEqual([CURRENT]);
		expect(groups[0]?.n).toBeGreaterThan(30);
		const sets = await one<{ n: number }>(
			sql`select count(*)::int as n from teaching_groups where name ~ '^(7|8|9|10|11)Ma[0-9]$'
				and school_id = ${schoolId('Riverside Academy')}`
		);
		expect(sets.n).toBe(30);
	});

	it('leaves no row pointing at nothing', async () => {
		const orphans = await one<Record<string, number>>(sql`select
			(select count(*)::int from attendance a where not exists (select 1 from pupils p where p.id = a.pupil_id)
				or not exists (select 1 from delivered_activities d where d.id = a.delivered_activity_id)) as attendance,
			(select count(*)::int from teaching_group_members m where not exists (select 1 from pupils p where p.id = m.pupil_id)
				or not exists (select 1 from teaching_groups g where g.id = m.group_id)) as members,
			(select count(*)::int from delivered_activity_partners x where not exists (select 1 from partners p where p.id = x.partner_id)) as partners,
			(select count(*)::int from guidance_meetings g where not exists (select 1 from pupils p where p.id = g.pupil_id)) as meetings,
			(select count(*)::int from destinations d where not exists (select 1 from pupils p where p.id = d.pupil_id)) as destinations,
			(select count(*)::int from attendance a join delivered_activities d on d.id = a.delivered_activity_id
				join pupils p on p.id = a.pupil_id where p.school_id <> d.school_id) as cross_school`);
		expect(orphans).toEqual({
			attendance: 0,
			members: 0,
			partners: 0,
			meetings: 0,
			destinations: 0,
			cross_school: 0
		});
		// The checks are back on for everything after the demo.
		const mode = await one<{ mode: string }>(sql`select current_setting('session_replication_role') as mode`);
		expect(mode.mode).toBe('origin');
	});

	it('creates the same demo again on the same date', async () => {
		const before = await signature();
		const started = performance.now();
		summary = await createDemo(db, { today: TODAY });
		console.info(`createDemo again (replacing) on ${testDriver()}: ${Math.round(performance.now() - started)} ms`);
		expect(await signature()).toEqual(before);
		expect(before.attendance).toBeGreaterThan(30_000);
	});

	it('generates the same encounters from the same inputs, and nothing in the future on any day of the year', () => {
		const days = ['2026-09-01', '2026-11-23', '2027-02-27', '2027-08-31'];
		for (const today of days) {
			const data = generateDemo('waymark-demo', today);
			const programme = generateDemoProgramme(data.seed, today, data.academicYear);
			const encounters = generateDemoEncounters(data, programme);
			if (today === '2026-11-23') expect(generateDemoEncounters(data, programme)).toEqual(encounters);
			const riverside: School = {
				id: 'riverside',
				urn: '999001',
				name: 'Riverside Academy',
				phase: 'secondary',
				lowestYear: 7,
				highestYear: 13,
				schoolDayStarts: '08:30',
				schoolDayEnds: '15:30',
				...DEFAULT_COMPLIANCE_SETTINGS,
				isDemo: true
			};
			const hillcrest: School = { ...riverside, id: 'hillcrest', urn: '999002', highestYear: 11 };
			for (const a of encounters.activities) {
				const parsed = parseDeliveredActivityInput(a.school === 'riverside' ? riverside : hillcrest, a, today);
				expect(parsed.ok ? [] : parsed.errors, `${today} ${a.ref} ${a.title}`).toEqual([]);
				expect((a.endDate ?? a.date) <= today, `${today} ${a.title}`).toBe(true);
			}
			const years = new Set(encounters.activities.filter((a) => a.school === 'riverside').map((a) => a.academicYear));
			expect(years.size, today).toBeGreaterThanOrEqual(DEMO_ACTIVITY_YEARS - 1);
			for (const m of encounters.meetings) expect(m.status === 'held' ? m.date <= today : m.date > today).toBe(true);
			for (const r of encounters.referrals) {
				expect(r.date <= today).toBe(true);
				if (r.closedOn) expect(r.closedOn <= today).toBe(true);
			}
			for (const d of encounters.destinations) expect(d.recordedOn <= today, `${today} ${d.upn}`).toBe(true);
		}
	});
});
