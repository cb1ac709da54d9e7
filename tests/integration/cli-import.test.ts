/**
 * `waymark import`, run as a real process on the project's Node 24 against a fresh embedded database
 * folder with a school added by the command itself: every problem listed with nothing written, then the
 * fixed file imported, re-imported unchanged, checked with --dry-run and read back with --json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/lib/server/db/client.ts';
import { makeUpn } from '../../src/lib/domain/upn.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'src', 'cli', 'waymark.ts');
const SLOW = 180_000;
const URN = '137401';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-import-'));
const dataDir = path.join(tmp, 'data');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

function waymark(...args: string[]): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'development' };
	for (const name of ['DATABASE_URL', 'WAYMARK_DEBUG', 'SMTP_URL', 'PORT']) delete env[name];
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

async function counts(): Promise<{ pupils: number; audit: number; names: string[] }> {
	const handle = await connect({ dataDir, command: 'test', migrate: false });
	try {
		const one = async (q: string) =>
			Number(((await handle.db.execute(sql.raw(q))) as unknown as { rows: { n: number }[] }).rows[0]?.n);
		const names = (
			(await handle.db.execute(sql.raw('select legal_surname as s from pupils order by legal_surname'))) as unknown as {
				rows: { s: string }[];
			}
		).rows.map((r) => r.s);
		return {
			pupils: await one('select count(*)::int as n from pupils'),
			audit: await one('select count(*)::int as n from audit_events'),
			names
		};
	} finally {
		await handle.close();
	}
}

const AMY = makeUpn({ la: 801, establishment: 2000, yearOfIssue: 25, serial: '123' });
const BEN = makeUpn({ la: 801, establishment: 2000, yearOfIssue: 25, serial: '124' });
/** Amy's UPN with the wrong check letter. */
const AMY_WRONG = (AMY.startsWith('A') ? 'B' : 'A') + AMY.slice(1);

/** An MIS-style export: byte-order mark, semicolons, CRLF, "Surname" for Legal Surname, an extra column. */
function rosterCsv(rows: string[][]): string {
	const lines = [['UPN', 'Surname', 'Forename', 'Date of Birth', 'NC Year', 'Admission Number'], ...rows];
	return '\uFEFF' + lines.map((r) => r.join(';')).join('\r\n') + '\r\n';
}

function write(name: string, text: string): string {
	const file = path.join(tmp, name);
	fs.writeFileSync(file, text);
	return file;
}

const good = [
	[AMY, 'Smith', 'Amy', '01/02/2012', '9', '001'],
	[BEN, 'Jones', 'Ben', '2012-03-04', '9', '002']
];

beforeAll(async () => {
	const added = await waymark('school', 'add', '--urn', URN, '--name', 'Northfield Academy');
	expect(added.stderr).toBe('');
	expect(added.code).toBe(0);
}, SLOW);

describe('waymark import pupils', () => {
	it('lists every problem with its row, column and value, exits 1 and writes nothing', { timeout: SLOW }, async () => {
		const before = await counts();
		const file = write(
			'bad.csv',
			rosterCsv([
				[AMY_WRONG, 'Smith', 'Amy', '01/02/2012', '9', '001'],
				[BEN, 'Jones', 'Ben', '31/02/2012', '9', '002']
			])
		);
		const r = await waymark('import', 'pupils', file, '--school', URN, '--ignore-column', 'admission number');
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(
			`Row 2, UPN: value “${AMY_WRONG}”: The check letter of ${AMY_WRONG} should be ${AMY[0]}, not ${AMY_WRONG[0]}`
		);
		expect(r.stderr).toMatch(/^Row 3, Date of Birth: value “31\/02\/2012”: .+/m);
		expect(r.stderr).toContain('2 problems in');
		expect(r.stderr).toContain('nothing was imported');
		expect(r.stderr).not.toMatch(/^\s+at /m);
		expect(await counts()).toEqual(before);

		// A column the import does not know is an error unless the person says to leave it out.
		const unknown = await waymark('import', 'pupils', file, '--school', URN);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/^Row 1, Admission Number: value “Admission Number”: .*not a column we know/m);
		expect(await counts()).toEqual(before);
	});

	it('--dry-run reports what would change and writes nothing', { timeout: SLOW }, async () => {
		const before = await counts();
		const file = write('roster.csv', rosterCsv(good));
		const r = await waymark(
			'import',
			'pupils',
			file,
			'--school',
			URN,
			'--ignore-column',
			'Admission Number',
			'--dry-run'
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('Nothing was written (--dry-run)');
		expect(r.stdout).toContain('2 added, 0 updated, 0 unchanged, 0 left');
		expect(await counts()).toEqual(before);
	});

	it('imports the fixed file, then finds the same file unchanged', { timeout: SLOW }, async () => {
		const file = write('roster.csv', rosterCsv(good));
		const first = await waymark('import', 'pupils', file, '--school', URN, '--ignore-column', 'Admission Number');
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('Imported pupils from');
		expect(first.stdout).toContain('2 added, 0 updated, 0 unchanged, 0 left, 0 new partners');
		const after = await counts();
		expect(after.pupils).toBe(2);
		expect(after.names).toEqual(['Jones', 'Smith']);

		const again = await waymark('import', 'pupils', file, '--school', URN, '--ignore-column', 'Admission Number');
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('0 added, 0 updated, 2 unchanged, 0 left');
		expect((await counts()).pupils).toBe(2);
	});

	it('--json prints a machine-readable result for success and for problems', { timeout: SLOW }, async () => {
		const file = write('roster.csv', rosterCsv(good));
		const ok = await waymark(
			'import',
			...['pupils', file, '--school', URN, '--ignore-column', 'Admission Number', '--json', '--academic-year'],
			'2026/27'
		);
		expect(ok.code).toBe(0);
		const result = JSON.parse(ok.stdout) as { ok: boolean; summary: Record<string, unknown> };
		expect(result.ok).toBe(true);
		expect(result.summary).toMatchObject({ kind: 'pupils', dryRun: false, rows: 2 });

		const bad = write('bad.csv', rosterCsv([[AMY_WRONG, 'Smith', 'Amy', '01/02/2012', '9', '001']]));
		const failed = await waymark(
			'import',
			'pupils',
			bad,
			'--school',
			URN,
			'--ignore-column',
			'Admission Number',
			'--json'
		);
		expect(failed.code).toBe(1);
		const errors = JSON.parse(failed.stdout) as { ok: boolean; errors: Record<string, unknown>[] };
		expect(errors.ok).toBe(false);
		expect(errors.errors).toEqual([expect.objectContaining({ row: 2, column: 'UPN', value: AMY_WRONG })]);
	});

	it('refuses wrong usage with exit 2 and an unknown school with exit 1', { timeout: SLOW }, async () => {
		const file = write('roster.csv', rosterCsv(good));
		const kind = await waymark('import', 'rabbits', file, '--school', URN);
		expect(kind.code).toBe(2);
		expect(kind.stderr).toContain('Unknown import: rabbits');
		const year = await waymark('import', 'pupils', file, '--school', URN, '--academic-year', '2025/27');
		expect(year.code).toBe(2);
		expect(year.stderr).toContain('--academic-year must be a year such as 2025/26');
		const school = await waymark('import', 'pupils', file, '--school', '999999', '--ignore-column', 'Admission Number');
		expect(school.code).toBe(1);
		expect(school.stderr).toContain('There is no school with URN 999999');
		const column = await waymark('import', 'pupils', file, '--school', URN, '--ignore-column', 'Shoe Size');
		expect(column.code).toBe(1);
		expect(column.stderr).toContain('the file has no column with that heading');
	});
});
