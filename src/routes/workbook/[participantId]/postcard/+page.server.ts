import { fail, redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { failed, readForm } from '#lib/server/forms.ts';
import {
	deletePostcard,
	postcardPage,
	reminderDay,
	reviewPostcard,
	savePostcard,
	sendPostcardAgain
} from '#lib/server/development/postcard.ts';
import { longDate } from '#lib/domain/academic-year.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { PROMISE_PROGRESS, PROMISE_PROGRESS_LABELS } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const page = await postcardPage(actor, workbook.participant.id);
	const card = page.postcard;
	const reminder = page.reminder;
	return {
		participant: { id: workbook.participant.id, name: workbook.participant.name, email: workbook.participant.email },
		programmeTitle: workbook.programme.title,
		postcard: card && {
			promiseToMyself: card.promiseToMyself,
			promiseToMySchool: card.promiseToMySchool,
			achieveBy: card.achieveBy,
			remindOn: card.remindOn,
			achieveByText: longDate(card.achieveBy, true),
			review: card.review && {
				progress: card.review.progress,
				progressLabel: card.review.progressLabel,
				note: card.review.note,
				reviewedOn: reminderDay(card.review.reviewedAt)
			}
		},
		reminder: reminder && {
			state: reminder.state,
			day: reminderDay(reminder.sendsAt),
			sentOn: reminder.sentAt ? reminderDay(reminder.sentAt) : null,
			mayRunAgain: reminder.mayRunAgain
		},
		suggested: {
			...page.suggested,
			remindOnText: longDate(page.suggested.remindOn),
			achieveByText: longDate(page.suggested.achieveBy)
		},
		mayReview: page.mayReview,
		progressOptions: PROMISE_PROGRESS.map((value) => ({ value, label: PROMISE_PROGRESS_LABELS[value] })),
		saved: url.searchParams.has('saved'),
		reviewed: url.searchParams.has('reviewed'),
		sent: url.searchParams.has('sent'),
		deleted: url.searchParams.has('deleted'),
		deleting: url.searchParams.has('delete') && card !== null
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await savePostcard(actor, workbook.participant.id, values, locals.requestId);
		} catch (e) {
			return failed(e, { ...values, form: 'save' });
		}
		redirect(303, `/workbook/${workbook.participant.id}/postcard?saved`);
	},
	review: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await reviewPostcard(actor, workbook.participant.id, values, locals.requestId);
		} catch (e) {
			return failed(e, { ...values, form: 'review' });
		}
		redirect(303, `/workbook/${workbook.participant.id}/postcard?reviewed`);
	},
	send: async ({ locals }) => {
		const { actor, workbook } = workbookContext(locals);
		let result;
		try {
			result = await sendPostcardAgain(actor, workbook.participant.id, locals.requestId);
		} catch (e) {
			return failed(e, { form: 'send' });
		}
		if (result.failure) {
			console.error(`Waymark [${locals.requestId}]: the promise postcard could not be sent again: ${result.failure}`);
			return fail(400, {
				errors: [
					{
						field: 'send',
						message: `We could not send your postcard just now (reference ${locals.requestId}). Try again later, or tell your tutor.`
					}
				],
				values: { form: 'send' }
			});
		}
		redirect(303, `/workbook/${workbook.participant.id}/postcard?sent`);
	},
	delete: async ({ locals }) => {
		const { actor, workbook } = workbookContext(locals);
		try {
			await deletePostcard(actor, workbook.participant.id, locals.requestId);
		} catch (e) {
			// Deleted already (another tab): nothing left to do.
			if (!(e instanceof NotFoundError)) throw e;
		}
		redirect(303, `/workbook/${workbook.participant.id}/postcard?deleted`);
	}
};
