import { json } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { pupilCompliance, pupilComplianceReport, resolveScope } from '#lib/server/compliance/service.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { RequestHandler } from './$types';

/**
 * One pupil's statuses with their reasons (the shape of `waymark report pupil --json`), as of
 * ?asOf=YYYY-MM-DD (default today) in ?year= (default the as-of date's). Audited as a view of the pupil.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	try {
		const scope = await resolveScope(school, {
			year: url.searchParams.get('year'),
			asOf: url.searchParams.get('asOf')
		});
		const pupil = await pupilCompliance(actor, school, params.pupilId, scope, locals.requestId);
		return json(pupilComplianceReport(school, pupil));
	} catch (e) {
		if (e instanceof ValidationError) {
			const first = e.errors[0];
			return json({ error: first?.message ?? 'Bad request', field: first?.field, errors: e.errors }, { status: 400 });
		}
		if (e instanceof NotFoundError) return json({ error: 'Pupil not found' }, { status: 404 });
		throw e;
	}
};
