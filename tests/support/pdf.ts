/**
 * Reading a PDF the way a person's PDF reader would, for tests that check what a document says:
 * its text (content streams inflated, each font's ToUnicode map applied) and its information entries.
 */
import zlib from 'node:zlib';

/**
 * The text a PDF reader would show: every content stream inflated, each font's ToUnicode map read, and
 * each text-showing operator's glyph codes turned back into characters with the font selected by `Tf`.
 */
export function pdfText(pdf: Buffer): string {
	const raw = pdf.toString('latin1');
	const objects = new Map<string, { dict: string; stream: string | null }>();
	const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
	for (let m = objectPattern.exec(raw); m; m = objectPattern.exec(raw)) {
		const body = m[2] ?? '';
		const at = body.indexOf('stream');
		if (at < 0) {
			objects.set(m[1] ?? '', { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, at);
		let data = body.slice(at + 'stream'.length).replace(/^\r?\n/, '');
		data = data.slice(0, data.lastIndexOf('endstream'));
		const bytes = Buffer.from(data, 'latin1');
		let text: string;
		try {
			text = /FlateDecode/.test(dict) ? zlib.inflateSync(bytes).toString('latin1') : data;
		} catch {
			text = '';
		}
		objects.set(m[1] ?? '', { dict, stream: text });
	}
	// Font resource name (/F1) → object number → ToUnicode map (glyph code → text).
	const maps = new Map<string, Map<number, string>>();
	for (const [, object] of objects) {
		for (const [, name, ref] of object.dict.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
			const font = objects.get(ref ?? '');
			const cmapRef = /\/ToUnicode\s+(\d+) 0 R/.exec(font?.dict ?? '')?.[1];
			const cmap = cmapRef ? objects.get(cmapRef)?.stream : undefined;
			if (!name || !cmap || maps.has(name)) continue;
			const map = new Map<number, string>();
			for (const [, start, entries] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
				[...(entries ?? '').matchAll(/<([0-9a-f ]+)>/gi)].forEach((entry, i) => {
					const units = (entry[1] ?? '').split(' ').map((h) => parseInt(h, 16));
					map.set(parseInt(start ?? '0', 16) + i, String.fromCharCode(...units));
				});
			}
			maps.set(name, map);
		}
	}
	let out = '';
	for (const [, object] of objects) {
		const content = object.stream;
		if (!content || !/\bTJ\b|\bTj\b/.test(content) || /beginbfrange/.test(content)) continue;
		let font: Map<number, string> | undefined;
		for (const [op] of content.matchAll(/\/F\d+\s+[\d.]+\s+Tf|\[[^\]]*\]\s*TJ|<[0-9a-f]*>\s*Tj/gi)) {
			if (op.endsWith('Tf')) {
				font = maps.get(op.split(/\s+/)[0]?.slice(1) ?? '');
				continue;
			}
			for (const [, hex] of op.matchAll(/<([0-9a-f]*)>/gi)) {
				for (let i = 0; i + 4 <= (hex ?? '').length; i += 4) out += font?.get(parseInt(hex!.slice(i, i + 4), 16)) ?? '';
			}
			out += ' ';
		}
	}
	return out.replace(/\s+/g, ' ');
}

/** A document information entry (/Title, /Author…): a literal string, UTF-16BE when it starts with a BOM. */
export function pdfInfo(pdf: Buffer, key: string): string | undefined {
	const raw = pdf.toString('latin1');
	const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
	const literal = ref
		? new RegExp(`\\b${ref} 0 obj\\s*\\(([\\s\\S]*?)\\)\\s*endobj`).exec(raw)?.[1]
		: new RegExp(`/${key} \\(([^)]*)\\)`).exec(raw)?.[1];
	if (literal === undefined) return undefined;
	const bytes = Buffer.from(literal.replace(/\\([()\\])/g, '$1'), 'latin1');
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
	return bytes.toString('latin1');
}
