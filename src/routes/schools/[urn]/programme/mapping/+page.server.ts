import { parseMappingCell } from '#lib/components/MappingGrid.svelte';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { aimsGrid, benchmarkGrid, setAimMapping, setBenchmarkMapping } from '#lib/server/mapping/service.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { parseYearParam, programmeYears } from '#lib/server/programme/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const benchmarks = await benchmarkGrid(actor, school, year);
	const aims = await aimsGrid(actor, school, year);
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: (await programmeYears(actor, school)).map((y) => ({ value: String(y), label: academicYearName(y) })),
		benchmarks,
		aims,
		canEdit: can(actor, 'programme.edit', school.id),
		canManage: can(actor, 'programme.manage', school.id)
	};
};

/** The cell a grid button posted (see MappingGrid): row, column and the state asked for. */
function postedCell(values: Record<string, string | string[]>): { row: string; column: string; mapped: boolean } {
	const cell = parseMappingCell(text(values, 'cell'));
	if (!cell) throw ValidationError.one('cell', 'Choose a cell of the grid to add or remove its ✓');
	return cell;
}

export const actions: Actions = {
	benchmark: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			const cell = postedCell(values);
			const change = await setBenchmarkMapping(actor, school, cell.column, cell.row, cell.mapped, locals.requestId);
			return { summary: change.summary };
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
	},
	aim: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			const cell = postedCell(values);
			const change = await setAimMapping(actor, school, cell.column, cell.row, cell.mapped, locals.requestId);
			return { summary: change.summary };
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
	}
};
