import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { packScope } from '#lib/server/reports/governors.ts';
import { governorsPdf } from '#lib/server/reports/governors-pdf.ts';
import type { RequestHandler } from './$types';

/** The governors' pack as a PDF (figures only); the download is audited. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	let scope;
	try {
		scope = await packScope(school, { year: url.searchParams.get('year'), asOf: url.searchParams.get('asOf') });
	} catch (e) {
		if (e instanceof ValidationError) error(400, e.errors.map((x) => x.message).join('. '));
		throw e;
	}
	const { pdf, filename } = await governorsPdf(actor, school, scope, locals.requestId);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
