import { error, redirect } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import {
	addParticipant,
	changeCohort,
	changeParticipant,
	cohortDetail,
	deleteCohort,
	importParticipants,
	inviteAgain,
	placementSchools,
	removeParticipant,
	INVITATION_STATUS_LABELS,
	type AddResult
} from '#lib/server/development/cohorts.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text, type FormValues } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { PARTICIPANT_KIND_LABELS } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_CSV_BYTES = 1024 * 1024;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, programme } = programmeContext(locals);
	let detail;
	try {
		detail = await cohortDetail(actor, programme.id, params.cohortId);
	} catch (e) {
		refuse(e);
	}
	const schools = await placementSchools(actor, programme.id);
	const removeId = url.searchParams.get('remove');
	const removing = removeId ? detail.participants.find((p) => p.id === removeId) : undefined;
	if (removeId && !removing) error(404, 'Page not found');
	// ?change=cohort: its name and dates; ?change=<participant id>: that participant.
	const changeId = url.searchParams.get('change');
	const changingCohort = changeId === 'cohort';
	const changing = changeId && !changingCohort ? detail.participants.find((p) => p.id === changeId) : undefined;
	if (changeId && !changingCohort && !changing) error(404, 'Page not found');
	const deleting = url.searchParams.get('delete') === 'cohort';
	const n = (key: string) => Number(url.searchParams.get(key) ?? 0) || 0;
	return {
		programme,
		cohort: detail.cohort,
		participants: detail.participants.map((p) => ({
			...p,
			kindLabel: PARTICIPANT_KIND_LABELS[p.kind],
			statusLabel: INVITATION_STATUS_LABELS[p.status]
		})),
		schools: schools.map((s) => ({ value: s.id, label: s.urn ? `${s.name} (URN ${s.urn})` : s.name })),
		removing: removing
			? { id: removing.id, name: removing.name, email: removing.email, joined: removing.status === 'joined' }
			: null,
		changingCohort,
		deleting,
		changing: changing
			? {
					id: changing.id,
					name: changing.name,
					email: changing.email,
					subject: changing.subject ?? '',
					placement1SchoolId: changing.placement1SchoolId ?? '',
					placement1Name: changing.placement1Name ?? '',
					placement2SchoolId: changing.placement2SchoolId ?? '',
					placement2Name: changing.placement2Name ?? ''
				}
			: null,
		done: {
			what: url.searchParams.get('done'),
			added: n('added'),
			invited: n('invited'),
			linked: n('linked'),
			failed: n('failed'),
			name: url.searchParams.get('name')
		}
	};
};

/** The participant's fields both the add and the change forms carry (the add form also has the email). */
function participantFields(values: FormValues) {
	return {
		name: text(values, 'name'),
		subject: text(values, 'subject'),
		placement1SchoolId: text(values, 'placement1SchoolId'),
		placement1Name: text(values, 'placement1Name'),
		placement2SchoolId: text(values, 'placement2SchoolId'),
		placement2Name: text(values, 'placement2Name')
	};
}

function doneQuery(what: string, r: AddResult): string {
	const q = new URLSearchParams({
		done: what,
		added: String(r.added),
		invited: String(r.invited),
		linked: String(r.linked),
		failed: String(r.mailFailed.length)
	});
	return q.toString();
}

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let result: AddResult;
		try {
			result = await addParticipant(
				actor,
				programme.id,
				params.cohortId,
				{ ...participantFields(values), email: text(values, 'email') },
				locals.requestId
			);
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, { ...values, form: 'add' });
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/cohorts/${params.cohortId}?${doneQuery('added', result)}`);
	},
	import: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { data, values } = await readForm(request);
		const file = data.get('file');
		let csv = text(values, 'csv');
		let result: AddResult;
		try {
			if (file instanceof File && file.size > 0) {
				if (file.size > MAX_CSV_BYTES) throw ValidationError.one('file', 'The file must be smaller than 1 MB');
				csv = await file.text();
			}
			result = await importParticipants(actor, programme.id, params.cohortId, csv, locals.requestId);
		} catch (e) {
			if (e instanceof ValidationError) {
				// Each problem names its row and column, and links to the pasted text.
				const errors = e.errors.map((x) => ({
					field: x.field === 'file' ? 'file' : 'csv',
					message:
						(x.row
							? `Row ${x.row}${x.column ? `, column “${x.column}”` : ''}: `
							: x.column
								? `Column “${x.column}”: `
								: '') + x.message
				}));
				return failed(new ValidationError(errors), { ...values, form: 'import' });
			}
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/cohorts/${params.cohortId}?${doneQuery('imported', result)}`);
	},
	changeCohort: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await changeCohort(
				actor,
				programme.id,
				params.cohortId,
				{ name: text(values, 'name'), startsOn: text(values, 'startsOn'), endsOn: text(values, 'endsOn') },
				locals.requestId
			);
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, { ...values, form: 'changeCohort' });
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/cohorts/${params.cohortId}?done=cohortChanged`);
	},
	change: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let name: string;
		try {
			({ name } = await changeParticipant(
				actor,
				programme.id,
				params.cohortId,
				text(values, 'id'),
				participantFields(values),
				locals.requestId
			));
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, { ...values, form: 'change' });
			refuse(e);
		}
		redirect(
			303,
			`/development/${programme.id}/cohorts/${params.cohortId}?done=changed&name=${encodeURIComponent(name)}`
		);
	},
	remove: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let name: string;
		try {
			({ name } = await removeParticipant(actor, programme.id, params.cohortId, text(values, 'id'), locals.requestId));
		} catch (e) {
			refuse(e);
		}
		redirect(
			303,
			`/development/${programme.id}/cohorts/${params.cohortId}?done=removed&name=${encodeURIComponent(name)}`
		);
	},
	deleteCohort: async ({ locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		let result: { name: string; participants: number };
		try {
			result = await deleteCohort(actor, programme.id, params.cohortId, locals.requestId);
		} catch (e) {
			refuse(e);
		}
		const q = new URLSearchParams({ cohortDeleted: result.name, participants: String(result.participants) });
		redirect(303, `/development/${programme.id}?${q}#cohorts`);
	},
	inviteAgain: async ({ request, locals, params }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let result: { name: string; mailFailed: boolean };
		try {
			result = await inviteAgain(actor, programme.id, params.cohortId, text(values, 'id'), locals.requestId);
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
		const q = new URLSearchParams({ done: 'reinvited', name: result.name, failed: result.mailFailed ? '1' : '0' });
		redirect(303, `/development/${programme.id}/cohorts/${params.cohortId}?${q}`);
	}
};
