import { redirect } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import { durationText, programmeOverview } from '#lib/server/development/programmes.ts';
import { createCohort } from '#lib/server/development/cohorts.ts';
import { workbooksOf } from '#lib/server/development/access.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { DEVELOPMENT_ACTIVITY_KIND_LABELS } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, programme, relation } = programmeContext(locals);
	const overview = await programmeOverview(actor, programme.id);
	const workbook =
		relation === 'participant'
			? ((await workbooksOf(actor)).find((w) => w.programme.id === programme.id)?.participant.id ?? null)
			: null;
	return {
		programme,
		isTutor: relation === 'tutor',
		workbook,
		aims: overview.aims,
		activities: overview.activities.map((a) => ({
			id: a.id,
			title: a.title,
			description: a.description,
			kind: DEVELOPMENT_ACTIVITY_KIND_LABELS[a.kind],
			duration: durationText(a.durationMinutes)
		})),
		statements: overview.statements.length,
		cohorts: overview.cohorts,
		notice: url.searchParams.has('created')
			? 'Programme started'
			: url.searchParams.has('copied')
				? 'Programme copied. Add a cohort for it below.'
				: url.searchParams.has('cohortDeleted')
					? cohortDeletedNotice(url.searchParams)
					: null
	};
};

function cohortDeletedNotice(search: URLSearchParams): string {
	const n = Number(search.get('participants')) || 0;
	const who = n === 0 ? 'no participants' : n === 1 ? 'its 1 participant' : `its ${n} participants`;
	return `Cohort “${search.get('cohortDeleted')}” deleted with ${who}`;
}

export const actions: Actions = {
	addCohort: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			({ id } = await createCohort(
				actor,
				programme.id,
				{ name: text(values, 'name'), startsOn: text(values, 'startsOn'), endsOn: text(values, 'endsOn') },
				locals.requestId
			));
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/cohorts/${id}?done=cohort`);
	}
};
