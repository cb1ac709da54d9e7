import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import { getAppreciation, saveAppreciation } from '#lib/server/development/appreciation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	return {
		participantId: workbook.participant.id,
		programmeTitle: workbook.programme.title,
		appreciation: await getAppreciation(actor, workbook.participant.id),
		shared: workbook.participant.sharedParts.includes('appreciation'),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await saveAppreciation(actor, workbook.participant.id, values, locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/appreciation?saved`);
	}
};
