import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { listInvitations, listPeople, revokeInvitation } from '#lib/server/people/service.ts';
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
	}
};
