/**
 * A workbook is private (issue 6 §2): only its participant opens it; a tutor reads only the parts the
 * participant shares; a tutor of another programme sees nothing. Also the reflection grid, the
 * critical-incident timeline, the circle of appreciation and the workbook PDF themselves, on the real
 * database (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { pdfText } from '../support/pdf.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
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
import { ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import {
	REFLECTION_MAX_CHARACTERS,
	reflectionField,
	reflectionGrid,
	saveReflections
} from '../../src/lib/server/development/reflection.ts';
import {
	addIncident,
	listIncidents,
	removeIncident,
	updateIncident
} from '../../src/lib/server/development/timeline.ts';
import { getAppreciation, saveAppreciation } from '../../src/lib/server/development/appreciation.ts';
import { workbookPdf } from '../../src/lib/server/development/workbook-pdf.ts';
import {
	cohortEvaluation,
	evaluationTable,
	sharedWorkbook
} from '../../src/lib/server/development/cohort-evaluation.ts';
import { toCsv } from '../../src/lib/server/exports/table.ts';

let handle: DatabaseHandle;
const PASSWORD = 'correct horse battery staple';

/** Words written in Ada's workbook, one per part, that must never reach anyone she has not shared with. */
const SECRET = {
	reflection: 'Ada-reflection-secret-kestrel',
	timeline: 'Ada-timeline-secret-heron',
	appreciation: 'Ada-appreciation-secret-osprey',
	curious: 'Ada-curious-secret-plover',
	aspiration: 'Ada-aspiration-secret-curlew',
	contact: 'Ada-contact-secret-merlin',
	promise: 'Ada-promise-secret-avocet'
};
const BEN_SECRET = 'Ben-reflection-secret-bittern';

const ids = Object.fromEntries(
	[
		'school',
		'tutor',
		'otherTutor',
		'ada',
		'ben',
		'programme',
		'otherProgramme',
		'cohort',
		'otherCohort',
		'adaPlace',
		'benPlace',
		'samPlace',
		'adaIncident'
	].map((k) => [k, ''])
) as Record<
	| 'school'
	| 'tutor'
	| 'otherTutor'
	| 'ada'
	| 'ben'
	| 'programme'
	| 'otherProgramme'
	| 'cohort'
	| 'otherCohort'
	| 'adaPlace'
	| 'benPlace'
	| 'samPlace'
	| 'adaIncident',
	string
>;
let tutor: Actor;
let otherTutor: Actor;
let ada: Actor;
let ben: Actor;

async function person(email: string, name: string, organisationId: string | null, roles: string[]): Promise<string> {
	const [user] = await handle.db
		.insert(users)
		.values({ email, name, passwordHash: await hashPassword(PASSWORD) })
		.returning();
	if (!user) throw new Error('no user');
	if (organisationId) await handle.db.insert(memberships).values({ userId: user.id, organisationId, roles });
	return user.id;
}

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof NotFoundError) return 'not found';
		if (e instanceof ForbiddenError) return 'forbidden';
		throw e;
	}
	return 'allowed';
}

async function validationErrors(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

async function share(participantId: string, parts: string[]): Promise<void> {
	await handle.db
		.update(developmentParticipants)
		.set({ sharedParts: parts })
		.where(eq(developmentParticipants.id, participantId));
}

const squash = (text: string) => text.replace(/\s+/g, '');
const secretsIn = (data: unknown) => Object.values(SECRET).filter((s) => JSON.stringify(data).includes(s));

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	const [northfield, southgate, school] = await handle.db
		.insert(organisations)
		.values([
			{ kind: 'training-provider', name: 'Northfield University' },
			{ kind: 'training-provider', name: 'Southgate University' },
			{ kind: 'school', name: 'Riverside Academy', urn: '137501' }
		])
		.returning();
	if (!northfield || !southgate || !school) throw new Error('no organisations');
	ids.school = school.id;
	ids.tutor = await person('tutor@northfield.example', 'Tess Tutor', northfield.id, ['programme-tutor']);
	ids.otherTutor = await person('tutor@southgate.example', 'Sol Tutor', southgate.id, ['programme-tutor']);
	ids.ada = await person('ada@northfield.example', 'Ada Trainee', northfield.id, ['trainee']);
	ids.ben = await person('ben@northfield.example', 'Ben Trainee', northfield.id, ['trainee']);

	const [programme, otherProgramme] = await handle.db
		.insert(developmentProgrammes)
		.values([
			{ organisationId: northfield.id, title: 'Leading with purpose' },
			{ organisationId: southgate.id, title: 'Careers in the curriculum' }
		])
		.returning();
	if (!programme || !otherProgramme) throw new Error('no programmes');
	ids.programme = programme.id;
	ids.otherProgramme = otherProgramme.id;
	const [cohort, otherCohort] = await handle.db
		.insert(developmentCohorts)
		.values([
			{ programmeId: programme.id, name: 'PGCE 2025/26', startsOn: '2025-09-01' },
			{ programmeId: otherProgramme.id, name: 'Southgate 2025/26' }
		])
		.returning();
	if (!cohort || !otherCohort) throw new Error('no cohorts');
	ids.cohort = cohort.id;
	ids.otherCohort = otherCohort.id;
	const [adaPlace, benPlace, solPlace] = await handle.db
		.insert(developmentParticipants)
		.values([
			{
				cohortId: cohort.id,
				userId: ids.ada,
				email: 'ada@northfield.example',
				name: 'Ada Trainee',
				subject: 'Computing',
				placement1SchoolId: school.id,
				placement2Name: 'Hillcrest School',
				sharedParts: ['timeline']
			},
			{ cohortId: cohort.id, userId: ids.ben, email: 'ben@northfield.example', name: 'Ben Trainee' },
			{ cohortId: otherCohort.id, email: 'sam@southgate.example', name: 'Sam Southgate' }
		])
		.returning();
	if (!adaPlace || !benPlace || !solPlace) throw new Error('no participants');
	ids.adaPlace = adaPlace.id;
	ids.benPlace = benPlace.id;
	ids.samPlace = solPlace.id;

	// The parts other helpers' pages write, put straight into their tables.
	const statements = await handle.db
		.insert(purposeStatements)
		.values([
			{ programmeId: programme.id, position: 1, text: 'I have a clear sense of purpose in my career' },
			{ programmeId: programme.id, position: 2, text: 'I know what careers education is for' }
		])
		.returning();
	const [start, end] = await handle.db
		.insert(purposeResponses)
		.values([
			{ participantId: adaPlace.id, occasion: 'start', aspiration: SECRET.aspiration, answeredOn: '2025-09-10' },
			{ participantId: adaPlace.id, occasion: 'end', answeredOn: '2026-06-10' }
		])
		.returning();
	await handle.db.insert(purposeRatings).values([
		{ responseId: start!.id, statementId: statements[0]!.id, rating: 2 },
		{ responseId: start!.id, statementId: statements[1]!.id, rating: 3 },
		{ responseId: end!.id, statementId: statements[0]!.id, rating: 4 },
		{ responseId: end!.id, statementId: statements[1]!.id, rating: 5 }
	]);
	const [snapshot] = await handle.db
		.insert(networkSnapshots)
		.values({ participantId: adaPlace.id, takenOn: '2025-09-12' })
		.returning();
	await handle.db
		.insert(networkContacts)
		.values({ snapshotId: snapshot!.id, name: SECRET.contact, sphere: 'employers', tieStrength: 3 });
	await handle.db.insert(promisePostcards).values({
		participantId: adaPlace.id,
		promiseToMyself: SECRET.promise,
		promiseToMySchool: 'Run a careers lunch',
		achieveBy: '2026-07-01',
		remindOn: '2026-05-01'
	});

	tutor = await signedIn('tutor@northfield.example');
	otherTutor = await signedIn('tutor@southgate.example');
	ada = await signedIn('ada@northfield.example');
	ben = await signedIn('ben@northfield.example');

	// Ada writes in her own workbook through the services.
	await saveReflections(ada, ids.adaPlace, {
		[reflectionField(1, 'placement1')]: SECRET.reflection,
		[reflectionField(4, 'placement2')]: 'Maths lessons named engineers'
	});
	ids.adaIncident = (
		await addIncident(ada, ids.adaPlace, {
			occurredOn: '2025-10-06',
			knowledge: '4',
			skills: '3',
			values: '6',
			annotation: SECRET.timeline
		})
	).id;
	await saveAppreciation(ada, ids.adaPlace, { appreciated: SECRET.appreciation, curious: SECRET.curious });
	await saveReflections(ben, ids.benPlace, { [reflectionField(2, 'placement1')]: BEN_SECRET });
});

afterAll(async () => {
	await closeDatabase();
});

describe('a participant’s own workbook', () => {
	it('is theirs alone: another participant, a tutor and another programme’s tutor get “not found”', async () => {
		for (const someone of [ben, tutor, otherTutor]) {
			expect(await refusal(reflectionGrid(someone, ids.adaPlace))).toBe('not found');
			expect(await refusal(listIncidents(someone, ids.adaPlace))).toBe('not found');
			expect(await refusal(getAppreciation(someone, ids.adaPlace))).toBe('not found');
			expect(await refusal(workbookPdf(someone, ids.adaPlace))).toBe('not found');
			expect(await refusal(saveReflections(someone, ids.adaPlace, {}))).toBe('not found');
			expect(await refusal(saveAppreciation(someone, ids.adaPlace, { appreciated: 'x' }))).toBe('not found');
			expect(
				await refusal(
					addIncident(someone, ids.adaPlace, {
						occurredOn: '2025-10-01',
						knowledge: 1,
						skills: 1,
						values: 1,
						annotation: 'x'
					})
				)
			).toBe('not found');
			expect(await refusal(removeIncident(someone, ids.adaPlace, ids.adaIncident))).toBe('not found');
		}
		// Nothing of Ada's was changed by those attempts.
		expect((await reflectionGrid(ada, ids.adaPlace)).entries[0]!.placement1).toBe(SECRET.reflection);
		expect(await listIncidents(ada, ids.adaPlace)).toHaveLength(1);
	});

	it('will not let a participant reach another’s timeline point through their own workbook', async () => {
		const input = { occurredOn: '2025-10-01', knowledge: 1, skills: 1, values: 1, annotation: 'Overwritten' };
		expect(await refusal(updateIncident(ben, ids.benPlace, ids.adaIncident, input))).toBe('not found');
		expect(await refusal(removeIncident(ben, ids.benPlace, ids.adaIncident))).toBe('not found');
		expect((await listIncidents(ada, ids.adaPlace))[0]!.annotation).toBe(SECRET.timeline);
	});

	it('says "not found" for an address that is not a participant at all', async () => {
		expect(await refusal(reflectionGrid(ada, 'not-a-uuid'))).toBe('not found');
		expect(await refusal(reflectionGrid(ada, '00000000-0000-4000-8000-000000000000'))).toBe('not found');
	});
});

describe('what a tutor may read', () => {
	it('shows the shared parts only, and never loads the others', async () => {
		await share(ids.adaPlace, ['timeline']);
		const view = await sharedWorkbook(tutor, ids.programme, ids.adaPlace);
		expect(view.participant.name).toBe('Ada Trainee');
		expect(view.parts.filter((p) => p.shared).map((p) => p.part)).toEqual(['timeline']);
		expect(Object.keys(view.contents)).toEqual(['timeline']);
		expect(view.contents.timeline?.[0]?.annotation).toBe(SECRET.timeline);
		expect(secretsIn(view)).toEqual([SECRET.timeline]);
		expect(JSON.stringify(view)).not.toContain(BEN_SECRET);
	});

	it('shows a part once it is shared, and stops showing it when sharing stops', async () => {
		await share(ids.adaPlace, ['timeline', 'reflection', 'appreciation', 'purpose', 'network', 'postcard']);
		const all = await sharedWorkbook(tutor, ids.programme, ids.adaPlace);
		expect(secretsIn(all).sort()).toEqual(Object.values(SECRET).sort());
		expect(all.participant.placement1).toBe('Riverside Academy');
		expect(all.participant.placement2).toBe('Hillcrest School');

		await share(ids.adaPlace, []);
		const none = await sharedWorkbook(tutor, ids.programme, ids.adaPlace);
		expect(none.contents).toEqual({});
		expect(none.parts.every((p) => !p.shared && !p.hasContent)).toBe(true);
		expect(secretsIn(none)).toEqual([]);
		await share(ids.adaPlace, ['timeline']);
	});

	it('records the tutor’s reading in the audit trail, naming the parts but copying no text', async () => {
		await sharedWorkbook(tutor, ids.programme, ids.adaPlace);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'workbook.viewed-by-tutor'))
			.orderBy(desc(auditEvents.at))
			.limit(1);
		expect(event?.actorUserId).toBe(ids.tutor);
		expect(event?.after).toEqual({ parts: ['timeline'] });
	});

	it('keeps a tutor of another programme, and participants, out of the tutor’s view', async () => {
		expect(await refusal(sharedWorkbook(otherTutor, ids.programme, ids.adaPlace))).toBe('not found');
		// Through their own programme's address, a participant of another programme is still not found.
		expect(await refusal(sharedWorkbook(otherTutor, ids.otherProgramme, ids.adaPlace))).toBe('not found');
		expect(await refusal(sharedWorkbook(tutor, ids.programme, ids.samPlace))).toBe('not found');
		expect(await refusal(cohortEvaluation(otherTutor, ids.programme))).toBe('not found');
		expect(await refusal(cohortEvaluation(tutor, ids.programme, ids.otherCohort))).toBe('not found');
		// A participant is on the programme but may not manage it.
		expect(await refusal(sharedWorkbook(ben, ids.programme, ids.adaPlace))).toBe('forbidden');
		expect(await refusal(cohortEvaluation(ada, ids.programme))).toBe('forbidden');
	});

	it('gives cohort figures that hold no unshared text, and no text at all from one or two people', async () => {
		await share(ids.adaPlace, ['timeline']);
		const evaluation = await cohortEvaluation(tutor, ids.programme);
		expect(evaluation.participants).toBe(2);
		expect(secretsIn(evaluation)).toEqual([]);
		expect(JSON.stringify(evaluation)).not.toContain(BEN_SECRET);
		// Even shared, two people are too few: the lists stay empty.
		await share(ids.adaPlace, ['appreciation', 'reflection', 'purpose']);
		const shared = await cohortEvaluation(tutor, ids.programme);
		expect(secretsIn(shared)).toEqual([]);
		expect(shared.appreciation.appreciated).toEqual({ base: 1, suppressed: true, items: [] });
		expect(shared.purpose.before).toEqual({ value: null, base: 1, suppressed: true });
		expect(toCsv(evaluationTable(shared))).not.toContain('Ada');
		await share(ids.adaPlace, ['timeline']);
	});
});

describe('the audit trail of a workbook', () => {
	it('records each change without copying what was written', async () => {
		const events = await handle.db
			.select()
			.from(auditEvents)
			.where(sql`${auditEvents.action} like 'workbook.%'`);
		const actions = events.map((e) => e.action);
		expect(actions).toContain('workbook.reflection-saved');
		expect(actions).toContain('workbook.incident-added');
		expect(actions).toContain('workbook.appreciation-saved');
		expect(secretsIn(events)).toEqual([]);
		expect(JSON.stringify(events)).not.toContain(BEN_SECRET);
		const reflection = events.find((e) => e.action === 'workbook.reflection-saved' && e.actorUserId === ids.ada);
		expect(reflection?.after).toEqual({ placement1Benchmarks: [1], placement2Benchmarks: [4] });
	});
});

describe('the Gatsby reflection grid', () => {
	it('has the eight benchmarks in force with the placement schools, and keeps long text whole', async () => {
		const long = 'I noticed '.repeat(1500).trim();
		expect(long.length).toBeGreaterThan(10000);
		const grid = await saveReflections(ada, ids.adaPlace, {
			[reflectionField(1, 'placement1')]: SECRET.reflection,
			[reflectionField(8, 'placement1')]: long,
			[reflectionField(8, 'placement2')]: '  Trimmed only at the ends  '
		});
		expect(grid.frameworkName).toBe('Gatsby Benchmarks (2024)');
		expect(grid.entries.map((e) => e.benchmark)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(grid.entries[7]!.title).toBe('Personal guidance');
		expect(grid.placement1).toBe('Riverside Academy');
		expect(grid.placement2).toBe('Hillcrest School');
		const again = await reflectionGrid(ada, ids.adaPlace);
		expect(again.entries[7]!.placement1).toBe(long);
		expect(again.entries[7]!.placement2).toBe('Trimmed only at the ends');
		// Benchmark 4 was left out of this save: emptied, and its row removed.
		expect(again.entries[3]!.placement2).toBe('');
		const rows = await handle.db
			.select({ benchmark: benchmarkReflections.benchmark })
			.from(benchmarkReflections)
			.where(eq(benchmarkReflections.participantId, ids.adaPlace));
		expect(rows.map((r) => r.benchmark).sort()).toEqual([1, 8]);
	});

	it('refuses text over the limit with a message and saves nothing', async () => {
		const errors = await validationErrors(
			saveReflections(ada, ids.adaPlace, {
				[reflectionField(1, 'placement1')]: 'Changed',
				[reflectionField(3, 'placement2')]: 'x'.repeat(REFLECTION_MAX_CHARACTERS + 1)
			})
		);
		expect(errors.map((e) => e.field)).toEqual(['placement2-3']);
		expect(errors[0]!.message).toContain('20,000 characters or fewer');
		expect((await reflectionGrid(ada, ids.adaPlace)).entries[0]!.placement1).toBe(SECRET.reflection);
	});
});

describe('the critical-incident timeline', () => {
	it('adds, changes and removes points, in date order', async () => {
		const later = await addIncident(ada, ids.adaPlace, {
			occurredOn: '12/02/2026',
			knowledge: '7',
			skills: '6',
			values: '8',
			annotation: 'Led a careers lesson'
		});
		const earlier = await addIncident(ada, ids.adaPlace, {
			occurredOn: '2025-09-15',
			knowledge: '0',
			skills: '10',
			values: '2',
			annotation: 'First week'
		});
		expect(later.occurredOn).toBe('2026-02-12');
		let points = await listIncidents(ada, ids.adaPlace);
		expect(points.map((p) => p.annotation)).toEqual(['First week', SECRET.timeline, 'Led a careers lesson']);
		const changed = await updateIncident(ada, ids.adaPlace, earlier.id, {
			occurredOn: '2026-03-01',
			knowledge: 9,
			skills: 9,
			values: 9,
			annotation: 'Moved to March'
		});
		expect(changed).toMatchObject({ occurredOn: '2026-03-01', knowledge: 9, annotation: 'Moved to March' });
		points = await listIncidents(ada, ids.adaPlace);
		expect(points.map((p) => p.annotation)).toEqual([SECRET.timeline, 'Led a careers lesson', 'Moved to March']);
		await removeIncident(ada, ids.adaPlace, earlier.id);
		await removeIncident(ada, ids.adaPlace, later.id);
		expect(await listIncidents(ada, ids.adaPlace)).toHaveLength(1);
		expect(await refusal(removeIncident(ada, ids.adaPlace, later.id))).toBe('not found');
	});

	it('refuses levels outside 0–10, a date that is not one, and an empty annotation, and adds nothing', async () => {
		const errors = await validationErrors(
			addIncident(ada, ids.adaPlace, {
				occurredOn: '31/02/2026',
				knowledge: '11',
				skills: '-1',
				values: '2.5',
				annotation: ' '
			})
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['annotation', 'knowledge', 'occurredOn', 'skills', 'values']);
		expect(errors.find((e) => e.field === 'knowledge')?.message).toBe(
			'Enter your level of knowledge as a whole number from 0 to 10'
		);
		const [count] = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(criticalIncidents)
			.where(eq(criticalIncidents.participantId, ids.adaPlace));
		expect(count?.n).toBe(1);
	});
});

describe('the circle of appreciation', () => {
	it('saves both answers, and an empty save clears them', async () => {
		await saveAppreciation(ben, ids.benPlace, { appreciated: 'The employer panel', curious: '' });
		expect(await getAppreciation(ben, ids.benPlace)).toEqual({ appreciated: 'The employer panel', curious: '' });
		await saveAppreciation(ben, ids.benPlace, { appreciated: ' ', curious: '' });
		expect(await getAppreciation(ben, ids.benPlace)).toEqual({ appreciated: '', curious: '' });
		expect(await getAppreciation(ada, ids.adaPlace)).toEqual({
			appreciated: SECRET.appreciation,
			curious: SECRET.curious
		});
	});
});

describe('the workbook PDF', () => {
	it('prints every part with something in it, with the participant’s name and programme, and nobody else', async () => {
		const { pdf, filename } = await workbookPdf(ada, ids.adaPlace);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(filename).toBe('workbook-ada-trainee-leading-with-purpose.pdf');
		const text = pdfText(pdf);
		expect(text).toContain('Ada Trainee');
		// Table cells wrap at hyphens, which the text reader turns into spaces: compare without them.
		const squashed = squash(text);
		expect(text).toContain('Leading with purpose');
		expect(text).toContain('PGCE 2025/26');
		expect(text).toContain('Northfield University');
		for (const secret of Object.values(SECRET)) expect(squashed).toContain(squash(secret));
		// Purpose with scores and change; the network as a table; the reflection grid's placements.
		expect(text).toContain('Purpose questionnaire');
		expect(text).toContain('mean 2.50');
		expect(text).toContain('mean 4.50');
		expect(text).toContain('mean +2.00');
		expect(squashed).toContain(squash('Contact Sphere Strength (1–10) Type of tie'));
		expect(text).toContain('Knowledge Skills Values What happened');
		expect(text).toContain('What I noticed on placement 1 (Riverside Academy)');
		expect(squashed).toContain(squash('Critical-incident timeline'));
		expect(text).toContain('Not started yet: Subject careers maps.');
		expect(text).not.toContain('Ben Trainee');
		expect(squashed).not.toContain(squash(BEN_SECRET));
		expect(text).not.toContain('Tess Tutor');
	});

	it('prints an empty workbook with its name and what is not started', async () => {
		const text = pdfText((await workbookPdf(ben, ids.benPlace)).pdf);
		expect(text).toContain('Ben Trainee');
		expect(text).toContain('Gatsby reflection grid');
		expect(squash(text)).toContain(squash(BEN_SECRET));
		expect(squash(text)).toContain(
			squash('Not started yet: Purpose questionnaire, Social-capital map, Critical-incident timeline')
		);
		expect(text).not.toContain('Ada');
	});
});
