/** Benchmarks page and the development plan. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const BENCHMARK_ROUTE_RULES = {
	// Everyone in the school sees the benchmarks; only programme.manage may change the year's framework
	// (the form's action checks that again).
	'/schools/[urn]/benchmarks': { access: 'school', action: 'programme.view' },
	// Everyone in the school reads the development plan; the careers leader and senior leaders change it.
	'/schools/[urn]/development-plan': { access: 'school', action: 'plan.view' },
	'/schools/[urn]/development-plan/new': { access: 'school', action: 'plan.edit' },
	'/schools/[urn]/development-plan/[actionId]': { access: 'school', action: 'plan.view' }
} as const satisfies Record<string, RouteRule>;
