/**
 * A participant's own workbook (staff development, issue 6). Only its participant opens these; tutors
 * read shared parts through /development/[programmeId]/participants/[participantId]. See ../routes.ts.
 */
import type { RouteRule } from '../routes.ts';

export const WORKBOOK_ROUTE_RULES = {
	// The overview of every part, and the choices of what to share with the tutor.
	'/workbook/[participantId]': { access: 'workbook' },
	'/workbook/[participantId]/purpose': { access: 'workbook' },
	'/workbook/[participantId]/network': { access: 'workbook' },
	'/workbook/[participantId]/reflection': { access: 'workbook' },
	'/workbook/[participantId]/timeline': { access: 'workbook' },
	'/workbook/[participantId]/postcard': { access: 'workbook' },
	'/workbook/[participantId]/appreciation': { access: 'workbook' },
	'/workbook/[participantId]/pdf': { access: 'workbook' },
	'/workbook/[participantId]/subject-maps': { access: 'workbook' },
	'/workbook/[participantId]/subject-maps/[mapId]': { access: 'workbook' },
	'/workbook/[participantId]/subject-maps/[mapId]/cards': { access: 'workbook' }
} as const satisfies Record<string, RouteRule>;
