import { longDate } from '#lib/domain/academic-year.ts';
import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import { addContact, getPartner, removeContact, updatePartner } from '#lib/server/partners/service.ts';
import { contactField, contactInputFrom, partnerChoices, partnerInputFrom } from '#lib/server/partners/form.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';

import { readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { EMPLOYER_SIZE_LABELS } from '#lib/domain/partners.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let details;
	try {
		details = await getPartner(actor, school, params.partnerId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const { partner } = details;
	return {
		school,
		partner: {
			...partner,
			sizeLabel: partner.size ? EMPLOYER_SIZE_LABELS[partner.size] : null
		},
		contacts: details.contacts,
		activities: details.activities.map((a) => ({ ...a, when: longDate(a.date) })),
		canEdit: can(actor, 'partners.edit', school.id),
		canSeeEncounters: can(actor, 'encounters.view', school.id),
		...partnerChoices(),
		added: url.searchParams.has('added'),
		saved: url.searchParams.has('saved'),
		contactAdded: url.searchParams.has('contactAdded'),
		contactRemoved: url.searchParams.has('contactRemoved')
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await updatePartner(actor, school, params.partnerId, partnerInputFrom(values), locals.requestId);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/partners/${params.partnerId}?saved`);
	},
	addContact: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await addContact(actor, school, params.partnerId, contactInputFrom(values), locals.requestId);
		} catch (e) {
			const mapped =
				e instanceof ValidationError
					? new ValidationError(e.errors.map((f) => ({ ...f, field: contactField(f.field) })))
					: e;
			return formFailure(mapped, values);
		}
		redirect(303, `/schools/${school.urn}/partners/${params.partnerId}?contactAdded#contacts`);
	},
	removeContact: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await removeContact(actor, school, params.partnerId, text(values, 'contactId'), locals.requestId);
		} catch (e) {
			return formFailure(e, {});
		}
		redirect(303, `/schools/${school.urn}/partners/${params.partnerId}?contactRemoved#contacts`);
	}
};
