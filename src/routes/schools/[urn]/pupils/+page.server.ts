import { schoolContext } from '#lib/server/route-context.ts';
import { listPupils, pupilFilterParams } from '#lib/server/pupils/service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw = pupilFilterParams(url.searchParams);
	return { school, ...(await listPupils(actor, school, raw)), values: raw };
};
