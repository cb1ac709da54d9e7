import { error } from '@sveltejs/kit';
import { publicCareersPage } from '#lib/server/careers-information/service.ts';
import { careersInformationHtml } from '#lib/server/careers-information/html.ts';
import type { RequestHandler } from './$types';

/** The published careers information as one HTML file, to paste into the school's own website. */
export const GET: RequestHandler = async ({ params }) => {
	const page = await publicCareersPage(params.urn);
	if (!page) error(404, 'This school has not published careers information in Waymark');
	return new Response(careersInformationHtml(page), {
		headers: {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Disposition': `attachment; filename="careers-information-${page.school.urn}.html"`,
			'Cache-Control': 'no-cache'
		}
	});
};
