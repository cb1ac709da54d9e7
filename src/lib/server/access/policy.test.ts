import { describe, expect, it } from 'vitest';
import { GROUP_ACTIONS, PROVIDER_ACTIONS, relationAllows, rolesAllow, SCHOOL_ACTIONS } from './policy.ts';
import { authorise, ForbiddenError, NotFoundError, type Actor } from './actor.ts';
import { PROVIDER_ROLES, SCHOOL_ROLES } from '../../domain/roles.ts';

const school = 'school-1';
function actorWith(roles: string[], organisationId = school): Actor {
	return {
		userId: 'u',
		name: 'Test',
		email: 't@example.org',
		currentOrganisationId: organisationId,
		memberships: [{ organisationId, kind: 'school', name: 'A School', urn: '123456', roles, tags: [] }]
	};
}

describe('the access table', () => {
	it('gives link governors read actions only', () => {
		const allowed = Object.entries(SCHOOL_ACTIONS)
			.filter(([, roles]) => (roles as readonly string[]).includes('link-governor'))
			.map(([action]) => action);
		expect(allowed.length).toBeGreaterThan(0);
		for (const action of allowed) expect(action).toMatch(/\.view$/);
		expect(allowed).not.toContain('pupils.view');
	});

	it('never lets a school role act on a group, nor a group lead on a school', () => {
		for (const action of Object.keys(GROUP_ACTIONS) as (keyof typeof GROUP_ACTIONS)[]) {
			expect(rolesAllow(action, [...SCHOOL_ROLES])).toBe(false);
		}
		for (const action of Object.keys(SCHOOL_ACTIONS) as (keyof typeof SCHOOL_ACTIONS)[]) {
			expect(rolesAllow(action, ['group-lead'])).toBe(false);
		}
	});

	it("keeps a provider's roles to the provider's actions, and school roles out of them", () => {
		for (const action of Object.keys(SCHOOL_ACTIONS) as (keyof typeof SCHOOL_ACTIONS)[]) {
			if (action === 'development.run') continue;
			expect(rolesAllow(action, [...PROVIDER_ROLES])).toBe(false);
		}
		expect(rolesAllow('development.run', ['trainee'])).toBe(false);
		expect(rolesAllow('development.run', ['programme-tutor'])).toBe(true);
		// A school runs programmes for its staff through its careers leader or senior leader.
		expect(SCHOOL_ROLES.filter((role) => rolesAllow('development.run', [role]))).toEqual([
			'careers-leader',
			'senior-leader'
		]);
		for (const action of Object.keys(PROVIDER_ACTIONS) as (keyof typeof PROVIDER_ACTIONS)[])
			expect(rolesAllow(action, ['group-lead', 'link-governor', 'teacher'])).toBe(false);
	});

	it('lets only tutors manage a programme; participants and strangers only what the table says', () => {
		expect(relationAllows('development.manage', 'tutor')).toBe(true);
		expect(relationAllows('development.manage', 'participant')).toBe(false);
		expect(relationAllows('development.view', 'participant')).toBe(true);
		expect(relationAllows('development.view', null)).toBe(false);
	});

	it('only the careers leader invites colleagues', () => {
		const inviters = SCHOOL_ROLES.filter((role) => rolesAllow('people.manage', [role]));
		expect(inviters).toEqual(['careers-leader']);
	});

	it('answers not found for another school and forbidden for a missing role', () => {
		expect(() => authorise(actorWith(['careers-leader']), 'people.manage', 'school-2')).toThrow(NotFoundError);
		expect(() => authorise(actorWith(['teacher']), 'people.manage', school)).toThrow(ForbiddenError);
		expect(authorise(actorWith(['teacher', 'careers-leader']), 'people.manage', school)?.organisationId).toBe(school);
	});
});
