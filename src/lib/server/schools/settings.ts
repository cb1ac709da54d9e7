/**
 * A school's own settings. For now, the times of the school day, which decide whether an encounter
 * was "in the school day" (provider access encounters must be).
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
