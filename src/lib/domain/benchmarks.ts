/**
 * The Gatsby Benchmarks as versioned data: the 2014 set (academic years up to 2024/25) and the 2024
 * refresh (from 2025/26). Titles are the published ones; summaries and criteria are in our own words
 * (the Gatsby Foundation owns the wording), each with a link to the source.
 *
 * Criterion ids are STABLE: programme, evaluation and compliance all speak of the same thing by id.
 * An id that means the same in both sets (e.g. `bm5-employer-encounter-each-year`) is the same id in
 * both; its wording may differ. A 2024 criterion that takes over from differently named 2014 ones says
 * so in `replaces`.
 */

export const FRAMEWORK_IDS = ['gatsby-2014', 'gatsby-2024'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export const BENCHMARK_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type BenchmarkNumber = (typeof BENCHMARK_NUMBERS)[number];

/** programme: judged for the school as a whole (status and evidence); pupil: computed per pupil from records. */
export type CriterionLevel = 'programme' | 'pupil';

export const CRITERION_LEVEL_LABELS: Record<CriterionLevel, string> = {
	programme: 'Whole-school',
	pupil: 'Each pupil'
};

export type Criterion = {
	id: string;
	benchmark: BenchmarkNumber;
	level: CriterionLevel;
	/** In our own words. */
	description: string;
	/** The published wording was not fully available: this is our reading, and help text says so. */
	ourReading?: boolean;
	/** Ids in the previous framework this criterion takes over from (renamed or merged). */
	replaces?: readonly string[];
};

export type Benchmark = {
	number: BenchmarkNumber;
	title: string;
	/** What the benchmark asks, in our own words. */
	summary: string;
	sourceUrl: string;
	criteria: readonly Criterion[];
};

export type Framework = {
	id: FrameworkId;
	/** "Gatsby Benchmarks (2014)" */
	name: string;
	/** The first academic year (start year) the framework is the default for. */
	firstAcademicYear: number | null;
	/** The last academic year (start year) it is the default for; null while current. */
	lastAcademicYear: number | null;
	sourceUrl: string;
	benchmarks: readonly Benchmark[];
};

const SOURCE_2014 = 'https://www.gatsby.org.uk/education/focus-areas/good-career-guidance';
const SOURCE_2024 = 'https://www.gatsbybenchmarks.org.uk/';

/** The first academic year (start year) judged against the 2024 benchmarks: 2025/26. */
export const FIRST_YEAR_OF_2024_BENCHMARKS = 2025;

type CriterionRow = [id: string, level: CriterionLevel, description: string, extra?: Partial<Criterion>];

function benchmark(
	number: BenchmarkNumber,
	title: string,
	summary: string,
	sourceUrl: string,
	rows: CriterionRow[]
): Benchmark {
	return {
		number,
		title,
		summary,
		sourceUrl,
		criteria: rows.map(([id, level, description, extra]) => ({ id, benchmark: number, level, description, ...extra }))
	};
}

const GATSBY_2014: Framework = {
	id: 'gatsby-2014',
	name: 'Gatsby Benchmarks (2014)',
	firstAcademicYear: null,
	lastAcademicYear: FIRST_YEAR_OF_2024_BENCHMARKS - 1,
	sourceUrl: SOURCE_2014,
	benchmarks: [
		benchmark(
			1,
			'A stable careers programme',
			'The school has a planned careers programme that everyone involved knows about, that leaders back, and that is reviewed.',
			SOURCE_2014,
			[
				[
					'bm1-embedded',
					'programme',
					'An embedded careers programme that pupils, parents, teachers, governors and employers know and understand'
				],
				[
					'bm1-senior-backing',
					'programme',
					'Explicit senior leadership backing, and a named, appropriately trained person responsible'
				],
				[
					'bm1-published',
					'programme',
					'The programme is published on the website so pupils, parents, teachers and employers can find and understand it'
				],
				[
					'bm1-evaluated',
					'programme',
					'Evaluated regularly using feedback from pupils, parents, teachers and employers'
				]
			]
		),
		benchmark(
			2,
			'Learning from career and labour market information',
			'Pupils and their parents use good information about jobs, pay and routes into work to make choices.',
			SOURCE_2014,
			[
				[
					'bm2-lmi-by-14',
					'pupil',
					'By the end of Year 9, used information about career paths and the labour market to inform option choices'
				],
				['bm2-parents-lmi', 'programme', 'Parents are encouraged to use labour-market and study-option information']
			]
		),
		benchmark(
			3,
			'Addressing the needs of each pupil',
			'Guidance fits each pupil: it challenges stereotypes, keeps a record of advice, and follows pupils after they leave.',
			SOURCE_2014,
			[
				[
					'bm3-challenge-stereotypes',
					'programme',
					'The programme challenges stereotypical thinking and raises aspirations'
				],
				[
					'bm3-records',
					'pupil',
					'A systematic record of advice given to the pupil and decisions agreed, which the pupil can see'
				],
				[
					'bm3-destinations-3-years',
					'programme',
					'Destinations kept for each pupil for at least three years after leaving (counted from the end of Year 11, and of Year 13)'
				]
			]
		),
		benchmark(
			4,
			'Linking curriculum learning to careers',
			'Teachers show how their subjects lead to careers; STEM subjects in particular.',
			SOURCE_2014,
			[
				['bm4-teachers-link', 'programme', 'All teachers link curriculum learning with careers'],
				['bm4-stem-by-14', 'pupil', 'By the end of Year 9, learned how STEM subjects lead to a wide range of careers']
			]
		),
		benchmark(
			5,
			'Encounters with employers and employees',
			'Every pupil meets employers and people in work, in several ways, every year.',
			SOURCE_2014,
			[
				[
					'bm5-employer-encounter-each-year',
					'pupil',
					'At least one meaningful employer encounter in each academic year from Year 7'
				],
				['bm5-range', 'programme', 'Several kinds of employer involvement (speakers, mentoring, enterprise activities)']
			]
		),
		benchmark(
			6,
			'Experiences of workplaces',
			'Every pupil sees what work is like first-hand: visits, shadowing or placements.',
			SOURCE_2014,
			[
				[
					'bm6-workplace-by-16',
					'pupil',
					'At least one workplace experience by the end of Year 11 (beyond any part-time job)'
				],
				['bm6-workplace-by-18', 'pupil', 'One further workplace experience in Year 12 or 13']
			]
		),
		benchmark(
			7,
			'Encounters with further and higher education',
			'Every pupil meets the places they could study next: sixth forms, colleges, universities and apprenticeship providers.',
			SOURCE_2014,
			[
				[
					'bm7-provider-range-by-16',
					'pupil',
					'By the end of Year 11, meaningful encounters with the full range of providers (sixth forms, colleges, universities, apprenticeship providers), meeting staff and learners'
				],
				[
					'bm7-he-visits-by-18',
					'pupil',
					'Pupils considering university: at least two university visits by the end of Year 13'
				]
			]
		),
		benchmark(
			8,
			'Personal guidance',
			'Every pupil has guidance interviews with a qualified careers adviser when they make important choices.',
			SOURCE_2014,
			[
				[
					'bm8-guidance-by-16',
					'pupil',
					'A guidance interview with a careers adviser (Level 6 or above) by the end of Year 11'
				],
				[
					'bm8-guidance-by-18',
					'pupil',
					'The opportunity of a further interview by the end of Year 13 (counts: had one, or was offered one and declined — record which)'
				],
				[
					'bm8-qualified-adviser',
					'programme',
					'Advisers are trained to an appropriate level (CDI register: Level 6 or above), internal or external'
				],
				[
					'bm8-timely',
					'programme',
					'Guidance is available when significant choices are made and timed to individual need'
				]
			]
		)
	]
};

const GATSBY_2024: Framework = {
	id: 'gatsby-2024',
	name: 'Gatsby Benchmarks (2024)',
	firstAcademicYear: FIRST_YEAR_OF_2024_BENCHMARKS,
	lastAcademicYear: null,
	sourceUrl: SOURCE_2024,
	benchmarks: [
		benchmark(
			1,
			'A stable careers programme',
			'A planned, sequenced programme led by a trained careers leader, backed by governors and leaders, shared with families and reviewed with feedback.',
			SOURCE_2024,
			[
				[
					'bm1-known-understood',
					'programme',
					'Known and understood by pupils, parents and carers, staff, governors, employers and other agencies',
					{ replaces: ['bm1-embedded'] }
				],
				[
					'bm1-backing',
					'programme',
					'Explicit backing of governors, the headteacher and senior leaders',
					{ replaces: ['bm1-senior-backing'] }
				],
				[
					'bm1-careers-leader',
					'programme',
					'An identified, appropriately trained careers leader',
					{ replaces: ['bm1-senior-backing'] }
				],
				[
					'bm1-sequenced',
					'programme',
					'Tailored to pupils’ needs, sequenced, underpinned by learning outcomes and linked to the school development plan'
				],
				['bm1-parents-plan', 'programme', 'Sets out how parents and carers will be engaged'],
				['bm1-published', 'programme', 'Published on the website and communicated in accessible ways'],
				[
					'bm1-evaluated',
					'programme',
					'Evaluated with feedback from pupils, parents and carers, teachers and other staff, careers advisers and employers'
				]
			]
		),
		benchmark(
			2,
			'Learning from careers and labour market information',
			'Pupils, families and staff use up-to-date information about careers, pathways and the labour market, at every key stage.',
			SOURCE_2024,
			[
				[
					'bm2-lmi-each-key-stage',
					'pupil',
					'Used careers, pathways and labour-market information in each key stage (KS3, KS4, KS5)',
					{ replaces: ['bm2-lmi-by-14'] }
				],
				[
					'bm2-quality-information',
					'programme',
					'Good-quality, up-to-date information for pupils, parents and carers and staff, with different or additional information for pupils with SEND and their families'
				],
				[
					'bm2-parents-supported',
					'programme',
					'Parents and carers are encouraged and supported to use it',
					{ replaces: ['bm2-parents-lmi'] }
				]
			]
		),
		benchmark(
			3,
			'Addressing the needs of each young person',
			'The programme fits each young person, with explicit attention to those facing barriers, and uses long-term destinations to improve.',
			SOURCE_2024,
			[
				[
					'bm3-tailored',
					'programme',
					'Tailored to each pupil, including vulnerable and disadvantaged pupils, those with SEND and those who are absent, helping them past barriers'
				],
				[
					'bm3-challenge-stereotypes',
					'programme',
					'Challenges misconceptions and stereotypes; shows a diverse range of role models'
				],
				[
					'bm3-records',
					'pupil',
					'A systematic record of each pupil’s experiences, advice and agreed decisions, which the pupil can see',
					{ ourReading: true }
				],
				[
					'bm3-destinations',
					'programme',
					'Sustained and longer-term destination data used to evaluate the programme; alumni involved',
					{ replaces: ['bm3-destinations-3-years'] }
				]
			]
		),
		benchmark(
			4,
			'Linking curriculum learning to careers',
			'Every subject, every year, shows every pupil how it helps people into careers; careers is part of staff development.',
			SOURCE_2024,
			[
				[
					'bm4-curriculum-careers-each-year',
					'pupil',
					'At least one curriculum-linked careers activity each academic year (the first measure of every subject, every year, every pupil; the subject and year coverage grid shows the fuller picture)',
					{ replaces: ['bm4-stem-by-14'] }
				],
				[
					'bm4-subject-routes',
					'programme',
					'Subject teachers highlight progression routes and relevance',
					{ replaces: ['bm4-teachers-link'] }
				],
				['bm4-staff-development', 'programme', 'Careers is part of the ongoing staff development programme']
			]
		),
		benchmark(
			5,
			'Encounters with employers and employees',
			'Every pupil has meaningful encounters with employers every year, and "meaningful" is now defined.',
			SOURCE_2024,
			[
				[
					'bm5-employer-encounter-each-year',
					'pupil',
					'At least one meaningful employer encounter each academic year from Year 7 (meaningful: purpose shared, outcomes set, two-way interaction, time to reflect)'
				],
				['bm5-range', 'programme', 'Varied employer involvement, in person or combined with virtual']
			]
		),
		benchmark(
			6,
			'Experiences of workplaces',
			'Every pupil has more than one meaningful experience of a workplace by 16, and another by 18.',
			SOURCE_2024,
			[
				[
					'bm6-workplace-by-16',
					'pupil',
					'Meaningful experiences (more than one; we count two, and a school can change that) of workplaces by the end of Year 11'
				],
				['bm6-workplace-by-18', 'pupil', 'At least one further meaningful workplace experience in Year 12 or 13']
			]
		),
		benchmark(
			7,
			'Encounters with further and higher education',
			'Every pupil meets the full range of places to study next, now including independent training providers.',
			SOURCE_2024,
			[
				[
					'bm7-provider-range-by-16',
					'pupil',
					'By the end of Year 11, meaningful encounters with the full range: sixth forms, colleges, higher education providers, independent training providers and apprenticeship providers'
				],
				[
					'bm7-he-visits-by-18',
					'pupil',
					'Pupils considering higher education: at least two visits to higher education providers by the end of Year 13'
				]
			]
		),
		benchmark(
			8,
			'Personal guidance',
			'Every pupil has personal guidance meetings with a qualified adviser, planned with the SENCO, and families know how to get them.',
			SOURCE_2024,
			[
				[
					'bm8-guidance-by-16',
					'pupil',
					'A personal guidance meeting with a careers adviser (Level 6 or above) by the end of Year 11'
				],
				[
					'bm8-guidance-by-18',
					'pupil',
					'A further meeting in Year 12 or 13 (whether this is "another" or "the opportunity of another" is our reading: record offered and declined)',
					{ ourReading: true }
				],
				['bm8-qualified-adviser', 'programme', 'Advisers trained to Level 6 or above'],
				[
					'bm8-with-senco',
					'programme',
					'The careers leader works with the adviser, the SENCO and key staff to plan guidance'
				],
				['bm8-parents-informed', 'programme', 'Parents and carers are told how their child can access guidance']
			]
		)
	]
};

/** Both frameworks, oldest first. */
export const FRAMEWORKS: readonly Framework[] = [GATSBY_2014, GATSBY_2024];

export function isFrameworkId(id: string): id is FrameworkId {
	return (FRAMEWORK_IDS as readonly string[]).includes(id);
}

/** The framework with this id, or undefined when there is none. */
export function frameworkById(id: string): Framework | undefined {
	return FRAMEWORKS.find((f) => f.id === id);
}

/** The framework an academic year (its start year: 2025 is 2025/26) is judged against unless overridden. */
export function defaultFrameworkFor(academicYear: number): Framework {
	return academicYear >= FIRST_YEAR_OF_2024_BENCHMARKS ? GATSBY_2024 : GATSBY_2014;
}

export class UnknownFrameworkError extends Error {
	constructor(id: string) {
		super(`Unknown benchmark framework "${id}". Frameworks are: ${FRAMEWORK_IDS.join(', ')}`);
	}
}

/** The framework in force for an academic year: the school's override when it has one, else the default. */
export function resolveFramework(academicYear: number, override?: string | null): Framework {
	if (override === undefined || override === null || override === '') return defaultFrameworkFor(academicYear);
	const framework = frameworkById(override);
	if (!framework) throw new UnknownFrameworkError(override);
	return framework;
}

export type CriterionLookup = { framework: Framework; benchmark: Benchmark; criterion: Criterion };

/**
 * A criterion by its stable id. Many ids exist in both frameworks: give `frameworkId` to choose, otherwise
 * the newest framework that has the id answers.
 */
export function criterionById(id: string, frameworkId?: FrameworkId): CriterionLookup | undefined {
	const frameworks = frameworkId ? FRAMEWORKS.filter((f) => f.id === frameworkId) : [...FRAMEWORKS].reverse();
	for (const framework of frameworks) {
		for (const bm of framework.benchmarks) {
			const criterion = bm.criteria.find((c) => c.id === id);
			if (criterion) return { framework, benchmark: bm, criterion };
		}
	}
	return undefined;
}

export type BenchmarkChanges = {
	number: BenchmarkNumber;
	/** Set when the title changed. */
	title: { from: string; to: string } | null;
	/** New in `to`, taking over from nothing. */
	added: Criterion[];
	/** In `from`, gone from `to` and not taken over by anything. */
	removed: Criterion[];
	/** Same id in both, with a different description or level. */
	reworded: { from: Criterion; to: Criterion }[];
	/** A criterion of `to` with a new id that takes over from one or more of `from`. */
	replaced: { from: Criterion[]; to: Criterion }[];
	/** Same id, same words. */
	unchanged: Criterion[];
};

/** What changed, benchmark by benchmark, from one framework to another (the 2014 → 2024 refresh). */
export function frameworkChanges(from: Framework | FrameworkId, to: Framework | FrameworkId): BenchmarkChanges[] {
	const a = typeof from === 'string' ? resolveFramework(0, from) : from;
	const b = typeof to === 'string' ? resolveFramework(0, to) : to;
	return BENCHMARK_NUMBERS.map((number) => {
		const before = a.benchmarks.find((bm) => bm.number === number);
		const after = b.benchmarks.find((bm) => bm.number === number);
		const oldCriteria = before?.criteria ?? [];
		const newCriteria = after?.criteria ?? [];
		const oldById = new Map(oldCriteria.map((c) => [c.id, c]));
		const newIds = new Set(newCriteria.map((c) => c.id));
		const takenOver = new Set<string>();
		const changes: BenchmarkChanges = {
			number,
			title: before && after && before.title !== after.title ? { from: before.title, to: after.title } : null,
			added: [],
			removed: [],
			reworded: [],
			replaced: [],
			unchanged: []
		};
		for (const criterion of newCriteria) {
			const same = oldById.get(criterion.id);
			if (same) {
				if (same.description !== criterion.description || same.level !== criterion.level)
					changes.reworded.push({ from: same, to: criterion });
				else changes.unchanged.push(criterion);
				continue;
			}
			const predecessors = (criterion.replaces ?? [])
				.map((id) => oldById.get(id))
				.filter((c): c is Criterion => c !== undefined);
			if (predecessors.length > 0) {
				for (const p of predecessors) takenOver.add(p.id);
				changes.replaced.push({ from: predecessors, to: criterion });
			} else {
				changes.added.push(criterion);
			}
		}
		changes.removed = oldCriteria.filter((c) => !newIds.has(c.id) && !takenOver.has(c.id));
		return changes;
	});
}

/** Statutory duties tracked beside the benchmarks (both frameworks); not Gatsby criteria. */
export type StatutoryItem = { id: string; levels: readonly CriterionLevel[]; description: string };

export const STATUTORY_ITEMS: readonly StatutoryItem[] = [
	{
		id: 'duty-careers-information-published',
		levels: ['programme'],
		description:
			'Careers information on the school website: the careers leader’s contact details, a summary of the programme and how to access it, how its impact is measured, and the date of the next review'
	},
	{
		id: 'duty-provider-access-statement',
		levels: ['programme'],
		description: 'A provider access policy statement, published and followed'
	},
	{
		id: 'pal-phase-1',
		levels: ['pupil'],
		description:
			'Two provider-access encounters in Year 8 or 9 (by 28 February), in the school day, covering the four required elements'
	},
	{
		id: 'pal-phase-2',
		levels: ['pupil'],
		description:
			'Two provider-access encounters in Year 10 or 11 (by 28 February), in the school day, covering the four required elements'
	},
	{
		id: 'pal-phase-3',
		levels: ['programme', 'pupil'],
		description: 'Two such encounters offered in Year 12 or 13 (by 28 February), with attendance reported'
	},
	{
		id: 'work-experience-ks3',
		levels: ['pupil'],
		description: 'About a week of workplace activities across Years 7 to 9 (the DfE’s 2025 ambition)'
	},
	{
		id: 'work-experience-ks4',
		levels: ['pupil'],
		description: 'About a week of placements in Years 10 and 11 (the DfE’s 2025 ambition)'
	}
];
