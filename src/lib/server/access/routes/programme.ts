/** The careers programme planner: activities, sequence grid, list, calendar, copy-forward. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const PROGRAMME_ROUTE_RULES = {
	'/schools/[urn]/programme': { access: 'school', action: 'programme.view' },
	'/schools/[urn]/programme/list': { access: 'school', action: 'programme.view' },
	'/schools/[urn]/programme/calendar': { access: 'school', action: 'programme.view' },
	'/schools/[urn]/programme/activities/new': { access: 'school', action: 'programme.edit' },
	'/schools/[urn]/programme/import': { access: 'school', action: 'programme.edit' },
	'/schools/[urn]/programme/activities/[activityId]': { access: 'school', action: 'programme.view' },
	'/schools/[urn]/programme/copy-forward': { access: 'school', action: 'programme.manage' }
} as const satisfies Record<string, RouteRule>;
