import { error } from '@sveltejs/kit';
import { viewPupil } from '#lib/server/pupils/service.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, school } = locals;
	if (!actor || !school) error(404);
	try {
		return { school, pupil: await viewPupil(actor, school, params.pupilId, locals.requestId) };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
};
