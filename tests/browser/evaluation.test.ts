/**
 * The benchmark self-evaluation and the compliance settings, in Chromium against the built app, with axe
 * on every page: the careers leader starts an evaluation, changes a criterion with a reason, submits it
 * and sees it locked; a governor reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
let server: RunningServer;
let browser: Browser;
let evaluationPath = '';

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

async function click(page: Page, button: string): Promise<void> {
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

describe('the benchmark self-evaluation', () => {
	it('lets the careers leader start one, change a criterion with a reason, submit it and see it locked', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/evaluations`);
		await page.getByRole('heading', { name: 'Benchmark self-evaluation', level: 1 }).waitFor();
		expect(await page.locator('main').innerText()).toContain('How scores and suggestions are worked out');

		// Start the evaluation for the snapshot offered first (the next one, unless the demo has it already).
		const snapshot = await page.getByLabel('Snapshot').locator('option:checked').innerText();
		await Promise.all([
			page.waitForURL(/\/evaluations\/[0-9a-f-]{36}\?started=1/),
			page.getByRole('button', { name: 'Start the evaluation' }).click()
		]);
		await expectAccessible(page);
		evaluationPath = new URL(page.url()).pathname;
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			`Evaluation started for the ${snapshot}`
		);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Benchmark 1: A stable careers programme');
		expect(main).toMatch(/[\d,]+ of [\d,]+ eligible pupils \(\d+%\) met it as of/);
		expect(main).toContain('Not pre-filled: confirm from your own evidence.');

		// Change "published on the website" to something other than what is suggested, first without a reason.
		const checked = await page.locator('input[name="status-bm1-published"]:checked').getAttribute('value');
		const other = checked === 'achieved' ? 'In progress' : 'Achieved';
		const benchmark1 = page.locator('#benchmark-1');
		await benchmark1
			.getByRole('group', { name: /published on the website/i })
			.getByLabel(other, { exact: true })
			.check();
		await page.locator('#evidence-bm1-published').fill('Website checked by the link governor');
		const reasonId = 'reason-bm1-published';
		await page.locator(`#${reasonId}`).fill('');
		await click(page, 'Save Benchmark 1');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toMatch(
			/Give a reason for Benchmark 1, “.*published on the website.*”/i
		);
		await expectAccessible(page);
		// What was typed is kept.
		const chosen = checked === 'achieved' ? 'in-progress' : 'achieved';
		expect(await page.locator(`input[name="status-bm1-published"][value="${chosen}"]`).isChecked()).toBe(true);
		expect(await page.locator('#evidence-bm1-published').inputValue()).toBe('Website checked by the link governor');
		await page.locator(`#${reasonId}`).fill('The review date is next week and the page needs updating first');
		await click(page, 'Save Benchmark 1');
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Benchmark 1 saved');
		await expectAccessible(page);
		expect(await page.locator(`#${reasonId}`).inputValue()).toBe(
			'The review date is next week and the page needs updating first'
		);

		// Submit. Answers copied forward from an earlier evaluation may need a reason first: give them.
		await click(page, 'Submit and lock the evaluation');
		for (let i = 0; i < 40 && (await page.locator('.govuk-error-summary').count()) > 0; i++) {
			await expectAccessible(page);
			const href = await page.locator('.govuk-error-summary a').first().getAttribute('href');
			const id = (href ?? '').replace(/^#/, '');
			expect(id).toMatch(/^reason-/);
			await page.locator(`#${id}`).fill('Confirmed again this term');
			const form = page.locator(`#${id}`).locator('xpath=ancestor::form');
			await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				form.getByRole('button').click()
			]);
			await page.waitForLoadState('load');
			await click(page, 'Submit and lock the evaluation');
		}
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'Evaluation submitted and locked'
		);
		await expectAccessible(page);
		const locked = await page.locator('main').innerText();
		expect(locked).toMatch(/This evaluation was submitted on .* and is locked\./);
		expect(locked).toContain('The review date is next week and the page needs updating first');
		expect(await page.getByRole('button', { name: 'Save Benchmark 1' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Submit and lock the evaluation' }).count()).toBe(0);

		// The list shows it submitted, with the history table.
		await visit(page, `${SCHOOL}/evaluations`);
		const list = await page.locator('main').innerText();
		expect(list).toContain(snapshot);
		expect(list).toContain('Submitted');
		expect(list).toContain('Scores over time');
		await closePage(page);
	});

	it('lets a governor read the evaluation but not change it', async () => {
		expect(evaluationPath).toMatch(/\/evaluations\/[0-9a-f-]{36}$/);
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/evaluations`);
		expect(await page.getByRole('button', { name: 'Start the evaluation' }).count()).toBe(0);
		await visit(page, evaluationPath);
		const main = await page.locator('main').innerText();
		expect(main).toContain('Scores');
		expect(main).toContain('is locked');
		expect(main).not.toContain('Start an evaluation for the next snapshot');
		expect(await page.locator('form[action="?/save"]').count()).toBe(0);
		// A post anyway is refused.
		const response = await page.request.post(`${server.baseUrl}${evaluationPath}?/submit`, {
			headers: { origin: server.baseUrl, accept: 'text/html' },
			form: {}
		});
		expect(response.status()).toBe(403);
		await closePage(page);
	});
});

describe('the compliance settings', () => {
	it('checks and saves the three settings', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/settings`);
		await page.getByLabel('Weeks before a deadline when a pupil is at risk').fill('60');
		await page.getByLabel(/Share of pupils for ‘achieved’/).fill('95%');
		await click(page, 'Save the compliance settings');
		const errors = await page.locator('.govuk-error-summary').innerText();
		expect(errors).toContain('The weeks before a deadline must be a whole number from 1 to 52');
		expect(errors).toContain('The share of pupils for achieved must be a whole number from 1 to 100');
		await expectAccessible(page);
		expect(await page.getByLabel('Weeks before a deadline when a pupil is at risk').inputValue()).toBe('60');
		await page.getByLabel('Weeks before a deadline when a pupil is at risk').fill('10');
		await page.getByLabel(/Workplace experiences needed by the end of Year 11/).fill('');
		await page.getByLabel(/Share of pupils for ‘achieved’/).fill('95');
		await click(page, 'Save the compliance settings');
		expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
			'Compliance settings saved: at risk 10 weeks before a deadline, 2 workplace experiences by 16, achieved at 95%'
		);
		await expectAccessible(page);
		expect(await page.getByLabel(/Share of pupils for ‘achieved’/).inputValue()).toBe('95');
		await closePage(page);
	});
});
