import { json } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { complianceFigures, complianceReport, resolveScope } from '#lib/server/compliance/service.ts';
import type { RequestHandler } from './$types';

/**
 * The coverage grid as JSON for other tools (the same shape as `waymark report compliance --json`):
 * ?year=2025/26 (or 2025) and ?asOf=YYYY-MM-DD, both optional. Bad input: 400 with the field named.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	let scope;
	try {
		scope = await resolveScope(school, {
			year: url.searchParams.get('year'),
			asOf: url.searchParams.get('asOf')
		});
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		const [first] = e.errors;
		return json(
			{
				error: first?.message ?? 'Bad request',
				field: first?.field ?? null,
				errors: e.errors.map(({ field, message }) => ({ field, message }))
			},
			{ status: 400, headers: { 'cache-control': 'no-store' } }
		);
	}
	const figures = await complianceFigures(actor, school, scope);
	return json(complianceReport(school, figures), { headers: { 'cache-control': 'no-store' } });
};
