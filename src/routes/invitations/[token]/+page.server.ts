import { redirect } from '@sveltejs/kit';
import { acceptInvitation, viewInvitation } from '#lib/server/people/service.ts';
import { PASSWORD_RULE } from '#lib/server/auth/password.ts';
import { setSessionCookie } from '#lib/server/auth/cookie.ts';
import { endSession, SESSION_COOKIE } from '#lib/server/auth/session.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ROLE_LABELS } from '#lib/domain/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await viewInvitation(params.token);
	return {
		invitation: invitation && { ...invitation, roleLabels: invitation.roles.map((r) => ROLE_LABELS[r]) },
		rule: PASSWORD_RULE
	};
};

export const actions: Actions = {
	default: async ({ request, params, cookies }) => {
		const { values } = await readForm(request);
		try {
			const session = await acceptInvitation(params.token, {
				name: text(values, 'name'),
				password: text(values, 'password'),
				confirm: text(values, 'confirm')
			});
			// Whoever was signed in on this browser before is signed out: the invitation is for this person.
			await endSession(cookies.get(SESSION_COOKIE));
			setSessionCookie(cookies, session.token, session.expiresAt);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, '/');
	}
};
