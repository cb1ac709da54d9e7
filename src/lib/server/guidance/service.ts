/**
 * Personal guidance (Gatsby Benchmark 8) and referrals for it (seed 000 tasks 14–15).
 *
 * A guidance meeting records that a pupil was seen by a careers adviser, when, one-to-one or in a small
 * group, and the actions agreed. The adviser's qualification level is copied from their account at the
 * time, because Benchmark 8 asks for a Level 6 adviser WHEN the pupil was seen. The notes are for
 * advisers and the careers leader only (`guidance.notes`), and every read of them writes
 * `guidance.notes.viewed` in the same transaction as the read.
 *
 * A referral is a tutor, SENCO or head of sixth asking for a pupil to be seen. The careers leader or an
 * adviser works through the open referrals, oldest first, and closes each by booking a meeting (one
 * transaction: the booked meeting, the referral closed and linked to it, the audit events) or with a note.
 */
import { and, arrayContains, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { guidanceMeetings, memberships, pupils, referrals, users } from '../db/schema/index.ts';
import { authorise, can, membershipIn, NotFoundError, type Actor } from '../access/actor.ts';
import type { SchoolAction } from '../access/policy.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { yearGroupSql } from '../pupils/service.ts';
import { parseDate, parseTime } from '../imports/csv.ts';
import { londonDate, todayInLondon } from '../../domain/academic-year.ts';
import { REFERRER_CAPACITIES, REFERRER_CAPACITY_LABELS, type ReferrerCapacity } from '../../domain/roles.ts';
import { pupilDisplayName } from '../../domain/pupil-characteristics.ts';
import { longDate } from '../../domain/academic-year.ts';

export { REFERRER_CAPACITIES, REFERRER_CAPACITY_LABELS, type ReferrerCapacity };

export const MEETING_FORMATS = ['one-to-one', 'small-group'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MEETING_FORMAT_LABELS: Record<MeetingFormat, string> = {
	'one-to-one': 'One-to-one',
	'small-group': 'Small group'
};

export const MEETING_STATUSES = ['held', 'booked'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { held: 'Held', booked: 'Booked' };

/** A small group is a handful of pupils, not a class (that is a group activity, recorded as an encounter). */
export const MAX_GROUP_SIZE = 8;

const MAX_TEXT = 5000;

const CAREERS_ADVISER = 'careers-adviser';

// ---------------------------------------------------------------------------------------------------
// Shared helpers

/** Whole days from one London calendar date to another. */
function daysBetween(fromIso: string, toIso: string): number {
	return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

function isUuid(value: string): boolean {
	return z.uuid().safeParse(value).success;
}

/** Spaces gone, upper case: how UPNs are stored. */
function normaliseUpn(value: string): string {
	return value.replace(/\s+/g, '').toUpperCase();
}

function optionalText(value: unknown, field: string, label: string, errors: FieldError[]): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') {
		errors.push({ field, message: `Enter the ${label} as text` });
		return null;
	}
	const v = value.trim();
	if (v.length > MAX_TEXT)
		errors.push({ field, message: `The ${label} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer` });
	return v === '' ? null : v;
}

function holdsRole(actor: Actor, school: School, role: string): boolean {
	return membershipIn(actor, school.id)?.roles.includes(role) ?? false;
}

/**
 * Who may record a meeting for this adviser: the adviser themselves, or the careers leader on an
 * adviser's behalf (and the command line).
 */
export function mayRecordFor(actor: Actor, school: School, adviserUserId: string): boolean {
	return actor.system === true || actor.userId === adviserUserId || holdsRole(actor, school, 'careers-leader');
}

export type Adviser = { userId: string; name: string; email: string; level: number | null };

/** The school's careers advisers (members holding the careers-adviser role) with their level now. */
export async function advisersOf(q: Queryable, schoolId: string): Promise<Adviser[]> {
	const rows = await q
		.select({ userId: users.id, name: users.name, email: users.email, level: users.adviserLevel })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, schoolId), arrayContains(memberships.roles, [CAREERS_ADVISER])))
		.orderBy(asc(users.name));
	return rows;
}

/** The school's careers advisers, for the adviser select and the list's filter. */
export async function listAdvisers(actor: Actor, school: School): Promise<Adviser[]> {
	authorise(actor, 'guidance.view', school.id);
	return advisersOf(db(), school.id);
}

export type PupilBrief = { id: string; upn: string; name: string; yearGroup: number };

async function pupilBriefs(q: Queryable, schoolId: string, where: SQL): Promise<PupilBrief[]> {
	const rows = await q
		.select({
			id: pupils.id,
			upn: pupils.upn,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			yearGroup: yearGroupSql()
		})
		.from(pupils)
		.where(and(eq(pupils.schoolId, schoolId), where));
	return rows.map((r) => ({ id: r.id, upn: r.upn, name: pupilDisplayName(r), yearGroup: r.yearGroup }));
}

/**
 * One pupil's name, UPN and year group, for a form about them (refer, book a meeting). Needs the action
 * the form is for; an unknown pupil or one from another school is not found.
 */
export async function pupilBrief(
	actor: Actor,
	school: School,
	pupilId: string,
	action: SchoolAction = 'guidance.record'
): Promise<PupilBrief> {
	authorise(actor, action, school.id);
	if (!isUuid(pupilId)) throw new NotFoundError();
	const [found] = await pupilBriefs(db(), school.id, eq(pupils.id, pupilId));
	if (!found) throw new NotFoundError();
	return found;
}

// ---------------------------------------------------------------------------------------------------
// Recording meetings

export type MeetingInput = {
	/** Pupils by id (a `?pupil=` link, a referral). */
	pupilIds?: string[];
	/** Pupils by UPN, as typed: a list, or one string with UPNs separated by commas, spaces or new lines. */
	upns?: string[] | string;
	/** YYYY-MM-DD or DD/MM/YYYY. */
	date?: string;
	/** HH:MM, optional. */
	startTime?: string | null;
	/** The adviser; an adviser recording their own meeting may leave it empty. */
	adviserUserId?: string | null;
	format?: string;
	/** 'held' (the default) or 'booked' (still to happen). */
	status?: string;
	agreedActions?: string | null;
	notes?: string | null;
};

type CheckedMeeting = {
	pupils: PupilBrief[];
	date: string;
	startTime: string | null;
	adviser: Adviser;
	format: MeetingFormat;
	status: MeetingStatus;
	agreedActions: string | null;
	notes: string | null;
};

function splitUpns(value: string[] | string | undefined): string[] {
	const parts = Array.isArray(value) ? value : (value ?? '').split(/[\s,;]+/);
	return parts.map(normaliseUpn).filter((u) => u !== '');
}

/** Every rule for a meeting, with every problem found (one per field), before anything is written. */
async function checkMeeting(
	q: Queryable,
	actor: Actor,
	school: School,
	input: MeetingInput,
	today: string
): Promise<CheckedMeeting> {
	const errors: FieldError[] = [];

	const status = (input.status ?? '').trim() || 'held';
	if (!(MEETING_STATUSES as readonly string[]).includes(status))
		errors.push({ field: 'status', message: 'Choose whether the meeting has happened or is booked' });

	const format = (input.format ?? '').trim();
	if (!(MEETING_FORMATS as readonly string[]).includes(format))
		errors.push({ field: 'format', message: 'Choose one-to-one or small group' });

	const rawDate = (input.date ?? '').trim();
	const date = rawDate === '' ? undefined : parseDate(rawDate);
	if (rawDate === '') errors.push({ field: 'date', message: 'Enter the date of the meeting' });
	else if (!date) errors.push({ field: 'date', message: 'The date must be a real date, such as 3/3/2026' });
	else if (status === 'held' && date > today)
		errors.push({
			field: 'date',
			message: `The date of a meeting that has happened must be today or earlier. For a meeting still to come, choose “booked”`
		});

	const rawTime = (input.startTime ?? '').trim();
	const startTime = rawTime === '' ? null : (parseTime(rawTime) ?? null);
	if (rawTime !== '' && !startTime)
		errors.push({ field: 'startTime', message: 'The time must be a time of day on the 24-hour clock, such as 10:30' });

	const agreedActions = optionalText(input.agreedActions, 'agreedActions', 'agreed actions', errors);
	const notes = optionalText(input.notes, 'notes', 'notes', errors);

	// The adviser: a careers adviser of this school; advisers record their own meetings.
	const advisers = await advisersOf(q, school.id);
	let adviserUserId = (input.adviserUserId ?? '').trim();
	if (adviserUserId === '' && advisers.some((a) => a.userId === actor.userId)) adviserUserId = actor.userId;
	const adviser = advisers.find((a) => a.userId === adviserUserId);
	if (adviserUserId === '') errors.push({ field: 'adviserUserId', message: 'Choose the careers adviser' });
	else if (!adviser)
		errors.push({
			field: 'adviserUserId',
			message: `The adviser must be a careers adviser in ${school.name}. Give them the careers adviser role first`
		});
	else if (!mayRecordFor(actor, school, adviser.userId))
		errors.push({
			field: 'adviserUserId',
			message: 'You can record only your own meetings. The careers leader can record a meeting for any adviser'
		});

	// The pupils, by id and by UPN, all in this school.
	const ids = [...new Set((input.pupilIds ?? []).map((s) => s.trim()).filter((s) => s !== ''))];
	const upns = [...new Set(splitUpns(input.upns))];
	const found: PupilBrief[] = [];
	if (ids.length + upns.length === 0) errors.push({ field: 'upns', message: 'Enter the pupil’s UPN' });
	if (ids.length > 0) {
		const valid = ids.filter(isUuid);
		const byId = valid.length > 0 ? await pupilBriefs(q, school.id, inArray(pupils.id, valid)) : [];
		if (byId.length !== ids.length) errors.push({ field: 'upns', message: 'That pupil is not in this school' });
		found.push(...byId);
	}
	if (upns.length > 0) {
		const byUpn = await pupilBriefs(q, school.id, inArray(pupils.upn, upns));
		const known = new Set(byUpn.map((p) => p.upn));
		const missing = upns.filter((u) => !known.has(u));
		if (missing.length > 0)
			errors.push({
				field: 'upns',
				message: `No pupil in ${school.name} has the UPN ${missing.join(', ')}. Check the UPN on the pupil’s record`
			});
		for (const p of byUpn) if (!found.some((f) => f.id === p.id)) found.push(p);
	}
	if (format === 'one-to-one' && found.length > 1)
		errors.push({
			field: 'upns',
			message: 'A one-to-one meeting is with one pupil. For several pupils together, choose small group'
		});
	if (found.length > MAX_GROUP_SIZE)
		errors.push({
			field: 'upns',
			message: `A small group is up to ${MAX_GROUP_SIZE} pupils. For a larger group, record a group activity instead`
		});

	if (errors.length > 0) throw new ValidationError(errors);
	return {
		pupils: found,
		date: date!,
		startTime,
		adviser: adviser!,
		format: format as MeetingFormat,
		status: status as MeetingStatus,
		agreedActions,
		notes
	};
}

function describeMeeting(m: CheckedMeeting): string {
	const who = m.pupils.length === 1 ? m.pupils[0]!.name : `${m.pupils.length} pupils`;
	const level = m.adviser.level ? ` (Level ${m.adviser.level})` : ' (level not recorded)';
	const what = m.status === 'booked' ? 'Guidance meeting booked' : 'Guidance meeting recorded';
	return `${what}: ${MEETING_FORMAT_LABELS[m.format].toLowerCase()} with ${who} on ${longDate(m.date)}, adviser ${m.adviser.name}${level}`;
}

/** Inserts one row per pupil and the audit event; the caller owns the transaction. Notes never go in the audit. */
async function insertMeetings(
	tx: Queryable,
	actor: Actor,
	school: School,
	m: CheckedMeeting,
	referralId: string | null,
	requestId?: string
): Promise<string[]> {
	const rows = await tx
		.insert(guidanceMeetings)
		.values(
			m.pupils.map((p) => ({
				schoolId: school.id,
				pupilId: p.id,
				date: m.date,
				startTime: m.startTime,
				adviserUserId: m.adviser.userId,
				adviserName: m.adviser.name,
				adviserLevel: m.adviser.level,
				format: m.format,
				status: m.status,
				agreedActions: m.agreedActions,
				notes: m.notes,
				referralId,
				createdBy: actor.system ? null : actor.userId
			}))
		)
		.returning({ id: guidanceMeetings.id });
	const ids = rows.map((r) => r.id);
	await recordAudit(
		tx,
		actor,
		{
			organisationId: school.id,
			action: m.status === 'booked' ? 'guidance.meeting-booked' : 'guidance.meeting-recorded',
			recordType: 'guidance-meeting',
			recordId: ids[0] ?? null,
			summary: describeMeeting(m),
			after: {
				meetingIds: ids,
				pupilIds: m.pupils.map((p) => p.id),
				date: m.date,
				format: m.format,
				status: m.status,
				adviserUserId: m.adviser.userId,
				adviserLevel: m.adviser.level,
				referralId
			}
		},
		requestId
	);
	return ids;
}

/**
 * Records a guidance meeting (held, or booked to happen): one row per pupil, so a small group of three
 * is three meetings, each counting for its pupil. Returns the meetings' ids.
 */
export async function recordMeeting(
	actor: Actor,
	school: School,
	input: MeetingInput,
	requestId?: string
): Promise<{ ids: string[] }> {
	authorise(actor, 'guidance.record', school.id);
	const today = todayInLondon();
	return db().transaction(async (tx) => {
		const checked = await checkMeeting(tx, actor, school, input, today);
		return { ids: await insertMeetings(tx, actor, school, checked, null, requestId) };
	});
}

// ---------------------------------------------------------------------------------------------------
// Reading meetings

export type MeetingSummary = {
	id: string;
	pupilId: string;
	pupilName: string;
	upn: string;
	yearGroup: number;
	date: string;
	startTime: string | null;
	adviserUserId: string | null;
	adviserName: string;
	adviserLevel: number | null;
	format: MeetingFormat;
	status: MeetingStatus;
	fromReferral: boolean;
};

export type Meeting = MeetingSummary & {
	agreedActions: string | null;
	/** Whether this person may read the notes (advisers and the careers leader). */
	notesVisible: boolean;
	/** The notes, only when notesVisible (and then the read is audited). */
	notes: string | null;
	referral: { id: string; reason: string; referredByName: string | null; capacity: string; createdAt: Date } | null;
	createdAt: Date;
};

const meetingColumns = () => ({
	id: guidanceMeetings.id,
	pupilId: guidanceMeetings.pupilId,
	legalForename: pupils.legalForename,
	preferredForename: pupils.preferredForename,
	legalSurname: pupils.legalSurname,
	upn: pupils.upn,
	yearGroup: yearGroupSql(),
	date: guidanceMeetings.date,
	startTime: guidanceMeetings.startTime,
	adviserUserId: guidanceMeetings.adviserUserId,
	adviserName: guidanceMeetings.adviserName,
	adviserLevel: guidanceMeetings.adviserLevel,
	format: guidanceMeetings.format,
	status: guidanceMeetings.status,
	referralId: guidanceMeetings.referralId
});

type MeetingRow = {
	id: string;
	pupilId: string;
	legalForename: string;
	preferredForename: string | null;
	legalSurname: string;
	upn: string;
	yearGroup: number;
	date: string;
	startTime: string | null;
	adviserUserId: string | null;
	adviserName: string;
	adviserLevel: number | null;
	format: MeetingFormat;
	status: MeetingStatus;
	referralId: string | null;
};

function toSummary(r: MeetingRow): MeetingSummary {
	return {
		id: r.id,
		pupilId: r.pupilId,
		pupilName: pupilDisplayName(r),
		upn: r.upn,
		yearGroup: r.yearGroup,
		date: r.date,
		startTime: r.startTime ? r.startTime.slice(0, 5) : null,
		adviserUserId: r.adviserUserId,
		adviserName: r.adviserName,
		adviserLevel: r.adviserLevel,
		format: r.format,
		status: r.status,
		fromReferral: r.referralId !== null
	};
}

/**
 * One meeting. For advisers and the careers leader the notes are included and the read is written to the
 * audit trail (`guidance.notes.viewed`) in the same transaction; everyone else allowed `guidance.view`
 * gets the meeting without its notes, and nothing about them is read.
 */
export async function getMeeting(actor: Actor, school: School, id: string, requestId?: string): Promise<Meeting> {
	authorise(actor, 'guidance.view', school.id);
	if (!isUuid(id)) throw new NotFoundError();
	const notesVisible = can(actor, 'guidance.notes', school.id);
	const read = async (q: Queryable) => {
		const [row] = await q
			.select({
				...meetingColumns(),
				agreedActions: guidanceMeetings.agreedActions,
				createdAt: guidanceMeetings.createdAt,
				...(notesVisible ? { notes: guidanceMeetings.notes } : {})
			})
			.from(guidanceMeetings)
			.innerJoin(pupils, eq(pupils.id, guidanceMeetings.pupilId))
			.where(and(eq(guidanceMeetings.id, id), eq(guidanceMeetings.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		let referral: Meeting['referral'] = null;
		if (row.referralId) {
			const [r] = await q
				.select({
					id: referrals.id,
					reason: referrals.reason,
					referredByName: users.name,
					capacity: referrals.referrerCapacity,
					createdAt: referrals.createdAt
				})
				.from(referrals)
				.leftJoin(users, eq(users.id, referrals.referredBy))
				.where(and(eq(referrals.id, row.referralId), eq(referrals.schoolId, school.id)));
			referral = r ?? null;
		}
		const meeting: Meeting = {
			...toSummary(row),
			agreedActions: row.agreedActions,
			createdAt: row.createdAt,
			notesVisible,
			notes: notesVisible && 'notes' in row ? ((row.notes as string | null) ?? null) : null,
			referral
		};
		return meeting;
	};
	if (!notesVisible) return read(db());
	return db().transaction(async (tx) => {
		const meeting = await read(tx);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'guidance.notes.viewed',
				recordType: 'guidance-meeting',
				recordId: meeting.id,
				summary: `Viewed the notes of the guidance meeting with ${meeting.pupilName} (UPN ${meeting.upn}) on ${longDate(meeting.date)}`
			},
			requestId
		);
		return meeting;
	});
}

const isoDateOrUndefined = z
	.string()
	.trim()
	.transform((v) => (v === '' ? undefined : parseDate(v)))
	.optional()
	.catch(undefined);

/** Filters from the address; anything unreadable is ignored rather than refused (the page still shows). */
export const meetingFilterSchema = z.object({
	year: z.coerce.number().int().min(7).max(13).optional().catch(undefined),
	adviser: z.string().trim().optional().catch(undefined),
	from: isoDateOrUndefined,
	to: isoDateOrUndefined,
	status: z.enum(MEETING_STATUSES).optional().catch(undefined),
	page: z.coerce.number().int().min(1).catch(1).default(1)
});
export type MeetingFilter = z.infer<typeof meetingFilterSchema>;

export const MEETINGS_PER_PAGE = 100;

/** Meetings in the school, newest first, without their notes. */
export async function listMeetings(
	actor: Actor,
	school: School,
	rawFilter: Record<string, string | undefined> = {}
): Promise<{ meetings: MeetingSummary[]; filter: MeetingFilter; total: number; perPage: number }> {
	authorise(actor, 'guidance.view', school.id);
	const filter = meetingFilterSchema.parse(
		Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined && v !== ''))
	);
	const where: SQL[] = [eq(guidanceMeetings.schoolId, school.id)];
	if (filter.year !== undefined) where.push(sql`${yearGroupSql()} = ${filter.year}`);
	if (filter.adviser && isUuid(filter.adviser)) where.push(eq(guidanceMeetings.adviserUserId, filter.adviser));
	if (filter.from) where.push(gte(guidanceMeetings.date, filter.from));
	if (filter.to) where.push(lte(guidanceMeetings.date, filter.to));
	if (filter.status) where.push(eq(guidanceMeetings.status, filter.status));
	const condition = and(...where);
	const [counted] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(guidanceMeetings)
		.innerJoin(pupils, eq(pupils.id, guidanceMeetings.pupilId))
		.where(condition);
	const rows = await db()
		.select(meetingColumns())
		.from(guidanceMeetings)
		.innerJoin(pupils, eq(pupils.id, guidanceMeetings.pupilId))
		.where(condition)
		.orderBy(desc(guidanceMeetings.date), asc(pupils.legalSurname), asc(guidanceMeetings.id))
		.limit(MEETINGS_PER_PAGE)
		.offset((filter.page - 1) * MEETINGS_PER_PAGE);
	return { meetings: rows.map(toSummary), filter, total: counted?.n ?? 0, perPage: MEETINGS_PER_PAGE };
}

/** A booked meeting took place: its date (the booked one by default), agreed actions and notes. */
export async function markHeld(
	actor: Actor,
	school: School,
	id: string,
	input: { date?: string; agreedActions?: string | null; notes?: string | null },
	requestId?: string
): Promise<void> {
	authorise(actor, 'guidance.record', school.id);
	if (!isUuid(id)) throw new NotFoundError();
	const today = todayInLondon();
	await db().transaction(async (tx) => {
		const [row] = await tx
			.select({ meeting: guidanceMeetings, pupil: pupils })
			.from(guidanceMeetings)
			.innerJoin(pupils, eq(pupils.id, guidanceMeetings.pupilId))
			.where(and(eq(guidanceMeetings.id, id), eq(guidanceMeetings.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		const m = row.meeting;
		const errors: FieldError[] = [];
		if (m.status !== 'booked') errors.push({ field: 'meeting', message: 'This meeting is already recorded as held' });
		if (m.adviserUserId && !mayRecordFor(actor, school, m.adviserUserId))
			errors.push({
				field: 'meeting',
				message: `Only ${m.adviserName} or the careers leader can record that this meeting took place`
			});
		const rawDate = (input.date ?? '').trim();
		const date = rawDate === '' ? m.date : parseDate(rawDate);
		if (!date) errors.push({ field: 'date', message: 'The date must be a real date, such as 3/3/2026' });
		else if (date > today)
			errors.push({
				field: 'date',
				message: 'The meeting has not happened yet: the date it took place must be today or earlier'
			});
		const agreedActions = optionalText(input.agreedActions, 'agreedActions', 'agreed actions', errors);
		const notes = optionalText(input.notes, 'notes', 'notes', errors);
		if (errors.length > 0) throw new ValidationError(errors);
		await tx
			.update(guidanceMeetings)
			.set({ status: 'held', date: date!, agreedActions, notes, updatedAt: new Date() })
			.where(eq(guidanceMeetings.id, m.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'guidance.meeting-held',
				recordType: 'guidance-meeting',
				recordId: m.id,
				summary: `Guidance meeting with ${pupilDisplayName(row.pupil)} on ${longDate(date!)} recorded as held`,
				before: { status: m.status, date: m.date },
				after: { status: 'held', date }
			},
			requestId
		);
	});
}

// ---------------------------------------------------------------------------------------------------
// Referrals

/** The capacities in which this person may refer, from their teacher tags and roles; 'other' when none. */
export function referrerCapacities(actor: Actor, school: School): ReferrerCapacity[] {
	const membership = membershipIn(actor, school.id);
	const capacities: ReferrerCapacity[] = [];
	for (const tag of ['tutor', 'senco', 'head-of-sixth'] as const)
		if (membership?.tags.includes(tag)) capacities.push(tag);
	if (membership?.roles.includes('careers-leader')) capacities.push('careers-leader');
	return capacities.length > 0 ? capacities : ['other'];
}

/** A tutor, SENCO or head of sixth (or another colleague) asks for a pupil to be seen by an adviser. */
export async function referPupil(
	actor: Actor,
	school: School,
	pupilId: string,
	reason: string,
	options: { capacity?: string; requestId?: string } = {}
): Promise<{ id: string }> {
	authorise(actor, 'referrals.create', school.id);
	if (!isUuid(pupilId)) throw new NotFoundError();
	const capacities = referrerCapacities(actor, school);
	const wanted = (options.capacity ?? '').trim();
	const errors: FieldError[] = [];
	const capacity = wanted === '' ? capacities[0]! : capacities.find((c) => c === wanted);
	if (!capacity)
		errors.push({
			field: 'capacity',
			message: `Choose the capacity you are referring in: ${capacities.map((c) => REFERRER_CAPACITY_LABELS[c]).join(' or ')}`
		});
	const text = typeof reason === 'string' ? reason.trim() : '';
	if (text === '') errors.push({ field: 'reason', message: 'Enter why the pupil needs guidance' });
	else if (text.length > 2000)
		errors.push({ field: 'reason', message: 'The reason must be 2,000 characters or fewer' });
	return db().transaction(async (tx) => {
		const [pupil] = await pupilBriefs(tx, school.id, eq(pupils.id, pupilId));
		if (!pupil) throw new NotFoundError();
		const [open] = await tx
			.select({ createdAt: referrals.createdAt, referredByName: users.name })
			.from(referrals)
			.leftJoin(users, eq(users.id, referrals.referredBy))
			.where(and(eq(referrals.schoolId, school.id), eq(referrals.pupilId, pupilId), eq(referrals.status, 'open')));
		if (open)
			errors.push({
				field: 'reason',
				message: `${pupil.name} was already referred on ${longDate(londonDate(open.createdAt))}${open.referredByName ? ` by ${open.referredByName}` : ''} and is waiting for a meeting. Speak to the careers leader to add to that referral`
			});
		if (errors.length > 0) throw new ValidationError(errors);
		const [row] = await tx
			.insert(referrals)
			.values({
				schoolId: school.id,
				pupilId,
				referredBy: actor.system ? null : actor.userId,
				referrerCapacity: capacity!,
				reason: text
			})
			.returning({ id: referrals.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'referral.created',
				recordType: 'referral',
				recordId: row.id,
				summary: `${pupil.name} (UPN ${pupil.upn}) referred for careers guidance by ${actor.name} as ${REFERRER_CAPACITY_LABELS[capacity!].toLowerCase()}`,
				after: { pupilId, capacity }
			},
			options.requestId
		);
		return { id: row.id };
	});
}

export type OpenReferral = {
	id: string;
	pupilId: string;
	pupilName: string;
	upn: string;
	yearGroup: number;
	referredByName: string | null;
	capacity: ReferrerCapacity;
	reason: string;
	createdAt: Date;
	/** Whole days since the referral was made (London dates). */
	ageDays: number;
};

async function referralRows(q: Queryable, school: School, where: SQL) {
	const today = todayInLondon();
	const rows = await q
		.select({
			id: referrals.id,
			pupilId: referrals.pupilId,
			legalForename: pupils.legalForename,
			preferredForename: pupils.preferredForename,
			legalSurname: pupils.legalSurname,
			upn: pupils.upn,
			yearGroup: yearGroupSql(),
			referredByName: users.name,
			capacity: referrals.referrerCapacity,
			reason: referrals.reason,
			createdAt: referrals.createdAt,
			status: referrals.status
		})
		.from(referrals)
		.innerJoin(pupils, eq(pupils.id, referrals.pupilId))
		.leftJoin(users, eq(users.id, referrals.referredBy))
		.where(and(eq(referrals.schoolId, school.id), where))
		.orderBy(asc(referrals.createdAt), asc(referrals.id));
	return rows.map((r) => ({
		id: r.id,
		pupilId: r.pupilId,
		pupilName: pupilDisplayName(r),
		upn: r.upn,
		yearGroup: r.yearGroup,
		referredByName: r.referredByName,
		capacity: ((REFERRER_CAPACITIES as readonly string[]).includes(r.capacity)
			? r.capacity
			: 'other') as ReferrerCapacity,
		reason: r.reason,
		createdAt: r.createdAt,
		ageDays: Math.max(0, daysBetween(londonDate(r.createdAt), today)),
		status: r.status
	}));
}

/** The open referrals, oldest first: the queue advisers and the careers leader work through. */
export async function openReferrals(actor: Actor, school: School): Promise<OpenReferral[]> {
	authorise(actor, 'referrals.manage', school.id);
	const rows = await referralRows(db(), school, eq(referrals.status, 'open'));
	return rows.map(({ status: _status, ...r }) => r);
}

export async function openReferralCount(actor: Actor, school: School): Promise<number> {
	authorise(actor, 'referrals.manage', school.id);
	const [row] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(referrals)
		.where(and(eq(referrals.schoolId, school.id), eq(referrals.status, 'open')));
	return row?.n ?? 0;
}

/** One open referral (for the booking form). Closed, unknown or another school's: not found. */
export async function getOpenReferral(actor: Actor, school: School, referralId: string): Promise<OpenReferral> {
	authorise(actor, 'referrals.manage', school.id);
	if (!isUuid(referralId)) throw new NotFoundError();
	const [row] = await referralRows(db(), school, and(eq(referrals.id, referralId), eq(referrals.status, 'open'))!);
	if (!row) throw new NotFoundError();
	const { status: _status, ...r } = row;
	return r;
}

async function lockOpenReferral(tx: Queryable, school: School, referralId: string) {
	if (!isUuid(referralId)) throw new NotFoundError();
	const [row] = await tx
		.select({ referral: referrals, pupil: pupils })
		.from(referrals)
		.innerJoin(pupils, eq(pupils.id, referrals.pupilId))
		.where(and(eq(referrals.id, referralId), eq(referrals.schoolId, school.id)))
		.for('update', { of: referrals });
	if (!row) throw new NotFoundError();
	if (row.referral.status !== 'open')
		throw ValidationError.one(
			'referral',
			'This referral has already been closed. Refresh the queue to see the open ones'
		);
	return row;
}

/**
 * Closes a referral by booking a guidance meeting for its pupil: the booked meeting (linked to the
 * referral), the referral closed and linked to the meeting, and their audit events, in one transaction.
 */
export async function closeReferralByBooking(
	actor: Actor,
	school: School,
	referralId: string,
	meeting: Omit<MeetingInput, 'pupilIds' | 'upns' | 'status'>,
	requestId?: string
): Promise<{ meetingId: string }> {
	authorise(actor, 'referrals.manage', school.id);
	authorise(actor, 'guidance.record', school.id);
	const today = todayInLondon();
	return db().transaction(async (tx) => {
		const { referral, pupil } = await lockOpenReferral(tx, school, referralId);
		const checked = await checkMeeting(
			tx,
			actor,
			school,
			{ ...meeting, format: meeting.format || 'one-to-one', status: 'booked', pupilIds: [pupil.id] },
			today
		);
		if (checked.format !== 'one-to-one' || checked.pupils.length !== 1)
			throw ValidationError.one('format', 'A meeting booked for a referral is one-to-one with the referred pupil');
		const [meetingId] = await insertMeetings(tx, actor, school, checked, referral.id, requestId);
		if (!meetingId) throw new Error('Insert returned nothing');
		const note = `Meeting booked with ${checked.adviser.name} for ${longDate(checked.date)}`;
		await tx
			.update(referrals)
			.set({
				status: 'closed',
				meetingId,
				closedBy: actor.system ? null : actor.userId,
				closedAt: new Date(),
				closingNote: note
			})
			.where(eq(referrals.id, referral.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'referral.closed',
				recordType: 'referral',
				recordId: referral.id,
				summary: `Referral of ${pupilDisplayName(pupil)} (UPN ${pupil.upn}) closed: ${note}`,
				before: { status: 'open' },
				after: { status: 'closed', meetingId }
			},
			requestId
		);
		return { meetingId };
	});
}

/** Closes a referral without a meeting (the pupil has left, was seen elsewhere…), saying why. */
export async function closeReferral(
	actor: Actor,
	school: School,
	referralId: string,
	note: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'referrals.manage', school.id);
	const text = typeof note === 'string' ? note.trim() : '';
	if (text === '') throw ValidationError.one('note', 'Enter why the referral is closed without a meeting');
	if (text.length > 2000) throw ValidationError.one('note', 'The note must be 2,000 characters or fewer');
	await db().transaction(async (tx) => {
		const { referral, pupil } = await lockOpenReferral(tx, school, referralId);
		await tx
			.update(referrals)
			.set({ status: 'closed', closedBy: actor.system ? null : actor.userId, closedAt: new Date(), closingNote: text })
			.where(eq(referrals.id, referral.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'referral.closed',
				recordType: 'referral',
				recordId: referral.id,
				summary: `Referral of ${pupilDisplayName(pupil)} (UPN ${pupil.upn}) closed without a meeting: ${text}`,
				before: { status: 'open' },
				after: { status: 'closed', closingNote: text }
			},
			requestId
		);
	});
}
