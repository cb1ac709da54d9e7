/**
 * Programme evaluation for tutors (issue 6 §3): cohort figures count only participants who share each
 * part, figures from fewer than three are not shown, and the export names nobody. On the real
 * database (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	appreciations,
	benchmarkReflections,
	criticalIncidents,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	memberships,
	networkContacts,
	networkSnapshots,
	organisations,
	promisePostcards,
	purposeRatings,
	purposeResponses,
	purposeStatements,
	users
} from '../../src/lib/server/db/schema/index.ts';
import type { Actor } from '../../src/lib/server/access/actor.ts';
import { NotFoundError } from '../../src/lib/server/access/actor.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import {
	basedOn,
	cohortEvaluation,
	evaluationTable,
	SMALL_NUMBER,
	TOO_FEW
} from '../../src/lib/server/development/cohort-evaluation.ts';
import { toCsv, toXlsx } from '../../src/lib/server/exports/table.ts';
import type { WorkbookPart } from '../../src/lib/domain/development.ts';

let handle: DatabaseHandle;
let tutor: Actor;
const PASSWORD = 'correct horse battery staple';
const ids: Record<string, string> = {};
const statementIds: string[] = [];
const names: string[] = [];
const HIDDEN = 'Hidden-by-a-non-sharer';

type Person = {
	name: string;
	shares: WorkbookPart[];
	purposeStart?: number[];
	purposeEnd?: number[];
	/** Contacts per snapshot: [personKey suffix, strength, sphere]. */
	snapshots?: [string, number, 'friends' | 'family' | 'university' | 'employers' | 'professional'][][];
	reflections?: [benchmark: number, placement1: string | null, placement2: string | null][];
	appreciated?: string;
	curious?: string;
	incidents?: number;
	postcard?: 'written' | 'reviewed';
};

async function participant(cohortId: string, p: Person): Promise<string> {
	const email = `${p.name.toLowerCase().replace(/\W+/g, '.')}@trainee.example`;
	names.push(p.name, email);
	const [row] = await handle.db
		.insert(developmentParticipants)
		.values({ cohortId, email, name: p.name, sharedParts: p.shares })
		.returning();
	const id = row!.id;
	for (const [occasion, ratings] of [
		['start', p.purposeStart],
		['end', p.purposeEnd]
	] as const) {
		if (!ratings) continue;
		const [response] = await handle.db
			.insert(purposeResponses)
			.values({
				participantId: id,
				occasion,
				answeredOn: occasion === 'start' ? '2025-09-10' : '2026-06-10',
				aspiration: HIDDEN
			})
			.returning();
		await handle.db
			.insert(purposeRatings)
			.values(ratings.map((rating, i) => ({ responseId: response!.id, statementId: statementIds[i]!, rating })));
	}
	for (const [n, contacts] of (p.snapshots ?? []).entries()) {
		const [snapshot] = await handle.db
			.insert(networkSnapshots)
			.values({ participantId: id, takenOn: `2025-1${n}-01` })
			.returning();
		if (contacts.length)
			await handle.db.insert(networkContacts).values(
				contacts.map(([key, tieStrength, sphere]) => ({
					snapshotId: snapshot!.id,
					personKey: `00000000-0000-4000-8000-${id.slice(-8)}${key.padStart(4, '0')}`,
					name: `${HIDDEN} contact ${key}`,
					sphere,
					tieStrength
				}))
			);
	}
	for (const [benchmark, placement1, placement2] of p.reflections ?? [])
		await handle.db.insert(benchmarkReflections).values({ participantId: id, benchmark, placement1, placement2 });
	if (p.appreciated !== undefined || p.curious !== undefined)
		await handle.db
			.insert(appreciations)
			.values({ participantId: id, appreciated: p.appreciated ?? null, curious: p.curious ?? null });
	for (let i = 0; i < (p.incidents ?? 0); i++)
		await handle.db.insert(criticalIncidents).values({
			participantId: id,
			occurredOn: `2025-10-0${i + 1}`,
			knowledge: 3,
			skills: 3,
			values: 3,
			annotation: HIDDEN
		});
	if (p.postcard)
		await handle.db.insert(promisePostcards).values({
			participantId: id,
			promiseToMyself: HIDDEN,
			promiseToMySchool: HIDDEN,
			achieveBy: '2026-07-01',
			remindOn: '2026-05-01',
			reviewProgress: p.postcard === 'reviewed' ? 'some-way' : null
		});
	return id;
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	const [northfield] = await handle.db
		.insert(organisations)
		.values({ kind: 'training-provider', name: 'Northfield University' })
		.returning();
	const [user] = await handle.db
		.insert(users)
		.values({ email: 'tutor@northfield.example', name: 'Tess Tutor', passwordHash: await hashPassword(PASSWORD) })
		.returning();
	await handle.db
		.insert(memberships)
		.values({ userId: user!.id, organisationId: northfield!.id, roles: ['programme-tutor'] });
	const result = await signIn('tutor@northfield.example', PASSWORD);
	if (!result.ok) throw new Error(result.message);
	tutor = (await actorForSession(result.token))!;

	const [programme] = await handle.db
		.insert(developmentProgrammes)
		.values({ organisationId: northfield!.id, title: 'Leading with purpose' })
		.returning();
	ids.programme = programme!.id;
	for (const [position, text] of ['I have a sense of purpose', 'I know where I am going'].entries()) {
		const [s] = await handle.db
			.insert(purposeStatements)
			.values({ programmeId: programme!.id, position, text })
			.returning();
		statementIds.push(s!.id);
	}
	const [current, older, empty] = await handle.db
		.insert(developmentCohorts)
		.values([
			{ programmeId: programme!.id, name: 'PGCE 2025/26', startsOn: '2025-09-01' },
			{ programmeId: programme!.id, name: 'PGCE 2024/25', startsOn: '2024-09-01' },
			{ programmeId: programme!.id, name: 'Not started', startsOn: null }
		])
		.returning();
	ids.current = current!.id;
	ids.older = older!.id;
	ids.empty = empty!.id;

	const people: Person[] = [
		{
			name: 'Ada Ash',
			shares: ['purpose', 'network', 'reflection', 'appreciation'],
			purposeStart: [2, 2],
			purposeEnd: [3, 3],
			snapshots: [
				[['1', 8, 'family']],
				[
					['1', 8, 'family'],
					['2', 3, 'employers'],
					['3', 6, 'university']
				]
			],
			reflections: [[1, 'Careers fair', 'Labour market talk']],
			appreciated: 'Zebra crossing talk',
			curious: 'Labour market data',
			incidents: 2,
			postcard: 'reviewed'
		},
		{
			name: 'Ben Birch',
			shares: ['purpose', 'network', 'reflection', 'appreciation'],
			purposeStart: [3, 3],
			purposeEnd: [4, 4],
			snapshots: [[['1', 5, 'friends']], [['1', 5, 'friends']]],
			reflections: [[1, 'Tutor time', null]],
			appreciated: 'apple growers’ visit',
			curious: '   ',
			incidents: 1,
			postcard: 'written'
		},
		{
			name: 'Cat Cedar',
			shares: ['purpose', 'reflection', 'appreciation'],
			purposeStart: [3, 4],
			purposeEnd: [4, 4],
			// Has growth but does not share the network: not counted.
			snapshots: [[['1', 5, 'friends']], [['2', 2, 'professional']]],
			reflections: [[3, null, 'Employer mentoring']],
			appreciated: 'Mentor sessions'
		},
		{ name: 'Dan Dale', shares: ['purpose'], purposeStart: [4, 5], purposeEnd: [5, 5] },
		{
			name: 'Eve Elm',
			shares: ['timeline'],
			// Shares none of these: the extreme scores and her writing must not move any figure.
			purposeStart: [1, 1],
			purposeEnd: [5, 5],
			reflections: [[8, HIDDEN, HIDDEN]],
			appreciated: HIDDEN,
			curious: HIDDEN
		},
		{ name: 'Fay Fir', shares: ['purpose'], purposeStart: [1, 1] },
		{ name: 'Gus Gorse', shares: [] }
	];
	for (const p of people) ids[p.name] = await participant(current!.id, p);
	await participant(older!.id, { name: 'Old Oak', shares: ['purpose'], purposeStart: [5, 5] });
});

afterAll(async () => {
	await closeDatabase();
});

describe('the cohort’s figures', () => {
	it('shows the newest cohort first, with every cohort to choose from', async () => {
		const e = await cohortEvaluation(tutor, ids.programme!);
		expect(e.cohort?.name).toBe('PGCE 2025/26');
		expect(e.cohorts.map((c) => c.name)).toEqual(['PGCE 2025/26', 'PGCE 2024/25', 'Not started']);
		expect(e.participants).toBe(7);
		const older = await cohortEvaluation(tutor, ids.programme!, ids.older);
		expect(older.participants).toBe(1);
		const none = await cohortEvaluation(tutor, ids.programme!, ids.empty);
		expect(none.participants).toBe(0);
		expect(none.purpose.before.suppressed).toBe(true);
		await expect(cohortEvaluation(tutor, ids.programme!, 'nonsense')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('counts everyone for completion: counts say nothing about what anyone wrote', async () => {
		const e = await cohortEvaluation(tutor, ids.programme!);
		const row = (part: WorkbookPart) => e.completion.find((c) => c.part === part)!;
		expect(row('purpose')).toMatchObject({ started: 6, completed: 5, sharing: 5 });
		expect(row('network')).toMatchObject({ started: 3, completed: 3, sharing: 2 });
		expect(row('reflection')).toMatchObject({ started: 4, completed: 0, sharing: 3 });
		expect(row('timeline')).toMatchObject({ started: 2, completed: 1, sharing: 1 });
		expect(row('postcard')).toMatchObject({ started: 2, completed: 1 });
		// Ben's curiosity is blank space: started, not completed.
		expect(row('appreciation')).toMatchObject({ started: 4, completed: 2 });
		expect(row('subject-maps')).toMatchObject({ started: 0, completed: 0 });
	});

	it('works out purpose scores only from participants who share the questionnaire', async () => {
		const { purpose } = await cohortEvaluation(tutor, ids.programme!);
		expect(purpose.sharing).toBe(5);
		// Start means: Ada 2, Ben 3, Cat 3.5, Dan 4.5, Fay 1 (Eve's 1 does not count).
		expect(purpose.before.base).toBe(5);
		expect(purpose.before.value).toBeCloseTo(2.8);
		// End means: Ada 3, Ben 4, Cat 4, Dan 5 (Fay has not answered; Eve's 5 does not count).
		expect(purpose.after.base).toBe(4);
		expect(purpose.after.value).toBeCloseTo(4);
		// Changes: +1, +1, +0.5, +0.5.
		expect(purpose.change).toEqual({ value: 0.75, base: 4, suppressed: false });
		expect(purpose.distribution).toEqual([
			{ label: '1 to 1.9', before: 1, after: 0 },
			{ label: '2 to 2.9', before: 1, after: 0 },
			{ label: '3 to 3.9', before: 2, after: 1 },
			{ label: '4 to 5', before: 1, after: 3 }
		]);
	});

	it('hides network growth from two sharers, and shows it once a third shares', async () => {
		let { network } = await cohortEvaluation(tutor, ids.programme!);
		expect(network.sharing).toBe(2);
		expect(network.newTies).toEqual({ value: null, base: 2, suppressed: true });
		expect(network.weakTiesAdded.value).toBeNull();
		expect(network.spheresReached.value).toBeNull();

		await handle.db
			.update(developmentParticipants)
			.set({ sharedParts: ['purpose', 'reflection', 'appreciation', 'network'] })
			.where(eq(developmentParticipants.id, ids['Cat Cedar']!));
		({ network } = await cohortEvaluation(tutor, ids.programme!));
		// Ada: 2 new (1 weak), 2 spheres reached; Ben: none; Cat: 1 new (weak), 1 sphere reached.
		expect(network.newTies).toEqual({ value: 1, base: 3, suppressed: false });
		expect(network.weakTiesAdded.value).toBeCloseTo(2 / 3);
		expect(network.spheresReached.value).toBe(1);
		await handle.db
			.update(developmentParticipants)
			.set({ sharedParts: ['purpose', 'reflection', 'appreciation'] })
			.where(eq(developmentParticipants.id, ids['Cat Cedar']!));
	});

	it('counts reflection themes per benchmark from sharers only', async () => {
		const { reflection } = await cohortEvaluation(tutor, ids.programme!);
		expect(reflection.sharing).toBe(3);
		expect(reflection.suppressed).toBe(false);
		expect(reflection.frameworkName).toBe('Gatsby Benchmarks (2024)');
		const counts = reflection.benchmarks.map((b) => [b.benchmark, b.placement1, b.placement2]);
		expect(counts).toEqual([
			[1, 2, 1],
			[2, 0, 0],
			[3, 0, 1],
			[4, 0, 0],
			[5, 0, 0],
			[6, 0, 0],
			[7, 0, 0],
			// Eve wrote for benchmark 8 but does not share.
			[8, 0, 0]
		]);
	});

	it('lists appreciation anonymously and in alphabetical order, and hides a list from fewer than three', async () => {
		const e = await cohortEvaluation(tutor, ids.programme!);
		expect(e.appreciation.sharing).toBe(3);
		expect(e.appreciation.appreciated).toEqual({
			base: 3,
			suppressed: false,
			items: ['apple growers’ visit', 'Mentor sessions', 'Zebra crossing talk']
		});
		// Only Ada wrote something she is curious about: one person's words are not shown.
		expect(e.appreciation.curious).toEqual({ base: 1, suppressed: true, items: [] });
	});

	it('never carries a non-sharer’s words, or anyone’s name, in what it returns', async () => {
		const e = await cohortEvaluation(tutor, ids.programme!);
		const json = JSON.stringify(e);
		expect(json).not.toContain(HIDDEN);
		for (const name of names) expect(json).not.toContain(name);
	});

	it('suppresses every figure when fewer than three share', async () => {
		expect(SMALL_NUMBER).toBe(3);
		await handle.db
			.update(developmentParticipants)
			.set({ sharedParts: ['timeline'] })
			.where(eq(developmentParticipants.id, ids['Cat Cedar']!));
		const e = await cohortEvaluation(tutor, ids.programme!);
		expect(e.reflection.sharing).toBe(2);
		expect(e.reflection.suppressed).toBe(true);
		expect(e.reflection.benchmarks.every((b) => b.placement1 === null && b.placement2 === null)).toBe(true);
		expect(e.appreciation.appreciated).toEqual({ base: 2, suppressed: true, items: [] });
		// Purpose: Ada, Ben, Dan, Fay still share; at the end only Ada, Ben and Dan answered: still three.
		expect(e.purpose.after).toMatchObject({ base: 3, suppressed: false });
		await handle.db
			.update(developmentParticipants)
			.set({ sharedParts: ['purpose', 'reflection', 'appreciation'] })
			.where(eq(developmentParticipants.id, ids['Cat Cedar']!));
	});
});

describe('the export', () => {
	it('has the page’s figures and lists, says what was suppressed, and names nobody', async () => {
		const e = await cohortEvaluation(tutor, ids.programme!);
		const table = evaluationTable(e);
		const csv = toCsv(table);
		expect(table.headers).toEqual(['Part', 'Figure', 'Value', 'Participants counted']);
		expect(csv).toContain('Purpose questionnaire,Mean score at the start (1–5),2.8,');
		expect(csv).toContain(basedOn(5, 7));
		expect(csv).toContain('Purpose questionnaire,"Mean change, start to end",0.75,');
		expect(csv).toContain(`Social-capital map,Mean new ties,${TOO_FEW}`);
		expect(csv).toContain('Circle of appreciation,One thing I appreciated,Mentor sessions');
		expect(csv).toContain(`Circle of appreciation,One thing I am curious to learn more about,${TOO_FEW}`);
		expect(csv).not.toContain('Labour market data');
		expect(csv).not.toContain(HIDDEN);
		for (const name of names) expect(csv).not.toContain(name);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(table)).buffer as ArrayBuffer);
		const cells: string[] = [];
		workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
		expect(cells).toContain('Zebra crossing talk');
		for (const name of names) expect(cells.join('\n')).not.toContain(name);
	});
});
