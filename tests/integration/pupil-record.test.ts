/**
 * The pupil list's filters and export, one pupil's careers record (timeline by academic year, guidance with
 * notes only for those allowed, each read audited) and its PDF, on the real database (PGlite, and Postgres
 * when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	attendance,
	auditEvents,
	deliveredActivities,
	deliveredActivityPartners,
	destinations,
	guidanceMeetings,
	groupSchools,
	memberships,
	organisations,
	partners,
	pupils,
	referrals,
	teachingGroupMembers,
	teachingGroups,
	users
} from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { exportPupils, listPupils } from '../../src/lib/server/pupils/service.ts';
import { pupilRecord, timelineYears } from '../../src/lib/server/pupils/record.ts';
import { recordDocument, recordPdf, recordPdfFilename } from '../../src/lib/server/pupils/record-pdf.ts';
import { toCsv } from '../../src/lib/server/exports/table.ts';
import { academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';
import { pdfText } from '../support/pdf.ts';

let handle: DatabaseHandle;
const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const YEAR = academicYearStart(todayInLondon());

let riverside: School;
let brook: School;
let leader: Actor;
let teacher: Actor;
let adviser: Actor;
let governor: Actor;
let trustLead: Actor;
let outsider: Actor;
let brookLeader: Actor;
let pupilId = '';
let serial = 0;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function addPupil(school: School, values: Partial<typeof pupils.$inferInsert> = {}): Promise<string> {
	serial++;
	const [row] = await handle.db
		.insert(pupils)
		.values({
			schoolId: school.id,
			upn: `T${String(serial).padStart(12, '0')}`,
			legalSurname: `Surname${serial}`,
			legalForename: `Pupil${serial}`,
			dateOfBirth: '2012-01-01',
			enteredYear7: YEAR - 2,
			...values
		})
		.returning({ id: pupils.id });
	if (!row) throw new Error('no pupil');
	return row.id;
}

async function auditFor(recordId: string, action: string) {
	return handle.db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.recordId, recordId), eq(auditEvents.action, action)));
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	riverside = await addSchool(system, { urn: '137701', name: 'Riverside Academy' });
	brook = await addSchool(system, { urn: '137702', name: 'Brook School' });
	const people: [string, string, string, string, number?][] = [
		['leader@riverside.example', 'Ada Leader', '137701', 'careers-leader'],
		['teacher@riverside.example', 'Tom Teacher', '137701', 'teacher'],
		['adviser@riverside.example', 'Ann Adviser', '137701', 'careers-adviser', 6],
		['governor@riverside.example', 'Gill Governor', '137701', 'link-governor'],
		['leader@brook.example', 'Bea Leader', '137702', 'careers-leader'],
		['lead@trust.example', 'Tia Lead', '137702', 'teacher']
	];
	for (const [email, name, schoolUrn, role, adviserLevel] of people)
		await addPerson(system, { email, name, schoolUrn, roles: [role], password: PASSWORD, adviserLevel });
	const [trust] = await handle.db
		.insert(organisations)
		.values({ kind: 'trust', name: 'River Trust' })
		.returning({ id: organisations.id });
	await handle.db.insert(groupSchools).values({ groupId: trust!.id, schoolId: riverside.id });
	const [lead] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, 'lead@trust.example'));
	await handle.db.insert(memberships).values({ userId: lead!.id, organisationId: trust!.id, roles: ['group-lead'] });
	const [adviserUser] = await handle.db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, 'adviser@riverside.example'));
	const [teacherUser] = await handle.db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, 'teacher@riverside.example'));

	leader = await signedIn('leader@riverside.example');
	teacher = await signedIn('teacher@riverside.example');
	adviser = await signedIn('adviser@riverside.example');
	governor = await signedIn('governor@riverside.example');
	trustLead = await signedIn('lead@trust.example');
	outsider = await signedIn('leader@brook.example');
	brookLeader = outsider;

	// Łukasz joined in Year 7 two years ago: Year 7 in YEAR-2, Year 8 in YEAR-1, Year 9 now.
	pupilId = await addPupil(riverside, {
		upn: 'B801200005001',
		legalSurname: 'Nowak-Żuławski',
		legalForename: 'Łukasz',
		enteredYear7: YEAR - 2,
		admissionDate: `${YEAR - 2}-09-03`,
		regGroup: '9N',
		senProvision: 'K',
		pupilPremium: true,
		attendancePercent: 93.5
	});
	const [employer, college] = await handle.db
		.insert(partners)
		.values([
			{ schoolId: riverside.id, name: 'Harbour Logistics', kind: 'employer' },
			{ schoolId: riverside.id, name: 'City College', kind: 'fe-college' }
		])
		.returning({ id: partners.id });
	const activity = (academicYear: number, date: string, title: string, type: string, benchmarks: number[]) => ({
		schoolId: riverside.id,
		academicYear,
		date,
		title,
		type,
		benchmarks
	});
	const [a7, a8, a9, other] = await handle.db
		.insert(deliveredActivities)
		.values([
			activity(YEAR - 2, `${YEAR - 2}-11-14`, 'Careers fair', 'employer-encounter', [5, 2]),
			activity(YEAR - 1, `${YEAR}-03-05`, 'College taster day', 'fe-encounter', [7]),
			activity(YEAR, `${YEAR}-09-18`, 'Mock interviews', 'employer-encounter', [5]),
			activity(YEAR, `${YEAR}-09-19`, 'Someone else’s workshop', 'lmi', [2])
		])
		.returning({ id: deliveredActivities.id });
	await handle.db.insert(deliveredActivityPartners).values([
		{ deliveredActivityId: a7!.id, partnerId: employer!.id },
		{ deliveredActivityId: a8!.id, partnerId: college!.id },
		{ deliveredActivityId: a9!.id, partnerId: employer!.id }
	]);
	const other2 = await addPupil(riverside);
	await handle.db.insert(attendance).values([
		{ deliveredActivityId: a7!.id, pupilId, attended: true, reflection: 'I liked the crane driver' },
		{ deliveredActivityId: a8!.id, pupilId, attended: true },
		{ deliveredActivityId: a9!.id, pupilId, attended: false },
		{ deliveredActivityId: other!.id, pupilId: other2, attended: true }
	]);
	const [referral] = await handle.db
		.insert(referrals)
		.values({
			schoolId: riverside.id,
			pupilId,
			referredBy: teacherUser!.id,
			referrerCapacity: 'tutor',
			reason: 'Unsure about options for Year 10',
			status: 'closed',
			closedAt: new Date(),
			closingNote: 'Meeting booked'
		})
		.returning({ id: referrals.id });
	await handle.db.insert(guidanceMeetings).values({
		schoolId: riverside.id,
		pupilId,
		date: `${YEAR}-10-01`,
		adviserUserId: adviserUser!.id,
		adviserName: 'Ann Adviser',
		adviserLevel: 6,
		format: 'one-to-one',
		agreedActions: 'Visit the college open evening',
		notes: 'CONFIDENTIAL: worried about home',
		referralId: referral!.id
	});
	await handle.db.insert(destinations).values({
		schoolId: riverside.id,
		pupilId,
		kind: 'intended',
		academicYear: YEAR + 2,
		nccisCode: '230',
		institution: 'City College',
		course: 'Level 3 Engineering',
		recordedOn: `${YEAR}-10-01`,
		source: 'pupil'
	});
});

afterAll(async () => {
	await closeDatabase();
});

describe('a pupil’s careers record', () => {
	it('groups the encounters by academic year with the year group the pupil was in', async () => {
		const record = await pupilRecord(leader, riverside, pupilId, 'req-1');
		expect(record.pupil.name).toBe('Łukasz Nowak-Żuławski');
		expect(record.timeline.map((y) => [y.academicYear, y.yearGroup, y.encounters.map((e) => e.title)])).toEqual([
			[YEAR - 2, 7, ['Careers fair']],
			[YEAR - 1, 8, ['College taster day']],
			[YEAR, 9, ['Mock interviews']]
		]);
		const [fair] = record.timeline[0]!.encounters;
		expect(fair).toMatchObject({
			typeLabel: 'Encounter with employers and employees',
			partners: ['Harbour Logistics'],
			benchmarks: [2, 5],
			attended: true,
			reflection: 'I liked the crane driver'
		});
		expect(record.timeline[2]!.encounters[0]!.attended).toBe(false);
		expect([record.attendedCount, record.missedCount]).toEqual([2, 1]);
		expect(record.destinations).toEqual([
			expect.objectContaining({ kind: 'intended', label: 'Further education', groupLabel: 'Education' })
		]);
		expect(record.referrals).toEqual([
			expect.objectContaining({
				status: 'closed',
				referredBy: 'Tom Teacher',
				reason: 'Unsure about options for Year 10'
			})
		]);
		expect(record.can).toEqual({ refer: true, recordDestination: true, recordGuidance: true });
	});

	it('covers the years from joining to leaving, and any year with an encounter', () => {
		const base = { enteredYear7: 2020, admissionDate: null, leavingDate: null };
		expect(timelineYears(base, [], '2022-10-01')).toEqual([2020, 2021, 2022]);
		expect(timelineYears({ ...base, admissionDate: '2021-09-05' }, [], '2022-10-01')).toEqual([2021, 2022]);
		expect(timelineYears({ ...base, leavingDate: '2022-07-20' }, [], '2024-10-01')).toEqual([2020, 2021]);
		expect(timelineYears({ ...base, admissionDate: '2022-01-10' }, [2019], '2022-10-01')).toEqual([
			2019, 2020, 2021, 2022
		]);
	});

	it('shows a teacher the agreed actions but not the adviser’s notes, and audits only the view', async () => {
		const before = (await auditFor(pupilId, 'guidance.notes.viewed')).length;
		const record = await pupilRecord(teacher, riverside, pupilId, 'req-teacher');
		expect(record.notesShown).toBe(false);
		expect(record.guidance).toHaveLength(1);
		expect(record.guidance[0]).toMatchObject({ agreedActions: 'Visit the college open evening', adviserLevel: 6 });
		expect(record.guidance[0]).not.toHaveProperty('notes');
		expect(JSON.stringify(record)).not.toContain('CONFIDENTIAL');
		expect(record.can).toEqual({ refer: true, recordDestination: false, recordGuidance: false });
		expect((await auditFor(pupilId, 'guidance.notes.viewed')).length).toBe(before);
		const views = await auditFor(pupilId, 'pupil.viewed');
		expect(views.some((v) => v.requestId === 'req-teacher' && v.actorLabel.includes('teacher@riverside.example'))).toBe(
			true
		);
	});

	it('shows a careers adviser the notes and writes an audit event for reading them', async () => {
		const record = await pupilRecord(adviser, riverside, pupilId, 'req-adviser');
		expect(record.notesShown).toBe(true);
		expect(record.guidance[0]!.notes).toBe('CONFIDENTIAL: worried about home');
		// The careers leader's view (the first test) read them too; the teacher's did not.
		const notes = await auditFor(pupilId, 'guidance.notes.viewed');
		expect(notes.map((n) => [n.requestId, n.actorLabel]).sort()).toEqual([
			['req-1', 'Ada Leader <leader@riverside.example>'],
			['req-adviser', 'Ann Adviser <adviser@riverside.example>']
		]);
		expect(notes[0]?.summary).toBe(
			'Read the notes of 1 guidance meeting with Łukasz Nowak-Żuławski (UPN B801200005001)'
		);
		expect((await auditFor(pupilId, 'pupil.viewed')).some((v) => v.requestId === 'req-adviser')).toBe(true);
	});

	it('refuses governors and trust leads, and another school finds nothing', async () => {
		await expect(pupilRecord(governor, riverside, pupilId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(pupilRecord(trustLead, riverside, pupilId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(pupilRecord(outsider, riverside, pupilId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(pupilRecord(brookLeader, brook, pupilId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(pupilRecord(leader, riverside, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
		await expect(listPupils(governor, riverside, {})).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listPupils(trustLead, riverside, {})).rejects.toBeInstanceOf(NotFoundError);
		await expect(exportPupils(governor, riverside, {})).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('the record as a PDF', () => {
	it('is a PDF with the pupil’s name and encounters, without the adviser’s notes, and the download is audited', async () => {
		const record = await pupilRecord(adviser, riverside, pupilId, 'req-pdf', { purpose: 'download' });
		// A download never reads notes, even for an adviser.
		expect(record.notesShown).toBe(false);
		expect(JSON.stringify(record)).not.toContain('CONFIDENTIAL');
		const downloads = await auditFor(pupilId, 'pupil.record.downloaded');
		expect(downloads.map((d) => d.requestId)).toEqual(['req-pdf']);
		expect((await auditFor(pupilId, 'pupil.viewed')).some((v) => v.requestId === 'req-pdf')).toBe(false);

		const pdf = await recordPdf(record, riverside, { printedOn: '2026-11-23' });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		// pdfmake sets each word (and each part of a hyphenated word) on its own, so join "Nowak- Żuławski".
		const text = pdfText(pdf).replace(/- /g, '-');
		expect(text).toContain('Your careers record');
		expect(text).toContain('Łukasz');
		expect(text).toContain('Nowak-Żuławski');
		expect(text).toContain('Riverside Academy');
		expect(text).toContain('Careers fair');
		expect(text).toContain('Visit the college open evening');
		expect(text).toContain('Page 1 of');
		expect(text).toContain('23 November 2026');
		expect(text).not.toContain('CONFIDENTIAL');
		// Uncompressed output decodes to the same text.
		const plain = await recordPdf(record, riverside, { printedOn: '2026-11-23', compress: false });
		expect(pdfText(plain).replace(/- /g, '-')).toBe(text);
	});

	it('never prints notes even when handed a record that has them', async () => {
		const record = await pupilRecord(adviser, riverside, pupilId);
		expect(record.guidance[0]!.notes).toContain('CONFIDENTIAL');
		expect(JSON.stringify(recordDocument(record, riverside).content)).not.toContain('CONFIDENTIAL');
	});

	it('is named in plain ASCII', () => {
		expect(recordPdfFilename({ legalSurname: 'Nowak-Żuławski', legalForename: 'Łukasz' })).toBe(
			'careers-record-nowak-zulawski-lukasz.pdf'
		);
		expect(recordPdfFilename({ legalSurname: 'O’Brien', legalForename: 'Zoë' })).toBe('careers-record-o-brien-zoe.pdf');
		expect(recordPdfFilename({ legalSurname: '张', legalForename: '伟' })).toBe('careers-record.pdf');
	});
});

describe('the pupil list’s filters and export', () => {
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		const y9 = YEAR - 2;
		ids.ehcp = await addPupil(brook, { legalSurname: 'Ehcp', senProvision: 'E', attendancePercent: 96 });
		ids.support = await addPupil(brook, { legalSurname: 'Support', senProvision: 'K', attendancePercent: 85.5 });
		ids.pp = await addPupil(brook, { legalSurname: 'Premium', pupilPremium: true, attendancePercent: 92 });
		ids.fsm = await addPupil(brook, { legalSurname: 'Meals', fsmEligible: true, eal: true, gender: 'F' });
		ids.cla = await addPupil(brook, {
			legalSurname: 'Cared',
			lookedAfter: true,
			pupilPremium: true,
			attendancePercent: 89.99,
			regGroup: '9B',
			gender: 'M'
		});
		ids.y11 = await addPupil(brook, { legalSurname: 'Older', enteredYear7: YEAR - 4, attendancePercent: 90 });
		ids.left = await addPupil(brook, {
			legalSurname: 'Leaver',
			senProvision: 'K',
			enteredYear7: y9,
			leavingDate: `${YEAR}-01-15`
		});
		const [group] = await handle.db
			.insert(teachingGroups)
			.values([
				{ schoolId: brook.id, academicYear: YEAR, name: '9x/Ma1' },
				{ schoolId: brook.id, academicYear: YEAR - 1, name: '8x/Ma1' }
			])
			.returning({ id: teachingGroups.id });
		await handle.db.insert(teachingGroupMembers).values([
			{ groupId: group!.id, pupilId: ids.ehcp },
			{ groupId: group!.id, pupilId: ids.cla }
		]);
		ids.group = group!.id;
	});

	const names = async (filter: Record<string, string>) =>
		(await listPupils(brookLeader, brook, filter)).pupils.map((p) => p.legalSurname).sort();

	it('filters by special educational needs', async () => {
		expect(await names({ sen: 'E' })).toEqual(['Ehcp']);
		expect(await names({ sen: 'K' })).toEqual(['Support']);
		expect(await names({ sen: 'any' })).toEqual(['Ehcp', 'Support']);
		expect(await names({ sen: 'N' })).toEqual(['Cared', 'Meals', 'Older', 'Premium']);
		expect(await names({ sen: 'any', leavers: 'yes' })).toEqual(['Ehcp', 'Leaver', 'Support']);
	});

	it('filters by pupil premium, free school meals, EAL, looked after and gender', async () => {
		expect(await names({ pp: 'yes' })).toEqual(['Cared', 'Premium']);
		expect(await names({ pp: 'no' })).toEqual(['Ehcp', 'Meals', 'Older', 'Support']);
		expect(await names({ fsm: 'yes' })).toEqual(['Meals']);
		expect(await names({ eal: 'yes' })).toEqual(['Meals']);
		expect(await names({ lookedAfter: 'yes' })).toEqual(['Cared']);
		expect(await names({ gender: 'F' })).toEqual(['Meals']);
		expect(await names({ pp: 'yes', lookedAfter: 'yes', reg: '9B' })).toEqual(['Cared']);
	});

	it('filters by attendance band, with 90% and 95% at the bottom of their bands', async () => {
		expect(await names({ attendance: 'persistent' })).toEqual(['Cared', 'Support']);
		expect(await names({ attendance: '90-95' })).toEqual(['Older', 'Premium']);
		expect(await names({ attendance: '95-plus' })).toEqual(['Ehcp']);
		expect(await names({ attendance: 'unknown' })).toEqual(['Meals']);
	});

	it('filters by year group, teaching group of this year, and name or UPN', async () => {
		expect(await names({ year: '11' })).toEqual(['Older']);
		expect(await names({ group: ids.group! })).toEqual(['Cared', 'Ehcp']);
		expect(await names({ q: 'premium' })).toEqual(['Premium']);
		const byFullName = await listPupils(leader, riverside, { q: 'Łukasz Nowak' });
		expect(byFullName.pupils.map((p) => p.id)).toEqual([pupilId]);
		const byUpn = await listPupils(leader, riverside, { q: 'B801200005001' });
		expect(byUpn.pupils.map((p) => p.name)).toEqual(['Łukasz Nowak-Żuławski']);
		const list = await listPupils(brookLeader, brook, { q: 'Pupil3' });
		expect(list.pupils.length).toBeGreaterThan(0);
		expect(list.options.teachingGroups.map((g) => g.name)).toEqual(['9x/Ma1']);
		expect(list.options.genders).toEqual(['F', 'M']);
		expect(list.options.regGroups).toEqual(['9B']);
	});

	it('counts the whole filtered list, and ignores filters it cannot read', async () => {
		const list = await listPupils(brookLeader, brook, { year: '9' });
		expect(list.counts).toEqual({
			total: 5,
			sen: 2,
			pupilPremium: 2,
			fsm: 1,
			eal: 1,
			lookedAfter: 1,
			persistentAbsence: 2
		});
		const odd = await listPupils(brookLeader, brook, {
			year: 'x',
			sen: 'maybe',
			pp: 'perhaps',
			attendance: 'lots',
			group: 'not-a-uuid',
			page: '-3'
		});
		expect(odd.total).toBe(6);
		expect(odd.filter.page).toBe(1);
	});

	it('exports the filtered list with every column, and audits the download with its count', async () => {
		const table = await exportPupils(brookLeader, brook, { pp: 'yes' }, 'req-export');
		expect(table.headers).toEqual([
			'UPN',
			'Legal surname',
			'Legal forename',
			'Preferred forename',
			'Year group',
			'Registration group',
			'SEN',
			'Pupil premium',
			'Free school meals',
			'EAL',
			'Looked after',
			'Gender',
			'Attendance %',
			'Left on'
		]);
		expect(table.rows.map((r) => r[1])).toEqual(['Cared', 'Premium']);
		const csv = toCsv(table);
		expect(csv).toContain(',Cared,');
		expect(csv).toContain('89.99');
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'pupils.exported'), eq(auditEvents.requestId, 'req-export')));
		expect(event?.organisationId).toBe(brook.id);
		expect(event?.after).toMatchObject({ count: 2 });
		expect(event?.summary).toBe('Downloaded a list of 2 pupils (pp=yes)');
	});
});
