/**
 * Browser tests' global setup: starts the built app once on an empty data folder, so it creates the demo
 * school exactly as a first start does, stops it, and hands the folder to every test file. Each file then
 * starts its own server on its own copy (startDemoServer in demo-server.ts) — about 3 s instead of 10 s
 * of building the demo again, two dozen times a run. The smoke and journeys tests still start on an
 * empty folder, so a real first start stays tested.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		demoTemplateDir: string;
	}
}

export default async function makeDemoTemplate(project: TestProject): Promise<() => void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-demo-template-'));
	const server = await startServer({ dataDir: dir });
	await server.stop();
	project.provide('demoTemplateDir', dir);
	return () => fs.rmSync(dir, { recursive: true, force: true });
}
