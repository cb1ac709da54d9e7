import { workbookContext } from '#lib/server/route-context.ts';
import { workbookPdf } from '#lib/server/development/workbook-pdf.ts';
import type { RequestHandler } from './$types';

/** The participant's whole workbook as a PDF: their own only (the request hook checked whose it is). */
export const GET: RequestHandler = async ({ locals }) => {
	const { actor, workbook } = workbookContext(locals);
	const { pdf, filename } = await workbookPdf(actor, workbook.participant.id);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
