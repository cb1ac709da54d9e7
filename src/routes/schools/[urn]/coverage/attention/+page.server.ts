import { schoolContext } from '#lib/server/route-context.ts';
import {
	ATTENTION_GROUPS,
	ATTENTION_REASON_KINDS,
	ATTENTION_REASON_LABELS,
	ATTENTION_SORT_LABELS,
	attentionFilterParams,
	pupilsNeedingAttention
} from '#lib/server/compliance/attention.ts';
import { resolveScope } from '#lib/server/compliance/service.ts';
import { ValidationError, type FieldError } from '#lib/server/errors.ts';
import type { PageServerLoad } from './$types';

/** GET filters and sorting (plain links and a form). A bad as-of date is shown and today is used instead. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw = attentionFilterParams(url.searchParams);
	let errors: FieldError[] = [];
	let scope;
	try {
		scope = await resolveScope(school, { asOf: raw.asOf || null });
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		errors = e.errors;
		raw.asOf = '';
		scope = await resolveScope(school, {});
	}
	const list = await pupilsNeedingAttention(actor, school, scope, raw, locals.requestId);
	return {
		school,
		list,
		values: raw,
		errors,
		typedAsOf: url.searchParams.get('asOf') ?? '',
		options: {
			reasons: ATTENTION_REASON_KINDS.map((value) => ({ value, label: ATTENTION_REASON_LABELS[value] })),
			groups: ATTENTION_GROUPS.map((g) => ({ value: g.value, label: g.label })),
			sorts: Object.entries(ATTENTION_SORT_LABELS).map(([value, label]) => ({ value, label }))
		}
	};
};
