/**
 * The mapping grids, aims and gaps in Chromium against the built app, with axe on every page: a careers
 * leader ticks a cell by keyboard, adds an aim, and turns a gap into a development-plan action.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { connect } from '../../src/lib/server/db/client.ts';
import { activities, organisations, programmes } from '../../src/lib/server/db/schema/index.ts';
import { academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const URN = '999001';
const ACTIVITY = 'Mapping test careers fair';
/** Next academic year: the demo plans this year and last, so next year's programme holds only our activity and has gaps. */
const YEAR = academicYearStart(todayInLondon()) + 1;
const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
let server: RunningServer;
let browser: Browser;
let dataDir: string;

/** Adds a planned activity for next year to the demo school while no server holds the data folder. */
async function addActivity(): Promise<void> {
	const handle = await connect({ dataDir, command: 'mapping browser test' });
	try {
		const [school] = await handle.db.select().from(organisations).where(eq(organisations.urn, URN));
		const year = YEAR;
		await handle.db.insert(programmes).values({ schoolId: school!.id, academicYear: year }).onConflictDoNothing();
		const [programme] = await handle.db
			.select({ id: programmes.id })
			.from(programmes)
			.where(and(eq(programmes.schoolId, school!.id), eq(programmes.academicYear, year)));
		await handle.db.insert(activities).values({
			programmeId: programme!.id,
			title: ACTIVITY,
			type: 'employer-encounter',
			format: 'careers-fair',
			yearGroups: [9],
			term: 'spring',
			halfTerm: 3
		});
	} finally {
		await handle.close();
	}
}

beforeAll(async () => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-mapping-'));
	// First start creates the demo school; then add an activity of our own and start again.
	const first = await startServer({ dataDir });
	await first.stop();
	await addActivity();
	const [s, b] = await Promise.allSettled([startServer({ dataDir }), launchBrowser()]);
	if (s.status === 'fulfilled') server = s.value;
	if (b.status === 'fulfilled') browser = b.value;
	if (s.status === 'rejected') throw s.reason;
	if (b.status === 'rejected') throw b.reason;
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const mappingPath = `/schools/${URN}/programme/mapping?year=${YEAR}`;
const cellName = (benchmark: number, state: string) => `Benchmark ${benchmark}, ${ACTIVITY}: ${state}`;

async function open(page: Page, urlPath: string): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(200);
	await expectAccessible(page);
}

async function focusedId(page: Page): Promise<string> {
	return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Tabs onto `cell` from the focusable element just before it, as a keyboard user would. */
async function tabTo(page: Page, cell: Locator): Promise<void> {
	const target = await cell.getAttribute('id');
	const toggles = page.locator('.waymark-grid__toggle');
	const ids = await toggles.evaluateAll((els) => els.map((e) => e.id));
	const index = ids.indexOf(target ?? '');
	expect(index).toBeGreaterThan(0);
	await toggles.nth(index - 1).focus();
	await page.keyboard.press('Tab');
	expect(await focusedId(page)).toBe(target);
}

/** Waits for the grid's live region to say the cell was saved, in the words a screen reader hears. */
async function savedAnnouncement(page: Page, text: string): Promise<void> {
	await page.locator('p[aria-live="polite"]', { hasText: text }).first().waitFor({ state: 'attached' });
}

describe('mapping grid', () => {
	it('lets the careers leader tick a benchmark cell with the keyboard, keeping focus, and it stays ticked', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await open(page, mappingPath);
		expect(await page.title()).toMatch(/^Programme mapping \d{4}\/\d{2} – Riverside Academy – Waymark$/);
		await expect(
			page
				.getByRole('columnheader', { name: new RegExp(ACTIVITY) })
				.first()
				.isVisible()
		).resolves.toBe(true);

		const cell = page.getByRole('button', { name: cellName(5, 'not mapped'), exact: true });
		await tabTo(page, cell);
		await page.keyboard.press('Space');
		const ticked = page.getByRole('button', { name: cellName(5, 'mapped'), exact: true });
		await ticked.waitFor();
		expect(await ticked.innerText()).toContain('✓');
		// The ✓ shows at once; the announcement comes when the server has saved it (on a busy machine a
		// reload before then abandons the save, as it would for a person).
		await savedAnnouncement(page, cellName(5, 'mapped'));
		expect(await focusedId(page)).toBe(await ticked.getAttribute('id'));

		// Enter works too, and on the next cell down.
		const other = page.getByRole('button', { name: cellName(6, 'not mapped'), exact: true });
		await other.focus();
		await page.keyboard.press('Enter');
		await page.getByRole('button', { name: cellName(6, 'mapped'), exact: true }).waitFor();
		await savedAnnouncement(page, cellName(6, 'mapped'));

		await page.reload();
		await expect(page.getByRole('button', { name: cellName(5, 'mapped'), exact: true }).count()).resolves.toBe(1);
		await expect(page.getByRole('button', { name: cellName(6, 'mapped'), exact: true }).count()).resolves.toBe(1);
		await expectAccessible(page);
		await closePage(page);
	});

	it('works without JavaScript: a cell is a form button that posts and the page comes back with the ✓', async () => {
		const page = await openPage(browser, { javaScriptEnabled: false });
		await signIn(page, server.baseUrl, demo('careers.admin'), DEMO_PASSWORD);
		const response = await page.goto(server.baseUrl + mappingPath);
		expect(response?.status()).toBe(200);
		await page.getByRole('button', { name: cellName(7, 'not mapped'), exact: true }).click();
		await page.waitForLoadState('load');
		await expect(page.getByRole('button', { name: cellName(7, 'mapped'), exact: true }).count()).resolves.toBe(1);
		// axe needs JavaScript in the page; the same page is checked with it in the test above.
		await closePage(page);
	});

	it('shows a teacher the grid read-only, with no buttons to press', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await open(page, mappingPath);
		await expect(page.locator('.waymark-grid__toggle').count()).resolves.toBe(0);
		const grid = page.getByRole('table', { name: /Gatsby Benchmarks/ });
		expect(await grid.innerText()).toContain('✓');
		await closePage(page);
	});

	it('downloads the benchmark mapping as CSV', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await page.goto(server.baseUrl + mappingPath);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'CSV' }).first().click()
		]);
		expect(download.suggestedFilename()).toBe(
			`riverside-academy-${YEAR}-${String((YEAR + 1) % 100).padStart(2, '0')}-benchmark-mapping.csv`
		);
		const text = fs.readFileSync((await download.path())!, 'utf8');
		expect(text).toContain(ACTIVITY);
		expect(text).toContain('5. Encounters with employers and employees');
		await closePage(page);
	});
});

describe('aims and gaps', () => {
	it('lets the careers leader add an aim, which appears as a row of the aims grid', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await open(page, `/schools/${URN}/programme/aims?year=${YEAR}`);
		await page.getByLabel('Aim', { exact: true }).fill('Explore academic and vocational pathways (test)');
		await page.getByRole('button', { name: 'Add aim' }).click();
		await page.getByText('Aim added').waitFor();
		await expectAccessible(page);
		await open(page, mappingPath);
		await expect(
			page.getByRole('rowheader', { name: 'Explore academic and vocational pathways (test)' }).count()
		).resolves.toBe(1);
		await closePage(page);
	});

	it('turns a gap into a development-plan action, after which the gap says so', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await open(page, `/schools/${URN}/programme/gaps?year=${YEAR}`);
		const button = page
			.getByRole('button', { name: /^Add to the development plan for Benchmark \d, Year \d+$/ })
			.first();
		const name = (await button.textContent())!.replace(/\s+/g, ' ').trim();
		const [, benchmark, year] = /Benchmark (\d), Year (\d+)/.exec(name)!;
		await Promise.all([page.waitForURL(new RegExp(`/development-plan\\?year=${YEAR}&added=`)), button.click()]);
		await page.locator('.govuk-notification-banner--success').waitFor();
		expect(await page.locator('main').innerText()).toContain(`activity for Year ${year}`);
		await expectAccessible(page);

		await open(page, `/schools/${URN}/programme/gaps?year=${YEAR}`);
		const done = page.getByRole('link', {
			name: `In the development plan for Benchmark ${benchmark}, Year ${year}`,
			exact: true
		});
		await expect(done.count()).resolves.toBe(1);
		await expect(
			page
				.getByRole('button', {
					name: `Add to the development plan for Benchmark ${benchmark}, Year ${year}`,
					exact: true
				})
				.count()
		).resolves.toBe(0);
		await closePage(page);
	});
});
