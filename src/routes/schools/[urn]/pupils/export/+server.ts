import { schoolContext } from '#lib/server/route-context.ts';
import { exportPupils, pupilFilterParams } from '#lib/server/pupils/service.ts';
import { exportBaseName, exportResponse } from '#lib/server/exports/table.ts';
import type { RequestHandler } from './$types';

/** ?format=csv|xlsx and the list's filters: the pupils the list shows, every page of them. Audited. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const table = await exportPupils(actor, school, pupilFilterParams(url.searchParams), locals.requestId);
	return exportResponse(table, format, exportBaseName(school.name, 'pupils'));
};
