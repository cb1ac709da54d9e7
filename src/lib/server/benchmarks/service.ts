/**
 * Which Gatsby framework each of a school's academic years is judged against: the default (2014 up to
 * 2024/25, 2024 from 2025/26) unless the careers leader or a senior leader chose otherwise, with a reason.
 * Every change is in the audit trail.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { frameworkOverrides, users } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { academicYearName } from '../../domain/academic-year.ts';
import {
	FRAMEWORK_IDS,
	defaultFrameworkFor,
	frameworkById,
	isFrameworkId,
	resolveFramework,
	type Framework
} from '../../domain/benchmarks.ts';

export type FrameworkForYear = {
	academicYear: number;
	framework: Framework;
	/** What the year would use without an override. */
	defaultFramework: Framework;
	overridden: boolean;
	reason?: string;
	setByName?: string | null;
	setAt?: Date;
};

const academicYearSchema = z.coerce
	.number({ error: 'Choose an academic year' })
	.int('Choose an academic year')
	.min(2000, 'Choose an academic year from 2000/01')
	.max(2100, 'Choose an academic year before 2100/01');

function parseYear(academicYear: unknown): number {
	const parsed = academicYearSchema.safeParse(academicYear);
	if (!parsed.success) throw fromZod(parsed.error.issues.map((i) => ({ ...i, path: ['academicYear'] })));
	return parsed.data;
}

export async function frameworkForYear(actor: Actor, school: School, academicYear: number): Promise<FrameworkForYear> {
	authorise(actor, 'programme.view', school.id);
	const year = parseYear(academicYear);
	const [row] = await db()
		.select({ override: frameworkOverrides, setByName: users.name })
		.from(frameworkOverrides)
		.leftJoin(users, eq(users.id, frameworkOverrides.setBy))
		.where(and(eq(frameworkOverrides.schoolId, school.id), eq(frameworkOverrides.academicYear, year)));
	const defaultFramework = defaultFrameworkFor(year);
	// An override naming a framework this version does not know falls back to the default rather than breaking.
	if (!row || !isFrameworkId(row.override.frameworkId))
		return { academicYear: year, framework: defaultFramework, defaultFramework, overridden: false };
	return {
		academicYear: year,
		framework: resolveFramework(year, row.override.frameworkId),
		defaultFramework,
		overridden: row.override.frameworkId !== defaultFramework.id,
		reason: row.override.reason,
		setByName: row.setByName,
		setAt: row.override.setAt
	};
}

export const frameworkOverrideSchema = z
	.object({
		academicYear: academicYearSchema,
		frameworkId: z
			.string({ error: 'Choose a set of benchmarks' })
			.trim()
			.min(1, 'Choose a set of benchmarks')
			.refine(isFrameworkId, { message: `Choose a set of benchmarks: ${FRAMEWORK_IDS.join(' or ')}` }),
		reason: z
			.string()
			.trim()
			.max(1000, 'The reason must be 1,000 characters or fewer')
			.optional()
			.transform((v) => v ?? '')
	})
	.superRefine((input, ctx) => {
		const isDefault = defaultFrameworkFor(input.academicYear).id === input.frameworkId;
		if (!isDefault && input.reason === '')
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'Enter why this year uses a different set of benchmarks'
			});
	});

export type FrameworkOverrideInput = { academicYear: number; frameworkId: string; reason?: string };

function frameworkName(id: string): string {
	return frameworkById(id)?.name ?? id;
}

/**
 * Sets the framework for one academic year. Choosing the year's default clears any override.
 * Returns what the year uses now.
 */
export async function setFrameworkOverride(
	actor: Actor,
	school: School,
	input: FrameworkOverrideInput,
	requestId?: string
): Promise<{ overridden: boolean }> {
	authorise(actor, 'programme.manage', school.id);
	const parsed = frameworkOverrideSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const { academicYear, frameworkId, reason } = parsed.data;
	const defaultId = defaultFrameworkFor(academicYear).id;
	if (frameworkId === defaultId) {
		await clearFrameworkOverride(actor, school, academicYear, requestId);
		return { overridden: false };
	}
	await db().transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(frameworkOverrides)
			.where(and(eq(frameworkOverrides.schoolId, school.id), eq(frameworkOverrides.academicYear, academicYear)));
		const values = {
			frameworkId,
			reason,
			setBy: actor.system ? null : actor.userId,
			setAt: new Date()
		};
		await tx
			.insert(frameworkOverrides)
			.values({ schoolId: school.id, academicYear, ...values })
			.onConflictDoUpdate({ target: [frameworkOverrides.schoolId, frameworkOverrides.academicYear], set: values });
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'framework.overridden',
				recordType: 'benchmark-framework',
				recordId: academicYearName(academicYear),
				summary: `${academicYearName(academicYear)} set to use the ${frameworkName(frameworkId)} instead of the ${frameworkName(defaultId)}: ${reason}`,
				before: before ? { frameworkId: before.frameworkId, reason: before.reason } : { frameworkId: defaultId },
				after: { academicYear, frameworkId, reason }
			},
			requestId
		);
	});
	return { overridden: true };
}

/** Back to the default framework for the year. Does nothing (and records nothing) when there was no override. */
export async function clearFrameworkOverride(
	actor: Actor,
	school: School,
	academicYear: number,
	requestId?: string
): Promise<void> {
	authorise(actor, 'programme.manage', school.id);
	const year = parseYear(academicYear);
	await db().transaction(async (tx) => {
		const [removed] = await tx
			.delete(frameworkOverrides)
			.where(and(eq(frameworkOverrides.schoolId, school.id), eq(frameworkOverrides.academicYear, year)))
			.returning();
		if (!removed) return;
		const defaultId = defaultFrameworkFor(year).id;
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'framework.override-cleared',
				recordType: 'benchmark-framework',
				recordId: academicYearName(year),
				summary: `${academicYearName(year)} back to the ${frameworkName(defaultId)}`,
				before: { frameworkId: removed.frameworkId, reason: removed.reason },
				after: { academicYear: year, frameworkId: defaultId }
			},
			requestId
		);
	});
}
