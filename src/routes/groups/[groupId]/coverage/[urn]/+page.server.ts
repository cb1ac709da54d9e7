import { error } from '@sveltejs/kit';
import { groupContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { trustSchoolGrid } from '#lib/server/reports/governors.ts';
import type { PageServerLoad } from './$types';

/** One school of the trust or hub: its rule × year group grid, figures only (no drill-down to pupils). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { actor, group } = groupContext(locals);
	const values = { year: url.searchParams.get('year') ?? '', asOf: url.searchParams.get('asOf') ?? '' };
	const base = { group: { id: group.id, name: group.name, kind: group.kind }, values };
	try {
		const grid = await trustSchoolGrid(actor, group, params.urn, values);
		return {
			...base,
			values: { year: values.year || grid.yearName, asOf: values.asOf || grid.asOf },
			errors: [],
			grid
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		if (e instanceof ValidationError) {
			const school = group.schools.find((s) => s.urn === params.urn);
			if (!school) error(404, 'Page not found');
			return { ...base, errors: e.errors, grid: null, schoolName: school.name };
		}
		throw e;
	}
};
