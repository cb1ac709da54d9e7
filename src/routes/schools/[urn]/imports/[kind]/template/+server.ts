import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { importerFor } from '#lib/server/imports/registry.ts';
import { templateCsv } from '#lib/server/imports/csv.ts';
import type { RequestHandler } from './$types';

/** The import's column headings and example rows as a CSV file to fill in (headings only: nothing about pupils). */
export const GET: RequestHandler = ({ locals, params }) => {
	schoolContext(locals);
	const importer = importerFor(params.kind);
	if (!importer) error(404, 'Page not found');
	return new Response(templateCsv(importer.columns, importer.example), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="waymark-${importer.kind}-template.csv"`
		}
	});
};
