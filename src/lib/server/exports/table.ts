/**
 * THE export helper: every list a careers leader can download goes through here, as CSV or XLSX, with
 * spreadsheet formulas neutralised. A text cell starting with = + - @, a tab or a carriage return
 * would run as a formula when opened in Excel or LibreOffice (CSV injection), so it gets a leading
 * apostrophe and is shown as the text it is. Numbers stay numbers.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

export type ExportCell = string | number | boolean | null | undefined;

export type ExportTable = {
	/** The worksheet's name in XLSX (trimmed to Excel's 31 characters). */
	sheetName: string;
	headers: readonly string[];
	rows: readonly (readonly ExportCell[])[];
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralise(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

function cellValue(cell: ExportCell): string | number {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
	if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
	return neutralise(cell);
}

/**
 * CSV as Excel opens it cleanly: UTF-8 with a byte-order mark (so ✓ and accents survive), CRLF line
 * ends, fields quoted where needed.
 */
export function toCsv(table: ExportTable): string {
	const body = Papa.unparse(
		{ fields: table.headers.map((h) => neutralise(h)), data: table.rows.map((row) => row.map(cellValue)) },
		{ newline: '\r\n', quotes: false }
	);
	return `\uFEFF${body.replace(/(\r\n)+$/, '')}\r\n`;
}

/** XLSX with a bold, frozen header row and columns wide enough to read. */
export async function toXlsx(table: ExportTable): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Waymark';
	const name = table.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1';
	const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.addRow(table.headers.map((h) => neutralise(h)));
	sheet.getRow(1).font = { bold: true };
	for (const row of table.rows) sheet.addRow(row.map(cellValue));
	sheet.columns.forEach((column, i) => {
		const longest = Math.max(
			(table.headers[i] ?? '').length,
			...table.rows.map((row) => String(cellValue(row[i])).length)
		);
		column.width = Math.min(60, Math.max(8, longest + 2));
	});
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}

/** "Riverside Academy" + "2025/26" + "benchmark mapping" → "riverside-academy-2025-26-benchmark-mapping". */
export function exportBaseName(...parts: string[]): string {
	return (
		parts
			.join(' ')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'export'
	);
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** The download: the table in the format asked for, as an attachment named `<baseName>.<format>`. */
export async function exportResponse(table: ExportTable, format: ExportFormat, baseName: string): Promise<Response> {
	const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
	const filename = `${exportBaseName(baseName)}.${format}`;
	return new Response(body as BodyInit, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
}
