/** Published careers information: the editor and the public page. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const CAREERS_INFORMATION_ROUTE_RULES = {} as const satisfies Record<string, RouteRule>;
