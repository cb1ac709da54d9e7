import { createHmac, randomBytes } from 'node:crypto';
import { config } from '../config.ts';

/** A random token for a cookie or an emailed link. Only its HMAC is stored. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHmac('sha256', config().secret).update(token).digest('base64url');
}
