import { redirect } from '@sveltejs/kit';
import { placeHref } from '#lib/server/navigation.ts';
import type { PageServerLoad } from './$types';

/** Home is wherever the person works now; someone with no school yet sees a page that says so. */
export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	const place =
		actor?.memberships.find((m) => m.organisationId === actor.currentOrganisationId) ?? actor?.memberships[0];
	if (place) redirect(303, placeHref(place));
	return {};
};
