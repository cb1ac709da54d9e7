/** Helpers shared by the form components. */

/** The ids a control's aria-describedby lists: its hint and its error message, when present. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
	const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
	return present.length > 0 ? present.join(' ') : undefined;
}

/** Join class names, dropping the empty ones. */
export function classes(...names: Array<string | false | null | undefined>): string {
	return names.filter((name): name is string => typeof name === 'string' && name.length > 0).join(' ');
}

export type LabelSize = 's' | 'm' | 'l' | 'xl';

/** Fixed widths in characters (govuk-input--width-N) or fluid widths (govuk-!-width-…). */
export type InputWidth =
	2 | 3 | 4 | 5 | 10 | 20 | 30 | 'full' | 'three-quarters' | 'two-thirds' | 'one-half' | 'one-third' | 'one-quarter';

export function widthClass(width: InputWidth | undefined, element: 'input' | 'select' = 'input'): string | undefined {
	if (width === undefined) return undefined;
	if (typeof width === 'number') return element === 'input' ? `govuk-input--width-${width}` : undefined;
	return `govuk-!-width-${width}`;
}
