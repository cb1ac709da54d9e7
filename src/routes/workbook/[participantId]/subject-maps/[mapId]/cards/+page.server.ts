import { workbookContext } from '#lib/server/route-context.ts';
import { cardsPageData } from '#lib/server/subject-maps/pages.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, workbook } = workbookContext(locals);
	return {
		...(await cardsPageData(actor, { kind: 'participant', workbook }, params.mapId)),
		place: `${workbook.participant.name} · My workbook`
	};
};
