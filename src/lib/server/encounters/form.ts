/**
 * The "record an activity" form's plumbing, shared by the new and edit pages: the choices it offers,
 * how a posted form becomes the service's input, and an activity (or a planned one) becomes the form's
 * starting values. Also the labels the pages use for what was delivered.
 */
import { list, text, type FormValues } from '../forms.ts';
import {
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	BENCHMARK_NUMBERS,
	BENCHMARK_SHORT_NAMES,
	MEANINGFUL_ELEMENT_LABELS,
	MEANINGFUL_ELEMENTS,
	WORKPLACE_ONLY_ELEMENTS,
	type MeaningfulElement
} from '../../domain/activities.ts';
import { PARTNER_KIND_LABELS, PROVIDER_TYPE_LABELS, PROVIDER_TYPES, isPartnerKind } from '../../domain/partners.ts';
import type { School } from '../schools/service.ts';
import type { DeliveredActivity, PartnerRef, RecordInput } from './service.ts';

export type Option = { value: string; label: string; hint?: string };

/** The four things a provider access encounter must cover (the provider access legislation). */
export const PAL_ELEMENTS = ['palProviderInfo', 'palCareersInfo', 'palLearningInfo', 'palQuestionsAnswered'] as const;
export type PalElement = (typeof PAL_ELEMENTS)[number];

export const PAL_ELEMENT_LABELS: Record<PalElement, string> = {
	palProviderInfo: 'Information about the provider and the courses or apprenticeships it offers',
	palCareersInfo: 'Information about the careers those courses or apprenticeships lead to',
	palLearningInfo: 'What learning or training with the provider is like',
	palQuestionsAnswered: 'Pupils’ questions about the provider were answered'
};

export type EncounterFormOptions = {
	types: Option[];
	providerTypes: Option[];
	partners: Option[];
	yearGroups: Option[];
	benchmarks: Option[];
	meaningful: Option[];
	pal: Option[];
	advisers: Option[];
	planned: Option[];
};

export function encounterFormOptions(
	school: School,
	choices: {
		partners: PartnerRef[];
		advisers: { userId: string; name: string; level: number | null }[];
		planned: { id: string; title: string; yearGroups: number[] }[];
	}
): EncounterFormOptions {
	return {
		types: ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_TYPE_LABELS[t] })),
		providerTypes: PROVIDER_TYPES.map((p) => ({ value: p, label: PROVIDER_TYPE_LABELS[p] })),
		partners: choices.partners.map((p) => ({
			value: p.id,
			label: p.name,
			hint: isPartnerKind(p.kind) ? PARTNER_KIND_LABELS[p.kind] : undefined
		})),
		yearGroups: Array.from({ length: school.highestYear - school.lowestYear + 1 }, (_, i) => ({
			value: String(school.lowestYear + i),
			label: `Year ${school.lowestYear + i}`
		})),
		benchmarks: BENCHMARK_NUMBERS.map((n) => ({ value: String(n), label: `${n}. ${BENCHMARK_SHORT_NAMES[n]}` })),
		meaningful: MEANINGFUL_ELEMENTS.map((e) => ({
			value: e,
			label: MEANINGFUL_ELEMENT_LABELS[e],
			hint: WORKPLACE_ONLY_ELEMENTS.includes(e) ? 'For experiences of workplaces.' : undefined
		})),
		pal: PAL_ELEMENTS.map((e) => ({ value: e, label: PAL_ELEMENT_LABELS[e] })),
		advisers: choices.advisers.map((a) => ({
			value: a.userId,
			label: a.level ? `${a.name} (Level ${a.level})` : `${a.name} (level not recorded)`
		})),
		planned: choices.planned.map((p) => ({
			value: p.id,
			label: p.yearGroups.length > 0 ? `${p.title} (Year ${p.yearGroups.join(', ')})` : p.title
		}))
	};
}

const numbers = (values: string[]): number[] => values.map((v) => Number(v));

/** The posted form as the service's input. */
export function encounterInput(values: FormValues): RecordInput {
	const meaningful = new Set(list(values, 'meaningful'));
	const pal = new Set(list(values, 'pal'));
	const days = text(values, 'days').trim();
	return {
		title: text(values, 'title'),
		description: text(values, 'description'),
		type: text(values, 'type'),
		date: text(values, 'date').trim(),
		endDate: text(values, 'endDate').trim(),
		startTime: text(values, 'startTime').trim(),
		endTime: text(values, 'endTime').trim(),
		providerType: text(values, 'providerType'),
		benchmarks: numbers(list(values, 'benchmarks')),
		yearGroups: numbers(list(values, 'yearGroups')),
		...(Object.fromEntries(MEANINGFUL_ELEMENTS.map((e) => [e, meaningful.has(e)])) as Record<
			MeaningfulElement,
			boolean
		>),
		days: days === '' ? null : Number(days),
		...(Object.fromEntries(PAL_ELEMENTS.map((e) => [e, pal.has(e)])) as Record<PalElement, boolean>),
		plannedActivityId: text(values, 'plannedActivityId'),
		partnerIds: list(values, 'partnerIds'),
		adviserUserId: text(values, 'adviserUserId')
	};
}

/** Service input (a planned activity's, or a delivered one's) as the form's starting values. */
export function encounterValues(a: RecordInput | DeliveredActivity): FormValues {
	const flags = a as Partial<Record<MeaningfulElement | PalElement, boolean>>;
	const partnerIds = 'partnerRecords' in a ? a.partnerRecords.map((p) => p.id) : (a.partnerIds ?? []);
	return {
		title: a.title ?? '',
		description: a.description ?? '',
		type: a.type ?? '',
		date: a.date ?? '',
		endDate: a.endDate ?? '',
		startTime: a.startTime ?? '',
		endTime: a.endTime ?? '',
		providerType: a.providerType ?? '',
		benchmarks: (a.benchmarks ?? []).map(String),
		yearGroups: (a.yearGroups ?? []).map(String),
		meaningful: MEANINGFUL_ELEMENTS.filter((e) => flags[e]),
		days: a.days === null || a.days === undefined ? '' : String(a.days),
		pal: PAL_ELEMENTS.filter((e) => flags[e]),
		plannedActivityId: a.plannedActivityId ?? '',
		partnerIds,
		adviserUserId: a.adviserUserId ?? ''
	};
}

// ── Display ────────────────────────────────────────────────────────────────────────────────────────

/** "12 Nov 2025", or "12 Nov 2025 to 16 Nov 2025" for several days. */
export function shortDates(date: string, endDate: string | null): string {
	const short = (iso: string) =>
		new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		});
	return endDate && endDate !== date ? `${short(date)} to ${short(endDate)}` : short(date);
}

/** "09:30 to 11:00", "from 09:30", or "" when no time was recorded. */
export function timeRange(start: string | null, end: string | null): string {
	if (!start) return '';
	return end ? `${start} to ${end}` : `from ${start}`;
}

/** The list as a download: the same rows the page shows, one column per fact. */
export function encountersTable(
	list: {
		date: string;
		endDate: string | null;
		startTime: string | null;
		endTime: string | null;
		title: string;
		type: string;
		yearGroups: number[];
		benchmarks: number[];
		providerType: string | null;
		partners: string[];
		attended: number;
		expected: number;
	}[]
): { headers: string[]; rows: (string | number)[][] } {
	return {
		headers: [
			'Date',
			'End date',
			'Start time',
			'End time',
			'Title',
			'Type',
			'Year groups',
			'Benchmarks',
			'Provider type',
			'Partners',
			'Attended',
			'Absent',
			'Expected'
		],
		rows: list.map((a) => [
			a.date,
			a.endDate ?? '',
			a.startTime ?? '',
			a.endTime ?? '',
			a.title,
			ACTIVITY_TYPE_LABELS[a.type as keyof typeof ACTIVITY_TYPE_LABELS] ?? a.type,
			a.yearGroups.join(', '),
			a.benchmarks.join(', '),
			a.providerType
				? (PROVIDER_TYPE_LABELS[a.providerType as keyof typeof PROVIDER_TYPE_LABELS] ?? a.providerType)
				: '',
			a.partners.join('; '),
			a.attended,
			a.expected - a.attended,
			a.expected
		])
	};
}
