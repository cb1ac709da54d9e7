/**
 * Cohorts of a development programme and their participants (issue 6 §1): a tutor creates a cohort,
 * adds trainees (or staff) one at a time or from a CSV, and invites them by email. Someone without an
 * account gets an invitation (to the provider as a trainee, or to the school as a teacher); accepting it
 * links their place on the cohort (people/service.ts acceptInvitation). Someone with an account is linked
 * at once and told by email. Tutors only (development.manage).
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Tx } from '../db/client.ts';
import {
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	invitations,
	organisations,
	users
} from '../db/schema/index.ts';
import { NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError, type FieldError } from '../errors.ts';
import { config } from '../config.ts';
import { sendMail } from '../mail/send.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { CsvReadError, readCsv, sortErrors, squash, tableOf, type ColumnSpec } from '../imports/csv.ts';
import { PARTICIPANT_KIND_LABELS, type ParticipantKind } from '../../domain/development.ts';
import { programmeForActor, type DevelopmentProgramme } from './access.ts';
import { postcardJobKey } from './postcard.ts';
import { cancelJob } from '../jobs/scheduler.ts';
import { emailSchema, INVITATION_DAYS } from '../people/service.ts';

export type Cohort = { id: string; name: string; startsOn: string | null; endsOn: string | null };

/** joined: linked to an account; invited: an invitation is waiting; expired: it lapsed or was withdrawn. */
export type InvitationStatus = 'joined' | 'invited' | 'expired';
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
	joined: 'Joined',
	invited: 'Invited',
	expired: 'Invitation expired'
};

export type Participant = {
	id: string;
	name: string;
	email: string;
	kind: ParticipantKind;
	subject: string | null;
	/** The placement schools' names, for showing. */
	placement1: string | null;
	placement2: string | null;
	/** As recorded: a school on Waymark, or a name typed in. */
	placement1SchoolId: string | null;
	placement1Name: string | null;
	placement2SchoolId: string | null;
	placement2Name: string | null;
	status: InvitationStatus;
	invitedAt: Date | null;
};

export type PlacementSchool = { id: string; name: string; urn: string | null };

// ---------------------------------------------------------------------------------------------------
// Cohorts

const dateSchema = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Enter a real date');

export const cohortSchema = z
	.object({
		name: z
			.string({ error: 'Enter a name for the cohort' })
			.trim()
			.min(1, 'Enter a name for the cohort, like “PGCE secondary 2025/26”')
			.max(200, 'Name must be 200 characters or fewer'),
		startsOn: dateSchema,
		endsOn: dateSchema
	})
	.refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, {
		path: ['endsOn'],
		message: 'The end date must be on or after the start date'
	});

export async function createCohort(
	actor: Actor,
	programmeId: string,
	input: unknown,
	requestId?: string
): Promise<{ id: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = cohortSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const c = parsed.data;
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(developmentCohorts)
			.values({ programmeId: programme.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })
			.returning({ id: developmentCohorts.id });
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-cohort.created',
				recordType: 'development-cohort',
				recordId: row!.id,
				summary: `Cohort "${c.name}" added to "${programme.title}"`,
				after: c
			},
			requestId
		);
		return { id: row!.id };
	});
}

/** Renames the cohort or changes its dates. */
export async function changeCohort(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	input: unknown,
	requestId?: string
): Promise<Cohort> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = cohortSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const c = parsed.data;
	return db().transaction(async (tx) => {
		const before = await cohortIn(tx, programme.id, cohortId);
		await tx
			.update(developmentCohorts)
			.set({ name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })
			.where(eq(developmentCohorts.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-cohort.changed',
				recordType: 'development-cohort',
				recordId: before.id,
				summary: `Cohort "${before.name}" of "${programme.title}" changed`,
				before: { name: before.name, startsOn: before.startsOn, endsOn: before.endsOn },
				after: c
			},
			requestId
		);
		return { id: before.id, ...c };
	});
}

async function cohortIn(q: Tx | ReturnType<typeof db>, programmeId: string, cohortId: string): Promise<Cohort> {
	if (!z.uuid().safeParse(cohortId).success) throw new NotFoundError();
	const [row] = await q
		.select({
			id: developmentCohorts.id,
			name: developmentCohorts.name,
			startsOn: developmentCohorts.startsOn,
			endsOn: developmentCohorts.endsOn
		})
		.from(developmentCohorts)
		.where(and(eq(developmentCohorts.id, cohortId), eq(developmentCohorts.programmeId, programmeId)));
	if (!row) throw new NotFoundError();
	return row;
}

/** The cohort and its participants, with where each one's invitation stands. */
export async function cohortDetail(
	actor: Actor,
	programmeId: string,
	cohortId: string
): Promise<{ programme: DevelopmentProgramme; cohort: Cohort; participants: Participant[] }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const q = db();
	const cohort = await cohortIn(q, programme.id, cohortId);
	const rows = await q
		.select({
			p: developmentParticipants,
			school1: sql<
				string | null
			>`(select name from organisations o where o.id = ${developmentParticipants.placement1SchoolId})`,
			school2: sql<
				string | null
			>`(select name from organisations o where o.id = ${developmentParticipants.placement2SchoolId})`
		})
		.from(developmentParticipants)
		.where(eq(developmentParticipants.cohortId, cohort.id))
		.orderBy(asc(developmentParticipants.name), asc(developmentParticipants.email));
	const emails = rows.filter((r) => !r.p.userId).map((r) => r.p.email);
	const pending = new Set(
		emails.length
			? (
					await q
						.select({ email: invitations.email })
						.from(invitations)
						.where(
							and(
								eq(invitations.organisationId, programme.organisation.id),
								inArray(invitations.email, emails),
								isNull(invitations.acceptedAt),
								isNull(invitations.revokedAt),
								gt(invitations.expiresAt, new Date())
							)
						)
				).map((r) => r.email)
			: []
	);
	return {
		programme,
		cohort,
		participants: rows.map(({ p, school1, school2 }) => ({
			id: p.id,
			name: p.name,
			email: p.email,
			kind: p.kind as ParticipantKind,
			subject: p.subject,
			placement1: school1 ?? p.placement1Name,
			placement2: school2 ?? p.placement2Name,
			placement1SchoolId: p.placement1SchoolId,
			placement1Name: p.placement1Name,
			placement2SchoolId: p.placement2SchoolId,
			placement2Name: p.placement2Name,
			status: p.userId ? 'joined' : pending.has(p.email) ? 'invited' : 'expired',
			invitedAt: p.invitedAt
		}))
	};
}

/** The schools in Waymark a placement can be picked from, by name. */
export async function placementSchools(actor: Actor, programmeId: string): Promise<PlacementSchool[]> {
	await programmeForActor(actor, programmeId, 'development.manage');
	return db()
		.select({ id: organisations.id, name: organisations.name, urn: organisations.urn })
		.from(organisations)
		.where(eq(organisations.kind, 'school'))
		.orderBy(asc(organisations.name));
}

// ---------------------------------------------------------------------------------------------------
// Participants

const optionalText = (max: number, what: string) =>
	z
		.string()
		.trim()
		.max(max, `${what} must be ${max} characters or fewer`)
		.optional()
		.transform((v) => v || null);

export const participantSchema = z.object({
	name: z
		.string({ error: 'Enter the participant’s full name' })
		.trim()
		.min(1, 'Enter the participant’s full name')
		.max(200, 'Name must be 200 characters or fewer'),
	email: emailSchema,
	subject: optionalText(100, 'Subject'),
	placement1SchoolId: z.string().optional(),
	placement1Name: optionalText(200, 'Placement school name'),
	placement2SchoolId: z.string().optional(),
	placement2Name: optionalText(200, 'Placement school name')
});

type NewParticipant = {
	name: string;
	email: string;
	subject: string | null;
	placement1SchoolId: string | null;
	placement1Name: string | null;
	placement2SchoolId: string | null;
	placement2Name: string | null;
};

type Mail = { to: string; subject: string; text: string };

/** A provider's programme is for trainees; a school's for its staff. */
function kindFor(programme: DevelopmentProgramme): ParticipantKind {
	return programme.organisation.kind === 'training-provider' ? 'trainee' : 'staff';
}

function inviteRoles(kind: ParticipantKind): string[] {
	return kind === 'trainee' ? ['trainee'] : ['teacher'];
}

/**
 * Puts people on the cohort inside the caller's transaction: links those with an account at once, creates
 * an invitation for everyone else. Returns the emails to send once the transaction has committed.
 */
async function place(
	tx: Tx,
	actor: Actor,
	programme: DevelopmentProgramme,
	cohort: Cohort,
	people: NewParticipant[],
	requestId: string | undefined
): Promise<{ mails: Mail[]; invited: number; linked: number }> {
	const kind = kindFor(programme);
	const emails = people.map((p) => p.email);
	const accounts = new Map(
		(
			await tx
				.select({ id: users.id, email: users.email })
				.from(users)
				.where(and(inArray(users.email, emails), isNotNull(users.passwordHash), isNull(users.disabledAt)))
		).map((u) => [u.email, u.id])
	);
	const mails: Mail[] = [];
	let invited = 0;
	let linked = 0;
	const now = new Date();
	for (const p of people) {
		const userId = accounts.get(p.email) ?? null;
		const [row] = await tx
			.insert(developmentParticipants)
			.values({ cohortId: cohort.id, userId, kind, ...p, invitedAt: now })
			.returning({ id: developmentParticipants.id });
		if (userId) {
			linked++;
			mails.push({
				to: p.email,
				subject: `You have been added to ${programme.title} on Waymark`,
				text:
					`Hello ${p.name},\n\n${actor.name} has added you to "${programme.title}" (${cohort.name}), ` +
					`run by ${programme.organisation.name}, on Waymark.\n\n` +
					`You keep a personal workbook for the programme. What you write in it is yours: you choose what to ` +
					`share with your tutor.\n\nSign in to open it:\n\n${config().baseUrl}/development\n`
			});
		} else {
			invited++;
			mails.push(await invitationMail(tx, actor, programme, cohort, p, kind));
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-participant.added',
				recordType: 'development-participant',
				recordId: row!.id,
				summary:
					`${p.name} <${p.email}> added to the cohort "${cohort.name}" of "${programme.title}"` +
					(userId ? '' : ' and invited'),
				after: { ...p, kind, linked: Boolean(userId) }
			},
			requestId
		);
	}
	return { mails, invited, linked };
}

/** Creates the invitation (to the provider as a trainee, or the school as a teacher) and its email. */
async function invitationMail(
	tx: Tx,
	actor: Actor,
	programme: DevelopmentProgramme,
	cohort: Cohort,
	p: { name: string; email: string },
	kind: ParticipantKind
): Promise<Mail> {
	const token = newToken();
	const roles = inviteRoles(kind);
	const [inv] = await tx
		.insert(invitations)
		.values({
			tokenHash: hashToken(token),
			organisationId: programme.organisation.id,
			email: p.email,
			name: p.name,
			roles,
			invitedBy: actor.system ? null : actor.userId,
			expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000)
		})
		.returning({ id: invitations.id });
	await recordAudit(tx, actor, {
		organisationId: programme.organisation.id,
		action: 'invitation.created',
		recordType: 'invitation',
		recordId: inv!.id,
		summary: `${p.name} <${p.email}> invited to "${programme.title}" as ${PARTICIPANT_KIND_LABELS[kind].toLowerCase()}`,
		after: { email: p.email, roles }
	});
	const link = `${config().baseUrl}/invitations/${token}`;
	return {
		to: p.email,
		subject: `You are invited to ${programme.title} on Waymark`,
		text:
			`Hello ${p.name},\n\n${actor.name} has invited you to "${programme.title}" (${cohort.name}), ` +
			`run by ${programme.organisation.name}, on Waymark.\n\n` +
			`You will keep a personal workbook for the programme. What you write in it is yours: you choose what to ` +
			`share with your tutor.\n\nOpen this link within ${INVITATION_DAYS} days to accept and set your password:\n\n${link}\n`
	};
}

/** Sends after commit; a failed email does not undo the place (the tutor can send the invitation again). */
async function sendAll(mails: Mail[]): Promise<string[]> {
	const failed: string[] = [];
	for (const m of mails) {
		try {
			await sendMail(m);
		} catch {
			failed.push(m.to);
		}
	}
	return failed;
}

export type AddResult = { added: number; invited: number; linked: number; mailFailed: string[] };

async function existingEmails(q: Tx, cohortId: string): Promise<Set<string>> {
	const rows = await q
		.select({ email: developmentParticipants.email })
		.from(developmentParticipants)
		.where(eq(developmentParticipants.cohortId, cohortId));
	return new Set(rows.map((r) => r.email));
}

/** Checks placement 1 or 2: a school in Waymark, or a name typed in, not both. */
function placementChoice(
	n: 1 | 2,
	input: {
		placement1SchoolId?: string;
		placement1Name: string | null;
		placement2SchoolId?: string;
		placement2Name: string | null;
	},
	schools: Map<string, PlacementSchool>
): { schoolId: string | null; name: string | null } {
	const id = ((n === 1 ? input.placement1SchoolId : input.placement2SchoolId) ?? '').trim();
	const name = n === 1 ? input.placement1Name : input.placement2Name;
	if (!id) return { schoolId: null, name };
	if (!schools.has(id)) throw ValidationError.one(`placement${n}SchoolId`, 'Choose a school from the list');
	if (name) throw ValidationError.one(`placement${n}Name`, 'Choose a school from the list or type its name, not both');
	return { schoolId: id, name: null };
}

async function schoolsById(q: Tx, ids: string[]): Promise<Map<string, PlacementSchool>> {
	const valid = ids.filter((id) => z.uuid().safeParse(id).success);
	if (!valid.length) return new Map();
	const rows = await q
		.select({ id: organisations.id, name: organisations.name, urn: organisations.urn })
		.from(organisations)
		.where(and(inArray(organisations.id, valid), eq(organisations.kind, 'school')));
	return new Map(rows.map((r) => [r.id, r]));
}

/** Adds one participant and invites them (or links their account and tells them). */
export async function addParticipant(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	input: unknown,
	requestId?: string
): Promise<AddResult> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = participantSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	const result = await db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		if ((await existingEmails(tx, cohort.id)).has(p.email))
			throw ValidationError.one('email', `${p.email} is already on this cohort`);
		const schools = await schoolsById(tx, [p.placement1SchoolId ?? '', p.placement2SchoolId ?? '']);
		const one = placementChoice(1, p, schools);
		const two = placementChoice(2, p, schools);
		return place(
			tx,
			actor,
			programme,
			cohort,
			[
				{
					name: p.name,
					email: p.email,
					subject: p.subject,
					placement1SchoolId: one.schoolId,
					placement1Name: one.name,
					placement2SchoolId: two.schoolId,
					placement2Name: two.name
				}
			],
			requestId
		);
	});
	const mailFailed = await sendAll(result.mails);
	return { added: 1, invited: result.invited, linked: result.linked, mailFailed };
}

type ParticipantColumn = 'name' | 'email' | 'subject' | 'placement1' | 'placement2';

export const PARTICIPANT_COLUMNS: readonly ColumnSpec<ParticipantColumn>[] = [
	{ key: 'name', heading: 'name', names: ['full name', 'participant'], required: true, help: 'their full name' },
	{ key: 'email', heading: 'email', names: ['email address', 'e-mail'], required: true, help: 'their email address' },
	{ key: 'subject', heading: 'subject', names: [], required: false, help: 'the subject they teach or train in' },
	{
		key: 'placement1',
		heading: 'placement1',
		names: ['placement 1', 'placement school 1', 'first placement'],
		required: false,
		help: 'their first placement school: its name or URN'
	},
	{
		key: 'placement2',
		heading: 'placement2',
		names: ['placement 2', 'placement school 2', 'second placement'],
		required: false,
		help: 'their second placement school: its name or URN'
	}
];

/**
 * Participants from a CSV (name,email,subject,placement1,placement2): every row is checked first and
 * nobody is added unless every row is right (errors name the row and column). A placement matching a
 * Waymark school's name or URN is linked to it; anything else is kept as the typed name.
 */
export async function importParticipants(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	csv: string,
	requestId?: string
): Promise<AddResult> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	if (!csv.trim())
		throw ValidationError.one(
			'csv',
			'Paste the participants or choose a CSV file: name,email,subject,placement1,placement2'
		);
	let file;
	try {
		file = readCsv(csv, 'participants');
	} catch (e) {
		if (e instanceof CsvReadError) throw new ValidationError(e.errors.map((x) => ({ ...x, field: 'csv' })));
		throw e;
	}
	const { table, errors: columnErrors } = tableOf(file, PARTICIPANT_COLUMNS);
	// The columns first: with one missing, every row would repeat the same complaint.
	if (columnErrors.length) throw new ValidationError(sortErrors(columnErrors.map((e) => ({ ...e, field: 'csv' }))));
	const errors: FieldError[] = [];

	const result = await db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		const already = await existingEmails(tx, cohort.id);
		const schools = await tx
			.select({ id: organisations.id, name: organisations.name, urn: organisations.urn })
			.from(organisations)
			.where(eq(organisations.kind, 'school'));
		const byKey = new Map<string, string>();
		for (const s of schools) {
			byKey.set(squash(s.name), s.id);
			if (s.urn) byKey.set(s.urn, s.id);
		}
		const placementOf = (value: string) => {
			if (!value) return { schoolId: null, name: null };
			const id = byKey.get(value.trim()) ?? byKey.get(squash(value));
			return id ? { schoolId: id, name: null } : { schoolId: null, name: value.slice(0, 200) };
		};
		const people: NewParticipant[] = [];
		const seen = new Map<string, number>();
		for (const record of table.records) {
			const cell = (key: ParticipantColumn) => table.get(record, key);
			const problem = (key: ParticipantColumn, message: string) =>
				errors.push({ field: 'csv', row: record.row, column: table.headingOf(key), value: cell(key), message });
			const parsed = participantSchema.safeParse({
				name: cell('name'),
				email: cell('email'),
				subject: cell('subject')
			});
			if (!parsed.success) {
				for (const issue of parsed.error.issues) problem(issue.path[0] as ParticipantColumn, issue.message);
				continue;
			}
			const email = parsed.data.email;
			if (already.has(email)) {
				problem('email', `${email} is already on this cohort`);
				continue;
			}
			const earlier = seen.get(email);
			if (earlier) {
				problem('email', `${email} is also on row ${earlier}: each person once`);
				continue;
			}
			seen.set(email, record.row);
			const one = placementOf(cell('placement1'));
			const two = placementOf(cell('placement2'));
			people.push({
				name: parsed.data.name,
				email,
				subject: parsed.data.subject,
				placement1SchoolId: one.schoolId,
				placement1Name: one.name,
				placement2SchoolId: two.schoolId,
				placement2Name: two.name
			});
		}
		if (errors.length) throw new ValidationError(sortErrors(errors));
		return { ...(await place(tx, actor, programme, cohort, people, requestId)), added: people.length };
	});
	const mailFailed = await sendAll(result.mails);
	return { added: result.added, invited: result.invited, linked: result.linked, mailFailed };
}

async function participantIn(q: Tx | ReturnType<typeof db>, cohortId: string, participantId: string) {
	if (!z.uuid().safeParse(participantId).success) throw new NotFoundError();
	const [row] = await q
		.select()
		.from(developmentParticipants)
		.where(and(eq(developmentParticipants.id, participantId), eq(developmentParticipants.cohortId, cohortId)));
	if (!row) throw new NotFoundError();
	return row;
}

/** What a tutor may change about a participant: everything but the email, which their invitation or account hangs on. */
export const participantChangeSchema = participantSchema.omit({ email: true });

/**
 * Corrects a participant's name or subject, or moves their placements (a school on Waymark, or a name).
 * To change the email address, remove them and add them again.
 */
export async function changeParticipant(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	participantId: string,
	input: unknown,
	requestId?: string
): Promise<{ name: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const parsed = participantChangeSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	return db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		const before = await participantIn(tx, cohort.id, participantId);
		const schools = await schoolsById(tx, [p.placement1SchoolId ?? '', p.placement2SchoolId ?? '']);
		const one = placementChoice(1, p, schools);
		const two = placementChoice(2, p, schools);
		const after = {
			name: p.name,
			subject: p.subject,
			placement1SchoolId: one.schoolId,
			placement1Name: one.name,
			placement2SchoolId: two.schoolId,
			placement2Name: two.name
		};
		await tx.update(developmentParticipants).set(after).where(eq(developmentParticipants.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-participant.changed',
				recordType: 'development-participant',
				recordId: before.id,
				summary: `${p.name} <${before.email}> changed on the cohort "${cohort.name}" of "${programme.title}"`,
				before: {
					name: before.name,
					subject: before.subject,
					placement1SchoolId: before.placement1SchoolId,
					placement1Name: before.placement1Name,
					placement2SchoolId: before.placement2SchoolId,
					placement2Name: before.placement2Name
				},
				after
			},
			requestId
		);
		return { name: p.name };
	});
}

/**
 * After a place went (its workbook with it): the postcard reminder it had waiting is cancelled, and if
 * the person was only invited (not yet on Waymark) and has no other place in the organisation, their
 * invitation is withdrawn, so its link stops working.
 */
async function afterPlaceGone(
	tx: Tx,
	organisationId: string,
	place: { id: string; email: string; userId: string | null }
): Promise<void> {
	await cancelJob(tx, postcardJobKey(place.id));
	if (!place.userId) await withdrawInvitationUnlessWanted(tx, organisationId, place.email);
}

async function withdrawInvitationUnlessWanted(tx: Tx, organisationId: string, email: string): Promise<void> {
	const [other] = await tx
		.select({ id: developmentParticipants.id })
		.from(developmentParticipants)
		.innerJoin(developmentCohorts, eq(developmentCohorts.id, developmentParticipants.cohortId))
		.innerJoin(developmentProgrammes, eq(developmentProgrammes.id, developmentCohorts.programmeId))
		.where(
			and(
				eq(developmentParticipants.email, email),
				isNull(developmentParticipants.userId),
				eq(developmentProgrammes.organisationId, organisationId)
			)
		)
		.limit(1);
	if (other) return;
	await tx
		.update(invitations)
		.set({ revokedAt: new Date() })
		.where(
			and(
				eq(invitations.organisationId, organisationId),
				eq(invitations.email, email),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt)
			)
		);
}

/**
 * Deletes a cohort with its participants' places: their workbooks and everything written in them go
 * too, their postcard reminders are cancelled, and invitations nobody else in the organisation still
 * needs are withdrawn. The audit event keeps who was in it.
 */
export async function deleteCohort(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	requestId?: string
): Promise<{ name: string; participants: number }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	return db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		const people = await tx
			.select({
				id: developmentParticipants.id,
				name: developmentParticipants.name,
				email: developmentParticipants.email,
				userId: developmentParticipants.userId
			})
			.from(developmentParticipants)
			.where(eq(developmentParticipants.cohortId, cohort.id))
			.orderBy(developmentParticipants.name);
		// The participants (and their workbooks) go with the cohort: foreign keys on delete cascade.
		await tx.delete(developmentCohorts).where(eq(developmentCohorts.id, cohort.id));
		for (const p of people) await afterPlaceGone(tx, programme.organisation.id, p);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-cohort.deleted',
				recordType: 'development-cohort',
				recordId: cohort.id,
				summary: `Cohort "${cohort.name}" of "${programme.title}" deleted with its ${people.length} participant(s)`,
				before: {
					name: cohort.name,
					startsOn: cohort.startsOn,
					endsOn: cohort.endsOn,
					participants: people.map((p) => ({ name: p.name, email: p.email, joined: Boolean(p.userId) }))
				}
			},
			requestId
		);
		return { name: cohort.name, participants: people.length };
	});
}

/**
 * Takes someone off the cohort; their workbook for this programme goes too (and its postcard reminder).
 * An invitation still waiting for them is withdrawn unless they are waiting on another of the
 * organisation's cohorts.
 */
export async function removeParticipant(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	participantId: string,
	requestId?: string
): Promise<{ name: string }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	return db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		const p = await participantIn(tx, cohort.id, participantId);
		await tx.delete(developmentParticipants).where(eq(developmentParticipants.id, p.id));
		await afterPlaceGone(tx, programme.organisation.id, p);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-participant.removed',
				recordType: 'development-participant',
				recordId: p.id,
				summary: `${p.name} <${p.email}> removed from the cohort "${cohort.name}" of "${programme.title}"`,
				before: { name: p.name, email: p.email, joined: Boolean(p.userId) }
			},
			requestId
		);
		return { name: p.name };
	});
}

/** Sends a participant who has not joined yet a fresh invitation. */
export async function inviteAgain(
	actor: Actor,
	programmeId: string,
	cohortId: string,
	participantId: string,
	requestId?: string
): Promise<{ name: string; mailFailed: boolean }> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage');
	const { mail, name } = await db().transaction(async (tx) => {
		const cohort = await cohortIn(tx, programme.id, cohortId);
		const p = await participantIn(tx, cohort.id, participantId);
		if (p.userId) throw ValidationError.one('participant', `${p.name} has already joined`);
		await tx.update(developmentParticipants).set({ invitedAt: new Date() }).where(eq(developmentParticipants.id, p.id));
		const mail = await invitationMail(tx, actor, programme, cohort, p, p.kind as ParticipantKind);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: programme.organisation.id,
				action: 'development-participant.invited-again',
				recordType: 'development-participant',
				recordId: p.id,
				summary: `${p.name} <${p.email}> invited again to "${programme.title}"`
			},
			requestId
		);
		return { mail, name: p.name };
	});
	const failed = await sendAll([mail]);
	return { name, mailFailed: failed.length > 0 };
}
