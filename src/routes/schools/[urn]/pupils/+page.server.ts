import { schoolContext } from '#lib/server/route-context.ts';
import { listPupils } from '#lib/server/pupils/service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw = {
		year: url.searchParams.get('year') ?? '',
		q: url.searchParams.get('q') ?? '',
		page: url.searchParams.get('page') ?? '1'
	};
	return { school, ...(await listPupils(actor, school, raw)), values: raw };
};
