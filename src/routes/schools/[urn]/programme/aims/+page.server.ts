import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { addAim, deleteAim, listAims, moveAim, renameAim } from '#lib/server/mapping/aims.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { parseYearParam, programmeYears } from '#lib/server/programme/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = parseYearParam(url.searchParams.get('year'));
	const aims = await listAims(actor, school, year);
	const canManage = can(actor, 'programme.manage', school.id);
	const all = aims.flatMap((a) => [
		{ ...a, parent: null as string | null },
		...a.subAims.map((s) => ({ ...s, subAims: [], parent: a.title }))
	]);
	const pick = (key: string) => {
		const id = url.searchParams.get(key);
		return canManage && id ? (all.find((a) => a.id === id) ?? null) : null;
	};
	return {
		school,
		year,
		yearName: academicYearName(year),
		years: (await programmeYears(actor, school)).map((y) => ({ value: String(y), label: academicYearName(y) })),
		aims,
		canManage,
		renaming: pick('rename'),
		deleting: pick('delete'),
		done: url.searchParams.get('done')
	};
};

/** Runs a change, then goes back to the list (post/redirect/get) with a message; bad input stays on the form. */
async function change(
	request: Request,
	locals: App.Locals,
	url: URL,
	work: (values: Record<string, string | string[]>, year: number) => Promise<string>,
	/** Form field names that differ from the service's, e.g. { title: 'newTitle' }. */
	fields: Record<string, string> = {}
) {
	const { values } = await readForm(request);
	const year = parseYearParam(url.searchParams.get('year'));
	let done: string;
	try {
		done = await work(values, year);
	} catch (e) {
		if (e instanceof ValidationError)
			return failed(new ValidationError(e.errors.map((x) => ({ ...x, field: fields[x.field] ?? x.field }))), values);
		refuse(e);
	}
	redirect(303, `${url.pathname}?year=${year}&done=${encodeURIComponent(done)}`);
}

export const actions: Actions = {
	add: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		return change(request, locals, url, async (values, year) => {
			const parentId = text(values, 'parentId') || null;
			await addAim(actor, school, { academicYear: year, title: text(values, 'title'), parentId }, locals.requestId);
			return parentId ? 'Sub-aim added' : 'Aim added';
		});
	},
	rename: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		return change(
			request,
			locals,
			url,
			async (values) => {
				await renameAim(actor, school, text(values, 'aim'), text(values, 'newTitle'), locals.requestId);
				return 'Aim renamed';
			},
			{ title: 'newTitle' }
		);
	},
	move: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		return change(request, locals, url, async (values) => {
			const direction = text(values, 'direction') === 'up' ? 'up' : 'down';
			await moveAim(actor, school, text(values, 'aim'), direction, locals.requestId);
			return `Aim moved ${direction}`;
		});
	},
	delete: async ({ request, locals, url }) => {
		const { actor, school } = schoolContext(locals);
		return change(request, locals, url, async (values) => {
			await deleteAim(actor, school, text(values, 'aim'), locals.requestId);
			return 'Aim deleted';
		});
	}
};
