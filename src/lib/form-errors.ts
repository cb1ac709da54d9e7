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
