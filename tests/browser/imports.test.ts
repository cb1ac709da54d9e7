/**
 * The web import, in Chromium against the built app with the demo school, axe on every page: a pupils file
 * as an MIS exports it (byte-order mark, semicolons, "Surname") → the column preview → the import, first
 * with a wrong UPN check letter (every problem listed, nothing imported), then corrected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { academicYearStart, todayInLondon } from '../../src/lib/domain/academic-year.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const IMPORT = `${SCHOOL}/imports/pupils`;
const YEAR = academicYearStart(todayInLondon());
/** Fictional UPNs no demo pupil has: the digits of the time make each run's own. */
const stamp = String(Date.now());
const upn = (n: number) =>
	makeUpn({
		la: 999,
		establishment: Number(stamp.slice(-8, -4)),
		yearOfIssue: 26,
		serial: `${stamp.slice(-3, -1)}${n}`
	});
const NEW_UPN = upn(1);
const OTHER_UPN = upn(2);
const WRONG_UPN = (NEW_UPN.startsWith('A') ? 'B' : 'A') + NEW_UPN.slice(1);
/** Born in the spring of a Year 9 pupil this academic year. */
const YEAR_9_BIRTHDAY = `15/03/${YEAR - 13}`;

let server: RunningServer;
let browser: Browser;

function rosterCsv(rows: string[][]): Buffer {
	const lines = [['UPN', 'Surname', 'Forename', 'Date of Birth', 'NC Year'], ...rows];
	return Buffer.from('\uFEFF' + lines.map((r) => r.join(';')).join('\r\n') + '\r\n', 'utf8');
}

async function visit(page: Page, urlPath: string): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(200);
	await expectAccessible(page);
}

async function submit(page: Page, button: string): Promise<void> {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: button, exact: true }).click()
	]);
	await page.waitForLoadState('load');
}

/** Upload step → the column preview. */
async function upload(page: Page, name: string, buffer: Buffer, checkOnly = false): Promise<void> {
	await visit(page, IMPORT);
	await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
	if (checkOnly) await page.getByLabel('Check only, don’t import').check();
	await submit(page, 'Upload and check the columns');
	await page.waitForURL((url) => url.searchParams.has('upload'));
	await page.getByRole('heading', { level: 1, name: `Check the columns in ${name}` }).waitFor();
	await expectAccessible(page);
}

/** Waits for the job page to finish (it refreshes itself while the import runs). */
async function finished(page: Page, heading: RegExp): Promise<string> {
	await page.waitForURL((url) => url.searchParams.has('job'));
	await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 60_000 });
	await expectAccessible(page);
	return page.locator('main').innerText();
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

describe('importing pupils from a spreadsheet', () => {
	it('lists the imports the careers leader may make, with a template for each', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/imports`);
		for (const title of ['Pupils from your MIS']) await page.getByRole('heading', { level: 2, name: title }).waitFor();
		expect(await page.getByRole('link', { name: /^Download the template/ }).count()).toBe(6);
		const template = await page.request.get(`${server.baseUrl}${SCHOOL}/imports/pupils/template`);
		expect(template.status()).toBe(200);
		expect(template.headers()['content-type']).toContain('text/csv');
		expect(await template.text()).toMatch(/^\uFEFFUPN,Legal Surname,Legal Forename/);
		await closePage(page);
	});

	it('says an expired file or import has gone, on the upload step', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${IMPORT}?upload=not-a-file`);
		await page.getByText('That file is no longer kept').waitFor();
		await page.locator('#file').waitFor();
		await visit(page, `${IMPORT}?job=not-a-job`);
		await page.getByText('That import is no longer shown here').waitFor();
		await closePage(page);
	});

	it('lists every problem with its row, column and value, then imports the corrected file', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);

		await upload(page, 'roster-wrong.csv', rosterCsv([[WRONG_UPN, 'Okafor', 'Tolu', YEAR_9_BIRTHDAY, '9']]));
		// The MIS's "Surname" is recognised as the legal surname; the first rows are shown.
		expect(await page.getByLabel('Column 2: Surname').inputValue()).toBe('legalSurname');
		expect(await page.getByLabel('Column 1: UPN').inputValue()).toBe('upn');
		expect(await page.locator('table').innerText()).toContain('Okafor');

		// Saying nothing about a column is corrected in the preview, before anything runs.
		await page.getByLabel('Column 2: Surname').selectOption('');
		await submit(page, 'Import');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('“Surname” is not a column we know');
		expect(await page.title()).toMatch(/^Error: /);
		await expectAccessible(page);
		await page.getByLabel('Column 2: Surname').selectOption('legalSurname');
		await submit(page, 'Import');

		const problems = await finished(page, /There is a problem in roster-wrong\.csv/);
		expect(problems).toContain('Nothing was imported. Correct the file and upload it again.');
		const row = page.locator('tbody tr', { hasText: WRONG_UPN });
		const cells = await row.locator('td').allInnerTexts();
		expect(cells[0]).toBe('2');
		expect(cells[1]).toBe('UPN');
		expect(cells[2]).toBe(WRONG_UPN);
		expect(cells[3]).toContain(`should be ${NEW_UPN[0]}`);

		await upload(page, 'roster.csv', rosterCsv([[NEW_UPN, 'Okafor', 'Tolu', YEAR_9_BIRTHDAY, '9']]));
		await submit(page, 'Import');
		const done = await finished(page, /^Import complete$/);
		expect(done).toContain('1 added, 0 updated, 0 unchanged, 0 left');

		// The same file again changes nothing.
		await upload(page, 'roster.csv', rosterCsv([[NEW_UPN, 'Okafor', 'Tolu', YEAR_9_BIRTHDAY, '9']]));
		await submit(page, 'Import');
		expect(await finished(page, /^Import complete$/)).toContain('0 added, 0 updated, 1 unchanged');
		await closePage(page);
	});

	it('checks a file without importing it, then imports what was checked', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await upload(page, 'joiner.csv', rosterCsv([[OTHER_UPN, 'Nowak', 'Zofia', YEAR_9_BIRTHDAY, '9']]), true);
		await submit(page, 'Check without importing');
		expect(await finished(page, /Check complete: nothing was imported/)).toContain(
			'If you import this file: 1 added, 0 updated, 0 unchanged, 0 left'
		);
		await submit(page, 'Import these pupils');
		expect(await finished(page, /^Import complete$/)).toContain('1 added');
		await closePage(page);
	});
});
