import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import {
	EVALUATION_STATUS_LABELS,
	listEvaluations,
	snapshotOptions,
	startEvaluation
} from '#lib/server/evaluation/service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	const [evaluations, snapshots] = await Promise.all([listEvaluations(actor, school), snapshotOptions(actor, school)]);
	// Oldest first for the history: one column per evaluation.
	const history = [...evaluations].reverse();
	return {
		school,
		evaluations: evaluations.map((e) => ({
			id: e.id,
			label: e.label,
			termName: e.termName,
			date: e.snapshot.date,
			status: e.status,
			statusLabel: EVALUATION_STATUS_LABELS[e.status],
			framework: e.framework.name,
			scores: e.scores.map((s) => s.score),
			overall: e.overall
		})),
		history: {
			columns: history.map((e) => ({ id: e.id, termName: e.termName, date: e.snapshot.date })),
			rows: [1, 2, 3, 4, 5, 6, 7, 8].map((benchmark) => ({
				benchmark,
				scores: history.map((e) => e.scores.find((s) => s.benchmark === benchmark)?.score ?? null)
			}))
		},
		snapshots,
		canEdit: can(actor, 'evaluation.edit', school.id)
	};
};

export const actions: Actions = {
	start: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			id = await startEvaluation(actor, school, { snapshotDate: text(values, 'snapshotDate') }, locals.requestId);
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/evaluations/${id}?started=1`);
	}
};
