import { fail, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { updateComplianceSettings, updateSchoolDay } from '#lib/server/schools/settings.ts';
import { setPupilNetworks } from '#lib/server/schools/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { school } = schoolContext(locals);
	const saved = url.searchParams.get('saved');
	return {
		school,
		saved:
			saved === '1'
				? 'school-day'
				: saved === 'compliance'
					? 'compliance'
					: saved === 'pupil-networks'
						? 'pupil-networks'
						: null
	};
};

export const actions: Actions = {
	schoolDay: async ({ request, locals }) => {
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
				return failed(e, { ...values, form: 'school-day' });
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/settings?saved=1`);
	},
	compliance: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await updateComplianceSettings(
				actor,
				school,
				{
					atRiskWeeks: text(values, 'atRiskWeeks'),
					workplaceExperiencesBy16: text(values, 'workplaceExperiencesBy16'),
					evaluationThreshold: text(values, 'evaluationThreshold')
				},
				locals.requestId
			);
		} catch (e) {
			try {
				return failed(e, { ...values, form: 'compliance' });
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/settings?saved=compliance`);
	},
	pupilNetworks: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const choice = text(values, 'pupilNetworks');
		if (choice !== 'on' && choice !== 'off')
			return fail(400, {
				errors: [{ field: 'pupilNetworks', message: 'Choose whether to keep pupil social-capital maps' }],
				values: { ...values, form: 'pupil-networks' }
			});
		try {
			await setPupilNetworks(actor, school, choice === 'on', locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/schools/${school.urn}/settings?saved=pupil-networks#pupil-networks`);
	}
};
