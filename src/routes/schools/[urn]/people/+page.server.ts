import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { listInvitations, listPeople, revokeInvitation, setAdviserLevel } from '#lib/server/people/service.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ROLE_LABELS, TAG_LABELS, type TeacherTag } from '#lib/domain/roles.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const canManage = can(actor, 'people.manage', school.id);
	const people = await listPeople(actor, school);
	return {
		school,
		canManage,
		invited: url.searchParams.get('invited'),
		adviserLevels: [
			{ value: '', label: 'Not recorded' },
			...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: `Level ${n}` }))
		],
		people: people.map((p) => ({
			...p,
			roleLabels: p.roles.map((r) => ROLE_LABELS[r]),
			tagLabels: p.tags.map((t) => TAG_LABELS[t as TeacherTag] ?? t)
		})),
		invitations: canManage
			? (await listInvitations(actor, school)).map((i) => ({ ...i, roleLabels: i.roles.map((r) => ROLE_LABELS[r]) }))
			: []
	};
};

export const actions: Actions = {
	revoke: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await revokeInvitation(actor, school, text(values, 'invitation'), locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		return { revoked: true };
	},
	/** A careers adviser's qualification level, which Benchmark 8 depends on. */
	adviserLevel: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const userId = text(values, 'userId');
		try {
			await setAdviserLevel(actor, school, userId, text(values, 'adviserLevel') || null, locals.requestId);
		} catch (e) {
			const failure = formFailure(e, values);
			// Point the error summary at this adviser's level.
			for (const err of failure.data.errors) if (err.field === 'adviserLevel') err.field = `adviserLevel-${userId}`;
			return failure;
		}
		return { levelSaved: userId };
	}
};
