import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { gapAnalysis, gapToAction } from '#lib/server/mapping/gaps.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { parseYearParam, programmeYears } from '#lib/server/programme/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: (await programmeYears(actor, school)).map((y) => ({ value: String(y), label: academicYearName(y) })),
		analysis: await gapAnalysis(actor, school, year),
		canPlan: can(actor, 'plan.edit', school.id)
	};
};

export const actions: Actions = {
	plan: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const year = parseYearParam(url.searchParams.get('year'));
		let actionId: string;
		try {
			({ actionId } = await gapToAction(
				actor,
				school,
				{
					academicYear: year,
					benchmark: Number(text(values, 'benchmark')),
					yearGroup: Number(text(values, 'yearGroup'))
				},
				locals.requestId
			));
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
		redirect(303, `/schools/${school.urn}/development-plan?year=${year}&added=${actionId}`);
	}
};
