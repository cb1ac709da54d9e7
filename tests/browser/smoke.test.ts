import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePage, expectAccessible, launchBrowser, openPage } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

describe('smoke: the built app in a real browser', () => {
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		// Both at once (the server's first start creates the demo school); keep whichever started for afterAll.
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

	it('shows an accessible sign-in page', async () => {
		const page = await openPage(browser);
		const response = await page.goto(`${server.baseUrl}/sign-in`);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).resolves.toBe(true);
		await expectAccessible(page);
		await closePage(page);
	});
});
