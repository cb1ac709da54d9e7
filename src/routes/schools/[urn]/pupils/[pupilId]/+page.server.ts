import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { pupilRecord } from '#lib/server/pupils/record.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = schoolContext(locals);
	try {
		return { school, record: await pupilRecord(actor, school, params.pupilId, locals.requestId) };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
};
