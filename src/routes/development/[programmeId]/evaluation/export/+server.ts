import { error } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { cohortEvaluation, evaluationTable } from '#lib/server/development/cohort-evaluation.ts';
import { exportResponse, type ExportFormat } from '#lib/server/exports/table.ts';
import type { RequestHandler } from './$types';

/** The cohort's evaluation figures as CSV or XLSX, for the programme's report. No names. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, programme } = programmeContext(locals);
	const format: ExportFormat = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	let evaluation;
	try {
		evaluation = await cohortEvaluation(actor, programme.id, url.searchParams.get('cohort') || null);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	return exportResponse(
		evaluationTable(evaluation),
		format,
		`${programme.title} ${evaluation.cohort?.name ?? ''} evaluation`
	);
};
