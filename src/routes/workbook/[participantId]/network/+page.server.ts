import { workbookContext } from '#lib/server/route-context.ts';
import { loadNetworkPage, networkActions } from './network-page.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const base = `/workbook/${workbook.participant.id}/network`;
	const page = await loadNetworkPage({ actor, ref: { participantId: workbook.participant.id }, base }, url);
	return {
		...page,
		programmeTitle: workbook.programme.title,
		workbookHref: `/workbook/${workbook.participant.id}`,
		canEdit: true
	};
};

export const actions: Actions = networkActions((event) => {
	const { actor, workbook } = workbookContext(event.locals);
	return {
		actor,
		ref: { participantId: workbook.participant.id },
		base: `/workbook/${workbook.participant.id}/network`,
		requestId: event.locals.requestId
	};
});
