import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import { deleteActivity, getActivity, schoolMembers, updateActivity } from '#lib/server/programme/service.ts';
import { activityFormOptions, activityInput, activityValues } from '#lib/server/programme/form.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import {
	ACTIVITY_FORMAT_LABELS,
	ACTIVITY_TYPE_LABELS,
	AUDIENCE_LABELS,
	BENCHMARK_SHORT_NAMES,
	HALF_TERM_LABELS,
	MEANINGFUL_ELEMENT_LABELS,
	TARGET_GROUP_LABELS,
	TERM_LABELS,
	type HalfTerm,
	type MeaningfulElement,
	type TargetGroup
} from '#lib/domain/activities.ts';
import type { Actions, PageServerLoad } from './$types';
import { longDate } from '#lib/domain/academic-year.ts';

async function found<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	const a = await found(getActivity(actor, school, params.activityId));
	const canEdit = can(actor, 'programme.edit', school.id);
	const when = [
		a.halfTerm ? HALF_TERM_LABELS[a.halfTerm as HalfTerm] : a.term ? `${TERM_LABELS[a.term]} term` : 'Not scheduled',
		a.startDate
			? a.endDate && a.endDate !== a.startDate
				? `${longDate(a.startDate, true)} to ${longDate(a.endDate, true)}`
				: longDate(a.startDate, true)
			: ''
	]
		.filter(Boolean)
		.join(', ');
	const audience =
		a.audience === 'targeted'
			? `${AUDIENCE_LABELS.targeted}: ${a.audienceGroups.map((g) => TARGET_GROUP_LABELS[g as TargetGroup] ?? g).join('; ')}`
			: a.audience === 'named-groups'
				? `${AUDIENCE_LABELS['named-groups']}: ${a.audienceGroups.join(', ')}`
				: AUDIENCE_LABELS[a.audience];
	const meaningful = Object.entries(a.meaningful)
		.filter(([, on]) => on)
		.map(([k]) => MEANINGFUL_ELEMENT_LABELS[k as MeaningfulElement]);
	return {
		school,
		activity: { id: a.id, title: a.title, academicYear: a.academicYear },
		yearName: academicYearName(a.academicYear),
		summary: [
			{ key: 'Type', value: ACTIVITY_TYPE_LABELS[a.type] ?? a.type },
			{ key: 'Format', value: ACTIVITY_FORMAT_LABELS[a.format] ?? a.format },
			{ key: 'Year groups', value: a.yearGroups.map((y) => `Year ${y}`).join(', ') },
			{ key: 'When', value: when },
			{ key: 'Who it is for', value: audience },
			{
				key: 'Benchmarks',
				value: a.benchmarks.map((n) => `${n}. ${BENCHMARK_SHORT_NAMES[n]}`).join('; ') || 'None ticked'
			},
			{ key: 'Description', value: a.description ?? '' },
			{ key: 'Learning outcomes', value: a.learningOutcomes ?? '' },
			{ key: 'Delivery partners', value: a.partners.join(', ') },
			{ key: 'Owner', value: a.ownerName ?? '' },
			{ key: 'Meaningful elements planned', value: meaningful.join('; ') || 'None planned yet' }
		],
		saved: url.searchParams.get('saved') === '1',
		canEdit,
		options: canEdit ? activityFormOptions(school, await schoolMembers(actor, school)) : null,
		initial: canEdit ? activityValues(a) : {}
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await found(updateActivity(actor, school, params.activityId, activityInput(values), locals.requestId));
		} catch (e) {
			return failed(e, values);
		}
		redirect(303, `/schools/${school.urn}/programme/activities/${params.activityId}?saved=1`);
	},
	delete: async ({ locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { academicYear } = await found(deleteActivity(actor, school, params.activityId, locals.requestId));
		redirect(303, `/schools/${school.urn}/programme?year=${academicYear}&deleted=1`);
	}
};
