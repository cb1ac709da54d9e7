/**
 * Encounters in Chromium against the built app, with axe on every page: the demo careers leader records an
 * activity for a year group, takes attendance by choosing the year group and unticking two absentees, and
 * sees "2 absent" on the activity; then takes attendance again with JavaScript switched off; and sets the
 * school day. Everything it needs is made through the pages, not taken from demo encounters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const LEADER = `careers.leader@${DEMO_EMAIL_DOMAIN}`;
const BASE = '/schools/999001/encounters';
const TITLE = 'Apprenticeships talk from a local builder';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
let server: RunningServer;
let browser: Browser;
/** The activity the first test records, for the later ones. */
let activityPath = '';

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

describe('encounters', () => {
	it('records an activity for a year group and takes attendance with two absentees', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, LEADER, DEMO_PASSWORD);
		await visit(page, BASE);
		await submit(page, page.getByRole('button', { name: 'Record an activity' }));
		expect(new URL(page.url()).pathname).toBe(`${BASE}/new`);
		await expectAccessible(page);

		// Leaving out the title: told so, nothing typed is lost.
		await page
			.getByLabel('Type of activity', { exact: true })
			.selectOption({ label: 'Encounter with employers and employees' });
		await page.getByLabel('Start time', { exact: true }).fill('10:00');
		await page.getByLabel('End time', { exact: true }).fill('11:00');
		await page.getByLabel('Year 9', { exact: true }).check();
		await submit(page, page.getByRole('button', { name: 'Record activity and take attendance' }));
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a title');
		expect(await page.title()).toMatch(/^Error: Record an activity/);
		expect(await page.getByLabel('Year 9', { exact: true }).isChecked()).toBe(true);
		expect(await page.getByLabel('Start time', { exact: true }).inputValue()).toBe('10:00');
		await expectAccessible(page);

		await page.getByLabel('Title', { exact: true }).fill(TITLE);
		await page.getByLabel('5. Encounters with employers and employees').check();
		await page.getByLabel('Pupils talk with the people they meet (two-way interaction)').check();
		await submit(page, page.getByRole('button', { name: 'Record activity and take attendance' }));

		// Straight to attendance, with the activity's year group already chosen.
		expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${BASE}/${UUID}/attendance$`));
		activityPath = new URL(page.url()).pathname.replace(/\/attendance$/, '');
		await expectAccessible(page);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Take attendance');
		expect(await page.getByLabel('Year 9', { exact: true }).isChecked()).toBe(true);
		expect(await page.getByLabel('Year 10', { exact: true }).isChecked()).toBe(false);
		await submit(page, page.getByRole('button', { name: 'Continue' }));

		// Everyone in Year 9 is ticked; untick two.
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Who attended');
		await expectAccessible(page);
		const boxes = page.locator('input[name="attended"]');
		const expected = await boxes.count();
		expect(expected).toBeGreaterThan(50);
		expect(await page.locator('input[name="attended"]:not(:checked)').count()).toBe(0);
		await boxes.nth(0).uncheck();
		await boxes.nth(3).uncheck();
		await submit(page, page.getByRole('button', { name: 'Save attendance' }));

		expect(new URL(page.url()).pathname).toBe(activityPath);
		await expectAccessible(page);
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			`Attendance saved: ${expected - 2} attended, 2 absent`
		);
		const body = await page.locator('main').innerText();
		expect(body).toContain(`${expected - 2} attended, 2 absent, of ${expected} pupils expected`);
		expect(await page.locator('table .govuk-tag', { hasText: 'Absent' }).count()).toBe(2);
		const details = await page.locator('.govuk-summary-list').innerText();
		expect(details).toContain('Year 9');
		expect(details).toMatch(/In the school day\s+Yes/);

		// The list shows it with its counts, and the change page opens.
		await visit(page, BASE);
		const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: TITLE }) });
		expect(await row.innerText()).toContain(`${expected - 2} of ${expected}`);
		await visit(page, `${activityPath}/edit`);
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);

		// The download carries the same row.
		const csv = await page.context().request.get(`${server.baseUrl}${BASE}/export?format=csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		expect(await csv.text()).toContain(TITLE);
		await closePage(page);
	}, 300_000);

	it('takes attendance with JavaScript switched off', async () => {
		expect(activityPath).not.toBe('');
		// axe needs JavaScript in the page: these pages are checked with it in the other tests.
		const page = await openPage(browser, { javaScriptEnabled: false });
		await signIn(page, server.baseUrl, LEADER, DEMO_PASSWORD);
		const response = await page.goto(`${server.baseUrl}${activityPath}/attendance`);
		expect(response?.status()).toBe(200);
		// Recorded already: nothing pre-chosen, and what is recorded is summarised.
		expect(await page.getByLabel('Year 9', { exact: true }).isChecked()).toBe(false);
		expect(await page.locator('main').innerText()).toContain('2 absent');
		await page.getByLabel('Year 9', { exact: true }).check();
		await submit(page, page.getByRole('button', { name: 'Continue (with those recorded)' }));
		// The two absentees are still unticked; untick one more.
		const expected = await page.locator('input[name="attended"]').count();
		expect(await page.locator('input[name="attended"]:not(:checked)').count()).toBe(2);
		await page.locator('input[name="attended"]:checked').nth(5).uncheck();
		await submit(page, page.getByRole('button', { name: 'Save attendance' }));
		expect(new URL(page.url()).pathname).toBe(activityPath);
		expect(await page.locator('main').innerText()).toContain(`${expected - 3} attended, 3 absent`);
		await closePage(page);
	}, 300_000);

	it('takes off a pupil recorded by mistake', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, LEADER, DEMO_PASSWORD);
		await visit(page, `${activityPath}/attendance`);
		expect(await page.locator('main').innerText()).toContain('Recorded so far');
		// Nobody chosen: the list is who is recorded, each with a way to take them off.
		await submit(page, page.getByRole('button', { name: 'Continue (with those recorded)' }));
		await expectAccessible(page);
		const expected = await page.locator('input[name="attended"]').count();
		const remove = page.getByRole('button', { name: /^Remove .* from this activity$/ });
		expect(await remove.count()).toBe(expected);
		await submit(page, remove.first());
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'Pupil taken off this activity'
		);
		await expectAccessible(page);
		const counts = /(\d+) attended, (\d+) absent/.exec(await page.locator('main').innerText());
		expect(Number(counts?.[1]) + Number(counts?.[2])).toBe(expected - 1);
		await closePage(page);
	}, 300_000);

	it('sets the times of the school day', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, LEADER, DEMO_PASSWORD);
		await visit(page, '/schools/999001/settings');
		await page.getByLabel('The school day starts at').fill('10:30');
		await page.getByLabel('The school day ends at').fill('15:00');
		await submit(page, page.getByRole('button', { name: 'Save the school day' }));
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'School day saved: 10:30 to 15:00'
		);
		await expectAccessible(page);
		// The 10:00 activity now starts before the school day.
		await visit(page, activityPath);
		expect(await page.locator('.govuk-summary-list').innerText()).toMatch(/In the school day\s+No/);
		await closePage(page);
	});
});
