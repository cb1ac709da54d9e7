import { fail } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { copyForwardPreview, copyProgrammeForward, parseYearParam } from '#lib/server/programme/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const preview = await copyForwardPreview(actor, school, year);
	return { school, preview, fromName: academicYearName(year), toName: academicYearName(year + 1) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const year = Number(text(values, 'year'));
		if (!Number.isInteger(year)) return fail(400, { errors: [{ field: 'year', message: 'Choose a year to copy' }] });
		try {
			const result = await copyProgrammeForward(actor, school, year, locals.requestId);
			return { result };
		} catch (e) {
			return failed(e, values);
		}
	}
};
