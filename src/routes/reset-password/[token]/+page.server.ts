import { resetPassword, resetTokenIsValid } from '#lib/server/auth/password-reset.ts';
import { PASSWORD_RULE } from '#lib/server/auth/password.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => ({
	valid: await resetTokenIsValid(params.token),
	rule: PASSWORD_RULE
});

export const actions: Actions = {
	default: async ({ request, params }) => {
		const { values } = await readForm(request);
		try {
			await resetPassword(params.token, text(values, 'password'), text(values, 'confirm'));
		} catch (e) {
			return failed(e, values);
		}
		return { done: true };
	}
};
