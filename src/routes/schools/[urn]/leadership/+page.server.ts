import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import {
	assignTask,
	leadershipOverview,
	leadershipPeople,
	setLeadershipModel,
	unassignTask
} from '#lib/server/leadership/service.ts';
import { failed, readForm, text, type FormValues } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { formatHours, LEADERSHIP_MODELS, taskById } from '#lib/domain/leadership.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	const canEdit = can(actor, 'leadership.edit', school.id);
	const overview = await leadershipOverview(actor, school);
	return {
		school,
		canEdit,
		overview,
		people: canEdit
			? (await leadershipPeople(actor, school)).map((p) => ({
					value: p.userId,
					label: p.name
				}))
			: [],
		models: LEADERSHIP_MODELS.map((m) => ({ value: m.id, label: m.title, hint: m.description }))
	};
};

/**
 * A task's form errors name fields of that task's row (`userId-plan-schemes-of-work`), so the error summary's
 * links land on the right one of the 21 forms.
 */
function forTask(e: unknown, values: FormValues) {
	const taskId = text(values, 'taskId');
	if (e instanceof ValidationError && taskById(taskId)) {
		return failed(new ValidationError(e.errors.map((err) => ({ ...err, field: `${err.field}-${taskId}` }))), values);
	}
	return failed(e, values);
}

export const actions: Actions = {
	assign: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			const done = await assignTask(
				actor,
				school,
				{ taskId: text(values, 'taskId'), userId: text(values, 'userId'), hoursPerWeek: text(values, 'hoursPerWeek') },
				locals.requestId
			);
			return {
				done: `“${taskById(done.taskId)?.title}” assigned to ${done.name}, ${formatHours(done.hoursPerWeek)} a week`
			};
		} catch (e) {
			return forTask(e, values);
		}
	},
	unassign: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const taskId = text(values, 'taskId');
		try {
			await unassignTask(actor, school, taskId, locals.requestId);
		} catch (e) {
			return forTask(e, values);
		}
		return { done: `“${taskById(taskId)?.title}” is no longer assigned to anyone` };
	},
	model: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await setLeadershipModel(
				actor,
				school,
				{ modelId: text(values, 'modelId'), note: text(values, 'note') },
				locals.requestId
			);
		} catch (e) {
			return failed(e, values);
		}
		return { done: 'Leadership model saved' };
	}
};
