import { schoolContext } from '#lib/server/route-context.ts';
import { gridRows, loadOwnedMap } from '#lib/server/subject-maps/pages.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	const map = await loadOwnedMap(actor, { kind: 'school', school }, params.mapId);
	return {
		school,
		map: { id: map.id, subject: map.subject, academicYear: map.academicYear, academicYearName: map.academicYearName },
		rows: gridRows(map)
	};
};
