import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { closeMail, latestOutboxMail, latestOutboxMessage, sendMail } from '../../src/lib/server/mail/send.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-mail-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => closeMail());

describe('outbox (no SMTP_URL)', () => {
	const outbox = path.join(tmp, 'outbox', 'nested');

	beforeAll(() => {
		setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox, MAIL_FROM: 'Waymark <waymark@school.example>' }));
	});

	it('writes a readable .eml file, creating the folder', async () => {
		const text =
			'Hello Ms Øyelowo,\n\nOpen this link to choose a password:\n\n' +
			'https://careers.example.sch.uk/reset-password/' +
			'a'.repeat(90) +
			'\n\nCafé at 4 o’clock.\n';
		const result = await sendMail({
			to: 'Pat.Jones@School.example',
			subject: 'Reset your Waymark password — today',
			text
		});
		expect(result.delivered).toBe('outbox');
		expect(result.path).toBeDefined();
		expect(path.dirname(result.path!)).toBe(outbox);
		expect(path.basename(result.path!)).toMatch(/^\d{8}T\d{9}Z-\d{4}-pat\.jones@school\.example\.eml$/);

		const raw = fs.readFileSync(result.path!, 'utf8');
		expect(raw).toMatch(/^From: Waymark <waymark@school\.example>\r$/m);
		expect(raw).toMatch(/^To: Pat\.Jones@school\.example\r$/m);
		expect(raw).toMatch(/^Subject: /m);
		expect(raw).toMatch(/^Date: /m);
		expect(raw).toContain('Hello Ms');

		const mail = latestOutboxMail('pat.jones@school.example');
		expect(mail?.subject).toBe('Reset your Waymark password — today');
		expect(mail?.from).toBe('Waymark <waymark@school.example>');
		expect(mail?.text).toBe(text);
		expect(latestOutboxMessage('PAT.JONES@school.example')).toBe(text);
	});

	it('finds the newest message for each recipient and no one else’s', async () => {
		await sendMail({ to: 'bob@school.example', subject: 'One', text: 'first' });
		await sendMail({ to: 'jim-bob@school.example', subject: 'Other', text: 'not for bob' });
		await sendMail({ to: 'bob@school.example', subject: 'Two', text: 'second' });
		// Every message body ends with one line break, as mail programs write them.
		expect(latestOutboxMessage('bob@school.example')).toBe('second\n');
		expect(latestOutboxMessage('jim-bob@school.example')).toBe('not for bob\n');
		expect(latestOutboxMessage('nobody@school.example')).toBeUndefined();
		expect(latestOutboxMessage('bob@school.example', path.join(tmp, 'missing'))).toBeUndefined();
	});
});

describe('SMTP (SMTP_URL set)', () => {
	type Received = { from: string; to: string[]; user: string | undefined; data: string };
	const received: Received[] = [];
	let server: SMTPServer;
	let port = 0;

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			allowInsecureAuth: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onAuth(auth, _session, callback) {
				if (auth.username === 'waymark' && auth.password === 's3cret pass') callback(null, { user: auth.username });
				else callback(new Error('Invalid username or password'));
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (chunk: Buffer) => chunks.push(chunk));
				stream.on('end', () => {
					received.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address),
						user: session.user as string | undefined,
						data: Buffer.concat(chunks).toString('utf8')
					});
					callback();
				});
			}
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		const address = server.server.address();
		port = typeof address === 'object' && address ? address.port : 0;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('delivers to the SMTP server from MAIL_FROM, with credentials from the URL', async () => {
		const outbox = path.join(tmp, 'smtp-outbox');
		setConfig(
			loadConfig({
				SMTP_URL: `smtp://waymark:${encodeURIComponent('s3cret pass')}@127.0.0.1:${port}`,
				MAIL_FROM: 'Waymark <noreply@careers.example.sch.uk>',
				WAYMARK_OUTBOX_DIR: outbox
			})
		);
		const result = await sendMail({
			to: 'leader@school.example',
			subject: 'You are invited to Northfield Academy on Waymark',
			text: 'Hello Sam,\n\nOpen this link within 14 days to accept:\n\nhttps://careers.example.sch.uk/invitations/abc\n'
		});
		expect(result).toEqual({ delivered: 'smtp' });
		expect(received).toHaveLength(1);
		const message = received[0]!;
		expect(message.from).toBe('noreply@careers.example.sch.uk');
		expect(message.to).toEqual(['leader@school.example']);
		expect(message.user).toBe('waymark');
		expect(message.data).toMatch(/^Subject: You are invited to Northfield Academy on Waymark\r$/m);
		expect(message.data).toMatch(/^From: Waymark <noreply@careers\.example\.sch\.uk>\r$/m);
		expect(message.data).toContain('https://careers.example.sch.uk/invitations/abc');
		expect(fs.existsSync(outbox)).toBe(false);
	});

	it('says which server refused the message', async () => {
		setConfig(loadConfig({ SMTP_URL: `smtp://waymark:wrong@127.0.0.1:${port}` }));
		await expect(sendMail({ to: 'x@school.example', subject: 'x', text: 'x' })).rejects.toThrow(
			`Could not send the email to x@school.example through 127.0.0.1:${port}`
		);
	});
});
