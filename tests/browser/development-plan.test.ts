/**
 * The benchmarks page and the development plan, in Chromium against the built app, with axe on every page.
 */
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
const TITLE = `Invite local employers to a Year 9 careers fair (${Date.now()})`;
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

describe('the benchmarks page', () => {
	it('shows the 2024 criteria for 2025/26 and the 2014 criteria for 2024/25', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);

		await visit(page, `${SCHOOL}/benchmarks?year=2025`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Gatsby Benchmarks 2025/26');
		let main = await page.locator('main').innerText();
		expect(main).toContain('judged against the Gatsby Benchmarks (2024)');
		expect(main).toContain('bm8-with-senco');
		expect(main).toContain('Addressing the needs of each young person');
		expect(main).toContain('Whole-school');
		expect(main).toContain('Each pupil');
		await page.getByRole('heading', { name: 'What changed from the 2014 benchmarks' }).waitFor();
		expect(main).toContain('No longer a criterion');
		// The careers leader may change the year's framework.
		await page.getByRole('heading', { name: 'Use a different set of benchmarks for 2025/26' }).waitFor();

		await visit(page, `${SCHOOL}/benchmarks?year=2024`);
		main = await page.locator('main').innerText();
		expect(main).toContain('judged against the Gatsby Benchmarks (2014)');
		expect(main).toContain('bm8-timely');
		expect(main).not.toContain('bm8-with-senco');
		expect(main).toContain('Addressing the needs of each pupil');
		expect(main).not.toContain('What changed from the 2014 benchmarks');
		await closePage(page);
	});

	it('lets the careers leader keep a year on the 2014 benchmarks, with a reason, and go back', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/benchmarks?year=2025`);
		await page.getByLabel('Gatsby Benchmarks (2014)').check();
		await submit(page, 'Save benchmarks for 2025/26');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'Enter why this year uses a different set of benchmarks'
		);
		await expectAccessible(page);
		await page.getByLabel('Reason').fill('Agreed with our Careers Hub to finish the cycle on the 2014 set');
		await submit(page, 'Save benchmarks for 2025/26');
		await page.getByText('2025/26 now uses the Gatsby Benchmarks (2014)').waitFor();
		const main = await page.locator('main').innerText();
		expect(main).toContain('Changed for this school');
		expect(main).toContain('Agreed with our Careers Hub');
		expect(main).toContain('bm8-timely');
		await expectAccessible(page);
		await submit(page, 'Go back to the default, the Gatsby Benchmarks (2024)');
		await page.getByText('2025/26 uses its default benchmarks, the Gatsby Benchmarks (2024)').waitFor();
		expect(await page.locator('main').innerText()).toContain('bm8-with-senco');
		await visit(page, `${SCHOOL}/audit?record=${encodeURIComponent('2025/26')}`);
		expect(await page.locator('table').innerText()).toContain('2025/26 set to use the Gatsby Benchmarks (2014)');
		await closePage(page);
	});
});

describe('the development plan', () => {
	it('lets the careers leader add an action, explaining a due date outside the year first', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/development-plan`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			`Development plan ${academicYearName(YEAR)}`
		);
		await Promise.all([
			page.waitForURL((url) => url.pathname.endsWith('/development-plan/new')),
			page.getByRole('button', { name: 'Add an action' }).click()
		]);
		await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
		await expectAccessible(page);

		await page.getByLabel('Action', { exact: true }).fill(TITLE);
		await page.getByLabel('5. Encounters with employers and employees').check();
		await page.getByLabel('Due date').fill(`${YEAR + 1}-09-15`);
		await submit(page, 'Add the action');
		const summary = page.locator('.govuk-error-summary');
		await summary.waitFor();
		expect(await summary.innerText()).toContain(
			`Due date must be between 1 September ${YEAR} and 31 August ${YEAR + 1} (the ${academicYearName(YEAR)} plan)`
		);
		expect(await page.title()).toMatch(/^Error: /);
		// What was typed is kept.
		expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe(TITLE);
		expect(await page.getByLabel('5. Encounters with employers and employees').isChecked()).toBe(true);
		await expectAccessible(page);

		await page.getByLabel('Due date').fill(`${YEAR + 1}-03-27`);
		await submit(page, 'Add the action');
		await page.waitForURL((url) => url.pathname === `${SCHOOL}/development-plan`);
		await page.getByText(`Action added to the ${academicYearName(YEAR)} plan`).waitFor();
		const row = page.locator('tr', { hasText: TITLE });
		expect(await row.innerText()).toContain(`27 March ${YEAR + 1}`);
		expect(await row.innerText()).toContain('Not started');
		await expectAccessible(page);

		// Open it and mark it in progress, with evidence.
		await Promise.all([
			page.waitForURL(/\/development-plan\/[0-9a-f-]{36}$/),
			page.getByRole('link', { name: TITLE }).click()
		]);
		await page.getByLabel('In progress').check();
		await page.getByLabel('Evidence').fill('Eight employers have said yes');
		await submit(page, 'Save changes');
		await page.getByText('Action saved').waitFor();
		const details = await page.locator('.govuk-summary-list').innerText();
		expect(details).toContain('In progress');
		expect(details).toContain('Eight employers have said yes');
		await expectAccessible(page);
		await closePage(page);
	});

	it('shows the governor the plan with no way to change it', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/development-plan?year=${YEAR}`);
		await page.getByRole('link', { name: TITLE }).waitFor();
		expect(await page.getByRole('button', { name: 'Add an action' }).count()).toBe(0);

		await Promise.all([
			page.waitForURL(/\/development-plan\/[0-9a-f-]{36}$/),
			page.getByRole('link', { name: TITLE }).click()
		]);
		await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
		await expectAccessible(page);
		expect(await page.locator('main').innerText()).toContain('5. Encounters with employers and employees');
		expect(await page.locator('main form[method="post"]').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Delete this action' }).count()).toBe(0);

		// Nor by typing the address of the form, nor on the benchmarks page.
		const refused = await page.goto(`${server.baseUrl}${SCHOOL}/development-plan/new`);
		expect(refused?.status()).toBe(403);
		await visit(page, `${SCHOOL}/benchmarks`);
		expect(await page.getByRole('heading', { name: /Use a different set of benchmarks/ }).count()).toBe(0);
		await closePage(page);
	});
});
