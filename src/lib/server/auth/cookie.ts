import type { Cookies } from '@sveltejs/kit';
import { config } from '../config.ts';
import { SESSION_COOKIE } from './session.ts';

/** HttpOnly, SameSite=Lax, Secure whenever the service is on https. */
export function setSessionCookie(cookies: Cookies, token: string, expires: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config().baseUrl.startsWith('https:'),
		expires
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: config().baseUrl.startsWith('https:') });
}
