/**
 * Real Chromium (Debian's, at /usr/bin/chromium) driven by playwright-core, and an accessibility
 * check with axe on every page a browser test opens. No retries: a flaky browser test is a bug.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_PATH, ensureChromium } from './chromium.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export async function launchBrowser(): Promise<Browser> {
	ensureChromium();
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

/**
 * A page in a context of its own (its own cookies, so each test signs in afresh). Close it with closePage().
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext(options);
	return context.newPage();
}

/** Closes a page from openPage() together with its context. */
export async function closePage(page: Page): Promise<void> {
	await page.context().close();
}

export class AccessibilityError extends Error {}

/**
 * Runs axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the page as it is now and throws, listing
 * each problem, when any violation is serious or critical. Returns the lesser violations for
 * anyone who wants to look at them.
 *
 * Legacy mode runs axe in the page itself. The default mode also opens a blank page and loads axe
 * into it again to merge per-frame results, which only matters for pages with cross-origin frames
 * (ours have no frames at all). Same rules, same results, half the time
 * (measured: 1.7 s → 0.9 s on the encounters list, 4.0 s → 2.3 s on the pupils list).
 */
export async function expectAccessible(page: Page, options: { exclude?: string[] } = {}) {
	let builder = new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	const results = await builder.analyze();
	const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	if (blocking.length) {
		const lines = blocking.map((v) => {
			const targets = v.nodes.map((n) => `      ${n.target.map(String).join(' ')}`).join('\n');
			return `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${targets}`;
		});
		throw new AccessibilityError(
			`${blocking.length} serious or critical accessibility problem(s) on ${page.url()}:\n${lines.join('\n')}`
		);
	}
	return results.violations;
}

/**
 * Fills and submits the sign-in form and waits until the browser has left /sign-in. If the page
 * shows an error instead, throws with its text (a test expecting a refusal fills the form itself).
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(new URL('/sign-in', baseUrl).toString());
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	const left = page.waitForURL((url) => url.pathname !== '/sign-in', { timeout: 30_000 }).then(() => 'left' as const);
	const refused = page
		.locator('.govuk-error-summary, [role="alert"]')
		.first()
		.waitFor({ state: 'visible', timeout: 30_000 })
		.then(() => 'refused' as const);
	left.catch(() => {});
	refused.catch(() => {});
	await page.getByRole('button', { name: 'Sign in' }).click();
	const outcome = await Promise.race([left, refused]);
	if (outcome === 'refused' && new URL(page.url()).pathname === '/sign-in') {
		const message = await page
			.locator('.govuk-error-summary, [role="alert"]')
			.first()
			.innerText()
			.catch(() => '');
		throw new Error(`Signing in as ${email} failed; the page says: ${message.trim().replace(/\s+/g, ' ')}`);
	}
}
