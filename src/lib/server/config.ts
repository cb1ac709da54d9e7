/**
 * All settings in one place. Development gets safe defaults so `npm start` works with nothing set;
 * production refuses to start when a setting it cannot do without is missing, and says which.
 */
import path from 'node:path';

export type Config = {
	production: boolean;
	port: number;
	host: string;
	/** Public base URL, e.g. https://careers.example.sch.uk — links in emails and the CSRF origin. */
	baseUrl: string;
	/** Postgres connection string; when absent the embedded database (PGlite) in dataDir is used. */
	databaseUrl: string | undefined;
	dataDir: string;
	/** Pepper for hashing session, reset and invitation tokens. */
	secret: string;
	/** smtp://user:pass@host:port — when absent, mail is written to outboxDir instead. */
	smtpUrl: string | undefined;
	mailFrom: string;
	outboxDir: string;
	sessionIdleMinutes: number;
	sessionMaxHours: number;
	signInMaxFailures: number;
	signInLockMinutes: number;
	/** Create the demo trust and schools on an empty embedded database (never in production). */
	demoOnEmpty: boolean;
};

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a whole number above 0, not "${raw}".`);
	return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const production = env.NODE_ENV === 'production';
	const port = int(env, 'PORT', 3000);
	const dataDir = path.resolve(env.WAYMARK_DATA_DIR || 'data');
	const missing: string[] = [];
	const required = (name: string, devDefault: string): string => {
		const value = env[name];
		if (value) return value;
		if (production) missing.push(name);
		return devDefault;
	};
	const baseUrl = required('PUBLIC_BASE_URL', `http://localhost:${port}`).replace(/\/$/, '');
	const secret = required('WAYMARK_SECRET', 'development-only-secret-do-not-use-in-production');
	const smtpUrl = production ? required('SMTP_URL', '') : env.SMTP_URL || undefined;
	const mailFrom = required('MAIL_FROM', 'Waymark <waymark@localhost>');
	if (missing.length) {
		throw new ConfigError(
			`Waymark will not start in production without: ${missing.join(', ')}. ` +
				'Set them in the environment (see docs/admin-guide.md, "Configuration").'
		);
	}
	if (production && secret.length < 32) {
		throw new ConfigError('WAYMARK_SECRET must be at least 32 characters in production.');
	}
	try {
		new URL(baseUrl);
	} catch {
		throw new ConfigError(`PUBLIC_BASE_URL must be a full URL such as https://careers.example.org, not "${baseUrl}".`);
	}
	return {
		production,
		port,
		host: env.HOST || '0.0.0.0',
		baseUrl,
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir,
		secret,
		smtpUrl: smtpUrl || undefined,
		mailFrom,
		outboxDir: path.resolve(env.WAYMARK_OUTBOX_DIR || path.join(dataDir, 'outbox')),
		sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 240),
		sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 24 * 7),
		signInMaxFailures: int(env, 'SIGN_IN_MAX_FAILURES', 5),
		signInLockMinutes: int(env, 'SIGN_IN_LOCK_MINUTES', 15),
		demoOnEmpty: !production && env.WAYMARK_DEMO !== 'off'
	};
}

let current: Config | undefined;
export function config(): Config {
	current ??= loadConfig();
	return current;
}
/** Tests and the CLI set the configuration explicitly. */
export function setConfig(next: Config): void {
	current = next;
}
