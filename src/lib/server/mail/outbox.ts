/**
 * Reading the outbox back: the newest message for a recipient, decoded to plain text. For tests and
 * for development, where no mail server is set up and sign-in links are fetched from the outbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';

export type OutboxMail = { path: string; from: string; to: string; subject: string; date: string; text: string };

/** The recipient as a file-name part: lower case, nothing a file system could object to. */
export function outboxName(to: string): string {
	return (
		to
			.trim()
			.toLowerCase()
			.replace(/[^a-z0-9@._+-]+/g, '_')
			.slice(0, 120) || 'unknown'
	);
}

const FILE_NAME = /^(\d{8}T\d{9}Z)-(\d{4})-(.+)\.eml$/;

function decodeQuotedPrintable(text: string): Buffer {
	const soft = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		const ch = soft[i]!;
		const hex = soft.slice(i + 1, i + 3);
		if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
		}
	}
	return Buffer.from(bytes);
}

/** RFC 2047 encoded words such as =?UTF-8?Q?H=C3=A9llo?= in headers. */
function decodeHeader(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, data: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8')
		);
}

/** Parses one single-part text message as nodemailer writes it. */
export function readOutboxFile(file: string): OutboxMail {
	const raw = fs.readFileSync(file, 'latin1');
	const split = raw.search(/\r?\n\r?\n/);
	const head = split === -1 ? raw : raw.slice(0, split);
	const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
	const headers = new Map<string, string>();
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	const bytes =
		encoding === 'quoted-printable'
			? decodeQuotedPrintable(body)
			: encoding === 'base64'
				? Buffer.from(body.replace(/\s+/g, ''), 'base64')
				: Buffer.from(body, 'latin1');
	const header = (name: string) => decodeHeader(Buffer.from(headers.get(name) ?? '', 'latin1').toString('utf8'));
	return {
		path: file,
		from: header('from'),
		to: header('to'),
		subject: header('subject'),
		date: header('date'),
		text: bytes.toString('utf8').replace(/\r\n/g, '\n')
	};
}

/** The newest message in the outbox for this recipient, or undefined when there is none. */
export function latestOutboxMail(to: string, outboxDir = config().outboxDir): OutboxMail | undefined {
	let names: string[];
	try {
		names = fs.readdirSync(outboxDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const wanted = outboxName(to);
	const newest = names
		.filter((name) => FILE_NAME.exec(name)?.[3] === wanted)
		.sort()
		.at(-1);
	return newest ? readOutboxFile(path.join(outboxDir, newest)) : undefined;
}

/** The text (body) of the newest message in the outbox for this recipient, or undefined. */
export function latestOutboxMessage(to: string, outboxDir?: string): string | undefined {
	return latestOutboxMail(to, outboxDir)?.text;
}
