/**
 * The pupil list and a pupil's careers record, in Chromium against the built app with the demo school, with
 * axe on every page: find a pupil by name, open the record, download it as a PDF, filter the list by SEN.
 */
import fs from 'node:fs/promises';
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

describe('pupils and their careers records', () => {
	it('finds a pupil by name, opens the record and downloads it as a PDF', async () => {
		const page = await openPage(browser, { acceptDownloads: true });
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);

		await visit(page, `${SCHOOL}/pupils?year=10`);
		const first = page.locator('tbody .govuk-link').first();
		const name = (await first.innerText()).trim();
		const surname = name.split(' ').slice(1).join(' ');

		await page.getByLabel('Name or UPN').fill(surname);
		await Promise.all([page.waitForURL(/[?&]q=/), page.getByRole('button', { name: 'Show pupils' }).click()]);
		await expectAccessible(page);
		expect(new URL(page.url()).searchParams.get('q')).toBe(surname);
		const found = page.locator('tbody .govuk-link');
		const names = await found.allInnerTexts();
		expect(names.length).toBeGreaterThan(0);
		for (const n of names) expect(n.toLowerCase()).toContain(surname.toLowerCase());
		// The export links carry the same search.
		const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
		expect(csvHref).toContain(`q=${encodeURIComponent(surname)}`);

		await Promise.all([
			page.waitForURL(/\/pupils\/[0-9a-f-]{36}$/),
			page.getByRole('link', { name, exact: true }).first().click()
		]);
		await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
		await page.getByRole('heading', { name: 'Encounters year by year' }).waitFor();
		// The timeline names each academic year with the year group the pupil was in: this year, Year 10.
		await page.getByRole('heading', { name: /^\d{4}\/\d{2} — Year 10$/ }).waitFor();
		await page.getByRole('heading', { name: /^\d{4}\/\d{2} — Year 7$/ }).waitFor();
		for (const action of ['Refer for guidance', 'Record a destination', 'Record a guidance meeting'])
			await page.getByRole('link', { name: action }).waitFor();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: /Download as PDF/ }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^careers-record-[a-z0-9-]+\.pdf$/);
		const file = await download.path();
		const bytes = await fs.readFile(file);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(bytes.length).toBeGreaterThan(1024);
		await closePage(page);
	});

	it('filters the list by special educational needs, and a teacher sees no advisers’ actions', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/pupils`);
		const everyone = await page.locator('caption').innerText();
		await page.locator('summary', { hasText: 'Filter by group and characteristics' }).click();
		await page.getByLabel('Special educational needs').selectOption('E');
		await Promise.all([page.waitForURL(/[?&]sen=E/), page.getByRole('button', { name: 'Show pupils' }).click()]);
		await expectAccessible(page);
		const caption = await page.locator('caption').innerText();
		const count = Number(/^(\d+)/.exec(caption)?.[1]);
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(Number(/^(\d+)/.exec(everyone)?.[1]));
		const senColumn = await page.locator('tbody tr td:nth-child(5)').allInnerTexts();
		expect(senColumn.length).toBe(Math.min(count, 250));
		expect(new Set(senColumn)).toEqual(new Set(['EHC plan']));
		expect(await page.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href')).toMatch(/format=xlsx.*sen=E/);
		await closePage(page);

		const teacherPage = await openPage(browser);
		await signIn(teacherPage, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(teacherPage, `${SCHOOL}/pupils?year=9&sen=any`);
		await teacherPage.locator('tbody .govuk-link').first().click();
		await teacherPage.waitForURL(/\/pupils\/[0-9a-f-]{36}$/);
		await expectAccessible(teacherPage);
		await teacherPage.getByRole('link', { name: 'Refer for guidance' }).waitFor();
		expect(await teacherPage.getByRole('link', { name: 'Record a guidance meeting' }).count()).toBe(0);
		expect(await teacherPage.getByRole('link', { name: 'Record a destination' }).count()).toBe(0);
		await closePage(teacherPage);
	});

	it('keeps pupils from a governor', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/pupils`, 403);
		await closePage(page);
	});
});
