import { redirect } from '@sveltejs/kit';
import { workbookContext } from '#lib/server/route-context.ts';
import { formFailure, yearChoices } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { SECONDARY_SUBJECTS } from '#lib/server/occupations/library.ts';
import { createMap, listMaps, placementSchools } from '#lib/server/subject-maps/service.ts';
import { academicYearStart, todayInLondon } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, workbook } = workbookContext(locals);
	const maps = await listMaps(actor, { kind: 'participant', workbook });
	const subject = workbook.participant.subject ?? '';
	const known = SECONDARY_SUBJECTS.find((s) => s.toLowerCase() === subject.toLowerCase());
	return {
		participant: { id: workbook.participant.id, name: workbook.participant.name },
		programme: workbook.programme.title,
		maps,
		placements: await placementSchools(workbook),
		years: yearChoices(),
		thisYear: String(academicYearStart(todayInLondon())),
		subjects: SECONDARY_SUBJECTS.map((s) => ({ value: s, label: s })),
		defaults: { subject: known ?? (subject ? 'other' : ''), otherSubject: known ? '' : subject },
		deleted: url.searchParams.get('deleted')
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { actor, workbook } = workbookContext(locals);
		const { values } = await readForm(request);
		const other = text(values, 'subject') === 'other';
		const subject = other ? text(values, 'otherSubject') : text(values, 'subject');
		let id: string;
		try {
			if (!subject.trim())
				throw ValidationError.one(
					other ? 'otherSubject' : 'subject',
					other ? 'Enter the subject' : 'Choose the subject'
				);
			id = await createMap(
				actor,
				{ kind: 'participant', workbook },
				{
					subject,
					academicYear: text(values, 'academicYear'),
					includesSixthForm: text(values, 'includesSixthForm') === 'yes'
				}
			);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/workbook/${workbook.participant.id}/subject-maps/${id}`);
	}
};
