/**
 * The careers programme planner in Chromium against the built app, with axe on every page: the careers leader
 * adds an activity (after being told a year group is missing) and finds it in the sequence grid, the filtered
 * list and the calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const BASE = '/schools/999001/programme';
const YEAR = academicYearStart(todayInLondon());
const DATE = `${YEAR + 1}-02-26`;
const TITLE = 'Meet an NHS paramedic';
let server: RunningServer;
let browser: Browser;

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

async function visit(page: Page, urlPath: string): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(200);
	await expectAccessible(page);
}

async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	await Promise.all([page.waitForNavigation(), button.click()]);
}

describe('the careers programme planner', () => {
	it('lets the careers leader add an activity and find it in the grid, the list and the calendar', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${BASE}?year=${YEAR}`);
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add an activity' }).click()]);
		expect(new URL(page.url()).pathname).toBe(`${BASE}/activities/new`);
		await expectAccessible(page);

		await page.getByLabel('Title', { exact: true }).fill(TITLE);
		await page
			.getByLabel('Type of activity', { exact: true })
			.selectOption({ label: 'Encounter with employers and employees' });
		// Choosing the type ticks the benchmark it usually addresses.
		await expect.poll(() => page.getByLabel('5. Encounters with employers and employees').isChecked()).toBe(true);
		await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Talk' });
		await page.getByLabel('Half-term', { exact: true }).selectOption({ label: 'Spring 2' });
		await page.getByLabel('Start date', { exact: true }).fill(DATE);
		await submit(page, page.getByRole('button', { name: 'Add activity' }));

		// No year group: told so, and nothing typed is lost.
		const summary = page.locator('.govuk-error-summary');
		expect(await summary.innerText()).toContain('Choose at least one year group');
		expect(await page.title()).toMatch(/^Error: Add an activity/);
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
		expect(await page.getByLabel('Start date', { exact: true }).inputValue()).toBe(DATE);
		expect(await page.getByLabel('5. Encounters with employers and employees').isChecked()).toBe(true);
		await expectAccessible(page);

		await page.getByLabel('Year 8', { exact: true }).check();
		await submit(page, page.getByRole('button', { name: 'Add activity' }));

		// The sequence grid: in Year 8's Spring 2 cell, and nowhere in Year 9's row.
		expect(new URL(page.url()).pathname).toBe(BASE);
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(`Activity added: ${TITLE}`);
		await expectAccessible(page);
		const columns = await page.locator('table.app-sequence thead th').allInnerTexts();
		const spring2 = columns.indexOf('Spring 2') - 1;
		expect(spring2).toBeGreaterThanOrEqual(0);
		const row = (year: number) =>
			page
				.locator('table.app-sequence tbody tr')
				.filter({ has: page.getByRole('rowheader', { name: `Year ${year}`, exact: true }) });
		await expect(row(8).locator('td').nth(spring2).getByRole('link', { name: TITLE }).count()).resolves.toBe(1);
		await expect(row(9).getByRole('link', { name: TITLE }).count()).resolves.toBe(0);

		// The list, filtered by year group.
		await visit(page, `${BASE}/list?year=${YEAR}`);
		await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 8' });
		await submit(page, page.getByRole('button', { name: 'Show activities' }));
		expect(new URL(page.url()).searchParams.get('yearGroup')).toBe('8');
		await expectAccessible(page);
		const link = page.locator('table').getByRole('link', { name: TITLE });
		expect(await link.count()).toBe(1);
		expect(await link.getAttribute('href')).toMatch(
			new RegExp(`^${BASE}/activities/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
		);
		await page.getByLabel('Year group', { exact: true }).selectOption({ label: 'Year 9' });
		await submit(page, page.getByRole('button', { name: 'Show activities' }));
		expect(await page.locator('table').getByRole('link', { name: TITLE }).count()).toBe(0);

		// The calendar month, on the day.
		await visit(page, `${BASE}/calendar?month=${DATE.slice(0, 7)}`);
		const day = page
			.locator('table.app-calendar td')
			.filter({ has: page.locator('.app-calendar__day', { hasText: /^26$/ }) });
		expect(await day.getByRole('link', { name: TITLE }).count()).toBe(1);

		// The activity page shows what was planned.
		await Promise.all([page.waitForNavigation(), day.getByRole('link', { name: TITLE }).click()]);
		await expectAccessible(page);
		const details = await page.locator('.govuk-summary-list').first().innerText();
		expect(details).toContain('Year 8');
		expect(details).toContain('Spring 2');
		await closePage(page);
	});

	it('shows a teacher the programme without the means to change it', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(page, `${BASE}?year=${YEAR}`);
		expect(await page.getByRole('button', { name: 'Add an activity' }).count()).toBe(0);
		const response = await page.goto(`${server.baseUrl}${BASE}/activities/new`);
		expect(response?.status()).toBe(403);
		await closePage(page);
	});
});
