/**
 * The activity form's plumbing, shared by the "add" and "change" pages: the choices it offers and how a
 * posted form becomes the service's input (and an activity becomes the form's starting values).
 */
import { list, text, type FormValues } from '../forms.ts';
import {
	ACTIVITY_FORMAT_LABELS,
	ACTIVITY_FORMATS,
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	AUDIENCE_LABELS,
	AUDIENCES,
	BENCHMARK_NUMBERS,
	BENCHMARK_SHORT_NAMES,
	HALF_TERM_LABELS,
	HALF_TERMS,
	MEANINGFUL_ELEMENT_LABELS,
	MEANINGFUL_ELEMENTS,
	TARGET_GROUP_LABELS,
	TARGET_GROUPS,
	TERM_LABELS,
	TERMS,
	TYPE_USUAL_BENCHMARKS,
	WORKPLACE_ONLY_ELEMENTS,
	isActivityType
} from '../../domain/activities.ts';
import type { School } from '../schools/service.ts';
import type { Activity } from './service.ts';

export type Option = { value: string; label: string; hint?: string };

export type ActivityFormOptions = {
	types: Option[];
	formats: Option[];
	yearGroups: Option[];
	terms: Option[];
	halfTerms: Option[];
	audiences: Option[];
	targetGroups: Option[];
	benchmarks: Option[];
	meaningful: Option[];
	owners: Option[];
	/** Type → the benchmarks it usually addresses, to tick them when the type is chosen. */
	usualBenchmarks: Record<string, string[]>;
};

export function activityFormOptions(school: School, members: { userId: string; name: string }[]): ActivityFormOptions {
	return {
		types: ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] })),
		formats: ACTIVITY_FORMATS.map((f) => ({ value: f, label: ACTIVITY_FORMAT_LABELS[f] })),
		yearGroups: Array.from({ length: school.highestYear - school.lowestYear + 1 }, (_, i) => ({
			value: String(school.lowestYear + i),
			label: `Year ${school.lowestYear + i}`
		})),
		terms: TERMS.map((t) => ({ value: t, label: TERM_LABELS[t] })),
		halfTerms: HALF_TERMS.map((h) => ({ value: String(h), label: HALF_TERM_LABELS[h] })),
		audiences: AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] })),
		targetGroups: TARGET_GROUPS.map((g) => ({ value: g, label: TARGET_GROUP_LABELS[g] })),
		benchmarks: BENCHMARK_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${BENCHMARK_SHORT_NAMES[n]}` })),
		meaningful: MEANINGFUL_ELEMENTS.map((e) => ({
			value: e,
			label: MEANINGFUL_ELEMENT_LABELS[e],
			hint: WORKPLACE_ONLY_ELEMENTS.includes(e) ? 'For experiences of workplaces.' : undefined
		})),
		owners: members.map((m) => ({ value: m.userId, label: m.name })),
		usualBenchmarks: Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, TYPE_USUAL_BENCHMARKS[t].map(String)]))
	};
}

/** The posted form as the service's input. */
export function activityInput(values: FormValues) {
	return {
		title: text(values, 'title'),
		description: text(values, 'description'),
		type: text(values, 'type'),
		format: text(values, 'format'),
		yearGroups: list(values, 'yearGroups'),
		term: text(values, 'term'),
		halfTerm: text(values, 'halfTerm'),
		startDate: text(values, 'startDate'),
		endDate: text(values, 'endDate'),
		audience: text(values, 'audience'),
		targetGroups: list(values, 'targetGroups'),
		namedGroups: text(values, 'namedGroups'),
		learningOutcomes: text(values, 'learningOutcomes'),
		partners: text(values, 'partners'),
		ownerUserId: text(values, 'ownerUserId'),
		benchmarks: list(values, 'benchmarks'),
		meaningful: list(values, 'meaningful')
	};
}

/** A new activity's form: whole year group, and (when the type is known) its usual benchmarks ticked. */
export function newActivityValues(type: string | null, ownerUserId: string): FormValues {
	const known = type && isActivityType(type) ? type : '';
	return {
		type: known,
		audience: 'whole-year',
		ownerUserId,
		benchmarks: known ? TYPE_USUAL_BENCHMARKS[known].map(String) : []
	};
}

/** An activity as the form's starting values. */
export function activityValues(a: Activity): FormValues {
	return {
		title: a.title,
		description: a.description ?? '',
		type: a.type,
		format: a.format,
		yearGroups: a.yearGroups.map(String),
		term: a.term ?? '',
		halfTerm: a.halfTerm ? String(a.halfTerm) : '',
		startDate: a.startDate ?? '',
		endDate: a.endDate ?? '',
		audience: a.audience,
		targetGroups: a.audience === 'targeted' ? a.audienceGroups : [],
		namedGroups: a.audience === 'named-groups' ? a.audienceGroups.join(', ') : '',
		learningOutcomes: a.learningOutcomes ?? '',
		partners: a.partners.join('\n'),
		ownerUserId: a.ownerUserId ?? '',
		benchmarks: a.benchmarks.map(String),
		meaningful: Object.entries(a.meaningful)
			.filter(([, on]) => on)
			.map(([k]) => k)
	};
}
