import { error } from '@sveltejs/kit';
import { previewCareersPage, publicCareersPage } from '#lib/server/careers-information/service.ts';
import { schoolForActor } from '#lib/server/schools/service.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/access/actor.ts';
import type { PageServerLoad } from './$types';

/** Public: anyone may read a school's published careers information. `?preview` shows a draft to its editors. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	if (url.searchParams.has('preview') && locals.actor) {
		try {
			const school = await schoolForActor(locals.actor, params.urn, 'careers-information.edit');
			const page = await previewCareersPage(locals.actor, school);
			if (page) return { page, preview: !page.published };
		} catch (e) {
			// Not theirs to preview: answer exactly as to anyone else.
			if (!(e instanceof NotFoundError) && !(e instanceof ForbiddenError)) throw e;
		}
	}
	const page = await publicCareersPage(params.urn);
	if (!page) error(404, 'This school has not published careers information in Waymark');
	return { page, preview: false };
};
