import { json } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { attentionFilterParams, exportPupilsNeedingAttention } from '#lib/server/compliance/attention.ts';
import { resolveScope } from '#lib/server/compliance/service.ts';
import { exportBaseName, exportResponse } from '#lib/server/exports/table.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { RequestHandler } from './$types';

/** ?format=csv|xlsx with the page's filters, order and as-of date: every pupil the list shows. Audited. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const raw = attentionFilterParams(url.searchParams);
	let scope;
	try {
		scope = await resolveScope(school, { asOf: raw.asOf || null });
	} catch (e) {
		if (e instanceof ValidationError) return json({ errors: e.errors }, { status: 400 });
		throw e;
	}
	const table = await exportPupilsNeedingAttention(actor, school, scope, raw, locals.requestId);
	return exportResponse(table, format, exportBaseName(school.name, 'pupils needing attention', scope.asOf));
};
