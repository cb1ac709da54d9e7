/**
 * Careers leadership in Chromium against the built app, with axe on every page: the careers leader shares out a
 * task, rates the conditions for success and records CPD; a governor reads but cannot change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const BASE = '/schools/999001/leadership';
const TASK = 'plan-schemes-of-work';
const COLLEAGUE = 'Imran Hussain';
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

/** Submits a form by its button and waits for the page that comes back. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	await Promise.all([page.waitForNavigation(), button.click()]);
}

/** The colleague's row in the load table: tasks and hours a week, or zeros when they have none. */
async function loadOf(page: Page, name: string): Promise<{ tasks: number; hours: number }> {
	const row = page.locator('#load tbody tr').filter({ hasText: name });
	if ((await row.count()) === 0) return { tasks: 0, hours: 0 };
	const cells = row.locator('td');
	return { tasks: Number(await cells.nth(0).innerText()), hours: Number(await cells.nth(1).innerText()) };
}

const unassignedText = (page: Page) =>
	page
		.locator('#unassigned')
		.innerText()
		.then((t) => t);

describe('careers leadership', () => {
	it('lets the careers leader give a task to a colleague and shows their load and what is left', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, BASE);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Careers leadership');
		for (const group of ['Leadership', 'Project management', 'Line management', 'Co-ordination', 'Networking']) {
			await expect(page.locator('caption', { hasText: new RegExp(`^${group}$`) }).count()).resolves.toBe(1);
		}
		await expect(page.locator('table.app-leadership-tasks tbody tr').count()).resolves.toBe(21);

		// Start from a task nobody does (the demo may already have shared it out).
		const row = page.locator(`#task-${TASK}`);
		const remove = row.getByRole('button', { name: /^Remove/ });
		if ((await remove.count()) > 0) {
			await submit(page, remove);
			await page.locator('.govuk-notification-banner--success').waitFor();
		}
		expect(await unassignedText(page)).toContain('Planning schemes of work for careers education');
		const before = await loadOf(page, COLLEAGUE);

		// A mistake first: hours out of range are explained next to the task, and nothing is saved.
		const option = await page.locator(`#userId-${TASK} option`).filter({ hasText: COLLEAGUE }).getAttribute('value');
		await page.locator(`#userId-${TASK}`).selectOption(option ?? '');
		await page.getByLabel('Hours a week for task 5', { exact: true }).fill('61');
		await submit(page, row.getByRole('button', { name: 'Save task 5' }));
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'Enter hours a week from 0 to 60, in steps of 0.5 (for example 2.5)'
		);
		expect(await page.title()).toMatch(/^Error: Careers leadership/);
		expect(await page.getByLabel('Hours a week for task 5', { exact: true }).inputValue()).toBe('61');
		await expectAccessible(page);
		expect(await unassignedText(page)).toContain('Planning schemes of work for careers education');

		await page.getByLabel('Hours a week for task 5', { exact: true }).fill('2.5');
		await submit(page, page.locator(`#task-${TASK}`).getByRole('button', { name: 'Save task 5' }));
		await page.locator('.govuk-notification-banner--success').waitFor();
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			`“Planning schemes of work for careers education” assigned to ${COLLEAGUE}, 2.5 hours a week`
		);
		await expectAccessible(page);
		expect(await unassignedText(page)).not.toContain('Planning schemes of work for careers education');
		const after = await loadOf(page, COLLEAGUE);
		expect(after).toEqual({ tasks: before.tasks + 1, hours: before.hours + 2.5 });
		await closePage(page);
	});

	it('lets the careers leader rate the conditions for success and see the rating in the history', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${BASE}/conditions`);
		// A missing rating is named.
		await page.getByRole('group', { name: 'Clarity of roles' }).getByLabel('4', { exact: true }).check();
		await submit(page, page.getByRole('button', { name: 'Save rating' }));
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Rate authority and power from 1 to 5');
		await expectAccessible(page);

		await page.getByRole('group', { name: 'Authority and power' }).getByLabel('3', { exact: true }).check();
		await page
			.getByRole('group', { name: 'Time and resources (including administrative support)' })
			.getByLabel('2', { exact: true })
			.check();
		await page.getByRole('group', { name: 'Expertise' }).getByLabel('5 – fully in place').check();
		await page.getByLabel('Comment (optional)').fill('Admin support cut this term; CDI course finished.');
		await submit(page, page.getByRole('button', { name: 'Save rating' }));
		await page.locator('.govuk-notification-banner--success').waitFor();
		await expectAccessible(page);
		const newest = page.locator('#history tbody tr').first();
		expect(await newest.innerText()).toContain('Admin support cut this term; CDI course finished.');
		expect(
			await newest.locator('td').evaluateAll((cells) => cells.slice(0, 4).map((c) => c.textContent?.trim()))
		).toEqual(['4', '3', '2', '5']);
		await closePage(page);
	});

	it('lets the careers leader record an accredited qualification for themselves', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${BASE}/cpd`);
		const me = await page.locator('#userId option').filter({ hasText: 'Hannah Okafor' }).getAttribute('value');
		await page.locator('#userId').selectOption(me ?? '');
		await page.getByLabel('Accredited qualification').check();
		await page.getByLabel('Title', { exact: true }).fill('Level 6 Certificate in Careers Leadership');
		await page.getByLabel('Provider (optional)').fill('Career Development Institute');
		await page.getByLabel('Start date (optional)').fill('2025-01-15');
		await page.getByLabel('End date (optional)').fill('2024-12-01');
		await page.getByRole('group', { name: 'Is it accredited?' }).getByLabel('Yes').check();
		await submit(page, page.getByRole('button', { name: 'Add CPD record' }));
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'The end date must be the same as or after the start date'
		);
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
			'Level 6 Certificate in Careers Leadership'
		);
		await expectAccessible(page);

		await page.getByLabel('End date (optional)').fill('2025-07-10');
		await submit(page, page.getByRole('button', { name: 'Add CPD record' }));
		await page.locator('.govuk-notification-banner--success').waitFor();
		await expectAccessible(page);

		// Filter to the careers leader: the record is there, marked accredited.
		await page
			.getByLabel('Person', { exact: true })
			.first()
			.selectOption(me ?? '');
		await submit(page, page.getByRole('button', { name: 'Show CPD' }));
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('CPD records: Hannah Okafor');
		await expectAccessible(page);
		// The demo may hold an earlier Level 6 record; ours is the one from this provider.
		const record = page
			.locator('tbody tr')
			.filter({ hasText: 'Level 6 Certificate in Careers Leadership' })
			.filter({ hasText: 'Career Development Institute' });
		expect(await record.count()).toBe(1);
		const text = await record.innerText();
		expect(text).toContain('Accredited qualification');
		expect(text).toContain('Career Development Institute');
		expect(text).toContain('15 Jan 2025 to 10 Jul 2025');
		expect(text).toContain('Yes');
		await closePage(page);
	});

	it('shows the link governor the tasks, conditions and CPD with nothing to change', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		for (const path of [BASE, `${BASE}/conditions`, `${BASE}/cpd`]) {
			await visit(page, path);
			await expect(page.locator('main form[method="post"]').count()).resolves.toBe(0);
		}
		await visit(page, BASE);
		expect(await page.locator(`#task-${TASK}`).innerText()).toContain(COLLEAGUE);
		await closePage(page);
	});
});
