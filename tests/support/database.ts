/**
 * A fresh, migrated, empty database for integration tests, on whichever driver the run uses.
 *
 * - Without DATABASE_URL: a new in-memory PGlite, migrated.
 * - With DATABASE_URL: a new database created next to the one DATABASE_URL names
 *   (`<name>_t<pid>_<n>`), migrated, and dropped again by close(). Each call gets its own database,
 *   so a file may open several at once (backup → restore) and files could even run side by side.
 *   If the user may not CREATE DATABASE, it falls back to wiping the DATABASE_URL database itself
 *   (public and drizzle schemas dropped and recreated): then only one handle at a time is safe, and
 *   test files must run one after another — the integration project in vite.config.ts turns file
 *   parallelism off whenever DATABASE_URL is set, for that reason. Point DATABASE_URL only at a
 *   throwaway test server.
 *
 * Usage:
 *   let handle: DatabaseHandle;
 *   beforeAll(async () => { handle = await freshDatabase(); });
 *   afterAll(async () => { await handle?.close(); });
 */
import pg from 'pg';
import { connect, type DatabaseHandle } from '../../src/lib/server/db/client.ts';

export type { DatabaseHandle };

export type TestDatabaseHandle = DatabaseHandle & {
	/** The connection string of this very database (Postgres only), e.g. for a server started by the test. */
	databaseUrl: string | undefined;
};

/** The database the integration tests run against, for test names and messages. */
export function testDriver(): 'pglite' | 'postgres' {
	return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

const WIPE_LOCK = 'waymark.tests.fresh-database';
let created = 0;

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Drops everything the app owns in the Postgres database at `databaseUrl`. */
export async function wipePostgres(databaseUrl: string): Promise<void> {
	await withClient(databaseUrl, async (client) => {
		// Serialise wipes across processes too, in case two test runs share one database by mistake.
		await client.query('select pg_advisory_lock(hashtext($1))', [WIPE_LOCK]);
		try {
			await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
			await client.query('DROP SCHEMA IF EXISTS public CASCADE');
			await client.query('CREATE SCHEMA public');
			// What a new database (PostgreSQL 15 and later) grants on its public schema.
			await client.query('GRANT USAGE ON SCHEMA public TO public');
		} finally {
			await client.query('select pg_advisory_unlock(hashtext($1))', [WIPE_LOCK]);
		}
	});
}

/** Creates an empty database beside the one in `databaseUrl`; undefined if this user may not. */
async function createSiblingDatabase(databaseUrl: string): Promise<string | undefined> {
	const url = new URL(databaseUrl);
	const base = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
	const name = `${base.slice(0, 40)}_t${process.pid}_${++created}`;
	try {
		await withClient(databaseUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
	} catch (error) {
		if (errorCode(error) === '42501') return undefined; // insufficient_privilege
		throw error;
	}
	url.pathname = `/${encodeURIComponent(name)}`;
	return url.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	await withClient(adminUrl, async (client) => {
		const quoted = client.escapeIdentifier(name);
		try {
			await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
		} catch (error) {
			if (errorCode(error) !== '42601') throw error; // before PostgreSQL 13: no WITH (FORCE)
			await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
		}
	});
}

export async function freshDatabase(): Promise<TestDatabaseHandle> {
	const databaseUrl = process.env.DATABASE_URL;
	if (!databaseUrl) return { ...(await connect({ command: 'test' })), databaseUrl: undefined };

	const ownUrl = await createSiblingDatabase(databaseUrl);
	if (!ownUrl) {
		await wipePostgres(databaseUrl);
		return { ...(await connect({ databaseUrl, command: 'test' })), databaseUrl };
	}
	const name = decodeURIComponent(new URL(ownUrl).pathname.slice(1));
	let handle: DatabaseHandle;
	try {
		handle = await connect({ databaseUrl: ownUrl, command: 'test' });
	} catch (error) {
		await dropDatabase(databaseUrl, name).catch(() => {});
		throw error;
	}
	let closed = false;
	return {
		...handle,
		databaseUrl: ownUrl,
		async close() {
			if (closed) return;
			closed = true;
			await handle.close();
			await dropDatabase(databaseUrl, name);
		}
	};
}
