import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { saveSharedParts, workbookOverview } from '#lib/server/development/workbook.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { list, readForm } from '#lib/server/forms.ts';
import { PARTICIPANT_KIND_LABELS } from '#lib/domain/development.ts';
import { longDate } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const { parts, placements } = await workbookOverview(actor, workbook.participant.id);
	const { cohort, participant } = workbook;
	return {
		participant: {
			id: participant.id,
			name: participant.name,
			kindLabel: PARTICIPANT_KIND_LABELS[participant.kind],
			subject: participant.subject,
			placement1: placements.first,
			placement2: placements.second
		},
		programme: { title: workbook.programme.title, runBy: workbook.programme.organisation.name },
		cohort: {
			name: cohort.name,
			dates:
				cohort.startsOn && cohort.endsOn
					? `${longDate(cohort.startsOn)} to ${longDate(cohort.endsOn)}`
					: cohort.startsOn
						? `From ${longDate(cohort.startsOn)}`
						: null
		},
		parts,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	sharing: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		try {
			await saveSharedParts(actor, workbook.participant.id, list(values, 'sharedParts'), locals.requestId);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}?saved#sharing`);
	}
};
