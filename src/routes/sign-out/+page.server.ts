import { redirect } from '@sveltejs/kit';
import { endSession, SESSION_COOKIE } from '#lib/server/auth/session.ts';
import { clearSessionCookie } from '#lib/server/auth/cookie.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies }) => {
		await endSession(cookies.get(SESSION_COOKIE));
		clearSessionCookie(cookies);
		redirect(303, '/sign-in?signedOut=1');
	}
};
