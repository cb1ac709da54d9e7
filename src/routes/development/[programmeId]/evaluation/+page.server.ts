import { error } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { basedOn, cohortEvaluation, SMALL_NUMBER, TOO_FEW } from '#lib/server/development/cohort-evaluation.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, programme } = programmeContext(locals);
	let evaluation;
	try {
		evaluation = await cohortEvaluation(actor, programme.id, url.searchParams.get('cohort') || null);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const m = evaluation.participants;
	return {
		evaluation,
		smallNumber: SMALL_NUMBER,
		tooFew: TOO_FEW,
		basedOn: {
			purpose: basedOn(evaluation.purpose.sharing, m),
			network: basedOn(evaluation.network.sharing, m),
			reflection: basedOn(evaluation.reflection.sharing, m),
			appreciation: basedOn(evaluation.appreciation.sharing, m)
		}
	};
};
