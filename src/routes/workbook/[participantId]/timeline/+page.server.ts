import { error, redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { addIncident, listIncidents, removeIncident, updateIncident } from '#lib/server/development/timeline.ts';
import { longDate } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const points = await listIncidents(actor, workbook.participant.id);
	const editId = url.searchParams.get('edit');
	const editing = editId ? (points.find((p) => p.id === editId) ?? null) : null;
	return {
		participantId: workbook.participant.id,
		programmeTitle: workbook.programme.title,
		points,
		editing,
		editingNumber: editing ? points.indexOf(editing) + 1 : null,
		editingDate: editing ? longDate(editing.occurredOn) : null,
		shared: workbook.participant.sharedParts.includes('timeline'),
		added: url.searchParams.has('added'),
		changed: url.searchParams.has('changed'),
		removed: url.searchParams.has('removed')
	};
};

function refusal(e: unknown): never {
	if (e instanceof NotFoundError) error(404, 'That point is not on your timeline');
	throw e;
}

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await addIncident(actor, workbook.participant.id, values, locals.requestId);
		} catch (e) {
			return failed(e, { ...values, form: 'add' });
		}
		redirect(303, `/workbook/${workbook.participant.id}/timeline?added#timeline`);
	},
	update: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		const id = text(values, 'id');
		try {
			await updateIncident(actor, workbook.participant.id, id, values, locals.requestId);
		} catch (e) {
			if (e instanceof NotFoundError) refusal(e);
			return failed(e, { ...values, form: 'update' });
		}
		redirect(303, `/workbook/${workbook.participant.id}/timeline?changed#timeline`);
	},
	remove: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await removeIncident(actor, workbook.participant.id, text(values, 'id'), locals.requestId);
		} catch (e) {
			refusal(e);
		}
		redirect(303, `/workbook/${workbook.participant.id}/timeline?removed#timeline`);
	}
};
