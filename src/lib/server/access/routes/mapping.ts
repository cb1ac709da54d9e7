/** Mapping grids (benchmarks and aims), aims, gap analysis and exports. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const MAPPING_ROUTE_RULES = {
	// Everyone in the school sees the grids; ticking a cell (programme.edit) is checked by the service.
	'/schools/[urn]/programme/mapping': { access: 'school', action: 'programme.view' },
	// Without query parameters: the benchmark grid of the current year as CSV.
	'/schools/[urn]/programme/mapping/export': { access: 'school', action: 'programme.view' },
	// Changing aims (programme.manage) is checked by the service.
	'/schools/[urn]/programme/aims': { access: 'school', action: 'programme.view' },
	// Turning a gap into an action (plan.edit) is checked by the development plan's service.
	'/schools/[urn]/programme/gaps': { access: 'school', action: 'programme.view' }
} as const satisfies Record<string, RouteRule>;
