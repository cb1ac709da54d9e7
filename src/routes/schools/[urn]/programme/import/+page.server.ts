import { fail, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { parseYearParam } from '#lib/server/programme/service.ts';
import { FIELD_HEADINGS, IMPORT_COLUMNS, importActivities } from '#lib/server/programme/import.ts';
import { ValidationError, type FieldError } from '#lib/server/errors.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 2 * 1024 * 1024;
const SHOWN = 100;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	return {
		school,
		year,
		yearName: academicYearName(year),
		columns: IMPORT_COLUMNS.map(({ heading, required, help }) => ({ heading, required, help }))
	};
};

/** A row's problem as the person reads it: "Row 3, Benchmarks: …", linking to the file field. */
function shown(e: FieldError): { field: string; message: string; href: string } {
	const where = e.row && !e.message.startsWith('Row ') ? `Row ${e.row}, ${FIELD_HEADINGS[e.field] ?? e.field}: ` : '';
	return { field: 'file', message: `${where}${e.message}`, href: '#file' };
}

function problem(message: string) {
	return fail(400, { errors: [{ field: 'file', message, href: '#file' }], more: 0 });
}

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		const year = parseYearParam(url.searchParams.get('year'));
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0 || file.name === '') return problem('Choose a CSV file to import');
		if (file.size > MAX_BYTES)
			return problem('The file must be smaller than 2 MB. Split it into smaller files and import each one');
		if (/\.(xlsx|xls|ods|numbers)$/i.test(file.name))
			return problem('The file must be a CSV file. In your spreadsheet, choose “Save as” and “CSV UTF-8”');
		let imported: number;
		try {
			imported = (await importActivities(actor, school, year, await file.text(), locals.requestId)).imported;
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			return fail(400, {
				errors: e.errors.slice(0, SHOWN).map(shown),
				more: Math.max(0, e.errors.length - SHOWN)
			});
		}
		redirect(303, `/schools/${school.urn}/programme/list?year=${year}&imported=${imported}`);
	}
};
