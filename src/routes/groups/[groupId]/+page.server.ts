import { groupContext } from '#lib/server/route-context.ts';
import { groupOverview } from '#lib/server/schools/dashboard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, group } = groupContext(locals);
	return { group: { id: group.id, name: group.name, kind: group.kind }, overview: await groupOverview(actor, group) };
};
