/**
 * Every route × every demo role × a member of another school × nobody signed in, against the built
 * server, checked against the access table. A new route without a rule fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { ROUTE_RULES, type RouteRule } from '../../src/lib/server/access/routes.ts';
import { relationAllows, rolesAllow, type ProgrammeRelation } from '../../src/lib/server/access/policy.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const MAIN_URN = '999001';

/** Route ids as SvelteKit names them: every folder under src/routes holding a page or an endpoint. */
function routeIds(dir = path.join(REPO_ROOT, 'src', 'routes'), id = ''): string[] {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.isFile() && /^\+(page|server)(\.server)?\.(svelte|ts|js)$/.test(e.name))
		? [id || '/']
		: [];
	return here.concat(
		...entries.filter((e) => e.isDirectory()).map((e) => routeIds(path.join(dir, e.name), `${id}/${e.name}`))
	);
}

type Visitor = {
	label: string;
	email?: string;
	roles: string[];
	inGroup: boolean;
	inMainSchool: boolean;
	/** How they stand to the demo's development programme (run by the demo university). */
	relation?: ProgrammeRelation;
	/** Whether the workbook in the test's [participantId] is theirs. */
	ownsWorkbook?: boolean;
};
const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const VISITORS: Visitor[] = [
	{
		label: 'careers leader',
		email: demo('careers.leader'),
		roles: ['careers-leader'],
		inGroup: false,
		inMainSchool: true
	},
	{
		label: 'senior leader',
		email: demo('senior.leader'),
		roles: ['senior-leader'],
		inGroup: false,
		inMainSchool: true
	},
	{ label: 'link governor', email: demo('governor'), roles: ['link-governor'], inGroup: false, inMainSchool: true },
	{
		label: 'careers administrator',
		email: demo('careers.admin'),
		roles: ['careers-administrator'],
		inGroup: false,
		inMainSchool: true
	},
	{
		label: 'careers adviser',
		email: demo('careers.adviser'),
		roles: ['careers-adviser'],
		inGroup: false,
		inMainSchool: true
	},
	{ label: 'teacher', email: demo('teacher'), roles: ['teacher'], inGroup: false, inMainSchool: true },
	{ label: 'trust lead', email: demo('trust.lead'), roles: ['group-lead'], inGroup: true, inMainSchool: false },
	{
		label: 'another school’s careers leader',
		email: demo('hillcrest.leader'),
		roles: ['careers-leader'],
		inGroup: false,
		inMainSchool: false
	},
	{
		label: 'programme tutor',
		email: demo('programme.tutor'),
		roles: ['programme-tutor'],
		inGroup: false,
		inMainSchool: false,
		relation: 'tutor'
	},
	{
		label: 'trainee',
		email: demo('trainee'),
		roles: ['trainee'],
		inGroup: false,
		inMainSchool: false,
		relation: 'participant',
		ownsWorkbook: true
	},
	{ label: 'nobody signed in', roles: [], inGroup: false, inMainSchool: false }
];

type Outcome = 'allowed' | 'sign-in' | 'forbidden' | 'not-found';

function expected(rule: RouteRule, v: Visitor): Outcome {
	if (rule.access === 'public') return 'allowed';
	if (!v.email) return 'sign-in';
	if (rule.access === 'signed-in') return 'allowed';
	if (rule.access === 'programme') {
		if (!v.relation) return 'not-found';
		return relationAllows(rule.action, v.relation) ? 'allowed' : 'forbidden';
	}
	// A workbook is its participant's alone: anyone else, tutor included, is told it is not there.
	if (rule.access === 'workbook') return v.ownsWorkbook ? 'allowed' : 'not-found';
	if (rule.access === 'school') {
		if (!v.inMainSchool) return 'not-found';
		return rolesAllow(rule.action, v.roles) ? 'allowed' : 'forbidden';
	}
	if (!v.inGroup) return 'not-found';
	return rolesAllow(rule.action, v.roles) ? 'allowed' : 'forbidden';
}

function outcomeOf(response: Response): Outcome | string {
	const location = response.headers.get('location') ?? '';
	if (response.status === 200) return 'allowed';
	if (response.status === 303 && location.startsWith('/sign-in')) return 'sign-in';
	if (response.status === 303) return 'allowed'; // e.g. home sends you to your school
	if (response.status === 403) return 'forbidden';
	if (response.status === 404) return 'not-found';
	return `HTTP ${response.status}`;
}

let server: RunningServer;
const cookies = new Map<string, string>();
const params: Record<string, string> = { urn: MAIN_URN, token: 'not-a-real-token', kind: 'pupils' };

async function get(urlPath: string, cookie?: string): Promise<Response> {
	return fetch(server.baseUrl + urlPath, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

async function signInCookie(email: string): Promise<string> {
	const response = await fetch(`${server.baseUrl}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		// A browser's form post: without Accept: text/html SvelteKit answers JSON instead of redirecting.
		headers: { origin: server.baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD })
	});
	const cookie = /waymark_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
	if (response.status !== 303 || !cookie) throw new Error(`Could not sign in as ${email}: HTTP ${response.status}`);
	return cookie;
}

beforeAll(async () => {
	server = await startDemoServer();
	for (const v of VISITORS) if (v.email) cookies.set(v.label, await signInCookie(v.email));
	const leader = cookies.get('careers leader');
	const list = await (await get(`/schools/${MAIN_URN}/pupils?year=9`, leader)).text();
	params.pupilId = /\/pupils\/([0-9a-f-]{36})"/.exec(list)?.[1] ?? '';
	const home = await get('/', cookies.get('trust lead'));
	params.groupId = /\/groups\/([0-9a-f-]{36})/.exec(home.headers.get('location') ?? '')?.[1] ?? '';
	const programme = await (await get(`/schools/${MAIN_URN}/programme/list`, leader)).text();
	params.activityId = /\/programme\/activities\/([0-9a-f-]{36})"/.exec(programme)?.[1] ?? '';
	const plan = await (await get(`/schools/${MAIN_URN}/development-plan`, leader)).text();
	params.actionId = /\/development-plan\/([0-9a-f-]{36})"/.exec(plan)?.[1] ?? '';
	/** The first link to `/schools/999001/<section>/<uuid>` on a page the careers leader sees. */
	const firstId = async (page: string, section: string) =>
		new RegExp(`/${section}/([0-9a-f-]{36})"`).exec(
			await (await get(`/schools/${MAIN_URN}${page}`, leader)).text()
		)?.[1] ?? '';
	params.encounterId = await firstId('/encounters', 'encounters');
	params.partnerId = await firstId('/partners', 'partners');
	params.meetingId = await firstId('/guidance', 'guidance');
	params.evaluationId = await firstId('/evaluations', 'evaluations');
	params.mapId = await firstId('/subject-maps', 'subject-maps');
	params.occupationId = await firstId('/occupations', 'occupations');
	// Staff development: the demo university's programme as its tutor sees it, and the trainee's own workbook.
	const tutorHome = await (await get('/development', cookies.get('programme tutor'))).text();
	params.programmeId = /\/development\/([0-9a-f-]{36})"/.exec(tutorHome)?.[1] ?? '';
	const programmePage = await (await get(`/development/${params.programmeId}`, cookies.get('programme tutor'))).text();
	params.cohortId = /\/cohorts\/([0-9a-f-]{36})"/.exec(programmePage)?.[1] ?? '';
	const traineeHome = await (await get('/development', cookies.get('trainee'))).text();
	params.participantId = /\/workbook\/([0-9a-f-]{36})"/.exec(traineeHome)?.[1] ?? '';
	const traineeMaps = await (
		await get(`/workbook/${params.participantId}/subject-maps`, cookies.get('trainee'))
	).text();
	params.workbookMapId = /\/subject-maps\/([0-9a-f-]{36})"/.exec(traineeMaps)?.[1] ?? '';
	for (const name of ['mapId', 'occupationId', 'programmeId', 'cohortId', 'participantId', 'workbookMapId'])
		expect(params[name], `${name} from the demo`).not.toBe('');
	for (const name of ['encounterId', 'partnerId', 'meetingId', 'evaluationId'])
		expect(params[name], `${name} from the demo school's lists`).not.toBe('');
	expect(params.pupilId, 'a pupil id from the pupil list').not.toBe('');
	expect(params.activityId, 'an activity id from the programme list').not.toBe('');
	expect(params.actionId, 'an action id from the development plan').not.toBe('');
	expect(params.groupId, 'the trust lead lands on the trust page').not.toBe('');
});

afterAll(async () => {
	await server?.stop();
});

describe('route access', () => {
	it('has a rule for every route in src/routes, and no rule for a route that does not exist', () => {
		expect(routeIds().sort()).toEqual(Object.keys(ROUTE_RULES).sort());
	});

	for (const [routeId, rule] of Object.entries(ROUTE_RULES) as [string, RouteRule][]) {
		it(`${routeId} answers each visitor as the access table says`, async () => {
			// A workbook's subject maps are the trainee's own, not the school's.
			const param = (name: string) =>
				(routeId.startsWith('/workbook') && name === 'mapId' ? params.workbookMapId : params[name]) ?? '';
			const urlPath = routeId.replace(/\[(\w+)\]/g, (_, name: string) => param(name));
			const seen: Record<string, string> = {};
			const want: Record<string, string> = {};
			for (const v of VISITORS) {
				seen[v.label] = outcomeOf(await get(urlPath, cookies.get(v.label)));
				want[v.label] = expected(rule, v);
			}
			expect(seen).toEqual(want);
		});
	}

	it('answers not found for a school that does not exist, even to a careers leader', async () => {
		expect((await get('/schools/100000', cookies.get('careers leader'))).status).toBe(404);
	});

	it('refuses a form post from another site (CSRF protection)', async () => {
		const response = await fetch(`${server.baseUrl}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: demo('careers.leader'), password: DEMO_PASSWORD })
		});
		expect(response.status).toBe(403);
		expect(response.headers.get('set-cookie')).toBeNull();
	});

	it('sends a strict Content Security Policy and an HttpOnly, SameSite session cookie', async () => {
		const page = await get('/sign-in');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-inline');
		const response = await fetch(`${server.baseUrl}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: demo('teacher'), password: DEMO_PASSWORD })
		});
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});
});
