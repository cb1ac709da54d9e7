import { schoolContext } from '#lib/server/route-context.ts';
import { auditTrail, PAGE_SIZE } from '#lib/server/audit/trail.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { FieldError } from '#lib/server/errors.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw: Record<string, string> = Object.fromEntries(url.searchParams);
	const noErrors: FieldError[] = [];
	try {
		return { school, pageSize: PAGE_SIZE, errors: noErrors, values: raw, ...(await auditTrail(actor, school, raw)) };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		// Show the filter errors and the unfiltered trail, rather than nothing.
		return { school, pageSize: PAGE_SIZE, errors: e.errors, values: raw, ...(await auditTrail(actor, school, {})) };
	}
};
