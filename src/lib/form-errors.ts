/** What a page needs from a failed form: the message for one field, and what was typed. */
export type FailedForm =
	{ errors?: { field: string; message: string }[]; values?: Record<string, string | string[]> } | null | undefined;

export function errorFor(form: FailedForm, field: string): string | undefined {
	return form?.errors?.find((e) => e.field === field)?.message;
}

export function valueOf(form: FailedForm, field: string, fallback = ''): string {
	const v = form?.values?.[field];
	return Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback);
}

export function valuesOf(form: FailedForm, field: string): string[] {
	const v = form?.values?.[field];
	return Array.isArray(v) ? v : v ? [v] : [];
}

/** A form's starting values, for a page that edits a record (a string, or a list for checkboxes). */
export type InitialValues = Record<string, string | string[]>;

/** What the field shows: what was typed when the form failed, otherwise the record's value. */
export function shownValue(form: FailedForm, initial: InitialValues, field: string): string {
	if (form?.values) return valueOf(form, field);
	const x = initial[field];
	return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

/** The same for a field with several values (checkboxes). */
export function shownValues(form: FailedForm, initial: InitialValues, field: string): string[] {
	if (form?.values) return valuesOf(form, field);
	const x = initial[field];
	return Array.isArray(x) ? x : x ? [x] : [];
}
