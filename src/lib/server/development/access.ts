/**
 * Who stands how to a development programme, and whose workbook is whose. The request hook calls these
 * for routes with [programmeId] (access 'programme') and [participantId] under /workbook (access
 * 'workbook'); services call them again when they are reached another way (the CLI, tests).
 *
 * A workbook is private: only its participant opens /workbook/…; a tutor reads the parts the
 * participant shares, through the programme's pages (development.manage), never the workbook itself.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import {
	developmentCohorts,
	developmentParticipants,
	developmentProgrammes,
	organisations
} from '../db/schema/index.ts';
import { can, ForbiddenError, NotFoundError, type Actor } from '../access/actor.ts';
import { relationAllows, type ProgrammeAction, type ProgrammeRelation } from '../access/policy.ts';
import type { OrganisationKind } from '../../domain/roles.ts';
import type { ParticipantKind, WorkbookPart } from '../../domain/development.ts';

export type DevelopmentProgramme = {
	id: string;
	title: string;
	description: string | null;
	/** Who runs it: a training provider, or a school for its own staff. */
	organisation: { id: string; name: string; kind: OrganisationKind; urn: string | null };
	copiedFromId: string | null;
};

export type ProgrammeAccess = {
	programme: DevelopmentProgramme;
	/** How the signed-in person stands to it (a tutor who is also a participant counts as a tutor). */
	relation: ProgrammeRelation;
};

export type Workbook = {
	participant: {
		id: string;
		/** The account, once the invitation is accepted. */
		userId: string | null;
		name: string;
		email: string;
		kind: ParticipantKind;
		subject: string | null;
		placement1SchoolId: string | null;
		placement1Name: string | null;
		placement2SchoolId: string | null;
		placement2Name: string | null;
		sharedParts: WorkbookPart[];
	};
	cohort: { id: string; name: string; startsOn: string | null; endsOn: string | null };
	programme: DevelopmentProgramme;
};

function isUuid(value: string): boolean {
	return z.uuid().safeParse(value).success;
}

const programmeColumns = {
	id: developmentProgrammes.id,
	title: developmentProgrammes.title,
	description: developmentProgrammes.description,
	copiedFromId: developmentProgrammes.copiedFromId,
	organisationId: organisations.id,
	organisationName: organisations.name,
	organisationKind: organisations.kind,
	urn: organisations.urn
};

type ProgrammeRow = {
	id: string;
	title: string;
	description: string | null;
	copiedFromId: string | null;
	organisationId: string;
	organisationName: string;
	organisationKind: string;
	urn: string | null;
};

function toProgramme(row: ProgrammeRow): DevelopmentProgramme {
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		copiedFromId: row.copiedFromId,
		organisation: {
			id: row.organisationId,
			name: row.organisationName,
			kind: row.organisationKind as OrganisationKind,
			urn: row.urn
		}
	};
}

/** The programme's tutors are the people who may run programmes in the organisation that runs it. */
export function isTutorOf(actor: Actor, programme: DevelopmentProgramme): boolean {
	return can(actor, 'development.run', programme.organisation.id);
}

/** How the actor stands to the programme: tutor, participant, or not at all (null). */
export async function relationTo(
	actor: Actor,
	programme: DevelopmentProgramme,
	q: Queryable = db()
): Promise<ProgrammeRelation | null> {
	if (isTutorOf(actor, programme)) return 'tutor';
	if (!actor.userId) return null;
	const [place] = await q
		.select({ id: developmentParticipants.id })
		.from(developmentParticipants)
		.innerJoin(developmentCohorts, eq(developmentCohorts.id, developmentParticipants.cohortId))
		.where(and(eq(developmentCohorts.programmeId, programme.id), eq(developmentParticipants.userId, actor.userId)))
		.limit(1);
	return place ? 'participant' : null;
}

/**
 * The programme, if the actor may do `action` on it. Someone with no relation gets "not found" (no
 * existence leak); a participant asking to manage gets "forbidden".
 */
export async function programmeForActor(
	actor: Actor,
	programmeId: string,
	action: ProgrammeAction,
	q: Queryable = db()
): Promise<ProgrammeAccess> {
	if (!isUuid(programmeId)) throw new NotFoundError();
	const [row] = await q
		.select(programmeColumns)
		.from(developmentProgrammes)
		.innerJoin(organisations, eq(organisations.id, developmentProgrammes.organisationId))
		.where(eq(developmentProgrammes.id, programmeId));
	if (!row) throw new NotFoundError();
	const programme = toProgramme(row);
	if (actor.system) return { programme, relation: 'tutor' };
	const relation = await relationTo(actor, programme, q);
	if (!relation) throw new NotFoundError();
	if (!relationAllows(action, relation)) throw new ForbiddenError();
	return { programme, relation };
}

/** Loads a participant's place: cohort and programme. No access check (callers make theirs). */
export async function participantPlace(participantId: string, q: Queryable = db()): Promise<Workbook | null> {
	if (!isUuid(participantId)) return null;
	const [row] = await q
		.select({
			participant: developmentParticipants,
			cohort: developmentCohorts,
			...programmeColumns
		})
		.from(developmentParticipants)
		.innerJoin(developmentCohorts, eq(developmentCohorts.id, developmentParticipants.cohortId))
		.innerJoin(developmentProgrammes, eq(developmentProgrammes.id, developmentCohorts.programmeId))
		.innerJoin(organisations, eq(organisations.id, developmentProgrammes.organisationId))
		.where(eq(developmentParticipants.id, participantId));
	if (!row) return null;
	const p = row.participant;
	return {
		participant: {
			id: p.id,
			userId: p.userId,
			name: p.name,
			email: p.email,
			kind: p.kind as ParticipantKind,
			subject: p.subject,
			placement1SchoolId: p.placement1SchoolId,
			placement1Name: p.placement1Name,
			placement2SchoolId: p.placement2SchoolId,
			placement2Name: p.placement2Name,
			sharedParts: p.sharedParts as WorkbookPart[]
		},
		cohort: { id: row.cohort.id, name: row.cohort.name, startsOn: row.cohort.startsOn, endsOn: row.cohort.endsOn },
		programme: toProgramme(row)
	};
}

/** The actor's own workbook. Anyone else's is "not found", whoever they are (tutors included). */
export async function workbookForActor(actor: Actor, participantId: string, q: Queryable = db()): Promise<Workbook> {
	const place = await participantPlace(participantId, q);
	if (!place) throw new NotFoundError();
	if (actor.system) return place;
	if (!actor.userId || place.participant.userId !== actor.userId) throw new NotFoundError();
	return place;
}

/**
 * A participant's workbook as their tutor may read it: the place, and which parts are shared. Parts
 * not in `sharedParts` must not be read for this person; services check `mayReadPart` before loading.
 */
export async function participantForTutor(
	actor: Actor,
	programmeId: string,
	participantId: string,
	q: Queryable = db()
): Promise<Workbook> {
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage', q);
	const place = await participantPlace(participantId, q);
	if (!place || place.programme.id !== programme.id) throw new NotFoundError();
	return place;
}

/** Whether a tutor may read this part of this workbook: only when the participant shares it. */
export function mayReadPart(workbook: Workbook, part: WorkbookPart): boolean {
	return workbook.participant.sharedParts.includes(part);
}

/** The workbooks the actor keeps, newest first, for their home page. */
export async function workbooksOf(actor: Actor, q: Queryable = db()): Promise<Workbook[]> {
	if (!actor.userId) return [];
	const rows = await q
		.select({ id: developmentParticipants.id })
		.from(developmentParticipants)
		.where(eq(developmentParticipants.userId, actor.userId));
	const places = await Promise.all(rows.map((r) => participantPlace(r.id, q)));
	return places.filter((p): p is Workbook => p !== null);
}

/** The organisations in which the actor may run programmes (a provider's tutors, a school's careers leader). */
export function organisationsRunBy(actor: Actor): { id: string; name: string; kind: OrganisationKind }[] {
	return actor.memberships
		.filter((m) => can(actor, 'development.run', m.organisationId))
		.map((m) => ({ id: m.organisationId, name: m.name, kind: m.kind }));
}

/** Programmes run by organisations where the actor is a tutor. */
export async function programmesTutoredBy(actor: Actor, q: Queryable = db()): Promise<DevelopmentProgramme[]> {
	const ids = organisationsRunBy(actor).map((o) => o.id);
	if (!ids.length) return [];
	const rows = await q
		.select(programmeColumns)
		.from(developmentProgrammes)
		.innerJoin(organisations, eq(organisations.id, developmentProgrammes.organisationId))
		.where(inArray(developmentProgrammes.organisationId, ids))
		.orderBy(organisations.name, developmentProgrammes.title);
	return rows.map(toProgramme);
}
