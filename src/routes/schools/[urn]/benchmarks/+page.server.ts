import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { clearFrameworkOverride, frameworkForYear, setFrameworkOverride } from '#lib/server/benchmarks/service.ts';
import { formFailure, yearChoices, yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import { CRITERION_LEVEL_LABELS, FRAMEWORKS, frameworkChanges } from '#lib/domain/benchmarks.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const inForce = await frameworkForYear(actor, school, year);
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: yearChoices(year),
		inForce,
		levelLabels: CRITERION_LEVEL_LABELS,
		changes: inForce.framework.id === 'gatsby-2024' ? frameworkChanges('gatsby-2014', 'gatsby-2024') : null,
		frameworks: FRAMEWORKS.map((f) => ({ id: f.id, name: f.name })),
		canManage: can(actor, 'programme.manage', school.id),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	override: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const academicYear = Number(text(values, 'academicYear'));
		let overridden: boolean;
		try {
			({ overridden } = await setFrameworkOverride(
				actor,
				school,
				{ academicYear, frameworkId: text(values, 'frameworkId'), reason: text(values, 'reason') },
				locals.requestId
			));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(
			303,
			`/schools/${school.urn}/benchmarks?year=${academicYear}&saved=${overridden ? 'overridden' : 'default'}`
		);
	},
	clear: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const academicYear = Number(text(values, 'academicYear'));
		try {
			await clearFrameworkOverride(actor, school, academicYear, locals.requestId);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/benchmarks?year=${academicYear}&saved=default`);
	}
};
