import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { ValidationError } from '#lib/server/errors.ts';
import {
	DESTINATION_COLUMNS,
	governorsPack,
	PACK_TITLE,
	packCharts,
	packScope
} from '#lib/server/reports/governors.ts';
import type { PageServerLoad } from './$types';

/** The governors' pack for ?year=2025/26&asOf=YYYY-MM-DD (both optional): figures only, no pupil. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const values = { year: url.searchParams.get('year') ?? '', asOf: url.searchParams.get('asOf') ?? '' };
	const base = { school: { name: school.name, urn: school.urn }, title: PACK_TITLE, values };
	let scope;
	try {
		scope = await packScope(school, values);
	} catch (e) {
		if (e instanceof ValidationError) return { ...base, errors: e.errors, pack: null, charts: null };
		throw e;
	}
	const pack = await governorsPack(actor, school, scope);
	const query = new URLSearchParams({ year: pack.yearName, asOf: pack.asOf });
	return {
		...base,
		values: { year: values.year || pack.yearName, asOf: values.asOf || pack.asOf },
		errors: [],
		pack,
		charts: packCharts(pack),
		destinationColumns: DESTINATION_COLUMNS,
		pdfHref: `/schools/${school.urn}/reports/governors/pdf?${query}`,
		canSeeEvaluations: can(actor, 'evaluation.view', school.id)
	};
};
