/** Careers leadership: tasks, model, roles, conditions for success, CPD. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const LEADERSHIP_ROUTE_RULES = {} as const satisfies Record<string, RouteRule>;
