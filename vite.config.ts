import { availableParallelism } from 'node:os';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * govuk-frontend's compiled CSS still carries two old-Internet-Explorer hacks that Vite 8's CSS
 * minifier rejects; they do nothing in any browser we support, so strip them.
 */
function stripOldIeHacks(): Plugin {
	return {
		name: 'waymark:strip-old-ie-css-hacks',
		// No `enforce`: run between vite:css (Sass compiled) and vite:css-post; a 'post' plugin only sees an empty stub.
		transform(code, id) {
			if (!/\.s?css(\?|$)/.test(id)) return null;
			const cleaned = code
				.replace(/\*zoom:\s*1;?/g, '')
				.replace(/_zoom:\s*1;?/g, '')
				// `(min-width: 0\0)` targets IE8 only; Sass hands the \0 over as U+FFFD. Drop the whole block.
				.replace(/@media[^{}]*\(min-width:\s*0(?:\\+0|\uFFFD)\)\s*\{[^{}]*\{[^{}]*\}\s*\}/g, '');
			return cleaned === code ? null : { code: cleaned, map: null };
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build' }),
			// Strict CSP: only our own scripts and styles; SvelteKit adds hashes for its inline bootstrap.
			csp: {
				mode: 'hash',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// 'self' plus one exact style attribute: SvelteKit's route announcer for screen readers.
					'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
					'base-uri': ['self'],
					'object-src': ['none']
				}
			}
		}),
		stripOldIeHacks()
	],
	css: {
		preprocessorOptions: {
			scss: {
				loadPaths: ['node_modules'],
				quietDeps: true,
				silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'if-function']
			}
		}
	},
	test: {
		// Vitest's default is one worker fewer than the cores: on a 2-core machine, one file at a time, while
		// the main process that the spare core is kept for hardly works. Two at least.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// One embedded database per file; files run in parallel on separate workers.
					pool: 'forks',
					// With DATABASE_URL, freshDatabase() may fall back to wiping that one database (tests/support/database.ts): one file at a time.
					fileParallelism: !process.env.DATABASE_URL
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					// Builds the demo data folder once; each file starts its server on a copy (startDemoServer).
					globalSetup: ['tests/support/demo-template.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 180_000,
					// Two files at once: one file keeps about three-quarters of one core busy (its server, Chromium
					// and the test wait on each other), so two use a 2-core machine and take a quarter less time.
					// Each file starts its own server on its own data folder, so they share nothing.
					maxWorkers: 2
				}
			}
		]
	}
});
