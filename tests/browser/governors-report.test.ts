/**
 * The governors' pack and the trust's view of who has had what, in Chromium against the built app with
 * axe on every page: a link governor opens the pack and downloads its PDF; the trust lead opens the
 * trust overview and one school's grid.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { pdfInfo } from '../support/pdf.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const PACK = '/schools/999001/reports/governors';
let server: RunningServer;
let browser: Browser;

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
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

describe('the governors’ pack', () => {
	it('opens for the link governor with every section, and downloads as a PDF with pages and the school’s name', async () => {
		const page = await openPage(browser, { acceptDownloads: true });
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, PACK);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'Careers report for governors and senior leaders'
		);
		for (const heading of [
			'Summary',
			'Benchmark scores',
			'Who has had what: coverage',
			'Equity: gaps between groups of pupils',
			'Provider access',
			'Destinations'
		])
			await page.getByRole('heading', { name: heading, exact: true }).waitFor();
		await page.getByRole('heading', { name: /^Development plan \d{4}\/\d{2}$/ }).waitFor();
		await page.getByRole('heading', { name: /^Planned next term: / }).waitFor();
		const main = await page.locator('main').innerText();
		expect(main).toContain('Figures only: this report names no pupil.');
		// The coverage chart is a picture with a name, and the grid gives the figures.
		await page.getByRole('img', { name: /^Share of eligible pupils who met each rule/ }).waitFor();
		await page.getByRole('table', { name: 'Coverage by rule and year group' }).waitFor();
		// No link into pupils anywhere in the pack.
		expect(await page.locator('main a[href*="/pupils"]').count()).toBe(0);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: /Download PDF/ }).click()
		]);
		expect(download.suggestedFilename()).toMatch(
			/^careers-report-governors-999001-\d{4}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/
		);
		const pdf = await fs.readFile(await download.path());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pdfInfo(pdf, 'Title')).toBe('Careers report for governors and senior leaders – Riverside Academy');
		await closePage(page);
	});

	it('says what is wrong with a date outside the year, in an error summary', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('senior.leader'), DEMO_PASSWORD);
		await visit(page, `${PACK}?year=2025/26&asOf=2030-01-01`);
		const summary = await page.locator('.govuk-error-summary').innerText();
		expect(summary).toContain('The date must fall in 2025/26');
		expect(await page.title()).toMatch(/^Error: /);
		await closePage(page);
	});
});

describe('the trust’s view of who has had what', () => {
	it('shows the trust lead each school’s figures and one school’s grid, never pupils', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trust.lead'), DEMO_PASSWORD);
		await page.goto(server.baseUrl + '/');
		const groupId = /\/groups\/([0-9a-f-]{36})/.exec(page.url())?.[1];
		expect(groupId, 'the trust lead lands on the trust page').toBeDefined();

		await visit(page, `/groups/${groupId}/coverage`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'Who has had what, school by school'
		);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Riverside Academy');
		expect(main).toContain('Hillcrest School');
		expect(main).toContain('Gatsby Benchmarks');
		await page.getByRole('table', { name: 'Share of eligible pupils who met each rule' }).waitFor();
		expect(await page.locator('main a[href*="/pupils"]').count()).toBe(0);

		await Promise.all([
			page.waitForURL(/\/coverage\/999001\?/),
			page.getByRole('link', { name: /^Riverside Academy/ }).click()
		]);
		await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'Who has had what: Riverside Academy'
		);
		await page.getByRole('table', { name: 'Share of eligible pupils who met each rule, by year group' }).waitFor();
		// Figures only: no drill-down links in the grid.
		expect(await page.locator('main table a').count()).toBe(0);

		// A school outside the trust is not found.
		await visit(page, `/groups/${groupId}/coverage/137999`, 404);
		await closePage(page);
	});
});
