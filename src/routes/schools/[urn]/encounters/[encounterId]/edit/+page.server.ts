import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import {
	adviserChoices,
	getDeliveredActivity,
	partnerChoices,
	updateDeliveredActivity
} from '#lib/server/encounters/service.ts';
import { encounterFormOptions, encounterInput, encounterValues } from '#lib/server/encounters/form.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	let a;
	try {
		a = await getDeliveredActivity(actor, school, params.encounterId);
	} catch (e) {
		refuse(e);
	}
	const [partners, advisers] = await Promise.all([partnerChoices(actor, school), adviserChoices(actor, school)]);
	return {
		school,
		encounter: { id: a.id, title: a.title },
		options: encounterFormOptions(school, { partners, advisers, planned: [] }),
		initial: encounterValues(a),
		canAddPartners: can(actor, 'partners.edit', school.id)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await updateDeliveredActivity(actor, school, params.encounterId, encounterInput(values), locals.requestId);
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/encounters/${params.encounterId}?saved=1`);
	}
};
