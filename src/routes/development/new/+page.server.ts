import { error, redirect } from '@sveltejs/kit';
import { organisationsRunBy } from '#lib/server/development/access.ts';
import { createProgramme } from '#lib/server/development/programmes.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ORGANISATION_KIND_LABELS } from '#lib/domain/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	if (!actor) error(401, 'Sign in to start a programme');
	const organisations = organisationsRunBy(actor);
	return {
		organisations: organisations.map((o) => ({
			value: o.id,
			label: `${o.name} (${ORGANISATION_KIND_LABELS[o.kind].toLowerCase()})`
		})),
		defaultOrganisation:
			organisations.find((o) => o.id === actor.currentOrganisationId)?.id ?? organisations[0]?.id ?? ''
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const actor = locals.actor;
		if (!actor) error(401, 'Sign in to start a programme');
		const { values } = await readForm(request);
		let id: string;
		try {
			({ id } = await createProgramme(
				actor,
				{
					organisationId: text(values, 'organisationId'),
					title: text(values, 'title'),
					description: text(values, 'description'),
					start: text(values, 'start') || undefined
				},
				locals.requestId
			));
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/development/${id}?created=1`);
	}
};
