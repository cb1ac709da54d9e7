/** Personal guidance (Benchmark 8), referrals and destinations (Benchmark 3). See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const GUIDANCE_ROUTE_RULES = {
	'/schools/[urn]/guidance': { access: 'school', action: 'guidance.view' },
	'/schools/[urn]/guidance/new': { access: 'school', action: 'guidance.record' },
	'/schools/[urn]/guidance/[meetingId]': { access: 'school', action: 'guidance.view' },
	'/schools/[urn]/guidance/referrals': { access: 'school', action: 'referrals.manage' },
	'/schools/[urn]/destinations': { access: 'school', action: 'destinations.view' },
	'/schools/[urn]/destinations/export': { access: 'school', action: 'destinations.view' }
} as const satisfies Record<string, RouteRule>;
