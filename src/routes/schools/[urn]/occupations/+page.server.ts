import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { list, readForm, text } from '#lib/server/forms.ts';
import { SECONDARY_SUBJECTS } from '#lib/server/occupations/library.ts';
import {
	createOccupation,
	isOccupationSource,
	OCCUPATION_SOURCE_LABELS,
	searchOccupations
} from '#lib/server/occupations/service.ts';
import { OCCUPATION_ROUTE_LABELS, OCCUPATION_ROUTES, OCCUPATION_SOURCES } from '#lib/domain/development.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const q = (url.searchParams.get('q') ?? '').trim();
	const subject = (url.searchParams.get('subject') ?? '').trim();
	const wanted = url.searchParams.get('source') ?? '';
	const source = isOccupationSource(wanted) ? wanted : undefined;
	const page = Number(url.searchParams.get('page')) || 1;
	const found = await searchOccupations(actor, school, { query: q, subject, source, page });
	return {
		school,
		q,
		subject,
		source: source ?? '',
		page: found.page,
		pages: Math.max(1, Math.ceil(found.total / found.pageSize)),
		total: found.total,
		items: found.items.map((o) => ({
			id: o.id,
			title: o.title,
			subjects: o.subjects,
			socCode: o.socCode,
			sourceLabel: OCCUPATION_SOURCE_LABELS[o.source]
		})),
		subjects: SECONDARY_SUBJECTS.map((s) => ({ value: s, label: s })),
		sources: OCCUPATION_SOURCES.map((s) => ({ value: s, label: OCCUPATION_SOURCE_LABELS[s] })),
		routes: OCCUPATION_ROUTES.map((r) => ({ value: r, label: OCCUPATION_ROUTE_LABELS[r] })),
		canEdit: can(actor, 'occupations.edit', school.id),
		deleted: url.searchParams.get('deleted')
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			id = await createOccupation(actor, school, {
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
		redirect(303, `/schools/${school.urn}/occupations/${id}?added=1`);
	}
};
