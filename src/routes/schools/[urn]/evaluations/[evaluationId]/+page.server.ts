import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, list, readForm, text } from '#lib/server/forms.ts';
import {
	EVALUATION_ANSWER_LABELS,
	EVALUATION_STATUS_LABELS,
	getEvaluation,
	saveAnswers,
	submitEvaluation
} from '#lib/server/evaluation/service.ts';
import { longDate, londonDate } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let evaluation;
	try {
		evaluation = await getEvaluation(actor, school, params.evaluationId);
	} catch (e) {
		refuse(e);
	}
	const saved = Number(url.searchParams.get('saved'));
	return {
		school,
		evaluation: {
			...evaluation,
			statusLabel: EVALUATION_STATUS_LABELS[evaluation.status],
			figuresAsOfText: longDate(evaluation.figuresAsOf),
			submittedOn: evaluation.submittedAt ? longDate(londonDate(evaluation.submittedAt)) : null,
			createdOn: longDate(londonDate(evaluation.createdAt))
		},
		answers: Object.entries(EVALUATION_ANSWER_LABELS).map(([value, label]) => ({ value, label })),
		labels: EVALUATION_ANSWER_LABELS,
		started: url.searchParams.get('started') === '1',
		submitted: url.searchParams.get('submitted') === '1',
		saved: Number.isInteger(saved) && saved >= 1 && saved <= 8 ? saved : null
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const benchmark = text(values, 'benchmark');
		const answers = list(values, 'criterion').map((id) => ({
			criterionId: id,
			status: text(values, `status-${id}`),
			evidence: text(values, `evidence-${id}`),
			reason: text(values, `reason-${id}`)
		}));
		try {
			await saveAnswers(actor, school, params.evaluationId, answers, locals.requestId);
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(
			303,
			`/schools/${school.urn}/evaluations/${params.evaluationId}?saved=${benchmark}#benchmark-${benchmark}`
		);
	},
	submit: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await submitEvaluation(actor, school, params.evaluationId, locals.requestId);
		} catch (e) {
			try {
				return failed(e, { ...values, benchmark: '' });
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/evaluations/${params.evaluationId}?submitted=1`);
	}
};
