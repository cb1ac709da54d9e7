import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * Schools, trusts and Careers Hubs are all organisations. A school can sit in a trust and in a hub at
 * once, so the grouping is a link table, not a parent column.
 */
export const organisations = pgTable(
	'organisations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: ['school', 'trust', 'careers-hub', 'training-provider'] }).notNull(),
		name: text('name').notNull(),
		/** Unique Reference Number from Get Information About Schools; schools only. */
		urn: text('urn').unique(),
		phase: text('phase', {
			enum: ['secondary', 'all-through', 'middle-deemed-secondary', 'special', 'sixth-form']
		}),
		/** Lowest and highest national curriculum year the school teaches (7 and 13 for 11–18). */
		lowestYear: integer('lowest_year'),
		highestYear: integer('highest_year'),
		/** The school day, for judging whether an encounter was "in the school day" (provider access). */
		schoolDayStarts: time('school_day_starts').notNull().default('08:30'),
		schoolDayEnds: time('school_day_ends').notNull().default('15:30'),
		/** A rule's window "closes soon" (status at risk) this many weeks before it closes. */
		atRiskWeeks: smallint('at_risk_weeks').notNull().default(12),
		/** Workplace experiences needed by the end of Y11 under the 2024 benchmarks; null = the framework's default. */
		workplaceExperiencesBy16: smallint('workplace_experiences_by_16'),
		/** Share of pupils (%) meeting a rule for self-evaluation to pre-fill its criterion as achieved. */
		evaluationThreshold: smallint('evaluation_threshold').notNull().default(100),
		/** Whether staff may keep a social-capital map for pupils (issue 6; off unless the school turns it on). */
		pupilNetworks: boolean('pupil_networks').notNull().default(false),
		/** UK Provider Reference Number: teacher-training providers and colleges (8 digits). */
		ukprn: text('ukprn'),
		isDemo: boolean('is_demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('school_has_urn', sql`(${t.kind} = 'school') = (${t.urn} is not null)`),
		check('at_risk_weeks_1_to_52', sql`${t.atRiskWeeks} between 1 and 52`),
		check(
			'workplace_experiences_1_to_5',
			sql`${t.workplaceExperiencesBy16} is null or ${t.workplaceExperiencesBy16} between 1 and 5`
		),
		check('evaluation_threshold_1_to_100', sql`${t.evaluationThreshold} between 1 and 100`),
		check('ukprn_is_eight_digits', sql`${t.ukprn} is null or ${t.ukprn} ~ '^1[0-9]{7}$'`),
		check('urn_is_six_digits', sql`${t.urn} is null or ${t.urn} ~ '^[0-9]{6,7}$'`)
	]
);

export const groupSchools = pgTable(
	'group_schools',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.groupId, t.schoolId] }), index('group_schools_school').on(t.schoolId)]
);
