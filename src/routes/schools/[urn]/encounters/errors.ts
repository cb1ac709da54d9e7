/** Error-summary links for fields without a control of their own on the form (they point at the title). */
export function summaryErrors(
	errors: readonly { field: string; message: string }[]
): { field: string; message: string; href?: string }[] {
	return errors.map((e) => (e.field === 'plannedActivityId' || e.field === 'ref' ? { ...e, href: '#title' } : e));
}
