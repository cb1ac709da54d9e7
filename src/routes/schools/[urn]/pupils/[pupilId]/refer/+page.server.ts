import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { pupilBrief, referPupil, referrerCapacities } from '#lib/server/guidance/service.ts';
import { REFERRER_CAPACITY_LABELS } from '#lib/domain/roles.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	let pupil;
	try {
		pupil = await pupilBrief(actor, school, params.pupilId, 'referrals.create');
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	return {
		school,
		pupil,
		capacities: referrerCapacities(actor, school).map((value) => ({ value, label: REFERRER_CAPACITY_LABELS[value] }))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await referPupil(actor, school, params.pupilId, text(values, 'reason'), {
				capacity: text(values, 'capacity'),
				requestId: locals.requestId
			});
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/pupils/${params.pupilId}?referred=1`);
	}
};
