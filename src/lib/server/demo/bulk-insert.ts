/**
 * Fast multi-row INSERT for thousands of rows: one array parameter per column and
 * `INSERT … SELECT * FROM unnest(…)`, instead of one bind parameter per value. On PGlite this is about
 * six times faster than Drizzle's `values([...])`, most of whose time goes on building the statement.
 *
 * Column names, SQL types and value mapping come from the Drizzle table, so it stays in step with the
 * schema. Every row must give the same columns (the ones not given take their defaults); array-typed
 * columns are not supported (unnest would flatten them).
 */
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client.ts';

export async function bulkInsert<T extends PgTable>(
	db: Queryable,
	table: T,
	rows: readonly T['$inferInsert'][],
	batchSize = 500
): Promise<void> {
	const first = rows[0];
	if (!first) return;
	const given = Object.keys(first).filter((key) => (first as Record<string, unknown>)[key] !== undefined);
	const all = getTableColumns(table) as Record<string, PgColumn>;
	const columns = given.map((key) => {
		const column = all[key];
		if (!column) throw new Error(`bulkInsert: ${key} is not a column of the table`);
		const type = column.getSQLType();
		if (type.endsWith('[]')) throw new Error(`bulkInsert: ${column.name} is an array column; use insert().values()`);
		return { key, column, type };
	});
	const keys = [...given].sort().join(',');

	for (let start = 0; start < rows.length; start += batchSize) {
		const batch = rows.slice(start, start + batchSize) as Record<string, unknown>[];
		for (const row of batch) {
			const rowKeys = Object.keys(row)
				.filter((key) => row[key] !== undefined)
				.sort()
				.join(',');
			if (rowKeys !== keys) throw new Error('bulkInsert: every row must give the same columns');
		}
		const arrays = columns.map(({ key, column, type }) => {
			const values = batch.map((row) => {
				const value = row[key];
				return value === null || value === undefined ? null : column.mapToDriverValue(value);
			});
			return sql`${sql.param(values)}::${sql.raw(type)}[]`;
		});
		await db.execute(
			sql`insert into ${table} (${sql.join(
				columns.map(({ column }) => sql.identifier(column.name)),
				sql`, `
			)}) select * from unnest(${sql.join(arrays, sql`, `)})`
		);
	}
}
