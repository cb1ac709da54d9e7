/**
 * The `waymark` command: the same services the web app uses, no second implementation.
 *
 *   npm run waymark -- <command>      (from the project folder)
 *   waymark <command>                 (the package bin, bin/waymark.js)
 *
 * Exit codes: 0 done, 1 bad input or a failure (a message, no stack trace unless WAYMARK_DEBUG=1),
 * 2 wrong usage (the help is printed).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
// Only light modules here, so that `waymark help` answers at once: the database driver, the ORM and the
// services load when a command needs them.
import { ConfigError, config, loadConfig, setConfig } from '../lib/server/config.ts';
import type { DatabaseHandle } from '../lib/server/db/client.ts';
import type { TableCount } from '../lib/server/db/backup.ts';
import { DataFolderInUseError } from '../lib/server/db/lock.ts';
import { systemActor } from '../lib/server/access/actor.ts';
import { ValidationError, type FieldError } from '../lib/server/errors.ts';
import { SCHOOL_PHASES, SCHOOL_ROLES, TEACHER_TAGS } from '../lib/domain/roles.ts';
import { REPORT_USAGE, report as reportCommand } from './report.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Output = { out: (line: string) => void; err: (line: string) => void };
const consoleOutput: Output = {
	out: (line) => process.stdout.write(line + '\n'),
	err: (line) => process.stderr.write(line + '\n')
};

/** Wrong usage: exit 2 and show how the command is used. */
class UsageError extends Error {
	readonly usage: string;
	constructor(message: string, usage: string = HELP) {
		super(message);
		this.usage = usage;
	}
}

/** A failure the operator can act on: exit 1 with the message only. */
class CommandError extends Error {}

const DATA_DIR_HELP = '  --data-dir DIR    the embedded database folder (default: WAYMARK_DATA_DIR, or ./data)';

const USAGE = {
	migrate: `Usage: waymark migrate [--data-dir DIR]

Creates or upgrades the database tables. The server does this itself when it starts, so you need
this only to prepare a database in advance (for example a new PostgreSQL database).

${DATA_DIR_HELP}`,
	demo: `Usage: waymark demo [--seed TEXT] [--data-dir DIR]

Creates the demo trust and schools, or refreshes them if they are there already, and prints the
demo sign-ins. Never in production.

  --seed TEXT       generate a different (but still repeatable) demo
${DATA_DIR_HELP}`,
	school: `Usage: waymark school add --urn URN --name NAME [--phase PHASE] [--group TRUST]
                          [--lowest-year 7] [--highest-year 13] [--data-dir DIR]

  --urn URN         the school's 6 or 7 digit Unique Reference Number (Get Information About Schools)
  --name NAME       the school's name
  --phase PHASE     ${SCHOOL_PHASES.join(', ')} (default secondary)
  --group TRUST     the name of an existing trust or Careers Hub to put the school in
${DATA_DIR_HELP}`,
	user: `Usage: waymark user add --email EMAIL --name NAME --school URN --role ROLE [--role ROLE…]
                        [--tag TAG…] [--adviser-level N] [--job-title TEXT] [--password P] [--data-dir DIR]

  --role ROLE       ${SCHOOL_ROLES.join(', ')}
  --tag TAG         teacher tags: ${TEACHER_TAGS.join(', ')}
  --adviser-level N a careers adviser's qualification level, 1–8
  --password P      without it, a new account gets a one-off random password, printed once
${DATA_DIR_HELP}`,
	backup: `Usage: waymark backup [--file PATH] [--data-dir DIR]

Writes the whole database to one compressed file, from a consistent snapshot. The server may keep
running when the database is PostgreSQL; stop it first when it is the embedded database.

  --file PATH       default ./backups/waymark-YYYYMMDD-HHMMSS.ndjson.gz
${DATA_DIR_HELP}`,
	restore: `Usage: waymark restore --file PATH [--data-dir DIR]

Restores a backup into an EMPTY database at the same version (a new data folder, or a new empty
PostgreSQL database in DATABASE_URL). Backups from the embedded database and from PostgreSQL are
interchangeable.

  --file PATH       the backup to restore
${DATA_DIR_HELP}`,
	import: `Usage: waymark import KIND FILE --school URN [--academic-year YYYY/YY] [--dry-run] [--json]
                     [--ignore-column NAME…] [--data-dir DIR]

Imports a CSV file into a school, all or nothing: every row is checked first, and if any row has a
problem nothing is written and every problem is listed with its row, column, value and what was
expected (exit 1). Otherwise prints what was added, updated, left unchanged and marked as left (exit 0).

  KIND                  pupils, groups, activities, attendance, guidance or destinations
  FILE                  the CSV file (UTF-8, or Excel's older Windows encoding; comma, semicolon or tab)
  --school URN          the school to import into
  --academic-year Y     the academic year the file describes, e.g. 2025/26 (default: this one)
  --dry-run             check everything and report what would change, writing nothing
  --json                print the result as JSON: {"ok":true,"summary":{…}} or {"ok":false,"errors":[…]}
  --ignore-column NAME  leave out the file's column NAME (repeat for more); any other column the import
                        does not know is an error, so nothing in the file is dropped without you saying so
${DATA_DIR_HELP}`,
	serve: `Usage: waymark serve [--data-dir DIR]

Runs the built web server (scripts/serve.ts on build/). Build it first with \`npm run build\`, or use \`npm start\`,
which builds and serves.

${DATA_DIR_HELP}`,
	report: REPORT_USAGE
} as const;

const HELP = `Waymark — careers leadership for schools

Usage: waymark <command> [options]

Commands:
  migrate                      create or upgrade the database tables
  demo                         create or refresh the demo trust and schools (never in production)
  school add --urn … --name …  add a school
  user add --email … --name … --school URN --role …
                               add a person to a school with one or more roles
  backup [--file PATH]         back up the whole database to one file
  restore --file PATH          restore a backup into an empty database
  import KIND FILE --school URN
                               import pupils, groups, activities, attendance, guidance or
                               destinations from a CSV file, all or nothing
  report compliance --school URN [--year 2025/26] [--as-of DATE] [--json]
                               each benchmark and duty by year group: met, on track,
                               at risk, missed
  report pupil --school URN --upn UPN [--as-of DATE] [--json]
                               one pupil's statuses, with what counted and why
  serve                        run the built web server
  help [COMMAND]               show this help, or a command's

The database is the PostgreSQL server in DATABASE_URL when set, otherwise the embedded database in
WAYMARK_DATA_DIR (default ./data; every command also takes --data-dir DIR). Only one process can use
the embedded database at a time. Set WAYMARK_DEBUG=1 to see stack traces.`;

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(
	args: string[],
	options: ParseArgsOptionsConfig,
	usage: string,
	positionals = 0
): { values: Values; positionals: string[] } {
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({
			args,
			options: { ...options, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
			strict: true,
			allowPositionals: positionals > 0
		});
	} catch (error) {
		throw new UsageError((error as Error).message, usage);
	}
	if (parsed.positionals.length > positionals) {
		throw new UsageError(`Unexpected argument: ${parsed.positionals[positionals]}`, usage);
	}
	return { values: parsed.values as Values, positionals: parsed.positionals };
}

function text(values: Values, name: string): string | undefined {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}

function list(values: Values, name: string): string[] {
	const value = values[name];
	return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

function required(values: Values, name: string, usage: string): string {
	const value = text(values, name);
	if (value === undefined) throw new UsageError(`--${name} is required.`, usage);
	return value;
}

/** Settings from the environment, with --data-dir taking the place of WAYMARK_DATA_DIR. */
function applySettings(values: Values): void {
	const dataDir = text(values, 'data-dir');
	if (dataDir !== undefined && process.env.DATABASE_URL) {
		throw new UsageError('--data-dir is for the embedded database, but DATABASE_URL is set: unset one of them.');
	}
	setConfig(loadConfig(dataDir === undefined ? process.env : { ...process.env, WAYMARK_DATA_DIR: dataDir }));
}

function where(handle: DatabaseHandle): string {
	return handle.driver === 'pglite' ? `the embedded database in ${handle.location}` : handle.location;
}

async function withDatabase<T>(
	command: string,
	fn: (handle: DatabaseHandle) => Promise<T>,
	options: { migrate?: boolean } = {}
): Promise<T> {
	const settings = config();
	const { closeDatabase, openDatabase } = await import('../lib/server/db/client.ts');
	let handle: DatabaseHandle;
	try {
		handle = await openDatabase({
			databaseUrl: settings.databaseUrl,
			dataDir: settings.dataDir,
			command: `waymark ${command}`,
			migrate: options.migrate
		});
	} catch (error) {
		if (error instanceof DataFolderInUseError) throw error;
		const place = settings.databaseUrl
			? 'the PostgreSQL server in DATABASE_URL'
			: `the embedded database in ${settings.dataDir}`;
		throw new CommandError(`Could not open ${place}: ${(error as Error).message}`, { cause: error });
	}
	try {
		return await fn(handle);
	} finally {
		await closeDatabase();
	}
}

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

// ---- commands ----------------------------------------------------------------------------------------

async function appliedCount(handle: DatabaseHandle): Promise<number> {
	const { sql } = await import('drizzle-orm');
	try {
		const result = (await handle.db.execute(
			// A fresh database has no drizzle schema yet: that is level 0.
			sql.raw('select count(*)::int as n from drizzle.__drizzle_migrations')
		)) as unknown as { rows: { n: number }[] };
		return Number(result.rows[0]?.n ?? 0);
	} catch {
		return 0;
	}
}

async function migrate(args: string[], io: Output): Promise<number> {
	const { values } = parse(args, {}, USAGE.migrate);
	if (values.help) return help(io, USAGE.migrate);
	applySettings(values);
	return withDatabase(
		'migrate',
		async (handle) => {
			const before = await appliedCount(handle);
			const { migrationsFolder } = await import('../lib/server/db/client.ts');
			const folder = migrationsFolder();
			if (handle.driver === 'pglite') {
				const { migrate: run } = await import('drizzle-orm/pglite/migrator');
				await run(handle.db as never, { migrationsFolder: folder });
			} else {
				const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
				await run(handle.db as never, { migrationsFolder: folder });
			}
			const after = await appliedCount(handle);
			io.out(
				after > before
					? `Applied ${plural(after - before, 'migration')} to ${where(handle)}; it is now at level ${after}.`
					: `Up to date: ${where(handle)} is at level ${after}; no migrations to apply.`
			);
			return 0;
		},
		{ migrate: false }
	);
}

async function demo(args: string[], io: Output): Promise<number> {
	const { values } = parse(args, { seed: { type: 'string' } }, USAGE.demo);
	if (values.help) return help(io, USAGE.demo);
	if (process.env.NODE_ENV === 'production') {
		throw new CommandError(
			'The demo is never created in production (NODE_ENV=production): its accounts share a published password.'
		);
	}
	applySettings(values);
	const seed = text(values, 'seed');
	return withDatabase('demo', async (handle) => {
		const { createDemo } = await import('../lib/server/demo/index.ts');
		const { printDemoSignIns } = await import('../lib/server/startup.ts');
		io.out('Creating the demo trust and schools…');
		const summary = await createDemo(handle.db, seed === undefined ? {} : { seed });
		printDemoSignIns(summary, config().baseUrl, io.out);
		return 0;
	});
}

async function schoolAdd(args: string[], io: Output): Promise<number> {
	const usage = USAGE.school;
	const { values, positionals } = parse(
		args,
		{
			urn: { type: 'string' },
			name: { type: 'string' },
			phase: { type: 'string' },
			group: { type: 'string' },
			'lowest-year': { type: 'string' },
			'highest-year': { type: 'string' }
		},
		usage,
		1
	);
	if (values.help) return help(io, usage);
	if (positionals[0] !== 'add') throw new UsageError(`Unknown: waymark school ${positionals[0] ?? ''}`.trim(), usage);
	const input = {
		urn: required(values, 'urn', usage),
		name: required(values, 'name', usage),
		phase: text(values, 'phase'),
		group: text(values, 'group'),
		lowestYear: text(values, 'lowest-year'),
		highestYear: text(values, 'highest-year')
	};
	applySettings(values);
	return withDatabase('school add', async () => {
		const { addSchool } = await import('../lib/server/schools/service.ts');
		const school = await addSchool(systemActor(), input);
		io.out(
			`Added ${school.name} (URN ${school.urn}, years ${school.lowestYear}–${school.highestYear})` +
				(input.group ? ` to ${input.group}.` : '.')
		);
		io.out(`Next: waymark user add --school ${school.urn} --email … --name … --role careers-leader`);
		return 0;
	});
}

/** A strong one-off password: 20 random characters (about 120 bits). */
export function oneOffPassword(): string {
	return crypto.randomBytes(15).toString('base64url');
}

async function userAdd(args: string[], io: Output): Promise<number> {
	const usage = USAGE.user;
	const { values, positionals } = parse(
		args,
		{
			email: { type: 'string' },
			name: { type: 'string' },
			school: { type: 'string' },
			role: { type: 'string', multiple: true },
			tag: { type: 'string', multiple: true },
			'adviser-level': { type: 'string' },
			'job-title': { type: 'string' },
			password: { type: 'string' }
		},
		usage,
		1
	);
	if (values.help) return help(io, usage);
	if (positionals[0] !== 'add') throw new UsageError(`Unknown: waymark user ${positionals[0] ?? ''}`.trim(), usage);
	const email = required(values, 'email', usage);
	const roles = list(values, 'role');
	if (roles.length === 0) throw new UsageError('--role is required (repeat it for more than one role).', usage);
	const given = text(values, 'password');
	const input = {
		email,
		name: required(values, 'name', usage),
		schoolUrn: required(values, 'school', usage),
		roles,
		tags: list(values, 'tag'),
		adviserLevel: text(values, 'adviser-level'),
		jobTitle: text(values, 'job-title'),
		password: given
	};
	applySettings(values);
	return withDatabase('user add', async (handle) => {
		const { addPerson } = await import('../lib/server/people/service.ts');
		const { eq } = await import('drizzle-orm');
		const { users } = await import('../lib/server/db/schema/index.ts');
		let generated: string | undefined;
		if (given === undefined) {
			// Only a new account gets a password: never replace the password of someone already using Waymark.
			const [existing] = await handle.db
				.select({ id: users.id })
				.from(users)
				.where(eq(users.email, email.trim().toLowerCase()));
			if (!existing) generated = input.password = oneOffPassword();
		}
		const result = await addPerson(systemActor(), input);
		io.out(
			`Added ${input.name.trim()} <${email.trim().toLowerCase()}> to school ${input.schoolUrn} as ${roles.join(', ')}.`
		);
		if (!result.createdAccount) {
			io.out(
				given === undefined
					? 'They already had an account: its password is unchanged (they can reset it from the sign-in page).'
					: 'They already had an account: its password is now the one you gave.'
			);
		} else if (generated) {
			io.out('');
			io.out(`One-off password (shown only now): ${generated}`);
			io.out('Give it to them privately and ask them to change it after they first sign in.');
		}
		return 0;
	});
}

/** 20261123-161155 in Europe/London, for file names. */
function londonStamp(date = new Date()): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(date)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

function summarise(tables: TableCount[]): string {
	const rows = tables.reduce((sum, t) => sum + t.rows, 0);
	const biggest = tables
		.filter((t) => t.rows > 0)
		.sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name))
		.map((t) => `${t.name} ${t.rows.toLocaleString('en-GB')}`);
	return `${plural(rows, 'row')} in ${plural(tables.length, 'table')}${biggest.length ? ` (${biggest.join(', ')})` : ''}`;
}

/** A backup's refusals (file exists, database not empty…) are messages for the operator, not crashes. */
async function asCommandError<T>(work: Promise<T>): Promise<T> {
	const { BackupError } = await import('../lib/server/db/backup.ts');
	try {
		return await work;
	} catch (error) {
		throw error instanceof BackupError ? new CommandError(error.message, { cause: error }) : error;
	}
}

function size(file: string): string {
	const bytes = fs.statSync(file).size;
	return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function backup(args: string[], io: Output): Promise<number> {
	const { values } = parse(args, { file: { type: 'string' } }, USAGE.backup);
	if (values.help) return help(io, USAGE.backup);
	applySettings(values);
	const file = path.resolve(text(values, 'file') ?? path.join('backups', `waymark-${londonStamp()}.ndjson.gz`));
	const { backupDatabase } = await import('../lib/server/db/backup.ts');
	return withDatabase('backup', async (handle) => {
		const result = await asCommandError(backupDatabase(handle, file));
		io.out(`Backed up ${summarise(result.tables)} from ${where(handle)}`);
		io.out(`to ${file} (${size(file)}).`);
		io.out(
			'Keep a copy away from this machine. Restore with: waymark restore --file <that file> into an empty database.'
		);
		return 0;
	});
}

async function restore(args: string[], io: Output): Promise<number> {
	const { values } = parse(args, { file: { type: 'string' } }, USAGE.restore);
	if (values.help) return help(io, USAGE.restore);
	const file = path.resolve(required(values, 'file', USAGE.restore));
	if (!fs.existsSync(file)) throw new CommandError(`There is no backup file at ${file}.`);
	applySettings(values);
	const { restoreDatabase } = await import('../lib/server/db/backup.ts');
	return withDatabase('restore', async (handle) => {
		const result = await asCommandError(restoreDatabase(handle, file));
		io.out(`Restored ${summarise(result.tables)} into ${where(handle)}.`);
		return 0;
	});
}

/** One problem in a file, as a line: Row 12, UPN: value “X801200005001”: The check letter … should be B */
export function importErrorLine(e: FieldError): string {
	const where = e.row ? `Row ${e.row}, ${e.column ?? e.field}` : (e.column ?? e.field);
	const value = e.value === undefined ? '' : e.value === '' ? ' (blank)' : ` value “${e.value}”`;
	return `${where}:${value}${value ? ':' : ''} ${e.message}`;
}

async function importFile(args: string[], io: Output): Promise<number> {
	const usage = USAGE.import;
	const { values, positionals } = parse(
		args,
		{
			school: { type: 'string' },
			'academic-year': { type: 'string' },
			'dry-run': { type: 'boolean' },
			json: { type: 'boolean' },
			'ignore-column': { type: 'string', multiple: true }
		},
		usage,
		2
	);
	if (values.help) return help(io, usage);
	const [kind, file] = positionals;
	if (kind === undefined || file === undefined) throw new UsageError('Give the kind of import and the file.', usage);
	const urn = required(values, 'school', usage);
	const { parseAcademicYearName } = await import('../lib/domain/academic-year.ts');
	const yearText = text(values, 'academic-year');
	const academicYear = yearText === undefined ? undefined : parseAcademicYearName(yearText);
	if (yearText !== undefined && academicYear === undefined)
		throw new UsageError(`--academic-year must be a year such as 2025/26, not "${yearText}".`, usage);
	const dryRun = values['dry-run'] === true;
	const json = values.json === true;
	const { decodeText, importerFor, isImportKind } = await import('../lib/server/imports/registry.ts');
	if (!isImportKind(kind))
		throw new UsageError(
			`Unknown import: ${kind}. Choose pupils, groups, activities, attendance, guidance or destinations.`,
			usage
		);
	const filePath = path.resolve(file);
	if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile())
		throw new CommandError(`There is no file at ${filePath}.`);
	const importer = importerFor(kind);
	if (!importer) throw new CommandError(`The ${kind} import is not available in this version of Waymark.`);
	const fileText = decodeText(fs.readFileSync(filePath));
	const { CsvReadError, guessMapping, readCsv, squash } = await import('../lib/server/imports/csv.ts');

	const failedWith = (errors: FieldError[]): number => {
		if (json) {
			io.out(JSON.stringify({ ok: false, errors }, null, 2));
		} else {
			for (const e of errors) io.err(importErrorLine(e));
			io.err('');
			io.err(
				`${plural(errors.length, 'problem')} in ${file}: nothing was imported. Correct the file and run the import again.`
			);
		}
		return 1;
	};

	let mapping: ReturnType<typeof guessMapping>;
	try {
		const { headers } = readCsv(fileText, importer.noun);
		mapping = guessMapping(headers, importer.columns);
		for (const name of list(values, 'ignore-column')) {
			const matches = headers.flatMap((h, i) => (squash(h) === squash(name) ? [i] : []));
			if (matches.length === 0)
				throw new CommandError(
					`--ignore-column "${name}": the file has no column with that heading. Its columns are: ${headers.join(', ')}.`
				);
			for (const i of matches) mapping[i] = 'ignore';
		}
	} catch (error) {
		if (error instanceof CsvReadError) return failedWith(error.errors);
		throw error;
	}

	applySettings(values);
	return withDatabase('import', async () => {
		const { schoolForActor } = await import('../lib/server/schools/service.ts');
		const { NotFoundError } = await import('../lib/server/access/actor.ts');
		const actor = systemActor();
		let school: Awaited<ReturnType<typeof schoolForActor>>;
		try {
			school = await schoolForActor(actor, urn, importer.action);
		} catch (error) {
			if (error instanceof NotFoundError) throw new CommandError(`There is no school with URN ${urn}.`);
			throw error;
		}
		let summary: Awaited<ReturnType<typeof importer.run>>;
		try {
			summary = await importer.run(actor, school, fileText, { academicYear, dryRun, mapping });
		} catch (error) {
			if (error instanceof ValidationError || error instanceof CsvReadError) return failedWith(error.errors);
			throw error;
		}
		if (json) {
			io.out(JSON.stringify({ ok: true, summary }, null, 2));
			return 0;
		}
		const counts =
			`${summary.added.toLocaleString('en-GB')} added, ${summary.updated.toLocaleString('en-GB')} updated, ` +
			`${summary.unchanged.toLocaleString('en-GB')} unchanged, ${summary.left.toLocaleString('en-GB')} left, ` +
			plural(summary.newPartners.length, 'new partner');
		const rows = plural(summary.rows, 'row');
		if (summary.dryRun) {
			io.out(`Checked ${importer.noun} in ${file} for ${school.name} (URN ${school.urn}): ${rows}, no problems.`);
			io.out(`Nothing was written (--dry-run). The import would make: ${counts}.`);
		} else {
			io.out(`Imported ${importer.noun} from ${file} into ${school.name} (URN ${school.urn}): ${rows}.`);
			io.out(`${counts}.`);
		}
		if (summary.newPartners.length > 0) io.out(`New partners: ${summary.newPartners.join(', ')}`);
		for (const note of summary.notes) io.out(note);
		if (summary.warnings.length > 0) {
			io.out('Worth knowing:');
			for (const w of summary.warnings) io.out(`  ${importErrorLine(w)}`);
		}
		return 0;
	});
}

async function serve(args: string[], io: Output): Promise<number> {
	const { values } = parse(args, {}, USAGE.serve);
	if (values.help) return help(io, USAGE.serve);
	applySettings(values);
	const entry = path.join(PROJECT_ROOT, 'build', 'handler.js');
	if (!fs.existsSync(entry)) {
		throw new CommandError(
			`There is no built server at ${entry}. Run \`npm run build\` first, or \`npm start\` to build and serve.`
		);
	}
	const dataDir = text(values, 'data-dir');
	if (dataDir !== undefined) process.env.WAYMARK_DATA_DIR = path.resolve(dataDir);
	io.out(`Waymark: starting on port ${config().port}`);
	// The same entry as `npm start`: it tells the app which protocol requests came in on.
	await import(pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'serve.ts')).href);
	return 0;
}

function help(io: Output, usage = HELP): number {
	io.out(usage);
	return 0;
}

const COMMANDS: Record<string, (args: string[], io: Output) => Promise<number>> = {
	migrate,
	demo,
	school: schoolAdd,
	user: userAdd,
	backup,
	restore,
	import: importFile,
	report: (args, io) =>
		reportCommand(args, io, { parse, text, required, applySettings, withDatabase, help, UsageError, CommandError }),
	serve
};

/** Runs one command line; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
	const [command, ...rest] = argv;
	try {
		if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
			const topic = command === 'help' ? rest[0] : undefined;
			return help(io, topic && topic in USAGE ? USAGE[topic as keyof typeof USAGE] : HELP);
		}
		const run = COMMANDS[command];
		if (!run) throw new UsageError(`Unknown command: ${command}`);
		return await run(rest, io);
	} catch (error) {
		return report(error, io);
	}
}

function isValidation(error: unknown): error is { errors: FieldError[] } {
	return (
		error instanceof ValidationError ||
		(error instanceof Error && Array.isArray((error as { errors?: unknown }).errors))
	);
}

function report(error: unknown, io: Output): number {
	const debug = process.env.WAYMARK_DEBUG === '1';
	if (error instanceof UsageError) {
		io.err(`${error.message}\n`);
		io.err(error.usage);
		return 2;
	}
	if (isValidation(error)) {
		for (const e of error.errors) io.err(e.row ? `row ${e.row}, ${e.field}: ${e.message}` : `${e.field}: ${e.message}`);
	} else if (error instanceof CommandError || error instanceof DataFolderInUseError || error instanceof ConfigError) {
		io.err(error.message);
	} else {
		io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
		if (!debug) io.err('Run again with WAYMARK_DEBUG=1 to see the details.');
	}
	if (debug && error instanceof Error && error.stack) io.err(error.stack);
	return 1;
}

if (import.meta.main) {
	process.exitCode = await main(process.argv.slice(2));
}
