/**
 * The `waymark` command, run as a real process on the project's Node 24 against a temporary embedded
 * database folder (the lock, exit codes and messages are what an administrator sees). DATABASE_URL is
 * not passed on: these tests are about the command line, and backup.test.ts covers both drivers.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/lib/server/db/client.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'src', 'cli', 'waymark.ts');
const BIN = path.join(ROOT, 'bin', 'waymark.js');
const SLOW = 180_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
	for (const name of ['DATABASE_URL', 'WAYMARK_DEBUG', 'SMTP_URL', 'PORT']) if (!(name in extra)) delete env[name];
	env.NODE_ENV = extra.NODE_ENV ?? 'development';
	return env;
}

function run(command: string, args: string[], env: Record<string, string>, cwd = tmp): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** `waymark …` on the embedded database in `dataDir`. */
function waymark(dataDir: string, ...args: string[]): Promise<Run> {
	return run(NODE, [CLI, ...args], { WAYMARK_DATA_DIR: dataDir });
}

async function counts(dataDir: string): Promise<Record<string, number>> {
	const handle = await connect({ dataDir, command: 'test', migrate: false });
	try {
		const result: Record<string, number> = {};
		for (const table of ['organisations', 'group_schools', 'users', 'memberships', 'audit_events', 'pupils']) {
			const counted = (await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
				rows: { n: number }[];
			};
			result[table] = Number(counted.rows[0]?.n);
		}
		return result;
	} finally {
		await handle.close();
	}
}

async function passwordHashOf(dataDir: string, email: string): Promise<string | null> {
	const handle = await connect({ dataDir, command: 'test', migrate: false });
	try {
		const found = (await handle.db.execute(sql`select password_hash from users where email = ${email}`)) as unknown as {
			rows: { password_hash: string | null }[];
		};
		return found.rows[0]?.password_hash ?? null;
	} finally {
		await handle.close();
	}
}

function noStack(r: Run): void {
	expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('help and usage', () => {
	it('prints the commands for no command and for help, and exits 0', async () => {
		for (const args of [[], ['help']]) {
			const r = await run(NODE, [CLI, ...args], {});
			expect(r.code).toBe(0);
			expect(r.stdout).toContain('Usage: waymark <command>');
			for (const command of ['migrate', 'demo', 'school add', 'user add', 'backup', 'restore', 'serve']) {
				expect(r.stdout).toContain(command);
			}
		}
		const backupHelp = await run(NODE, [CLI, 'help', 'backup'], {});
		expect(backupHelp.stdout).toContain('Usage: waymark backup [--file PATH]');
	});

	it('exits 2 with the list of commands for an unknown command or option', async () => {
		const unknown = await run(NODE, [CLI, 'frobnicate'], {});
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('Unknown command: frobnicate');
		expect(unknown.stderr).toContain('Commands:');
		const badOption = await run(NODE, [CLI, 'backup', '--colour', 'blue'], {});
		expect(badOption.code).toBe(2);
		expect(badOption.stderr).toMatch(/Unknown option '--colour'/);
		expect(badOption.stderr).toContain('Usage: waymark backup');
		const missing = await run(NODE, [CLI, 'school', 'add', '--urn', '137401'], {});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('--name is required');
	});

	it('refuses to create the demo in production, without touching a database', async () => {
		const dataDir = path.join(tmp, 'production');
		const r = await run(NODE, [CLI, 'demo'], { WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'production' });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('The demo is never created in production');
		expect(fs.existsSync(dataDir)).toBe(false);
		noStack(r);
	});
});

describe('bin/waymark.js', () => {
	it('runs the command on Node 24 and passes the exit code back', async () => {
		const ok = await run(NODE, [BIN, 'help'], {});
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain('Usage: waymark <command>');
		const bad = await run(NODE, [BIN, 'nope'], {});
		expect(bad.code).toBe(2);
	});

	// The system's Node (often 20) re-runs the command on the project's Node 24, also through a symlink.
	const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
		if (!fs.existsSync(candidate)) return false;
		const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
		return Number(version.split('.')[0]) < 24;
	});
	it('works when started by an older Node through a symlink', { skip: !systemNode }, async () => {
		const link = path.join(tmp, 'waymark-link');
		fs.symlinkSync(BIN, link);
		const ok = await run(systemNode!, [link, 'help', 'restore'], {});
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain('Usage: waymark restore');
		const bad = await run(systemNode!, [link, 'school', 'add'], {});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--urn is required');
	});
});

describe('database commands on the embedded database', () => {
	const dataDir = path.join(tmp, 'data');

	it('migrate creates the tables, then finds nothing to do', { timeout: SLOW }, async () => {
		const first = await waymark(dataDir, 'migrate');
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^Applied \d+ migrations to the embedded database in .*; it is now at level \d+\.$/m);
		const second = await waymark(dataDir, 'migrate');
		expect(second.code).toBe(0);
		expect(second.stdout).toContain('Up to date');
		expect(fs.existsSync(path.join(dataDir, 'waymark.lock'))).toBe(false);
	});

	it('fails fast, naming the PID, when another process holds the database', async () => {
		const lock = path.join(dataDir, 'waymark.lock');
		fs.writeFileSync(
			lock,
			JSON.stringify({ pid: process.pid, command: 'waymark serve (port 3000)', startedAt: new Date().toISOString() })
		);
		try {
			const r = await waymark(dataDir, 'migrate');
			expect(r.code).toBe(1);
			expect(r.stderr).toContain(`already open in process ${process.pid} (waymark serve (port 3000))`);
			expect(r.stdout).toBe('');
			noStack(r);
		} finally {
			fs.rmSync(lock, { force: true });
		}
	});

	it(
		'school add adds a school; a duplicate URN fails with a urn message and writes nothing',
		{ timeout: SLOW },
		async () => {
			const added = await waymark(dataDir, 'school', 'add', '--urn', '137401', '--name', 'Northfield Academy');
			expect(added.stderr).toBe('');
			expect(added.code).toBe(0);
			expect(added.stdout).toContain('Added Northfield Academy (URN 137401');
			const before = await counts(dataDir);
			expect(before.organisations).toBe(1);

			const duplicate = await waymark(dataDir, 'school', 'add', '--urn', '137401', '--name', 'Another School');
			expect(duplicate.code).toBe(1);
			expect(duplicate.stderr).toMatch(/^urn: URN 137401 is already used by Northfield Academy$/m);
			noStack(duplicate);

			const invalid = await waymark(dataDir, 'school', 'add', '--urn', '12', '--name', 'X', '--phase', 'primary');
			expect(invalid.code).toBe(1);
			expect(invalid.stderr).toMatch(/^urn: URN must be the 6 or 7 digit/m);
			expect(invalid.stderr).toMatch(/^phase: Phase must be one of/m);
			expect(await counts(dataDir)).toEqual(before);
		}
	);

	it('user add rejects a malformed email and an unknown role, writing nothing', { timeout: SLOW }, async () => {
		const before = await counts(dataDir);
		const badEmail = await waymark(
			dataDir,
			'user',
			'add',
			'--email',
			'not-an-email',
			'--name',
			'Sam',
			'--school',
			'137401',
			'--role',
			'careers-leader'
		);
		expect(badEmail.code).toBe(1);
		expect(badEmail.stderr).toMatch(/^email: Enter an email address in the correct format/m);
		noStack(badEmail);
		const badRole = await waymark(
			dataDir,
			'user',
			'add',
			'--email',
			'sam@northfield.example',
			'--name',
			'Sam',
			'--school',
			'137401',
			'--role',
			'wizard'
		);
		expect(badRole.code).toBe(1);
		expect(badRole.stderr).toMatch(/^roles: Unknown role "wizard"/m);
		const noSchool = await waymark(
			dataDir,
			'user',
			'add',
			'--email',
			'sam@northfield.example',
			'--name',
			'Sam',
			'--school',
			'999999',
			'--role',
			'teacher'
		);
		expect(noSchool.code).toBe(1);
		expect(noSchool.stderr).toMatch(/^school: There is no school with URN 999999/m);
		expect(await counts(dataDir)).toEqual(before);
	});

	it('user add without --password prints a one-off password that signs in', { timeout: SLOW }, async () => {
		const r = await waymark(
			dataDir,
			...['user', 'add', '--email', 'Sam.Leader@Northfield.example', '--name', 'Sam Leader', '--school', '137401'],
			...['--role', 'careers-leader', '--role', 'teacher', '--tag', 'tutor']
		);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const password = /One-off password \(shown only now\): (\S+)/.exec(r.stdout)?.[1];
		expect(password).toBeDefined();
		expect(password!.length).toBeGreaterThanOrEqual(20);
		expect(r.stdout).toMatch(/change it/);
		const hash = await passwordHashOf(dataDir, 'sam.leader@northfield.example');
		expect(hash).not.toBeNull();
		expect(await verifyPassword(hash!, password!)).toBe(true);

		// Adding the same person to another school never replaces their password.
		await waymark(dataDir, 'school', 'add', '--urn', '137402', '--name', 'Southfield School');
		const again = await waymark(
			dataDir,
			'user',
			'add',
			'--email',
			'sam.leader@northfield.example',
			'--name',
			'Sam Leader',
			'--school',
			'137402',
			'--role',
			'senior-leader'
		);
		expect(again.code).toBe(0);
		expect(again.stdout).not.toContain('One-off password');
		expect(again.stdout).toContain('password is unchanged');
		expect(await passwordHashOf(dataDir, 'sam.leader@northfield.example')).toBe(hash);
	});

	it('backup, then restore into an empty folder, reproduces every count', { timeout: SLOW }, async () => {
		const source = await counts(dataDir);
		expect(source.memberships).toBe(2);

		const backedUp = await run(NODE, [CLI, 'backup'], { WAYMARK_DATA_DIR: dataDir });
		expect(backedUp.stderr).toBe('');
		expect(backedUp.code).toBe(0);
		const files = fs.readdirSync(path.join(tmp, 'backups'));
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^waymark-\d{8}-\d{6}\.ndjson\.gz$/);
		const file = path.join(tmp, 'backups', files[0]!);
		expect(backedUp.stdout).toContain(file);

		const refused = await waymark(dataDir, 'restore', '--file', file);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(
			/^The database already holds data \(2 organisations, .*\); restore needs an empty one/m
		);
		noStack(refused);
		expect(await counts(dataDir)).toEqual(source);

		const target = path.join(tmp, 'restored');
		const restored = await waymark(dataDir, 'restore', '--file', file, '--data-dir', target);
		expect(restored.stderr).toBe('');
		expect(restored.code).toBe(0);
		expect(restored.stdout).toContain(`into the embedded database in ${target}`);
		expect(await counts(target)).toEqual(source);
	});
});

describe('demo', () => {
	it('creates the demo and prints the sign-ins and password', { timeout: SLOW }, async () => {
		const r = await waymark(path.join(tmp, 'demo'), 'demo');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/Demo ready: .*URN/);
		expect(r.stdout).toMatch(/password for all: \S+/);
		expect(r.stdout).toMatch(/careers.*@/i);
	});
});
