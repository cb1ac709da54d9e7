/**
 * A trainee's reflection grid, critical-incident timeline, circle of appreciation and workbook PDF, in
 * Chromium against the built app with the demo, with axe on every page. The timeline is used by
 * keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const STAMP = Date.now();
let server: RunningServer;
let browser: Browser;

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

async function submit(page: Page, button: string): Promise<void> {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: button }).click()
	]);
	await page.waitForLoadState('load');
}

/** The demo trainee's workbook address. */
async function workbookPath(page: Page): Promise<string> {
	await visit(page, '/development');
	const href = await page.locator('main a[href^="/workbook/"]').first().getAttribute('href');
	expect(href).toMatch(/^\/workbook\/[0-9a-f-]{36}$/);
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

describe('the trainee’s workbook', () => {
	it('keeps what is written in the reflection grid, long text included', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trainee'), DEMO_PASSWORD);
		const workbook = await workbookPath(page);
		await visit(page, `${workbook}/reflection`);
		await page.getByRole('heading', { name: /^Benchmark 8: / }).waitFor();
		const label = page.getByLabel(/^What I noticed on placement 1 \(Riverside Academy\)/).nth(2);
		const long =
			`Careers lessons in computing (${STAMP}). ${'The department links each unit to jobs. '.repeat(80)}`.trim();
		await label.fill(long);
		await submit(page, 'Save reflection grid');
		await page.getByText('Reflection grid saved').waitFor();
		await expectAccessible(page);
		expect(
			await page
				.getByLabel(/^What I noticed on placement 1/)
				.nth(2)
				.inputValue()
		).toBe(long);
		await closePage(page);
	});

	it('adds, changes and removes a timeline point by keyboard, drawn as a chart with a table', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trainee'), DEMO_PASSWORD);
		const workbook = await workbookPath(page);
		await visit(page, `${workbook}/timeline`);
		const rowsBefore = await page.locator('.app-timeline__table tbody tr').count();

		// Keyboard only: type into each field and tab from one to the next, then press Enter on the button.
		// (The browser's own date field is keyboard-operable; how it takes typed digits depends on the
		// browser's language, so the test fills it and types everything else.)
		await page.getByLabel('Date', { exact: true }).fill('2026-03-14');
		await page.getByLabel('Knowledge of careers education').focus();
		await page.keyboard.type('7');
		await page.keyboard.press('Tab');
		await page.keyboard.type('6');
		await page.keyboard.press('Tab');
		await page.keyboard.type('8');
		await page.keyboard.press('Tab');
		await page.keyboard.type(`Ran a careers lesson ${STAMP}`);
		await page.keyboard.press('Tab');
		await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
		await page.waitForLoadState('load');
		await page.getByText('Point added to your timeline').waitFor();
		await expectAccessible(page);

		const row = page.locator('.app-timeline__table tbody tr', { hasText: `Ran a careers lesson ${STAMP}` });
		expect(await row.innerText()).toMatch(/14 March 2026\s+7\s+6\s+8/);
		expect(await page.locator('.app-timeline__table tbody tr').count()).toBe(rowsBefore + 1);
		const chart = page.getByRole('img', { name: 'Critical-incident timeline' });
		expect(await chart.getAttribute('aria-labelledby')).toMatch(/-desc$/);
		expect(await page.locator('.app-timeline__svg desc').textContent()).toContain(
			'14 March 2026: knowledge 7, skills 6, values 8'
		);
		expect(await page.locator('.app-timeline__svg path').count()).toBeGreaterThan(0);
		expect(await page.locator('main').innerText()).toContain('Knowledge: solid blue line, round markers');

		// Change it: the link and the form work by keyboard too.
		await row.getByRole('link', { name: /^Change/ }).focus();
		await Promise.all([page.waitForURL(/\?edit=/), page.keyboard.press('Enter')]);
		await expectAccessible(page);
		await page.getByLabel('What happened').fill(`Ran two careers lessons ${STAMP}`);
		await submit(page, 'Save changes');
		await page.getByText('Point changed').waitFor();
		const changed = page.locator('.app-timeline__table tbody tr', { hasText: `Ran two careers lessons ${STAMP}` });
		await changed.getByRole('button', { name: /^Remove/ }).focus();
		await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
		await page.waitForLoadState('load');
		await page.getByText('Point removed from your timeline').waitFor();
		expect(await page.locator('.app-timeline__table tbody tr').count()).toBe(rowsBefore);
		await closePage(page);
	});

	it('shows what went wrong when a level is missing, keeping what was typed', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trainee'), DEMO_PASSWORD);
		const workbook = await workbookPath(page);
		await visit(page, `${workbook}/timeline`);
		await page.getByLabel('Date', { exact: true }).fill('2026-03-15');
		await page.getByLabel('What happened').fill('Half finished');
		await submit(page, 'Add point');
		await page.locator('.govuk-error-summary').waitFor();
		await expectAccessible(page);
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'Enter your level of knowledge as a whole number from 0 to 10'
		);
		expect(await page.getByLabel('What happened').inputValue()).toBe('Half finished');
		await closePage(page);
	});

	it('saves the circle of appreciation and downloads the workbook as a PDF', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trainee'), DEMO_PASSWORD);
		const workbook = await workbookPath(page);
		await visit(page, `${workbook}/appreciation`);
		await page.getByLabel('One thing I appreciated').fill(`The employer panel (${STAMP})`);
		await page.getByLabel('One thing I am curious to learn more about').fill('Apprenticeships in software');
		await submit(page, 'Save');
		await page.getByText('Circle of appreciation saved').waitFor();
		await expectAccessible(page);

		const pdf = await page.request.get(`${server.baseUrl}${workbook}/pdf`);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="workbook-sam-patel-.*\.pdf"$/);
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

		// The tutor may not open the trainee's workbook pages, nor its PDF.
		const tutor = await openPage(browser);
		await signIn(tutor, server.baseUrl, demo('programme.tutor'), DEMO_PASSWORD);
		await visit(tutor, `${workbook}/reflection`, 404);
		const refused = await tutor.request.get(`${server.baseUrl}${workbook}/pdf`);
		expect(refused.status()).toBe(404);
		await closePage(tutor);
		await closePage(page);
	});
});
