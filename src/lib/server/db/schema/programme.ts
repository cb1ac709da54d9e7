import { sql } from 'drizzle-orm';
import {
	boolean,
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
 * Which Gatsby framework a school's academic year is judged against, when the school chooses other
 * than the default (2014 up to 2024/25, 2024 from 2025/26). The change itself is audited.
 */
export const frameworkOverrides = pgTable(
	'framework_overrides',
	{
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** Calendar year the academic year starts in: 2025 is 2025/26. */
		academicYear: integer('academic_year').notNull(),
		frameworkId: text('framework_id').notNull(),
		reason: text('reason').notNull(),
		setBy: uuid('set_by').references(() => users.id, { onDelete: 'set null' }),
		setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.schoolId, t.academicYear] })]
);

/** A school's careers programme for one academic year (Gatsby Benchmark 1). */
export const programmes = pgTable(
	'programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		academicYear: integer('academic_year').notNull(),
		/** Set when this programme was copied forward from an earlier one. */
		// No foreign key to its own table, here or below: a backup restores rows in key order, and a row
		// may point at one restored after it. Services keep these links tidy.
		copiedFromId: uuid('copied_from_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('one_programme_per_school_year').on(t.schoolId, t.academicYear)]
);

/** The programme's own aims (seed 002 "programme mapping"), with sub-aims one level down. */
export const programmeAims = pgTable(
	'programme_aims',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		/** The aim this is a sub-aim of (one level only); deleting an aim deletes its sub-aims (service). */
		parentId: uuid('parent_id'),
		title: text('title').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [index('programme_aims_programme').on(t.programmeId)]
);

/**
 * A planned activity of the programme. The activity TYPE vocabulary (ACTIVITY_TYPES in
 * src/lib/domain/activities.ts) is the one planned and delivered work share.
 */
export const activities = pgTable(
	'activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description'),
		type: text('type').notNull(),
		format: text('format').notNull(),
		/** National curriculum years 7–13; at least one. */
		yearGroups: integer('year_groups').array().notNull(),
		/** autumn | spring | summer; with halfTerm 1–6 when known. */
		term: text('term'),
		halfTerm: smallint('half_term'),
		startDate: date('start_date'),
		endDate: date('end_date'),
		/** whole-year | named-groups | targeted */
		audience: text('audience').notNull().default('whole-year'),
		/** Targeted groups (sen, disadvantaged, neet-risk, considering-he, …) or named groups. */
		audienceGroups: text('audience_groups')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		learningOutcomes: text('learning_outcomes'),
		/** Delivery partners by name until partners become records of their own. */
		partners: text('partners')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		// The "meaningful" elements planned.
		purposeShared: boolean('purpose_shared').notNull().default(false),
		outcomesSet: boolean('outcomes_set').notNull().default(false),
		twoWayInteraction: boolean('two_way_interaction').notNull().default(false),
		reflection: boolean('reflection').notNull().default(false),
		employerSetTask: boolean('employer_set_task').notNull().default(false),
		employerFeedback: boolean('employer_feedback').notNull().default(false),
		/** Set on copies made by copy-forward: the activity of last year this one came from. */
		copiedFromId: uuid('copied_from_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('activities_programme').on(t.programmeId),
		check('has_a_year_group', sql`cardinality(${t.yearGroups}) > 0`),
		check('half_term_1_to_6', sql`${t.halfTerm} is null or ${t.halfTerm} between 1 and 6`),
		check('dates_in_order', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`)
	]
);

/** The ✓ cells of the benchmark mapping grid: activity × benchmark number (1–8). */
export const activityBenchmarks = pgTable(
	'activity_benchmarks',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		benchmark: smallint('benchmark').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.benchmark] }),
		check('benchmark_1_to_8', sql`${t.benchmark} between 1 and 8`)
	]
);

/** The ✓ cells of the aims mapping grid: activity × aim. */
export const activityAims = pgTable(
	'activity_aims',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		aimId: uuid('aim_id')
			.notNull()
			.references(() => programmeAims.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.activityId, t.aimId] })]
);

/** The CEIAG development plan: actions with benchmarks, owner, due date and status. */
export const developmentActions = pgTable(
	'development_actions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		academicYear: integer('academic_year').notNull(),
		title: text('title').notNull(),
		benchmarks: integer('benchmarks')
			.array()
			.notNull()
			.default(sql`'{}'::int[]`),
		ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		dueDate: date('due_date'),
		/** not-started | in-progress | done */
		status: text('status').notNull().default('not-started'),
		evidence: text('evidence'),
		/** When made from a gap in the programme: which benchmark and year group. */
		gapBenchmark: smallint('gap_benchmark'),
		gapYearGroup: smallint('gap_year_group'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('development_actions_school_year').on(t.schoolId, t.academicYear),
		check('status_known', sql`${t.status} in ('not-started', 'in-progress', 'done')`)
	]
);
