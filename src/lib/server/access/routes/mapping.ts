/** Mapping grids (benchmarks and aims), aims, gap analysis and exports. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const MAPPING_ROUTE_RULES = {} as const satisfies Record<string, RouteRule>;
