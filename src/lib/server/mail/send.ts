/**
 * Outgoing email. With SMTP_URL set, messages go to that SMTP server; without it (development, tests,
 * a school trying Waymark out) each message is written as a readable .eml file into the outbox folder,
 * where an administrator can open it in any mail program or text editor.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { config } from '../config.ts';
import { outboxName } from './outbox.ts';

export { latestOutboxMail, latestOutboxMessage, outboxName, readOutboxFile, type OutboxMail } from './outbox.ts';

export type MailMessage = { to: string; subject: string; text: string };
export type MailResult = { delivered: 'smtp' | 'outbox'; path?: string };

export class MailError extends Error {}

let smtp: { url: string; transport: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
	if (smtp?.url !== url) {
		smtp?.transport.close();
		smtp = { url, transport: nodemailer.createTransport(url) };
	}
	return smtp.transport;
}

/** Renders messages to RFC 822 text without sending them anywhere. */
const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

let sequence = 0;

/** 20261123T161155123Z: sorts in time order and is safe in every file system. */
function stamp(date: Date): string {
	return date.toISOString().replace(/[-:.]/g, '');
}

function smtpHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the SMTP server in SMTP_URL';
	}
}

export async function sendMail(message: MailMessage): Promise<MailResult> {
	const settings = config();
	const mail = { from: settings.mailFrom, to: message.to, subject: message.subject, text: message.text };
	if (settings.smtpUrl) {
		try {
			await smtpTransport(settings.smtpUrl).sendMail(mail);
		} catch (error) {
			throw new MailError(
				`Could not send the email to ${message.to} through ${smtpHost(settings.smtpUrl)}: ${(error as Error).message}. ` +
					'Check SMTP_URL and that the mail server accepts messages from this machine.',
				{ cause: error }
			);
		}
		return { delivered: 'smtp' };
	}
	const rendered = await renderer.sendMail(mail);
	const body = rendered.message as Buffer;
	fs.mkdirSync(settings.outboxDir, { recursive: true });
	const now = new Date();
	for (;;) {
		sequence = (sequence + 1) % 10_000;
		const file = path.join(
			settings.outboxDir,
			`${stamp(now)}-${String(sequence).padStart(4, '0')}-${outboxName(message.to)}.eml`
		);
		try {
			fs.writeFileSync(file, body, { flag: 'wx' });
			return { delivered: 'outbox', path: file };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

/** For tests: forget the cached SMTP connection settings. */
export function closeMail(): void {
	smtp?.transport.close();
	smtp = undefined;
}
