import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { createActivity, parseYearParam, schoolMembers } from '#lib/server/programme/service.ts';
import { activityFormOptions, activityInput, newActivityValues } from '#lib/server/programme/form.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const members = await schoolMembers(actor, school);
	const owner = members.some((m) => m.userId === actor.userId) ? actor.userId : '';
	return {
		school,
		year,
		yearName: academicYearName(year),
		options: activityFormOptions(school, members),
		initial: newActivityValues(url.searchParams.get('type'), owner)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		const year = parseYearParam(url.searchParams.get('year'));
		const { values } = await readForm(request);
		let id: string;
		try {
			id = (await createActivity(actor, school, year, activityInput(values), locals.requestId)).id;
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/schools/${school.urn}/programme?year=${year}&added=${id}`);
	}
};
