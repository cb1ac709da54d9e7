import { schoolContext } from '#lib/server/route-context.ts';
import { aimsGrid, benchmarkGrid, gridTable } from '#lib/server/mapping/service.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { parseYearParam } from '#lib/server/programme/service.ts';
import { exportBaseName, exportResponse } from '#lib/server/exports/table.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { RequestHandler } from './$types';

/** ?year=2025&grid=benchmarks|aims&format=csv|xlsx; without them: this year's benchmark mapping as CSV. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const kind = url.searchParams.get('grid') === 'aims' ? 'aims' : 'benchmarks';
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	try {
		const grid = kind === 'aims' ? await aimsGrid(actor, school, year) : await benchmarkGrid(actor, school, year);
		const table = gridTable(grid);
		return exportResponse(
			{ sheetName: kind === 'aims' ? 'Aims mapping' : 'Benchmark mapping', ...table },
			format,
			exportBaseName(school.name, academicYearName(year), kind === 'aims' ? 'aims mapping' : 'benchmark mapping')
		);
	} catch (e) {
		refuse(e);
	}
};
