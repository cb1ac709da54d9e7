/** Subject careers maps, career cards, the occupations library and the Benchmark 4 view. See ../routes.ts. */
import type { RouteRule } from '../routes.ts';

export const SUBJECT_MAP_ROUTE_RULES = {
	// Building or changing a map (subject-maps.edit) and taking a trainee's offered map are checked by the service.
	'/schools/[urn]/subject-maps': { access: 'school', action: 'subject-maps.view' },
	'/schools/[urn]/subject-maps/[mapId]': { access: 'school', action: 'subject-maps.view' },
	'/schools/[urn]/subject-maps/[mapId]/cards': { access: 'school', action: 'subject-maps.view' },
	'/schools/[urn]/subject-maps/[mapId]/poster': { access: 'school', action: 'subject-maps.view' },
	// Subjects × year groups: careers mapped this year against curriculum-linked activities delivered.
	'/schools/[urn]/subject-maps/coverage': { access: 'school', action: 'subject-maps.view' },
	// Adding the school's own careers (occupations.edit) is checked by the service.
	'/schools/[urn]/occupations': { access: 'school', action: 'subject-maps.view' },
	'/schools/[urn]/occupations/[occupationId]': { access: 'school', action: 'subject-maps.view' },
	// A pupil's social-capital map, where the school turns pupil networks on; changes need pupil-networks.edit.
	'/schools/[urn]/pupils/[pupilId]/network': { access: 'school', action: 'pupils.view' }
} as const satisfies Record<string, RouteRule>;
