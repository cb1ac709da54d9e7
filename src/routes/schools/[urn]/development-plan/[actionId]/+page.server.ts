import { longDate } from '#lib/domain/academic-year.ts';
import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import {
	ACTION_STATUS_LABELS,
	deleteDevelopmentAction,
	getDevelopmentAction,
	updateDevelopmentAction
} from '#lib/server/plan/service.ts';
import { actionFormData } from '#lib/server/plan/pages.ts';
import { frameworkForYear } from '#lib/server/benchmarks/service.ts';
import { actionInputFrom } from '#lib/server/plan/form.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let action;
	try {
		action = await getDevelopmentAction(actor, school, params.actionId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const canEdit = can(actor, 'plan.edit', school.id);
	const { framework } = await frameworkForYear(actor, school, action.academicYear);
	return {
		school,
		action: {
			...action,
			statusLabel: ACTION_STATUS_LABELS[action.status],
			due: action.dueDate ? longDate(action.dueDate) : null
		},
		yearName: academicYearName(action.academicYear),
		benchmarkTitles: action.benchmarks.map((n) => {
			const title = framework.benchmarks.find((b) => b.number === n)?.title;
			return title ? `${n}. ${title}` : String(n);
		}),
		canEdit,
		edit: canEdit ? await actionFormData(actor, school, action.academicYear) : null,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		// The year and the gap it came from stay as they were; the rest is what the form shows.
		const { title, benchmarks, ownerUserId, dueDate, status, evidence } = actionInputFrom(values);
		const input = { title, benchmarks, ownerUserId, dueDate, status, evidence };
		try {
			await updateDevelopmentAction(actor, school, params.actionId, input, locals.requestId);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/development-plan/${params.actionId}?saved`);
	},
	delete: async ({ locals, params }) => {
		const { actor, school } = schoolContext(locals);
		let year: number;
		try {
			year = (await getDevelopmentAction(actor, school, params.actionId)).academicYear;
			await deleteDevelopmentAction(actor, school, params.actionId, locals.requestId);
		} catch (e) {
			return formFailure(e, {});
		}
		redirect(303, `/schools/${school.urn}/development-plan?year=${year}&deleted=1`);
	}
};
