/**
 * The programme from the tutor's side (issue 6 §3): one participant's SHARED workbook parts, and the
 * cohort's figures for evaluating the programme, without exposing anyone who did not share.
 *
 * Privacy rules, in one place:
 * - A participant's unshared part is never read for a tutor: `sharedWorkbook` loads only the parts in
 *   `shared_parts` (mayReadPart), and the cohort figures read content only of participants who share
 *   that part.
 * - Completion counts (how many started or completed each part) count everyone: a count says nothing
 *   about what anyone wrote.
 * - THE SMALL-NUMBERS RULE: any figure or list worked out from fewer than SMALL_NUMBER (3) sharing
 *   participants is not shown ("too few to show without identifying people"): with one or two people
 *   behind a mean, a tutor who knows the cohort could tell what each of them answered. A suppressed
 *   figure carries no value at all (null, or an empty list), so no page or export can leak it.
 * - Appreciation and curiosity lists are anonymous: the text only, sorted alphabetically (never in an
 *   order that follows the participant list), never with names.
 */
import { asc, desc, eq, inArray, sql, type AnyColumn } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import {
	appreciations,
	benchmarkReflections,
	criticalIncidents,
	developmentCohorts,
	developmentParticipants,
	networkContacts,
	networkSnapshots,
	promisePostcards,
	purposeResponses,
	subjectMapEntries,
	subjectMaps
} from '../db/schema/index.ts';
import { NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { ExportTable } from '../exports/table.ts';
import {
	mayReadPart,
	participantForTutor,
	participantPlace,
	programmeForActor,
	type DevelopmentProgramme,
	type Workbook
} from './access.ts';
import { placementNames, reflectionFramework } from './reflection.ts';
import { hasContent, workbookContents, type WorkbookContents } from './workbook-pdf.ts';
import {
	PARTICIPANT_KIND_LABELS,
	WORKBOOK_PARTS,
	WORKBOOK_PART_LABELS,
	type WorkbookPart
} from '../../domain/development.ts';

/** Figures from fewer sharing participants than this are not shown (see the rule above). */
export const SMALL_NUMBER = 3;
export const TOO_FEW = 'Too few to show without identifying people';

// ——— One participant's shared parts ———

export type SharedWorkbook = {
	participant: {
		id: string;
		name: string;
		email: string;
		kindLabel: string;
		subject: string | null;
		placement1: string | null;
		placement2: string | null;
		accepted: boolean;
	};
	cohort: Workbook['cohort'];
	programme: DevelopmentProgramme;
	/** Every part in workbook order: shared or not, and (shared only) whether it has anything in it. */
	parts: { part: WorkbookPart; label: string; shared: boolean; hasContent: boolean }[];
	/** The shared parts' contents; unshared parts are absent (never loaded). */
	contents: WorkbookContents;
};

/**
 * A participant's workbook as their tutor sees it: the shared parts only. Reading it is recorded in the
 * audit trail (which parts were read), in the same transaction as the read.
 */
export async function sharedWorkbook(
	actor: Actor,
	programmeId: string,
	participantId: string,
	requestId?: string
): Promise<SharedWorkbook> {
	return db().transaction(async (tx) => {
		const place = await participantForTutor(actor, programmeId, participantId, tx);
		const shared = WORKBOOK_PARTS.filter((part) => mayReadPart(place, part));
		const contents = await workbookContents(place, shared, tx);
		const placements = await placementNames(place, tx);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: place.programme.organisation.id,
				action: 'workbook.viewed-by-tutor',
				recordType: 'workbook',
				recordId: place.participant.id,
				summary: `Read the shared parts of ${place.participant.name}’s workbook (${place.programme.title})`,
				after: { parts: shared }
			},
			requestId
		);
		const p = place.participant;
		return {
			participant: {
				id: p.id,
				name: p.name,
				email: p.email,
				kindLabel: PARTICIPANT_KIND_LABELS[p.kind] ?? p.kind,
				subject: p.subject,
				...placements,
				accepted: p.userId !== null
			},
			cohort: place.cohort,
			programme: place.programme,
			parts: WORKBOOK_PARTS.map((part) => ({
				part,
				label: WORKBOOK_PART_LABELS[part],
				shared: shared.includes(part),
				hasContent: shared.includes(part) && hasContent(contents, part)
			})),
			contents
		};
	});
}

// ——— The cohort's figures ———

/** A figure worked out from `base` sharing participants; `value` is null when suppressed or unknown. */
export type Figure = { value: number | null; base: number; suppressed: boolean };

export type PurposeBand = { label: string; from: number; to: number };
/** Bands of a participant's mean purpose score (1 strongly disagree … 5 strongly agree). */
export const PURPOSE_BANDS: readonly PurposeBand[] = [
	{ label: '1 to 1.9', from: 1, to: 2 },
	{ label: '2 to 2.9', from: 2, to: 3 },
	{ label: '3 to 3.9', from: 3, to: 4 },
	{ label: '4 to 5', from: 4, to: 5.0001 }
];

/** What "started" and "completed" mean for each part, as the page explains them. */
export const COMPLETION_RULES: Record<WorkbookPart, { started: string; completed: string }> = {
	purpose: { started: 'answered at the start or the end', completed: 'answered at the start and at the end' },
	network: { started: 'at least one contact', completed: 'two or more snapshots, so growth shows' },
	reflection: {
		started: 'something written for any benchmark',
		completed: 'both placements written for all eight benchmarks'
	},
	timeline: { started: 'at least one point', completed: 'two or more points' },
	postcard: { started: 'promises written', completed: 'progress reviewed' },
	appreciation: { started: 'either question answered', completed: 'both questions answered' },
	'subject-maps': { started: 'a map made', completed: 'a map with at least one career on it' }
};

export type CompletionRow = {
	part: WorkbookPart;
	label: string;
	started: number;
	completed: number;
	/** How many participants share this part with tutors. */
	sharing: number;
	rules: { started: string; completed: string };
};

export type CohortEvaluation = {
	programme: { id: string; title: string };
	cohorts: { id: string; name: string }[];
	/** The cohort shown, or null when the programme has none yet. */
	cohort: { id: string; name: string } | null;
	/** Everyone on the cohort (M in "from N of M"). */
	participants: number;
	completion: CompletionRow[];
	purpose: {
		/** Participants who share the questionnaire (N). */
		sharing: number;
		before: Figure;
		after: Figure;
		/** Mean change over statements answered both times, from those who answered both times. */
		change: Figure;
		/** Counts per band of mean score; null counts when that occasion's figure is suppressed. */
		distribution: { label: string; before: number | null; after: number | null }[];
	};
	network: {
		sharing: number;
		/** Sharers with two or more snapshots: growth is worked out from them. */
		newTies: Figure;
		weakTiesAdded: Figure;
		spheresReached: Figure;
	};
	reflection: {
		sharing: number;
		suppressed: boolean;
		frameworkName: string;
		/** Per benchmark: how many sharing participants wrote something for placement 1 and 2. */
		benchmarks: { benchmark: number; title: string; placement1: number | null; placement2: number | null }[];
	};
	appreciation: {
		sharing: number;
		appreciated: { base: number; suppressed: boolean; items: string[] };
		curious: { base: number; suppressed: boolean; items: string[] };
	};
};

function figure(values: readonly number[]): Figure {
	const base = values.length;
	if (base < SMALL_NUMBER) return { value: null, base, suppressed: true };
	return { value: values.reduce((a, b) => a + b, 0) / base, base, suppressed: false };
}

function bandCounts(means: readonly number[]): number[] {
	return PURPOSE_BANDS.map((b) => means.filter((m) => m >= b.from && m < b.to).length);
}

function anonymousList(texts: readonly string[]): { base: number; suppressed: boolean; items: string[] } {
	const items = texts.map((t) => t.trim()).filter((t) => t !== '');
	if (items.length < SMALL_NUMBER) return { base: items.length, suppressed: true, items: [] };
	return { base: items.length, suppressed: false, items: [...items].sort((a, b) => a.localeCompare(b, 'en-GB')) };
}

type Facts = { started: Set<string>; completed: Set<string> };

/** Who has started and completed each part: counts only, read for everyone (no content leaves here). */
async function completionFacts(q: Queryable, ids: string[]): Promise<Record<WorkbookPart, Facts>> {
	const facts = Object.fromEntries(
		WORKBOOK_PARTS.map((p) => [p, { started: new Set<string>(), completed: new Set<string>() }])
	) as Record<WorkbookPart, Facts>;
	if (!ids.length) return facts;
	const mark = (part: WorkbookPart, id: string, started: boolean, completed: boolean) => {
		if (started) facts[part].started.add(id);
		if (completed) facts[part].completed.add(id);
	};

	for (const r of await q
		.select({
			id: purposeResponses.participantId,
			n: sql<number>`count(distinct ${purposeResponses.occasion})::int`
		})
		.from(purposeResponses)
		.where(inArray(purposeResponses.participantId, ids))
		.groupBy(purposeResponses.participantId))
		mark('purpose', r.id, r.n >= 1, r.n >= 2);

	for (const r of await q
		.select({
			id: networkSnapshots.participantId,
			snapshots: sql<number>`count(distinct ${networkSnapshots.id})::int`,
			contacts: sql<number>`count(${networkContacts.id})::int`
		})
		.from(networkSnapshots)
		.leftJoin(networkContacts, eq(networkContacts.snapshotId, networkSnapshots.id))
		.where(inArray(networkSnapshots.participantId, ids))
		.groupBy(networkSnapshots.participantId))
		if (r.id) mark('network', r.id, r.contacts >= 1, r.snapshots >= 2);

	const written = (column: AnyColumn) => sql`coalesce(btrim(${column}), '') <> ''`;
	for (const r of await q
		.select({
			id: benchmarkReflections.participantId,
			any: sql<number>`count(*) filter (where ${written(benchmarkReflections.placement1)} or ${written(benchmarkReflections.placement2)})::int`,
			both: sql<number>`count(*) filter (where ${written(benchmarkReflections.placement1)} and ${written(benchmarkReflections.placement2)})::int`
		})
		.from(benchmarkReflections)
		.where(inArray(benchmarkReflections.participantId, ids))
		.groupBy(benchmarkReflections.participantId))
		mark('reflection', r.id, r.any >= 1, r.both >= 8);

	for (const r of await q
		.select({ id: criticalIncidents.participantId, n: sql<number>`count(*)::int` })
		.from(criticalIncidents)
		.where(inArray(criticalIncidents.participantId, ids))
		.groupBy(criticalIncidents.participantId))
		mark('timeline', r.id, r.n >= 1, r.n >= 2);

	for (const r of await q
		.select({ id: promisePostcards.participantId, reviewed: promisePostcards.reviewProgress })
		.from(promisePostcards)
		.where(inArray(promisePostcards.participantId, ids)))
		mark('postcard', r.id, true, r.reviewed !== null);

	for (const r of await q
		.select({
			id: appreciations.participantId,
			appreciated: sql<boolean>`coalesce(btrim(${appreciations.appreciated}), '') <> ''`,
			curious: sql<boolean>`coalesce(btrim(${appreciations.curious}), '') <> ''`
		})
		.from(appreciations)
		.where(inArray(appreciations.participantId, ids)))
		mark('appreciation', r.id, r.appreciated || r.curious, r.appreciated && r.curious);

	for (const r of await q
		.select({
			id: subjectMaps.participantId,
			entries: sql<number>`count(${subjectMapEntries.id})::int`
		})
		.from(subjectMaps)
		.leftJoin(subjectMapEntries, eq(subjectMapEntries.mapId, subjectMaps.id))
		.where(inArray(subjectMaps.participantId, ids))
		.groupBy(subjectMaps.participantId))
		if (r.id) mark('subject-maps', r.id, true, r.entries >= 1);

	return facts;
}

/** The programme's cohorts, newest first. */
async function cohortsOf(q: Queryable, programmeId: string): Promise<{ id: string; name: string }[]> {
	return q
		.select({ id: developmentCohorts.id, name: developmentCohorts.name })
		.from(developmentCohorts)
		.where(eq(developmentCohorts.programmeId, programmeId))
		.orderBy(
			sql`${developmentCohorts.startsOn} desc nulls last`,
			desc(developmentCohorts.createdAt),
			asc(developmentCohorts.name)
		);
}

/**
 * The cohort's figures for the programme's tutors (development.manage). `cohortId` picks the cohort
 * (default: the newest); a cohort of another programme is not found.
 */
export async function cohortEvaluation(
	actor: Actor,
	programmeId: string,
	cohortId?: string | null
): Promise<CohortEvaluation> {
	const q = db();
	const { programme } = await programmeForActor(actor, programmeId, 'development.manage', q);
	const cohorts = await cohortsOf(q, programme.id);
	let cohort = cohorts[0] ?? null;
	if (cohortId) {
		if (!z.uuid().safeParse(cohortId).success) throw new NotFoundError();
		cohort = cohorts.find((c) => c.id === cohortId) ?? null;
		if (!cohort) throw new NotFoundError();
	}
	const framework = reflectionFramework();
	const people = cohort
		? await q
				.select({ id: developmentParticipants.id, sharedParts: developmentParticipants.sharedParts })
				.from(developmentParticipants)
				.where(eq(developmentParticipants.cohortId, cohort.id))
		: [];
	const ids = people.map((p) => p.id);
	const sharing = (part: WorkbookPart) => people.filter((p) => p.sharedParts.includes(part)).map((p) => p.id);
	const facts = await completionFacts(q, ids);

	// Content is read only for participants who share the part, and only that part.
	const shared = new Map<string, WorkbookContents>();
	for (const person of people) {
		const parts = (['purpose', 'network', 'reflection', 'appreciation'] as const).filter((p) =>
			person.sharedParts.includes(p)
		);
		if (!parts.length) continue;
		const place = await participantPlace(person.id, q);
		if (!place || place.cohort.id !== cohort?.id) continue;
		shared.set(person.id, await workbookContents(place, parts, q));
	}
	const contentsOf = (part: WorkbookPart) =>
		sharing(part)
			.map((id) => shared.get(id))
			.filter((c): c is WorkbookContents => c !== undefined);

	// Purpose: each sharer's mean score at the start and at the end, and their mean change.
	const purposes = contentsOf('purpose').flatMap((c) => (c.purpose ? [c.purpose] : []));
	const beforeMeans = purposes.flatMap((p) => (p.start?.score.mean != null ? [p.start.score.mean] : []));
	const afterMeans = purposes.flatMap((p) => (p.end?.score.mean != null ? [p.end.score.mean] : []));
	const changes = purposes.flatMap((p) => (p.change.mean !== null ? [p.change.mean] : []));
	const before = figure(beforeMeans);
	const after = figure(afterMeans);
	const beforeBands = bandCounts(beforeMeans);
	const afterBands = bandCounts(afterMeans);

	// Network growth from the first to the latest snapshot, for sharers with two or more.
	const growths = contentsOf('network').flatMap((c) => (c.network?.growth ? [c.network.growth] : []));

	// Reflection themes: per benchmark, how many sharers wrote something.
	const grids = contentsOf('reflection').flatMap((c) => (c.reflection ? [c.reflection] : []));
	const reflectionSharing = sharing('reflection').length;
	const reflectionSuppressed = reflectionSharing < SMALL_NUMBER;

	const appreciationsShared = contentsOf('appreciation').flatMap((c) => (c.appreciation ? [c.appreciation] : []));

	return {
		programme: { id: programme.id, title: programme.title },
		cohorts,
		cohort,
		participants: people.length,
		completion: WORKBOOK_PARTS.map((part) => ({
			part,
			label: WORKBOOK_PART_LABELS[part],
			started: facts[part].started.size,
			completed: facts[part].completed.size,
			sharing: sharing(part).length,
			rules: COMPLETION_RULES[part]
		})),
		purpose: {
			sharing: sharing('purpose').length,
			before,
			after,
			change: figure(changes),
			distribution: PURPOSE_BANDS.map((b, i) => ({
				label: b.label,
				before: before.suppressed ? null : (beforeBands[i] ?? 0),
				after: after.suppressed ? null : (afterBands[i] ?? 0)
			}))
		},
		network: {
			sharing: sharing('network').length,
			newTies: figure(growths.map((g) => g.newTies)),
			weakTiesAdded: figure(growths.map((g) => g.weakTiesAdded)),
			spheresReached: figure(growths.map((g) => g.spheresReached.length))
		},
		reflection: {
			sharing: reflectionSharing,
			suppressed: reflectionSuppressed,
			frameworkName: framework.name,
			benchmarks: framework.benchmarks.map((b) => {
				const count = (placement: 'placement1' | 'placement2') =>
					reflectionSuppressed
						? null
						: grids.filter((g) => (g.entries.find((e) => e.benchmark === b.number)?.[placement] ?? '') !== '').length;
				return {
					benchmark: b.number,
					title: b.title,
					placement1: count('placement1'),
					placement2: count('placement2')
				};
			})
		},
		appreciation: {
			sharing: sharing('appreciation').length,
			appreciated: anonymousList(appreciationsShared.map((a) => a.appreciated)),
			curious: anonymousList(appreciationsShared.map((a) => a.curious))
		}
	};
}

/** "From 5 of 12 participants who share this part." */
export function basedOn(n: number, m: number): string {
	return `From ${n} of ${m} participants who share this part`;
}

const figureCell = (f: Figure, places = 2) =>
	f.suppressed ? TOO_FEW : f.value === null ? '' : Number(f.value.toFixed(places));

/**
 * The evaluation as one table for the programme's report (CSV or XLSX): the same figures as the page,
 * suppressed ones written as "Too few to show…", lists as one row per item. No names.
 */
export function evaluationTable(e: CohortEvaluation): ExportTable {
	const m = e.participants;
	const rows: (string | number | null)[][] = [];
	const add = (part: string, measure: string, value: string | number | null, base: string) =>
		rows.push([part, measure, value, base]);
	for (const c of e.completion) {
		add(c.label, `Started (${c.rules.started})`, c.started, `${m} participants`);
		add(c.label, `Completed (${c.rules.completed})`, c.completed, `${m} participants`);
		add(c.label, 'Share this part with tutors', c.sharing, `${m} participants`);
	}
	const purposeBase = basedOn(e.purpose.sharing, m);
	const purposeLabel = WORKBOOK_PART_LABELS.purpose;
	add(
		purposeLabel,
		'Mean score at the start (1–5)',
		figureCell(e.purpose.before),
		`${purposeBase}; ${e.purpose.before.base} answered at the start`
	);
	add(
		purposeLabel,
		'Mean score at the end (1–5)',
		figureCell(e.purpose.after),
		`${purposeBase}; ${e.purpose.after.base} answered at the end`
	);
	add(
		purposeLabel,
		'Mean change, start to end',
		figureCell(e.purpose.change),
		`${purposeBase}; ${e.purpose.change.base} answered both times`
	);
	for (const d of e.purpose.distribution) {
		add(purposeLabel, `Mean score ${d.label} at the start`, d.before ?? TOO_FEW, purposeBase);
		add(purposeLabel, `Mean score ${d.label} at the end`, d.after ?? TOO_FEW, purposeBase);
	}
	const networkBase = `${basedOn(e.network.sharing, m)}; ${e.network.newTies.base} with two or more snapshots`;
	const networkLabel = WORKBOOK_PART_LABELS.network;
	add(networkLabel, 'Mean new ties', figureCell(e.network.newTies, 1), networkBase);
	add(networkLabel, 'Mean weak ties added', figureCell(e.network.weakTiesAdded, 1), networkBase);
	add(networkLabel, 'Mean spheres reached', figureCell(e.network.spheresReached, 1), networkBase);
	const reflectionBase = basedOn(e.reflection.sharing, m);
	for (const b of e.reflection.benchmarks) {
		const label = WORKBOOK_PART_LABELS.reflection;
		add(
			label,
			`Benchmark ${b.benchmark} (${b.title}): wrote about placement 1`,
			b.placement1 ?? TOO_FEW,
			reflectionBase
		);
		add(
			label,
			`Benchmark ${b.benchmark} (${b.title}): wrote about placement 2`,
			b.placement2 ?? TOO_FEW,
			reflectionBase
		);
	}
	const appreciationBase = basedOn(e.appreciation.sharing, m);
	for (const [measure, list] of [
		['One thing I appreciated', e.appreciation.appreciated],
		['One thing I am curious to learn more about', e.appreciation.curious]
	] as const) {
		if (list.suppressed) add(WORKBOOK_PART_LABELS.appreciation, measure, TOO_FEW, appreciationBase);
		else for (const item of list.items) add(WORKBOOK_PART_LABELS.appreciation, measure, item, appreciationBase);
	}
	return {
		sheetName: 'Programme evaluation',
		headers: ['Part', 'Figure', 'Value', 'Participants counted'],
		rows
	};
}
