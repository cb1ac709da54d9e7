/**
 * System packages the tests and the benchmark need from Debian (Chromium, a PostgreSQL server), and
 * the one place that installs them when they are missing. No browser download works here: Chromium
 * comes from Debian, never from playwright's own installer.
 *
 * Used from plain Node scripts (native type stripping) and from Vitest alike: relative imports end
 * in `.ts`, no enums, no parameter properties.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export class MissingSystemPackageError extends Error {}

function onPath(command: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, command);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			/* not here */
		}
	}
	return undefined;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs Debian packages with apt-get: `apt-get update` first (a fresh machine has no package lists),
 * as root directly or through non-interactive sudo; otherwise fails saying what to install.
 * Waits up to ten minutes for another apt/dpkg run to let go of its lock rather than failing.
 */
export function aptInstall(packages: string[], why: string): void {
	const manual = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
	const aptGet = onPath('apt-get');
	if (!aptGet) {
		throw new MissingSystemPackageError(
			`${packages.join(', ')} is needed for ${why} but is not installed, and this machine has no apt-get. ` +
				`Install ${packages.join(', ')} with your system's package manager and run again.`
		);
	}
	let prefix: string[] = [];
	if (!isRoot()) {
		const sudo = onPath('sudo');
		if (!sudo) {
			throw new MissingSystemPackageError(
				`${packages.join(', ')} is needed for ${why} but is not installed, and this user cannot install it ` +
					`(not root, no sudo). Ask an administrator to run: ${manual}`
			);
		}
		prefix = [sudo, '-n', '--preserve-env=DEBIAN_FRONTEND'];
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	const run = (args: string[]) => {
		const argv = [...prefix, aptGet, ...args];
		console.log(`$ ${argv.join(' ')}`);
		const result = spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
		if (result.error) throw result.error;
		if (result.status !== 0) {
			throw new MissingSystemPackageError(
				`${packages.join(', ')} is needed for ${why}, but "${argv.join(' ')}" failed (exit ${result.status}). ` +
					`Install it by hand: ${manual}`
			);
		}
	};
	console.log(`${packages.join(', ')} is needed for ${why}: installing it from Debian packages.`);
	run([...lockWait, 'update']);
	run([...lockWait, 'install', '-y', ...packages]);
}

/** Makes sure Debian's Chromium is at /usr/bin/chromium, installing it if needed; returns its path. */
export function ensureChromium(): string {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		aptInstall(['chromium'], 'the browser tests');
		if (!fs.existsSync(CHROMIUM_PATH)) {
			throw new MissingSystemPackageError(
				`apt-get installed chromium but ${CHROMIUM_PATH} is still missing; install Debian's "chromium" package.`
			);
		}
	}
	return CHROMIUM_PATH;
}
