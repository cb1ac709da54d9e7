/**
 * The signed-in person as every service sees them, and the one check every service makes.
 * Another school's resource is "not found" (no existence leak); a forbidden action in one's own
 * school is "forbidden".
 */
import type { OrganisationKind } from '../../domain/roles.ts';
import { rolesAllow, type Action } from './policy.ts';

export type ActorMembership = {
	organisationId: string;
	kind: OrganisationKind;
	name: string;
	/** Schools only. */
	urn: string | null;
	roles: string[];
	tags: string[];
};

export type Actor = {
	userId: string;
	name: string;
	email: string;
	memberships: ActorMembership[];
	/** The organisation the person is working in now (switch school). */
	currentOrganisationId: string | null;
	/** Set for the CLI, which acts with full rights and is recorded as such in the audit trail. */
	system?: boolean;
};

export class NotFoundError extends Error {
	constructor(message = 'Page not found') {
		super(message);
	}
}
export class ForbiddenError extends Error {
	constructor(message = 'You do not have permission to do that') {
		super(message);
	}
}

export function membershipIn(actor: Actor, organisationId: string): ActorMembership | undefined {
	return actor.memberships.find((m) => m.organisationId === organisationId);
}

export function can(actor: Actor, action: Action, organisationId: string): boolean {
	if (actor.system) return true;
	const membership = membershipIn(actor, organisationId);
	return membership !== undefined && rolesAllow(action, membership.roles);
}

/** Throws NotFoundError when the actor has no place in the organisation, ForbiddenError when the role lacks the action. */
export function authorise(actor: Actor, action: Action, organisationId: string): ActorMembership | undefined {
	if (actor.system) return undefined;
	const membership = membershipIn(actor, organisationId);
	if (!membership) throw new NotFoundError();
	if (!rolesAllow(action, membership.roles)) throw new ForbiddenError();
	return membership;
}

/** The CLI's actor: full rights, named in the audit trail as the command line. */
export function systemActor(label = 'Waymark command line'): Actor {
	return { userId: '', name: label, email: '', memberships: [], currentOrganisationId: null, system: true };
}
