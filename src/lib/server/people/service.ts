/**
 * People and their roles in a school. Adding someone directly is a system task (the command line);
 * in the app a careers leader invites a colleague by email and the colleague sets their own password.
 */
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import { developmentParticipants, invitations, memberships, organisations, users } from '../db/schema/index.ts';
import { authorise, ForbiddenError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import { config } from '../config.ts';
import { sendMail } from '../mail/send.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { createSession } from '../auth/session.ts';
import {
	SCHOOL_ROLES,
	TEACHER_TAGS,
	ROLE_LABELS,
	isSchoolRole,
	isTeacherTag,
	type SchoolRole
} from '../../domain/roles.ts';
import type { School } from '../schools/service.ts';

/** How long an invitation link works (colleagues and development programme participants alike). */
export const INVITATION_DAYS = 14;

export const emailSchema = z
	.string({ error: 'Enter an email address' })
	.trim()
	.toLowerCase()
	.min(1, 'Enter an email address')
	.max(254, 'Email address must be 254 characters or fewer')
	.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@example.sch.uk');

const rolesSchema = z
	.array(z.string().trim(), { error: 'Choose at least one role' })
	.min(1, 'Choose at least one role')
	.superRefine((roles, ctx) => {
		for (const role of roles) {
			if (!isSchoolRole(role))
				ctx.addIssue({ code: 'custom', message: `Unknown role "${role}". Roles are: ${SCHOOL_ROLES.join(', ')}` });
		}
	})
	.transform((roles) => [...new Set(roles)] as SchoolRole[]);

const tagsSchema = z
	.array(z.string().trim())
	.default([])
	.superRefine((tags, ctx) => {
		for (const tag of tags) {
			if (!isTeacherTag(tag))
				ctx.addIssue({ code: 'custom', message: `Unknown teacher tag "${tag}". Tags are: ${TEACHER_TAGS.join(', ')}` });
		}
	})
	.transform((tags) => [...new Set(tags)]);

const nameSchema = z
	.string({ error: 'Enter the person’s full name' })
	.trim()
	.min(1, 'Enter the person’s full name')
	.max(200, 'Name must be 200 characters or fewer');

export const newPersonSchema = z
	.object({
		email: emailSchema,
		name: nameSchema,
		schoolUrn: z.string({ error: 'Enter the school’s URN' }).trim().min(1, 'Enter the school’s URN'),
		roles: rolesSchema,
		tags: tagsSchema,
		jobTitle: z.string().trim().max(200).optional(),
		adviserLevel: z.coerce
			.number()
			.int('Adviser level is a whole number')
			.min(1, 'Adviser level runs from 1 to 8')
			.max(8, 'Adviser level runs from 1 to 8')
			.optional(),
		password: z.string().optional()
	})
	.refine((p) => p.tags.length === 0 || p.roles.includes('teacher'), {
		path: ['tags'],
		message: 'Teacher tags need the teacher role'
	});

export type Person = {
	userId: string;
	name: string;
	email: string;
	roles: SchoolRole[];
	tags: string[];
	jobTitle: string | null;
	adviserLevel: number | null;
	hasSignedIn: boolean;
};

/** Adds (or finds) the account and gives it a membership with these roles. Command line only. */
export async function addPerson(actor: Actor, input: unknown): Promise<{ userId: string; createdAccount: boolean }> {
	if (!actor.system) throw new ForbiddenError('People are added by invitation in the app.');
	const parsed = newPersonSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	if (p.password !== undefined) {
		const problem = passwordProblem(p.password, p.email);
		if (problem) throw ValidationError.one('password', problem);
	}
	const passwordHash = p.password ? await hashPassword(p.password) : null;
	return db().transaction(async (tx) => {
		const [school] = await tx.select().from(organisations).where(eq(organisations.urn, p.schoolUrn));
		if (!school)
			throw ValidationError.one(
				'school',
				`There is no school with URN ${p.schoolUrn}. Add it first with: waymark school add`
			);
		let [user] = await tx.select().from(users).where(eq(users.email, p.email));
		const createdAccount = !user;
		if (!user) {
			[user] = await tx
				.insert(users)
				.values({ email: p.email, name: p.name, passwordHash, adviserLevel: p.adviserLevel ?? null })
				.returning();
		} else if (passwordHash || p.adviserLevel !== undefined) {
			await tx
				.update(users)
				.set({
					...(passwordHash ? { passwordHash } : {}),
					...(p.adviserLevel !== undefined ? { adviserLevel: p.adviserLevel } : {})
				})
				.where(eq(users.id, user.id));
		}
		if (!user) throw new Error('Insert returned nothing');
		const [existing] = await tx
			.select()
			.from(memberships)
			.where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, school.id)));
		if (existing) throw ValidationError.one('email', `${p.email} is already a member of ${school.name}`);
		await tx.insert(memberships).values({
			userId: user.id,
			organisationId: school.id,
			roles: p.roles,
			tags: p.tags,
			jobTitle: p.jobTitle ?? null
		});
		await recordAudit(tx, actor, {
			organisationId: school.id,
			action: 'membership.created',
			recordType: 'person',
			recordId: user.id,
			summary: `${p.name} <${p.email}> added as ${p.roles.map((r) => ROLE_LABELS[r]).join(', ')}`,
			after: { email: p.email, roles: p.roles, tags: p.tags }
		});
		return { userId: user.id, createdAccount };
	});
}

export async function listPeople(actor: Actor, school: School): Promise<Person[]> {
	authorise(actor, 'people.view', school.id);
	const rows = await db()
		.select({ user: users, membership: memberships })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, school.id))
		.orderBy(asc(users.name));
	return rows.map(({ user, membership }) => ({
		userId: user.id,
		name: user.name,
		email: user.email,
		roles: membership.roles as SchoolRole[],
		tags: membership.tags,
		jobTitle: membership.jobTitle,
		adviserLevel: user.adviserLevel,
		hasSignedIn: user.passwordHash !== null
	}));
}

/**
 * A careers adviser's qualification level (1–8, or null when not known), which Benchmark 8 depends on:
 * guidance counts when the adviser is Level 6 or above. The level belongs to the person's account, so it
 * is the same in every school they advise; meetings already recorded keep the level they were recorded with.
 */
export async function setAdviserLevel(
	actor: Actor,
	school: School,
	userId: string,
	level: number | string | null,
	requestId?: string
): Promise<void> {
	authorise(actor, 'people.manage', school.id);
	const raw = typeof level === 'string' ? level.trim() : level;
	let value: number | null = null;
	if (raw !== null && raw !== '') {
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1 || n > 8)
			throw ValidationError.one('adviserLevel', 'Choose a qualification level from 1 to 8, or “Not recorded”');
		value = n;
	}
	if (!z.uuid().safeParse(userId).success) throw ValidationError.one('adviserLevel', 'Unknown person');
	await db().transaction(async (tx) => {
		const [row] = await tx
			.select({ user: users, roles: memberships.roles })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.userId, userId), eq(memberships.organisationId, school.id)));
		if (!row) throw ValidationError.one('adviserLevel', `That person is not a member of ${school.name}`);
		if (!row.roles.includes('careers-adviser'))
			throw ValidationError.one(
				'adviserLevel',
				`${row.user.name} is not a careers adviser: a qualification level is recorded for careers advisers only`
			);
		if (row.user.adviserLevel === value) return;
		await tx.update(users).set({ adviserLevel: value }).where(eq(users.id, userId));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'person.adviser-level-changed',
				recordType: 'person',
				recordId: userId,
				summary:
					value === null
						? `${row.user.name}’s careers adviser qualification level cleared (was ${row.user.adviserLevel === null ? 'not recorded' : `Level ${row.user.adviserLevel}`})`
						: `${row.user.name}’s careers adviser qualification level set to Level ${value}${row.user.adviserLevel === null ? '' : ` (was Level ${row.user.adviserLevel})`}`,
				before: { adviserLevel: row.user.adviserLevel },
				after: { adviserLevel: value }
			},
			requestId
		);
	});
}

export type PendingInvitation = { id: string; email: string; name: string; roles: SchoolRole[]; expiresAt: Date };

export async function listInvitations(actor: Actor, school: School): Promise<PendingInvitation[]> {
	authorise(actor, 'people.manage', school.id);
	const rows = await db()
		.select()
		.from(invitations)
		.where(
			and(
				eq(invitations.organisationId, school.id),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		)
		.orderBy(desc(invitations.createdAt));
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		name: r.name,
		roles: r.roles as SchoolRole[],
		expiresAt: r.expiresAt
	}));
}

export const invitationSchema = z
	.object({ email: emailSchema, name: nameSchema, roles: rolesSchema, tags: tagsSchema })
	.refine((p) => p.tags.length === 0 || p.roles.includes('teacher'), {
		path: ['tags'],
		message: 'Teacher tags need the teacher role'
	});

/** A careers leader invites a colleague: the invitation and its audit event in one transaction, then the email. */
export async function invite(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<{ link: string }> {
	authorise(actor, 'people.manage', school.id);
	const parsed = invitationSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const p = parsed.data;
	const token = newToken();
	await db().transaction(async (tx) => {
		const [member] = await tx
			.select({ id: memberships.id })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(users.email, p.email), eq(memberships.organisationId, school.id)));
		if (member) throw ValidationError.one('email', `${p.email} is already a member of ${school.name}`);
		const [row] = await tx
			.insert(invitations)
			.values({
				tokenHash: hashToken(token),
				organisationId: school.id,
				email: p.email,
				name: p.name,
				roles: p.roles,
				tags: p.tags,
				invitedBy: actor.system ? null : actor.userId,
				expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000)
			})
			.returning({ id: invitations.id });
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'invitation.created',
				recordType: 'invitation',
				recordId: row?.id,
				summary: `${p.name} <${p.email}> invited as ${p.roles.map((r) => ROLE_LABELS[r]).join(', ')}`,
				after: { email: p.email, roles: p.roles, tags: p.tags }
			},
			requestId
		);
	});
	const link = `${config().baseUrl}/invitations/${token}`;
	await sendMail({
		to: p.email,
		subject: `You are invited to ${school.name} on Waymark`,
		text:
			`Hello ${p.name},\n\n${actor.name} has invited you to join ${school.name} on Waymark as ` +
			`${p.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ')}.\n\n` +
			`Open this link within ${INVITATION_DAYS} days to accept:\n\n${link}\n`
	});
	return { link };
}

export async function revokeInvitation(
	actor: Actor,
	school: School,
	invitationId: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'people.manage', school.id);
	if (!z.uuid().safeParse(invitationId).success) throw ValidationError.one('invitation', 'Unknown invitation');
	await db().transaction(async (tx) => {
		const [row] = await tx
			.update(invitations)
			.set({ revokedAt: new Date() })
			.where(
				and(eq(invitations.id, invitationId), eq(invitations.organisationId, school.id), isNull(invitations.acceptedAt))
			)
			.returning();
		if (!row) throw ValidationError.one('invitation', 'That invitation has already been accepted or withdrawn');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'invitation.revoked',
				recordType: 'invitation',
				recordId: row.id,
				summary: `Invitation to ${row.email} withdrawn`
			},
			requestId
		);
	});
}

export type InvitationView = {
	email: string;
	name: string;
	schoolName: string;
	roles: SchoolRole[];
	hasAccount: boolean;
};

async function openInvitation(token: string) {
	const [row] = await db()
		.select({ invitation: invitations, schoolName: organisations.name })
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.where(
			and(
				eq(invitations.tokenHash, hashToken(token)),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		);
	return row;
}

export async function viewInvitation(token: string): Promise<InvitationView | null> {
	const row = await openInvitation(token);
	if (!row) return null;
	const [user] = await db()
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.email, row.invitation.email));
	return {
		email: row.invitation.email,
		name: row.invitation.name,
		schoolName: row.schoolName,
		roles: row.invitation.roles as SchoolRole[],
		hasAccount: Boolean(user?.passwordHash)
	};
}

/**
 * Accepting: a new person chooses a name and password; someone who already has an account confirms
 * with their password. Account, membership, invitation, audit event and session: one transaction.
 */
export async function acceptInvitation(
	token: string,
	input: { name?: string; password: string; confirm?: string }
): Promise<{ token: string; expiresAt: Date }> {
	const row = await openInvitation(token);
	if (!row)
		throw ValidationError.one(
			'invitation',
			'This invitation has expired, been withdrawn or already been used. Ask your careers leader for a new one.'
		);
	const inv = row.invitation;
	const [existing] = await db().select().from(users).where(eq(users.email, inv.email));
	let passwordHash: string | null = null;
	let name = inv.name;
	if (existing?.passwordHash) {
		if (!(await verifyPassword(existing.passwordHash, input.password)))
			throw ValidationError.one('password', 'That is not the password for this account');
	} else {
		const parsedName = nameSchema.safeParse(input.name ?? inv.name);
		if (!parsedName.success)
			throw ValidationError.one('name', parsedName.error.issues[0]?.message ?? 'Enter your full name');
		name = parsedName.data;
		const problem = passwordProblem(input.password, inv.email);
		if (problem) throw ValidationError.one('password', problem);
		if (input.password !== input.confirm) throw ValidationError.one('confirm', 'The passwords do not match');
		passwordHash = await hashPassword(input.password);
	}
	return db().transaction(async (tx) => {
		let userId = existing?.id;
		if (!userId) {
			const [created] = await tx
				.insert(users)
				.values({ email: inv.email, name, passwordHash })
				.returning({ id: users.id });
			userId = created?.id;
		} else if (passwordHash) {
			await tx.update(users).set({ name, passwordHash }).where(eq(users.id, userId));
		}
		if (!userId) throw new Error('Insert returned nothing');
		const claimed = await tx
			.update(invitations)
			.set({ acceptedAt: new Date() })
			.where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)))
			.returning({ id: invitations.id });
		if (claimed.length === 0) throw ValidationError.one('invitation', 'This invitation has already been used');
		await tx
			.insert(memberships)
			.values({ userId, organisationId: inv.organisationId, roles: inv.roles, tags: inv.tags })
			.onConflictDoNothing();
		// A place on a development programme's cohort waits for this email's account (development/cohorts.ts).
		const places = await tx
			.update(developmentParticipants)
			.set({ userId })
			.where(and(eq(developmentParticipants.email, inv.email), isNull(developmentParticipants.userId)))
			.returning({ id: developmentParticipants.id });
		await recordAudit(
			tx,
			{ userId, name, email: inv.email, memberships: [], currentOrganisationId: inv.organisationId },
			{
				organisationId: inv.organisationId,
				action: 'membership.created',
				recordType: 'person',
				recordId: userId,
				summary: `${name} <${inv.email}> accepted the invitation as ${(inv.roles as SchoolRole[]).map((r) => ROLE_LABELS[r]).join(', ')}`,
				after: { email: inv.email, roles: inv.roles, tags: inv.tags, developmentPlaces: places.map((p) => p.id) }
			}
		);
		const session = await createSession(userId, tx, inv.organisationId);
		return session;
	});
}
