import { groupContext } from '#lib/server/route-context.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { trustCoverage } from '#lib/server/reports/governors.ts';
import type { PageServerLoad } from './$types';

/** Each school of the trust or hub × each rule's share met: figures only, never a pupil. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, group } = groupContext(locals);
	const values = { year: url.searchParams.get('year') ?? '', asOf: url.searchParams.get('asOf') ?? '' };
	const base = { group: { id: group.id, name: group.name, kind: group.kind }, values };
	try {
		const coverage = await trustCoverage(actor, group, values);
		return {
			...base,
			values: { year: values.year || coverage.yearName, asOf: values.asOf || coverage.asOf },
			errors: [],
			coverage
		};
	} catch (e) {
		if (e instanceof ValidationError) return { ...base, errors: e.errors, coverage: null };
		throw e;
	}
};
