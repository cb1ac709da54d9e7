import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { formFailure, yearChoices, yearFromQuery } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { SECONDARY_SUBJECTS } from '#lib/server/occupations/library.ts';
import { gridRows } from '#lib/server/subject-maps/pages.ts';
import {
	copyMapForward,
	createMap,
	declineOfferedMap,
	getOfferedMap,
	listMaps,
	offeredMaps,
	takeOfferedMap
} from '#lib/server/subject-maps/service.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const canEdit = can(actor, 'subject-maps.edit', school.id);
	const maps = await listMaps(actor, { kind: 'school', school }, { academicYear: year });
	const offers = canEdit
		? await Promise.all(
				(await offeredMaps(actor, school)).map(async (o) => ({
					...o,
					rows: gridRows(await getOfferedMap(actor, school, o.id))
				}))
			)
		: [];
	const lastYear = canEdit ? await listMaps(actor, { kind: 'school', school }, { academicYear: year - 1 }) : [];
	const here = new Set(maps.map((m) => m.subject.toLowerCase()));
	return {
		school,
		year,
		yearName: academicYearName(year),
		lastYearName: academicYearName(year - 1),
		years: yearChoices(year),
		maps,
		offers,
		/** Last year's maps not yet copied into this year. */
		toCopy: lastYear.filter((m) => !here.has(m.subject.toLowerCase())),
		subjects: SECONDARY_SUBJECTS.map((s) => ({ value: s, label: s })),
		canEdit,
		created: url.searchParams.get('created'),
		deleted: url.searchParams.get('deleted'),
		taken: url.searchParams.get('taken'),
		declined: url.searchParams.get('declined')
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const subject = text(values, 'subject') === 'other' ? text(values, 'otherSubject') : text(values, 'subject');
		let id: string;
		try {
			if (!subject.trim())
				throw ValidationError.one(
					text(values, 'subject') === 'other' ? 'otherSubject' : 'subject',
					text(values, 'subject') === 'other' ? 'Enter the subject' : 'Choose the subject'
				);
			id = await createMap(
				actor,
				{ kind: 'school', school },
				{
					subject,
					academicYear: text(values, 'academicYear'),
					includesSixthForm: text(values, 'includesSixthForm') === 'yes'
				}
			);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/subject-maps/${id}`);
	},
	copy: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			id = await copyMapForward(actor, school, text(values, 'mapId'));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/subject-maps/${id}?saved`);
	},
	take: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let id: string;
		try {
			const year = Number(text(values, 'academicYear'));
			id = await takeOfferedMap(
				actor,
				school,
				text(values, 'mapId'),
				Number.isInteger(year) && year > 2000 ? year : undefined
			);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/subject-maps/${id}?saved`);
	},
	decline: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await declineOfferedMap(actor, school, text(values, 'mapId'));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/subject-maps?declined=1`);
	}
};
