import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import {
	careersInformationFor,
	publishCareersInformation,
	saveCareersInformation,
	TEXT_FIELDS
} from '#lib/server/careers-information/service.ts';
import { failed, list, readForm, text, type FormValues } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	return {
		school,
		information: await careersInformationFor(actor, school),
		saved: url.searchParams.has('saved'),
		published: url.searchParams.has('published')
	};
};

function inputFrom(values: FormValues) {
	return {
		careersLeaderUserId: text(values, 'careersLeaderUserId'),
		careersLeaderPhone: text(values, 'careersLeaderPhone'),
		nextReviewDate: text(values, 'nextReviewDate'),
		...Object.fromEntries(TEXT_FIELDS.map((field) => [field, text(values, field)])),
		// The form always shows every measure: none ticked means publish none.
		impactRules: list(values, 'impactRules')
	};
}

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await saveCareersInformation(actor, school, inputFrom(values), locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/schools/${school.urn}/careers-information?saved`);
	},
	/** Saves what is on the form, then publishes it (or says what is missing; the draft is kept). */
	publish: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await saveCareersInformation(actor, school, inputFrom(values), locals.requestId);
			await publishCareersInformation(actor, school, locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/schools/${school.urn}/careers-information?published`);
	}
};
