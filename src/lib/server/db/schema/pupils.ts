import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	date,
	index,
	integer,
	numeric,
	pgTable,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

/**
 * One record per pupil per school, matched on UPN. A pupil's year group is never stored: it is
 * derived from the academic year and `enteredYear7` (the starting calendar year of the academic year
 * in which the pupil was, or would be, in Year 7), so the September rollover needs no re-import.
 * Leavers are kept: their encounters and destinations matter for three years.
 */
export const pupils = pgTable(
	'pupils',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		schoolId: uuid('school_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		upn: text('upn').notNull(),
		legalSurname: text('legal_surname').notNull(),
		legalForename: text('legal_forename').notNull(),
		preferredForename: text('preferred_forename'),
		dateOfBirth: date('date_of_birth').notNull(),
		gender: text('gender'),
		enteredYear7: integer('entered_year7').notNull(),
		regGroup: text('reg_group'),
		/** E = EHC plan, K = SEN support, N = no SEN. */
		senProvision: text('sen_provision', { enum: ['E', 'K', 'N'] })
			.notNull()
			.default('N'),
		fsmEligible: boolean('fsm_eligible').notNull().default(false),
		ever6Fsm: boolean('ever6_fsm').notNull().default(false),
		pupilPremium: boolean('pupil_premium').notNull().default(false),
		eal: boolean('eal').notNull().default(false),
		lookedAfter: boolean('looked_after').notNull().default(false),
		ethnicity: text('ethnicity'),
		attendancePercent: numeric('attendance_percent', { precision: 5, scale: 2, mode: 'number' }),
		admissionDate: date('admission_date'),
		leavingDate: date('leaving_date'),
		email: text('email'),
		/** Flagged by staff as considering higher education (Benchmark 7's HE visits apply to them). */
		consideringHe: boolean('considering_he').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('one_pupil_per_upn_per_school').on(t.schoolId, t.upn),
		index('pupils_school_cohort').on(t.schoolId, t.enteredYear7),
		check('attendance_0_to_100', sql`${t.attendancePercent} is null or ${t.attendancePercent} between 0 and 100`)
	]
);
