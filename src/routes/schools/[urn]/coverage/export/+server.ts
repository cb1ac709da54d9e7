import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { EXPORT_FORMATS, exportResponse, type ExportFormat } from '#lib/server/exports/table.ts';
import {
	coverageDashboard,
	coverageParams,
	coveragePupils,
	coverageYearGroups,
	describeFilter,
	drillFilter,
	drillParams,
	equityTable,
	gridTable,
	groupFromParam,
	pupilsTable
} from '#lib/server/compliance/dashboard.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import { rulesFor } from '#lib/domain/compliance.ts';
import { resolveScope } from '#lib/server/compliance/service.ts';
import type { RequestHandler } from './$types';

const TABLES = ['grid', 'equity', 'pupils'] as const;

/**
 * The coverage grid, the equity gaps, or the pupils behind a cell (table=pupils: pupils.view, checked
 * here as the route itself is open to everyone who sees the figures) as CSV or XLSX, with the same
 * filters as the pages.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	// CSV of the grid unless asked otherwise, as the other downloads do; a named but unknown choice is an error.
	const format = EXPORT_FORMATS.find((f) => f === (url.searchParams.get('format') ?? 'csv')) as
		ExportFormat | undefined;
	if (!format) error(400, 'Choose a format: csv or xlsx');
	const table = TABLES.find((t) => t === (url.searchParams.get('table') ?? 'grid'));
	if (!table) error(400, 'Choose a table: grid, equity or pupils');
	if (table === 'pupils' && !can(actor, 'pupils.view', school.id))
		error(403, 'You do not have permission to see pupils’ names');

	const cp = coverageParams(url.searchParams);
	let scope;
	let group;
	try {
		scope = await resolveScope(school, { year: cp.year, asOf: cp.asOf });
		group = groupFromParam(cp.group);
	} catch (e) {
		if (e instanceof ValidationError) error(400, e.errors.map((x) => x.message).join('; '));
		throw e;
	}
	const yearName = academicYearName(scope.academicYear);

	if (table === 'pupils') {
		const { filter, errors } = drillFilter(
			{ ...drillParams(url.searchParams), group: cp.group },
			rulesFor(scope.framework.id),
			coverageYearGroups(school)
		);
		if (!filter) error(400, errors.map((x) => x.message).join('; '));
		const { pupils } = await coveragePupils(actor, school, scope, filter, locals.requestId);
		return exportResponse(
			pupilsTable(pupils, filter.rule),
			format,
			`${school.name} ${yearName} ${describeFilter(filter)} as of ${scope.asOf}`
		);
	}

	const d = await coverageDashboard(actor, school, scope, group);
	if (table === 'grid')
		return exportResponse(
			gridTable(d),
			format,
			`${school.name} ${yearName} coverage${group ? ` ${group.label}` : ''} as of ${scope.asOf}`
		);
	return exportResponse(
		equityTable(d.gaps, d.figures.rules),
		format,
		`${school.name} ${yearName} equity gaps as of ${scope.asOf}`
	);
};
