/** Rewrites docs/data-formats.md from the importers' own column lists: `npm run docs:data-formats`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formattedDataFormats } from '../src/lib/server/imports/data-formats.ts';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'data-formats.md');
fs.writeFileSync(file, await formattedDataFormats(file));
console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
