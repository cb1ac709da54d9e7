/**
 * Reading the spreadsheets schools keep (CSV exported from an MIS or saved from Excel): ONE reader for
 * every import. It copes with the usual mess — a byte-order mark, comma, semicolon or tab delimiters,
 * CRLF or LF, header names in any case with or without spaces and accents, common MIS variants — and
 * never drops what a person typed: a column it does not know is an error unless the person chose to
 * ignore it.
 *
 * Pure: no database. Each import (src/lib/server/<area>/import*.ts) describes its columns as
 * `ColumnSpec`s and reads cells through the `CsvTable` this returns.
 */
import Papa from 'papaparse';
import type { FieldError } from '../errors.ts';

export type ColumnSpec<K extends string = string> = {
	key: K;
	/** The heading in our template. */
	heading: string;
	/** Other names accepted for it (compared loosely: case, spaces, punctuation and accents ignored). */
	names: readonly string[];
	required: boolean;
	/** What goes in it, in plain words, for the template page and error messages. */
	help: string;
};

/** For each column of the file (by position): the column it holds, or 'ignore' when the person said so. */
export type ColumnMapping<K extends string = string> = (K | 'ignore' | null)[];

export type CsvRecord = { row: number; cells: string[] };

export type CsvFile = {
	headers: string[];
	records: CsvRecord[];
	delimiter: string;
};

/** Lower case, accents, spaces, underscores and punctuation gone: "Half-term" → "halfterm". */
export function squash(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** The header row decides: the most common of comma, semicolon (Excel in much of Europe) and tab outside quotes. */
function delimiterOf(content: string): string {
	const header = content.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
	const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
	const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
	return best[1] > 0 ? best[0] : ',';
}

export class CsvReadError extends Error {
	readonly errors: FieldError[];
	constructor(errors: FieldError[]) {
		super(errors.map((e) => e.message).join('\n'));
		this.errors = errors;
	}
}

/**
 * The file's text → its header row and every non-blank row after it, numbered as a spreadsheet numbers
 * them (the header is row 1). Throws CsvReadError when the file cannot be read as CSV at all.
 */
export function readCsv(text: string, what = 'rows'): CsvFile {
	const content = text.replace(/^\uFEFF/, '');
	const delimiter = delimiterOf(content);
	const parsed = Papa.parse<string[]>(content, { header: false, skipEmptyLines: false, delimiter });
	const errors: FieldError[] = [];
	for (const e of parsed.errors) {
		if (e.code === 'UndetectableDelimiter') continue;
		errors.push({
			field: 'file',
			row: typeof e.row === 'number' ? e.row + 1 : undefined,
			message: `The file could not be read: ${e.message}. Save it from your spreadsheet as “CSV UTF-8” and try again`
		});
	}
	if (errors.length > 0) throw new CsvReadError(errors);
	const headers = (parsed.data[0] ?? []).map((h) => h.trim());
	if (headers.every((h) => h === ''))
		throw new CsvReadError([{ field: 'file', message: 'The file is empty. Its first row must name the columns' }]);
	const records = parsed.data
		.map((cells, i) => ({ row: i + 1, cells }))
		.slice(1)
		.filter(({ cells }) => cells.some((v) => v.trim() !== ''));
	if (records.length === 0)
		throw new CsvReadError([{ field: 'file', message: `The file has no ${what} in it, only column headings` }]);
	return { headers, records, delimiter };
}

/** Our best guess of what each of the file's columns holds, from its heading. */
export function guessMapping<K extends string>(headers: string[], columns: readonly ColumnSpec<K>[]): ColumnMapping<K> {
	const byName = new Map<string, K>();
	for (const c of columns) for (const n of [c.heading, c.key, ...c.names]) byName.set(squash(n), c.key);
	const taken = new Set<K>();
	return headers.map((h) => {
		if (h.trim() === '') return null;
		const key = byName.get(squash(h));
		if (!key || taken.has(key)) return null;
		taken.add(key);
		return key;
	});
}

export type CsvTable<K extends string> = {
	headers: string[];
	mapping: ColumnMapping<K>;
	records: CsvRecord[];
	/** A cell's text, trimmed; '' when the column is not in the file. */
	get(record: CsvRecord, key: K): string;
	/** The file's own heading for a column (for messages), or our heading when the file lacks it. */
	headingOf(key: K): string;
	has(key: K): boolean;
};

/**
 * Checks the file's columns against the import's: every column known (or explicitly ignored), none
 * repeated, the required ones present, no values in unnamed columns. Problems are returned, not thrown,
 * so an import can list them with the rows' problems.
 */
export function tableOf<K extends string>(
	file: CsvFile,
	columns: readonly ColumnSpec<K>[],
	mapping: ColumnMapping<K> = guessMapping(file.headers, columns)
): { table: CsvTable<K>; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const index = new Map<K, number>();
	const known = columns.map((c) => c.heading).join(', ');
	const specOf = new Map(columns.map((c) => [c.key, c] as const));
	file.headers.forEach((name, i) => {
		const key = mapping[i] ?? null;
		if (key === 'ignore') return;
		if (key === null) {
			if (name === '') {
				const withValue = file.records.find((r) => (r.cells[i] ?? '').trim() !== '');
				if (withValue)
					errors.push({
						field: 'columns',
						row: withValue.row,
						column: `column ${i + 1}`,
						value: (withValue.cells[i] ?? '').trim(),
						message: 'This value is in a column with no heading. Add the heading or remove the value'
					});
				return;
			}
			errors.push({
				field: 'columns',
				row: 1,
				column: name,
				value: name,
				message: `“${name}” is not a column we know. Rename it to one of: ${known}, or remove the column`
			});
			return;
		}
		if (!specOf.has(key)) {
			errors.push({
				field: 'columns',
				row: 1,
				column: name,
				value: name,
				message: `“${key}” is not a column of this import`
			});
			return;
		}
		if (index.has(key)) {
			errors.push({
				field: 'columns',
				row: 1,
				column: name,
				value: name,
				message: `“${name}” repeats the ${specOf.get(key)!.heading} column (“${file.headers[index.get(key)!]}”). Keep one of them`
			});
			return;
		}
		index.set(key, i);
	});
	for (const c of columns)
		if (c.required && !index.has(c.key))
			errors.push({
				field: 'columns',
				row: 1,
				column: c.heading,
				message: `The file needs a ${c.heading} column: ${c.help}`
			});
	for (const r of file.records)
		if (r.cells.length > file.headers.length && r.cells.slice(file.headers.length).some((v) => v.trim() !== ''))
			errors.push({
				field: 'columns',
				row: r.row,
				message: 'This row has more cells than there are column headings. Check for a stray comma or semicolon'
			});
	const table: CsvTable<K> = {
		headers: file.headers,
		mapping,
		records: file.records,
		get: (record, key) => {
			const i = index.get(key);
			return i === undefined ? '' : (record.cells[i] ?? '').trim();
		},
		headingOf: (key) => {
			const i = index.get(key);
			return i === undefined ? (specOf.get(key)?.heading ?? key) : file.headers[i]!;
		},
		has: (key) => index.has(key)
	};
	return { table, errors };
}

const YES = new Set(['y', 'yes', 'true', '1', 't']);
const NO = new Set(['n', 'no', 'false', '0', 'f']);

/** Y/N, yes/no, true/false, 1/0 (any case) → boolean; '' → undefined; anything else → null. */
export function parseYesNo(value: string): boolean | undefined | null {
	const v = value.trim().toLowerCase();
	if (v === '') return undefined;
	if (YES.has(v)) return true;
	if (NO.has(v)) return false;
	return null;
}

/** DD/MM/YYYY (UK), D/M/YYYY or DD-MM-YYYY → YYYY-MM-DD; anything else unchanged (the caller judges it). */
export function ukDateToIso(value: string): string {
	const s = value.trim();
	const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
	if (!m) return s;
	return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * A date as ISO YYYY-MM-DD or UK DD/MM/YYYY (an MIS may add a midnight time, which is dropped) → ISO;
 * undefined when it is not a real calendar date (31/02/2026, 2026-13-01).
 */
export function parseDate(value: string): string | undefined {
	const s = ukDateToIso(value.trim().replace(/[ T]00:00(:00)?(\.0+)?Z?$/, ''));
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 1900 || y > 2200) return undefined;
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
	return s;
}

/** 24-hour HH:MM (or H:MM, HH.MM, HH:MM:SS) → "HH:MM"; undefined when it is not a time of day. */
export function parseTime(value: string): string | undefined {
	const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(value.trim());
	if (!m) return undefined;
	const h = Number(m[1]);
	const min = Number(m[2]);
	if (h > 23 || min > 59) return undefined;
	return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** Every problem in row order, one per row, field and value (the first found). */
export function sortErrors(errors: FieldError[]): FieldError[] {
	const seen = new Set<string>();
	return errors
		.filter((e) => {
			const key = `${e.row ?? 0}\u0000${e.field}\u0000${e.column ?? ''}\u0000${e.value ?? ''}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** A template file: the headings and, when given, example rows, with a BOM so Excel reads accents. */
export function templateCsv(columns: readonly ColumnSpec[], examples: readonly (readonly string[])[] = []): string {
	return (
		'\uFEFF' +
		Papa.unparse([columns.map((c) => c.heading), ...examples.map((r) => [...r])], { newline: '\r\n' }) +
		'\r\n'
	);
}
