import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { conditionHistory, rateConditions } from '#lib/server/leadership/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { CONDITIONS, CONDITION_DETAILS } from '#lib/domain/leadership.ts';
import { todayInLondon } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

/** The form's field for each condition, as the service names them. */
const FIELDS = {
	'clarity-of-roles': 'clarityOfRoles',
	'authority-and-power': 'authorityAndPower',
	'time-and-resources': 'timeAndResources',
	expertise: 'expertise'
} as const;

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	return {
		school,
		canEdit: can(actor, 'leadership.edit', school.id),
		history: await conditionHistory(actor, school),
		conditions: CONDITIONS.map((id) => ({ id, field: FIELDS[id], ...CONDITION_DETAILS[id] })),
		today: todayInLondon()
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await rateConditions(
				actor,
				school,
				{
					ratedOn: text(values, 'ratedOn'),
					clarityOfRoles: text(values, 'clarityOfRoles'),
					authorityAndPower: text(values, 'authorityAndPower'),
					timeAndResources: text(values, 'timeAndResources'),
					expertise: text(values, 'expertise'),
					comment: text(values, 'comment')
				},
				locals.requestId
			);
		} catch (e) {
			return failed(e, values);
		}
		return { done: 'Rating saved' };
	}
};
