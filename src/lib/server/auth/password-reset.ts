/**
 * "Forgot your password?": an emailed link that works once, for one hour. The response never says
 * whether an account exists.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { passwordResets, sessions, signInFailures, users } from '../db/schema/index.ts';
import { config } from '../config.ts';
import { sendMail } from '../mail/send.ts';
import { ValidationError } from '../errors.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { hashToken, newToken } from './tokens.ts';
import { normaliseEmail } from './sign-in.ts';

const RESET_MINUTES = 60;

export async function requestPasswordReset(emailInput: string): Promise<void> {
	const email = normaliseEmail(emailInput);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw ValidationError.one('email', 'Enter an email address in the correct format, like name@example.sch.uk');
	}
	const [user] = await db().select().from(users).where(eq(users.email, email));
	if (!user || user.disabledAt) return;
	const token = newToken();
	await db()
		.insert(passwordResets)
		.values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
	const link = `${config().baseUrl}/reset-password/${token}`;
	await sendMail({
		to: user.email,
		subject: 'Reset your Waymark password',
		text:
			`Hello ${user.name},\n\nSomeone asked to reset the password for your Waymark account. ` +
			`If it was you, open this link within ${RESET_MINUTES} minutes and choose a new password:\n\n${link}\n\n` +
			'If it was not you, ignore this email: your password has not changed.\n'
	});
}

export async function resetTokenIsValid(token: string): Promise<boolean> {
	const [row] = await db()
		.select({ userId: passwordResets.userId })
		.from(passwordResets)
		.where(
			and(
				eq(passwordResets.tokenHash, hashToken(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, new Date())
			)
		);
	return Boolean(row);
}

/** Sets the new password, uses up the link and signs the person out everywhere — one transaction. */
export async function resetPassword(token: string, password: string, confirm: string): Promise<void> {
	const hashed = hashToken(token);
	const [row] = await db()
		.select({ userId: passwordResets.userId, email: users.email })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(
			and(eq(passwordResets.tokenHash, hashed), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date()))
		);
	if (!row)
		throw ValidationError.one('password', 'This reset link has expired or has already been used. Ask for a new one.');
	const problem = passwordProblem(password, row.email);
	if (problem) throw ValidationError.one('password', problem);
	if (password !== confirm) throw ValidationError.one('confirm', 'The passwords do not match');
	const passwordHash = await hashPassword(password);
	await db().transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
		await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.tokenHash, hashed));
		await tx.delete(sessions).where(eq(sessions.userId, row.userId));
		await tx.delete(signInFailures).where(eq(signInFailures.email, row.email));
	});
}
