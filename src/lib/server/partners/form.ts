/** The partner pages' form fields → the service's input, and the choices their selects offer. */
import { text, type FormValues } from '../forms.ts';
import type { ContactInput, PartnerInput } from './service.ts';
import { EMPLOYER_SIZE_LABELS, EMPLOYER_SIZES, PARTNER_KIND_LABELS, PARTNER_KINDS } from '../../domain/partners.ts';

export function partnerInputFrom(values: FormValues): PartnerInput {
	return {
		name: text(values, 'name'),
		kind: text(values, 'kind'),
		sector: text(values, 'sector'),
		size: text(values, 'size'),
		ukprn: text(values, 'ukprn'),
		website: text(values, 'website'),
		notes: text(values, 'notes')
	};
}

/** The contact form's fields are prefixed ("contactName") so they cannot clash with the partner's own. */
export function contactInputFrom(values: FormValues): ContactInput {
	return {
		name: text(values, 'contactName'),
		role: text(values, 'contactRole'),
		email: text(values, 'contactEmail'),
		phone: text(values, 'contactPhone')
	};
}

/** A contact problem's field ("email") → the form's field ("contactEmail"). */
export function contactField(field: string): string {
	return `contact${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

export function partnerChoices() {
	return {
		kinds: PARTNER_KINDS.map((value) => ({ value, label: PARTNER_KIND_LABELS[value] })),
		sizes: EMPLOYER_SIZES.map((value) => ({ value, label: EMPLOYER_SIZE_LABELS[value] }))
	};
}
