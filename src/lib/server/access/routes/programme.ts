/** The careers programme planner: activities, sequence grid, list, calendar, copy-forward. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const PROGRAMME_ROUTE_RULES = {} as const satisfies Record<string, RouteRule>;
