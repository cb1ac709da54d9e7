/**
 * The built app on a copy of the demo data folder made once per browser-test run (demo-template.ts).
 * For Vitest browser tests only: it reads what the global setup provided.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { startServer, type RunningServer } from './server.ts';

export async function startDemoServer(): Promise<RunningServer> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-data-'));
	fs.cpSync(inject('demoTemplateDir'), dataDir, { recursive: true });
	const server = await startServer({ dataDir });
	return {
		...server,
		async stop() {
			await server.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
