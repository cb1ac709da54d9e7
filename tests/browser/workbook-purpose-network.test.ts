/**
 * The workbook's purpose questionnaire and social-capital map, and a pupil's map, in Chromium against
 * the built app and the demo (the demo trainee, trainee@demo.waymark.school, has answered the start
 * questionnaire and mapped a first snapshot). Axe on every page.
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

async function visit(page: Page, urlPath: string, status = 200): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(status);
	await expectAccessible(page);
}

/** Submits by the given action (a click or a key press) and waits for the next page to load. */
async function submitting(page: Page, act: () => Promise<void>): Promise<void> {
	await Promise.all([page.waitForEvent('load'), act()]);
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

describe('a trainee’s workbook', () => {
	it('fills the purpose questionnaire by keyboard, adds contacts and sees the network picture and table', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('trainee'), DEMO_PASSWORD);

		// From the development page to the workbook overview.
		await visit(page, '/development');
		const href = await page
			.getByRole('link', { name: /your workbook/ })
			.first()
			.getAttribute('href');
		expect(href).toMatch(/^\/workbook\/[0-9a-f-]{36}$/);
		const base = href!;
		await visit(page, base);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('My workbook');
		const main = await page.locator('main').innerText();
		expect(main).toContain('Nothing is shared unless you tick it');
		expect(main).toContain('Purpose questionnaire');
		expect(main).toContain('Social-capital map');

		// Sharing: untick everything, save, and the choice holds.
		for (const box of await page.getByRole('group', { name: 'Parts my tutor may read' }).getByRole('checkbox').all())
			await box.uncheck();
		await page.getByRole('checkbox', { name: 'Purpose questionnaire' }).check();
		await submitting(page, () => page.getByRole('button', { name: 'Save my sharing choices' }).click());
		await expectAccessible(page);
		await expect(page.getByRole('checkbox', { name: 'Purpose questionnaire' }).isChecked()).resolves.toBe(true);
		await expect(page.getByRole('checkbox', { name: 'Social-capital map' }).isChecked()).resolves.toBe(false);

		// The end-of-programme questionnaire, by keyboard only.
		await visit(page, `${base}/purpose?occasion=end`);
		await expect(page.getByRole('heading', { level: 2, name: 'At the end of the programme' }).count()).resolves.toBe(1);
		await page.getByLabel('I aspire to become…').focus();
		await page.keyboard.type('A head of department who brings employers into lessons');
		const statements = page.locator('form fieldset:has(input[type="radio"])');
		const count = await statements.count();
		expect(count).toBeGreaterThanOrEqual(5);
		await statements.first().locator('input[type="radio"]').first().focus();
		for (let i = 0; i < count; i++) {
			await page.keyboard.press('Space'); // 1
			for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight'); // 4
			await page.keyboard.press('Tab'); // the next statement, then the Save button
		}
		await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Save my answers');
		await submitting(page, () => page.keyboard.press('Enter'));
		await expectAccessible(page);
		await page.getByText('Your answers are saved').waitFor();
		const checked = await page
			.locator('input[type="radio"]:checked')
			.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
		expect(checked).toEqual(Array.from({ length: count }, () => '4'));
		await page.getByRole('heading', { name: 'How your answers changed' }).waitFor();
		const changes = page.getByRole('table', { name: 'Each statement at the start and at the end' });
		await expect(changes.getByRole('row').count()).resolves.toBe(count + 1);
		await expect(page.getByRole('table', { name: 'Your purpose scores' }).innerText()).resolves.toContain(
			`${count} of ${count}`
		);

		// The social-capital map: add a contact, see it in the table and the picture.
		await visit(page, `${base}/network`);
		await page.getByLabel('Name', { exact: true }).fill('Bruce Ahmed');
		await page.getByLabel('Sphere').selectOption('employers');
		await page.getByLabel('Tie strength').selectOption('3');
		await page.getByLabel('Type of tie (optional)').selectOption('linking');
		await page.getByLabel('How might they help? (optional)').fill('Speaks to Year 10 about software jobs');
		await page.getByLabel('Who else could they introduce? (optional)').fill('Leaders in the tech sector');
		await submitting(page, () => page.getByRole('button', { name: 'Add contact' }).click());
		await expectAccessible(page);
		await page.getByText('Contact added').waitFor();
		const table = page.getByRole('table', { name: /^Contacts on / });
		const row = table.getByRole('row', { name: /Bruce Ahmed/ });
		await expect(row.innerText()).resolves.toMatch(/Employers\s+3\s+Linking/);
		const picture = page.getByRole('img', { name: /social-capital map on/ });
		await expect(picture.count()).resolves.toBe(1);
		await expect(picture.locator('text').allTextContents()).resolves.toContain('Bruce Ahmed (3)');
		await expect(page.locator('figcaption').innerText()).resolves.toContain('Employers: 1');

		// A new snapshot carries the contacts over; growth shows the new weak tie.
		const before = await table.getByRole('row').count();
		await submitting(page, () => page.getByRole('button', { name: 'Take a new snapshot' }).click());
		await expectAccessible(page);
		await page.getByText('New snapshot taken').waitFor();
		await expect(
			page
				.getByRole('table', { name: /^Contacts on / })
				.getByRole('row')
				.count()
		).resolves.toBe(before);
		await page.getByLabel('Name', { exact: true }).fill('Olly Brown');
		await page.getByLabel('Sphere').selectOption('professional');
		await page.getByLabel('Tie strength').selectOption('2');
		await submitting(page, () => page.getByRole('button', { name: 'Add contact' }).click());
		// A GET form: the app's router may load the comparison without a new document.
		await page.getByRole('button', { name: 'Compare' }).click();
		await page.getByRole('heading', { name: /^From .+ to .+$/ }).waitFor();
		await expectAccessible(page);
		const growth = await page.locator('#growth ~ dl').innerText();
		expect(growth).toContain('New ties (1)');
		expect(growth).toContain('Olly Brown (2)');
		await closePage(page);
	});
});

describe('a pupil’s social-capital map', () => {
	it('is off until the careers leader turns it on, then kept from the pupil’s record', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/pupils`);
		const hrefs = await page
			.locator(`main a[href^="${SCHOOL}/pupils/"]`)
			.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
		const pupilHref = hrefs.find((h) => /\/pupils\/[0-9a-f-]{36}$/.test(h));
		expect(pupilHref).toBeDefined();

		await visit(page, `${pupilHref}/network`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
			'Pupil social-capital maps are turned off'
		);
		await visit(page, pupilHref!);
		await expect(page.getByRole('link', { name: 'Social-capital map' }).count()).resolves.toBe(0);

		await visit(page, `${SCHOOL}/settings`);
		await page.getByRole('group', { name: 'Pupil social-capital maps' }).getByLabel('On').check();
		await submitting(page, () => page.getByRole('button', { name: 'Save pupil social-capital maps' }).click());
		await expectAccessible(page);
		await page.getByText('Pupil social-capital maps turned on').waitFor();

		await visit(page, pupilHref!);
		await page.getByRole('link', { name: 'Social-capital map' }).click();
		await page.getByRole('heading', { level: 1, name: 'Social-capital map' }).waitFor();
		await expectAccessible(page);
		await page.getByLabel('Name', { exact: true }).fill('Aunt Ngozi');
		await page.getByLabel('Sphere').selectOption('family');
		await page.getByLabel('Tie strength').selectOption('9');
		await submitting(page, () => page.getByRole('button', { name: 'Add contact' }).click());
		await expectAccessible(page);
		await expect(
			page
				.getByRole('table', { name: /^Contacts on / })
				.getByRole('row', { name: /Aunt Ngozi/ })
				.count()
		).resolves.toBe(1);
		await expect(page.getByRole('img', { name: /social-capital map on/ }).count()).resolves.toBe(1);
		await closePage(page);
	});
});
