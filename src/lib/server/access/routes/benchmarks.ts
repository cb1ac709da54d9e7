/** Benchmarks page and the development plan. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const BENCHMARK_ROUTE_RULES = {} as const satisfies Record<string, RouteRule>;
