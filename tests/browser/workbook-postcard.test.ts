/**
 * A trainee writes their promise postcard, in Chromium against the built app with the demo, with axe on
 * every page: the dates are checked, and the page says when the postcard will come back by email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { longDate, todayInLondon } from '../../src/lib/domain/academic-year.ts';

const TRAINEE = `trainee@${DEMO_EMAIL_DOMAIN}`;
let server: RunningServer;
let browser: Browser;

function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

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

describe('the promise postcard', () => {
	it('a trainee writes a promise and sees when it will come back', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, TRAINEE, DEMO_PASSWORD);

		// The trainee's workbook, from the staff development page.
		await visit(page, '/development');
		const href = await page.locator('a[href^="/workbook/"]').first().getAttribute('href');
		expect(href).toMatch(/^\/workbook\/[0-9a-f-]{36}$/);
		const postcard = `${href}/postcard`;

		await visit(page, postcard);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Promise postcard');

		const today = todayInLondon();
		const promise = `Bring one employer into my Year 8 lessons every half term (${Date.now()})`;
		await page.getByLabel('My promise to myself').fill('Read one labour-market report each month.');
		await page.getByLabel('My promise to my school').fill(promise);

		// A reminder in the past, and one after the achieve-by date, are refused with the fields kept.
		await page.getByLabel('I will try to achieve my promises by').fill(addDays(today, 120));
		await page.getByLabel('Email the postcard back to me on').fill(addDays(today, -1));
		await submit(page, 'Save postcard');
		await expectAccessible(page);
		await expect(page.getByRole('alert').innerText()).resolves.toContain(
			'The date we email the postcard back must be today'
		);
		await expect(page.getByLabel('My promise to my school').inputValue()).resolves.toBe(promise);
		await expect(page.title()).resolves.toMatch(/^Error: /);

		await page.getByLabel('Email the postcard back to me on').fill(addDays(today, 150));
		await submit(page, 'Save postcard');
		await expect(page.getByRole('alert').innerText()).resolves.toContain(
			'must be on or before the date you will achieve your promises by'
		);

		// Right dates: saved, and the page says when it comes back.
		const remindOn = addDays(today, 60);
		await page.getByLabel('Email the postcard back to me on').fill(remindOn);
		await submit(page, 'Save postcard');
		expect(new URL(page.url()).pathname).toBe(postcard);
		await expectAccessible(page);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Postcard saved');
		expect(main).toContain(promise);
		expect(main).toContain(`We will email this postcard back to you on ${longDate(remindOn, true)}`);
		expect(main).toContain(`I will try to achieve my promises by ${longDate(addDays(today, 120), true)}`);

		// Works by keyboard: the form fields are reachable and labelled.
		await page.getByLabel('My promise to myself').focus();
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('promiseToMySchool');

		// Thrown away after asking: the page is back to writing one.
		await page.getByRole('link', { name: 'Delete your postcard' }).click();
		await page.getByRole('heading', { name: 'Delete your promise postcard?' }).waitFor();
		await expect(page.title()).resolves.toBe('Delete your postcard – Promise postcard – your workbook – Waymark');
		await expectAccessible(page);
		expect(await page.locator('main').innerText()).toContain('will not be emailed back to you');
		await submit(page, 'Yes, delete my postcard');
		await page.locator('.govuk-notification-banner').filter({ hasText: 'Postcard deleted' }).waitFor();
		await expectAccessible(page);
		const after = await page.locator('main').innerText();
		expect(after).not.toContain(promise);
		expect(after).toContain('Write your postcard');
		await closePage(page);
	});

	it('is nobody else’s: the tutor gets "not found"', async () => {
		const trainee = await openPage(browser);
		await signIn(trainee, server.baseUrl, TRAINEE, DEMO_PASSWORD);
		await visit(trainee, '/development');
		const href = await trainee.locator('a[href^="/workbook/"]').first().getAttribute('href');
		await closePage(trainee);

		const tutor = await openPage(browser);
		await signIn(tutor, server.baseUrl, `programme.tutor@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
		await visit(tutor, `${href}/postcard`, 404);
		await closePage(tutor);
	});
});
