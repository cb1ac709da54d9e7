import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import {
	adviserChoices,
	partnerChoices,
	plannedChoices,
	recordDeliveredActivity,
	startFromPlanned
} from '#lib/server/encounters/service.ts';
import { encounterFormOptions, encounterInput, encounterValues } from '#lib/server/encounters/form.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import { todayInLondon } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const [partners, advisers, planned] = await Promise.all([
		partnerChoices(actor, school),
		adviserChoices(actor, school),
		plannedChoices(actor, school)
	]);
	// ?planned=<id>: start from a planned activity; an unknown one is ignored (the page still opens).
	const plannedId = url.searchParams.get('planned') ?? '';
	let from: Awaited<ReturnType<typeof startFromPlanned>> | null = null;
	if (plannedId) {
		try {
			from = await startFromPlanned(actor, school, plannedId);
		} catch (e) {
			if (!(e instanceof NotFoundError)) throw e;
		}
	}
	return {
		school,
		options: encounterFormOptions(school, { partners, advisers, planned }),
		initial: from ? encounterValues(from.input) : { date: todayInLondon() },
		plannedId: from ? plannedId : '',
		plannedTitle: from?.input.title ?? null,
		unmatchedPartners: from?.unmatchedPartners ?? [],
		canAddPartners: can(actor, 'partners.edit', school.id)
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			id = (await recordDeliveredActivity(actor, school, encounterInput(values), locals.requestId)).id;
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/encounters/${id}/attendance?recorded=1`);
	}
};
