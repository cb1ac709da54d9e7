import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { mapActions, mapPageData } from '#lib/server/subject-maps/pages.ts';
import { copyMapForward } from '#lib/server/subject-maps/service.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	const page = await mapPageData(actor, { kind: 'school', school }, params.mapId, url);
	return { ...page, school, nextYearName: academicYearName(page.map.academicYear + 1) };
};

const shared = mapActions((locals) => {
	const { actor, school } = schoolContext(locals);
	return { actor, owner: { kind: 'school', school } };
});

export const actions: Actions = {
	...shared,
	copy: async ({ locals, params }) => {
		const { actor, school } = schoolContext(locals);
		let id: string;
		try {
			id = await copyMapForward(actor, school, params.mapId);
		} catch (e) {
			return formFailure(e, {});
		}
		redirect(303, `/schools/${school.urn}/subject-maps/${id}?saved`);
	}
};
