import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exportBaseName, exportResponse, neutralise, toCsv, toXlsx } from './table.ts';

describe('neutralise', () => {
	it.each([
		['=SUM(A1:A2)', "'=SUM(A1:A2)"],
		['+44 1905 000000', "'+44 1905 000000"],
		['-1', "'-1"],
		['@cmd', "'@cmd"],
		['\tTabbed', "'\tTabbed"],
		['\rReturn', "'\rReturn"],
		['Year 9 careers fair', 'Year 9 careers fair'],
		['a=b', 'a=b'],
		['', ''],
		['✓', '✓']
	])('%j → %j', (input, output) => {
		expect(neutralise(input)).toBe(output);
	});
});

describe('toCsv', () => {
	it('writes a BOM, a header row and CRLF rows, quoting where needed and neutralising formulas', () => {
		const csv = toCsv({
			sheetName: 'x',
			headers: ['Gatsby Benchmark', '=HYPERLINK("http://evil")', 'Talk, then Q&A'],
			rows: [
				['1. A stable careers programme', '✓', ''],
				['-2+3', 42, null]
			]
		});
		expect(csv).toBe(
			'\uFEFFGatsby Benchmark,"\'=HYPERLINK(""http://evil"")","Talk, then Q&A"\r\n' +
				'1. A stable careers programme,✓,\r\n' +
				"'-2+3,42,\r\n"
		);
	});
});

describe('toXlsx', () => {
	it('keeps the rows and neutralises formula text, leaving numbers as numbers', async () => {
		const bytes = await toXlsx({ sheetName: 'Benchmarks', headers: ['Aim', '@Session 1'], rows: [['=1+1', -5]] });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Benchmarks');
		expect(sheet?.getCell('A1').value).toBe('Aim');
		expect(sheet?.getCell('B1').value).toBe("'@Session 1");
		expect(sheet?.getCell('A2').value).toBe("'=1+1");
		expect(sheet?.getCell('B2').value).toBe(-5);
	});
});

describe('exportResponse', () => {
	it('answers an attachment with a tidy file name', async () => {
		const response = await exportResponse(
			{ sheetName: 's', headers: ['a'], rows: [] },
			'csv',
			exportBaseName('Riverside Academy', '2025/26', 'benchmark mapping')
		);
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="riverside-academy-2025-26-benchmark-mapping.csv"'
		);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]); // BOM, "a", CRLF
	});
});
