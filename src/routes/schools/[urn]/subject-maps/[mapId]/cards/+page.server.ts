import { schoolContext } from '#lib/server/route-context.ts';
import { cardsPageData } from '#lib/server/subject-maps/pages.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	return { ...(await cardsPageData(actor, { kind: 'school', school }, params.mapId)), place: school.name };
};
