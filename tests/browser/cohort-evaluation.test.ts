/**
 * Programme evaluation and the tutor's view of a participant, in Chromium against the built app with
 * the demo (Northfield University's programme: twelve trainees, some sharing parts of their workbooks),
 * with axe on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
/** Some of the demo's trainees: no page of the evaluation may name them. */
const TRAINEE_NAMES = ['Sam Patel', 'Grace Whitaker', 'Daniel Osei', 'Priya Sharma', 'Tom Gallagher', 'Fatima Begum'];
let server: RunningServer;
let browser: Browser;

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

/** The demo programme's address, from the tutor's list of programmes. */
async function programmePath(page: Page): Promise<string> {
	await visit(page, '/development');
	const href = await page
		.locator('main a[href^="/development/"]:not([href="/development/new"])')
		.first()
		.getAttribute('href');
	expect(href).toMatch(/^\/development\/[0-9a-f-]{36}$/);
	return href!;
}

beforeAll(async () => {
	const [s, b] = await Promise.allSettled([startDemoServer(), launchBrowser()]);
	if (s.status === 'fulfilled') server = s.value;
	if (b.status === 'fulfilled') browser = b.value;
	if (s.status === 'rejected') throw s.reason;
	if (b.status === 'rejected') throw b.reason;
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('programme evaluation', () => {
	it('shows a tutor the cohort’s figures from sharers only, without names, and exports them', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('programme.tutor'), DEMO_PASSWORD);
		const programme = await programmePath(page);
		await visit(page, programme);
		await page.getByRole('link', { name: 'Evaluation' }).click();
		await page.waitForURL(`**${programme}/evaluation`);
		await expectAccessible(page);

		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/^Evaluation: /);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Completion of the workbook');
		expect(main).toContain('12 participants on this cohort');
		expect(main).toMatch(/From \d+ of 12 participants who share this part/);
		expect(main).toContain('fewer than 3 participants');
		expect(main).toContain('Gatsby reflection grid: themes by benchmark');
		expect(main).toContain('Things participants appreciated');
		for (const name of TRAINEE_NAMES) expect(main).not.toContain(name);

		// The completion table counts everyone; the purpose figure comes from sharers only.
		const purposeRow = page
			.locator('tr', { has: page.locator('th', { hasText: /^\s*Purpose questionnaire/ }) })
			.first();
		const started = Number(await purposeRow.locator('td').nth(0).innerText());
		expect(started).toBeGreaterThan(0);
		const scores = page.locator('table', { has: page.locator('caption', { hasText: 'Mean purpose score' }) });
		const start = scores.locator('tr', { has: page.locator('th', { hasText: 'At the start' }) });
		expect(await start.locator('td').nth(0).innerText()).toMatch(/^[1-5]\.\d\d$/);

		const csv = await page.request.get(`${server.baseUrl}${programme}/evaluation/export?format=csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = await csv.text();
		expect(text).toContain('Part,Figure,Value,Participants counted');
		expect(text).toContain('Purpose questionnaire,Mean score at the start (1–5)');
		for (const name of TRAINEE_NAMES) expect(text).not.toContain(name);
		const xlsx = await page.request.get(`${server.baseUrl}${programme}/evaluation/export?format=xlsx`);
		expect(xlsx.status()).toBe(200);
		expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
		await closePage(page);
	});

	it('shows a tutor only what a participant shares, and keeps trainees out of the evaluation', async () => {
		// The demo trainee (Sam Patel) shares purpose, network and subject maps, not the reflection grid.
		const trainee = await openPage(browser);
		await signIn(trainee, server.baseUrl, demo('trainee'), DEMO_PASSWORD);
		await visit(trainee, '/development');
		const workbook = await trainee.locator('main a[href^="/workbook/"]').first().getAttribute('href');
		const participantId = workbook!.split('/')[2]!;
		const programme = await programmePath(trainee);
		await visit(trainee, `${programme}/evaluation`, 403);
		await visit(trainee, `${programme}/participants/${participantId}`, 403);
		await closePage(trainee);

		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('programme.tutor'), DEMO_PASSWORD);
		await visit(page, `${programme}/participants/${participantId}`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Sam Patel’s workbook');
		const reflection = page.locator('section', { has: page.getByRole('heading', { name: 'Gatsby reflection grid' }) });
		expect(await reflection.innerText()).toContain('Not shared.');
		const purpose = page.locator('section', { has: page.getByRole('heading', { name: 'Purpose questionnaire' }) });
		expect(await purpose.innerText()).not.toContain('Not shared');
		// Someone who is not on the programme is not there at all.
		await visit(page, `${programme}/participants/00000000-0000-4000-8000-000000000000`, 404);
		await closePage(page);
	});
});
