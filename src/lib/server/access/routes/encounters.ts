/** Delivered activities (encounters), attendance, partners and school settings. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const ENCOUNTER_ROUTE_RULES = {
	'/schools/[urn]/encounters': { access: 'school', action: 'encounters.view' },
	'/schools/[urn]/encounters/new': { access: 'school', action: 'encounters.edit' },
	'/schools/[urn]/encounters/export': { access: 'school', action: 'encounters.view' },
	'/schools/[urn]/encounters/[encounterId]': { access: 'school', action: 'encounters.view' },
	'/schools/[urn]/encounters/[encounterId]/edit': { access: 'school', action: 'encounters.edit' },
	'/schools/[urn]/encounters/[encounterId]/attendance': { access: 'school', action: 'encounters.edit' },
	'/schools/[urn]/partners': { access: 'school', action: 'partners.view' },
	'/schools/[urn]/partners/new': { access: 'school', action: 'partners.edit' },
	'/schools/[urn]/partners/[partnerId]': { access: 'school', action: 'partners.view' },
	'/schools/[urn]/settings': { access: 'school', action: 'school.manage' }
} as const satisfies Record<string, RouteRule>;
