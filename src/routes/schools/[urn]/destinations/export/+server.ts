import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/access/actor.ts';
import {
	destinationYearGroup,
	intendedForLocalAuthority,
	localAuthorityTable
} from '#lib/server/destinations/service.ts';
import { yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { exportBaseName, exportResponse } from '#lib/server/exports/table.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { RequestHandler } from './$types';

/**
 * The intended-destinations list in the layout a local authority asks for:
 * ?year=2026 (the year the pupils are in Year 11 or 13), &yearGroup=11|13, &format=csv|xlsx (CSV by default).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const yearGroup = destinationYearGroup(url.searchParams.get('yearGroup'));
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	try {
		const rows = await intendedForLocalAuthority(actor, school, year, { yearGroup });
		return exportResponse(
			localAuthorityTable(rows),
			format,
			exportBaseName(
				school.name,
				academicYearName(year),
				yearGroup === undefined ? '' : `year ${yearGroup}`,
				'intended destinations'
			)
		);
	} catch (e) {
		if (e instanceof ForbiddenError) error(403, 'You do not have permission to do that');
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
};
