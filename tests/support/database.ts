/**
 * A fresh, migrated database for one integration test file.
 *
 * - Without DATABASE_URL: a new in-memory PGlite, migrated. Files can run in parallel.
 * - With DATABASE_URL: the PostgreSQL database it names is WIPED (public and drizzle schemas dropped
 *   and recreated) and migrated again. Point it only at a throwaway test database. Because every file
 *   wipes the same database, integration test files must run one at a time against Postgres: the
 *   integration project in vite.config.ts turns file parallelism off when DATABASE_URL is set.
 *
 * Usage:
 *   let handle: DatabaseHandle;
 *   beforeAll(async () => { handle = await freshDatabase(); });
 *   afterAll(async () => { await handle?.close(); });
 */
import pg from 'pg';
import { connect, type DatabaseHandle } from '../../src/lib/server/db/client.ts';

export type { DatabaseHandle };

/** The database the integration tests run against, for test names and messages. */
export function testDriver(): 'pglite' | 'postgres' {
	return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** Drops everything the app owns in the Postgres database at `databaseUrl`. */
export async function wipePostgres(databaseUrl: string): Promise<void> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		// Serialise wipes across processes too, in case two test runs share one server by mistake.
		await client.query('select pg_advisory_lock(hashtext($1))', ['waymark.tests.fresh-database']);
		try {
			await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
			await client.query('DROP SCHEMA IF EXISTS public CASCADE');
			await client.query('CREATE SCHEMA public');
			// What a new database (PostgreSQL 15 and later) grants on its public schema.
			await client.query('GRANT USAGE ON SCHEMA public TO public');
		} finally {
			await client.query('select pg_advisory_unlock(hashtext($1))', ['waymark.tests.fresh-database']);
		}
	} finally {
		await client.end();
	}
}

export async function freshDatabase(): Promise<DatabaseHandle> {
	const databaseUrl = process.env.DATABASE_URL;
	if (!databaseUrl) return connect({ command: 'test' });
	await wipePostgres(databaseUrl);
	return connect({ databaseUrl, command: 'test' });
}
