/**
 * What the header and navigation show: the place being worked in and the links the person's roles
 * allow there. Built from the access table, so a link never leads to a 403.
 */
import { can, type Actor } from './access/actor.ts';
import type { SchoolAction } from './access/policy.ts';
import type { LayoutData } from '../components/layout-types.ts';

const SCHOOL_LINKS: { path: string; label: string; action: SchoolAction }[] = [
	{ path: '', label: 'Dashboard', action: 'school.view' },
	{ path: '/programme', label: 'Programme', action: 'programme.view' },
	{ path: '/benchmarks', label: 'Benchmarks', action: 'programme.view' },
	{ path: '/coverage', label: 'Who has had what', action: 'compliance.view' },
	{ path: '/evaluations', label: 'Self-evaluation', action: 'evaluation.view' },
	{ path: '/reports/governors', label: 'Governors’ report', action: 'reports.view' },
	{ path: '/development-plan', label: 'Development plan', action: 'plan.view' },
	{ path: '/subject-maps', label: 'Subject careers maps', action: 'subject-maps.view' },
	{ path: '/leadership', label: 'Careers leadership', action: 'leadership.view' },
	{ path: '/pupils', label: 'Pupils', action: 'pupils.view' },
	{ path: '/encounters', label: 'Encounters', action: 'encounters.view' },
	{ path: '/guidance', label: 'Guidance', action: 'guidance.view' },
	{ path: '/destinations', label: 'Destinations', action: 'destinations.view' },
	{ path: '/partners', label: 'Partners', action: 'partners.view' },
	{ path: '/imports', label: 'Imports', action: 'imports.use' },
	{ path: '/people', label: 'People', action: 'people.view' },
	{ path: '/audit', label: 'Audit trail', action: 'audit.view' },
	{ path: '/settings', label: 'Settings', action: 'school.manage' }
];

export function placeHref(place: { kind: string; urn: string | null; organisationId: string }): string {
	if (place.kind === 'school') return `/schools/${place.urn}`;
	// A teacher-training provider's people work on its development programmes.
	if (place.kind === 'training-provider') return '/development';
	return `/groups/${place.organisationId}`;
}

/** The place shown in the header: the one in the address if any, else the one chosen last. */
export function layoutFor(actor: Actor | null, placeInUrl: string | undefined, demo: boolean): LayoutData {
	if (!actor) return { user: null, current: null, places: [], nav: [], demo };
	const places = actor.memberships.map((m) => ({
		id: m.organisationId,
		name: m.name,
		kind: m.kind,
		href: placeHref(m)
	}));
	const currentId = placeInUrl ?? actor.currentOrganisationId;
	const membership = actor.memberships.find((m) => m.organisationId === currentId);
	const current = membership
		? {
				id: membership.organisationId,
				name: membership.name,
				kind: membership.kind,
				urn: membership.urn,
				href: placeHref(membership)
			}
		: null;
	let nav: LayoutData['nav'] = [];
	if (membership?.kind === 'school') {
		nav = SCHOOL_LINKS.filter((l) => can(actor, l.action, membership.organisationId)).map((l) => ({
			href: `/schools/${membership.urn}${l.path}`,
			label: l.label
		}));
		if (can(actor, 'development.run', membership.organisationId))
			nav.push({ href: '/development', label: 'Staff development' });
	} else if (membership?.kind === 'training-provider') {
		nav = [{ href: '/development', label: 'Development programmes' }];
	} else if (membership) {
		nav = [
			{ href: placeHref(membership), label: 'Schools' },
			{ href: `${placeHref(membership)}/coverage`, label: 'Who has had what' }
		];
	}
	return { user: { name: actor.name, email: actor.email }, current, places, nav, demo };
}
