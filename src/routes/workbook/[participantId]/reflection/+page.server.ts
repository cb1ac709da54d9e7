import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import { reflectionField, reflectionGrid, saveReflections } from '#lib/server/development/reflection.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const grid = await reflectionGrid(actor, workbook.participant.id);
	return {
		participantId: workbook.participant.id,
		programmeTitle: workbook.programme.title,
		grid: {
			...grid,
			entries: grid.entries.map((e) => ({
				...e,
				field1: reflectionField(e.benchmark, 'placement1'),
				field2: reflectionField(e.benchmark, 'placement2')
			}))
		},
		shared: workbook.participant.sharedParts.includes('reflection'),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await saveReflections(actor, workbook.participant.id, values, locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/reflection?saved`);
	}
};
