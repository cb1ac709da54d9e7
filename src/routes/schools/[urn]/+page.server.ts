import { schoolContext } from '#lib/server/route-context.ts';
import { schoolDashboard } from '#lib/server/schools/dashboard.ts';
import { phaseLabel } from '#lib/server/schools/service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	return {
		school: { ...school, phaseLabel: phaseLabel(school.phase) },
		dashboard: await schoolDashboard(actor, school)
	};
};
