/**
 * THE PDF helper: every document Waymark prints (a pupil's careers record, the governors' report…) is
 * built here with pdfmake on the server, in DejaVu Sans so accented and non-Latin names print.
 *
 * The fonts are read once from `dejavu-fonts-ttf` into pdfmake's in-memory file system; pdfmake may
 * not fetch anything from the network or read any other local file (a document definition naming a
 * URL or a path is refused), so a name typed into a form can never pull something into a PDF.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

export type { Content, TDocumentDefinitions };

export const PDF_FONT = 'DejaVuSans';

const FONT_FILES = {
	normal: 'DejaVuSans.ttf',
	bold: 'DejaVuSans-Bold.ttf',
	italics: 'DejaVuSans-Oblique.ttf',
	bolditalics: 'DejaVuSans-BoldOblique.ttf'
} as const;

let ready = false;

/** Loads the fonts into pdfmake's virtual file system (once) and shuts every other door. */
function setUp(): void {
	if (ready) return;
	const require = createRequire(import.meta.url);
	const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs;
	for (const file of Object.values(FONT_FILES)) {
		vfs.writeFileSync(file, fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
	}
	pdfmake.setFonts({ [PDF_FONT]: { ...FONT_FILES } });
	pdfmake.setUrlAccessPolicy(() => false);
	pdfmake.setLocalAccessPolicy(() => false);
	ready = true;
}

/** A4, margins for a header and a footer, DejaVu Sans, and the styles documents share. */
export const PAGE_SETUP = {
	pageSize: 'A4',
	pageMargins: [40, 60, 40, 50],
	defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.2 },
	styles: {
		title: { fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
		subtitle: { fontSize: 12, color: '#505a5f', margin: [0, 0, 0, 12] },
		h2: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
		h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
		small: { fontSize: 8, color: '#505a5f' },
		tableHeader: { bold: true, fillColor: '#f3f2f1' },
		muted: { color: '#505a5f' }
	}
} satisfies Partial<TDocumentDefinitions>;

/**
 * A running header (the organisation's name on the left, the document's title on the right) and a
 * footer with the date printed and "Page n of m".
 */
export function headerAndFooter(options: {
	organisation: string;
	title: string;
	printedOn: string;
}): Pick<TDocumentDefinitions, 'header' | 'footer'> {
	return {
		header: () => ({
			columns: [
				{ text: options.organisation, bold: true },
				{ text: options.title, alignment: 'right', style: 'muted' }
			],
			margin: [40, 24, 40, 0],
			fontSize: 9
		}),
		footer: (currentPage: number, pageCount: number) => ({
			columns: [
				{ text: `Printed on ${options.printedOn}`, style: 'small' },
				{ text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', style: 'small' }
			],
			margin: [40, 16, 40, 0]
		})
	};
}

/** A simple table: a bold header row, then the rows; repeats the header on every page. */
export function simpleTable(
	headers: readonly string[],
	rows: readonly (readonly string[])[],
	widths?: (string | number)[]
): Content {
	return {
		table: {
			headerRows: 1,
			keepWithHeaderRows: 1,
			dontBreakRows: true,
			widths: widths ?? headers.map(() => '*'),
			body: [
				headers.map((text) => ({ text, style: 'tableHeader' })),
				...rows.map((row) => row.map((text) => ({ text })))
			]
		},
		layout: 'lightHorizontalLines',
		margin: [0, 0, 0, 8]
	};
}

/** The PDF's bytes. Pass `compress: false` in the definition to keep the content streams readable. */
export async function pdfBuffer(docDefinition: TDocumentDefinitions): Promise<Buffer> {
	setUp();
	return pdfmake
		.createPdf({
			...PAGE_SETUP,
			...docDefinition,
			defaultStyle: { ...PAGE_SETUP.defaultStyle, ...docDefinition.defaultStyle },
			styles: { ...PAGE_SETUP.styles, ...docDefinition.styles }
		})
		.getBuffer();
}
