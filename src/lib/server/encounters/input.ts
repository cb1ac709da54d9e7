/**
 * The rules for a delivered activity, shared by the "record an activity" form and the spreadsheet
 * import: typed values in (the form and the CSV reader each turn their text into these), the values to
 * store or every problem (one per field) out. Pure: no database — whether partners and the adviser
 * belong to the school is for the caller to check.
 */
import { z } from 'zod';
import type { FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import type { deliveredActivities } from '../db/schema/index.ts';
import { ACTIVITY_TYPES, type ActivityType } from '../../domain/activities.ts';
import { PROVIDER_TYPES, type ProviderType } from '../../domain/partners.ts';
import { academicYearStart } from '../../domain/academic-year.ts';

export type DeliveredActivityInput = {
	title: string;
	description?: string | null;
	type: string;
	/** YYYY-MM-DD */
	date: string;
	endDate?: string | null;
	/** HH:MM, 24-hour, Europe/London */
	startTime?: string | null;
	endTime?: string | null;
	providerType?: string | null;
	benchmarks?: number[];
	yearGroups?: number[];
	purposeShared?: boolean;
	outcomesSet?: boolean;
	twoWayInteraction?: boolean;
	reflection?: boolean;
	employerSetTask?: boolean;
	employerFeedback?: boolean;
	days?: number | null;
	palProviderInfo?: boolean;
	palCareersInfo?: boolean;
	palLearningInfo?: boolean;
	palQuestionsAnswered?: boolean;
	plannedActivityId?: string | null;
	ref?: string | null;
};

export type DeliveredActivityValues = Omit<
	typeof deliveredActivities.$inferInsert,
	'id' | 'schoolId' | 'createdAt' | 'updatedAt' | 'createdBy' | 'adviserUserId' | 'adviserLevel'
> & { type: ActivityType; providerType: ProviderType | null };

export type ParsedDeliveredActivity =
	{ ok: true; values: DeliveredActivityValues } | { ok: false; errors: FieldError[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function realDate(s: string): boolean {
	if (!ISO_DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const blankToNull = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

function schema(school: School, today: string) {
	const date = (label: string) =>
		z.string({ error: `Enter the ${label} as a date, such as 26/02/2027` }).refine(realDate, {
			message: `The ${label} must be a real date, such as 26/02/2027`
		});
	const time = (label: string) =>
		z.preprocess(
			blankToNull,
			z
				.string()
				.regex(HH_MM, `The ${label} must be a time of day as HH:MM on the 24-hour clock, such as 18:30`)
				.nullable()
		);
	const flag = z.boolean().default(false);
	const years = `${school.lowestYear} to ${school.highestYear}`;
	return z
		.object({
			title: z.string().trim().min(1, 'Enter a title').max(200, 'The title must be 200 characters or fewer'),
			description: z.preprocess(
				blankToNull,
				z.string().max(5000, 'The description must be 5,000 characters or fewer').nullable()
			),
			type: z.enum(ACTIVITY_TYPES, { error: `The type must be one of: ${ACTIVITY_TYPES.join(', ')}` }),
			date: date('date'),
			endDate: z.preprocess(blankToNull, date('end date').nullable()),
			startTime: time('start time'),
			endTime: time('end time'),
			providerType: z.preprocess(
				blankToNull,
				z.enum(PROVIDER_TYPES, { error: `The provider type must be one of: ${PROVIDER_TYPES.join(', ')}` }).nullable()
			),
			benchmarks: z
				.array(z.number().int().min(1, 'Benchmarks are numbered 1 to 8').max(8, 'Benchmarks are numbered 1 to 8'))
				.default([])
				.transform((bs) => [...new Set(bs)].sort((a, b) => a - b)),
			yearGroups: z
				.array(
					z
						.number()
						.int()
						.min(school.lowestYear, `Year groups in ${school.name} run from ${years}`)
						.max(school.highestYear, `Year groups in ${school.name} run from ${years}`)
				)
				.default([])
				.transform((ys) => [...new Set(ys)].sort((a, b) => a - b)),
			purposeShared: flag,
			outcomesSet: flag,
			twoWayInteraction: flag,
			reflection: flag,
			employerSetTask: flag,
			employerFeedback: flag,
			days: z.preprocess(
				blankToNull,
				z
					.number({ error: 'Days must be a number, such as 5 or 0.5' })
					.positive('Days must be more than 0')
					.max(200, 'Days must be 200 or fewer')
					.refine((n) => Number.isInteger(n * 2), 'Days must be whole or half days, such as 5 or 2.5')
					.nullable()
			),
			palProviderInfo: flag,
			palCareersInfo: flag,
			palLearningInfo: flag,
			palQuestionsAnswered: flag,
			plannedActivityId: z.preprocess(blankToNull, z.uuid('Choose a planned activity from the programme').nullable()),
			ref: z.preprocess(
				blankToNull,
				z.string().trim().max(50, 'The activity reference must be 50 characters or fewer').nullable()
			)
		})
		.superRefine((a, ctx) => {
			if (a.date > today)
				ctx.addIssue({
					code: 'custom',
					path: ['date'],
					message: `The date is in the future (${a.date}): record an activity once it has taken place, or add it to the programme instead`
				});
			if (a.endDate && a.endDate < a.date)
				ctx.addIssue({
					code: 'custom',
					path: ['endDate'],
					message: 'The end date must be the same as or after the date'
				});
			if (a.endTime && !a.startTime)
				ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Enter a start time as well as an end time' });
			if (a.startTime && a.endTime && a.endTime <= a.startTime)
				ctx.addIssue({
					code: 'custom',
					path: ['endTime'],
					message: `The end time (${a.endTime}) must be after the start time (${a.startTime})`
				});
			if (a.days !== null && a.type !== 'workplace-experience')
				ctx.addIssue({
					code: 'custom',
					path: ['days'],
					message: 'Days are for experiences of a workplace: change the type or leave days empty'
				});
		});
}

/** The form's and the import's rules: input → values to store, or every problem, one per field. */
export function parseDeliveredActivityInput(
	school: School,
	input: DeliveredActivityInput,
	today: string
): ParsedDeliveredActivity {
	const parsed = schema(school, today).safeParse(input);
	if (!parsed.success) {
		const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'input'), message: i.message }));
		return { ok: false, errors: errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i) };
	}
	const a = parsed.data;
	return { ok: true, values: { ...a, academicYear: academicYearStart(a.date) } };
}
