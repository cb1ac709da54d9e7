import { schoolContext } from '#lib/server/route-context.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { listDeliveredActivities, parseEncounterFilters } from '#lib/server/encounters/service.ts';
import { encountersTable } from '#lib/server/encounters/form.ts';
import { exportBaseName, exportResponse } from '#lib/server/exports/table.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { RequestHandler } from './$types';

/** ?year=2025&type=…&yearGroup=…&benchmark=…&format=csv|xlsx: the encounters list as filtered on the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const filters = parseEncounterFilters({
		year: url.searchParams.get('year'),
		type: url.searchParams.get('type'),
		yearGroup: url.searchParams.get('yearGroup'),
		benchmark: url.searchParams.get('benchmark')
	});
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	try {
		const list = await listDeliveredActivities(actor, school, filters);
		return exportResponse(
			{ sheetName: 'Encounters', ...encountersTable(list) },
			format,
			exportBaseName(school.name, academicYearName(filters.academicYear), 'encounters')
		);
	} catch (e) {
		refuse(e);
	}
};
