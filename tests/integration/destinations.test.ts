/**
 * Destinations (Benchmark 3): recording intended and actual destinations, the import, the overview and
 * the local authority's list, on the real database (PGlite, and Postgres when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, destinations, pupils } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError, type FieldError } from '../../src/lib/server/errors.ts';
import {
	destinationsOverview,
	intendedForLocalAuthority,
	localAuthorityTable,
	pupilDestinations,
	recordDestination,
	type DestinationInput
} from '../../src/lib/server/destinations/service.ts';
import { destinationsImport } from '../../src/lib/server/destinations/import.ts';
import { toCsv } from '../../src/lib/server/exports/table.ts';
import {
	academicYearName,
	academicYearStart,
	enteredYear7For,
	todayInLondon
} from '../../src/lib/domain/academic-year.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const TODAY = todayInLondon();
const NOW = academicYearStart(TODAY);
const NEXT = academicYearName(NOW + 1);

async function count(table: typeof auditEvents | typeof destinations): Promise<number> {
	const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(table);
	return row?.n ?? -1;
}

async function validationErrors(promise: Promise<unknown>): Promise<FieldError[]> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

let riverside: School;
let hillcrest: School;
let leader: Actor;
let adviser: Actor;
let teacher: Actor;
let governor: Actor;
let otherLeader: Actor;

type TestPupil = { id: string; upn: string };
const p: Record<string, TestPupil> = {};
let serial = 0;

async function addPupil(
	school: School,
	key: string,
	forename: string,
	surname: string,
	yearGroupNow: number,
	leavingDate: string | null = null,
	/** The year group in the academic year they left (for leavers). */
	leftFrom?: { yearGroup: number; year: number }
): Promise<void> {
	const upn = makeUpn({ la: 938, establishment: 4001, yearOfIssue: 2015, serial: String(++serial).padStart(3, '0') });
	const enteredYear7 = leftFrom
		? enteredYear7For(leftFrom.yearGroup, leftFrom.year)
		: enteredYear7For(yearGroupNow, NOW);
	const [row] = await handle.db
		.insert(pupils)
		.values({
			schoolId: school.id,
			upn,
			legalForename: forename,
			legalSurname: surname,
			dateOfBirth: `${enteredYear7 - 12}-03-0${(serial % 9) + 1}`,
			enteredYear7,
			admissionDate: `${enteredYear7}-09-03`,
			leavingDate
		})
		.returning({ id: pupils.id });
	p[key] = { id: row!.id, upn };
}

const intendedFor = (over: Partial<DestinationInput> = {}): DestinationInput => ({
	kind: 'intended',
	academicYear: NEXT,
	nccisCode: '230',
	institution: 'Riverside College',
	course: 'Level 3 engineering',
	recordedOn: TODAY,
	source: 'pupil',
	...over
});

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137501', name: 'Riverside Academy' });
	hillcrest = await addSchool(system, { urn: '137502', name: 'Hillcrest School' });
	const people: [string, string, string[], string][] = [
		['leader@riverside.example', 'Ada Leader', ['careers-leader'], '137501'],
		['adviser@riverside.example', 'Ade Adviser', ['careers-adviser'], '137501'],
		['teacher@riverside.example', 'Tom Teacher', ['teacher'], '137501'],
		['governor@riverside.example', 'Gill Governor', ['link-governor'], '137501'],
		['leader@hillcrest.example', 'Hal Leader', ['careers-leader'], '137502']
	];
	for (const [email, name, roles, schoolUrn] of people)
		await addPerson(system, { email, name, schoolUrn, roles, password: PASSWORD });
	leader = await signedIn('leader@riverside.example');
	adviser = await signedIn('adviser@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	governor = await signedIn('governor@riverside.example');
	otherLeader = await signedIn('leader@hillcrest.example');

	await addPupil(riverside, 'y11a', 'Amira', 'Ahmed', 11);
	await addPupil(riverside, 'y11b', 'Ben', 'Brown', 11);
	await addPupil(riverside, 'y11c', 'Cara', 'Clarke', 11);
	await addPupil(riverside, 'y13', 'Dev', 'Patel', 13);
	// Finished Year 11 here last year and stayed on in the sixth form.
	await addPupil(riverside, 'y12', 'Yusuf', 'Young', 12);
	await addPupil(riverside, 'y10', 'Eve', 'Evans', 10);
	// Left after Year 11 last July, after Year 13 the July before, and one who moved away in Year 9.
	const lastJuly = `${NOW}-07-17`;
	await addPupil(riverside, 'leaverA', 'Finn', 'Fox', 0, lastJuly, { yearGroup: 11, year: NOW - 1 });
	await addPupil(riverside, 'leaverB', 'Gail', 'Green', 0, lastJuly, { yearGroup: 11, year: NOW - 1 });
	await addPupil(riverside, 'leaverC', 'Hugo', 'Hill', 0, lastJuly, { yearGroup: 11, year: NOW - 1 });
	await addPupil(riverside, 'leaverD', 'Isla', 'Irwin', 0, lastJuly, { yearGroup: 11, year: NOW - 1 });
	await addPupil(riverside, 'leaverY13', 'Jay', 'Jones', 0, `${NOW - 1}-07-18`, { yearGroup: 13, year: NOW - 2 });
	await addPupil(riverside, 'mover', 'Kit', 'King', 0, `${NOW - 1}-11-10`, { yearGroup: 9, year: NOW - 1 });
	await addPupil(hillcrest, 'elsewhere', 'Lee', 'Lowe', 11);
});

afterAll(async () => {
	await closeDatabase();
});

describe('recording a destination', () => {
	it('records an intended destination for a Year 11 pupil for next year, audited, and changes it in place', async () => {
		const audits = await count(auditEvents);
		const first = await recordDestination(leader, riverside, p.y11a!.id, intendedFor());
		expect(first.outcome).toBe('added');
		expect(first.values).toMatchObject({ kind: 'intended', academicYear: NOW + 1, nccisCode: '230', consent: null });
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.recordId, first.id));
		expect(event?.action).toBe('destination.recorded');
		expect(event?.summary).toBe(
			`Recorded the intended destination of Amira Ahmed (UPN ${p.y11a!.upn}) for ${NEXT}: 230 further education at Riverside College`
		);

		// The same again changes nothing and writes nothing to the audit trail.
		const again = await recordDestination(leader, riverside, p.y11a!.id, intendedFor());
		expect(again).toMatchObject({ id: first.id, outcome: 'unchanged' });
		// A different code for the same year replaces it: still one row.
		const changed = await recordDestination(
			adviser,
			riverside,
			p.y11a!.id,
			intendedFor({ nccisCode: '210 School sixth form', institution: '' })
		);
		expect(changed).toMatchObject({ id: first.id, outcome: 'updated' });
		const rows = await handle.db.select().from(destinations).where(eq(destinations.pupilId, p.y11a!.id));
		expect(rows.map((r) => [r.kind, r.academicYear, r.nccisCode, r.institution])).toEqual([
			['intended', NOW + 1, '210', null]
		]);
		expect(await count(auditEvents)).toBe(audits + 2);
	});

	it('records an actual destination for a post-16 leaver with their consent', async () => {
		const result = await recordDestination(leader, riverside, p.leaverA!.id, {
			kind: 'actual',
			academicYear: academicYearName(NOW),
			nccisCode: '310',
			institution: 'Acme Engineering Ltd',
			recordedOn: TODAY,
			source: 'local-authority',
			consent: 'yes'
		});
		expect(result.values).toMatchObject({ kind: 'actual', academicYear: NOW, nccisCode: '310', consent: true });
		const view = await pupilDestinations(leader, riverside, p.leaverA!.id);
		expect(view.pupil).toMatchObject({ left: true, leftFromYear: 11, needsConsent: true });
		expect(view.actualYears).toEqual([NOW]);
		expect(view.intendedYears).toEqual([NOW]);
		expect(view.destinations.map((d) => [d.kind, d.yearName, d.code, d.label, d.group, d.consent])).toEqual([
			['actual', academicYearName(NOW), '310', 'Apprenticeship', 'apprenticeship', true]
		]);
	});

	it('refuses an actual destination of a post-16 leaver without consent, writing nothing', async () => {
		const before = [await count(destinations), await count(auditEvents)];
		const errors = await validationErrors(
			recordDestination(leader, riverside, p.leaverB!.id, {
				kind: 'actual',
				academicYear: academicYearName(NOW),
				nccisCode: '619',
				recordedOn: TODAY,
				source: 'local-authority'
			})
		);
		expect(errors).toEqual([
			{
				field: 'consent',
				message:
					'Say whether Gail Green agreed to be followed up after leaving (yes or no): it is needed for a post-16 leaver'
			}
		]);
		expect([await count(destinations), await count(auditEvents)]).toEqual(before);
	});

	it('refuses an unknown NCCIS code, naming an example', async () => {
		expect(
			await validationErrors(recordDestination(leader, riverside, p.y11b!.id, intendedFor({ nccisCode: '999' })))
		).toEqual([
			{
				field: 'nccisCode',
				message: '“999” is not an NCCIS current-activity code. Enter a code such as 230 (further education)'
			}
		]);
	});

	it('checks the year, the kind, the date and the source against the pupil', async () => {
		const fields = async (pupil: string, input: DestinationInput) =>
			(await validationErrors(recordDestination(leader, riverside, p[pupil]!.id, input))).map((e) => [
				e.field,
				e.message
			]);
		// A Year 10 pupil's intentions wait until Year 11.
		expect(await fields('y10', intendedFor({ academicYear: NEXT }))).toEqual([
			[
				'academicYear',
				`An intended destination for ${NEXT} is recorded in Year 11 or Year 13 in ${academicYearName(NOW)}, and Eve Evans is in Year 10 then`
			]
		]);
		expect((await fields('y10', intendedFor({ academicYear: academicYearName(NOW + 2) })))[0]?.[1]).toContain(
			'too far ahead'
		);
		// An intended destination is for the year after Year 11, not Year 11 itself.
		expect((await fields('y11b', intendedFor({ academicYear: academicYearName(NOW) })))[0]?.[1]).toContain(
			'was in Year 10 then'
		);
		// Pupils on roll have no actual destination yet.
		expect((await fields('y11b', { ...intendedFor(), kind: 'actual' }))[0]).toEqual([
			'kind',
			'Ben Brown has not left the school or finished Year 11, so has no actual destination yet. Record an intended destination, or their leaving date first'
		]);
		// Actual destinations: only for the three years after Year 11 and after leaving, never for a year to come.
		const actual = (academicYear: string): DestinationInput => ({
			kind: 'actual',
			academicYear,
			nccisCode: '240',
			recordedOn: TODAY,
			source: 'provider',
			consent: 'no'
		});
		expect((await fields('leaverY13', actual(academicYearName(NOW - 4))))[0]?.[1]).toBe(
			`Actual destinations are recorded for the 3 years after Year 11 and after leaving: for Jay Jones, ${academicYearName(NOW - 3)}, ${academicYearName(NOW - 2)}, ${academicYearName(NOW - 1)} or ${academicYearName(NOW)}`
		);
		expect((await fields('leaverY13', actual(NEXT)))[0]?.[1]).toContain('has not started yet');
		expect(await fields('leaverY13', actual('2025/2027'))).toEqual([
			['academicYear', `“2025/2027” is not an academic year. Enter it as ${academicYearName(NOW)}`]
		]);
		// Not in the future; a source from the list; consent is yes or no.
		expect(
			await fields('y11b', intendedFor({ recordedOn: `${NOW + 2}-01-01`, source: 'rumour', consent: 'perhaps' }))
		).toEqual([
			['recordedOn', 'The date recorded cannot be in the future'],
			['source', '“rumour” is not a source we know. Use one of: pupil, school, local-authority, provider, import'],
			['consent', 'Enter yes or no for whether the young person agreed to be followed up']
		]);
		// Staying on in the sixth form after Year 11 is an actual destination, and needs no consent.
		const stayed = await recordDestination(leader, riverside, p.y12!.id, {
			...actual(academicYearName(NOW)),
			nccisCode: '210',
			institution: 'Riverside Academy Sixth Form',
			consent: ''
		});
		expect(stayed.values).toMatchObject({ kind: 'actual', academicYear: NOW, nccisCode: '210', consent: null });
		// A pupil who moved away in Year 9 may have an actual destination, without consent.
		const moved = await recordDestination(leader, riverside, p.mover!.id, {
			...actual(academicYearName(NOW)),
			nccisCode: '110',
			consent: ''
		});
		expect(moved.values.consent).toBeNull();
	});

	it('lets only the careers team record, refuses a governor everything, and hides another school’s pupils', async () => {
		await expect(recordDestination(governor, riverside, p.y11b!.id, intendedFor())).rejects.toThrow(ForbiddenError);
		await expect(recordDestination(teacher, riverside, p.y11b!.id, intendedFor())).rejects.toThrow(ForbiddenError);
		await expect(destinationsOverview(governor, riverside, NOW)).rejects.toThrow(ForbiddenError);
		await expect(intendedForLocalAuthority(governor, riverside, NOW)).rejects.toThrow(ForbiddenError);
		await expect(pupilDestinations(governor, riverside, p.y11b!.id)).rejects.toThrow(ForbiddenError);
		await expect(destinationsImport.run(governor, riverside, 'UPN\n1')).rejects.toThrow(ForbiddenError);
		await expect(recordDestination(otherLeader, riverside, p.y11b!.id, intendedFor())).rejects.toThrow(NotFoundError);
		await expect(recordDestination(leader, riverside, p.elsewhere!.id, intendedFor())).rejects.toThrow(NotFoundError);
		await expect(pupilDestinations(leader, riverside, 'not-a-uuid')).rejects.toThrow(NotFoundError);
		// A teacher may read them.
		expect((await destinationsOverview(teacher, riverside, NOW)).intended).toHaveLength(2);
	});
});

describe('importing destinations', () => {
	const header = 'UPN,Kind,Academic Year,NCCIS Code,Institution or Employer,Recorded On,Consent';
	const goodFile = () =>
		[
			header,
			`${p.y11b!.upn},intended,${NEXT},310,Acme Engineering Ltd,01/10/${NOW},`,
			`${p.y13!.upn},Intended,${NEXT},240,University of Leeds,${TODAY},`,
			`${p.leaverC!.upn},actual,${academicYearName(NOW)},619,,02/10/${NOW},No`,
			`${p.leaverD!.upn},actual,${academicYearName(NOW)},810,,02/10/${NOW},Yes`
		].join('\r\n');

	it('imports a good file in one transaction with one audit event, and a second time changes nothing', async () => {
		const audits = await count(auditEvents);
		const dry = await destinationsImport.run(leader, riverside, goodFile(), { dryRun: true });
		expect(dry).toMatchObject({ dryRun: true, rows: 4, added: 4, updated: 0, unchanged: 0 });
		expect(await count(auditEvents)).toBe(audits);
		const before = await count(destinations);
		const summary = await destinationsImport.run(leader, riverside, goodFile());
		expect(summary).toMatchObject({ kind: 'destinations', dryRun: false, rows: 4, added: 4, updated: 0, unchanged: 0 });
		expect(await count(destinations)).toBe(before + 4);
		expect(await count(auditEvents)).toBe(audits + 1);
		const [row] = await handle.db
			.select()
			.from(destinations)
			.where(and(eq(destinations.pupilId, p.leaverC!.id), eq(destinations.kind, 'actual')));
		expect(row).toMatchObject({
			academicYear: NOW,
			nccisCode: '619',
			institution: null,
			recordedOn: `${NOW}-10-02`,
			source: 'import',
			consent: false
		});

		const again = await destinationsImport.run(leader, riverside, goodFile());
		expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
		expect(await count(destinations)).toBe(before + 4);
	});

	it('accepts other headings, a semicolon file and the optional columns', async () => {
		const file = [
			'\uFEFFupn;destination type;academic_year;nccis;employer;date recorded;course;source',
			`${p.y11c!.upn};INTENDED;${NOW + 1}-${String(NOW + 2).slice(2)};230 Further education;Riverside College;${TODAY};A levels;school`
		].join('\n');
		const summary = await destinationsImport.run(adviser, riverside, file);
		expect(summary).toMatchObject({ added: 1 });
		const [row] = await handle.db.select().from(destinations).where(eq(destinations.pupilId, p.y11c!.id));
		expect(row).toMatchObject({
			kind: 'intended',
			academicYear: NOW + 1,
			nccisCode: '230',
			course: 'A levels',
			source: 'school'
		});
	});

	it('writes nothing when one row is wrong, and says where and what was expected', async () => {
		const before = [await count(destinations), await count(auditEvents)];
		const file = [
			header,
			`${p.y11b!.upn},intended,${NEXT},240,Somewhere new,01/10/${NOW},`,
			`${p.leaverB!.upn},actual,${academicYearName(NOW)},999,,02/10/${NOW},Yes`,
			`${p.leaverB!.upn},actual,${academicYearName(NOW)},330,,02/10/${NOW},`,
			`X000000000000,intended,${NEXT},230,,02/10/${NOW},`,
			`${p.y13!.upn},eventual,${NEXT},230,,02/10/${NOW},`
		].join('\n');
		const errors = await validationErrors(destinationsImport.run(leader, riverside, file));
		expect(errors).toEqual([
			{
				field: 'nccisCode',
				row: 3,
				column: 'NCCIS Code',
				value: '999',
				message: '“999” is not an NCCIS current-activity code. Enter a code such as 230 (further education)'
			},
			{
				field: 'consent',
				row: 4,
				column: 'Consent',
				value: '',
				message:
					'Say whether Gail Green agreed to be followed up after leaving (yes or no): it is needed for a post-16 leaver'
			},
			{
				field: 'upn',
				row: 5,
				column: 'UPN',
				value: 'X000000000000',
				message:
					'No pupil in Riverside Academy has the UPN “X000000000000”. Expected the UPN of a pupil (or leaver) imported from your MIS'
			},
			{
				field: 'kind',
				row: 6,
				column: 'Kind',
				value: 'eventual',
				message: 'Choose whether this is an intended destination or an actual destination. Expected intended or actual'
			}
		]);
		expect([await count(destinations), await count(auditEvents)]).toEqual(before);
		const [kept] = await handle.db
			.select()
			.from(destinations)
			.where(and(eq(destinations.pupilId, p.y11b!.id), eq(destinations.kind, 'intended')));
		expect(kept?.nccisCode).toBe('310');
	});

	it('refuses a file missing a column, or repeating a pupil, kind and year', async () => {
		const missing = await validationErrors(
			destinationsImport.run(leader, riverside, `UPN,Kind\n${p.y11b!.upn},intended`)
		);
		expect(missing.map((e) => e.column)).toEqual([
			'Academic Year',
			'NCCIS Code',
			'Institution or Employer',
			'Recorded On'
		]);
		const repeated = await validationErrors(
			destinationsImport.run(
				leader,
				riverside,
				[
					header,
					`${p.y11b!.upn},intended,${NEXT},240,,${TODAY},`,
					`${p.y11b!.upn},intended,${NEXT},230,,${TODAY},`
				].join('\n')
			)
		);
		expect(repeated).toEqual([
			expect.objectContaining({ row: 3, column: 'UPN', message: expect.stringContaining('Row 3 repeats row 2') })
		]);
	});
});

describe('the overview and the local authority’s list', () => {
	it('counts intended destinations recorded and not, and rolls up each leaver cohort with its NEET share', async () => {
		const o = await destinationsOverview(leader, riverside, NOW);
		expect(o.intended.map((g) => [g.yearGroup, g.forYear, g.rollUp.total, g.rollUp.recorded, g.rollUp.none])).toEqual([
			[11, NOW + 1, 3, 3, 0],
			[13, NOW + 1, 1, 1, 0]
		]);
		const y11 = o.intended[0]!;
		expect(y11.pupils.map((r) => [r.name, r.destination?.code])).toEqual([
			['Amira Ahmed', '210'],
			['Ben Brown', '310'],
			['Cara Clarke', '230']
		]);
		expect(y11.rollUp.byGroup).toMatchObject({ education: 2, apprenticeship: 1 });

		// Last year's: four who left after Year 11 and one who stayed on; the year before: this year's Year 13
		// finished Year 11 and stayed on, and Jay Jones left after Year 13.
		expect(o.cohorts.map((c) => [c.leftIn, c.pupils.map((r) => r.name)])).toEqual([
			[NOW - 1, ['Finn Fox', 'Gail Green', 'Hugo Hill', 'Isla Irwin', 'Yusuf Young']],
			[NOW - 2, ['Jay Jones', 'Dev Patel']],
			[NOW - 3, []]
		]);
		// Apprenticeship, nothing recorded, NEET, not known, and the school's sixth form.
		const lastYear = o.cohorts[0]!;
		expect(lastYear.pupils.map((r) => [r.leftFromYear, r.stayedOn, r.destination?.code ?? null])).toEqual([
			[11, false, '310'],
			[11, false, null],
			[11, false, '619'],
			[11, false, '810'],
			[11, true, '210']
		]);
		expect(lastYear.rollUp).toMatchObject({ total: 5, recorded: 4, none: 1, neetShare: 0.2, notKnownShare: 0.4 });
		expect(lastYear.rollUp.byGroup).toMatchObject({ education: 1, apprenticeship: 1, neet: 1, 'not-known': 1 });
		expect(o.cohorts[1]!.pupils.map((r) => [r.leftFromYear, r.stayedOn])).toEqual([
			[13, false],
			[11, true]
		]);
		// The pupil who moved away in Year 9 is not a post-16 leaver.
		expect(o.cohorts.flatMap((c) => c.pupils.map((r) => r.name))).not.toContain('Kit King');

		// Filtered by year group.
		const only13 = await destinationsOverview(leader, riverside, NOW, { yearGroup: 13 });
		expect(only13.intended.map((g) => g.yearGroup)).toEqual([13]);
		expect(only13.cohorts.map((c) => c.pupils.map((r) => r.name))).toEqual([[], ['Jay Jones'], []]);
	});

	it('lists every Year 11 and Year 13 pupil in the layout a local authority asks for', async () => {
		const rows = await intendedForLocalAuthority(leader, riverside, NOW);
		expect(rows.map((r) => [r.legalSurname, r.yearGroup, r.code, r.label])).toEqual([
			['Ahmed', 11, '210', 'School sixth form'],
			['Brown', 11, '310', 'Apprenticeship'],
			['Clarke', 11, '230', 'Further education'],
			['Patel', 13, '240', 'Higher education']
		]);
		expect(rows[1]).toMatchObject({ upn: p.y11b!.upn, legalForename: 'Ben', institution: 'Acme Engineering Ltd' });
		expect(rows[1]!.dateOfBirth).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
		const csv = toCsv(localAuthorityTable(rows));
		expect(csv.split('\r\n')[0]).toBe(
			'\uFEFFUPN,Legal Surname,Legal Forename,Date of Birth,Year Group,Intended NCCIS Code,Intended Destination,Institution or Employer,Course'
		);
		expect(csv).toContain(`${p.y11c!.upn},Clarke,Cara,`);
		expect(await intendedForLocalAuthority(leader, riverside, NOW, { yearGroup: 13 })).toHaveLength(1);
	});
});
