/** Published careers information: the editor and the public page. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const CAREERS_INFORMATION_ROUTE_RULES = {
	'/schools/[urn]/careers-information': { access: 'school', action: 'careers-information.edit' },
	// The statutory page every school publishes: anyone, signed in or not. Only published, public data.
	'/careers/[urn]': { access: 'public' },
	'/careers/[urn]/download': { access: 'public' }
} as const satisfies Record<string, RouteRule>;
