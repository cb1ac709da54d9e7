import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { invite } from '#lib/server/people/service.ts';
import { failed, list, readForm, text } from '#lib/server/forms.ts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, SCHOOL_ROLES, TAG_LABELS, TEACHER_TAGS } from '#lib/domain/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const { school } = schoolContext(locals);
	return {
		school,
		roles: SCHOOL_ROLES.map((value) => ({ value, label: ROLE_LABELS[value], hint: ROLE_DESCRIPTIONS[value] })),
		tags: TEACHER_TAGS.map((value) => ({ value, label: TAG_LABELS[value] }))
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const input = {
			email: text(values, 'email'),
			name: text(values, 'name'),
			roles: list(values, 'roles'),
			tags: list(values, 'tags')
		};
		try {
			await invite(actor, school, input, locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/schools/${school.urn}/people?invited=${encodeURIComponent(input.email.trim().toLowerCase())}`);
	}
};
