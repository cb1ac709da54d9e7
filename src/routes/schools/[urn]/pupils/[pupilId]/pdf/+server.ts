import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { pupilRecord } from '#lib/server/pupils/record.ts';
import { recordPdf, recordPdfFilename } from '#lib/server/pupils/record-pdf.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import type { RequestHandler } from './$types';

/** The pupil's copy of their careers record as a PDF (no advisers' notes); the download is audited. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	let record;
	try {
		record = await pupilRecord(actor, school, params.pupilId, locals.requestId, { purpose: 'download' });
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const pdf = await recordPdf(record, school);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${recordPdfFilename(record.pupil)}"`,
			'cache-control': 'no-store'
		}
	});
};
