/**
 * The demo's staff development (issue 6), written by createDemo in its one transaction: a teacher-training
 * provider running seed 002's programme, a cohort of twelve trainees at varied stages of their workbooks
 * (two placed at Riverside), what they share with the tutor, and Riverside's subject careers maps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, type DatabaseHandle, type Db } from '../../src/lib/server/db/client.ts';
import {
	createDemo,
	DEMO_MAP_SUBJECTS,
	DEMO_PASSWORD,
	DEMO_PROVIDER_NAME,
	DEMO_TRAINEE_EMAIL,
	DEMO_TUTOR_EMAIL,
	demoMapCareerTitles,
	generateDemoDevelopment,
	type DemoSummary
} from '../../src/lib/server/demo/index.ts';
import {
	appreciations,
	benchmarkReflections,
	criticalIncidents,
	developmentActivities,
	developmentActivityAims,
	developmentActivityBenchmarks,
	developmentAims,
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	memberships,
	networkContacts,
	networkSnapshots,
	occupations,
	organisations,
	promisePostcards,
	purposeRatings,
	purposeResponses,
	purposeStatements,
	scheduledJobs,
	subjectMapEntries,
	subjectMaps
} from '../../src/lib/server/db/schema/index.ts';
import { LEADING_WITH_PURPOSE } from '../../src/lib/server/development/seed-programme.ts';
import {
	mayReadPart,
	programmesTutoredBy,
	workbookForActor,
	workbooksOf,
	participantForTutor
} from '../../src/lib/server/development/access.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ROLE_LABELS } from '../../src/lib/domain/roles.ts';
import type { Actor } from '../../src/lib/server/access/actor.ts';
import { reminderInstant } from '../../src/lib/domain/reminders.ts';

const TODAY = '2026-03-16';
const ACADEMIC_YEAR = 2025;

let handle: DatabaseHandle;
let db: Db;
let summary: DemoSummary;
let providerId: string;
let riversideId: string;
let hillcrestId: string;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, DEMO_PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function participants() {
	return db
		.select({
			id: developmentParticipants.id,
			email: developmentParticipants.email,
			userId: developmentParticipants.userId,
			subject: developmentParticipants.subject,
			placement1: developmentParticipants.placement1SchoolId,
			placement1Name: developmentParticipants.placement1Name,
			placement2: developmentParticipants.placement2SchoolId,
			placement2Name: developmentParticipants.placement2Name,
			shared: developmentParticipants.sharedParts
		})
		.from(developmentParticipants)
		.innerJoin(developmentCohorts, eq(developmentCohorts.id, developmentParticipants.cohortId))
		.innerJoin(developmentProgrammes, eq(developmentProgrammes.id, developmentCohorts.programmeId))
		.where(eq(developmentProgrammes.organisationId, providerId))
		.orderBy(asc(developmentParticipants.email));
}

/** Participants who share a part AND have something in it (what the tutor's cohort figures count). */
async function sharingWithContent(part: string, table: 'purpose' | 'network' | 'appreciation'): Promise<number> {
	const owners =
		table === 'purpose'
			? await db.selectDistinct({ id: purposeResponses.participantId }).from(purposeResponses)
			: table === 'network'
				? await db.selectDistinct({ id: networkSnapshots.participantId }).from(networkSnapshots)
				: await db.selectDistinct({ id: appreciations.participantId }).from(appreciations);
	const withContent = new Set(owners.map((o) => o.id));
	return (await participants()).filter((p) => p.shared.includes(part) && withContent.has(p.id)).length;
}

describe(`the demo's staff development (${testDriver()})`, () => {
	beforeAll(async () => {
		handle = await freshDatabase();
		useDatabase(handle);
		db = handle.db;
		const started = performance.now();
		summary = await createDemo(db, { today: TODAY });
		console.info(`createDemo with staff development on ${testDriver()}: ${Math.round(performance.now() - started)} ms`);
		const [provider] = await db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.kind, 'training-provider'));
		providerId = provider!.id;
		riversideId = summary.schools.find((s) => s.urn === '999001')!.id;
		hillcrestId = summary.schools.find((s) => s.urn === '999002')!.id;
	});

	afterAll(async () => {
		await handle?.close();
	});

	it('has a demo teacher-training provider with a UKPRN', async () => {
		const rows = await db
			.select({ name: organisations.name, ukprn: organisations.ukprn, isDemo: organisations.isDemo })
			.from(organisations)
			.where(eq(organisations.kind, 'training-provider'));
		expect(rows).toEqual([{ name: DEMO_PROVIDER_NAME, ukprn: expect.stringMatching(/^1\d{7}$/), isDemo: true }]);
	});

	it("runs one programme with seed 002's aims, activities and both mappings", async () => {
		const programmes = await db
			.select({ id: developmentProgrammes.id, title: developmentProgrammes.title })
			.from(developmentProgrammes)
			.where(eq(developmentProgrammes.organisationId, providerId));
		expect(programmes).toHaveLength(1);
		const programmeId = programmes[0]!.id;
		expect(programmes[0]!.title).toBe('Leading with purpose');

		const aims = await db
			.select({ title: developmentAims.title, parentId: developmentAims.parentId })
			.from(developmentAims)
			.where(eq(developmentAims.programmeId, programmeId));
		expect(
			aims
				.filter((a) => !a.parentId)
				.map((a) => a.title)
				.sort()
		).toEqual(LEADING_WITH_PURPOSE.aims.map((a) => a.title).sort());
		expect(
			aims
				.filter((a) => a.parentId)
				.map((a) => a.title)
				.sort()
		).toEqual(['Knowledge & skills', 'Professional networks', 'Purpose & vision']);

		const activities = await db
			.select({ id: developmentActivities.id, kind: developmentActivities.kind })
			.from(developmentActivities)
			.where(eq(developmentActivities.programmeId, programmeId))
			.orderBy(asc(developmentActivities.position));
		expect(activities.map((a) => a.kind)).toEqual([
			'session',
			'placement',
			'session',
			'placement',
			'session',
			'magazine',
			'employer-encounter',
			'session'
		]);
		const ids = activities.map((a) => a.id);
		const [aimCells] = await db
			.select({ n: sql<number>`count(*)::int` })
			.from(developmentActivityAims)
			.where(inArray(developmentActivityAims.activityId, ids));
		const [benchmarkCells] = await db
			.select({ n: sql<number>`count(*)::int` })
			.from(developmentActivityBenchmarks)
			.where(inArray(developmentActivityBenchmarks.activityId, ids));
		expect(aimCells!.n).toBe(Object.values(LEADING_WITH_PURPOSE.aimMapping).flat().length);
		expect(benchmarkCells!.n).toBe(Object.values(LEADING_WITH_PURPOSE.benchmarkMapping).flat().length);
	});

	it("has a cohort of twelve trainees for the demo's academic year, each with an account on the provider", async () => {
		const cohorts = await db
			.select({
				name: developmentCohorts.name,
				startsOn: developmentCohorts.startsOn,
				endsOn: developmentCohorts.endsOn
			})
			.from(developmentCohorts)
			.innerJoin(developmentProgrammes, eq(developmentProgrammes.id, developmentCohorts.programmeId))
			.where(eq(developmentProgrammes.organisationId, providerId));
		expect(cohorts).toEqual([
			{
				name: 'PGCE Secondary 2025/26',
				startsOn: expect.stringMatching(/^2025-09-/),
				endsOn: expect.stringMatching(/^2026-07-/)
			}
		]);

		const rows = await participants();
		expect(rows).toHaveLength(12);
		const trainees = await db
			.select({ userId: memberships.userId, roles: memberships.roles })
			.from(memberships)
			.where(eq(memberships.organisationId, providerId));
		const traineeUsers = new Set(trainees.filter((m) => m.roles.includes('trainee')).map((m) => m.userId));
		for (const row of rows) expect(row.userId && traineeUsers.has(row.userId), row.email).toBe(true);
		expect(rows.map((r) => r.subject)).toEqual(expect.arrayContaining([...DEMO_MAP_SUBJECTS]));
		for (const row of rows) {
			// Every placement is a school in Waymark or a named school, never both or neither.
			expect((row.placement1 === null) !== (row.placement1Name === null), row.email).toBe(true);
			expect((row.placement2 === null) !== (row.placement2Name === null), row.email).toBe(true);
		}
	});

	it('places two trainees at Riverside, the trainee account among them, and some at Hillcrest', async () => {
		const rows = await participants();
		const atRiverside = rows.filter((r) => r.placement1 === riversideId || r.placement2 === riversideId);
		expect(atRiverside).toHaveLength(2);
		expect(atRiverside.map((r) => r.email)).toContain(DEMO_TRAINEE_EMAIL);
		expect(rows.some((r) => r.placement1 === hillcrestId || r.placement2 === hillcrestId)).toBe(true);
	});

	it('has workbooks at varied stages, with purpose growing for most who finished', async () => {
		const rows = await participants();
		const responses = await db
			.select({
				participantId: purposeResponses.participantId,
				occasion: purposeResponses.occasion,
				mean: sql<number>`(select avg(${purposeRatings.rating})::float from ${purposeRatings} where ${purposeRatings.responseId} = ${purposeResponses.id})`,
				ratings: sql<number>`(select count(*)::int from ${purposeRatings} where ${purposeRatings.responseId} = ${purposeResponses.id})`
			})
			.from(purposeResponses)
			.where(
				inArray(
					purposeResponses.participantId,
					rows.map((r) => r.id)
				)
			);
		const starts = new Map(responses.filter((r) => r.occasion === 'start').map((r) => [r.participantId, r.mean]));
		const ends = new Map(responses.filter((r) => r.occasion === 'end').map((r) => [r.participantId, r.mean]));
		const notStarted = rows.filter((r) => !starts.has(r.id));
		const startOnly = rows.filter((r) => starts.has(r.id) && !ends.has(r.id));
		expect(notStarted.length).toBeGreaterThanOrEqual(2);
		expect(startOnly.length).toBeGreaterThanOrEqual(2);
		expect(ends.size).toBeGreaterThanOrEqual(4);
		const grew = [...ends].filter(([id, end]) => end > (starts.get(id) ?? 5));
		expect(grew.length).toBeGreaterThanOrEqual(3);
		expect(grew.length).toBeLessThan(ends.size); // and someone stayed flat
		const [statements] = await db.select({ n: sql<number>`count(*)::int` }).from(purposeStatements);
		for (const r of responses) expect(r.ratings).toBe(statements!.n);

		const [reflections] = await db.select({ n: sql<number>`count(*)::int` }).from(benchmarkReflections);
		const [incidents] = await db.select({ n: sql<number>`count(*)::int` }).from(criticalIncidents);
		expect(reflections!.n).toBeGreaterThan(20);
		expect(incidents!.n).toBeGreaterThan(10);
	});

	it('grows some networks between two snapshots: the same people, new weak ties and a new sphere', async () => {
		const snapshots = await db
			.select({
				id: networkSnapshots.id,
				participantId: networkSnapshots.participantId,
				takenOn: networkSnapshots.takenOn
			})
			.from(networkSnapshots)
			.orderBy(asc(networkSnapshots.takenOn));
		const contacts = await db
			.select({
				snapshotId: networkContacts.snapshotId,
				personKey: networkContacts.personKey,
				sphere: networkContacts.sphere,
				strength: networkContacts.tieStrength
			})
			.from(networkContacts);
		const byParticipant = Map.groupBy(snapshots, (s) => s.participantId);
		const twice = [...byParticipant.values()].filter((s) => s.length === 2);
		expect(twice.length).toBeGreaterThanOrEqual(3);
		expect([...byParticipant.values()].some((s) => s.length === 1)).toBe(true);
		for (const [first, second] of twice) {
			const before = contacts.filter((c) => c.snapshotId === first!.id);
			const after = contacts.filter((c) => c.snapshotId === second!.id);
			const keysBefore = new Set(before.map((c) => c.personKey));
			for (const key of keysBefore) expect(after.some((c) => c.personKey === key)).toBe(true);
			const added = after.filter((c) => !keysBefore.has(c.personKey));
			expect(added.length).toBeGreaterThan(0);
			expect(added.some((c) => c.strength <= 4)).toBe(true);
			const spheresBefore = new Set(before.map((c) => c.sphere));
			expect(after.some((c) => !spheresBefore.has(c.sphere))).toBe(true);
		}
	});

	it('shares purpose, network and appreciation from at least three trainees each, and nothing from some', async () => {
		expect(await sharingWithContent('purpose', 'purpose')).toBeGreaterThanOrEqual(3);
		expect(await sharingWithContent('network', 'network')).toBeGreaterThanOrEqual(3);
		expect(await sharingWithContent('appreciation', 'appreciation')).toBeGreaterThanOrEqual(3);
		const rows = await participants();
		expect(rows.filter((r) => r.shared.length === 0).length).toBeGreaterThanOrEqual(2);
		expect(rows.filter((r) => r.shared.length === 7).length).toBeGreaterThanOrEqual(1);
	});

	it("dates nothing after today, and keeps the trainee account's postcard reminder in the future", async () => {
		const [future] = await db
			.select({
				purpose: sql<number>`(select count(*)::int from purpose_responses where answered_on >= ${TODAY}::date)`,
				network: sql<number>`(select count(*)::int from network_snapshots where taken_on >= ${TODAY}::date)`,
				incidents: sql<number>`(select count(*)::int from critical_incidents where occurred_on >= ${TODAY}::date)`
			})
			.from(sql`(select 1) as one`);
		expect(future).toEqual({ purpose: 0, network: 0, incidents: 0 });

		const postcards = await db
			.select({
				email: developmentParticipants.email,
				participantId: promisePostcards.participantId,
				remindOn: promisePostcards.remindOn,
				remindedAt: promisePostcards.remindedAt,
				achieveBy: promisePostcards.achieveBy
			})
			.from(promisePostcards)
			.innerJoin(developmentParticipants, eq(developmentParticipants.id, promisePostcards.participantId));
		expect(postcards.length).toBeGreaterThanOrEqual(4);
		const mine = postcards.find((p) => p.email === DEMO_TRAINEE_EMAIL);
		if (!mine) throw new Error('The trainee account has no postcard');
		expect(mine.remindOn > TODAY).toBe(true);
		expect(mine.remindedAt).toBeNull();
		// No reminder is due and unsent, so starting the demo sends nothing; those to come are scheduled.
		for (const p of postcards) if (p.remindOn <= TODAY) expect(p.remindedAt, p.email).not.toBeNull();
		const jobs = await db
			.select({ key: scheduledJobs.key, runAt: scheduledJobs.runAt, startedAt: scheduledJobs.startedAt })
			.from(scheduledJobs);
		expect(jobs.length).toBe(postcards.filter((p) => p.remindedAt === null).length);
		for (const job of jobs) {
			expect(job.key).toMatch(/^postcard-reminder:/);
			expect(job.runAt.getTime()).toBeGreaterThan(Date.parse(`${TODAY}T23:59:59Z`));
			expect(job.startedAt).toBeNull();
		}
		const mineJob = jobs.find((j) => j.key.endsWith(mine.participantId));
		expect(mineJob?.runAt).toEqual(reminderInstant(mine.remindOn, 8));
	});

	it('keeps every workbook date sensible on any day of the year', () => {
		for (const today of ['2026-09-02', '2026-11-24', '2027-02-11', '2027-07-30', '2027-08-31']) {
			const plan = generateDemoDevelopment('waymark-demo', today);
			expect(plan.cohort.startsOn.slice(0, 4), today).toBe(String(plan.academicYear));
			for (const t of plan.trainees) {
				const w = t.workbook;
				const dated = [
					...w.purpose.map((r) => r.answeredOn),
					...w.snapshots.map((s) => s.takenOn),
					...w.incidents.map((i) => i.occurredOn),
					...(w.postcard ? [w.postcard.writtenOn] : []),
					...(w.appreciation ? [w.appreciation.on] : [])
				];
				for (const d of dated) expect(d < today, `${t.email} ${d} on ${today}`).toBe(true);
				if (w.postcard) {
					expect(w.postcard.remindOn > w.postcard.writtenOn, t.email).toBe(true);
					expect(w.postcard.remindOn <= w.postcard.achieveBy, t.email).toBe(true);
					if (t.email === DEMO_TRAINEE_EMAIL) expect(w.postcard.remindOn > today).toBe(true);
				}
				const start = w.purpose.find((r) => r.occasion === 'start');
				const end = w.purpose.find((r) => r.occasion === 'end');
				if (start && end) expect(end.answeredOn > start.answeredOn, t.email).toBe(true);
			}
		}
		expect(generateDemoDevelopment('waymark-demo', TODAY)).toEqual(generateDemoDevelopment('waymark-demo', TODAY));
	});

	it("has Riverside's four subject careers maps for this year, with careers in Years 7 to 11", async () => {
		const maps = await db
			.select({ id: subjectMaps.id, subject: subjectMaps.subject, year: subjectMaps.academicYear })
			.from(subjectMaps)
			.where(eq(subjectMaps.schoolId, riversideId));
		expect(maps.map((m) => m.subject).sort()).toEqual([...DEMO_MAP_SUBJECTS].sort());
		for (const map of maps) {
			expect(map.year).toBe(ACADEMIC_YEAR);
			const cells = await db
				.select({ year: subjectMapEntries.yearGroup, halfTerm: subjectMapEntries.halfTerm, title: occupations.title })
				.from(subjectMapEntries)
				.innerJoin(occupations, eq(occupations.id, subjectMapEntries.occupationId))
				.where(eq(subjectMapEntries.mapId, map.id));
			expect(new Set(cells.map((c) => c.year)), map.subject).toEqual(new Set([7, 8, 9, 10, 11]));
			expect(new Set(cells.map((c) => `${c.year}:${c.halfTerm}`)).size, map.subject).toBeGreaterThanOrEqual(29);
			if (map.subject === 'Art and design') {
				expect(cells).toHaveLength(30);
				expect(cells).toContainEqual({ year: 7, halfTerm: 1, title: 'Art curator' });
				expect(cells).toContainEqual({ year: 11, halfTerm: 6, title: 'Art therapist' });
			}
			if (map.subject === 'Computer science') {
				// Every one of seed 002's thirty career cards is on the map.
				expect(new Set(cells.map((c) => c.title)).size).toBe(30);
			}
		}
	});

	it('finds every career the demo maps in the shared occupations library', async () => {
		const titles = demoMapCareerTitles(generateDemoDevelopment('waymark-demo', TODAY));
		const found = await db
			.select({ title: occupations.title })
			.from(occupations)
			.where(and(isNull(occupations.organisationId), inArray(occupations.title, titles)));
		expect(found.map((f) => f.title).sort()).toEqual(titles);
	});

	it("offers the trainee account's own computer science map to Riverside", async () => {
		const rows = await db
			.select({
				subject: subjectMaps.subject,
				offeredTo: subjectMaps.offeredToSchoolId,
				entries: sql<number>`(select count(*)::int from subject_map_entries e where e.map_id = ${subjectMaps.id})`
			})
			.from(subjectMaps)
			.innerJoin(developmentParticipants, eq(developmentParticipants.id, subjectMaps.participantId))
			.where(eq(developmentParticipants.email, DEMO_TRAINEE_EMAIL));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ subject: 'Computer science', offeredTo: riversideId });
		expect(rows[0]!.entries).toBeGreaterThan(4);
	});

	it('lets the tutor and the trainee sign in, and lists them among the demo sign-ins', async () => {
		expect(summary.signIns).toContainEqual({
			role: ROLE_LABELS['programme-tutor'],
			email: DEMO_TUTOR_EMAIL,
			school: DEMO_PROVIDER_NAME
		});
		expect(summary.signIns).toContainEqual({
			role: ROLE_LABELS.trainee,
			email: DEMO_TRAINEE_EMAIL,
			school: DEMO_PROVIDER_NAME
		});

		const tutor = await signedIn(DEMO_TUTOR_EMAIL);
		expect(tutor.memberships).toEqual([
			expect.objectContaining({ organisationId: providerId, roles: ['programme-tutor'] })
		]);
		const programmes = await programmesTutoredBy(tutor);
		expect(programmes.map((p) => p.title)).toEqual(['Leading with purpose']);

		const trainee = await signedIn(DEMO_TRAINEE_EMAIL);
		expect(trainee.memberships).toEqual([expect.objectContaining({ organisationId: providerId, roles: ['trainee'] })]);
		const [workbook] = await workbooksOf(trainee);
		expect(workbook?.participant.subject).toBe('Computer science');
		expect((await workbookForActor(trainee, workbook!.participant.id)).participant.email).toBe(DEMO_TRAINEE_EMAIL);

		// The tutor reads only what the trainee shares.
		const asTutor = await participantForTutor(tutor, programmes[0]!.id, workbook!.participant.id);
		expect(mayReadPart(asTutor, 'purpose')).toBe(true);
		expect(mayReadPart(asTutor, 'timeline')).toBe(false);
	});

	it('is replaced, not duplicated, when the demo is refreshed', async () => {
		const counts = async () =>
			(
				await db
					.select({
						providers: sql<number>`(select count(*)::int from organisations where kind = 'training-provider')`,
						programmes: sql<number>`(select count(*)::int from development_programmes)`,
						participants: sql<number>`(select count(*)::int from development_participants)`,
						maps: sql<number>`(select count(*)::int from subject_maps)`,
						entries: sql<number>`(select count(*)::int from subject_map_entries)`,
						jobs: sql<number>`(select count(*)::int from scheduled_jobs)`,
						accounts: sql<number>`(select count(*)::int from users)`
					})
					.from(sql`(select 1) as one`)
			)[0];
		// A visitor trying the demo saved a postcard reminder of their own: it goes with the demo.
		const [ellie] = await db
			.select({ id: developmentParticipants.id })
			.from(developmentParticipants)
			.where(eq(developmentParticipants.email, 'ellie.thompson@demo.waymark.school'));
		const before = await counts();
		await db.insert(scheduledJobs).values({
			kind: 'postcard-reminder',
			key: `postcard-reminder:${ellie!.id}`,
			runAt: new Date('2026-05-01T07:00:00Z')
		});
		expect(before).toMatchObject({ providers: 1, programmes: 1, participants: 12, maps: 5 });
		await createDemo(db, { today: TODAY });
		expect(await counts()).toEqual(before);
		const [library] = await db
			.select({ n: sql<number>`count(*)::int` })
			.from(occupations)
			.where(isNull(occupations.organisationId));
		expect(library!.n).toBeGreaterThan(400);
	});
});
