import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

export const PASSWORD_RULE =
	'Password must be at least 12 characters. Three or four unrelated words make a strong one you can remember.';

/** Length beats complexity rules (NCSC guidance); we also refuse the obvious. Null when acceptable. */
export function passwordProblem(password: string, email = ''): string | null {
	if (password.length < 12) return PASSWORD_RULE;
	if (password.length > 200) return 'Password must be 200 characters or fewer.';
	const lower = password.toLowerCase();
	const local = email.toLowerCase().split('@')[0] ?? '';
	if (local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address.';
	if (/^(.)\1+$/.test(password) || ['password1234', 'waymarkwaymark', '123456789012', 'qwertyuiopas'].includes(lower))
		return 'That password is too easy to guess. ' + PASSWORD_RULE;
	return null;
}
