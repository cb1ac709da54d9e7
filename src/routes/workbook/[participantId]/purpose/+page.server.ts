import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import {
	clearPurposeResponse,
	isPurposeOccasion,
	purposeView,
	ratingField,
	savePurposeResponse
} from '#lib/server/development/purpose.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { PURPOSE_OCCASION_LABELS, PURPOSE_SCALE, PURPOSE_SCALE_LABELS } from '#lib/domain/development.ts';
import { longDate, todayInLondon } from '#lib/domain/academic-year.ts';
import type { PurposeOccasion } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

function occasionFrom(value: string | null): PurposeOccasion {
	return value && isPurposeOccasion(value) ? value : 'start';
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const view = await purposeView(actor, workbook.participant.id);
	const occasion = occasionFrom(url.searchParams.get('occasion'));
	const response = view.responses[occasion];
	const statements = view.statements.map((s, i) => ({ ...s, number: i + 1, field: ratingField(s.id) }));
	const textOf = new Map(statements.map((s) => [s.id, `${s.number}. ${s.text}`]));
	const scoreRow = (o: PurposeOccasion) => {
		const r = view.responses[o];
		return r
			? {
					occasion: o,
					label: PURPOSE_OCCASION_LABELS[o],
					answeredOn: longDate(r.answeredOn),
					aspiration: r.aspiration,
					...r.score
				}
			: null;
	};
	return {
		participantId: workbook.participant.id,
		programmeTitle: workbook.programme.title,
		occasion,
		occasions: (['start', 'end'] as const).map((o) => ({
			value: o,
			label: PURPOSE_OCCASION_LABELS[o],
			answered: view.responses[o] !== null
		})),
		statements,
		scale: PURPOSE_SCALE.map((n) => ({ value: String(n), label: `${n} – ${PURPOSE_SCALE_LABELS[n]}` })),
		initial: {
			aspiration: response?.aspiration ?? '',
			answeredOn: response?.answeredOn ?? todayInLondon(),
			...Object.fromEntries(
				statements.map((s) => [s.field, response?.ratings[s.id] ? String(response.ratings[s.id]) : ''])
			)
		} as Record<string, string>,
		answered: response !== null,
		scores: [scoreRow('start'), scoreRow('end')].filter((r) => r !== null),
		change:
			view.responses.start && view.responses.end
				? {
						total: view.change.total,
						mean: view.change.mean,
						perStatement: view.change.perStatement.map((c) => ({ ...c, text: textOf.get(c.statementId) ?? '' }))
					}
				: null,
		saved: url.searchParams.has('saved'),
		cleared: url.searchParams.has('cleared')
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		const occasion = text(values, 'occasion');
		const ratings: Record<string, string> = {};
		for (const [key, value] of Object.entries(values))
			if (key.startsWith('rating-'))
				ratings[key.slice('rating-'.length)] = Array.isArray(value) ? (value[0] ?? '') : value;
		try {
			await savePurposeResponse(
				actor,
				workbook.participant.id,
				occasion,
				{ aspiration: text(values, 'aspiration'), answeredOn: text(values, 'answeredOn'), ratings },
				locals.requestId
			);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/purpose?occasion=${occasion}&saved`);
	},
	clear: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		const occasion = text(values, 'occasion');
		try {
			await clearPurposeResponse(actor, workbook.participant.id, occasion, locals.requestId);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/purpose?occasion=${occasion}&cleared`);
	}
};
