/**
 * A participant's workbook as a whole: how far each part has got, and what the participant shares with
 * their tutor. Nothing is shared until the participant ticks it; tutors see cohort figures without the
 * names of people who did not share.
 *
 * Part states follow one simple rule per part (PART_STATE_RULES says it in words, the page shows it):
 * each is a small count query on that part's table, so the parts' own services need not be loaded.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { db, type Queryable } from '../db/client.ts';
import {
	appreciations,
	benchmarkReflections,
	criticalIncidents,
	developmentParticipants,
	networkContacts,
	networkSnapshots,
	organisations,
	promisePostcards,
	purposeResponses,
	subjectMapEntries,
	subjectMaps
} from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError } from '../errors.ts';
import { workbookForActor, type Workbook } from './access.ts';
import {
	isWorkbookPart,
	WORKBOOK_PART_LABELS,
	WORKBOOK_PART_PATHS,
	WORKBOOK_PARTS,
	type WorkbookPart
} from '../../domain/development.ts';

export const PART_STATES = ['not-started', 'started', 'done'] as const;
export type PartState = (typeof PART_STATES)[number];
export const PART_STATE_LABELS: Record<PartState, string> = {
	'not-started': 'Not started',
	started: 'Started',
	done: 'Done'
};

/** When a part counts as done, in the words the overview shows. */
export const PART_STATE_RULES: Record<WorkbookPart, string> = {
	purpose: 'Done when you have answered it at the start and at the end of the programme.',
	network: 'Done when you have two or more dated snapshots, so growth can be seen.',
	reflection: 'Done when all eight benchmarks have notes from both placements.',
	timeline: 'Done when your timeline has three or more points.',
	postcard: 'Done when you have recorded how far you got at the review.',
	appreciation: 'Done when you have written both what you appreciated and what you are curious about.',
	'subject-maps': 'Done when one of your subject maps has at least one career on it.'
};

export const TIMELINE_POINTS_FOR_DONE = 3;

type Counts = Record<WorkbookPart, { started: boolean; done: boolean }>;

/**
 * Each participant's state for every part. No access check: callers have made theirs (the workbook's
 * own participant; a tutor's cohort figures count states without reading what was written).
 */
export async function partStatesFor(
	participantIds: readonly string[],
	q: Queryable = db()
): Promise<Map<string, Record<WorkbookPart, PartState>>> {
	const result = new Map<string, Record<WorkbookPart, PartState>>();
	if (participantIds.length === 0) return result;
	const ids = [...participantIds];
	const blank = (): Counts =>
		Object.fromEntries(WORKBOOK_PARTS.map((p) => [p, { started: false, done: false }])) as Counts;
	const counts = new Map<string, Counts>(ids.map((id) => [id, blank()]));
	const mark = (id: string | null, part: WorkbookPart, started: boolean, done: boolean) => {
		const c = id ? counts.get(id) : undefined;
		if (!c) return;
		c[part] = { started, done };
	};

	const purpose = await q
		.select({
			id: purposeResponses.participantId,
			n: sql<number>`count(*)::int`,
			hasEnd: sql<boolean>`bool_or(${purposeResponses.occasion} = 'end')`,
			hasStart: sql<boolean>`bool_or(${purposeResponses.occasion} = 'start')`
		})
		.from(purposeResponses)
		.where(inArray(purposeResponses.participantId, ids))
		.groupBy(purposeResponses.participantId);
	for (const r of purpose) mark(r.id, 'purpose', r.n > 0, Boolean(r.hasStart && r.hasEnd));

	const network = await q
		.select({
			id: networkSnapshots.participantId,
			snapshots: sql<number>`count(distinct ${networkSnapshots.id})::int`,
			contacts: sql<number>`count(${networkContacts.id})::int`
		})
		.from(networkSnapshots)
		.leftJoin(networkContacts, eq(networkContacts.snapshotId, networkSnapshots.id))
		.where(inArray(networkSnapshots.participantId, ids))
		.groupBy(networkSnapshots.participantId);
	for (const r of network) mark(r.id, 'network', r.contacts > 0, r.snapshots >= 2 && r.contacts > 0);

	const filled = (column: AnyPgColumn) => sql`coalesce(trim(${column}), '') <> ''`;
	const reflection = await q
		.select({
			id: benchmarkReflections.participantId,
			any: sql<number>`(count(*) filter (where ${filled(benchmarkReflections.placement1)} or ${filled(benchmarkReflections.placement2)}))::int`,
			both: sql<number>`(count(distinct ${benchmarkReflections.benchmark}) filter (where ${filled(benchmarkReflections.placement1)} and ${filled(benchmarkReflections.placement2)}))::int`
		})
		.from(benchmarkReflections)
		.where(inArray(benchmarkReflections.participantId, ids))
		.groupBy(benchmarkReflections.participantId);
	for (const r of reflection) mark(r.id, 'reflection', r.any > 0, r.both >= 8);

	const timeline = await q
		.select({ id: criticalIncidents.participantId, n: sql<number>`count(*)::int` })
		.from(criticalIncidents)
		.where(inArray(criticalIncidents.participantId, ids))
		.groupBy(criticalIncidents.participantId);
	for (const r of timeline) mark(r.id, 'timeline', r.n > 0, r.n >= TIMELINE_POINTS_FOR_DONE);

	const postcards = await q
		.select({ id: promisePostcards.participantId, reviewed: promisePostcards.reviewProgress })
		.from(promisePostcards)
		.where(inArray(promisePostcards.participantId, ids));
	for (const r of postcards) mark(r.id, 'postcard', true, r.reviewed !== null);

	const appreciation = await q
		.select({
			id: appreciations.participantId,
			appreciated: sql<boolean>`coalesce(trim(${appreciations.appreciated}), '') <> ''`,
			curious: sql<boolean>`coalesce(trim(${appreciations.curious}), '') <> ''`
		})
		.from(appreciations)
		.where(inArray(appreciations.participantId, ids));
	for (const r of appreciation)
		mark(r.id, 'appreciation', Boolean(r.appreciated || r.curious), Boolean(r.appreciated && r.curious));

	const maps = await q
		.select({
			id: subjectMaps.participantId,
			maps: sql<number>`count(distinct ${subjectMaps.id})::int`,
			entries: sql<number>`count(${subjectMapEntries.id})::int`
		})
		.from(subjectMaps)
		.leftJoin(subjectMapEntries, eq(subjectMapEntries.mapId, subjectMaps.id))
		.where(inArray(subjectMaps.participantId, ids))
		.groupBy(subjectMaps.participantId);
	for (const r of maps) mark(r.id, 'subject-maps', r.maps > 0, r.entries > 0);

	for (const [id, c] of counts) {
		result.set(
			id,
			Object.fromEntries(
				WORKBOOK_PARTS.map((p) => [p, c[p].done ? 'done' : c[p].started ? 'started' : 'not-started'])
			) as Record<WorkbookPart, PartState>
		);
	}
	return result;
}

export type WorkbookPartSummary = {
	part: WorkbookPart;
	label: string;
	/** Relative to /workbook/[participantId]/. */
	path: string;
	state: PartState;
	stateLabel: string;
	rule: string;
	shared: boolean;
};

export type WorkbookOverview = {
	workbook: Workbook;
	parts: WorkbookPartSummary[];
	/** Placement schools by name: the Waymark school's name when linked, else the name given. */
	placements: { first: string | null; second: string | null };
};

/** The participant's own workbook: every part with its state, and whether it is shared. */
export async function workbookOverview(actor: Actor, participantId: string): Promise<WorkbookOverview> {
	const workbook = await workbookForActor(actor, participantId);
	const states = (await partStatesFor([workbook.participant.id])).get(workbook.participant.id);
	const parts = WORKBOOK_PARTS.map((part) => {
		const state = states?.[part] ?? 'not-started';
		return {
			part,
			label: WORKBOOK_PART_LABELS[part],
			path: WORKBOOK_PART_PATHS[part],
			state,
			stateLabel: PART_STATE_LABELS[state],
			rule: PART_STATE_RULES[part],
			shared: workbook.participant.sharedParts.includes(part)
		};
	});
	const p = workbook.participant;
	const ids = [p.placement1SchoolId, p.placement2SchoolId].filter((id): id is string => id !== null);
	const names = new Map(
		ids.length
			? (
					await db()
						.select({ id: organisations.id, name: organisations.name })
						.from(organisations)
						.where(inArray(organisations.id, ids))
				).map((o) => [o.id, o.name])
			: []
	);
	const placement = (id: string | null, name: string | null) => (id ? (names.get(id) ?? name) : name);
	return {
		workbook,
		parts,
		placements: {
			first: placement(p.placement1SchoolId, p.placement1Name),
			second: placement(p.placement2SchoolId, p.placement2Name)
		}
	};
}

/**
 * What the participant shares with their cohort's tutors: exactly the parts given (others become
 * private again). Only the participant may change it. Audited with the parts' names (not their contents).
 */
export async function saveSharedParts(
	actor: Actor,
	participantId: string,
	parts: readonly string[],
	requestId?: string
): Promise<WorkbookPart[]> {
	const unknown = parts.filter((p) => !isWorkbookPart(p));
	if (unknown.length) throw ValidationError.one('sharedParts', 'Choose parts of the workbook from the list');
	const chosen = WORKBOOK_PARTS.filter((p) => parts.includes(p));
	return db().transaction(async (tx) => {
		const workbook = await workbookForActor(actor, participantId, tx);
		const before = workbook.participant.sharedParts;
		await tx
			.update(developmentParticipants)
			.set({ sharedParts: [...chosen] })
			.where(eq(developmentParticipants.id, workbook.participant.id));
		const names = chosen.map((p) => WORKBOOK_PART_LABELS[p]);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: workbook.programme.organisation.id,
				action: 'workbook.sharing-changed',
				recordType: 'development-participant',
				recordId: workbook.participant.id,
				summary: names.length
					? `${workbook.participant.name} now shares with their tutor: ${names.join(', ')}`
					: `${workbook.participant.name} now shares nothing with their tutor`,
				before: { sharedParts: before },
				after: { sharedParts: chosen }
			},
			requestId
		);
		return [...chosen];
	});
}

/** YYYY-MM-DD for a real date given as YYYY-MM-DD or DD/MM/YYYY (or D M YYYY); undefined otherwise. */
export function workbookDate(input: string): string | undefined {
	const v = input.trim();
	let y: number, m: number, d: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
	const uk = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(v);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (uk) [y, m, d] = [Number(uk[3]), Number(uk[2]), Number(uk[1])];
	else return undefined;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
		return undefined;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
