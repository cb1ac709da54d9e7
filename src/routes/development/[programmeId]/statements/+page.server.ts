import { error, redirect } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import {
	addStatement,
	deleteStatement,
	duplicateStatements,
	listStatements,
	moveStatement,
	statementAnswerCounts,
	updateStatement
} from '#lib/server/development/programmes.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { failed, readForm, text, type FormValues } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, programme } = programmeContext(locals);
	const statements = await listStatements(actor, programme.id);
	const answers = await statementAnswerCounts(actor, programme.id);
	const removeId = url.searchParams.get('remove');
	const removing = removeId ? statements.find((s) => s.id === removeId) : undefined;
	if (removeId && !removing) error(404, 'Page not found');
	return {
		programme,
		statements: statements.map((s) => ({ ...s, answers: answers[s.id] ?? 0 })),
		duplicates: duplicateStatements(statements),
		removing: removing
			? {
					id: removing.id,
					text: removing.text,
					number: statements.indexOf(removing) + 1,
					answers: answers[removing.id] ?? 0
				}
			: null,
		saved: url.searchParams.get('saved')
	};
};

function renamed(e: unknown, field: string, values: FormValues) {
	if (!(e instanceof ValidationError)) refuse(e);
	return failed(new ValidationError(e.errors.map((x) => ({ ...x, field }))), values);
}

export const actions: Actions = {
	update: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		const id = text(values, 'id');
		try {
			await updateStatement(actor, programme.id, id, text(values, `statement-${id}`), locals.requestId);
		} catch (e) {
			return renamed(e, `statement-${id}`, values);
		}
		redirect(303, `/development/${programme.id}/statements?saved=changed`);
	},
	add: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await addStatement(actor, programme.id, text(values, 'newStatement'), locals.requestId);
		} catch (e) {
			return renamed(e, 'newStatement', values);
		}
		redirect(303, `/development/${programme.id}/statements?saved=added`);
	},
	move: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			const direction = text(values, 'direction') === 'up' ? 'up' : 'down';
			await moveStatement(actor, programme.id, text(values, 'id'), direction, locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/statements`);
	},
	remove: async ({ request, locals }) => {
		const { actor, programme } = programmeContext(locals);
		const { values } = await readForm(request);
		try {
			await deleteStatement(actor, programme.id, text(values, 'id'), locals.requestId);
		} catch (e) {
			refuse(e);
		}
		redirect(303, `/development/${programme.id}/statements?saved=removed`);
	}
};
