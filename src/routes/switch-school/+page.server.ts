import { error, redirect } from '@sveltejs/kit';
import { switchPlace, SESSION_COOKIE } from '#lib/server/auth/session.ts';
import { placeHref } from '#lib/server/navigation.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	if (!actor) error(401);
	return {
		choices: actor.memberships.map((m) => ({ id: m.organisationId, name: m.name, kind: m.kind, urn: m.urn })),
		currentId: actor.currentOrganisationId
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const actor = locals.actor;
		const token = cookies.get(SESSION_COOKIE);
		if (!actor || !token) error(401);
		const { values } = await readForm(request);
		const id = text(values, 'place');
		const place = actor.memberships.find((m) => m.organisationId === id);
		if (!place || !(await switchPlace(token, actor, id))) {
			return failed(ValidationError.one('place', 'Choose one of your schools'), values);
		}
		redirect(303, placeHref(place));
	}
};
