import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataFormatsMarkdown, formattedDataFormats } from './data-formats.ts';
import { allImporters } from './registry.ts';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/data-formats.md');

describe('docs/data-formats.md', () => {
	it('lists every import with every column heading', () => {
		const markdown = dataFormatsMarkdown();
		for (const importer of allImporters()) {
			expect(markdown).toContain(`(\`${importer.kind}\`)`);
			for (const c of importer.columns) expect(markdown).toContain(`| ${c.heading} |`);
		}
	});

	it('says what the importers do today (run `npm run docs:data-formats` after changing an import)', async () => {
		expect(fs.readFileSync(DOC, 'utf8')).toBe(await formattedDataFormats(DOC));
	});
});
