/**
 * Staff development programmes in Chromium against the built demo app, with axe on every page: a tutor
 * starts a programme from "Leading with purpose", ticks a cell of the benchmark grid, adds a cohort and
 * invites a trainee. The tutor is the demo university's programme tutor when the demo has one, otherwise
 * the demo careers leader (who runs staff programmes for Riverside — a real use too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const STAMP = Date.now();
const TITLE = `Leading with purpose ${STAMP}`;
const TRAINEE = `nia.${STAMP}@example.ac.uk`;
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
		page.getByRole('button', { name: button, exact: true }).click()
	]);
	await page.waitForLoadState('load');
}

async function signInAsTutor(page: Page): Promise<void> {
	try {
		await signIn(page, server.baseUrl, demo('programme.tutor'), DEMO_PASSWORD);
	} catch {
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
	}
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

describe('a tutor running a staff development programme', () => {
	it('starts from the seed, ticks a benchmark cell, adds a cohort and invites a trainee', async () => {
		const page = await openPage(browser);
		await signInAsTutor(page);

		await visit(page, '/development');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Staff development');
		await page.getByRole('button', { name: 'Start a programme' }).click();
		await page.waitForURL('**/development/new');
		await expectAccessible(page);

		// A blank programme needs a title: the error names the field.
		await page.getByLabel('Start with a blank programme').check();
		await submit(page, 'Start the programme');
		await page.locator('.govuk-error-summary').waitFor();
		await expectAccessible(page);
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a title');

		await page.getByLabel('Start from “Leading with purpose” (seed 002)').check();
		await page.getByLabel('Title', { exact: true }).fill(TITLE);
		await submit(page, 'Start the programme');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(TITLE);
		await expectAccessible(page);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Learn about careers education structure, policy and key guidance');
		expect(main).toContain('Purpose & vision');
		expect(main).toContain('6 hours');
		const base = new URL(page.url()).pathname;

		// The benchmark grid: Magazine × Benchmark 2 is blank in the seed; tick it.
		await visit(page, `${base}/mapping`);
		const blank = page.getByRole('button', { name: 'Benchmark 2, Magazine: not mapped', exact: true });
		await blank.click();
		await page.getByRole('button', { name: 'Benchmark 2, Magazine: mapped', exact: true }).waitFor();
		await visit(page, `${base}/mapping`);
		await expect(
			page.getByRole('button', { name: 'Benchmark 2, Magazine: mapped', exact: true }).count()
		).resolves.toBe(1);
		// The seed's own ticks are there, e.g. Session 2 × Benchmark 5.
		await expect(
			page.getByRole('button', { name: 'Benchmark 5, Session 2: mapped', exact: true }).count()
		).resolves.toBe(1);

		// The other tutor pages pass axe too.
		await visit(page, `${base}/edit`);
		await visit(page, `${base}/statements`);
		expect(await page.locator('main').innerText()).not.toContain('have the same wording');
		await visit(page, `${base}/copy`);

		// A cohort, then a trainee invited by email.
		await visit(page, base);
		await page.getByLabel('Name', { exact: true }).fill('PGCE secondary 2025/26');
		await submit(page, 'Add the cohort');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('PGCE secondary 2025/26');
		await expectAccessible(page);

		await submit(page, 'Add and invite');
		await page.locator('.govuk-error-summary').waitFor();
		await expectAccessible(page);
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the participant’s full name');

		await page.getByLabel('Full name').fill('Nia Newcomer');
		await page.getByLabel('Email address').fill(TRAINEE);
		await page.getByLabel('Subject (optional)').fill('Geography');
		await submit(page, 'Add and invite');
		await page.locator('.govuk-notification-banner').filter({ hasText: 'Participant added' }).waitFor();
		await expectAccessible(page);
		const row = page.getByRole('row').filter({ hasText: TRAINEE });
		expect(await row.innerText()).toContain('Invited');
		expect(await row.innerText()).toContain('Geography');

		// Her placement is settled later: changed on its own page, a wrong choice named at its field first.
		await row.getByRole('link', { name: 'Change Nia Newcomer' }).click();
		await page.getByRole('heading', { name: 'Change Nia Newcomer’s details' }).waitFor();
		expect(await page.title()).toBe('Change Nia Newcomer’s details – PGCE secondary 2025/26 – Waymark');
		await expectAccessible(page);
		const placement1 = page.getByRole('group', { name: 'Placement 1 school (optional)' });
		await placement1.getByLabel('A school on Waymark').selectOption({ label: 'Riverside Academy (URN 999001)' });
		await placement1.getByLabel('Or the school’s name').fill('Riverside');
		await submit(page, 'Save changes');
		await page.locator('.govuk-error-summary').waitFor();
		await expectAccessible(page);
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('or type its name, not both');
		expect(await page.title()).toBe('Error: Change Nia Newcomer’s details – PGCE secondary 2025/26 – Waymark');
		expect(await page.getByLabel('Subject (optional)').inputValue()).toBe('Geography');
		await placement1.getByLabel('Or the school’s name').fill('');
		await submit(page, 'Save changes');
		await page.locator('.govuk-notification-banner').filter({ hasText: 'Nia Newcomer: changes saved' }).waitFor();
		expect(await page.getByRole('row').filter({ hasText: TRAINEE }).innerText()).toContain('Riverside Academy');

		// Removing asks first.
		await row.getByRole('link', { name: 'Remove Nia Newcomer' }).click();
		await page.getByRole('heading', { name: 'Remove Nia Newcomer from the cohort?' }).waitFor();
		expect(await page.title()).toBe('Remove Nia Newcomer – PGCE secondary 2025/26 – Waymark');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'No, keep them' }).click();
		await page.getByRole('row').filter({ hasText: TRAINEE }).waitFor();

		// A typo in the cohort's name is put right.
		await page.getByRole('link', { name: 'Change the name or dates' }).click();
		await page.getByRole('heading', { name: 'Change the cohort’s name and dates' }).waitFor();
		expect(await page.title()).toBe('Change the cohort’s name and dates – PGCE secondary 2025/26 – Waymark');
		await expectAccessible(page);
		expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('PGCE secondary 2025/26');
		await page.getByLabel('Name', { exact: true }).fill('PGCE secondary 2025/26 (Geography)');
		await submit(page, 'Save changes');
		await page.locator('.govuk-notification-banner').filter({ hasText: 'Cohort changed' }).waitFor();
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('PGCE secondary 2025/26 (Geography)');

		// The programme lists its cohort.
		await visit(page, base);
		const cohort = page.getByRole('row').filter({ hasText: 'PGCE secondary 2025/26 (Geography)' });
		expect((await cohort.innerText()).replace(/\s+/g, ' ')).toContain('1 0');

		// Deleting the cohort asks first, saying who is in it, then takes everyone off it.
		await cohort.getByRole('link').click();
		await page.getByRole('link', { name: 'Delete the cohort' }).click();
		await page.getByRole('heading', { name: 'Delete the cohort PGCE secondary 2025/26 (Geography)?' }).waitFor();
		expect(await page.title()).toBe('Delete the cohort – PGCE secondary 2025/26 (Geography) – Waymark');
		await expectAccessible(page);
		expect(await page.locator('main').innerText()).toContain('It has 1 person: 0 joined, 1 not yet.');
		await submit(page, 'Yes, delete the cohort');
		await page
			.locator('.govuk-notification-banner')
			.filter({ hasText: 'Cohort “PGCE secondary 2025/26 (Geography)” deleted with its 1 participant' })
			.waitFor();
		expect(await page.getByRole('row').filter({ hasText: 'PGCE secondary 2025/26 (Geography)' }).count()).toBe(0);
		await closePage(page);
	});
});
