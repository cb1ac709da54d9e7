/**
 * A subject leader builds a subject careers map (two careers into two cells, with plain forms), sees a clear
 * error when no career is chosen, and opens the printable career cards and poster; then the Benchmark 4 view
 * and the careers library. In Chromium against the built app, with axe on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const SUBJECT = `Astronomy ${Date.now()}`;
let server: RunningServer;
let browser: Browser;
let mapUrl = '';

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

async function submit(page: Page, button: string): Promise<void> {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: button, exact: true }).click()
	]);
	await page.waitForLoadState('load');
}

async function search(page: Page, words: string): Promise<void> {
	await page.getByLabel('Search the careers library').fill(words);
	await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Search', exact: true }).click()]);
	await page.waitForLoadState('load');
}

/** The careers in one cell of the grid: row "Year N", column by its half-term heading. */
async function cell(page: Page, year: number, halfTerm: number): Promise<string> {
	return page
		.locator(`#year-${year} td`)
		.nth(halfTerm - 1)
		.innerText();
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

describe('a subject leader builds a careers map', () => {
	it('starts a map, adds two careers to cells, and prints the cards and a poster', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);

		await visit(page, `${SCHOOL}/subject-maps`);
		await page.getByLabel('Subject', { exact: true }).selectOption('other');
		await page.getByLabel('Another subject (if not in the list)').fill(SUBJECT);
		await submit(page, (await page.getByRole('button', { name: /^Start the .* map$/ }).innerText()).trim());
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(
			new RegExp(`^${SUBJECT} careers map \\d{4}/\\d{2}$`)
		);
		mapUrl = new URL(page.url()).pathname;
		expect(mapUrl).toMatch(/^\/schools\/999001\/subject-maps\/[0-9a-f-]{36}$/);
		await expectAccessible(page);
		expect(await cell(page, 7, 1)).toContain('No career yet');

		// The cell's own link preselects Year 7, Autumn 1 in the add form.
		// A client-side navigation: wait for its address, or the search below may run on the page before it.
		await Promise.all([
			page.waitForURL(/yearGroup=7&halfTerm=1/),
			page.getByRole('link', { name: 'Add a career to Year 7, Autumn 1' }).click()
		]);
		await page.locator('form[method="get"] input[name="yearGroup"][value="7"]').waitFor({ state: 'attached' });
		await search(page, 'curator');
		await expectAccessible(page);
		expect(await page.getByLabel('Year group', { exact: true }).inputValue()).toBe('7');
		expect(await page.getByLabel('Half-term', { exact: true }).inputValue()).toBe('1');
		await page.getByLabel('Art curator', { exact: true }).check();
		await submit(page, 'Add to the map');
		await page.getByText('Career added to the map').waitFor();
		await expectAccessible(page);
		expect(await cell(page, 7, 1)).toContain('Art curator');

		// No career chosen: a clear error, and the cell chosen is kept.
		await page.getByLabel('Year group', { exact: true }).selectOption('8');
		await page.getByLabel('Half-term', { exact: true }).selectOption('6');
		await submit(page, 'Add to the map');
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Choose a career');
		await expectAccessible(page);
		expect(await page.getByLabel('Year group', { exact: true }).inputValue()).toBe('8');

		// The second career, into Year 8, Summer 2.
		await search(page, 'software engineer');
		await page.getByLabel('Year group', { exact: true }).selectOption('8');
		await page.getByLabel('Half-term', { exact: true }).selectOption('6');
		await page.getByLabel('Software engineer', { exact: true }).check();
		await submit(page, 'Add to the map');
		expect(await cell(page, 8, 6)).toContain('Software engineer');
		expect(await cell(page, 7, 1)).toContain('Art curator');
		expect(await page.locator('main').innerText()).toContain('2 careers on the map.');
		// Deleting the map says what goes with it.
		expect(await page.locator('.govuk-warning-text').innerText()).toContain(
			'Deleting removes the map and the 2 careers on it'
		);

		// The printable cards: one card per career, with what a card says.
		await visit(page, `${mapUrl}/cards`);
		const cards = page.locator('.app-career-card');
		expect(await cards.count()).toBe(2);
		const curator = await cards.filter({ hasText: 'Art curator' }).innerText();
		for (const part of ['What they do', 'Key skill', 'Research', 'Linked subjects', 'Art and design', 'Routes in']) {
			expect(curator).toContain(part);
		}
		expect(curator).toContain('SOC 2020');
		expect(curator).toContain('2472');
		expect(curator).toContain('Year 7, Autumn 1');
		expect(await page.locator('main').innerText()).toContain('Open Government Licence v3.0');
		// On paper: two cards across, no card split over a page, no buttons or back link.
		await page.emulateMedia({ media: 'print' });
		const columns = await page
			.locator('.app-cards')
			.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
		expect(columns).toBe(2);
		expect(await cards.first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
		expect(await page.locator('.govuk-back-link').isVisible()).toBe(false);
		await page.emulateMedia({ media: 'screen' });

		await visit(page, `${mapUrl}/poster`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Where can ${SUBJECT} take you?`);
		expect(await cell(page, 8, 6)).toContain('Software engineer');

		await visit(page, `${SCHOOL}/subject-maps/coverage`);
		const row = await page.getByRole('row').filter({ hasText: SUBJECT }).innerText();
		expect(row).toContain('Mapped, nothing delivered yet');
		expect(row).toContain('No careers mapped');
		expect(await page.locator('main').innerText()).toContain('How activities are matched to subjects');
		await closePage(page);
	}, 300_000);

	it('adds and removes careers with JavaScript switched off', async () => {
		expect(mapUrl).not.toBe('');
		// axe needs JavaScript in the page: these pages are checked with it in the test above.
		const page = await openPage(browser, { javaScriptEnabled: false });
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		const response = await page.goto(`${server.baseUrl}${mapUrl}?q=architect`);
		expect(response?.status()).toBe(200);
		await page.getByLabel('Year group', { exact: true }).selectOption('9');
		await page.getByLabel('Half-term', { exact: true }).selectOption('3');
		await page.getByLabel('Architect', { exact: true }).check();
		await submit(page, 'Add to the map');
		expect(await cell(page, 9, 3)).toContain('Architect');
		await submit(page, 'Remove Art curator from Year 7, Autumn 1');
		await page.getByText('Career removed from the map').waitFor();
		expect(await cell(page, 7, 1)).not.toContain('Art curator');
		expect(await page.locator('main').innerText()).toContain('2 careers on the map.');
		await closePage(page);
	}, 300_000);

	it('searches the careers library and opens a career', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/occupations?q=software`);
		expect(await page.locator('main').innerText()).toContain('Programmers and software development professionals');
		await page.getByRole('link', { name: 'Software engineer', exact: true }).click();
		await page.waitForLoadState('load');
		await expectAccessible(page);
		expect(await page.locator('.app-career-card').innerText()).toContain('Problem-solving');
		await visit(page, `${SCHOOL}/occupations?subject=Mathematics&source=seed`);
		expect(await page.locator('main').innerText()).toContain('Actuary');
		await closePage(page);
	}, 300_000);

	it('adds a career of the school’s own and deletes it again', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/occupations`);
		await page.getByLabel('Job title', { exact: true }).fill('Theatre rigger');
		await page.getByLabel('Linked subjects').fill('Drama, Physics');
		await submit(page, 'Add the career');
		await page.getByRole('heading', { level: 1, name: 'Theatre rigger' }).waitFor();
		await expectAccessible(page);
		expect(await page.locator('main').innerText()).toContain('Not on any subject map yet.');
		await submit(page, 'Delete this career');
		await page
			.locator('.govuk-notification-banner')
			.filter({ hasText: '“Theatre rigger” deleted from your library' })
			.waitFor();
		await expectAccessible(page);
		await visit(page, `${SCHOOL}/occupations?q=rigger`);
		expect(await page.getByRole('link', { name: 'Theatre rigger' }).count()).toBe(0);
		await closePage(page);
	}, 300_000);
});
