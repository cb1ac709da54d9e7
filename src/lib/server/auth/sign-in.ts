/**
 * Email + password sign-in, slowed after repeated failures. We count failures per email address
 * (not requests), so a school's shared IP address does not lock out its staff.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { signInFailures, users } from '../db/schema/index.ts';
import { config } from '../config.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession } from './session.ts';

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| { ok: false; field: 'email' | 'password'; message: string };

export const WRONG_DETAILS = 'Enter a correct email address and password. Both are case sensitive except the email.';

// Verify against a real hash even when the email is unknown, so timing does not reveal accounts.
let decoyHash: Promise<string> | undefined;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function signIn(emailInput: string, password: string): Promise<SignInResult> {
	const email = normaliseEmail(emailInput);
	if (!email) return { ok: false, field: 'email', message: 'Enter your email address' };
	if (!password) return { ok: false, field: 'password', message: 'Enter your password' };
	const { signInMaxFailures, signInLockMinutes } = config();
	const since = new Date(Date.now() - signInLockMinutes * 60_000);
	const [recent] = await db()
		.select({ n: sql<number>`count(*)::int` })
		.from(signInFailures)
		.where(and(eq(signInFailures.email, email), gt(signInFailures.at, since)));
	if ((recent?.n ?? 0) >= signInMaxFailures) {
		return {
			ok: false,
			field: 'email',
			message: `Too many failed attempts for this email address. Wait ${signInLockMinutes} minutes and try again, or reset your password.`
		};
	}
	const [user] = await db().select().from(users).where(eq(users.email, email));
	decoyHash ??= hashPassword('not-a-real-password-just-for-timing');
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
	if (!user || !user.passwordHash || !valid || user.disabledAt) {
		await db().insert(signInFailures).values({ email });
		return { ok: false, field: 'email', message: WRONG_DETAILS };
	}
	return db().transaction(async (tx) => {
		await tx.delete(signInFailures).where(eq(signInFailures.email, email));
		const session = await createSession(user.id, tx);
		return { ok: true as const, userId: user.id, ...session };
	});
}
