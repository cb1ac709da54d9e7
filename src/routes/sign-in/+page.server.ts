import { redirect } from '@sveltejs/kit';
import { signIn } from '#lib/server/auth/sign-in.ts';
import { setSessionCookie } from '#lib/server/auth/cookie.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { Actions, PageServerLoad } from './$types';

/** Only ever go back to a page of ours, never to another site. */
function safeReturn(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeReturn(url.searchParams.get('returnTo')));
	return { returnTo: safeReturn(url.searchParams.get('returnTo')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const { values } = await readForm(request);
		const result = await signIn(text(values, 'email'), text(values, 'password'));
		if (!result.ok) return failed(ValidationError.one(result.field, result.message), values);
		setSessionCookie(cookies, result.token, result.expiresAt);
		redirect(303, safeReturn(text(values, 'returnTo') || url.searchParams.get('returnTo')));
	}
};
