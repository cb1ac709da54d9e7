import { parseMappingCell } from '#lib/components/MappingGrid.svelte';
import { programmeContext } from '#lib/server/route-context.ts';
import { programmeGrids, setProgrammeAimCell, setProgrammeBenchmarkCell } from '#lib/server/development/programmes.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { actor, programme, relation } = programmeContext(locals);
	const grids = await programmeGrids(actor, programme.id);
	return { programme, canEdit: relation === 'tutor', ...grids };
};

/** The cell a grid button posted (see MappingGrid): row, column and the state asked for. */
function postedCell(values: Record<string, string | string[]>): { row: string; column: string; mapped: boolean } {
	const cell = parseMappingCell(text(values, 'cell'));
	if (!cell) throw ValidationError.one('cell', 'Choose a cell of the grid to add or remove its ✓');
	return cell;
}

export const actions: Actions = {
	benchmark: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			const cell = postedCell(values);
			const change = await setProgrammeBenchmarkCell(
				actor,
				programme.id,
				cell.column,
				cell.row,
				cell.mapped,
				locals.requestId
			);
			return { summary: change.summary };
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
	},
	aim: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			const cell = postedCell(values);
			const change = await setProgrammeAimCell(
				actor,
				programme.id,
				cell.column,
				cell.row,
				cell.mapped,
				locals.requestId
			);
			return { summary: change.summary };
		} catch (e) {
			if (e instanceof ValidationError) return failed(e, values);
			refuse(e);
		}
	}
};
