import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { list, readForm, text } from '#lib/server/forms.ts';
import { cardOf } from '#lib/server/subject-maps/pages.ts';
import {
	deleteOccupation,
	mapsUsing,
	OCCUPATION_SOURCE_LABELS,
	occupationForSchool,
	updateOccupation
} from '#lib/server/occupations/service.ts';
import { OCCUPATION_ROUTE_LABELS, OCCUPATION_ROUTES } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let occupation;
	try {
		occupation = await occupationForSchool(actor, school, params.occupationId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const own = occupation.organisationId === school.id;
	return {
		school,
		card: cardOf(occupation),
		sourceLabel: OCCUPATION_SOURCE_LABELS[occupation.source],
		own,
		canEdit: own && can(actor, 'occupations.edit', school.id),
		onMaps: own ? await mapsUsing(occupation.id, school.id) : null,
		initial: {
			title: occupation.title,
			description: occupation.description ?? '',
			keySkill: occupation.keySkill ?? '',
			subjects: occupation.subjects.join(', '),
			routes: occupation.routes,
			socCode: occupation.socCode ?? ''
		},
		routes: OCCUPATION_ROUTES.map((r) => ({ value: r, label: OCCUPATION_ROUTE_LABELS[r] })),
		added: url.searchParams.has('added'),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await updateOccupation(actor, school, params.occupationId, {
				title: text(values, 'title'),
				description: text(values, 'description'),
				keySkill: text(values, 'keySkill'),
				subjects: text(values, 'subjects'),
				routes: list(values, 'routes'),
				socCode: text(values, 'socCode')
			});
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/occupations/${params.occupationId}?saved`);
	},
	delete: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let title: string;
		try {
			title = await deleteOccupation(actor, school, params.occupationId);
		} catch (e) {
			return formFailure(e, { ...values, form: 'delete' });
		}
		redirect(303, `/schools/${school.urn}/occupations?deleted=${encodeURIComponent(title)}`);
	}
};
