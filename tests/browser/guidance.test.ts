/**
 * Personal guidance and referrals in Chromium against the built app and the demo school, with axe on every
 * page: a tutor refers a pupil, the careers adviser books a meeting from the referrals queue, the meeting is on
 * the guidance list, and a teacher sees the meeting but not its notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage, signIn } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import { todayInLondon } from '../../src/lib/domain/academic-year.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const SCHOOL = '/schools/999001';
const REASON = `Unsure about post-16 options and missed the Year 10 options evening (${Date.now()})`;
let server: RunningServer;
let browser: Browser;

function tomorrow(): string {
	const d = new Date(`${todayInLondon()}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
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

describe('referral to a booked guidance meeting', () => {
	let pupilId = '';
	let pupilName = '';
	let meetingPath = '';

	it('lets a tutor refer a Year 10 pupil for guidance', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/pupils?year=10`);
		const hrefs = await page
			.locator(`main a[href^="${SCHOOL}/pupils/"]`)
			.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
		// Any Year 10 pupil will do (each test server has fresh demo data): the first on the list.
		const href = hrefs.find((h) => /\/pupils\/[0-9a-f-]{36}$/.test(h)) ?? '';
		expect(href, `a pupil link on the Year 10 list among ${hrefs.length} links`).not.toBe('');
		pupilId = href.slice(href.lastIndexOf('/') + 1);

		await visit(page, `${SCHOOL}/pupils/${pupilId}/refer`);
		const heading = await page.getByRole('heading', { level: 1 }).innerText();
		pupilName = /^Refer (.+) for careers guidance$/.exec(heading)?.[1] ?? '';
		expect(pupilName, heading).not.toBe('');
		expect(await page.locator('main').innerText()).toContain('You are referring as: Tutor');

		// Without a reason: the error summary, and nothing saved.
		await submit(page, 'Refer for guidance');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter why the pupil needs guidance');
		await expectAccessible(page);

		await page.getByLabel('Why does the pupil need guidance?').fill(REASON);
		await submit(page, 'Refer for guidance');
		expect(new URL(page.url()).pathname).toBe(`${SCHOOL}/pupils/${pupilId}`);
		expect(new URL(page.url()).searchParams.get('referred')).toBe('1');
		await expectAccessible(page);
		await closePage(page);
	});

	it('lets the careers adviser book a meeting from the referrals queue, closing the referral', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.adviser'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/guidance`);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Personal guidance');
		await Promise.all([
			page.waitForURL((url) => url.pathname === `${SCHOOL}/guidance/referrals`),
			page.getByRole('link', { name: /open referrals? waiting for a meeting/ }).click()
		]);
		await expectAccessible(page);
		const row = page.locator('tr', { hasText: REASON });
		expect(await row.innerText()).toContain(pupilName);
		expect(await row.innerText()).toContain('Tutor');

		await Promise.all([
			page.waitForURL((url) => url.pathname === `${SCHOOL}/guidance/new`),
			row.getByRole('button', { name: `Book a meeting for ${pupilName}` }).click()
		]);
		await page.getByRole('heading', { level: 1, name: 'Book a guidance meeting' }).waitFor();
		expect(await page.locator('main').innerText()).toContain(REASON);
		await expectAccessible(page);

		// No date: refused, and the referral stays in the queue.
		await submit(page, 'Book the meeting');
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the date of the meeting');
		await expectAccessible(page);

		await page.getByLabel('Date').fill(tomorrow());
		await page.getByLabel('Time (optional)').fill('10:30');
		// The adviser booking is chosen for her.
		expect(await page.getByLabel('Careers adviser').inputValue()).not.toBe('');
		await submit(page, 'Book the meeting');
		expect(new URL(page.url()).pathname).toBe(`${SCHOOL}/guidance/referrals`);
		await page.getByText('Meeting booked and referral closed').waitFor();
		await expectAccessible(page);
		expect(await page.locator('main').innerText()).not.toContain(REASON);

		await visit(page, `${SCHOOL}/guidance?status=booked`);
		const listed = page.locator('tbody tr', { hasText: pupilName });
		expect(await listed.innerText()).toContain('Booked');
		expect(await listed.innerText()).toContain('From a referral');
		meetingPath = (await listed.locator('a').first().getAttribute('href')) ?? '';
		expect(meetingPath).toMatch(new RegExp(`^${SCHOOL}/guidance/[0-9a-f-]{36}$`));

		await visit(page, meetingPath);
		const main = await page.locator('main').innerText();
		expect(main).toContain(`Guidance meeting with ${pupilName}`);
		expect(main).toContain(REASON);
		expect(main).toContain('No notes recorded.');
		await page.getByRole('heading', { name: 'Record that the meeting took place' }).waitFor();

		await visit(page, `${SCHOOL}/guidance/new?pupil=${pupilId}`);
		expect(await page.locator('main').innerText()).toContain(pupilName);
		await closePage(page);
	});

	it('shows a teacher the meeting but not its notes', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('teacher'), DEMO_PASSWORD);
		await visit(page, meetingPath);
		const main = await page.locator('main').innerText();
		expect(main).toContain(`Guidance meeting with ${pupilName}`);
		expect(main).toContain('Notes are visible to careers advisers and the careers leader.');
		expect(main).not.toContain('No notes recorded.');
		await visit(page, `${SCHOOL}/guidance/referrals`, 403);
		await closePage(page);
	});
});

describe('the adviser’s qualification level', () => {
	it('lets the careers leader record an adviser’s level on the people page', async () => {
		const page = await openPage(browser);
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, `${SCHOOL}/people`);
		const select = page.getByLabel(/^Qualification level of .+/).first();
		const label = await page.locator('label', { hasText: 'Qualification level of' }).first().innerText();
		const name = label.replace(/^Qualification level of /, '').trim();
		await select.selectOption('7');
		await submit(page, `Save level for ${name}`);
		await page.getByText(`${name} is now recorded as qualified to Level 7`).waitFor();
		await expectAccessible(page);
		await visit(page, `${SCHOOL}/guidance/new`);
		expect(await page.locator('main').innerText()).toContain(`${name} (Level 7)`);
		await closePage(page);
	});
});
