/**
 * Writes the demo (see generate.ts) in ONE transaction. If a demo is already there it is replaced in
 * the same transaction: the demo organisations (with their memberships, pupils and everything else
 * that cascades from them), the demo-only accounts and the demo's audit events are deleted first, so a
 * refresh never leaves half a demo or duplicates behind.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, like, notInArray, or, sql } from 'drizzle-orm';
import { ROLE_LABELS } from '../../domain/roles.ts';
import { todayInLondon } from '../../domain/academic-year.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../audit/record.ts';
import { systemActor } from '../access/actor.ts';
import { refreshPlannerStatistics, type Db, type Queryable, type Tx } from '../db/client.ts';
import { auditEvents, groupSchools, memberships, organisations, pupils, users } from '../db/schema/index.ts';
import { ensureOccupationsLibrary } from '../occupations/library.ts';
import { bulkInsert } from './bulk-insert.ts';
import { generateDemoDevelopment, removeDemoDevelopmentJobs, writeDemoDevelopment } from './development.ts';
import { generateDemoProgramme, writeDemoProgramme } from './programme.ts';
import { generateDemoEncounters, writeDemoEncounters } from './encounters.ts';
import { generateDemoEvaluations, writeDemoEvaluations } from './evaluations.ts';
import {
	DEMO_EMAIL_DOMAIN,
	DEMO_PASSWORD,
	DEMO_SEED,
	generateDemo,
	isOnRoll,
	type DemoData,
	type DemoOrganisationKey
} from './generate.ts';

export type DemoSummary = {
	trust: { id: string; name: string };
	/** `pupils` counts the pupils on roll now (leavers are kept but not counted). */
	schools: Array<{ id: string; urn: string; name: string; pupils: number }>;
	/** One account per role; `school` names the organisation(s) the account belongs to. */
	signIns: Array<{ role: string; email: string; school: string }>;
	password: string;
};

export type CreateDemoOptions = {
	/** Defaults to DEMO_SEED ("waymark-demo"). */
	seed?: string;
	/** YYYY-MM-DD in Europe/London; defaults to today. */
	today?: string;
};

/** Pupil rows per multi-row INSERT. */
const BATCH_SIZE = 500;

const GENERATOR_LABEL = 'Waymark demo generator';

let passwordHash: Promise<string> | undefined;

/** argon2 is slow on purpose: hash the shared demo password once per process. */
function demoPasswordHash(): Promise<string> {
	if (!passwordHash) {
		passwordHash = hashPassword(DEMO_PASSWORD).catch((error: unknown) => {
			passwordHash = undefined;
			throw error;
		});
	}
	return passwordHash;
}

export async function demoExists(db: Queryable): Promise<boolean> {
	const [row] = await db
		.select({ count: sql<number>`count(*)::int` })
		.from(organisations)
		.where(eq(organisations.isDemo, true));
	return (row?.count ?? 0) > 0;
}

type Removed = { organisations: number; accounts: number; auditEvents: number };

/**
 * Deletes the demo inside the caller's transaction. Demo-only accounts are those on the demo e-mail
 * domain and any whose every membership is in a demo organisation. Their audit events go too, which
 * the append-only trigger allows only because this transaction says so.
 */
async function removeDemo(tx: Tx): Promise<Removed | null> {
	const demoOrganisations = await tx
		.select({ id: organisations.id })
		.from(organisations)
		.where(eq(organisations.isDemo, true));
	const organisationIds = demoOrganisations.map((o) => o.id);

	const inDemo = tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(eq(organisations.isDemo, true));
	const inRealOrganisation = tx
		.select({ userId: memberships.userId })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(eq(organisations.isDemo, false));
	const demoUsers = await tx
		.select({ id: users.id })
		.from(users)
		.where(
			or(
				like(users.email, `%@${DEMO_EMAIL_DOMAIN}`),
				and(inArray(users.id, inDemo), notInArray(users.id, inRealOrganisation))
			)
		);
	const userIds = demoUsers.map((u) => u.id);
	if (organisationIds.length === 0 && userIds.length === 0) return null;

	await tx.execute(sql`SET LOCAL waymark.allow_audit_purge = 'on'`);
	// The demo organisations' events, and events outside any organisation by or about the demo's accounts and organisations.
	const recordIds = [...organisationIds, ...userIds];
	const unattached = [inArray(auditEvents.recordId, recordIds)];
	if (userIds.length > 0) unattached.push(inArray(auditEvents.actorUserId, userIds));
	const conditions = [and(isNull(auditEvents.organisationId), or(...unattached))];
	if (organisationIds.length > 0) conditions.push(inArray(auditEvents.organisationId, organisationIds));
	const deletedAudit = await tx
		.delete(auditEvents)
		.where(or(...conditions))
		.returning({ id: auditEvents.id });

	await removeDemoDevelopmentJobs(tx, organisationIds);
	if (userIds.length > 0) await tx.delete(users).where(inArray(users.id, userIds));
	if (organisationIds.length > 0) await tx.delete(organisations).where(inArray(organisations.id, organisationIds));
	return { organisations: organisationIds.length, accounts: userIds.length, auditEvents: deletedAudit.length };
}

async function writeDemo(tx: Tx, data: DemoData, hash: string): Promise<DemoSummary> {
	const actor = systemActor(GENERATOR_LABEL);
	// Two refreshes at once (two servers on one PostgreSQL database) take turns rather than collide.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('waymark.demo'))`);
	const removed = await removeDemo(tx);
	if (removed) {
		await recordAudit(tx, actor, {
			organisationId: null,
			action: 'demo.removed',
			recordType: 'demo',
			summary:
				`Previous demo removed before recreating it: ${removed.organisations} demo organisations, ` +
				`${removed.accounts} demo accounts and ${removed.auditEvents} audit events about them`
		});
	}

	const organisationIds = new Map<DemoOrganisationKey, string>();
	for (const organisation of data.organisations) organisationIds.set(organisation.key, randomUUID());
	const idOf = (key: DemoOrganisationKey): string => {
		const id = organisationIds.get(key);
		if (!id) throw new Error(`The demo has no organisation "${key}"`);
		return id;
	};

	await tx.insert(organisations).values(
		data.organisations.map((o) => ({
			id: idOf(o.key),
			kind: o.kind,
			name: o.name,
			urn: o.urn,
			phase: o.phase,
			lowestYear: o.lowestYear,
			highestYear: o.highestYear,
			isDemo: true
		}))
	);
	await tx
		.insert(groupSchools)
		.values(data.groupSchools.map((link) => ({ groupId: idOf(link.group), schoolId: idOf(link.school) })));

	const userIds = new Map<string, string>();
	for (const person of data.people) userIds.set(person.email, randomUUID());
	await tx.insert(users).values(
		data.people.map((person) => ({
			id: userIds.get(person.email) as string,
			email: person.email,
			name: person.name,
			passwordHash: hash,
			adviserLevel: person.adviserLevel
		}))
	);
	await tx.insert(memberships).values(
		data.people.flatMap((person) =>
			person.memberships.map((m) => ({
				userId: userIds.get(person.email) as string,
				organisationId: idOf(m.organisation),
				roles: [...m.roles],
				tags: [...m.tags],
				jobTitle: m.jobTitle
			}))
		)
	);

	await bulkInsert(
		tx,
		pupils,
		data.pupils.map(({ school, ...pupil }) => ({ ...pupil, schoolId: idOf(school) })),
		BATCH_SIZE
	);

	// The careers programme, development plan, leadership and published careers information (issue 3).
	const programme = generateDemoProgramme(data.seed, data.today, data.academicYear);
	const schoolIds = { riverside: idOf('riverside'), hillcrest: idOf('hillcrest') };
	await writeDemoProgramme(tx, programme, schoolIds, userIds);
	// Partners, delivered activities and attendance, guidance, referrals and destinations (issue 5).
	const encounters = generateDemoEncounters(data, programme);
	await writeDemoEncounters(tx, encounters, schoolIds, userIds);
	// Two submitted benchmark self-evaluations, pre-filled from the records just written (issue 5).
	const [settings] = await tx
		.select({
			schoolDayStarts: organisations.schoolDayStarts,
			schoolDayEnds: organisations.schoolDayEnds,
			atRiskWeeks: organisations.atRiskWeeks,
			workplaceExperiencesBy16: organisations.workplaceExperiencesBy16,
			evaluationThreshold: organisations.evaluationThreshold
		})
		.from(organisations)
		.where(eq(organisations.id, schoolIds.riverside));
	if (!settings) throw new Error('The demo has no Riverside Academy');
	const day = {
		schoolDayStarts: settings.schoolDayStarts.slice(0, 5),
		schoolDayEnds: settings.schoolDayEnds.slice(0, 5)
	};
	await writeDemoEvaluations(
		tx,
		generateDemoEvaluations(data, encounters, { ...settings, ...day }),
		schoolIds,
		userIds
	);
	// A teacher-training provider running seed 002's programme, its cohort's workbooks, and Riverside's
	// subject careers maps (issue 6).
	const development = await writeDemoDevelopment(tx, generateDemoDevelopment(data.seed, data.today), schoolIds, hash);

	const schools: DemoSummary['schools'] = [];
	for (const organisation of data.organisations) {
		if (organisation.kind !== 'school' || !organisation.urn) continue;
		const id = idOf(organisation.key);
		const onRoll = data.pupils.filter((p) => isOnRoll(p, data.academicYear, organisation)).length;
		const records = data.pupils.filter((p) => p.school === organisation.key).length;
		schools.push({ id, urn: organisation.urn, name: organisation.name, pupils: onRoll });
		await recordAudit(tx, actor, {
			organisationId: id,
			action: 'demo.created',
			recordType: 'organisation',
			recordId: id,
			summary: `Demo school created from seed ${data.seed}`,
			after: {
				name: organisation.name,
				urn: organisation.urn,
				seed: data.seed,
				today: data.today,
				pupilsOnRoll: onRoll,
				pupilRecords: records
			}
		});
	}

	const trust = data.organisations.find((o) => o.kind === 'trust');
	if (!trust) throw new Error('The demo has no trust');
	const nameOf = (key: DemoOrganisationKey) => data.organisations.find((o) => o.key === key)?.name ?? key;
	return {
		trust: { id: idOf(trust.key), name: trust.name },
		schools,
		signIns: [
			...data.signIns.map((s) => ({
				role: ROLE_LABELS[s.role],
				email: s.email,
				school: s.organisations.map(nameOf).join(' and ')
			})),
			...development.signIns
		],
		password: DEMO_PASSWORD
	};
}

/**
 * Creates the demo trust and schools, or replaces them if they exist, in a single transaction.
 * The password is hashed before the transaction opens: nothing but database work happens inside it.
 */
export async function createDemo(db: Db, options: CreateDemoOptions = {}): Promise<DemoSummary> {
	const data = generateDemo(options.seed ?? DEMO_SEED, options.today ?? todayInLondon());
	const hash = await demoPasswordHash();
	// The subject maps pick careers from the shared occupations library: make sure it is there (idempotent;
	// it reads a file, so it runs before the transaction).
	await ensureOccupationsLibrary(db);
	const summary = await db.transaction((tx) => writeDemo(tx, data, hash));
	await refreshPlannerStatistics(db);
	return summary;
}
