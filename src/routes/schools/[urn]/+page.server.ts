import { schoolContext } from '#lib/server/route-context.ts';
import { schoolDashboard } from '#lib/server/schools/dashboard.ts';
import { phaseLabel } from '#lib/server/schools/service.ts';
import { careersInformationWarnings } from '#lib/server/careers-information/service.ts';
import { can } from '#lib/server/access/actor.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	return {
		school: { ...school, phaseLabel: phaseLabel(school.phase) },
		dashboard: await schoolDashboard(actor, school),
		careersInformation: {
			warnings: await careersInformationWarnings(actor, school),
			canEdit: can(actor, 'careers-information.edit', school.id)
		}
	};
};
