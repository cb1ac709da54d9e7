import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { createDevelopmentAction } from '#lib/server/plan/service.ts';
import { actionFormData } from '#lib/server/plan/pages.ts';
import { actionInputFrom } from '#lib/server/plan/form.ts';
import { formFailure, yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { readForm } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/** ?benchmark=5&yearGroup=9 (from a gap in the programme), when both are real. */
function gapFrom(url: URL): { benchmark: number; yearGroup: number } | null {
	const benchmark = Number(url.searchParams.get('benchmark'));
	const yearGroup = Number(url.searchParams.get('yearGroup'));
	if (!Number.isInteger(benchmark) || benchmark < 1 || benchmark > 8) return null;
	if (!Number.isInteger(yearGroup) || yearGroup < 7 || yearGroup > 13) return null;
	return { benchmark, yearGroup };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const formData = await actionFormData(actor, school, year);
	const gap = gapFrom(url);
	const gapTitle = gap ? formData.benchmarks.find((b) => b.number === gap.benchmark)?.title : undefined;
	return {
		school,
		year,
		...formData,
		gap: gap ? { ...gap, title: gapTitle ?? '' } : null,
		initial: {
			title: gap ? `Plan an activity for benchmark ${gap.benchmark} (${gapTitle}) in year ${gap.yearGroup}` : '',
			benchmarks: gap ? [String(gap.benchmark)] : [],
			ownerUserId: '',
			dueDate: '',
			status: 'not-started',
			evidence: ''
		}
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const input = actionInputFrom(values);
		let id: string;
		try {
			({ id } = await createDevelopmentAction(actor, school, input, locals.requestId));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/development-plan?year=${input.academicYear}&added=${id}`);
	}
};
