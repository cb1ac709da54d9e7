/**
 * Staff development ("Leading with purpose", seed 002): a programme run by a teacher-training provider or
 * by a school for its staff, its cohorts of participants, and each participant's private workbook.
 * A workbook part is the participant's alone until they share it (participants.shared_parts).
 */
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
import { pupils } from './pupils.ts';

export const developmentProgrammes = pgTable(
	'development_programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Who runs it: a training provider, or a school for its own staff. */
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description'),
		/** Set on a copy made for a new cohort. No self-reference key (backups restore in key order). */
		copiedFromId: uuid('copied_from_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('development_programmes_organisation').on(t.organisationId)]
);

/** Aims with sub-aims one level down (seed 002's "Aims of programme" rows). */
export const developmentAims = pgTable(
	'development_aims',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => developmentProgrammes.id, { onDelete: 'cascade' }),
		parentId: uuid('parent_id'),
		title: text('title').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [index('development_aims_programme').on(t.programmeId)]
);

/** The programme's activities, in order: sessions (with a duration), placements, a magazine… */
export const developmentActivities = pgTable(
	'development_activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => developmentProgrammes.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0),
		kind: text('kind').notNull(),
		title: text('title').notNull(),
		description: text('description'),
		/** Sessions: how long, in minutes. */
		durationMinutes: integer('duration_minutes'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('development_activities_programme').on(t.programmeId),
		check(
			'development_activity_kind_known',
			sql`${t.kind} in ('session', 'placement', 'magazine', 'employer-encounter', 'other')`
		),
		check('duration_positive', sql`${t.durationMinutes} is null or ${t.durationMinutes} between 1 and 10080`)
	]
);

/** ✓ cells of the aims grid: activity × aim. */
export const developmentActivityAims = pgTable(
	'development_activity_aims',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => developmentActivities.id, { onDelete: 'cascade' }),
		aimId: uuid('aim_id')
			.notNull()
			.references(() => developmentAims.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.activityId, t.aimId] })]
);

/** ✓ cells of the benchmarks grid: activity × Gatsby Benchmark 1–8. */
export const developmentActivityBenchmarks = pgTable(
	'development_activity_benchmarks',
	{
		activityId: uuid('activity_id')
			.notNull()
			.references(() => developmentActivities.id, { onDelete: 'cascade' }),
		benchmark: smallint('benchmark').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.benchmark] }),
		check('development_benchmark_1_to_8', sql`${t.benchmark} between 1 and 8`)
	]
);

/** The purpose questionnaire's statements, editable per programme (seed 002 prints item 7 twice). */
export const purposeStatements = pgTable(
	'purpose_statements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => developmentProgrammes.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0),
		text: text('text').notNull()
	},
	(t) => [index('purpose_statements_programme').on(t.programmeId)]
);

/** One run of a programme: a group of participants over a period. */
export const developmentCohorts = pgTable(
	'development_cohorts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => developmentProgrammes.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		startsOn: date('starts_on'),
		endsOn: date('ends_on'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('development_cohorts_programme').on(t.programmeId),
		check('cohort_dates_in_order', sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`)
	]
);

/**
 * A trainee or member of staff on a cohort. Invited by email; `user_id` is set when they accept (or at
 * once when they already have an account). Their workbook hangs off this row.
 */
export const developmentParticipants = pgTable(
	'development_participants',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cohortId: uuid('cohort_id')
			.notNull()
			.references(() => developmentCohorts.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Stored lower-case. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		/** trainee | staff */
		kind: text('kind').notNull().default('trainee'),
		/** The subject they teach or train in. */
		subject: text('subject'),
		/** Placement schools 1 and 2: a school in Waymark when known, else its name. */
		placement1SchoolId: uuid('placement1_school_id').references(() => organisations.id, { onDelete: 'set null' }),
		placement1Name: text('placement1_name'),
		placement2SchoolId: uuid('placement2_school_id').references(() => organisations.id, { onDelete: 'set null' }),
		placement2Name: text('placement2_name'),
		/** Workbook parts the participant shares with the cohort's tutors (WORKBOOK_PARTS). */
		sharedParts: text('shared_parts')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		invitedAt: timestamp('invited_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('one_place_per_cohort').on(t.cohortId, t.email),
		index('development_participants_user').on(t.userId),
		check('participant_email_lower_case', sql`${t.email} = lower(${t.email})`),
		check('participant_kind_known', sql`${t.kind} in ('trainee', 'staff')`),
		check(
			'shared_parts_known',
			sql`${t.sharedParts} <@ array['purpose', 'network', 'reflection', 'timeline', 'postcard', 'appreciation', 'subject-maps']::text[]`
		)
	]
);

/** The purpose questionnaire taken at the start or the end of the programme. */
export const purposeResponses = pgTable(
	'purpose_responses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		/** start | end */
		occasion: text('occasion').notNull(),
		/** "I aspire to become…" */
		aspiration: text('aspiration'),
		answeredOn: date('answered_on').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('one_response_per_occasion').on(t.participantId, t.occasion),
		check('purpose_occasion_known', sql`${t.occasion} in ('start', 'end')`)
	]
);

/** One statement's rating, 1 (strongly disagree) – 5 (strongly agree). */
export const purposeRatings = pgTable(
	'purpose_ratings',
	{
		responseId: uuid('response_id')
			.notNull()
			.references(() => purposeResponses.id, { onDelete: 'cascade' }),
		statementId: uuid('statement_id')
			.notNull()
			.references(() => purposeStatements.id, { onDelete: 'cascade' }),
		rating: smallint('rating').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.statementId] }),
		check('rating_1_to_5', sql`${t.rating} between 1 and 5`)
	]
);

/**
 * A dated picture of someone's social capital: a participant's, or a pupil's where the school turns
 * pupil networks on. Exactly one owner.
 */
export const networkSnapshots = pgTable(
	'network_snapshots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id').references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		pupilId: uuid('pupil_id').references(() => pupils.id, { onDelete: 'cascade' }),
		takenOn: date('taken_on').notNull(),
		note: text('note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('network_snapshots_participant').on(t.participantId),
		index('network_snapshots_pupil').on(t.pupilId),
		check('network_has_one_owner', sql`(${t.participantId} is null) <> (${t.pupilId} is null)`)
	]
);

/** A contact in a snapshot. `person_key` stays the same for one person across snapshots (growth). */
export const networkContacts = pgTable(
	'network_contacts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		snapshotId: uuid('snapshot_id')
			.notNull()
			.references(() => networkSnapshots.id, { onDelete: 'cascade' }),
		personKey: uuid('person_key').notNull().defaultRandom(),
		name: text('name').notNull(),
		/** friends | family | university | employers | professional */
		sphere: text('sphere').notNull(),
		/** 1 acquaintance – 10 close family. */
		tieStrength: smallint('tie_strength').notNull(),
		/** bonding | bridging | linking */
		tieType: text('tie_type'),
		howTheyMightHelp: text('how_they_might_help'),
		couldIntroduce: text('could_introduce'),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		index('network_contacts_snapshot').on(t.snapshotId),
		unique('one_person_per_snapshot').on(t.snapshotId, t.personKey),
		check('tie_strength_1_to_10', sql`${t.tieStrength} between 1 and 10`),
		check('sphere_known', sql`${t.sphere} in ('friends', 'family', 'university', 'employers', 'professional')`),
		check('tie_type_known', sql`${t.tieType} is null or ${t.tieType} in ('bonding', 'bridging', 'linking')`)
	]
);

/** The Gatsby reflection grid: per benchmark, what I noticed on placement 1 and found out on placement 2. */
export const benchmarkReflections = pgTable(
	'benchmark_reflections',
	{
		participantId: uuid('participant_id')
			.notNull()
			.references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		benchmark: smallint('benchmark').notNull(),
		placement1: text('placement1'),
		placement2: text('placement2'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.participantId, t.benchmark] }),
		check('reflection_benchmark_1_to_8', sql`${t.benchmark} between 1 and 8`)
	]
);

/** A point on the critical-incident timeline: levels 0–10 of knowledge, skills and values, and what happened. */
export const criticalIncidents = pgTable(
	'critical_incidents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		occurredOn: date('occurred_on').notNull(),
		knowledge: smallint('knowledge').notNull(),
		skills: smallint('skills').notNull(),
		values: smallint('values').notNull(),
		annotation: text('annotation').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('critical_incidents_participant').on(t.participantId),
		check(
			'incident_levels_0_to_10',
			sql`${t.knowledge} between 0 and 10 and ${t.skills} between 0 and 10 and ${t.values} between 0 and 10`
		)
	]
);

/**
 * The promise postcard. On `remind_on` Waymark emails it back (a scheduled job, see scheduled_jobs);
 * at the review the participant records how far they got.
 */
export const promisePostcards = pgTable(
	'promise_postcards',
	{
		participantId: uuid('participant_id')
			.primaryKey()
			.references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		promiseToMyself: text('promise_to_myself').notNull(),
		promiseToMySchool: text('promise_to_my_school').notNull(),
		achieveBy: date('achieve_by').notNull(),
		remindOn: date('remind_on').notNull(),
		/** When the reminder email went (from the job); null until then. */
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		/** At the review: not-started | some-way | achieved, and what they say about it. */
		reviewProgress: text('review_progress'),
		reviewNote: text('review_note'),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('remind_before_achieve', sql`${t.remindOn} <= ${t.achieveBy}`),
		check(
			'review_progress_known',
			sql`${t.reviewProgress} is null or ${t.reviewProgress} in ('not-started', 'some-way', 'achieved')`
		)
	]
);

/** The circle of appreciation: one thing appreciated, one thing I am curious to learn more about. */
export const appreciations = pgTable('appreciations', {
	participantId: uuid('participant_id')
		.primaryKey()
		.references(() => developmentParticipants.id, { onDelete: 'cascade' }),
	appreciated: text('appreciated'),
	curious: text('curious'),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Work to do at a time, surviving restarts (the promise postcard's reminder first). A job is claimed
 * by setting `started_at` in its own transaction BEFORE the work: a crash after that leaves it started
 * and not finished, and it is never run again by itself — at most once, never twice (docs/decisions.md).
 */
export const scheduledJobs = pgTable(
	'scheduled_jobs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** What to do, e.g. 'postcard-reminder'. */
		kind: text('kind').notNull(),
		/** One job per thing: 'postcard-reminder:<participant id>'. Rescheduling updates the row. */
		key: text('key').notNull().unique(),
		runAt: timestamp('run_at', { withTimezone: true }).notNull(),
		payload: text('payload'),
		startedAt: timestamp('started_at', { withTimezone: true }),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		/** Why it failed, when it did (a failed send is not retried without a person asking). */
		failure: text('failure'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('scheduled_jobs_due')
			.on(t.runAt)
			.where(sql`${t.startedAt} is null`)
	]
);

/**
 * The occupations library: careers to put on subject maps and career cards. Shared entries
 * (organisation null) come from SOC 2020 and seed 002; a school adds its own.
 */
export const occupations = pgTable(
	'occupations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** What the person does. */
		description: text('description'),
		keySkill: text('key_skill'),
		subjects: text('subjects')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** further-education | higher-education | apprenticeship */
		routes: text('routes')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** SOC 2020 unit group (4 digits), always SOC 2020 here. */
		socCode: text('soc_code'),
		/** soc2020 | seed | school */
		source: text('source').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('occupations_organisation').on(t.organisationId),
		check('soc_code_four_digits', sql`${t.socCode} is null or ${t.socCode} ~ '^[0-9]{4}$'`),
		check('occupation_source_known', sql`${t.source} in ('soc2020', 'seed', 'school')`),
		check(
			'occupation_routes_known',
			sql`${t.routes} <@ array['further-education', 'higher-education', 'apprenticeship']::text[]`
		)
	]
);

/**
 * A subject's careers map (Benchmark 4): careers per year group and half-term. Owned by a school's
 * department, or by a participant in their workbook (who may offer it to a placement school).
 */
export const subjectMaps = pgTable(
	'subject_maps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id').references(() => organisations.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id').references(() => developmentParticipants.id, { onDelete: 'cascade' }),
		subject: text('subject').notNull(),
		/** Calendar year the academic year starts in (2025 = 2025/26). */
		academicYear: integer('academic_year').notNull(),
		/** Whether Years 12 and 13 are on the map. */
		includesSixthForm: boolean('includes_sixth_form').notNull().default(false),
		/** A participant's map offered to this school's department; null once taken or withdrawn. */
		offeredToSchoolId: uuid('offered_to_school_id').references(() => organisations.id, { onDelete: 'set null' }),
		offeredAt: timestamp('offered_at', { withTimezone: true }),
		/** The map this one was copied from (a trainee's offer taken, or last year's). */
		copiedFromId: uuid('copied_from_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('subject_maps_school').on(t.schoolId, t.academicYear),
		index('subject_maps_participant').on(t.participantId),
		check('subject_map_has_one_owner', sql`(${t.schoolId} is null) <> (${t.participantId} is null)`)
	]
);

/** One career in one cell of a subject map: year group × half-term (1 = Autumn 1 … 6 = Summer 2). */
export const subjectMapEntries = pgTable(
	'subject_map_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mapId: uuid('map_id')
			.notNull()
			.references(() => subjectMaps.id, { onDelete: 'cascade' }),
		yearGroup: smallint('year_group').notNull(),
		halfTerm: smallint('half_term').notNull(),
		occupationId: uuid('occupation_id')
			.notNull()
			.references(() => occupations.id, { onDelete: 'restrict' }),
		/** How the career links to that half-term's topic (optional). */
		note: text('note'),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		index('subject_map_entries_map').on(t.mapId),
		unique('one_career_per_cell').on(t.mapId, t.yearGroup, t.halfTerm, t.occupationId),
		check('map_year_7_to_13', sql`${t.yearGroup} between 7 and 13`),
		check('map_half_term_1_to_6', sql`${t.halfTerm} between 1 and 6`)
	]
);
