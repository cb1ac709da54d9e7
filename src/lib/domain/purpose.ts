/**
 * Scoring the purpose questionnaire (issue 6 §2a; seed 002, after Summers & Falco, 2020).
 *
 * Each statement is rated 1 (strongly disagree) to 5 (strongly agree). People may leave statements
 * unanswered: a score says how many were answered, the total of those ratings and their mean.
 */

import { PURPOSE_SCALE } from './development.ts';

export type PurposeScore = { answered: number; total: number; mean: number | null };

/** Ratings keyed by purpose statement id. */
export type PurposeAnswers = { ratings: Record<string /* statementId */, number> };

export type PurposeStatementChange = {
	statementId: string;
	start: number | null;
	end: number | null;
	change: number | null;
};

export type PurposeChange = {
	total: number | null;
	mean: number | null;
	perStatement: PurposeStatementChange[];
};

const LOWEST = Math.min(...PURPOSE_SCALE);
const HIGHEST = Math.max(...PURPOSE_SCALE);

/** A whole-number rating on the 1–5 scale; anything else (null, 0, 6, 2.5, NaN) counts as unanswered. */
export function isPurposeRating(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= LOWEST && value <= HIGHEST;
}

/**
 * Total and mean of the answered ratings. Unanswered (null or out-of-scale) ratings are left out of
 * both, so a half-finished questionnaire has a fair mean; the total is only comparable between
 * questionnaires with the same statements answered (see purposeChange).
 */
export function scorePurpose(ratings: readonly (number | null)[]): PurposeScore {
	let answered = 0;
	let total = 0;
	for (const rating of ratings) {
		if (!isPurposeRating(rating)) continue;
		answered += 1;
		total += rating;
	}
	return { answered, total, mean: answered === 0 ? null : total / answered };
}

/**
 * Change between the start and end questionnaires.
 *
 * Method — compare like with like: only statements rated on BOTH occasions count. A statement answered
 * on one occasion only has change null and is left out of the change in total and in mean (otherwise
 * answering more statements at the end would look like growth in purpose). The total change is the sum
 * of the per-statement changes; the mean change is the end mean minus the start mean over those same
 * statements (equal to the mean of the per-statement changes). Both are null when no statement was
 * answered on both occasions (or either questionnaire is missing).
 *
 * perStatement lists every statement answered on either occasion, start statements first in the order
 * they were given, then any answered only at the end.
 */
export function purposeChange(start: PurposeAnswers | null, end: PurposeAnswers | null): PurposeChange {
	const startRatings = validRatings(start);
	const endRatings = validRatings(end);
	const ids = [...new Set([...startRatings.keys(), ...endRatings.keys()])];
	const perStatement: PurposeStatementChange[] = ids.map((statementId) => {
		const before = startRatings.get(statementId) ?? null;
		const after = endRatings.get(statementId) ?? null;
		return {
			statementId,
			start: before,
			end: after,
			change: before !== null && after !== null ? after - before : null
		};
	});
	const paired = perStatement.filter((s) => s.change !== null);
	if (paired.length === 0) return { total: null, mean: null, perStatement };
	const total = paired.reduce((sum, s) => sum + (s.change as number), 0);
	return { total, mean: total / paired.length, perStatement };
}

function validRatings(answers: PurposeAnswers | null): Map<string, number> {
	const result = new Map<string, number>();
	if (!answers) return result;
	for (const [id, rating] of Object.entries(answers.ratings)) {
		if (isPurposeRating(rating)) result.set(id, rating);
	}
	return result;
}
