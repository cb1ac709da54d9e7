import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { updateSchoolDay } from '#lib/server/schools/settings.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { school } = schoolContext(locals);
	return { school, saved: url.searchParams.get('saved') === '1' };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await updateSchoolDay(
				actor,
				school,
				{ schoolDayStarts: text(values, 'schoolDayStarts'), schoolDayEnds: text(values, 'schoolDayEnds') },
				locals.requestId
			);
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/settings?saved=1`);
	}
};
