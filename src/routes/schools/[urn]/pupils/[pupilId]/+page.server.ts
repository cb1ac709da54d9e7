import { error } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { pupilRecord } from '#lib/server/pupils/record.ts';
import { pupilCompliance, resolveScope } from '#lib/server/compliance/service.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { ValidationError, type FieldError } from '#lib/server/errors.ts';
import { COMPLIANCE_RULES, COMPLIANCE_STATUS_LABELS } from '#lib/domain/compliance.ts';
import { todayInLondon } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

const RULES = new Map(COMPLIANCE_RULES.map((r) => [r.id, r]));

/** What a rule measures, under its title: a benchmark, the provider access duty, or the DfE's ambition. */
function ruleKind(id: string): string {
	const benchmark = RULES.get(id as never)?.benchmark;
	if (benchmark) return `Benchmark ${benchmark}`;
	return id.startsWith('pal-') ? 'Provider access duty (the law)' : 'DfE work experience ambition';
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	try {
		const record = await pupilRecord(actor, school, params.pupilId, locals.requestId);
		// Benchmarks and duties as of ?asOf= (a bad date is shown, and the default used); a pupil who has
		// left is judged as of the day they left.
		const typedAsOf = url.searchParams.get('asOf')?.trim() ?? '';
		const left =
			record.pupil.leavingDate && record.pupil.leavingDate < todayInLondon() ? record.pupil.leavingDate : null;
		let errors: FieldError[] = [];
		let scope;
		try {
			scope = await resolveScope(school, { asOf: typedAsOf || left });
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			errors = e.errors;
			scope = await resolveScope(school, { asOf: left });
		}
		const judged = await pupilCompliance(actor, school, record.pupil.id, scope, locals.requestId);
		const compliance = {
			asOf: scope.asOf,
			asOfGiven: typedAsOf !== '' && errors.length === 0,
			framework: scope.framework.name,
			yearGroup: judged.yearGroup,
			rules: judged.results.map((r) => ({
				id: r.ruleId,
				title: RULES.get(r.ruleId)?.title ?? r.ruleId,
				description: RULES.get(r.ruleId)?.description ?? '',
				kind: ruleKind(r.ruleId),
				status: r.status,
				statusLabel: COMPLIANCE_STATUS_LABELS[r.status],
				reason: r.reason,
				counted: r.counted,
				notCounted: r.notCounted
			}))
		};
		return { school, record, compliance, errors, typedAsOf };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
};
