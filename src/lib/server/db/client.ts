/**
 * One database handle per process: PGlite in a data folder by default, a PostgreSQL server when
 * DATABASE_URL is set. Kept on globalThis because the built app and the CLI can load this module
 * twice, and two PGlite instances on one folder would corrupt it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { lockDataFolder } from './lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: services accept both. */
export type Queryable = Db | Tx;

export type DatabaseHandle = {
	db: Db;
	driver: 'pglite' | 'postgres';
	/** Where the data lives, for messages: a folder or a server (password hidden). */
	location: string;
	close(): Promise<void>;
};

export type OpenOptions = {
	/** PostgreSQL connection string; when absent the embedded database is used. */
	databaseUrl?: string;
	/** Embedded database folder; absent means in memory (tests). */
	dataDir?: string;
	/** What is opening the database, recorded in the lock file (e.g. "waymark serve"). */
	command: string;
	migrate?: boolean;
};

const GLOBAL_KEY = Symbol.for('waymark.database');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: DatabaseHandle };

/** Finds the committed migrations whether we run from source, the build folder or a test. */
export function migrationsFolder(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(dir, 'drizzle');
		if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	const fromCwd = path.resolve('drizzle');
	if (fs.existsSync(path.join(fromCwd, 'meta', '_journal.json'))) return fromCwd;
	throw new Error('Cannot find the database migrations folder (drizzle/). Run Waymark from its own folder.');
}

export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'the PostgreSQL server in DATABASE_URL';
	}
}

/** Opens a database without registering it as the process's own (tests open several). */
export async function connect(options: OpenOptions): Promise<DatabaseHandle> {
	let handle: DatabaseHandle;
	if (options.databaseUrl) {
		// JIT off: Waymark's queries are short, and a whole-school query crossing the JIT cost threshold
		// spent 260 ms compiling 150 functions (the coverage floor went from ~500 to ~310 ms without it).
		const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: '-c jit=off' });
		// A connection the server closes (a restart, an administrator, a dropped test database) emits
		// 'error' on the pool or on the client; unheard, Node ends the process. Log it: the pool opens a
		// new connection for the next query, and a query in flight fails on its own.
		const connectionLost = (error: Error) =>
			console.error(`PostgreSQL connection closed (${options.command}): ${error.message}`);
		pool.on('error', connectionLost);
		pool.on('connect', (client) => client.on('error', connectionLost));
		const db = drizzlePg({ client: pool, schema }) as unknown as Db;
		if (options.migrate !== false) await migratePg(db as never, { migrationsFolder: migrationsFolder() });
		handle = { db, driver: 'postgres', location: redactUrl(options.databaseUrl), close: () => pool.end() };
	} else {
		const release = options.dataDir ? lockDataFolder(options.dataDir, options.command) : () => {};
		try {
			const client = options.dataDir ? new PGlite(path.join(options.dataDir, 'pgdata')) : new PGlite();
			await client.waitReady;
			const db = drizzlePglite({ client, schema }) as unknown as Db;
			if (options.migrate !== false) await migratePglite(db as never, { migrationsFolder: migrationsFolder() });
			handle = {
				db,
				driver: 'pglite',
				location: options.dataDir ?? 'memory',
				close: async () => {
					await client.close();
					release();
				}
			};
		} catch (error) {
			release();
			throw error;
		}
	}
	return handle;
}

/** Opens the process's database once; later calls return the same handle. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	const g = globalThis as GlobalWithDb;
	if (g[GLOBAL_KEY]) return g[GLOBAL_KEY];
	const handle = await connect(options);
	g[GLOBAL_KEY] = handle;
	return handle;
}

export function useDatabase(handle: DatabaseHandle): void {
	(globalThis as GlobalWithDb)[GLOBAL_KEY] = handle;
}

export async function closeDatabase(): Promise<void> {
	const g = globalThis as GlobalWithDb;
	const handle = g[GLOBAL_KEY];
	g[GLOBAL_KEY] = undefined;
	await handle?.close();
}

export function database(): DatabaseHandle {
	const handle = (globalThis as GlobalWithDb)[GLOBAL_KEY];
	if (!handle) throw new Error('The database is not open yet.');
	return handle;
}

export function db(): Db {
	return database().db;
}

/**
 * After a bulk write, refresh the query planner's statistics. The embedded database has no autovacuum,
 * so without this the planner keeps believing a table is empty and the coverage figures' attendance
 * join takes seconds instead of milliseconds. Cheap (well under a second for the demo).
 */
export async function refreshPlannerStatistics(q: Queryable): Promise<void> {
	await q.execute(sql`analyze`);
}
