/**
 * Gap analysis for a school's year: the benchmark × year group cells nothing planned covers, and for
 * each whether the development plan already has an action made from it. Turning a gap into an action
 * goes through the development plan's own service (plan.edit).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { activities, activityBenchmarks, developmentActions } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { createDevelopmentAction } from '../plan/service.ts';
import { BENCHMARK_NUMBERS, coverage, coverageOf, findGaps, yearGroupsOf } from '../../domain/gaps.ts';
import { benchmarkName, checkAcademicYear, findProgrammeId, frameworkFor } from './programme.ts';

export type GapCell = {
	benchmark: number;
	yearGroup: number;
	/** How many planned activities cover the cell. */
	planned: number;
	/** Set when the development plan has an action made from this gap. */
	actionId: string | null;
};

export type GapAnalysis = {
	academicYear: number;
	yearGroups: number[];
	benchmarks: { number: number; title: string }[];
	/** Every cell, by benchmark then year group. */
	cells: GapCell[];
	/** Only the cells with nothing planned. */
	gaps: GapCell[];
};

export async function gapAnalysis(actor: Actor, school: School, academicYear: number): Promise<GapAnalysis> {
	authorise(actor, 'programme.view', school.id);
	checkAcademicYear(academicYear);
	const q = db();
	const framework = await frameworkFor(q, school.id, academicYear);
	const programmeId = await findProgrammeId(q, school.id, academicYear);
	const planned = programmeId
		? await q
				.select({ id: activities.id, yearGroups: activities.yearGroups, benchmark: activityBenchmarks.benchmark })
				.from(activities)
				.leftJoin(activityBenchmarks, eq(activityBenchmarks.activityId, activities.id))
				.where(eq(activities.programmeId, programmeId))
		: [];
	const byActivity = new Map<string, { yearGroups: number[]; benchmarks: number[] }>();
	for (const row of planned) {
		const entry = byActivity.get(row.id) ?? { yearGroups: row.yearGroups, benchmarks: [] };
		if (row.benchmark !== null) entry.benchmarks.push(row.benchmark);
		byActivity.set(row.id, entry);
	}
	const actions = await q
		.select({ id: developmentActions.id, b: developmentActions.gapBenchmark, y: developmentActions.gapYearGroup })
		.from(developmentActions)
		.where(
			and(
				eq(developmentActions.schoolId, school.id),
				eq(developmentActions.academicYear, academicYear),
				isNotNull(developmentActions.gapBenchmark),
				isNotNull(developmentActions.gapYearGroup)
			)
		);
	const actionFor = new Map(actions.map((a) => [`${a.b}:${a.y}`, a.id]));
	const range = { lowestYear: school.lowestYear, highestYear: school.highestYear };
	const counts = coverage([...byActivity.values()], range);
	const yearGroups = yearGroupsOf(range);
	const cells = BENCHMARK_NUMBERS.flatMap((benchmark) =>
		yearGroups.map((yearGroup) => ({
			benchmark,
			yearGroup,
			planned: coverageOf(counts, benchmark, yearGroup),
			actionId: actionFor.get(`${benchmark}:${yearGroup}`) ?? null
		}))
	);
	const gapKeys = new Set(findGaps([...byActivity.values()], range).map((g) => `${g.benchmark}:${g.yearGroup}`));
	return {
		academicYear,
		yearGroups,
		benchmarks: BENCHMARK_NUMBERS.map((n) => ({
			number: n,
			title: framework.benchmarks.find((b) => b.number === n)?.title ?? `Benchmark ${n}`
		})),
		cells,
		gaps: cells.filter((c) => gapKeys.has(`${c.benchmark}:${c.yearGroup}`))
	};
}

/** "Plan a Benchmark 6 (Experiences of workplaces) activity for Year 10" */
export function gapActionTitle(name: string, yearGroup: number): string {
	return `Plan a ${name} activity for Year ${yearGroup}`;
}

/**
 * Turns a gap into a development-plan action (plan.edit). If the plan already has an action made from
 * this gap, that one is returned and nothing is added.
 */
export async function gapToAction(
	actor: Actor,
	school: School,
	input: { academicYear: number; benchmark: number; yearGroup: number },
	requestId?: string
): Promise<{ actionId: string; created: boolean; title: string }> {
	authorise(actor, 'plan.edit', school.id);
	checkAcademicYear(input.academicYear);
	const { benchmark, yearGroup, academicYear } = input;
	if (!Number.isInteger(benchmark) || benchmark < 1 || benchmark > 8)
		throw ValidationError.one('benchmark', 'Choose a benchmark from 1 to 8');
	if (!Number.isInteger(yearGroup) || yearGroup < school.lowestYear || yearGroup > school.highestYear)
		throw ValidationError.one(
			'yearGroup',
			`Choose a year group from ${school.lowestYear} to ${school.highestYear}, the years ${school.name} teaches`
		);
	const [existing] = await db()
		.select({ id: developmentActions.id, title: developmentActions.title })
		.from(developmentActions)
		.where(
			and(
				eq(developmentActions.schoolId, school.id),
				eq(developmentActions.academicYear, academicYear),
				eq(developmentActions.gapBenchmark, benchmark),
				eq(developmentActions.gapYearGroup, yearGroup)
			)
		);
	if (existing) return { actionId: existing.id, created: false, title: existing.title };
	const framework = await frameworkFor(db(), school.id, academicYear);
	const title = gapActionTitle(benchmarkName(framework, benchmark), yearGroup);
	const action = await createDevelopmentAction(
		actor,
		school,
		{ academicYear, title, benchmarks: [benchmark], gapBenchmark: benchmark, gapYearGroup: yearGroup },
		requestId
	);
	return { actionId: action.id, created: true, title };
}
