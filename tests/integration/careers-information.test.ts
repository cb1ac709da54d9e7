/**
 * Published careers information: editing, validation, publishing, the dashboard warnings, the public page
 * and its HTML copy — on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, careersInformation, pupils, users } from '../../src/lib/server/db/schema/index.ts';
import { systemActor, ForbiddenError, NotFoundError, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import {
	careersInformationFor,
	careersInformationWarnings,
	previewCareersPage,
	publicCareersPage,
	publishCareersInformation,
	saveCareersInformation
} from '../../src/lib/server/careers-information/service.ts';
import { careersInformationHtml } from '../../src/lib/server/careers-information/html.ts';

const system = systemActor();
const PASSWORD = 'correct horse battery staple';
const TODAY = '2026-03-16';

let handle: DatabaseHandle;
let outbox: string;
let school: School;
let other: School;
let leader: Actor;
let teacher: Actor;
let senior: Actor;
let leaderId: string;
let teacherId: string;

async function signedIn(email: string): Promise<Actor> {
	const result = await signIn(email, PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
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

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

const COMPLETE = () => ({
	careersLeaderUserId: leaderId,
	careersLeaderPhone: '01632 960 123',
	nextReviewDate: '2026-09-01',
	forPupils: 'Careers lessons.\n\nA drop-in at lunchtime.',
	forParents: 'The newsletter.',
	forTeachers: 'Staff briefings.',
	forEmployers: 'Email the careers leader.',
	impactMeasurement: 'Surveys and destinations.',
	providerRequestAccess: 'Email the careers leader <b>now</b>.',
	providerContact: '',
	providerGrantingRefusing: 'Any reasonable request.',
	providerSafeguarding: 'Sign in at reception.',
	providerPremises: 'A classroom with a projector.'
});

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	school = await addSchool(system, { urn: '137501', name: 'Brookside Academy' });
	other = await addSchool(system, { urn: '137502', name: 'Elmwood School' });
	leaderId = (
		await addPerson(system, {
			email: 'leader@brookside.example',
			name: 'Ada Leader',
			schoolUrn: '137501',
			roles: ['careers-leader'],
			password: PASSWORD
		})
	).userId;
	teacherId = (
		await addPerson(system, {
			email: 'teacher@brookside.example',
			name: 'Tom Teacher',
			schoolUrn: '137501',
			roles: ['teacher'],
			password: PASSWORD
		})
	).userId;
	await addPerson(system, {
		email: 'senior@brookside.example',
		name: 'Sam Senior',
		schoolUrn: '137501',
		roles: ['senior-leader'],
		password: PASSWORD
	});
	leader = await signedIn('leader@brookside.example');
	teacher = await signedIn('teacher@brookside.example');
	senior = await signedIn('senior@brookside.example');
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe(`published careers information (${testDriver()})`, () => {
	it('lets careers leaders and senior leaders edit it, not teachers, and hides other schools', async () => {
		await expect(careersInformationFor(teacher, school)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(saveCareersInformation(teacher, school, COMPLETE())).rejects.toBeInstanceOf(ForbiddenError);
		await expect(careersInformationFor(leader, other)).rejects.toBeInstanceOf(NotFoundError);
		const info = await careersInformationFor(senior, school);
		expect(info.leaders.map((l) => l.name)).toEqual(['Ada Leader']);
		expect(info.publishedAt).toBeNull();
		expect(info.missing).toHaveLength(7);
	});

	it('refuses bad input with clear messages and writes nothing', async () => {
		const errors = await validationErrors(
			saveCareersInformation(leader, school, {
				...COMPLETE(),
				careersLeaderPhone: '0163 296',
				nextReviewDate: '2026-02-30'
			})
		);
		expect(errors.map((e) => e.field).sort()).toEqual(['careersLeaderPhone', 'nextReviewDate']);
		expect(errors.find((e) => e.field === 'careersLeaderPhone')?.message).toMatch(
			/UK telephone number.*10 to 15 digits/
		);
		expect(errors.find((e) => e.field === 'nextReviewDate')?.message).toMatch(/real date/);
		const notALeader = await validationErrors(
			saveCareersInformation(leader, school, { ...COMPLETE(), careersLeaderUserId: teacherId })
		);
		expect(notALeader).toEqual([
			{ field: 'careersLeaderUserId', message: expect.stringMatching(/careers leader role/) }
		]);
		const [row] = await handle.db.select().from(careersInformation).where(eq(careersInformation.schoolId, school.id));
		expect(row).toBeUndefined();
		expect(await auditCount('careers-information.saved')).toBe(0);
	});

	it('saves a draft, then refuses to publish naming each missing item', async () => {
		await saveCareersInformation(leader, school, {
			forPupils: 'Careers lessons.',
			careersLeaderPhone: '+44 (0)1632 960123'
		});
		expect(await auditCount('careers-information.saved')).toBe(1);
		const errors = await validationErrors(publishCareersInformation(leader, school));
		expect(errors.map((e) => e.field)).toEqual([
			'careersLeaderUserId',
			'nextReviewDate',
			'providerRequestAccess',
			'providerGrantingRefusing',
			'providerSafeguarding',
			'providerPremises'
		]);
		expect(errors[0]?.message).toBe('Choose the careers leader to name publicly before you publish');
		expect(await publicCareersPage('137501', TODAY)).toBeNull();
		const warnings = await careersInformationWarnings(leader, school, TODAY);
		expect(warnings).toContain('Your careers information is not published yet');
		expect(warnings).toContain('Your careers information does not name a careers leader');
		expect(await careersInformationWarnings(teacher, school, TODAY)).toEqual([]);
	});

	it('publishes complete information, shows it publicly, and keeps a published page complete', async () => {
		await saveCareersInformation(leader, school, COMPLETE());
		await publishCareersInformation(leader, school);
		expect(await auditCount('careers-information.published')).toBe(1);
		const page = await publicCareersPage('137501', TODAY);
		expect(page?.careersLeader).toEqual({
			name: 'Ada Leader',
			email: 'leader@brookside.example',
			phone: '01632 960 123'
		});
		expect(page?.nextReviewDateText).toBe('1 September 2026');
		expect(page?.programme.map((y) => y.yearGroup)).toEqual([7, 8, 9, 10, 11, 12, 13]);
		expect(await careersInformationWarnings(leader, school, TODAY)).toEqual([]);

		const errors = await validationErrors(
			saveCareersInformation(leader, school, { ...COMPLETE(), careersLeaderPhone: '' })
		);
		expect(errors[0]?.message).toMatch(/published, so it must stay complete/);
		expect((await publicCareersPage('137501', TODAY))?.careersLeader?.phone).toBe('01632 960 123');
	});

	it('warns when the review date has passed', async () => {
		expect(await careersInformationWarnings(leader, school, '2026-09-02')).toEqual([
			'The review date of your published careers information (1 September 2026) has passed'
		]);
	});

	it('answers null for an unknown URN or an unpublished school, and previews a draft only to its editors', async () => {
		expect(await publicCareersPage('999999', TODAY)).toBeNull();
		expect(await publicCareersPage('not-a-urn', TODAY)).toBeNull();
		expect(await publicCareersPage('137502', TODAY)).toBeNull();
		await expect(previewCareersPage(teacher, school)).rejects.toBeInstanceOf(ForbiddenError);
		expect((await previewCareersPage(leader, school))?.published).toBe(true);
	});

	it('escapes everything in the downloadable HTML', async () => {
		const page = await publicCareersPage('137501', TODAY);
		if (!page) throw new Error('not published');
		const html = careersInformationHtml({ ...page, school: { ...page.school, name: 'Brookside <script>x</script>' } });
		expect(html).toContain('Email the careers leader &lt;b&gt;now&lt;/b&gt;.');
		expect(html).toContain('Brookside &lt;script&gt;');
		expect(html).not.toContain('<script>');
		expect(html).toContain('<p>Careers lessons.</p>\n<p>A drop-in at lunchtime.</p>');
	});
});

describe(`no pupil data on the demo school's public page (${testDriver()})`, () => {
	it('shows no pupil name, UPN or email anywhere in the public page or its download', async () => {
		await createDemo(handle.db, { today: TODAY });
		const page = await publicCareersPage('999001', TODAY);
		if (!page) throw new Error('The demo school has not published its careers information');
		const published = JSON.stringify(page) + careersInformationHtml(page);
		const rows = await handle.db
			.select({
				upn: pupils.upn,
				forename: pupils.legalForename,
				preferred: pupils.preferredForename,
				surname: pupils.legalSurname,
				email: pupils.email
			})
			.from(pupils);
		expect(rows.length).toBeGreaterThan(1000);
		const leaks = rows.flatMap((p) =>
			[p.upn, p.email, `${p.forename} ${p.surname}`, p.preferred ? `${p.preferred} ${p.surname}` : null].filter(
				(s): s is string => s !== null && s !== undefined && published.includes(s)
			)
		);
		expect(leaks).toEqual([]);
		// Only staff named: the careers leader, who is a member of staff and no pupil.
		const [staff] = await handle.db
			.select({ name: users.name })
			.from(users)
			.where(eq(users.email, 'careers.leader@demo.waymark.school'));
		expect(page.careersLeader?.name).toBe(staff?.name);
	});
});
