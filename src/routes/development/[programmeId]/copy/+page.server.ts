import { redirect } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import { copyProgramme, programmeOverview } from '#lib/server/development/programmes.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, programme } = programmeContext(locals);
	const overview = await programmeOverview(actor, programme.id);
	return {
		programme,
		counts: {
			aims: overview.aims.reduce((n, a) => n + 1 + a.subAims.length, 0),
			activities: overview.activities.length,
			statements: overview.statements.length,
			cohorts: overview.cohorts.length
		}
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			({ id } = await copyProgramme(actor, programme.id, { title: text(values, 'title') }, locals.requestId));
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
		redirect(303, `/development/${id}?copied=1`);
	}
};
