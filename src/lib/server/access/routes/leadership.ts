/** Careers leadership: tasks, model, roles, conditions for success, CPD. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const LEADERSHIP_ROUTE_RULES = {
	/** The 21 tasks and who does them, the leadership model and the roles structure. */
	'/schools/[urn]/leadership': { access: 'school', action: 'leadership.view' },
	/** Conditions for success: the latest self-rating, its history, and a new rating (leadership.edit). */
	'/schools/[urn]/leadership/conditions': { access: 'school', action: 'leadership.view' },
	/** Each person's CPD, with an add form (leadership.edit). */
	'/schools/[urn]/leadership/cpd': { access: 'school', action: 'leadership.view' }
} as const satisfies Record<string, RouteRule>;
