/**
 * Who has had what (the coverage dashboard), in Chromium against the built app on the demo school, with
 * axe on every page: the careers leader drills into a cell and sees the pupils behind it, and shows only
 * Pupil Premium pupils; a governor sees the same figures with no way to reach pupils' names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
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

describe('who has had what', () => {
	it('lets the careers leader drill into a cell and see the pupils behind it', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/coverage`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Who has had what');
		const grid = page.locator('#coverage-grid');
		await expect(grid.locator('thead').innerText()).resolves.toContain('Year 7');
		const main = await page.locator('main').innerText();
		expect(main).toContain('A meaningful employer encounter this year');
		expect(main).toContain('Statutory duties and the DfE work experience ambition');
		expect(main).toContain('Gaps of 10 points or more');
		// both charts are pictures with a name, and each has its table
		await expect(page.getByRole('img', { name: /% met by year group/ }).count()).resolves.toBe(1);
		await expect(page.getByRole('img', { name: /The eight benchmarks/ }).count()).resolves.toBe(1);
		await expect(page.getByText('Show as a table').count()).resolves.toBe(2);

		// The BM5 row's Year 9 cell: its percentage links to the pupils behind it.
		const row = grid.locator('tbody tr', { hasText: 'A meaningful employer encounter this year' });
		const link = row.locator('td').nth(2).getByRole('link');
		const cellText = await row.locator('td').nth(2).innerText();
		const eligible = Number(/of ([\d,]+)/.exec(cellText)![1]!.replace(/,/g, ''));
		expect(eligible).toBeGreaterThan(0);
		await expect(link.getAttribute('aria-label')).resolves.toBeNull();
		await Promise.all([page.waitForURL(/\/coverage\/pupils\?/), link.click()]);
		await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'A meaningful employer encounter this year: Year 9'
		);
		const caption = await page.locator('#drill-pupils caption').innerText();
		expect(caption).toContain(`${eligible.toLocaleString('en-GB')} pupil`);
		const rows = page.locator('#drill-pupils tbody tr');
		expect(await rows.count()).toBe(Math.min(50, eligible));
		const first = await rows.first().innerText();
		expect(first).toMatch(/UPN [A-Z0-9]{13}/);
		expect(first).toMatch(/Met|On track|At risk|Missed/);
		// the name goes to the pupil's record
		const pupilLink = rows.first().getByRole('link');
		expect(await pupilLink.getAttribute('href')).toMatch(/^\/schools\/999001\/pupils\/[0-9a-f-]{36}\?asOf=/);

		// Narrow to the missed ones with the form (no JavaScript needed: a GET form).
		await page.getByLabel('Status').selectOption('missed');
		await Promise.all([page.waitForURL(/status=missed/), page.getByRole('button', { name: 'Show pupils' }).click()]);
		await expectAccessible(page);
		const statuses = await page.locator('#drill-pupils tbody tr .govuk-tag').allInnerTexts();
		expect(statuses.every((s) => s === 'Missed')).toBe(true);
		await closePage(page);
	});

	it('shows only Pupil Premium pupils when asked, and says so', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/coverage`);
		const everyone = await page.locator('main').innerText();
		const allCount = Number(/Each of the ([\d,]+) pupils/.exec(everyone)![1]!.replace(/,/g, ''));
		await page.getByLabel('Show only').selectOption({ label: 'Pupil Premium' });
		await Promise.all([page.waitForURL(/group=pp/), page.getByRole('button', { name: 'Show figures' }).click()]);
		await expectAccessible(page);
		await expect(page.locator('#coverage-showing').innerText()).resolves.toContain('Showing only Pupil Premium pupils');
		await expect(page.locator('#coverage-grid caption').innerText()).resolves.toContain('Pupil Premium pupils only');
		await expect(page.getByLabel('Show only').inputValue()).resolves.toBe('pp');
		const main = await page.locator('main').innerText();
		const ppCount = Number(/Each of the ([\d,]+) Pupil Premium pupils/.exec(main)![1]!.replace(/,/g, ''));
		expect(ppCount).toBeGreaterThan(0);
		expect(ppCount).toBeLessThan(allCount);
		expect(await page.title()).toContain('Pupil Premium');
		// the bar chart now compares the group with everyone else
		await expect(page.getByRole('img', { name: /Pupil Premium and everyone else/ }).count()).resolves.toBe(1);
		// a drill-down link keeps the group
		const link = page.locator('#coverage-grid tbody a').first();
		expect(await link.getAttribute('href')).toContain('group=pp');

		// A wrong date is named in the error summary; the page still answers with the form.
		await visit(page, `${SCHOOL}/coverage?asOf=2026-02-31&group=pp`);
		const summary = await page.locator('.govuk-error-summary').innerText();
		expect(summary).toContain('The date must be a real date');
		await expect(page.locator('#asOf').inputValue()).resolves.toBe('');
		await closePage(page);
	});

	it('gives the governor the figures with no links to pupils', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/coverage`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Who has had what');
		const cells = await page.locator('#coverage-grid tbody td').allInnerTexts();
		expect(cells.some((t) => /\d+%/.test(t))).toBe(true);
		await expect(page.locator('#coverage-grid a').count()).resolves.toBe(0);
		const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
		expect(
			hrefs.some((h) => h.includes('/coverage/pupils') || h.includes('/attention') || h.includes('table=pupils'))
		).toBe(false);
		// and the drill-down itself is refused
		const refused = await page.goto(`${server.baseUrl}${SCHOOL}/coverage/pupils?rule=bm5-employer-encounter-each-year`);
		expect(refused?.status()).toBe(403);
		await closePage(page);
	});
});
