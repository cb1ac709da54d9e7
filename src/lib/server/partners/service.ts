/**
 * Partners: the organisations that deliver encounters (employers, colleges, universities, training and
 * guidance providers, the Careers Hub…) and the people to contact there. A school's own list; a
 * trust-wide CRM comes later. Names are unique in a school whatever their case, so "ACME Ltd" in an
 * import finds "Acme Ltd".
 *
 * `findOrCreatePartners` is for imports: it runs inside the import's transaction, the import having
 * checked the actor already.
 */
import { and, asc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable, type Tx } from '../db/client.ts';
import { deliveredActivities, deliveredActivityPartners, partnerContacts, partners } from '../db/schema/index.ts';
import { authorise, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	EMPLOYER_SIZES,
	KINDS_WITH_UKPRN,
	PARTNER_KIND_LABELS,
	PARTNER_KINDS,
	type EmployerSize,
	type PartnerKind
} from '../../domain/partners.ts';
import { ACTIVITY_TYPE_LABELS, isActivityType } from '../../domain/activities.ts';

export type Partner = {
	id: string;
	name: string;
	kind: PartnerKind;
	kindLabel: string;
	sector: string | null;
	size: EmployerSize | null;
	ukprn: string | null;
	website: string | null;
	notes: string | null;
	createdAt: Date;
	updatedAt: Date;
};

export type PartnerSummary = Partner & { contacts: number; activities: number };

export type PartnerContact = {
	id: string;
	name: string;
	role: string | null;
	email: string | null;
	phone: string | null;
};

export type PartnerActivity = { id: string; title: string; date: string; type: string; typeLabel: string };

export type PartnerDetails = { partner: Partner; contacts: PartnerContact[]; activities: PartnerActivity[] };

export type PartnerInput = {
	name: string;
	kind: string;
	sector?: string | null;
	size?: string | null;
	ukprn?: string | null;
	website?: string | null;
	notes?: string | null;
};

export type ContactInput = { name: string; role?: string | null; email?: string | null; phone?: string | null };

export type PartnerFilters = { kind?: string | null; q?: string | null };

/** "  Acme   Ltd " → "Acme Ltd": how a partner's name is stored. */
export function tidyPartnerName(name: string): string {
	return name.trim().replace(/\s+/g, ' ');
}

/** The key a name is matched on (the database's unique index compares lower(name)). */
export function partnerNameKey(name: string): string {
	return tidyPartnerName(name).toLowerCase();
}

const blankToNull = (v: unknown) =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

const optionalText = (max: number, message: string) =>
	z.preprocess(blankToNull, z.string().trim().max(max, message).nullable());

const partnerSchema = z
	.object({
		name: z
			.string({ error: 'Enter the partner’s name' })
			.transform(tidyPartnerName)
			.pipe(z.string().min(1, 'Enter the partner’s name').max(200, 'The name must be 200 characters or fewer')),
		kind: z.enum(PARTNER_KINDS, { error: 'Choose what kind of organisation the partner is' }),
		sector: optionalText(100, 'The sector must be 100 characters or fewer'),
		size: z.preprocess(
			blankToNull,
			z.enum(EMPLOYER_SIZES, { error: 'Choose the employer’s size from the list' }).nullable()
		),
		ukprn: z.preprocess(
			(v) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v),
			z.preprocess(
				blankToNull,
				z
					.string()
					.regex(/^\d{8}$/, 'A UKPRN is 8 digits, such as 10001234: find it on the UK Register of Learning Providers')
					.nullable()
			)
		),
		website: z.preprocess(
			blankToNull,
			z
				.string()
				.trim()
				.max(300, 'The website address must be 300 characters or fewer')
				.transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
				.pipe(z.url({ protocol: /^https?$/, error: 'Enter a website address, such as https://www.example.co.uk' }))
				.nullable()
		),
		notes: optionalText(5000, 'Notes must be 5,000 characters or fewer')
	})
	.superRefine((p, ctx) => {
		if (p.kind !== 'employer' && p.size)
			ctx.addIssue({
				code: 'custom',
				path: ['size'],
				message: 'A size is for employers: change the kind to employer or leave the size empty'
			});
		if (p.ukprn && !KINDS_WITH_UKPRN.includes(p.kind))
			ctx.addIssue({
				code: 'custom',
				path: ['ukprn'],
				message: `A UKPRN is for sixth forms, colleges, universities and training or apprenticeship providers, not a ${PARTNER_KIND_LABELS[p.kind].toLowerCase()}: leave it empty`
			});
	});

type PartnerValues = z.output<typeof partnerSchema>;

const contactSchema = z
	.object({
		name: z
			.string({ error: 'Enter the contact’s name' })
			.trim()
			.min(1, 'Enter the contact’s name')
			.max(200, 'The name must be 200 characters or fewer'),
		role: optionalText(200, 'The role must be 200 characters or fewer'),
		email: z.preprocess(
			blankToNull,
			z
				.string()
				.trim()
				.toLowerCase()
				.pipe(z.email('Enter an email address in the correct format, like name@example.com'))
				.nullable()
		),
		phone: z.preprocess(
			blankToNull,
			z
				.string()
				.trim()
				.regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a telephone number, like 01632 960 001 or +44 808 157 0192')
				.nullable()
		)
	})
	.strict();

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) {
		const seen = new Set<string>();
		throw fromZod(
			parsed.error.issues
				.map((i) => ({ path: i.path.slice(0, 1), message: i.message }))
				.filter((i) => {
					const key = String(i.path[0] ?? '');
					if (seen.has(key)) return false;
					seen.add(key);
					return true;
				})
		);
	}
	return parsed.data;
}

type PartnerRow = typeof partners.$inferSelect;

function toPartner(row: PartnerRow): Partner {
	const kind = row.kind as PartnerKind;
	return {
		id: row.id,
		name: row.name,
		kind,
		kindLabel: PARTNER_KIND_LABELS[kind] ?? row.kind,
		sector: row.sector,
		size: row.size as EmployerSize | null,
		ukprn: row.ukprn,
		website: row.website,
		notes: row.notes,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	};
}

function auditShape(p: PartnerValues | PartnerRow) {
	return {
		name: p.name,
		kind: p.kind,
		sector: p.sector,
		size: p.size,
		ukprn: p.ukprn,
		website: p.website,
		notes: p.notes
	};
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** The school's partners by name, with how many contacts each has and how many activities each delivered. */
export async function listPartners(
	actor: Actor,
	school: School,
	filters: PartnerFilters = {}
): Promise<PartnerSummary[]> {
	authorise(actor, 'partners.view', school.id);
	const kind = filters.kind || null;
	if (kind !== null && !(PARTNER_KINDS as readonly string[]).includes(kind))
		throw ValidationError.one('kind', 'Choose a kind of partner from the list');
	const q = (filters.q ?? '').trim().slice(0, 100);
	const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const rows = await db()
		.select({
			partner: partners,
			// Written out in full: Drizzle leaves column names unqualified in a select list, which a
			// correlated subquery would read as its own table's columns.
			contacts: sql<number>`(select count(*)::int from partner_contacts pc where pc.partner_id = partners.id)`,
			activities: sql<number>`(select count(*)::int from delivered_activity_partners dap where dap.partner_id = partners.id)`
		})
		.from(partners)
		.where(
			and(
				eq(partners.schoolId, school.id),
				kind ? eq(partners.kind, kind) : undefined,
				q ? or(ilike(partners.name, like), ilike(partners.sector, like)) : undefined
			)
		)
		.orderBy(sql`lower(${partners.name})`);
	return rows.map((r) => ({ ...toPartner(r.partner), contacts: r.contacts, activities: r.activities }));
}

async function partnerRow(q: Queryable, school: School, partnerId: string): Promise<PartnerRow> {
	if (!isUuid(partnerId)) throw new NotFoundError();
	const [row] = await q
		.select()
		.from(partners)
		.where(and(eq(partners.id, partnerId), eq(partners.schoolId, school.id)));
	if (!row) throw new NotFoundError();
	return row;
}

/** One partner of this school with its contacts and the activities it delivered (latest first). */
export async function getPartner(actor: Actor, school: School, partnerId: string): Promise<PartnerDetails> {
	authorise(actor, 'partners.view', school.id);
	const row = await partnerRow(db(), school, partnerId);
	const contacts = await db()
		.select({
			id: partnerContacts.id,
			name: partnerContacts.name,
			role: partnerContacts.role,
			email: partnerContacts.email,
			phone: partnerContacts.phone
		})
		.from(partnerContacts)
		.where(eq(partnerContacts.partnerId, row.id))
		.orderBy(asc(partnerContacts.name), asc(partnerContacts.createdAt));
	const activities = await db()
		.select({
			id: deliveredActivities.id,
			title: deliveredActivities.title,
			date: deliveredActivities.date,
			type: deliveredActivities.type
		})
		.from(deliveredActivityPartners)
		.innerJoin(deliveredActivities, eq(deliveredActivities.id, deliveredActivityPartners.deliveredActivityId))
		.where(and(eq(deliveredActivityPartners.partnerId, row.id), eq(deliveredActivities.schoolId, school.id)))
		.orderBy(sql`${deliveredActivities.date} desc`, asc(deliveredActivities.title));
	return {
		partner: toPartner(row),
		contacts,
		activities: activities.map((a) => ({
			...a,
			typeLabel: isActivityType(a.type) ? ACTIVITY_TYPE_LABELS[a.type] : a.type
		}))
	};
}

async function checkNameFree(q: Queryable, school: School, name: string, exceptId?: string): Promise<void> {
	const [existing] = await q
		.select({ name: partners.name })
		.from(partners)
		.where(
			and(
				eq(partners.schoolId, school.id),
				sql`lower(${partners.name}) = lower(${name})`,
				exceptId ? ne(partners.id, exceptId) : undefined
			)
		);
	if (existing) throw nameTaken(school, existing.name);
}

function nameTaken(school: School, existing: string): ValidationError {
	return ValidationError.one(
		'name',
		`${school.name} already has a partner called “${existing}”. Use that partner, or give this one a different name`
	);
}

function isUniqueViolation(e: unknown): boolean {
	const cause = (e as { cause?: { code?: string } } | null)?.cause;
	return (e as { code?: string } | null)?.code === '23505' || cause?.code === '23505';
}

export async function createPartner(
	actor: Actor,
	school: School,
	input: PartnerInput,
	requestId?: string
): Promise<Partner> {
	authorise(actor, 'partners.edit', school.id);
	const p = parse(partnerSchema, input);
	try {
		return await db().transaction(async (tx) => {
			await checkNameFree(tx, school, p.name);
			const [row] = await tx
				.insert(partners)
				.values({ schoolId: school.id, ...auditShape(p) })
				.returning();
			if (!row) throw new Error('Insert returned nothing');
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'partner.created',
					recordType: 'partner',
					recordId: row.id,
					summary: `Added the partner “${p.name}” (${PARTNER_KIND_LABELS[p.kind].toLowerCase()})`,
					after: auditShape(p)
				},
				requestId
			);
			return toPartner(row);
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw nameTaken(school, p.name);
		throw e;
	}
}

/** Changes a partner: the fields given replace the ones stored; the result is checked as a whole. */
export async function updatePartner(
	actor: Actor,
	school: School,
	partnerId: string,
	input: Partial<PartnerInput>,
	requestId?: string
): Promise<Partner> {
	authorise(actor, 'partners.edit', school.id);
	if (!isUuid(partnerId)) throw new NotFoundError();
	let name = '';
	try {
		return await db().transaction(async (tx) => {
			const before = await partnerRow(tx, school, partnerId);
			const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
			const p = parse(partnerSchema, { ...auditShape(before), ...given });
			name = p.name;
			await checkNameFree(tx, school, p.name, partnerId);
			const [row] = await tx
				.update(partners)
				.set({ ...auditShape(p), updatedAt: new Date() })
				.where(and(eq(partners.id, partnerId), eq(partners.schoolId, school.id)))
				.returning();
			if (!row) throw new NotFoundError();
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'partner.updated',
					recordType: 'partner',
					recordId: row.id,
					summary:
						before.name === p.name
							? `Changed the partner “${p.name}”`
							: `Changed the partner “${before.name}” (now “${p.name}”)`,
					before: auditShape(before),
					after: auditShape(p)
				},
				requestId
			);
			return toPartner(row);
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw nameTaken(school, name);
		throw e;
	}
}

export async function addContact(
	actor: Actor,
	school: School,
	partnerId: string,
	input: ContactInput,
	requestId?: string
): Promise<PartnerContact> {
	authorise(actor, 'partners.edit', school.id);
	if (!isUuid(partnerId)) throw new NotFoundError();
	const c = parse(contactSchema, input);
	return db().transaction(async (tx) => {
		const partner = await partnerRow(tx, school, partnerId);
		const [row] = await tx
			.insert(partnerContacts)
			.values({ partnerId: partner.id, ...c })
			.returning();
		if (!row) throw new Error('Insert returned nothing');
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'partner.contact-added',
				recordType: 'partner',
				recordId: partner.id,
				summary: `Added ${c.name} as a contact at “${partner.name}”`,
				after: c
			},
			requestId
		);
		return { id: row.id, name: row.name, role: row.role, email: row.email, phone: row.phone };
	});
}

export async function removeContact(
	actor: Actor,
	school: School,
	partnerId: string,
	contactId: string,
	requestId?: string
): Promise<void> {
	authorise(actor, 'partners.edit', school.id);
	if (!isUuid(partnerId) || !isUuid(contactId)) throw new NotFoundError();
	await db().transaction(async (tx) => {
		const partner = await partnerRow(tx, school, partnerId);
		const [removed] = await tx
			.delete(partnerContacts)
			.where(and(eq(partnerContacts.id, contactId), eq(partnerContacts.partnerId, partner.id)))
			.returning();
		if (!removed) throw new NotFoundError();
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'partner.contact-removed',
				recordType: 'partner',
				recordId: partner.id,
				summary: `Removed ${removed.name} as a contact at “${partner.name}”`,
				before: { name: removed.name, role: removed.role, email: removed.email, phone: removed.phone }
			},
			requestId
		);
	});
}

/**
 * For imports, inside their transaction: the school's partner for each name (matched whatever the case
 * and spacing), creating those it lacks with the kind given (the first one given for a name wins).
 * Returns partnerNameKey(name) → id, and the names created, as written in the file.
 */
export async function findOrCreatePartners(
	tx: Tx,
	schoolId: string,
	names: readonly { name: string; kind: PartnerKind }[]
): Promise<{ ids: Map<string, string>; created: string[] }> {
	const wanted = new Map<string, { name: string; kind: PartnerKind }>();
	for (const n of names) {
		const name = tidyPartnerName(n.name);
		const key = name.toLowerCase();
		if (name !== '' && !wanted.has(key)) wanted.set(key, { name, kind: n.kind });
	}
	const ids = new Map<string, string>();
	if (wanted.size === 0) return { ids, created: [] };
	const lowered = [...wanted.keys()];
	const found = async (keys: string[]) => {
		for (let i = 0; i < keys.length; i += 1000) {
			const rows = await tx
				.select({ id: partners.id, key: sql<string>`lower(${partners.name})` })
				.from(partners)
				.where(and(eq(partners.schoolId, schoolId), inArray(sql`lower(${partners.name})`, keys.slice(i, i + 1000))));
			for (const r of rows) ids.set(r.key, r.id);
		}
	};
	await found(lowered);
	const missing = lowered.filter((k) => !ids.has(k));
	const created: string[] = [];
	for (let i = 0; i < missing.length; i += 500) {
		const chunk = missing.slice(i, i + 500).map((k) => wanted.get(k)!);
		const rows = await tx
			.insert(partners)
			.values(chunk.map((p) => ({ schoolId, name: p.name, kind: p.kind })))
			.onConflictDoNothing()
			.returning({ id: partners.id, name: partners.name });
		for (const r of rows) {
			ids.set(r.name.toLowerCase(), r.id);
			created.push(r.name);
		}
	}
	// Names whose lower case differs between JavaScript and the database, or added meanwhile.
	const still = lowered.filter((k) => !ids.has(k));
	for (const key of still) {
		const [row] = await tx
			.select({ id: partners.id })
			.from(partners)
			.where(and(eq(partners.schoolId, schoolId), sql`lower(${partners.name}) = lower(${wanted.get(key)!.name})`));
		if (row) ids.set(key, row.id);
	}
	return { ids, created };
}
