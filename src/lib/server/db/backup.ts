/**
 * Backup and restore in ONE logical format for both drivers, so a PGlite backup restores into
 * PostgreSQL and back again, and no pg_dump has to match the server's version.
 *
 * The file is gzip'd NDJSON:
 *   line 1   {"format":"waymark-backup","version":1,"createdAt":…,"source":"pglite","migrations":{count,hashes},
 *             "tables":[{"name":"organisations","rows":3},…]}
 *   then, for each table in that order, a marker {"table":"organisations","rows":3} followed by that many
 *   lines, each one row exactly as PostgreSQL's row_to_json() wrote it, in primary-key order.
 *
 * Rows travel as PostgreSQL's own JSON text and go back in through json_populate_recordset(), so every
 * type (timestamps with time zone, numeric, arrays, jsonb) round-trips without passing through
 * JavaScript numbers or dates.
 *
 * PGlite has one connection: a transaction holds it, and awaiting file I/O inside one stalls every
 * other query (see docs/engineering.md). So on PGlite the backup reads all rows in its transaction and
 * writes the file afterwards; a restore always reads the whole file first and then transacts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle, Queryable } from './client.ts';

export const BACKUP_FORMAT = 'waymark-backup';
export const BACKUP_VERSION = 1;

export type TableCount = { name: string; rows: number };
export type BackupResult = { tables: TableCount[] };

export type BackupHeader = {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	source: 'pglite' | 'postgres';
	migrations: { count: number; hashes: string[] };
	tables: TableCount[];
};

/** A refusal or a problem with the file that an administrator can act on: shown without a stack trace. */
export class BackupError extends Error {}

const SCHEMA = 'public';
/** Rows fetched per round trip when reading, and the most sent per INSERT when restoring. */
const FETCH_ROWS = 2_000;
const INSERT_ROWS = 5_000;
const INSERT_BYTES = 4 * 1024 * 1024;

// ---- catalogue ---------------------------------------------------------------------------------------

export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

function qualified(table: string): string {
	return `${quoteIdent(SCHEMA)}.${quoteIdent(table)}`;
}

async function query<T>(q: Queryable, statement: SQL): Promise<T[]> {
	const result = (await q.execute(statement)) as unknown as { rows: T[] };
	return result.rows;
}

type TableInfo = {
	name: string;
	/** Columns we write on restore: all but generated ones, in table order. */
	columns: string[];
	/** ORDER BY for a stable row order: the primary key (text compared byte-wise), else the whole row. */
	orderBy: string;
};

type Catalogue = {
	/** Every table of the schema, parents before the tables whose foreign keys point at them. */
	tables: TableInfo[];
	/** Sequences owned by a column (serial, bigserial, identity) and that column. */
	sequences: { table: string; column: string; sequence: string }[];
};

/** Parents before children; ties (and any cycle, which a foreign key check would then report) by name. */
export function dependencyOrder(names: string[], references: { child: string; parent: string }[]): string[] {
	const parents = new Map<string, Set<string>>(names.map((name) => [name, new Set<string>()]));
	for (const { child, parent } of references) {
		if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
	}
	const order: string[] = [];
	const done = new Set<string>();
	const remaining = [...names].sort();
	while (remaining.length) {
		const next = remaining.findIndex((name) => [...parents.get(name)!].every((p) => done.has(p)));
		const [name] = remaining.splice(next === -1 ? 0 : next, 1);
		order.push(name!);
		done.add(name!);
	}
	return order;
}

/**
 * Not data: school_data_changes is the log the triggers write so cached coverage figures know when to
 * recompute. A restore's own inserts write it afresh (and restoring its rows would collide with those).
 */
const NOT_BACKED_UP = ['school_data_changes'];

async function readCatalogue(q: Queryable): Promise<Catalogue> {
	const tableRows = (
		await query<{ name: string }>(
			q,
			sql`select c.relname as name
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = ${SCHEMA} and c.relkind in ('r', 'p') and not c.relispartition
			order by c.relname`
		)
	).filter((t) => !NOT_BACKED_UP.includes(t.name));
	const columnRows = await query<{ table: string; column: string }>(
		q,
		sql`select c.relname as "table", a.attname as "column"
			from pg_attribute a
			join pg_class c on c.oid = a.attrelid
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = ${SCHEMA} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
				and a.attgenerated = ''
			order by c.relname, a.attnum`
	);
	const keyRows = await query<{ table: string; column: string; collatable: boolean }>(
		q,
		sql`select c.relname as "table", a.attname as "column", a.attcollation <> 0 as collatable
			from pg_index i
			join pg_class c on c.oid = i.indrelid
			join pg_namespace n on n.oid = c.relnamespace
			cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
			join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
			where n.nspname = ${SCHEMA} and i.indisprimary
			order by c.relname, k.position`
	);
	const references = await query<{ child: string; parent: string }>(
		q,
		sql`select child.relname as child, parent.relname as parent
			from pg_constraint con
			join pg_class child on child.oid = con.conrelid
			join pg_namespace cn on cn.oid = child.relnamespace
			join pg_class parent on parent.oid = con.confrelid
			join pg_namespace pn on pn.oid = parent.relnamespace
			where con.contype = 'f' and cn.nspname = ${SCHEMA} and pn.nspname = ${SCHEMA}`
	);
	const sequences = await query<{ table: string; column: string; sequence: string }>(
		q,
		sql`select c.relname as "table", a.attname as "column",
				quote_ident(sn.nspname) || '.' || quote_ident(s.relname) as sequence
			from pg_depend d
			join pg_class s on s.oid = d.objid and s.relkind = 'S'
			join pg_namespace sn on sn.oid = s.relnamespace
			join pg_class c on c.oid = d.refobjid
			join pg_namespace n on n.oid = c.relnamespace
			join pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
			where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
				and d.deptype in ('a', 'i') and n.nspname = ${SCHEMA}
			order by c.relname, a.attname`
	);

	const columns = new Map<string, string[]>();
	for (const row of columnRows) columns.set(row.table, [...(columns.get(row.table) ?? []), row.column]);
	const keys = new Map<string, string[]>();
	for (const row of keyRows) {
		const term = quoteIdent(row.column) + (row.collatable ? ' collate "C"' : '');
		keys.set(row.table, [...(keys.get(row.table) ?? []), term]);
	}
	const names = tableRows.map((row) => row.name);
	const tables = dependencyOrder(names, references).map((name) => ({
		name,
		columns: columns.get(name) ?? [],
		orderBy: keys.get(name)?.join(', ') ?? 'row_to_json(t)::text collate "C"'
	}));
	return { tables, sequences };
}

async function appliedMigrations(q: Queryable): Promise<{ count: number; hashes: string[] }> {
	let rows: { hash: string }[];
	try {
		rows = await query<{ hash: string }>(q, sql`select hash from drizzle.__drizzle_migrations order by id`);
	} catch {
		throw new BackupError('This database has no Waymark tables yet: run `waymark migrate` first.');
	}
	return { count: rows.length, hashes: rows.map((row) => row.hash) };
}

async function countRows(q: Queryable, table: string): Promise<number> {
	const [row] = await query<{ n: number }>(q, sql.raw(`select count(*)::int as n from ${qualified(table)}`));
	return Number(row?.n ?? 0);
}

// ---- backup ------------------------------------------------------------------------------------------

/** Gzip'd lines to a file, respecting back-pressure; the file appears under its name only when complete. */
class BackupWriter {
	readonly file: string;
	readonly partial: string;
	private readonly gzip = zlib.createGzip({ level: 6 });
	private readonly finished: Promise<void>;
	private failure: unknown;

	constructor(file: string) {
		this.file = file;
		this.partial = `${file}.partial-${process.pid}`;
		this.finished = pipeline(this.gzip, fs.createWriteStream(this.partial));
		this.finished.catch((error: unknown) => {
			this.failure = error;
		});
	}

	async write(line: string): Promise<void> {
		if (this.failure) throw this.failure;
		if (!this.gzip.write(line + '\n')) await Promise.race([once(this.gzip, 'drain'), this.finished]);
	}

	async finish(): Promise<void> {
		this.gzip.end();
		await this.finished;
		fs.renameSync(this.partial, this.file);
	}

	async abandon(): Promise<void> {
		this.gzip.destroy();
		await this.finished.catch(() => {});
		fs.rmSync(this.partial, { force: true });
	}
}

/** PostgreSQL's JSON for a row is one line unless a `json` column kept its own line breaks. */
function oneLine(json: string): string {
	return json.includes('\n') ? JSON.stringify(JSON.parse(json)) : json;
}

/**
 * Writes every table of the database to `file` (which must not exist yet), from one consistent
 * snapshot. Returns the row count per table.
 */
export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupResult> {
	const target = path.resolve(file);
	if (fs.existsSync(target)) throw new BackupError(`${target} already exists: choose another file name.`);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const writer = new BackupWriter(target);
	// On PostgreSQL the snapshot streams straight into the file; PGlite's single connection must not wait
	// on the disk inside a transaction, so there the lines are held in memory and written afterwards.
	const held: string[] | undefined = handle.driver === 'pglite' ? [] : undefined;
	const emit = (line: string) => (held ? void held.push(line) : writer.write(line));
	try {
		const tables = await handle.db.transaction(
			async (tx) => {
				const catalogue = await readCatalogue(tx);
				const counts: TableCount[] = [];
				for (const table of catalogue.tables) counts.push({ name: table.name, rows: await countRows(tx, table.name) });
				const header: BackupHeader = {
					format: BACKUP_FORMAT,
					version: BACKUP_VERSION,
					createdAt: new Date().toISOString(),
					source: handle.driver,
					migrations: await appliedMigrations(tx),
					tables: counts
				};
				await emit(JSON.stringify(header));
				for (const [i, table] of catalogue.tables.entries()) {
					const expected = counts[i]!.rows;
					await emit(JSON.stringify({ table: table.name, rows: expected }));
					await tx.execute(
						sql.raw(
							`declare waymark_backup no scroll cursor for ` +
								`select row_to_json(t)::text as j from ${qualified(table.name)} t order by ${table.orderBy}`
						)
					);
					let written = 0;
					for (;;) {
						const rows = await query<{ j: string }>(tx, sql.raw(`fetch forward ${FETCH_ROWS} from waymark_backup`));
						for (const row of rows) await emit(oneLine(row.j));
						written += rows.length;
						if (rows.length < FETCH_ROWS) break;
					}
					await tx.execute(sql.raw('close waymark_backup'));
					if (written !== expected) {
						throw new Error(`${table.name} changed during the backup (${expected} rows counted, ${written} read).`);
					}
				}
				return counts;
			},
			{ isolationLevel: 'repeatable read', accessMode: 'read only' }
		);
		if (held) for (const line of held) await writer.write(line);
		await writer.finish();
		return { tables };
	} catch (error) {
		await writer.abandon();
		throw error;
	}
}

// ---- restore -----------------------------------------------------------------------------------------

type BackupContents = { header: BackupHeader; rows: Map<string, string[]> };

function notABackup(file: string, why: string): BackupError {
	return new BackupError(`${file} is not a Waymark backup (${why}).`);
}

/** Reads and checks the whole file; nothing touches the database until it is known to be complete. */
export async function readBackup(file: string): Promise<BackupContents> {
	let data: Buffer;
	try {
		data = await promisify(zlib.gunzip)(await fs.promises.readFile(file));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new BackupError(`There is no backup file at ${file}.`);
		if (code === 'EISDIR' || code === 'EACCES') throw new BackupError(`Cannot read ${file} (${code}).`);
		throw notABackup(file, `it could not be decompressed: ${(error as Error).message}`);
	}
	let offset = 0;
	const nextLine = (): string | undefined => {
		if (offset >= data.length) return undefined;
		let end = data.indexOf(0x0a, offset);
		if (end === -1) end = data.length;
		const line = data.toString('utf8', offset, end);
		offset = end + 1;
		return line;
	};
	let header: BackupHeader;
	try {
		header = JSON.parse(nextLine() ?? '') as BackupHeader;
	} catch {
		throw notABackup(file, 'its first line is not a backup header');
	}
	if (header?.format !== BACKUP_FORMAT) throw notABackup(file, 'its header does not say waymark-backup');
	if (header.version !== BACKUP_VERSION) {
		throw new BackupError(
			`${file} is a version ${header.version} backup; this Waymark reads version ${BACKUP_VERSION}. Use a newer Waymark.`
		);
	}
	if (!Array.isArray(header.tables) || !Array.isArray(header.migrations?.hashes)) {
		throw notABackup(file, 'its header has no table list');
	}
	const rows = new Map<string, string[]>();
	for (const table of header.tables) {
		let marker: { table?: string; rows?: number } | undefined;
		try {
			marker = JSON.parse(nextLine() ?? 'null') as typeof marker;
		} catch {
			marker = undefined;
		}
		if (marker?.table !== table.name || marker.rows !== table.rows) {
			throw new BackupError(
				`${file} is damaged or incomplete: the rows of ${table.name} are not where the header says.`
			);
		}
		const lines: string[] = [];
		for (let i = 0; i < table.rows; i++) {
			const line = nextLine();
			if (!line)
				throw new BackupError(`${file} is incomplete: ${table.name} should have ${table.rows} rows, found ${i}.`);
			lines.push(line);
		}
		rows.set(table.name, lines);
	}
	const rest = nextLine();
	if (rest !== undefined && (rest !== '' || offset < data.length)) {
		throw new BackupError(`${file} is damaged: there is more in it than its header lists.`);
	}
	return { header, rows };
}

function plural(n: number, table: string): string {
	return `${n} ${table.replace(/_/g, ' ')}`;
}

/**
 * Restores a backup into an EMPTY database at the same migration level, in one transaction: either
 * everything is restored and checked, or nothing changes.
 */
export async function restoreDatabase(handle: DatabaseHandle, file: string): Promise<BackupResult> {
	const { header, rows } = await readBackup(path.resolve(file));
	return handle.db.transaction(async (tx) => {
		const catalogue = await readCatalogue(tx);
		const here = await appliedMigrations(tx);
		if (here.hashes.join() !== header.migrations.hashes.join()) {
			throw new BackupError(
				`The backup was made at database level ${header.migrations.count} but this database is at level ${here.count}. ` +
					(header.migrations.count < here.count
						? 'Restore it with the Waymark version that made it, then upgrade Waymark.'
						: 'Upgrade Waymark to the version that made the backup, then restore.')
			);
		}
		const known = new Set(catalogue.tables.map((t) => t.name));
		const unknown = header.tables.filter((t) => !known.has(t.name)).map((t) => t.name);
		if (unknown.length)
			throw new BackupError(`This database has no table ${unknown.join(', ')} that the backup holds.`);

		// Nobody else may write while we check for emptiness and fill the tables.
		await tx.execute(
			sql.raw(`lock table ${catalogue.tables.map((t) => qualified(t.name)).join(', ')} in exclusive mode`)
		);
		const occupied: TableCount[] = [];
		for (const table of catalogue.tables) {
			const n = await countRows(tx, table.name);
			if (n > 0) occupied.push({ name: table.name, rows: n });
		}
		if (occupied.length) {
			occupied.sort((a, b) => Number(b.name === 'organisations') - Number(a.name === 'organisations'));
			throw new BackupError(
				`The database already holds data (${occupied.map((t) => plural(t.rows, t.name)).join(', ')}); ` +
					'restore needs an empty one. Restore into a new data folder (--data-dir) or a new, empty PostgreSQL database.'
			);
		}

		for (const table of catalogue.tables) {
			const lines = rows.get(table.name);
			if (!lines?.length) continue;
			const columns = table.columns.map(quoteIdent).join(', ');
			const insert = (batch: string[]) =>
				tx.execute(
					sql`${sql.raw(`insert into ${qualified(table.name)} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${qualified(table.name)}, `)}${'[' + batch.join(',') + ']'}${sql.raw('::json)')}`
				);
			let batch: string[] = [];
			let bytes = 0;
			for (const line of lines) {
				batch.push(line);
				bytes += line.length;
				if (batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES) {
					await insert(batch);
					batch = [];
					bytes = 0;
				}
			}
			if (batch.length) await insert(batch);
		}

		for (const { table, column, sequence } of catalogue.sequences) {
			if (!rows.get(table)?.length) continue;
			await tx.execute(
				sql`${sql.raw(`select setval(`)}${sequence}${sql.raw(`::regclass, max(${quoteIdent(column)})) from ${qualified(table)} having max(${quoteIdent(column)}) is not null`)}`
			);
		}

		const restored: TableCount[] = [];
		for (const table of header.tables) {
			const n = await countRows(tx, table.name);
			if (n !== table.rows) {
				throw new Error(
					`Restore check failed: ${table.name} has ${n} rows, the backup ${table.rows}. Nothing was restored.`
				);
			}
			restored.push({ name: table.name, rows: n });
		}
		return { tables: restored };
	});
}
