/** Pupils: the list, the record and its PDF, referrals and destinations from the record. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const PUPIL_ROUTE_RULES = {
	'/schools/[urn]/pupils': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/pupils/export': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/pupils/[pupilId]': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/pupils/[pupilId]/pdf': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/pupils/[pupilId]/refer': { access: 'school', action: 'referrals.create' },
	'/schools/[urn]/pupils/[pupilId]/destinations': { access: 'school', action: 'destinations.edit' }
} as const satisfies Record<string, RouteRule>;
