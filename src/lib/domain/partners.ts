/**
 * Who delivers encounters. `PROVIDER_TYPES` is the fixed import vocabulary for a delivered activity's
 * `Provider Type` (issue vocabulary, relied on by templates and other tools); a partner's kind is one of
 * those or one of the organisations that support careers work without being a provider of a route.
 */

export const PROVIDER_TYPES = [
	'employer',
	'sixth-form',
	'fe-college',
	'he-provider',
	'itp',
	'apprenticeship-provider',
	'careers-guidance',
	'other'
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const PROVIDER_TYPE_LABELS: Record<ProviderType, string> = {
	employer: 'Employer',
	'sixth-form': 'Sixth form',
	'fe-college': 'Further education college',
	'he-provider': 'University or higher education provider',
	itp: 'Independent training provider',
	'apprenticeship-provider': 'Apprenticeship provider',
	'careers-guidance': 'Careers guidance provider',
	other: 'Other'
};

export const PARTNER_KINDS = [
	'employer',
	'sixth-form',
	'fe-college',
	'he-provider',
	'itp',
	'apprenticeship-provider',
	'careers-guidance',
	'careers-hub',
	'local-authority',
	'charity',
	'other'
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
	...PROVIDER_TYPE_LABELS,
	'careers-hub': 'Careers Hub or enterprise adviser',
	'local-authority': 'Local authority',
	charity: 'Charity'
};

/** The provider type an activity delivered by a partner of this kind has, unless the user says otherwise. */
export function providerTypeOfPartner(kind: PartnerKind): ProviderType {
	return (PROVIDER_TYPES as readonly string[]).includes(kind) ? (kind as ProviderType) : 'other';
}

/** Employer size bands (the usual business-size categories). */
export const EMPLOYER_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EmployerSize = (typeof EMPLOYER_SIZES)[number];
export const EMPLOYER_SIZE_LABELS: Record<EmployerSize, string> = {
	micro: 'Micro (fewer than 10 people)',
	small: 'Small (10 to 49 people)',
	medium: 'Medium (50 to 249 people)',
	large: 'Large (250 people or more)'
};

/** Kinds that carry a UK Provider Reference Number. */
export const KINDS_WITH_UKPRN: readonly PartnerKind[] = [
	'sixth-form',
	'fe-college',
	'he-provider',
	'itp',
	'apprenticeship-provider'
];

export function isProviderType(value: string): value is ProviderType {
	return (PROVIDER_TYPES as readonly string[]).includes(value);
}
export function isPartnerKind(value: string): value is PartnerKind {
	return (PARTNER_KINDS as readonly string[]).includes(value);
}
