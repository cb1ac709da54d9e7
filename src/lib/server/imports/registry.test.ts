import { describe, expect, it } from 'vitest';
import { guessMapping, readCsv, tableOf, templateCsv } from './csv.ts';
import { decodeText, IMPORTERS, importerFor } from './registry.ts';
import { IMPORT_KINDS } from './types.ts';

describe('the imports', () => {
	it('has one import for each kind, under its own kind', () => {
		for (const kind of IMPORT_KINDS) expect(IMPORTERS[kind].kind).toBe(kind);
		expect(importerFor('pupils')).toBe(IMPORTERS.pupils);
		expect(importerFor('rabbits')).toBeUndefined();
		expect(importerFor('toString')).toBeUndefined();
	});

	it.each(IMPORT_KINDS)('%s: its template reads back with every column recognised', (kind) => {
		const importer = IMPORTERS[kind];
		const keys = importer.columns.map((c) => c.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const example of importer.example) expect(example).toHaveLength(importer.columns.length);
		const file = readCsv(decodeText(new TextEncoder().encode(templateCsv(importer.columns, importer.example))));
		expect(file.headers).toEqual(importer.columns.map((c) => c.heading));
		expect(guessMapping(file.headers, importer.columns)).toEqual(keys);
		expect(tableOf(file, importer.columns).errors).toEqual([]);
	});
});

describe('decodeText', () => {
	it('reads UTF-8, and Excel’s Windows-1252 CSV without losing accents', () => {
		expect(decodeText(new TextEncoder().encode('\uFEFFZoë,Siân'))).toBe('Zoë,Siân');
		expect(decodeText(Uint8Array.from([0x5a, 0x6f, 0xeb, 0x2c, 0x53, 0x69, 0xe2, 0x6e]))).toBe('Zoë,Siân');
	});
});
