import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { createPartner } from '#lib/server/partners/service.ts';
import { partnerChoices, partnerInputFrom } from '#lib/server/partners/form.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm } from '#lib/server/forms.ts';
import { isPartnerKind } from '#lib/domain/partners.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { school } = schoolContext(locals);
	const kind = url.searchParams.get('kind') ?? '';
	return { school, ...partnerChoices(), kind: isPartnerKind(kind) ? kind : '' };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			({ id } = await createPartner(actor, school, partnerInputFrom(values), locals.requestId));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/partners/${id}?added`);
	}
};
