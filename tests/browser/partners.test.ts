/**
 * Partners, in Chromium against the built app, with axe on every page visited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const NAME = `Kestrel Civil Engineering ${Date.now()}`;
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

describe('partners', () => {
	it('lets the careers leader add a partner with a contact and find it in the list', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/partners`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Partners');

		await Promise.all([
			page.waitForURL((url) => url.pathname.endsWith('/partners/new')),
			page.getByRole('button', { name: 'Add a partner' }).click()
		]);
		await expectAccessible(page);

		// A UKPRN for an employer is refused, and what was typed is kept.
		await page.getByLabel('Name', { exact: true }).fill(NAME);
		await page.getByLabel('Kind of organisation').selectOption('employer');
		await page.getByLabel('Sector (optional)').fill('Construction');
		await page.getByLabel('UK Provider Reference Number (UKPRN) (optional)').fill('10001234');
		await submit(page, 'Add the partner');
		const summary = page.locator('.govuk-error-summary');
		await summary.waitFor();
		expect(await summary.innerText()).toContain('A UKPRN is for sixth forms');
		expect(await page.title()).toMatch(/^Error: /);
		expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(NAME);
		await expectAccessible(page);

		await page.getByLabel('UK Provider Reference Number (UKPRN) (optional)').fill('');
		await page.getByLabel('Size (optional)').selectOption('medium');
		await submit(page, 'Add the partner');
		await page.getByText(`${NAME} added to your partners`).waitFor();
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(NAME);
		expect(await page.locator('main').innerText()).toContain('Medium (50 to 249 people)');
		await expectAccessible(page);

		// Add a contact, with a mistake first.
		await page.locator('#contactName').fill('Priya Shah');
		await page.locator('#contactRole').fill('Early careers manager');
		await page.locator('#contactEmail').fill('priya.shah-at-kestrel');
		await submit(page, 'Add the contact');
		await summary.waitFor();
		expect(await summary.innerText()).toContain('Enter an email address in the correct format');
		expect(await page.locator('#contactName').inputValue()).toBe('Priya Shah');
		await expectAccessible(page);
		await page.locator('#contactEmail').fill('priya.shah@kestrel.example');
		await page.locator('#contactPhone').fill('01632 960 001');
		await submit(page, 'Add the contact');
		await page.getByText('Contact added').waitFor();
		const contacts = page.locator('table', { hasText: 'Telephone' });
		expect(await contacts.innerText()).toContain('priya.shah@kestrel.example');
		expect(await contacts.innerText()).toContain('Early careers manager');
		await expectAccessible(page);

		// In the list, filtered by kind and found by search, with its contact counted.
		await visit(page, `${SCHOOL}/partners?kind=employer&q=${encodeURIComponent('Kestrel Civil')}`);
		const row = page.locator('tbody tr', { hasText: NAME });
		expect(await row.innerText()).toMatch(/Employer\s+Construction\s+1\s+0/);
		await visit(page, `${SCHOOL}/partners?kind=charity&q=${encodeURIComponent('Kestrel Civil')}`);
		expect(await page.locator('main').innerText()).toContain('No partners match');

		// Remove the contact again.
		await visit(page, `${SCHOOL}/partners`);
		await Promise.all([page.waitForURL(/\/partners\/[0-9a-f-]{36}/), page.getByRole('link', { name: NAME }).click()]);
		await submit(page, 'Remove Priya Shah');
		await page.getByText('Contact removed').waitFor();
		expect(await page.locator('main').innerText()).toContain('No contacts recorded yet');
		await expectAccessible(page);
		await closePage(page);
	});

	it('shows a teacher the partners without the forms, and an unknown filter still shows the page', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/partners?kind=not-a-kind&q=`);
		expect(await page.getByRole('button', { name: 'Add a partner' }).count()).toBe(0);
		await visit(page, `${SCHOOL}/partners/new`, 403);
		await closePage(page);
	});
});
