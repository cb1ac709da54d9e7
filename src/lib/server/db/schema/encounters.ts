import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	numeric,
	pgTable,
	primaryKey,
	smallint,
	text,
	time,
	timestamp,
	unique,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { users } from './people.ts';
import { pupils } from './pupils.ts';
import { activities } from './programme.ts';

/**
 * Organisations that deliver encounters: employers, colleges, universities, training providers,
 * guidance providers… (PARTNER_KINDS in src/lib/domain/partners.ts). Per school; a trust-wide partner
 * CRM comes later and can link these rows rather than replace them.
 */
export const partners = pgTable(
	'partners',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		/** Employers: the sector (free text such as "Construction") and size band. */
		sector: text('sector'),
		size: text('size'),
		/** UK Provider Reference Number (8 digits) for colleges and training providers. */
		ukprn: text('ukprn'),
		website: text('website'),
		notes: text('notes'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		// Names are matched case-insensitively so an import's "ACME Ltd" finds "Acme Ltd".
		uniqueIndex('one_partner_name_per_school').on(t.schoolId, sql`lower(${t.name})`),
		check('ukprn_is_8_digits', sql`${t.ukprn} is null or ${t.ukprn} ~ '^[0-9]{8}$'`)
	]
);

export const partnerContacts = pgTable(
	'partner_contacts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		role: text('role'),
		email: text('email'),
		phone: text('phone'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('partner_contacts_partner').on(t.partnerId)]
);

/**
 * An activity that took place: the delivered counterpart of a planned programme activity, in the same
 * activity vocabulary (ACTIVITY_TYPES). What was actually delivered is recorded here, not on the plan,
 * because the compliance rules judge what pupils received.
 */
export const deliveredActivities = pgTable(
	'delivered_activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		/** The planned programme activity this delivered, when it came from the plan. */
		plannedActivityId: uuid('planned_activity_id').references(() => activities.id, { onDelete: 'set null' }),
		/** The school's own reference (the `Activity Ref` of a spreadsheet); unique in the school. */
		ref: text('ref'),
		title: text('title').notNull(),
		description: text('description'),
		type: text('type').notNull(),
		/** Calendar year the academic year of `date` starts in (2025 = 2025/26), kept for year filters. */
		academicYear: integer('academic_year').notNull(),
		date: date('date').notNull(),
		/** For placements over several days; the last day. */
		endDate: date('end_date'),
		startTime: time('start_time'),
		endTime: time('end_time'),
		/** PROVIDER_TYPES: who delivered it (employer, fe-college, he-provider, itp…). */
		providerType: text('provider_type'),
		/** Gatsby Benchmarks 1–8 this activity addressed. */
		benchmarks: smallint('benchmarks')
			.array()
			.notNull()
			.default(sql`'{}'::smallint[]`),
		/** Year groups it was for (7–13): a description of the audience; attendance says who came. */
		yearGroups: integer('year_groups')
			.array()
			.notNull()
			.default(sql`'{}'::integer[]`),
		// The "meaningful" elements actually delivered.
		purposeShared: boolean('purpose_shared').notNull().default(false),
		outcomesSet: boolean('outcomes_set').notNull().default(false),
		twoWayInteraction: boolean('two_way_interaction').notNull().default(false),
		reflection: boolean('reflection').notNull().default(false),
		employerSetTask: boolean('employer_set_task').notNull().default(false),
		employerFeedback: boolean('employer_feedback').notNull().default(false),
		/** Days of workplace experience (workplace-experience only); halves allowed. */
		days: numeric('days', { precision: 4, scale: 1, mode: 'number' }),
		// Provider access (the Baker clause): the four content elements the law requires.
		palProviderInfo: boolean('pal_provider_info').notNull().default(false),
		palCareersInfo: boolean('pal_careers_info').notNull().default(false),
		palLearningInfo: boolean('pal_learning_info').notNull().default(false),
		palQuestionsAnswered: boolean('pal_questions_answered').notNull().default(false),
		/** For a group guidance session recorded as an activity: the adviser and their level then. */
		adviserUserId: uuid('adviser_user_id').references(() => users.id, { onDelete: 'set null' }),
		adviserLevel: smallint('adviser_level'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('delivered_activities_school_year').on(t.schoolId, t.academicYear),
		uniqueIndex('one_activity_ref_per_school')
			.on(t.schoolId, t.ref)
			.where(sql`${t.ref} is not null`),
		check('delivered_dates_in_order', sql`${t.endDate} is null or ${t.endDate} >= ${t.date}`),
		check(
			'delivered_times_in_order',
			sql`${t.endTime} is null or ${t.startTime} is null or ${t.endTime} > ${t.startTime}`
		),
		check('days_0_to_200', sql`${t.days} is null or (${t.days} > 0 and ${t.days} <= 200)`),
		check('adviser_level_1_to_8', sql`${t.adviserLevel} is null or ${t.adviserLevel} between 1 and 8`)
	]
);

export const deliveredActivityPartners = pgTable(
	'delivered_activity_partners',
	{
		deliveredActivityId: uuid('delivered_activity_id')
			.notNull()
			.references(() => deliveredActivities.id, { onDelete: 'cascade' }),
		partnerId: uuid('partner_id')
			.notNull()
			.references(() => partners.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.deliveredActivityId, t.partnerId] }),
		index('delivered_activity_partners_partner').on(t.partnerId)
	]
);

/**
 * Who was expected at a delivered activity and whether they came. Absent pupils are kept (attended =
 * false) so a pupil's record can say "absent" rather than nothing.
 */
export const attendance = pgTable(
	'attendance',
	{
		deliveredActivityId: uuid('delivered_activity_id')
			.notNull()
			.references(() => deliveredActivities.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id')
			.notNull()
			.references(() => pupils.id, { onDelete: 'cascade' }),
		attended: boolean('attended').notNull(),
		/** The pupil's own reflection on the activity, in their words. */
		reflection: text('reflection'),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.deliveredActivityId, t.pupilId] }), index('attendance_pupil').on(t.pupilId)]
);

/**
 * Teaching groups (sets, classes, option blocks) for one academic year, imported from the MIS as
 * `UPN,Group`. Registration groups live on the pupil (`reg_group`) because the roster carries them.
 */
export const teachingGroups = pgTable(
	'teaching_groups',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		academicYear: integer('academic_year').notNull(),
		name: text('name').notNull()
	},
	(t) => [unique('one_teaching_group_name_per_year').on(t.schoolId, t.academicYear, t.name)]
);

export const teachingGroupMembers = pgTable(
	'teaching_group_members',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => teachingGroups.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id')
			.notNull()
			.references(() => pupils.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.groupId, t.pupilId] }), index('teaching_group_members_pupil').on(t.pupilId)]
);

/**
 * A referral for personal guidance (seed 000 tasks 14–15): a tutor, SENCO or head of sixth asks for a
 * pupil to be seen. Closed by booking a guidance meeting (or with a reason).
 */
export const referrals = pgTable(
	'referrals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id')
			.notNull()
			.references(() => pupils.id, { onDelete: 'cascade' }),
		referredBy: uuid('referred_by').references(() => users.id, { onDelete: 'set null' }),
		/** In what capacity: tutor, senco, head-of-sixth, careers-leader, other. */
		referrerCapacity: text('referrer_capacity').notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: ['open', 'closed'] })
			.notNull()
			.default('open'),
		/** The guidance meeting booked for it, when closed that way. */
		meetingId: uuid('meeting_id'),
		closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closingNote: text('closing_note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('referrals_school_status').on(t.schoolId, t.status), index('referrals_pupil').on(t.pupilId)]
);

/**
 * A personal guidance meeting (Gatsby Benchmark 8). The adviser's qualification level is copied from
 * their membership at the time, because Benchmark 8 asks for Level 6 or above WHEN the pupil was seen.
 * Notes are restricted to advisers and the careers leader (the `guidance.notes` action), and every view
 * of them is audited.
 */
export const guidanceMeetings = pgTable(
	'guidance_meetings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id')
			.notNull()
			.references(() => pupils.id, { onDelete: 'cascade' }),
		date: date('date').notNull(),
		startTime: time('start_time'),
		adviserUserId: uuid('adviser_user_id').references(() => users.id, { onDelete: 'set null' }),
		/** The adviser's name as recorded, so the record survives the adviser leaving. */
		adviserName: text('adviser_name').notNull(),
		adviserLevel: smallint('adviser_level'),
		format: text('format', { enum: ['one-to-one', 'small-group'] }).notNull(),
		agreedActions: text('agreed_actions'),
		notes: text('notes'),
		/** Booked from a referral. */
		referralId: uuid('referral_id'),
		/** Still to happen (booked) or held. */
		status: text('status', { enum: ['booked', 'held'] })
			.notNull()
			.default('held'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('guidance_meetings_school_date').on(t.schoolId, t.date),
		index('guidance_meetings_pupil').on(t.pupilId),
		check('guidance_adviser_level_1_to_8', sql`${t.adviserLevel} is null or ${t.adviserLevel} between 1 and 8`)
	]
);

/**
 * Destinations (Benchmark 3): intended (Y11, Y13) and actual, for three years after leaving, as NCCIS
 * current-activity codes (NCCIS_CODES in src/lib/domain/destinations.ts). One per pupil, kind and
 * academic year, so a re-import updates rather than duplicates.
 */
export const destinations = pgTable(
	'destinations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id')
			.notNull()
			.references(() => pupils.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['intended', 'actual'] }).notNull(),
		/** The academic year the destination is for (2026 = 2026/27). */
		academicYear: integer('academic_year').notNull(),
		nccisCode: text('nccis_code').notNull(),
		institution: text('institution'),
		course: text('course'),
		recordedOn: date('recorded_on').notNull(),
		/** Who told us: pupil, school, local-authority, provider, import. */
		source: text('source').notNull(),
		/** For post-16 leavers who have left the school: whether they agreed to be followed up. */
		consent: boolean('consent'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('one_destination_per_pupil_kind_year').on(t.pupilId, t.kind, t.academicYear),
		index('destinations_school_year').on(t.schoolId, t.academicYear),
		check('nccis_code_is_3_digits', sql`${t.nccisCode} ~ '^[0-9]{3}$'`)
	]
);
