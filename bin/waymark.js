#!/usr/bin/env node
/**
 * The `waymark` command as a package bin. Plain JavaScript so that it runs on whatever Node the shell
 * finds (often the system's Node 20): on Node 24 or later it runs the command in this process,
 * otherwise it re-runs itself on the project's own Node 24 (node_modules/.bin/node, installed by
 * `npm install`) with the same arguments and passes the exit code back.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fs.realpathSync(fileURLToPath(import.meta.url))), '..');
const cli = path.join(root, 'src', 'cli', 'waymark.ts');
const args = process.argv.slice(2);
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
	const { main } = await import(pathToFileURL(cli).href);
	process.exitCode = await main(args);
} else {
	const node = path.join(root, 'node_modules', '.bin', 'node');
	if (!fs.existsSync(node)) {
		process.stderr.write(
			`Waymark needs Node.js 24, which \`npm install\` puts in ${node}; it is not there yet.\n` +
				`Run \`npm install\` in ${root} first (this is Node ${process.versions.node}).\n`
		);
		process.exit(1);
	}
	const child = spawn(node, [cli, ...args], { stdio: 'inherit' });
	const forward = (signal) => {
		if (child.exitCode === null) child.kill(signal);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
	child.on('error', (error) => {
		process.stderr.write(`Could not start ${node}: ${error.message}\n`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		if (signal) {
			for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, forward);
			process.kill(process.pid, signal);
		} else {
			process.exit(code ?? 1);
		}
	});
}
