/**
 * What a careers leader does first, in Chromium against the built app, with axe on every page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, signIn } from '../support/browser.ts';
import { startServer, startServerExpectingFailure, type RunningServer } from '../support/server.ts';
import { latestOutboxMessage } from '../../src/lib/server/mail/outbox.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';

const demo = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
let server: RunningServer;
let browser: Browser;

async function newPage(): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

async function visit(page: Page, urlPath: string): Promise<void> {
	const response = await page.goto(server.baseUrl + urlPath);
	expect(response?.status(), urlPath).toBe(200);
	await expectAccessible(page);
}

beforeAll(async () => {
	const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
	if (s.status === 'fulfilled') server = s.value;
	if (b.status === 'fulfilled') browser = b.value;
	if (s.status === 'rejected') throw s.reason;
	if (b.status === 'rejected') throw b.reason;
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('signing in and out', () => {
	it('prints the demo sign-ins, one per role, when it creates the demo school', () => {
		const output = server.output();
		for (const local of [
			'careers.leader',
			'senior.leader',
			'governor',
			'careers.admin',
			'careers.adviser',
			'teacher',
			'trust.lead'
		]) {
			expect(output).toContain(demo(local));
		}
		expect(output).toContain(DEMO_PASSWORD);
	});

	it('explains a wrong password and keeps the email typed', async () => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/sign-in`);
		await page.getByLabel('Email address').fill(demo('teacher'));
		await page.getByLabel('Password', { exact: true }).fill('not the right password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.locator('.govuk-error-summary').waitFor();
		expect(await page.locator('.govuk-error-summary').innerText()).toContain(
			'Enter a correct email address and password'
		);
		expect(await page.getByLabel('Email address').inputValue()).toBe(demo('teacher'));
		expect(await page.title()).toMatch(/^Error: /);
		await expectAccessible(page);
		await page.context().close();
	});

	it('signs the careers leader in to the school dashboard and out again', async () => {
		const page = await newPage();
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/schools/999001');
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Riverside Academy');
		await expectAccessible(page);
		for (const link of ['Pupils', 'People', 'Audit trail']) {
			await Promise.all([
				page.waitForURL((url) => url.pathname.startsWith('/schools/999001/')),
				page.getByRole('link', { name: link, exact: true }).first().click()
			]);
			await page.getByRole('heading', { level: 1, name: link === 'Audit trail' ? 'Audit trail' : link }).waitFor();
			await expectAccessible(page);
		}
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/sign-in/);
		await expect(page.getByText('You have signed out').isVisible()).resolves.toBe(true);
		const again = await page.goto(`${server.baseUrl}/schools/999001`);
		expect(new URL(again?.url() ?? '').pathname).toBe('/sign-in');
		await page.context().close();
	});

	it('opens a pupil record and shows the view in the audit trail', async () => {
		const page = await newPage();
		await signIn(page, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(page, '/schools/999001/pupils?year=10');
		const first = page.locator('table a.govuk-link').first();
		const name = (await first.innerText()).trim();
		await Promise.all([page.waitForURL(/\/pupils\/[0-9a-f-]{36}$/), first.click()]);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
		await expectAccessible(page);
		await visit(page, `/schools/999001/audit?record=${encodeURIComponent(name.split(' ').at(-1) ?? '')}`);
		expect(await page.locator('table').innerText()).toContain(`Viewed the record of ${name}`);
		await page.context().close();
	});
});

describe('colleagues', () => {
	it('lets the careers leader invite a colleague, who accepts and lands in the school', async () => {
		const leader = await newPage();
		await signIn(leader, server.baseUrl, demo('careers.leader'), DEMO_PASSWORD);
		await visit(leader, '/schools/999001/people/invite');
		// Nothing filled in: each problem named.
		await leader.getByRole('button', { name: 'Send invitation' }).click();
		await leader.locator('.govuk-error-summary').waitFor();
		const summary = await leader.locator('.govuk-error-summary').innerText();
		expect(summary).toContain('Enter the person’s full name');
		expect(summary).toContain('Enter an email address');
		expect(summary).toContain('Choose at least one role');
		await expectAccessible(leader);

		await leader.getByLabel('Full name').fill('Priya Sharma');
		await leader.getByLabel('Email address').fill('priya.sharma@riverside.example');
		await leader.getByLabel('Teacher', { exact: true }).check();
		await leader.getByLabel('Tutor').check();
		await leader.getByRole('button', { name: 'Send invitation' }).click();
		await leader.waitForURL(/\/people\?invited=/);
		await expect(leader.getByText('Invitation sent to priya.sharma@riverside.example').isVisible()).resolves.toBe(true);
		await expectAccessible(leader);

		const mail = latestOutboxMessage('priya.sharma@riverside.example', path.join(server.dataDir, 'outbox')) ?? '';
		const link = /(https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
		expect(link, 'the invitation email holds a link').toBeTruthy();
		const colleague = await newPage();
		await colleague.goto(link!);
		await expectAccessible(colleague);
		await colleague.getByLabel('Choose a password').fill('short');
		await colleague.getByLabel('Type the password again').fill('short');
		await colleague.getByRole('button', { name: 'Accept invitation' }).click();
		await colleague.locator('.govuk-error-summary').waitFor();
		expect(await colleague.locator('.govuk-error-summary').innerText()).toContain('at least 12 characters');
		await colleague.getByLabel('Choose a password').fill('maple kettle orbit lantern');
		await colleague.getByLabel('Type the password again').fill('maple kettle orbit lantern');
		await colleague.getByRole('button', { name: 'Accept invitation' }).click();
		await colleague.waitForURL(/\/schools\/999001$/);
		await expectAccessible(colleague);
		// A teacher sees pupils but not colleagues.
		expect(await colleague.getByRole('link', { name: 'People', exact: true }).count()).toBe(0);
		expect(await colleague.getByRole('link', { name: 'Pupils', exact: true }).count()).toBe(1);
		await colleague.context().close();

		await visit(leader, '/schools/999001/people');
		expect(await leader.locator('table').first().innerText()).toContain('priya.sharma@riverside.example');
		await leader.context().close();
	});

	it('lets a careers adviser in two schools switch between them', async () => {
		const page = await newPage();
		await signIn(page, server.baseUrl, demo('careers.adviser'), DEMO_PASSWORD);
		await visit(page, '/switch-school');
		await page.getByLabel('Hillcrest School').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL(/\/schools\/999002$/);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Hillcrest School');
		await expectAccessible(page);
		// The choice sticks: home now means Hillcrest.
		await page.goto(server.baseUrl + '/');
		expect(new URL(page.url()).pathname).toBe('/schools/999002');
		await page.context().close();
	});

	it('shows helpful, accessible error and public pages', async () => {
		const page = await newPage();
		for (const p of ['/accessibility', '/privacy', '/help', '/forgot-password']) await visit(page, p);
		const missing = await page.goto(`${server.baseUrl}/no-such-page`);
		expect(missing?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
		await expectAccessible(page);
		await signIn(page, server.baseUrl, demo('governor'), DEMO_PASSWORD);
		const forbidden = await page.goto(`${server.baseUrl}/schools/999001/pupils`);
		expect(forbidden?.status()).toBe(403);
		await expectAccessible(page);
		await page.context().close();
	});
});

describe('one process per embedded database', () => {
	it('refuses a second server on the same data folder, naming the first, which keeps serving', async () => {
		const second = await startServerExpectingFailure({ dataDir: server.dataDir });
		expect(second.exitCode).toBe(1);
		expect(second.output).toContain(`already open in process ${server.pid}`);
		expect((await fetch(`${server.baseUrl}/sign-in`)).status).toBe(200);
	});

	it('refuses to start in production without its settings, naming each one', async () => {
		const failed = await startServerExpectingFailure({ env: { NODE_ENV: 'production' } });
		expect(failed.exitCode).toBe(1);
		for (const setting of ['WAYMARK_SECRET', 'SMTP_URL', 'MAIL_FROM']) expect(failed.output).toContain(setting);
	});
});
