import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { mapActions, mapPageData } from '#lib/server/subject-maps/pages.ts';
import { offerMap, placementSchools, withdrawOffer } from '#lib/server/subject-maps/service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const page = await mapPageData(actor, { kind: 'participant', workbook }, params.mapId, url);
	return {
		...page,
		programme: workbook.programme.title,
		placements: (await placementSchools(workbook)).map((s) => ({ value: s.id, label: s.name })),
		offered: url.searchParams.has('offered'),
		withdrawn: url.searchParams.has('withdrawn')
	};
};

const shared = mapActions((locals) => {
	const { actor, workbook } = workbookContext(locals);
	return { actor, owner: { kind: 'participant', workbook } };
});

export const actions: Actions = {
	...shared,
	offer: async ({ request, locals, params }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await offerMap(actor, workbook, params.mapId, text(values, 'schoolId'));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/subject-maps/${params.mapId}?offered`);
	},
	withdraw: async ({ locals, params }) => {
		const { actor, workbook } = workbookContext(locals);
		try {
			await withdrawOffer(actor, workbook, params.mapId);
		} catch (e) {
			return formFailure(e, {});
		}
		redirect(303, `/workbook/${workbook.participant.id}/subject-maps/${params.mapId}?withdrawn`);
	}
};
