import { error } from '@sveltejs/kit';
import { groupOverview } from '#lib/server/schools/dashboard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, group } = locals;
	if (!actor || !group) error(404);
	return { group: { id: group.id, name: group.name, kind: group.kind }, overview: await groupOverview(actor, group) };
};
