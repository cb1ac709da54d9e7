/**
 * Published careers information in Chromium against the built app, with axe on every page: the demo
 * school's public page signed out, its HTML download, the not-published page, and a careers leader who
 * completes and publishes their school's information and then sees it signed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

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

describe('published careers information', () => {
	it('shows the demo school’s careers information to someone not signed in', async () => {
		const page = await openPage(browser);
		const response = await page.goto(`${server.baseUrl}/careers/999001`);
		expect(response?.status()).toBe(200);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Careers information');
		const text = await page.locator('main').innerText();
		expect(text).toContain('Riverside Academy');
		expect(text).toContain('Hannah Okafor');
		expect(text).toContain('01632 960 418');
		expect(text).toContain('Provider access policy statement');
		expect(text).toContain('Year 10 work experience week');
		expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
		expect(await page.title()).toBe('Careers information – Riverside Academy – Waymark');
		await expectAccessible(page);

		const download = await fetch(`${server.baseUrl}/careers/999001/download`);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toBe('attachment; filename="careers-information-999001.html"');
		const html = await download.text();
		expect(html).toMatch(/^<!doctype html>/);
		expect(html).toContain('Careers information: Riverside Academy');
		await closePage(page);
	});

	it('says there is no published information for a school that has not published, or does not exist', async () => {
		const page = await openPage(browser);
		for (const urn of ['999002', '100000']) {
			const response = await page.goto(`${server.baseUrl}/careers/${urn}`);
			expect(response?.status()).toBe(404);
			expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('No published careers information');
			await expectAccessible(page);
		}
		expect((await fetch(`${server.baseUrl}/careers/999002/download`)).status).toBe(404);
		await closePage(page);
	});

	it('lets a careers leader complete and publish their information, then shows it signed out', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, `hillcrest.leader@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
		await page.goto(`${server.baseUrl}/schools/999002/careers-information`);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Published careers information');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Save and publish' }).click();
		await page.locator('.govuk-error-summary').waitFor();
		const summary = await page.locator('.govuk-error-summary').innerText();
		expect(summary).toContain('Enter the careers leader’s telephone number before you publish');
		expect(summary).toContain('Enter the safeguarding arrangements (provider access policy) before you publish');
		expect(await page.title()).toMatch(/^Error: /);
		await expectAccessible(page);

		await page.getByLabel('Careers leader’s telephone number').fill('12');
		await page.getByLabel('Date of the next review of this information').fill('2030-07-01');
		await page.getByLabel('How providers ask for access').fill('Email the careers co-ordinator.');
		await page.getByLabel('Grounds for granting or refusing a request').fill('Any request that fits the calendar.');
		await page.getByLabel('Safeguarding', { exact: true }).fill('Photo ID at reception.');
		await page.getByLabel('Premises and facilities').fill('The hall and a projector.');
		await page.getByRole('button', { name: 'Save and publish' }).click();
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('UK telephone number');
		expect(await page.getByLabel('Safeguarding', { exact: true }).inputValue()).toBe('Photo ID at reception.');

		await page.getByLabel('Careers leader’s telephone number').fill('01632 960 777');
		await Promise.all([
			page.waitForURL((url) => url.search.includes('published')),
			page.getByRole('button', { name: 'Save and publish' }).click()
		]);
		expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
			'Your careers information is published'
		);
		await expectAccessible(page);
		await closePage(page);

		const visitor = await openPage(browser);
		const response = await visitor.goto(`${server.baseUrl}/careers/999002`);
		expect(response?.status()).toBe(200);
		const text = await visitor.locator('main').innerText();
		expect(text).toContain('Hillcrest School');
		expect(text).toContain('01632 960 777');
		expect(text).toContain('Photo ID at reception.');
		await expectAccessible(visitor);
		await closePage(visitor);
	});
});
