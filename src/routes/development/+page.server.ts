import { error } from '@sveltejs/kit';
import { organisationsRunBy, programmesTutoredBy, workbooksOf } from '#lib/server/development/access.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	if (!actor) error(401, 'Sign in to see your development programmes');
	const programmes = await programmesTutoredBy(actor);
	const workbooks = await workbooksOf(actor);
	return {
		programmes: programmes.map((p) => ({
			id: p.id,
			title: p.title,
			description: p.description,
			organisation: p.organisation.name
		})),
		workbooks: workbooks.map((w) => ({
			participantId: w.participant.id,
			programmeId: w.programme.id,
			programme: w.programme.title,
			organisation: w.programme.organisation.name,
			cohort: w.cohort.name
		})),
		mayRun: organisationsRunBy(actor).length > 0
	};
};
