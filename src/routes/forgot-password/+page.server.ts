import { requestPasswordReset } from '#lib/server/auth/password-reset.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request }) => {
		const { values } = await readForm(request);
		try {
			await requestPasswordReset(text(values, 'email'));
		} catch (e) {
			return failed(e, values);
		}
		return { sent: true, email: text(values, 'email').trim() };
	}
};
