/**
 * Social-capital maps (issue 6 §2b): dated snapshots of the people someone knows who could help, each
 * with a sphere, a tie strength 1–10 and a kind of tie. The owner is either a participant (their own
 * workbook: only they read or change it, everyone else gets "not found") or a pupil, where the school
 * has turned pupil networks on (seeing it needs pupils.view and is audited like the pupil's record;
 * changing it needs pupil-networks.edit).
 *
 * "Take a new snapshot" copies the latest snapshot's contacts with the same person keys to a new date,
 * so the growth between two snapshots can be seen (domain/social-capital.ts).
 */
import { and, asc, desc, eq, max, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { networkContacts, networkSnapshots, pupils } from '../db/schema/index.ts';
import { authorise, ForbiddenError, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import { pupilNetworksOn, type School } from '../schools/service.ts';
import { workbookForActor } from './access.ts';
import { workbookDate } from './workbook.ts';
import {
	NETWORK_SPHERES,
	TIE_STRENGTH,
	TIE_TYPES,
	type NetworkSphere,
	type TieType
} from '../../domain/development.ts';
import {
	networkGrowth,
	networkSummary,
	type NetworkContact,
	type NetworkGrowth,
	type NetworkSummary
} from '../../domain/social-capital.ts';
import { pupilDisplayName } from '../../domain/pupil-characteristics.ts';
import { todayInLondon } from '../../domain/academic-year.ts';

/** Whose map: a participant's own (their workbook), or a pupil's in a school. */
export type NetworkOwnerRef = { participantId: string } | { school: School; pupilId: string };

/** The school has not turned pupil social-capital maps on. */
export class PupilNetworksOffError extends ForbiddenError {
	constructor() {
		super('Pupil social-capital maps are turned off for this school');
	}
}

type Owner = {
	kind: 'participant' | 'pupil';
	id: string;
	name: string;
	/** Where the audit event belongs. */
	organisationId: string;
	/** Pupils only: for the audit summary. */
	upn: string | null;
	/** Selects this owner's snapshots. */
	where: SQL;
	values: { participantId: string } | { pupilId: string };
};

const isUuid = (v: string) => z.uuid().safeParse(v).success;

async function resolveOwner(actor: Actor, ref: NetworkOwnerRef, mode: 'view' | 'edit', q: Queryable): Promise<Owner> {
	if ('participantId' in ref) {
		const workbook = await workbookForActor(actor, ref.participantId, q);
		const id = workbook.participant.id;
		return {
			kind: 'participant',
			id,
			name: workbook.participant.name,
			organisationId: workbook.programme.organisation.id,
			upn: null,
			where: eq(networkSnapshots.participantId, id),
			values: { participantId: id }
		};
	}
	const { school, pupilId } = ref;
	authorise(actor, mode === 'view' ? 'pupils.view' : 'pupil-networks.edit', school.id);
	if (!(await pupilNetworksOn(school.id, q))) throw new PupilNetworksOffError();
	if (!isUuid(pupilId)) throw new NotFoundError();
	const [pupil] = await q
		.select()
		.from(pupils)
		.where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, school.id)));
	if (!pupil) throw new NotFoundError();
	return {
		kind: 'pupil',
		id: pupil.id,
		name: pupilDisplayName(pupil),
		organisationId: school.id,
		upn: pupil.upn,
		where: eq(networkSnapshots.pupilId, pupil.id),
		values: { pupilId: pupil.id }
	};
}

/** "Ann Lee added a contact to their social-capital map"; for a pupil's, "Added a contact to the social-capital map of …". */
function summaryFor(owner: Owner, participantWords: string, staffWords: string): string {
	return owner.kind === 'participant'
		? `${owner.name} ${participantWords}`
		: `${staffWords} the social-capital map of ${owner.name} (UPN ${owner.upn})`;
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────

export type NetworkSnapshot = { id: string; takenOn: string; note: string | null; contactCount: number };

export type Contact = NetworkContact & {
	id: string;
	snapshotId: string;
	howTheyMightHelp: string | null;
	couldIntroduce: string | null;
	position: number;
};

export type SnapshotWithContacts = NetworkSnapshot & { contacts: Contact[]; summary: NetworkSummary };

export type NetworkComparison = {
	from: NetworkSnapshot;
	to: NetworkSnapshot;
	growth: NetworkGrowth<Contact>;
};

export type NetworkView = {
	owner: { kind: 'participant' | 'pupil'; name: string };
	/** Oldest first. */
	snapshots: NetworkSnapshot[];
	/** The snapshot asked for, else the latest; null before the first. */
	current: SnapshotWithContacts | null;
	comparison: NetworkComparison | null;
};

async function snapshotsOf(owner: Owner, q: Queryable): Promise<NetworkSnapshot[]> {
	return q
		.select({
			id: networkSnapshots.id,
			takenOn: networkSnapshots.takenOn,
			note: networkSnapshots.note,
			// Qualified by hand: inside the subquery a bare "id" would be the contact's.
			contactCount: sql<number>`(select count(*)::int from "network_contacts" c where c."snapshot_id" = "network_snapshots"."id")`
		})
		.from(networkSnapshots)
		.where(owner.where)
		.orderBy(asc(networkSnapshots.takenOn), asc(networkSnapshots.createdAt));
}

const sphereOrder = (s: string) => NETWORK_SPHERES.indexOf(s as NetworkSphere);

async function contactsOf(snapshotId: string, q: Queryable): Promise<Contact[]> {
	const rows = await q
		.select()
		.from(networkContacts)
		.where(eq(networkContacts.snapshotId, snapshotId))
		.orderBy(asc(networkContacts.position), asc(networkContacts.name));
	return rows
		.map((r) => ({
			id: r.id,
			snapshotId: r.snapshotId,
			personKey: r.personKey,
			name: r.name,
			sphere: r.sphere as NetworkSphere,
			tieStrength: r.tieStrength,
			tieType: (r.tieType as TieType | null) ?? null,
			howTheyMightHelp: r.howTheyMightHelp,
			couldIntroduce: r.couldIntroduce,
			position: r.position
		}))
		.sort((a, b) => sphereOrder(a.sphere) - sphereOrder(b.sphere) || a.position - b.position);
}

export type NetworkViewOptions = {
	/** Show this snapshot (else the latest). An id that is not one of the owner's is "not found". */
	snapshotId?: string | null;
	/** Compare two of the owner's snapshots. */
	compare?: { from: string; to: string } | null;
};

/**
 * The owner's snapshots, one snapshot's contacts and, if asked, the growth between two snapshots. A
 * pupil's map is audited when it is seen, in the same transaction as the read.
 */
export async function networkView(
	actor: Actor,
	ref: NetworkOwnerRef,
	options: NetworkViewOptions = {},
	requestId?: string
): Promise<NetworkView> {
	return db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'view', tx);
		const snapshots = await snapshotsOf(owner, tx);
		const byId = new Map(snapshots.map((s) => [s.id, s]));
		const find = (id: string) => {
			const s = byId.get(id);
			if (!s) throw new NotFoundError();
			return s;
		};
		const shown = options.snapshotId ? find(options.snapshotId) : snapshots.at(-1);
		let current: SnapshotWithContacts | null = null;
		if (shown) {
			const contacts = await contactsOf(shown.id, tx);
			current = { ...shown, contacts, summary: networkSummary(contacts) };
		}
		let comparison: NetworkComparison | null = null;
		if (options.compare) {
			const from = find(options.compare.from);
			const to = find(options.compare.to);
			const before = from.id === current?.id ? current.contacts : await contactsOf(from.id, tx);
			const after = to.id === current?.id ? current.contacts : await contactsOf(to.id, tx);
			comparison = { from, to, growth: networkGrowth(before, after) };
		}
		if (owner.kind === 'pupil') {
			await recordAudit(
				tx,
				actor,
				{
					organisationId: owner.organisationId,
					action: 'pupil-network.viewed',
					recordType: 'pupil',
					recordId: owner.id,
					summary: `Viewed the social-capital map of ${owner.name} (UPN ${owner.upn})`
				},
				requestId
			);
		}
		return { owner: { kind: owner.kind, name: owner.name }, snapshots, current, comparison };
	});
}

// ── Snapshots ────────────────────────────────────────────────────────────────────────────────────────

export const NOTE_MAX = 500;

export type SnapshotInput = { takenOn?: unknown; note?: unknown };

function parseSnapshot(input: SnapshotInput, today: string): { takenOn: string; note: string | null } {
	const typed = typeof input.takenOn === 'string' ? input.takenOn.trim() : '';
	const takenOn = typed === '' ? today : workbookDate(typed);
	const note = typeof input.note === 'string' ? input.note.trim() : '';
	const errors = [];
	if (!takenOn)
		errors.push({ field: 'takenOn', message: 'Enter the date of the snapshot as a real date, for example 27 3 2026' });
	else if (takenOn > today)
		errors.push({ field: 'takenOn', message: 'The date of the snapshot must be today or in the past' });
	if (note.length > NOTE_MAX)
		errors.push({ field: 'note', message: `The note must be ${NOTE_MAX} characters or fewer` });
	if (errors.length) throw new ValidationError(errors);
	return { takenOn: takenOn as string, note: note || null };
}

async function ownedSnapshot(owner: Owner, snapshotId: string, q: Queryable) {
	if (!isUuid(snapshotId)) throw new NotFoundError();
	const [row] = await q
		.select()
		.from(networkSnapshots)
		.where(and(eq(networkSnapshots.id, snapshotId), owner.where));
	if (!row) throw new NotFoundError();
	return row;
}

/**
 * A new dated snapshot. With `copyLatest` (the default) it starts as a copy of the latest snapshot's
 * contacts, each keeping its person key, so growth between the two can be seen.
 */
export async function takeSnapshot(
	actor: Actor,
	ref: NetworkOwnerRef,
	input: SnapshotInput & { copyLatest?: boolean },
	requestId?: string,
	today = todayInLondon()
): Promise<NetworkSnapshot> {
	return db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const { takenOn, note } = parseSnapshot(input, today);
		const [latest] = await tx
			.select({ id: networkSnapshots.id })
			.from(networkSnapshots)
			.where(owner.where)
			.orderBy(desc(networkSnapshots.takenOn), desc(networkSnapshots.createdAt))
			.limit(1);
		const [snapshot] = await tx
			.insert(networkSnapshots)
			.values({ ...owner.values, takenOn, note })
			.returning();
		if (!snapshot) throw new Error('Insert returned nothing');
		let copied = 0;
		if (latest && input.copyLatest !== false) {
			const contacts = await tx.select().from(networkContacts).where(eq(networkContacts.snapshotId, latest.id));
			if (contacts.length) {
				await tx.insert(networkContacts).values(
					contacts.map((c) => ({
						snapshotId: snapshot.id,
						personKey: c.personKey,
						name: c.name,
						sphere: c.sphere,
						tieStrength: c.tieStrength,
						tieType: c.tieType,
						howTheyMightHelp: c.howTheyMightHelp,
						couldIntroduce: c.couldIntroduce,
						position: c.position
					}))
				);
			}
			copied = contacts.length;
		}
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-snapshot.taken',
				recordType: 'network-snapshot',
				recordId: snapshot.id,
				summary: summaryFor(
					owner,
					`took a new snapshot of their social-capital map (${copied} contacts carried over)`,
					`Took a new snapshot (${copied} contacts carried over) of`
				),
				after: { takenOn, copiedFrom: latest && input.copyLatest !== false ? latest.id : null, contacts: copied }
			},
			requestId
		);
		return { id: snapshot.id, takenOn, note, contactCount: copied };
	});
}

/** Changes a snapshot's date and note. */
export async function updateSnapshot(
	actor: Actor,
	ref: NetworkOwnerRef,
	snapshotId: string,
	input: SnapshotInput,
	requestId?: string,
	today = todayInLondon()
): Promise<void> {
	await db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const before = await ownedSnapshot(owner, snapshotId, tx);
		const { takenOn, note } = parseSnapshot(input, today);
		await tx.update(networkSnapshots).set({ takenOn, note }).where(eq(networkSnapshots.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-snapshot.changed',
				recordType: 'network-snapshot',
				recordId: before.id,
				summary: summaryFor(
					owner,
					'changed the date or note of a snapshot of their social-capital map',
					'Changed a snapshot of'
				),
				before: { takenOn: before.takenOn },
				after: { takenOn }
			},
			requestId
		);
	});
}

/** Deletes a snapshot and its contacts (the people stay in other snapshots). */
export async function deleteSnapshot(
	actor: Actor,
	ref: NetworkOwnerRef,
	snapshotId: string,
	requestId?: string
): Promise<void> {
	await db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const before = await ownedSnapshot(owner, snapshotId, tx);
		await tx.delete(networkSnapshots).where(eq(networkSnapshots.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-snapshot.deleted',
				recordType: 'network-snapshot',
				recordId: before.id,
				summary: summaryFor(owner, 'deleted a snapshot of their social-capital map', 'Deleted a snapshot of'),
				before: { takenOn: before.takenOn }
			},
			requestId
		);
	});
}

// ── Contacts ─────────────────────────────────────────────────────────────────────────────────────────

const blankToNull = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;
const strengthMessage = `Give the tie a strength from ${TIE_STRENGTH.weakest} (an acquaintance) to ${TIE_STRENGTH.strongest} (close family)`;

export const contactSchema = z.object({
	name: z
		.string({ error: 'Enter the name of the contact' })
		.trim()
		.min(1, 'Enter the name of the contact')
		.max(200, 'The name must be 200 characters or fewer'),
	sphere: z.enum(NETWORK_SPHERES, { error: 'Choose the sphere the contact belongs to' }),
	tieStrength: z.preprocess(
		blankToNull,
		z.coerce
			.number({ error: strengthMessage })
			.int(strengthMessage)
			.min(TIE_STRENGTH.weakest, strengthMessage)
			.max(TIE_STRENGTH.strongest, strengthMessage)
	),
	tieType: z.preprocess(
		blankToNull,
		z.enum(TIE_TYPES, { error: 'Choose bonding, bridging or linking, or leave it blank' }).nullable()
	),
	howTheyMightHelp: z.preprocess(
		blankToNull,
		z.string().trim().max(2000, 'How they might help must be 2,000 characters or fewer').nullable()
	),
	couldIntroduce: z.preprocess(
		blankToNull,
		z.string().trim().max(2000, 'Who they could introduce must be 2,000 characters or fewer').nullable()
	)
});

export type ContactInput = z.input<typeof contactSchema>;
type ParsedContact = z.output<typeof contactSchema>;

function parseContact(input: unknown): ParsedContact {
	const parsed = contactSchema.safeParse(input);
	if (!parsed.success) throw fromZod(parsed.error.issues);
	return parsed.data;
}

/** What the audit keeps of a contact: never the name or what was written about them. */
const auditContact = (c: { sphere: string; tieStrength: number; tieType: string | null }) => ({
	sphere: c.sphere,
	tieStrength: c.tieStrength,
	tieType: c.tieType
});

/**
 * Adds a contact to a snapshot; with no snapshot given, to the latest (a first snapshot dated today is
 * made when there is none yet). Returns the contact's id and its snapshot's.
 */
export async function addContact(
	actor: Actor,
	ref: NetworkOwnerRef,
	snapshotId: string | null,
	input: unknown,
	requestId?: string,
	today = todayInLondon()
): Promise<{ contactId: string; snapshotId: string }> {
	return db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const c = parseContact(input);
		let targetId: string;
		if (snapshotId) targetId = (await ownedSnapshot(owner, snapshotId, tx)).id;
		else {
			const [latest] = await tx
				.select({ id: networkSnapshots.id })
				.from(networkSnapshots)
				.where(owner.where)
				.orderBy(desc(networkSnapshots.takenOn), desc(networkSnapshots.createdAt))
				.limit(1);
			if (latest) targetId = latest.id;
			else {
				const [made] = await tx
					.insert(networkSnapshots)
					.values({ ...owner.values, takenOn: today })
					.returning({ id: networkSnapshots.id });
				if (!made) throw new Error('Insert returned nothing');
				targetId = made.id;
			}
		}
		const [{ last } = { last: null }] = await tx
			.select({ last: max(networkContacts.position) })
			.from(networkContacts)
			.where(eq(networkContacts.snapshotId, targetId));
		const [row] = await tx
			.insert(networkContacts)
			.values({ snapshotId: targetId, ...c, position: (last ?? -1) + 1 })
			.returning({ id: networkContacts.id });
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-contact.added',
				recordType: 'network-contact',
				recordId: row.id,
				summary: summaryFor(owner, 'added a contact to their social-capital map', 'Added a contact to'),
				after: auditContact(c)
			},
			requestId
		);
		return { contactId: row.id, snapshotId: targetId };
	});
}

async function ownedContact(owner: Owner, contactId: string, q: Queryable) {
	if (!isUuid(contactId)) throw new NotFoundError();
	const [row] = await q
		.select({ contact: networkContacts })
		.from(networkContacts)
		.innerJoin(networkSnapshots, eq(networkSnapshots.id, networkContacts.snapshotId))
		.where(and(eq(networkContacts.id, contactId), owner.where));
	if (!row) throw new NotFoundError();
	return row.contact;
}

/** Changes a contact in one snapshot (earlier snapshots keep what they said then). */
export async function updateContact(
	actor: Actor,
	ref: NetworkOwnerRef,
	contactId: string,
	input: unknown,
	requestId?: string
): Promise<void> {
	await db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const before = await ownedContact(owner, contactId, tx);
		const c = parseContact(input);
		await tx.update(networkContacts).set(c).where(eq(networkContacts.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-contact.changed',
				recordType: 'network-contact',
				recordId: before.id,
				summary: summaryFor(owner, 'changed a contact in their social-capital map', 'Changed a contact in'),
				before: auditContact(before),
				after: auditContact(c)
			},
			requestId
		);
	});
}

/** Removes a contact from one snapshot. */
export async function removeContact(
	actor: Actor,
	ref: NetworkOwnerRef,
	contactId: string,
	requestId?: string
): Promise<{ snapshotId: string }> {
	return db().transaction(async (tx) => {
		const owner = await resolveOwner(actor, ref, 'edit', tx);
		const before = await ownedContact(owner, contactId, tx);
		await tx.delete(networkContacts).where(eq(networkContacts.id, before.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: owner.organisationId,
				action: 'network-contact.removed',
				recordType: 'network-contact',
				recordId: before.id,
				summary: summaryFor(owner, 'removed a contact from their social-capital map', 'Removed a contact from'),
				before: auditContact(before)
			},
			requestId
		);
		return { snapshotId: before.snapshotId };
	});
}

/**
 * A participant's snapshots with their contacts, oldest first. No access check: for a tutor reading a
 * shared map (after mayReadPart) and for cohort figures.
 */
export async function participantSnapshots(
	participantId: string,
	q: Queryable = db()
): Promise<(NetworkSnapshot & { contacts: Contact[] })[]> {
	const owner = { where: eq(networkSnapshots.participantId, participantId) } as Owner;
	const result: (NetworkSnapshot & { contacts: Contact[] })[] = [];
	for (const s of await snapshotsOf(owner, q)) result.push({ ...s, contacts: await contactsOf(s.id, q) });
	return result;
}
