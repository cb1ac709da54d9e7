/**
 * Every route of the app and who may open it. The request hook refuses any route missing here, and
 * a test walks src/routes to check each route, role and outsider against this table.
 */
import type { GroupAction, ProgrammeAction, SchoolAction } from './policy.ts';
import { BENCHMARK_ROUTE_RULES } from './routes/benchmarks.ts';
import { PROGRAMME_ROUTE_RULES } from './routes/programme.ts';
import { MAPPING_ROUTE_RULES } from './routes/mapping.ts';
import { LEADERSHIP_ROUTE_RULES } from './routes/leadership.ts';
import { CAREERS_INFORMATION_ROUTE_RULES } from './routes/careers-information.ts';
import { PUPIL_ROUTE_RULES } from './routes/pupils.ts';
import { IMPORT_ROUTE_RULES } from './routes/imports.ts';
import { ENCOUNTER_ROUTE_RULES } from './routes/encounters.ts';
import { GUIDANCE_ROUTE_RULES } from './routes/guidance.ts';
import { COMPLIANCE_ROUTE_RULES } from './routes/compliance.ts';
import { DEVELOPMENT_ROUTE_RULES } from './routes/development.ts';
import { WORKBOOK_ROUTE_RULES } from './routes/workbook.ts';
import { SUBJECT_MAP_ROUTE_RULES } from './routes/subject-maps.ts';

export type RouteRule =
	/** Anyone, signed in or not. */
	| { access: 'public' }
	/** Anyone signed in. */
	| { access: 'signed-in' }
	/** A school page (the route has [urn]); the action is checked against the person's roles there. */
	| { access: 'school'; action: SchoolAction }
	/** A trust or Careers Hub page (the route has [groupId]). */
	| { access: 'group'; action: GroupAction }
	/** A development programme's page (the route has [programmeId]); the action follows the person's relation to it. */
	| { access: 'programme'; action: ProgrammeAction }
	/** A workbook page (the route has [participantId]): its participant only. */
	| { access: 'workbook' };

export const ROUTE_RULES = {
	'/': { access: 'signed-in' },
	'/sign-in': { access: 'public' },
	'/sign-out': { access: 'public' },
	'/forgot-password': { access: 'public' },
	'/reset-password/[token]': { access: 'public' },
	'/invitations/[token]': { access: 'public' },
	'/accessibility': { access: 'public' },
	'/privacy': { access: 'public' },
	'/help': { access: 'public' },
	'/switch-school': { access: 'signed-in' },
	'/schools/[urn]': { access: 'school', action: 'school.view' },
	'/schools/[urn]/people': { access: 'school', action: 'people.view' },
	'/schools/[urn]/people/invite': { access: 'school', action: 'people.manage' },
	'/schools/[urn]/audit': { access: 'school', action: 'audit.view' },
	'/groups/[groupId]': { access: 'group', action: 'group.view' },
	// One file per area, so each area's routes and rules are written together.
	...BENCHMARK_ROUTE_RULES,
	...PROGRAMME_ROUTE_RULES,
	...MAPPING_ROUTE_RULES,
	...LEADERSHIP_ROUTE_RULES,
	...CAREERS_INFORMATION_ROUTE_RULES,
	...PUPIL_ROUTE_RULES,
	...IMPORT_ROUTE_RULES,
	...ENCOUNTER_ROUTE_RULES,
	...GUIDANCE_ROUTE_RULES,
	...COMPLIANCE_ROUTE_RULES,
	...DEVELOPMENT_ROUTE_RULES,
	...WORKBOOK_ROUTE_RULES,
	...SUBJECT_MAP_ROUTE_RULES
} as const satisfies Record<string, RouteRule>;

export type RouteId = keyof typeof ROUTE_RULES;

export function ruleFor(routeId: string): RouteRule | undefined {
	return (ROUTE_RULES as Record<string, RouteRule>)[routeId];
}
