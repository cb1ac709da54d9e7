/**
 * Pupils needing attention and a pupil's "Benchmarks and duties", in Chromium against the built app with
 * the demo school, with axe on every page: the careers leader opens the list, sorts and filters it,
 * downloads it, opens a pupil and reads their statuses, then looks at them as of an earlier date.
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { academicYearStart, longDate, todayInLondon } from '../../src/lib/domain/academic-year.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const ATTENTION = `${SCHOOL}/coverage/attention`;
const YEAR_START = `${academicYearStart(todayInLondon())}-09-01`;
let server: RunningServer;
let browser: Browser;

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

/** The "Why" cell of each row, as text. */
async function whyCells(page: Page): Promise<string[]> {
	return page.locator('tbody tr td:nth-child(5)').allInnerTexts();
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

describe('pupils needing attention', () => {
	it('the careers leader opens the list, sorts and filters it, downloads it, and opens a pupil’s benchmarks and duties', async () => {
		const page = await openPage(browser, { acceptDownloads: true });
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, ATTENTION);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Pupils needing attention');
		const caption = await page.locator('caption').innerText();
		expect(caption).toMatch(/^[\d,]+ pupils? needs? attention, sorted by most reasons first$/);
		const why = await whyCells(page);
		expect(why.length).toBeGreaterThan(0);
		for (const cell of why) expect(cell.trim()).not.toBe('');
		// Most reasons first: the number of reasons never goes up down the page.
		const counts = await page
			.locator('tbody tr td:nth-child(5)')
			.evaluateAll((cells) => cells.map((c) => c.querySelectorAll('li').length));
		expect(counts).toEqual([...counts].sort((a, b) => b - a));

		// Sort by name with the column heading (a plain link).
		await Promise.all([
			page.waitForURL(/[?&]sort=name/),
			page.getByRole('columnheader', { name: 'Name' }).getByRole('link').click()
		]);
		await expectAccessible(page);
		await expect(page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).resolves.toBe('ascending');
		expect(await page.locator('caption').innerText()).toContain('sorted by name');

		// Filter to open referrals: the sort is kept, and every row says why.
		await page.getByLabel('Reason').selectOption('referral');
		await Promise.all([
			page.waitForURL(/[?&]reason=referral/),
			page.getByRole('button', { name: 'Show pupils' }).click()
		]);
		await expectAccessible(page);
		expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
		const referred = await whyCells(page);
		expect(referred.length).toBeGreaterThan(0);
		for (const cell of referred) expect(cell).toMatch(/Open referral for guidance since \d{1,2} \w+ \d{4}\./);

		// The download is the list on the page.
		const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
		expect(csvHref).toBe(`${ATTENTION}/export?reason=referral&sort=name&format=csv`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'CSV' }).click()
		]);
		const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
		const upns = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
		const lines = csv.split('\r\n').filter((l) => /^[A-Z]\d{12},/.test(l));
		expect(lines.map((l) => l.slice(0, 13)).slice(0, upns.length)).toEqual(upns.map((u) => u.trim()));

		// Open a pupil: the record has the Benchmarks and duties section with a status in words for each rule.
		const first = page.locator('tbody tr td:first-child a').first();
		const name = (await first.innerText()).trim();
		await Promise.all([page.waitForURL(/\/pupils\/[0-9a-f-]{36}(\?.*)?#benchmarks-and-duties$/), first.click()]);
		await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
		await page.getByRole('heading', { name: 'Benchmarks and duties' }).waitFor();
		const rules = page.locator('#compliance-rules tbody tr');
		expect(await rules.count()).toBeGreaterThan(5);
		const tags = await page.locator('#compliance-rules .govuk-tag').allInnerTexts();
		for (const tag of tags) expect(['Met', 'On track', 'At risk', 'Missed', 'Not applicable']).toContain(tag.trim());
		// The open referral that listed them is on the record too.
		await page.getByRole('heading', { name: 'Referrals for guidance' }).waitFor();

		// Details open to show what counted.
		const firstRule = rules.first();
		await firstRule.locator('summary').click();
		await expect(firstRule.locator('.govuk-details__text').innerText()).resolves.toMatch(/Counted|Nothing counted yet/);
		await expectAccessible(page);

		// As of another date (a plain GET form), and a bad date named in an error summary.
		await page.getByLabel('See them as they stood on another date').fill(YEAR_START);
		await Promise.all([page.waitForURL(/[?&]asOf=/), page.getByRole('button', { name: 'Show statuses' }).click()]);
		await expectAccessible(page);
		expect(await page.locator('#benchmarks-and-duties + p').innerText()).toContain(`As of ${longDate(YEAR_START)}`);
		await page.getByLabel('See them as they stood on another date').fill('2026-02-30');
		await Promise.all([
			page.waitForURL(/asOf=2026-02-30/),
			page.getByRole('button', { name: 'Show statuses' }).click()
		]);
		await expectAccessible(page);
		await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('2026-02-30');
		await closePage(page);
	});

	it('keeps the list from a governor', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, ATTENTION, 403);
		await closePage(page);
	});
});
