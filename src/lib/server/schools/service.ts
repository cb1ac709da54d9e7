/**
 * Schools, trusts and Careers Hubs. Adding one is a system task (the `waymark` command); reading
 * one is scoped to the actor's memberships.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { groupSchools, organisations } from '../db/schema/index.ts';
import { authorise, ForbiddenError, NotFoundError, type Actor } from '../access/actor.ts';
import type { Action } from '../access/policy.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import { GROUP_KINDS, PHASE_LABELS, SCHOOL_PHASES, type SchoolPhase } from '../../domain/roles.ts';

export type School = {
	id: string;
	urn: string;
	name: string;
	phase: SchoolPhase | null;
	lowestYear: number;
	highestYear: number;
	/** The school day as HH:MM, for judging whether an encounter was in it. */
	schoolDayStarts: string;
	schoolDayEnds: string;
	/** Compliance: weeks before a window closes when a pupil not yet meeting the rule is "at risk". */
	atRiskWeeks: number;
	/** Workplace experiences needed by the end of Y11 under the 2024 benchmarks (null: the default, 2). */
	workplaceExperiencesBy16: number | null;
	/** Self-evaluation: the coverage (%) at which a pupil-level criterion is pre-filled as achieved. */
	evaluationThreshold: number;
	/** Whether staff keep pupils' social-capital maps (issue 6); absent on a School built by hand: off. */
	pupilNetworks?: boolean;
	isDemo: boolean;
};

/** A new school's compliance settings (the database defaults), for code that builds a School by hand. */
export const DEFAULT_COMPLIANCE_SETTINGS = {
	atRiskWeeks: 12,
	workplaceExperiencesBy16: null,
	evaluationThreshold: 100
} as const satisfies Pick<School, 'atRiskWeeks' | 'workplaceExperiencesBy16' | 'evaluationThreshold'>;

const yearSchema = z.coerce
	.number({ error: 'Enter a year group from 7 to 13' })
	.int('Enter a whole year group from 7 to 13')
	.min(7, 'Year groups run from 7 to 13')
	.max(13, 'Year groups run from 7 to 13');

export const newSchoolSchema = z
	.object({
		urn: z
			.string({ error: 'Enter the school’s URN' })
			.trim()
			.regex(/^[0-9]{6,7}$/, 'URN must be the 6 or 7 digit Unique Reference Number, for example 137401'),
		name: z.string({ error: 'Enter the school’s name' }).trim().min(1, 'Enter the school’s name').max(200),
		phase: z
			.enum(SCHOOL_PHASES, {
				error: `Phase must be one of: ${SCHOOL_PHASES.join(', ')}`
			})
			.default('secondary'),
		lowestYear: yearSchema.default(7),
		highestYear: yearSchema.default(13),
		/** Name of an existing trust or Careers Hub to put the school in. */
		group: z.string().trim().min(1).optional()
	})
	.refine((s) => s.lowestYear <= s.highestYear, {
		path: ['highestYear'],
		message: 'The highest year group must not be below the lowest'
	});

export function toSchool(row: typeof organisations.$inferSelect): School {
	return {
		id: row.id,
		urn: row.urn ?? '',
		name: row.name,
		phase: row.phase,
		lowestYear: row.lowestYear ?? 7,
		highestYear: row.highestYear ?? 13,
		schoolDayStarts: row.schoolDayStarts.slice(0, 5),
		schoolDayEnds: row.schoolDayEnds.slice(0, 5),
		atRiskWeeks: row.atRiskWeeks,
		workplaceExperiencesBy16: row.workplaceExperiencesBy16,
		evaluationThreshold: row.evaluationThreshold,
		pupilNetworks: row.pupilNetworks,
		isDemo: row.isDemo
	};
}

export function phaseLabel(phase: SchoolPhase | null): string {
	return phase ? PHASE_LABELS[phase] : 'Not recorded';
}

/** A system task: only the command line (system actor) adds schools. */
export async function addSchool(actor: Actor, input: unknown): Promise<School> {
	if (!actor.system) throw new ForbiddenError('Schools are added by the service administrator.');
	const parsed = newSchoolSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const s = parsed.data;
	return db().transaction(async (tx) => {
		const [clash] = await tx
			.select({ name: organisations.name })
			.from(organisations)
			.where(eq(organisations.urn, s.urn));
		if (clash) throw ValidationError.one('urn', `URN ${s.urn} is already used by ${clash.name}`);
		let groupId: string | undefined;
		if (s.group) {
			const [group] = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(and(eq(organisations.name, s.group), inArray(organisations.kind, [...GROUP_KINDS])));
			if (!group) throw ValidationError.one('group', `There is no trust or Careers Hub called "${s.group}"`);
			groupId = group.id;
		}
		const [row] = await tx
			.insert(organisations)
			.values({
				kind: 'school',
				urn: s.urn,
				name: s.name,
				phase: s.phase,
				lowestYear: s.lowestYear,
				highestYear: s.highestYear
			})
			.returning();
		if (!row) throw new Error('Insert returned nothing');
		if (groupId) await tx.insert(groupSchools).values({ groupId, schoolId: row.id });
		await recordAudit(tx, actor, {
			organisationId: row.id,
			action: 'school.created',
			recordType: 'school',
			recordId: row.id,
			summary: `School ${s.name} (URN ${s.urn}) added`,
			after: { urn: s.urn, name: s.name, phase: s.phase, group: s.group ?? null }
		});
		return toSchool(row);
	});
}

/** The school with this URN, if the actor may take this action there; otherwise not found / forbidden. */
export async function schoolForActor(actor: Actor, urn: string, action: Action, q: Queryable = db()): Promise<School> {
	const [row] = await q
		.select()
		.from(organisations)
		.where(and(eq(organisations.urn, urn), eq(organisations.kind, 'school')));
	if (!row) throw new NotFoundError();
	authorise(actor, action, row.id);
	return toSchool(row);
}

export type Group = { id: string; name: string; kind: 'trust' | 'careers-hub'; schools: School[] };

/** A trust or hub and its schools, for its group lead. */
export async function groupForActor(actor: Actor, groupId: string): Promise<Group> {
	if (!z.uuid().safeParse(groupId).success) throw new NotFoundError();
	const [row] = await db()
		.select()
		.from(organisations)
		.where(and(eq(organisations.id, groupId), inArray(organisations.kind, [...GROUP_KINDS])));
	if (!row) throw new NotFoundError();
	authorise(actor, 'group.view', row.id);
	const schools = await db()
		.select({ school: organisations })
		.from(groupSchools)
		.innerJoin(organisations, eq(organisations.id, groupSchools.schoolId))
		.where(eq(groupSchools.groupId, row.id))
		.orderBy(asc(organisations.name));
	return {
		id: row.id,
		name: row.name,
		kind: row.kind as Group['kind'],
		schools: schools.map((s) => toSchool(s.school))
	};
}

export async function countOrganisations(q: Queryable = db()): Promise<number> {
	const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(organisations);
	return row?.n ?? 0;
}

// ── Pupil social-capital maps (issue 6) ──────────────────────────────────────────────────────────────

/** Whether the school keeps pupils' social-capital maps (off until someone who manages the school turns it on). */
export async function pupilNetworksOn(schoolId: string, q: Queryable = db()): Promise<boolean> {
	const [row] = await q
		.select({ on: organisations.pupilNetworks })
		.from(organisations)
		.where(and(eq(organisations.id, schoolId), eq(organisations.kind, 'school')));
	return row?.on ?? false;
}

/** Turns pupil social-capital maps on or off for the school (school.manage), audited with before and after. */
export async function setPupilNetworks(actor: Actor, school: School, on: boolean, requestId?: string): Promise<void> {
	authorise(actor, 'school.manage', school.id);
	await db().transaction(async (tx) => {
		const before = await pupilNetworksOn(school.id, tx);
		if (before === on) return;
		await tx
			.update(organisations)
			.set({ pupilNetworks: on })
			.where(and(eq(organisations.id, school.id), eq(organisations.kind, 'school')));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'school.pupil-networks-changed',
				recordType: 'school',
				recordId: school.id,
				summary: on ? 'Turned pupil social-capital maps on' : 'Turned pupil social-capital maps off',
				before: { pupilNetworks: before },
				after: { pupilNetworks: on }
			},
			requestId
		);
	});
}
