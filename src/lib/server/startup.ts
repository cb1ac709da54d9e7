/**
 * What happens once when the server starts: settings, the database (with its lock and migrations),
 * and on an empty embedded database outside production, the demo school.
 */
import { config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { countOrganisations } from './schools/service.ts';
import { createDemo, type DemoSummary } from './demo/index.ts';

export async function startWaymark(log: (line: string) => void = console.log): Promise<void> {
	const settings = config();
	const handle = await openDatabase({
		databaseUrl: settings.databaseUrl,
		dataDir: settings.dataDir,
		command: `waymark serve (port ${settings.port})`
	});
	log(`Waymark: database ready (${handle.driver === 'pglite' ? `embedded, in ${handle.location}` : handle.location}).`);
	await (await import('./occupations/library.ts')).ensureOccupationsLibrary(handle.db); // shared occupations (idempotent)
	if (settings.demoOnEmpty && handle.driver === 'pglite' && (await countOrganisations()) === 0) {
		log('Waymark: empty database — creating the demo trust and schools…');
		printDemoSignIns(await createDemo(handle.db), settings.baseUrl, log);
	}
	// Scheduled jobs (postcard reminders): once now — what fell due while stopped goes out — then every minute;
	// after them, every school's coverage figures are judged ahead (now: all of them; then: where data changed;
	// a change made in the app asks for it at once: hooks.server.ts).
	const { judgeFiguresAheadSoon } = await import('./compliance/service.ts');
	(await import('./jobs/scheduler.ts')).startScheduler({
		handlers: (await import('./jobs/handlers.ts')).JOB_HANDLERS,
		log,
		eachTick: async () => {
			try {
				await judgeFiguresAheadSoon();
			} catch (error) {
				throw new Error(`could not judge the coverage figures ahead: ${(error as Error).message}`, { cause: error });
			}
		}
	});
}

export function printDemoSignIns(summary: DemoSummary, baseUrl: string, log: (line: string) => void): void {
	log('');
	log(
		`Demo ready: ${summary.schools.map((s) => `${s.name} (URN ${s.urn}, ${s.pupils} pupils)`).join(' and ')} in ${summary.trust.name}.`
	);
	log(`Open ${baseUrl}/sign-in and sign in as any of these (password for all: ${summary.password}):`);
	const width = Math.max(...summary.signIns.map((s) => s.role.length));
	for (const s of summary.signIns) log(`  ${s.role.padEnd(width)}  ${s.email}  (${s.school})`);
	log('');
}
