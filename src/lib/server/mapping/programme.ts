/**
 * The programme row the mapping grids and aims hang from, read and created inside a caller's query or
 * transaction. Shared by the aims, mapping and gap services of this folder.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { Queryable } from '../db/client.ts';
import { frameworkOverrides, programmes } from '../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { academicYearName } from '../../domain/academic-year.ts';
import { resolveFramework, type Framework } from '../../domain/benchmarks.ts';

export function checkAcademicYear(academicYear: number): void {
	if (!Number.isInteger(academicYear) || academicYear < 2000 || academicYear > 2100)
		throw ValidationError.one('year', 'Choose an academic year between 2000/01 and 2100/01');
}

export async function findProgrammeId(q: Queryable, schoolId: string, academicYear: number): Promise<string | null> {
	const [row] = await q
		.select({ id: programmes.id })
		.from(programmes)
		.where(and(eq(programmes.schoolId, schoolId), eq(programmes.academicYear, academicYear)));
	return row?.id ?? null;
}

/** The programme of that year, made (and audited) when there is none yet. Pass the transaction. */
export async function ensureProgrammeId(
	tx: Queryable,
	actor: Actor,
	schoolId: string,
	academicYear: number,
	requestId?: string
): Promise<string> {
	const [inserted] = await tx
		.insert(programmes)
		.values({ schoolId, academicYear })
		.onConflictDoNothing()
		.returning({ id: programmes.id });
	if (inserted) {
		await recordAudit(
			tx,
			actor,
			{
				organisationId: schoolId,
				action: 'programme.created',
				recordType: 'programme',
				recordId: inserted.id,
				summary: `Started the careers programme for ${academicYearName(academicYear)}`
			},
			requestId
		);
		return inserted.id;
	}
	const id = await findProgrammeId(tx, schoolId, academicYear);
	if (!id) throw new Error('Programme vanished');
	return id;
}

/** The benchmark framework the school's year is judged against (its override, else the default). */
export async function frameworkFor(q: Queryable, schoolId: string, academicYear: number): Promise<Framework> {
	const [override] = await q
		.select({ frameworkId: frameworkOverrides.frameworkId })
		.from(frameworkOverrides)
		.where(and(eq(frameworkOverrides.schoolId, schoolId), eq(frameworkOverrides.academicYear, academicYear)));
	try {
		return resolveFramework(academicYear, override?.frameworkId);
	} catch {
		return resolveFramework(academicYear);
	}
}

/** "Benchmark 5 (Encounters with employers and employees)" */
export function benchmarkName(framework: Framework, benchmark: number): string {
	const title = framework.benchmarks.find((b) => b.number === benchmark)?.title;
	return title ? `Benchmark ${benchmark} (${title})` : `Benchmark ${benchmark}`;
}
