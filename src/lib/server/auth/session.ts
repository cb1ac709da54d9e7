/**
 * Sessions: a random token in an HttpOnly cookie, its HMAC in the database, an idle timeout and an
 * absolute lifetime. Why not a library: see engineering.md ("auth").
 */
import { and, asc, eq, lt, or } from 'drizzle-orm';
import { db, type Queryable } from '../db/client.ts';
import { memberships, organisations, sessions, users } from '../db/schema/index.ts';
import { config } from '../config.ts';
import type { Actor, ActorMembership } from '../access/actor.ts';
import type { OrganisationKind } from '../../domain/roles.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'waymark_session';

export async function membershipsOf(userId: string, q: Queryable = db()): Promise<ActorMembership[]> {
	const rows = await q
		.select({
			organisationId: organisations.id,
			kind: organisations.kind,
			name: organisations.name,
			urn: organisations.urn,
			roles: memberships.roles,
			tags: memberships.tags
		})
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(organisations.kind), asc(organisations.name));
	return rows.map((r) => ({ ...r, kind: r.kind as OrganisationKind }));
}

export async function createSession(
	userId: string,
	q: Queryable = db(),
	currentOrganisationId?: string
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const now = Date.now();
	const expiresAt = new Date(now + config().sessionMaxHours * 3_600_000);
	const places = await membershipsOf(userId, q);
	const first =
		places.find((p) => p.organisationId === currentOrganisationId) ??
		places.find((p) => p.kind === 'school') ??
		places[0];
	await q.insert(sessions).values({
		tokenHash: hashToken(token),
		userId,
		currentOrganisationId: first?.organisationId ?? null,
		expiresAt
	});
	return { token, expiresAt };
}

/** The actor behind a cookie, or null when the session is unknown, idle too long, past its lifetime or the account is disabled. */
export async function actorForSession(token: string | undefined): Promise<Actor | null> {
	if (!token) return null;
	const tokenHash = hashToken(token);
	const [row] = await db()
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.tokenHash, tokenHash));
	if (!row) return null;
	const now = Date.now();
	const idleLimit = config().sessionIdleMinutes * 60_000;
	if (
		row.session.expiresAt.getTime() <= now ||
		now - row.session.lastSeenAt.getTime() > idleLimit ||
		row.user.disabledAt
	) {
		await db().delete(sessions).where(eq(sessions.tokenHash, tokenHash));
		return null;
	}
	// Touch at most once a minute: a page view should not always be a write.
	if (now - row.session.lastSeenAt.getTime() > 60_000) {
		await db()
			.update(sessions)
			.set({ lastSeenAt: new Date(now) })
			.where(eq(sessions.tokenHash, tokenHash));
	}
	const places = await membershipsOf(row.user.id);
	const current = places.some((p) => p.organisationId === row.session.currentOrganisationId)
		? row.session.currentOrganisationId
		: (places[0]?.organisationId ?? null);
	return {
		userId: row.user.id,
		name: row.user.name,
		email: row.user.email,
		memberships: places,
		currentOrganisationId: current
	};
}

export async function endSession(token: string | undefined): Promise<void> {
	if (!token) return;
	await db()
		.delete(sessions)
		.where(eq(sessions.tokenHash, hashToken(token)));
}

/** Switch school: only to a place the person belongs to. */
export async function switchPlace(token: string, actor: Actor, organisationId: string): Promise<boolean> {
	if (!actor.memberships.some((m) => m.organisationId === organisationId)) return false;
	await db()
		.update(sessions)
		.set({ currentOrganisationId: organisationId })
		.where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.userId, actor.userId)));
	return true;
}

/** Housekeeping: forget sessions that can no longer be used. */
export async function purgeExpiredSessions(): Promise<void> {
	const idleCutoff = new Date(Date.now() - config().sessionIdleMinutes * 60_000);
	await db()
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}
