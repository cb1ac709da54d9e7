/**
 * Form plumbing shared by every page: read fields, and turn a ValidationError into the 400 response
 * the page shows in its error summary, with what the person typed kept (nothing entered is lost).
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { ValidationError, type FieldError } from './errors.ts';

export type FormValues = Record<string, string | string[]>;
export type FormFailure = { errors: FieldError[]; values: FormValues };

export async function readForm(request: Request): Promise<{ data: FormData; values: FormValues }> {
	const data = await request.formData();
	const values: FormValues = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 ? all : (all[0] ?? '');
	}
	return { data, values };
}

export function text(values: FormValues, key: string): string {
	const v = values[key];
	return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function list(values: FormValues, key: string): string[] {
	const v = values[key];
	return Array.isArray(v) ? v : v ? [v] : [];
}

/** Re-throws anything that is not bad input. Passwords are never echoed back. */
export function failed(e: unknown, values: FormValues): ActionFailure<FormFailure> {
	if (!(e instanceof ValidationError)) throw e;
	const safe: FormValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password|confirm/i.test(k)));
	return fail(400, { errors: e.errors, values: safe });
}
