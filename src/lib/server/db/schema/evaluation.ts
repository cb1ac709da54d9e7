import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	date,
	index,
	integer,
	pgTable,
	primaryKey,
	smallint,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { users } from './people.ts';

/**
 * A termly benchmark self-evaluation, Compass-style: one per school per national snapshot date
 * (31 December, 31 March, 31 July). Draft until submitted; a submitted evaluation is locked.
 */
export const evaluations = pgTable(
	'evaluations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		academicYear: integer('academic_year').notNull(),
		/** The national snapshot date this evaluation is for: YYYY-12-31, YYYY-03-31 or YYYY-07-31. */
		snapshotDate: date('snapshot_date').notNull(),
		frameworkId: text('framework_id').notNull(),
		/** The coverage (%) at which a pupil-level criterion was pre-filled as achieved. */
		threshold: smallint('threshold').notNull(),
		/** The date the pupil figures were computed as of (the snapshot date, or today if earlier). */
		figuresAsOf: date('figures_as_of').notNull(),
		status: text('status', { enum: ['draft', 'submitted'] })
			.notNull()
			.default('draft'),
		/** The evaluation it was copied forward from, if any. */
		copiedFrom: uuid('copied_from'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true })
	},
	(t) => [
		unique('one_evaluation_per_snapshot').on(t.schoolId, t.snapshotDate),
		check('threshold_1_to_100', sql`${t.threshold} between 1 and 100`),
		check('submitted_has_time', sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`)
	]
);

/**
 * One row per criterion of the framework: what the data suggested (pre-fill, with its basis) and what
 * the careers leader confirmed. `status` is the answer that counts; `overridden` when it differs from
 * the pre-fill, which then needs a reason.
 */
export const evaluationCriteria = pgTable(
	'evaluation_criteria',
	{
		evaluationId: uuid('evaluation_id')
			.notNull()
			.references(() => evaluations.id, { onDelete: 'cascade' }),
		criterionId: text('criterion_id').notNull(),
		prefillStatus: text('prefill_status', { enum: ['not-started', 'in-progress', 'achieved'] }),
		/** Why the pre-fill says so, in words ("96% of 1,204 eligible pupils met it"). */
		prefillBasis: text('prefill_basis'),
		status: text('status', { enum: ['not-started', 'in-progress', 'achieved'] })
			.notNull()
			.default('not-started'),
		evidence: text('evidence'),
		reason: text('reason'),
		updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.evaluationId, t.criterionId] })]
);

/**
 * One row per statement that changed what the compliance rules read for a school (pupils, delivered
 * activities, attendance, guidance meetings, destinations), written by triggers (migration 0006). The
 * number of rows is the school's data version: cached coverage figures are used only while it is
 * unchanged. Append-only, so concurrent writers never wait on each other (a counter row would
 * serialise them), and a count cannot go backwards the way max(id) can when transactions commit out
 * of order.
 */
export const schoolDataChanges = pgTable(
	'school_data_changes',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		schoolId: uuid('school_id').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('school_data_changes_school').on(t.schoolId)]
);
