import { error, redirect } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import {
	addActivity,
	addAim,
	deleteActivity,
	deleteAim,
	durationText,
	minutesToHours,
	moveActivity,
	moveAim,
	programmeOverview,
	renameAim,
	updateActivity,
	updateProgrammeDetails
} from '#lib/server/development/programmes.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text, type FormValues } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { DEVELOPMENT_ACTIVITY_KINDS, DEVELOPMENT_ACTIVITY_KIND_LABELS } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, programme } = programmeContext(locals);
	const overview = await programmeOverview(actor, programme.id);
	const activities = overview.activities.map((a) => ({
		id: a.id,
		title: a.title,
		description: a.description ?? '',
		kind: a.kind,
		kindLabel: DEVELOPMENT_ACTIVITY_KIND_LABELS[a.kind],
		duration: durationText(a.durationMinutes),
		hours: minutesToHours(a.durationMinutes)
	}));
	const editing = url.searchParams.get('activity');
	const activity = editing ? activities.find((a) => a.id === editing) : undefined;
	if (editing && !activity) error(404, 'Page not found');

	// ?remove=aim:ID or ?remove=activity:ID asks to confirm a deletion.
	const [removeKind, removeId] = (url.searchParams.get('remove') ?? '').split(':');
	const aims = overview.aims.flatMap((a) => [a, ...a.subAims]);
	const removing =
		removeKind === 'aim'
			? aims.find((a) => a.id === removeId)
			: removeKind === 'activity'
				? activities.find((a) => a.id === removeId)
				: undefined;
	if (url.searchParams.has('remove') && !removing) error(404, 'Page not found');
	return {
		programme,
		aims: overview.aims,
		activities,
		activity: activity ?? null,
		removing: removing
			? {
					kind: removeKind as 'aim' | 'activity',
					id: removing.id,
					title: removing.title,
					subAims: removeKind === 'aim' ? (overview.aims.find((a) => a.id === removing.id)?.subAims.length ?? 0) : 0
				}
			: null,
		kinds: DEVELOPMENT_ACTIVITY_KINDS.map((k) => ({ value: k, label: DEVELOPMENT_ACTIVITY_KIND_LABELS[k] })),
		saved: url.searchParams.get('saved')
	};
};

/** A service's field errors renamed to the fields of the form on this page. */
function renamed(e: unknown, names: Record<string, string>, values: FormValues) {
	if (!(e instanceof ValidationError)) refuse(e);
	return failed(new ValidationError(e.errors.map((x) => ({ ...x, field: names[x.field] ?? x.field }))), values);
}

function direction(values: FormValues): 'up' | 'down' {
	return text(values, 'direction') === 'up' ? 'up' : 'down';
}

function activityInput(values: FormValues) {
	return {
		kind: text(values, 'kind') || undefined,
		title: text(values, 'activityTitle'),
		description: text(values, 'activityDescription'),
		duration: text(values, 'duration')
	};
}
const ACTIVITY_FIELDS = { title: 'activityTitle', description: 'activityDescription' };

export const actions: Actions = {
	details: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await updateProgrammeDetails(
				actor,
				programme.id,
				{ title: text(values, 'title'), description: text(values, 'description') },
				locals.requestId
			);
		} catch (e) {
			return renamed(e, {}, values);
		}
		redirect(303, `/development/${programme.id}/edit?saved=details`);
	},
	addAim: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await addAim(
				actor,
				programme.id,
				{ title: text(values, 'aimTitle'), parentId: text(values, 'parentId') },
				locals.requestId
			);
		} catch (e) {
			return renamed(e, { title: 'aimTitle' }, values);
		}
		redirect(303, `/development/${programme.id}/edit?saved=aim#aims`);
	},
	renameAim: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		const id = text(values, 'id');
		try {
			await renameAim(actor, programme.id, id, text(values, `aim-${id}`), locals.requestId);
		} catch (e) {
			return renamed(e, { title: `aim-${id}` }, values);
		}
		redirect(303, `/development/${programme.id}/edit?saved=aim#aims`);
	},
	moveAim: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await moveAim(actor, programme.id, text(values, 'id'), direction(values), locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/edit#aims`);
	},
	deleteAim: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await deleteAim(actor, programme.id, text(values, 'id'), locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/edit?saved=aim-deleted#aims`);
	},
	addActivity: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await addActivity(actor, programme.id, activityInput(values), locals.requestId);
		} catch (e) {
			return renamed(e, ACTIVITY_FIELDS, values);
		}
		redirect(303, `/development/${programme.id}/edit?saved=activity#activities`);
	},
	updateActivity: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await updateActivity(actor, programme.id, text(values, 'id'), activityInput(values), locals.requestId);
		} catch (e) {
			return renamed(e, ACTIVITY_FIELDS, values);
		}
		redirect(303, `/development/${programme.id}/edit?saved=activity#activities`);
	},
	moveActivity: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await moveActivity(actor, programme.id, text(values, 'id'), direction(values), locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/edit#activities`);
	},
	deleteActivity: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await deleteActivity(actor, programme.id, text(values, 'id'), locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/edit?saved=activity-deleted#activities`);
	}
};
