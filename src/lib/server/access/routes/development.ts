/** Staff development programmes: tutors run them, participants see them (issue 6). See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const DEVELOPMENT_ROUTE_RULES = {
	// Everyone signed in: the programmes they tutor and the workbooks they keep (perhaps none).
	'/development': { access: 'signed-in' },
	// Starting a programme: the service offers only organisations where the person may run one.
	'/development/new': { access: 'signed-in' },
	'/development/[programmeId]': { access: 'programme', action: 'development.view' },
	'/development/[programmeId]/mapping': { access: 'programme', action: 'development.view' },
	'/development/[programmeId]/edit': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/statements': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/copy': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/cohorts/[cohortId]': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/participants/[participantId]': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/evaluation': { access: 'programme', action: 'development.manage' },
	'/development/[programmeId]/evaluation/export': { access: 'programme', action: 'development.manage' }
} as const satisfies Record<string, RouteRule>;
