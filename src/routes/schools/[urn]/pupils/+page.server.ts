import { error } from '@sveltejs/kit';
import { listPupils } from '#lib/server/pupils/service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = locals;
	if (!actor || !school) error(404);
	const raw = { year: url.searchParams.get('year') ?? '', q: url.searchParams.get('q') ?? '' };
	return { school, ...(await listPupils(actor, school, raw)), values: raw };
};
