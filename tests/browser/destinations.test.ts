/**
 * Destinations (Benchmark 3) in Chromium against the built app with the demo school: the overview,
 * recording a Year 11 pupil's intended destination, and the local authority's list. Axe on every page.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const YEAR = academicYearStart(todayInLondon());
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

/** "12 of 180 pupils have…" → [12, 180]. */
async function year11Counts(page: Page): Promise<[number, number]> {
	const text = await page.locator('#intended-11-summary').innerText();
	const m = /(\d+) of (\d+)/.exec(text);
	if (!m) throw new Error(`no counts in “${text}”`);
	return [Number(m[1]), Number(m[2])];
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

describe('destinations', () => {
	it('lets the careers leader record a Year 11 pupil’s intended destination and see the count change', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/destinations`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			`Destinations ${academicYearName(YEAR)}`
		);
		const main = await page.locator('main').innerText();
		expect(main).toContain(`Year 11: intended for ${academicYearName(YEAR + 1)}`);
		expect(main).toContain(`Leavers of ${academicYearName(YEAR - 1)}`);
		expect(main).toContain('NEET');
		const [before, total] = await year11Counts(page);
		expect(total).toBeGreaterThan(100);
		expect(before).toBeLessThan(total);

		// The first Year 11 pupil without one.
		const missing = page.getByRole('table', { name: /Year 11 with no intended destination recorded/ });
		const link = missing.getByRole('link', { name: /^Record a destination for / }).first();
		await Promise.all([
			page.waitForURL((url) => url.pathname.endsWith('/destinations') && url.pathname.includes('/pupils/')),
			link.click()
		]);
		await page.getByRole('heading', { level: 1, name: 'Destinations' }).waitFor();
		await expectAccessible(page);
		expect(await page.getByLabel('Intended destination').isChecked()).toBe(true);

		// Nothing chosen: the error summary says what to do, and the page stays accessible.
		await submit(page, 'Save destination');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'Enter the destination as an NCCIS code, such as 230 (further education)'
		);
		await expectAccessible(page);

		await page.getByLabel('Destination (NCCIS code)').selectOption('230');
		await page.getByLabel('Institution or employer (optional)').fill('Riverside College');
		await page.getByLabel('Course (optional)').fill('T Level in Engineering');
		await submit(page, 'Save destination');
		await page.getByText('Destination recorded').waitFor();
		const recorded = await page.getByRole('table', { name: 'Recorded destinations' }).innerText();
		expect(recorded).toContain('230 Further education');
		expect(recorded).toContain('Riverside College');
		expect(recorded).toContain(academicYearName(YEAR + 1));
		await expectAccessible(page);

		await visit(page, `${SCHOOL}/destinations?yearGroup=11`);
		const [after, totalAfter] = await year11Counts(page);
		expect([after, totalAfter]).toEqual([before + 1, total]);
		await closePage(page);
	}, 300_000);

	it('downloads the intended destinations in the local authority’s layout', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/destinations`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download the intended destinations for the local authority (CSV)' }).click()
		]);
		expect(download.suggestedFilename()).toBe(
			`riverside-academy-${YEAR}-${String((YEAR + 1) % 100).padStart(2, '0')}-intended-destinations.csv`
		);
		const lines = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFFUPN,Legal Surname,Legal Forename,Date of Birth,Year Group,Intended NCCIS Code,Intended Destination,Institution or Employer,Course'
		);
		expect(lines.some((l) => /,11,230,Further education,Riverside College,T Level in Engineering$/.test(l))).toBe(true);
		expect(lines[1]).toMatch(/^[A-Z]\d{11}[0-9A-Z],[^,]+,[^,]+,\d{2}\/\d{2}\/\d{4},(11|13),/);
		await closePage(page);
	});

	it('shows a governor no pupils', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/destinations`, 403);
		await closePage(page);
	});
});
