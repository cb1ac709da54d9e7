/**
 * A school's own settings: the times of the school day, which decide whether an encounter was "in the
 * school day" (provider access encounters must be), and the compliance settings — the weeks before a
 * window closes when a pupil is "at risk", the workplace experiences needed by 16 under the 2024
 * benchmarks, and the coverage at which the self-evaluation pre-fills a criterion as achieved.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { organisations } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from './service.ts';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = (label: string) =>
	z
		.string({ error: `Enter the time the school day ${label}, such as 08:30` })
		.trim()
		.min(1, `Enter the time the school day ${label}, such as 08:30`)
		.regex(HH_MM, `The time the school day ${label} must be HH:MM on the 24-hour clock, such as 08:30`);

export const schoolDaySchema = z
	.object({ schoolDayStarts: time('starts'), schoolDayEnds: time('ends') })
	.refine(
		(d) => !HH_MM.test(d.schoolDayStarts) || !HH_MM.test(d.schoolDayEnds) || d.schoolDayEnds > d.schoolDayStarts,
		{
			path: ['schoolDayEnds'],
			message: 'The school day must end after it starts'
		}
	);

export type SchoolDayInput = { schoolDayStarts?: unknown; schoolDayEnds?: unknown };

/** Changes the times of the school day (HH:MM, end after start), audited with before and after. */
export async function updateSchoolDay(
	actor: Actor,
	school: School,
	input: SchoolDayInput,
	requestId?: string
): Promise<School> {
	authorise(actor, 'school.manage', school.id);
	const parsed = schoolDaySchema.safeParse(input);
	if (!parsed.success) {
		const errors: FieldError[] = parsed.error.issues.map((i) => ({
			field: String(i.path[0] ?? 'input'),
			message: i.message
		}));
		throw new ValidationError(errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i));
	}
	const { schoolDayStarts, schoolDayEnds } = parsed.data;
	await db().transaction(async (tx) => {
		await tx
			.update(organisations)
			.set({ schoolDayStarts, schoolDayEnds })
			.where(and(eq(organisations.id, school.id), eq(organisations.kind, 'school')));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'school.day-changed',
				recordType: 'school',
				recordId: school.id,
				summary: `Changed the school day to ${schoolDayStarts} to ${schoolDayEnds}`,
				before: { schoolDayStarts: school.schoolDayStarts, schoolDayEnds: school.schoolDayEnds },
				after: { schoolDayStarts, schoolDayEnds }
			},
			requestId
		);
	});
	return { ...school, schoolDayStarts, schoolDayEnds };
}

// ── Compliance settings ─────────────────────────────────────────────────────────────────────────────

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const wholeNumber = (min: number, max: number, empty: string, wrong: string) =>
	z.preprocess(
		(v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v),
		z
			.string({ error: empty })
			.min(1, empty)
			.regex(/^\d+$/, wrong)
			.transform(Number)
			.refine((n) => n >= min && n <= max, wrong)
	);

export const complianceSettingsSchema = z.object({
	atRiskWeeks: wholeNumber(
		1,
		52,
		'Enter the number of weeks before a deadline when a pupil counts as at risk, from 1 to 52',
		'The weeks before a deadline must be a whole number from 1 to 52'
	),
	workplaceExperiencesBy16: z.preprocess(
		blankToUndefined,
		wholeNumber(
			1,
			5,
			'Enter the workplace experiences needed by the end of Year 11, from 1 to 5, or leave it blank for 2',
			'The workplace experiences needed by the end of Year 11 must be a whole number from 1 to 5, or blank for 2'
		).optional()
	),
	evaluationThreshold: wholeNumber(
		1,
		100,
		'Enter the share of pupils needed for a criterion to be pre-filled as achieved, from 1 to 100',
		'The share of pupils for achieved must be a whole number from 1 to 100 (a percentage, without the % sign)'
	)
});

export type ComplianceSettingsInput = {
	atRiskWeeks?: unknown;
	workplaceExperiencesBy16?: unknown;
	evaluationThreshold?: unknown;
};

type ComplianceSettings = Pick<School, 'atRiskWeeks' | 'workplaceExperiencesBy16' | 'evaluationThreshold'>;

/**
 * Changes the compliance settings: at-risk weeks (1–52), workplace experiences needed by 16 under the
 * 2024 benchmarks (1–5; blank for the default, 2) and the self-evaluation threshold (1–100 %). Each
 * field is checked with its own message; audited with before and after.
 */
export async function updateComplianceSettings(
	actor: Actor,
	school: School,
	input: ComplianceSettingsInput,
	requestId?: string
): Promise<School> {
	authorise(actor, 'school.manage', school.id);
	const parsed = complianceSettingsSchema.safeParse({
		atRiskWeeks: input.atRiskWeeks ?? '',
		workplaceExperiencesBy16: input.workplaceExperiencesBy16 ?? '',
		evaluationThreshold: input.evaluationThreshold ?? ''
	});
	if (!parsed.success) {
		const errors: FieldError[] = parsed.error.issues.map((i) => ({
			field: String(i.path[0] ?? 'input'),
			message: i.message
		}));
		throw new ValidationError(errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i));
	}
	const after: ComplianceSettings = {
		atRiskWeeks: parsed.data.atRiskWeeks,
		workplaceExperiencesBy16: parsed.data.workplaceExperiencesBy16 ?? null,
		evaluationThreshold: parsed.data.evaluationThreshold
	};
	const before: ComplianceSettings = {
		atRiskWeeks: school.atRiskWeeks,
		workplaceExperiencesBy16: school.workplaceExperiencesBy16,
		evaluationThreshold: school.evaluationThreshold
	};
	await db().transaction(async (tx) => {
		await tx
			.update(organisations)
			.set(after)
			.where(and(eq(organisations.id, school.id), eq(organisations.kind, 'school')));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'school.compliance-settings-changed',
				recordType: 'school',
				recordId: school.id,
				summary: `Changed the compliance settings: at risk ${after.atRiskWeeks} weeks before a deadline, ${
					after.workplaceExperiencesBy16 ?? 'the default of 2'
				} workplace experiences by the end of Year 11 (2024 benchmarks), criteria pre-filled as achieved at ${after.evaluationThreshold}% of pupils`,
				before,
				after
			},
			requestId
		);
	});
	return { ...school, ...after };
}
