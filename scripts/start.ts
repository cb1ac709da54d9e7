/**
 * `npm start`: build the app when the build is missing or older than the source, then serve it.
 * Everything else (settings, database, demo school) happens in the server's own start-up hook, so
 * `node build/index.js` behaves the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'build', 'index.js');

function newestChange(entry: string): number {
	const stat = fs.statSync(entry, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, child)));
	return newest;
}

function buildIsStale(): boolean {
	const stat = fs.statSync(built, { throwIfNoEntry: false });
	if (!stat) return true;
	const sources = ['src', 'static', 'drizzle', 'package.json', 'vite.config.ts'].map((p) =>
		newestChange(path.join(root, p))
	);
	return Math.max(...sources) > stat.mtimeMs;
}

if (!process.argv.includes('--no-build') && buildIsStale()) {
	console.log('Waymark: building the app (first start, or the source has changed)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
await import('./serve.ts');
