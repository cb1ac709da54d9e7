/** Spreadsheet imports: one page per kind, each with the action its import needs. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const IMPORT_ROUTE_RULES = {
	'/schools/[urn]/imports': { access: 'school', action: 'imports.use' },
	// The template holds column headings only, so anyone who may import something may download it.
	'/schools/[urn]/imports/[kind]/template': { access: 'school', action: 'imports.use' },
	'/schools/[urn]/imports/pupils': { access: 'school', action: 'pupils.import' },
	'/schools/[urn]/imports/groups': { access: 'school', action: 'pupils.import' },
	'/schools/[urn]/imports/activities': { access: 'school', action: 'encounters.edit' },
	'/schools/[urn]/imports/attendance': { access: 'school', action: 'encounters.edit' },
	'/schools/[urn]/imports/guidance': { access: 'school', action: 'guidance.record' },
	'/schools/[urn]/imports/destinations': { access: 'school', action: 'destinations.edit' }
} as const satisfies Record<string, RouteRule>;
