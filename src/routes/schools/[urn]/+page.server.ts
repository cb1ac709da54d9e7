import { error } from '@sveltejs/kit';
import { schoolDashboard } from '#lib/server/schools/dashboard.ts';
import { phaseLabel } from '#lib/server/schools/service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.actor || !locals.school) error(404);
	return {
		school: { ...locals.school, phaseLabel: phaseLabel(locals.school.phase) },
		dashboard: await schoolDashboard(locals.actor, locals.school)
	};
};
