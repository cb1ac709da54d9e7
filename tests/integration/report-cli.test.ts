/**
 * `waymark report compliance|pupil`, run as a real process on the project's Node 24 against the demo
 * (created here, as of a fixed date): the JSON is issue 5 §5's shape with the numbers the services give
 * (complianceFigures, pupilCompliance), the tables are readable, and bad input fails on stderr with a
 * message naming the option. On the embedded database in a temporary folder, or — when DATABASE_URL is
 * set — on a fresh PostgreSQL database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testDriver, type TestDatabaseHandle } from '../support/database.ts';
import { connect, useDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { systemActor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor } from '../../src/lib/server/schools/service.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import {
	complianceFigures,
	compliancePupils,
	complianceReport,
	pupilCompliance,
	pupilComplianceReport,
	resolveScope,
	type ComplianceFigures,
	type PupilComplianceReport
} from '../../src/lib/server/compliance/service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'src', 'cli', 'waymark.ts');
const SLOW = 180_000;
const TODAY = '2026-03-16';
const URN = '999001';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-report-'));
const dataDir = path.join(tmp, 'data');
let postgres: TestDatabaseHandle | undefined;
let figures: ComplianceFigures;
let expectedPupil: PupilComplianceReport;
let pupilName: string;
let upn: string;
let yearGroup: number;

type Run = { code: number | null; stdout: string; stderr: string };

function waymark(...args: string[]): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
	for (const name of ['DATABASE_URL', 'WAYMARK_DEBUG', 'SMTP_URL', 'PORT', 'WAYMARK_DATA_DIR']) delete env[name];
	if (postgres) env.DATABASE_URL = postgres.databaseUrl;
	else env.WAYMARK_DATA_DIR = dataDir;
	return new Promise((resolve, reject) => {
		const child = spawn(NODE, [CLI, ...args], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

beforeAll(async () => {
	// The demo, and what the services say about it; the embedded database is closed again before the
	// command opens it (one process at a time).
	postgres = testDriver() === 'postgres' ? await freshDatabase() : undefined;
	const handle: DatabaseHandle = postgres ?? (await connect({ dataDir, command: 'test' }));
	try {
		useDatabase(handle);
		await createDemo(handle.db, { today: TODAY });
		const actor = systemActor();
		const school = await schoolForActor(actor, URN, 'pupils.view');
		const scope = await resolveScope(school, { year: '2025/26', asOf: TODAY });
		figures = await complianceFigures(actor, school, scope);
		expect(figures.pupilCount).toBeGreaterThan(1000);
		const data = await compliancePupils(actor, school, scope, 'test');
		// A pupil with something that did not count, so the reasons have a "why" to show.
		const pupil = data.pupils.find((p) => p.results.some((r) => r.notCounted.length > 0))!;
		expect(pupil).toBeDefined();
		upn = pupil.upn;
		yearGroup = pupil.yearGroup;
		pupilName = pupil.name;
		expectedPupil = pupilComplianceReport(school, await pupilCompliance(actor, school, pupil.id, scope));
	} finally {
		if (!postgres) await handle.close();
	}
}, SLOW);

afterAll(async () => {
	await postgres?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`waymark report (${testDriver()})`, () => {
	it(
		'report compliance --json prints issue 5’s shape with the figures of complianceFigures',
		{ timeout: SLOW },
		async () => {
			const r = await waymark('report', 'compliance', '--school', URN, '--year', '2025/26', '--as-of', TODAY, '--json');
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
			const body = JSON.parse(r.stdout);
			expect(Object.keys(body)).toEqual(['school', 'academicYear', 'framework', 'asOf', 'rules']);
			expect(body).toMatchObject({ school: URN, academicYear: '2025/26', framework: 'gatsby-2024', asOf: TODAY });
			for (const rule of body.rules)
				expect(Object.keys(rule)).toEqual(['id', 'yearGroup', 'eligible', 'met', 'onTrack', 'atRisk', 'missed']);
			expect(body.rules).toHaveLength(figures.rules.length * figures.yearGroups.length);
			expect(body).toEqual(complianceReport({ urn: URN } as never, figures));
			// The numbers themselves, cell by cell.
			for (const cell of figures.cells) {
				const row = body.rules.find(
					(x: { id: string; yearGroup: number }) => x.id === cell.ruleId && x.yearGroup === cell.yearGroup
				);
				expect(row).toEqual({
					id: cell.ruleId,
					yearGroup: cell.yearGroup,
					eligible: cell.counts.eligible,
					met: cell.counts.met,
					onTrack: cell.counts.onTrack,
					atRisk: cell.counts.atRisk,
					missed: cell.counts.missed
				});
			}
			expect(body.rules.some((x: { met: number }) => x.met > 0)).toBe(true);
		}
	);

	it('report compliance without --json prints a table a person can read', { timeout: SLOW }, async () => {
		const r = await waymark('report', 'compliance', '--school', URN, '--as-of', TODAY);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('Riverside Academy (URN 999001): who has had what, 2025/26 as of 16 March 2026');
		expect(r.stdout).toContain(`${figures.pupilCount.toLocaleString('en-GB')} pupils on roll in Years 7–13.`);
		const total = figures.totals.find((t) => t.ruleId === 'pal-phase-1')!.counts;
		const line = r.stdout.split('\n').find((l) => l.startsWith('pal-phase-1 '))!;
		expect(line).toBeDefined();
		expect(line.trim().split(/\s+/).slice(-3)).toEqual(
			[total.onTrack, total.atRisk, total.missed].map((n) => n.toLocaleString('en-GB'))
		);
		expect(r.stdout).toContain('Provider access: two encounters in Year 8 or Year 9 (by 28 February)');
	});

	it('report pupil --json prints the pupil’s statuses with what counted and why', { timeout: SLOW }, async () => {
		const r = await waymark('report', 'pupil', '--school', URN, '--upn', upn.toLowerCase(), '--as-of', TODAY, '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const body = JSON.parse(r.stdout);
		expect(body).toEqual(expectedPupil);
		expect(body.upn).toBe(upn);
		const withWhy = body.rules.find((x: { notCounted: unknown[] }) => x.notCounted.length > 0);
		expect(withWhy.notCounted[0].why).toEqual(expect.any(String));

		const text = await waymark('report', 'pupil', '--school', URN, '--upn', upn, '--as-of', TODAY);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(`${pupilName} (UPN ${upn}), Year ${yearGroup}, Riverside Academy (URN 999001)`);
		for (const rule of expectedPupil.rules) expect(text.stdout).toContain(rule.reason);
		expect(text.stdout).toContain(`did not count: ${withWhy.notCounted[0].date}`);
	});

	it(
		'fails on stderr, naming the option, for a bad or out-of-year --as-of, a bad --year, an unknown school or UPN',
		{ timeout: SLOW },
		async () => {
			const cases: [string[], RegExp][] = [
				[['compliance', '--school', URN, '--as-of', '2026-13-01'], /^--as-of: .*“2026-13-01”/],
				[['compliance', '--school', URN, '--as-of', 'yesterday'], /^--as-of: .*YYYY-MM-DD.*“yesterday”/],
				[
					['compliance', '--school', URN, '--year', '2025/26', '--as-of', '2026-09-01'],
					/^--as-of: The date must fall in 2025\/26 \(1 September 2025 to 31 August 2026\)/
				],
				[['compliance', '--school', URN, '--year', '25-26'], /^--year: .*2025\/26.*“25-26”/],
				[['compliance', '--school', '123456'], /^There is no school with URN 123456\./],
				[['pupil', '--school', URN, '--upn', 'Z999999999999'], /^--upn: No pupil with UPN Z999999999999 at this school/]
			];
			for (const [args, message] of cases) {
				const r = await waymark('report', ...args);
				expect(r.code, args.join(' ')).toBe(1);
				expect(r.stdout, args.join(' ')).toBe('');
				expect(r.stderr, args.join(' ')).toMatch(message);
				expect(r.stderr).not.toMatch(/^\s+at /m);
			}
			const usage = await waymark('report', 'pupil', '--school', URN);
			expect(usage.code).toBe(2);
			expect(usage.stderr).toContain('--upn is required.');
			const help = await waymark('help', 'report');
			expect(help.code).toBe(0);
			expect(help.stdout).toContain('waymark report compliance --school URN');
			const all = await waymark('help');
			expect(all.stdout).toContain('report compliance --school URN');
		}
	);
});
