/**
 * What the benchmarks and development-plan pages share: the academic years offered in their year
 * selectors, reading the year from the address, and turning a service's refusal into the right page.
 */
import { error, type ActionFailure } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError } from '../access/actor.ts';
import { failed, type FormFailure, type FormValues } from '../forms.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';

export type YearChoice = { value: string; label: string };

/** Academic years from three back to one ahead of the current one, newest first; plus `shown` if outside. */
export function yearChoices(shown?: number, today = todayInLondon()): YearChoice[] {
	const current = academicYearStart(today);
	const years = [current + 1, current, current - 1, current - 2, current - 3];
	if (shown !== undefined && !years.includes(shown)) years.push(shown);
	return years
		.sort((a, b) => b - a)
		.map((y) => ({
			value: String(y),
			label: y === current ? `${academicYearName(y)} (this year)` : academicYearName(y)
		}));
}

/** The year in `?year=` (2025, or "2025/26"), or the current academic year when absent or not a year. */
export function yearFromQuery(url: URL, today = todayInLondon()): number {
	const raw = (url.searchParams.get('year') ?? '').trim();
	const year = /^\d{4}$/.test(raw) ? Number(raw) : undefined;
	if (year !== undefined && year >= 2000 && year <= 2100) return year;
	return academicYearStart(today);
}

/**
 * A form action's failure: bad input goes back to the form (400); a refusal by the service becomes the
 * app's 403 or 404 page (the page's rule may let someone see a form they may not submit).
 */
export function formFailure(e: unknown, values: FormValues): ActionFailure<FormFailure> {
	if (e instanceof ForbiddenError) error(403, 'You do not have permission to do that');
	if (e instanceof NotFoundError) error(404, 'Page not found');
	return failed(e, values);
}
