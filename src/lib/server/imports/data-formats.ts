/**
 * docs/data-formats.md is written from the importers themselves (their columns, the names accepted and
 * what goes in each), so the documentation cannot drift from the code: `npm run docs:data-formats`
 * rewrites it and a unit test fails when it is out of date.
 */
import { allImporters } from './registry.ts';

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function dataFormatsMarkdown(): string {
	const out: string[] = [
		'# Data formats: the spreadsheets Waymark imports',
		'',
		'<!-- Written by `npm run docs:data-formats` from src/lib/server/**/import*.ts. Do not edit by hand. -->',
		'',
		'Every import reads a CSV file: UTF-8 with or without a byte-order mark (a file saved by older Excel as',
		'Windows-1252 is read too), comma, semicolon or tab delimited, CRLF or LF line ends, column headings in the',
		'first row in any order. Headings are matched loosely (case, spaces, punctuation and accents do not matter)',
		'and the other names listed are accepted too. A column Waymark does not know is an error unless you choose',
		'not to import it (on the web page) or pass `--ignore-column NAME` (on the command line).',
		'',
		'Every import is all or nothing: each row is checked first and any problem is reported with its row number',
		'(the heading row is row 1), the column, the value and what was expected, and nothing is written. Importing',
		'the same file again changes nothing. Yes/no columns accept Y/N, yes/no, true/false and 1/0; dates',
		'`YYYY-MM-DD` or `DD/MM/YYYY`; times `HH:MM` on the 24-hour clock (Europe/London).',
		'',
		'Web: **Imports** → choose the kind (`/schools/<URN>/imports`). Command line:',
		'`waymark import <kind> FILE --school URN [--academic-year 2026/27] [--dry-run] [--json]`.',
		''
	];
	for (const importer of allImporters()) {
		out.push(`## ${importer.title} (\`${importer.kind}\`)`, '', importer.description, '');
		out.push(
			`Template heading row: \`${importer.columns.map((c) => c.heading).join(',')}\``,
			'',
			'| column | needed | also accepted as | what goes in it |',
			'| --- | --- | --- | --- |'
		);
		for (const c of importer.columns) {
			const names = c.names.filter((n) => n.toLowerCase() !== c.heading.toLowerCase());
			out.push(
				`| ${cell(c.heading)} | ${c.required ? 'yes' : 'no'} | ${cell(names.join(', ')) || '—'} | ${cell(c.help)} |`
			);
		}
		out.push('');
	}
	return out.join('\n');
}

/** The generated text as Prettier lays it out with the repository's settings (as `npm run lint` checks it). */
export async function formattedDataFormats(file: string): Promise<string> {
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(file)) ?? {};
	return prettier.format(dataFormatsMarkdown(), { ...options, filepath: file });
}
