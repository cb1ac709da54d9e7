/**
 * Seed 002's programme, "Leading with purpose" (a careers education enhancement activity for trainee
 * teachers), as data: its aims and sub-aims, its activities in order, the two ✓ mapping tables exactly as
 * the seed prints them (activity × aim, activity × Gatsby Benchmark) and the ten purpose statements.
 * `addSeedProgramme` writes it for an organisation: "start from Leading with purpose" and the demo use it.
 */
import type { Tx } from '../db/client.ts';
import {
	developmentActivities,
	developmentActivityAims,
	developmentActivityBenchmarks,
	developmentAims,
	developmentProgrammes,
	purposeStatements
} from '../db/schema/index.ts';
import type { DevelopmentActivityKind } from '../../domain/development.ts';

export type SeedAim = {
	/** Stable key inside the seed, used by the mapping below. */
	key: string;
	title: string;
	subAims?: readonly { key: string; title: string }[];
};

export type SeedActivity = {
	key: string;
	kind: DevelopmentActivityKind;
	title: string;
	description: string;
	/** Sessions only. */
	durationMinutes: number | null;
};

export type SeedProgramme = {
	title: string;
	description: string;
	aims: readonly SeedAim[];
	activities: readonly SeedActivity[];
	/** The aims table: for each aim or sub-aim key, the activity keys with a ✓. */
	aimMapping: Readonly<Record<string, readonly string[]>>;
	/** The benchmarks table: for each benchmark 1–8, the activity keys with a ✓. */
	benchmarkMapping: Readonly<Record<number, readonly string[]>>;
	/** The purpose questionnaire's statements, in order. */
	statements: readonly string[];
};

export const LEADING_WITH_PURPOSE: SeedProgramme = {
	title: 'Leading with purpose',
	description:
		'A careers education enhancement activity for trainee teachers: four sessions, two school placements, a ' +
		'magazine and an employer encounter, building knowledge of careers education and the leadership to ' +
		'bring careers into every subject.',
	aims: [
		{ key: 'structure', title: 'Learn about careers education structure, policy and key guidance' },
		{
			key: 'leadership',
			title: 'Develop leadership skills',
			subAims: [
				{ key: 'knowledge', title: 'Knowledge & skills' },
				{ key: 'networks', title: 'Professional networks' },
				{ key: 'purpose', title: 'Purpose & vision' }
			]
		},
		{ key: 'pathways', title: 'Explore academic and vocational pathways' },
		{ key: 'curriculum', title: 'Consider learning opportunities within subject curriculums' }
	],
	activities: [
		{
			key: 's1',
			kind: 'session',
			title: 'Session 1',
			description:
				'Leading with purpose: what is leadership, what is purpose? Measuring your own sense of purpose; ' +
				'mapping your own social capital; careers education structure and policy.',
			durationMinutes: 120
		},
		{
			key: 'p1',
			kind: 'placement',
			title: 'Placement 1',
			description: 'What did you notice about careers education in your first placement school?',
			durationMinutes: null
		},
		{
			key: 's2',
			kind: 'session',
			title: 'Session 2',
			description:
				'A day with a local employer: the local economic and careers landscape, teacher development, a ' +
				'workplace tour, employer talks and a mini employer fair.',
			durationMinutes: 360
		},
		{
			key: 'p2',
			kind: 'placement',
			title: 'Placement 2',
			description: 'What did you find out about careers education in your second placement school?',
			durationMinutes: null
		},
		{
			key: 's3',
			kind: 'session',
			title: 'Session 3',
			description:
				'A careers leader from a partnership school on their role, policy and signposting; linking ' +
				'curriculum learning to careers in your subject.',
			durationMinutes: 120
		},
		{
			key: 'magazine',
			kind: 'magazine',
			title: 'Magazine',
			description: 'Careers in your subject, written up for the programme magazine.',
			durationMinutes: null
		},
		{
			key: 'encounter',
			kind: 'employer-encounter',
			title: 'Encounter',
			description: 'A teacher encounter with an employer.',
			durationMinutes: null
		},
		{
			key: 's4',
			kind: 'session',
			title: 'Session 4',
			description:
				'Critical-incident timeline, growth of your social-capital network, a promise postcard and the ' +
				'circle of appreciation.',
			durationMinutes: 120
		}
	],
	// Seed 002, "programme mapping" (aims). The parent "Develop leadership skills" row has no ✓ of its own.
	aimMapping: {
		structure: ['s1', 'p1', 's2', 'p2', 's3'],
		knowledge: ['s1', 's2', 's3', 'magazine', 'encounter', 's4'],
		networks: ['s1', 'p1', 's2', 'p2', 's3', 'encounter'],
		purpose: ['s1', 's3', 'magazine', 's4'],
		pathways: ['p1', 's2', 'p2', 's3', 'encounter'],
		curriculum: ['s3', 'magazine', 'encounter', 's4']
	},
	// Seed 002, "programme mapping" (Gatsby Benchmarks).
	benchmarkMapping: {
		1: ['s1', 'p1', 'p2', 's3'],
		2: ['s1', 's2'],
		3: ['s1', 's2', 's3'],
		4: ['s3', 'magazine', 'encounter', 's4'],
		5: ['s2', 'encounter'],
		6: ['s2', 'encounter'],
		7: ['s3', 'magazine'],
		8: ['s1', 's3']
	},
	// Seed 002's questionnaire, adapted from Summers & Falco (2020).
	statements: [
		'I believe I can fulfil my goals and aspirations',
		'I have taken active steps to fulfil my life goal',
		'I plan for the future',
		'I am currently involved in activities related to my goals',
		'I am passionate about my goals and inspirations',
		'I feel emotionally invested in my goals and aspirations',
		'The work that I do will have a positive impact on others',
		// The seed prints item 7 again as item 8 (a copying slip). This distinct "beyond the self" statement, in
		// the spirit of Summers & Falco (2020), stands in for it; a programme can edit its statements anyway.
		'I want to use my skills and talents to make a difference to other people',
		'I feel a sense of personal responsibility to help others through the work that I will do',
		'My life goal represents a personal commitment to make a meaningful contribution to society'
	]
};

/**
 * Writes the seed programme (or another `SeedProgramme`) for an organisation, inside the caller's
 * transaction, and returns the new programme's id. Callers authorise and audit.
 */
export async function addSeedProgramme(
	tx: Tx,
	organisationId: string,
	title?: string,
	seed: SeedProgramme = LEADING_WITH_PURPOSE
): Promise<string> {
	const [programme] = await tx
		.insert(developmentProgrammes)
		.values({ organisationId, title: title?.trim() || seed.title, description: seed.description })
		.returning({ id: developmentProgrammes.id });
	const programmeId = programme!.id;

	const aimIds = new Map<string, string>();
	for (const [i, aim] of seed.aims.entries()) {
		const [row] = await tx
			.insert(developmentAims)
			.values({ programmeId, title: aim.title, position: i })
			.returning({ id: developmentAims.id });
		aimIds.set(aim.key, row!.id);
		for (const [j, sub] of (aim.subAims ?? []).entries()) {
			const [subRow] = await tx
				.insert(developmentAims)
				.values({ programmeId, parentId: row!.id, title: sub.title, position: j })
				.returning({ id: developmentAims.id });
			aimIds.set(sub.key, subRow!.id);
		}
	}

	const activityIds = new Map<string, string>();
	const activityRows = await tx
		.insert(developmentActivities)
		.values(
			seed.activities.map((a, i) => ({
				programmeId,
				position: i,
				kind: a.kind,
				title: a.title,
				description: a.description,
				durationMinutes: a.kind === 'session' ? a.durationMinutes : null
			}))
		)
		.returning({ id: developmentActivities.id, position: developmentActivities.position });
	for (const row of activityRows) activityIds.set(seed.activities[row.position]!.key, row.id);

	const aimCells = Object.entries(seed.aimMapping).flatMap(([aimKey, keys]) =>
		keys.map((key) => ({ activityId: need(activityIds, key), aimId: need(aimIds, aimKey) }))
	);
	if (aimCells.length) await tx.insert(developmentActivityAims).values(aimCells);

	const benchmarkCells = Object.entries(seed.benchmarkMapping).flatMap(([benchmark, keys]) =>
		keys.map((key) => ({ activityId: need(activityIds, key), benchmark: Number(benchmark) }))
	);
	if (benchmarkCells.length) await tx.insert(developmentActivityBenchmarks).values(benchmarkCells);

	if (seed.statements.length) {
		await tx
			.insert(purposeStatements)
			.values(seed.statements.map((text, position) => ({ programmeId, position, text })));
	}
	return programmeId;
}

function need(ids: Map<string, string>, key: string): string {
	const id = ids.get(key);
	if (!id) throw new Error(`Seed programme: unknown key "${key}"`);
	return id;
}
