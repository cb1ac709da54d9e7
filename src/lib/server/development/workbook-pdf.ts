/**
 * A workbook's contents, part by part, and the whole workbook as a PDF (issue 6 §2).
 *
 * `workbookContents` loads ONLY the parts it is asked for: the participant's PDF asks for all of them;
 * the tutor's view (cohort-evaluation.ts) asks only for the shared ones, so an unshared part is never
 * read for a tutor. It reads the other parts' tables (purpose, network, postcard, subject maps) with
 * small queries of its own, and no access check: callers make theirs.
 *
 * The PDF prints the participant's own workbook (workbookForActor: nobody else's) and names only
 * them, their programme and their placement schools; their contacts' names are their own notes.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { db, type Queryable } from '../db/client.ts';
import {
	networkContacts,
	networkSnapshots,
	occupations,
	promisePostcards,
	purposeRatings,
	purposeResponses,
	purposeStatements,
	subjectMapEntries,
	subjectMaps
} from '../db/schema/index.ts';
import type { Actor } from '../access/actor.ts';
import { headerAndFooter, pdfBuffer, simpleTable, type Content, type TDocumentDefinitions } from '../pdf/document.ts';
import { exportBaseName } from '../exports/table.ts';
import { workbookForActor, type Workbook } from './access.ts';
import { loadReflections, reflectionsWritten, type ReflectionGrid } from './reflection.ts';
import { loadIncidents, type Incident } from './timeline.ts';
import { loadAppreciation, type Appreciation } from './appreciation.ts';
import {
	NETWORK_SPHERE_LABELS,
	PROMISE_PROGRESS_LABELS,
	PURPOSE_SCALE_LABELS,
	TIE_TYPE_LABELS,
	WORKBOOK_PARTS,
	WORKBOOK_PART_LABELS,
	type NetworkSphere,
	type PromiseProgress,
	type PurposeOccasion,
	type TieType,
	type WorkbookPart
} from '../../domain/development.ts';
import { purposeChange, scorePurpose, type PurposeChange, type PurposeScore } from '../../domain/purpose.ts';
import { networkGrowth, type NetworkContact } from '../../domain/social-capital.ts';
import { HALF_TERM_LABELS } from '../../domain/activities.ts';
import { academicYearName, longDate, todayInLondon } from '../../domain/academic-year.ts';

export type PurposeAnswered = {
	answeredOn: string;
	aspiration: string | null;
	/** Rating per statement id. */
	ratings: Record<string, number>;
	score: PurposeScore;
};

export type PurposeContent = {
	statements: { id: string; text: string }[];
	start: PurposeAnswered | null;
	end: PurposeAnswered | null;
	change: PurposeChange;
};

export type ContactContent = NetworkContact & { howTheyMightHelp: string | null; couldIntroduce: string | null };

export type NetworkContent = {
	/** Oldest first. */
	snapshots: { id: string; takenOn: string; note: string | null; contacts: ContactContent[] }[];
	/** Between the first and the latest snapshot, when there are two or more. */
	growth: {
		from: string;
		to: string;
		newTies: number;
		weakTiesAdded: number;
		lost: number;
		strengthened: number;
		spheresReached: NetworkSphere[];
	} | null;
};

export type PostcardContent = {
	promiseToMyself: string;
	promiseToMySchool: string;
	achieveBy: string;
	remindOn: string;
	remindedAt: Date | null;
	reviewProgress: PromiseProgress | null;
	reviewNote: string | null;
};

export type SubjectMapContent = {
	id: string;
	subject: string;
	academicYear: number;
	entries: { yearGroup: number; halfTerm: number; occupation: string; note: string | null }[];
};

/** Only the parts asked for are present (and only those were read). */
export type WorkbookContents = {
	purpose?: PurposeContent;
	network?: NetworkContent;
	reflection?: ReflectionGrid;
	timeline?: Incident[];
	postcard?: PostcardContent | null;
	appreciation?: Appreciation;
	subjectMaps?: SubjectMapContent[];
};

/** Both occasions' answers, scored, and the change between them. */
export async function loadPurpose(workbook: Workbook, q: Queryable): Promise<PurposeContent> {
	const statements = await q
		.select({ id: purposeStatements.id, text: purposeStatements.text })
		.from(purposeStatements)
		.where(eq(purposeStatements.programmeId, workbook.programme.id))
		.orderBy(asc(purposeStatements.position), asc(purposeStatements.id));
	const responses = await q
		.select()
		.from(purposeResponses)
		.where(eq(purposeResponses.participantId, workbook.participant.id));
	const ratings = responses.length
		? await q
				.select()
				.from(purposeRatings)
				.where(
					inArray(
						purposeRatings.responseId,
						responses.map((r) => r.id)
					)
				)
		: [];
	const answered = (occasion: PurposeOccasion): PurposeAnswered | null => {
		const response = responses.find((r) => r.occasion === occasion);
		if (!response) return null;
		const mine = ratings.filter((r) => r.responseId === response.id);
		return {
			answeredOn: response.answeredOn,
			aspiration: response.aspiration,
			ratings: Object.fromEntries(mine.map((r) => [r.statementId, r.rating])),
			score: scorePurpose(mine.map((r) => r.rating))
		};
	};
	const start = answered('start');
	const end = answered('end');
	return { statements, start, end, change: purposeChange(start, end) };
}

/** Every snapshot with its contacts, oldest first, and the growth from the first to the latest. */
export async function loadNetwork(workbook: Workbook, q: Queryable): Promise<NetworkContent> {
	const snapshots = await q
		.select()
		.from(networkSnapshots)
		.where(eq(networkSnapshots.participantId, workbook.participant.id))
		.orderBy(asc(networkSnapshots.takenOn), asc(networkSnapshots.createdAt));
	const contacts = snapshots.length
		? await q
				.select()
				.from(networkContacts)
				.where(
					inArray(
						networkContacts.snapshotId,
						snapshots.map((s) => s.id)
					)
				)
				.orderBy(asc(networkContacts.position), asc(networkContacts.name))
		: [];
	const shaped = snapshots.map((s) => ({
		id: s.id,
		takenOn: s.takenOn,
		note: s.note,
		contacts: contacts
			.filter((c) => c.snapshotId === s.id)
			.map((c) => ({
				personKey: c.personKey,
				name: c.name,
				sphere: c.sphere as NetworkSphere,
				tieStrength: c.tieStrength,
				tieType: c.tieType as TieType | null,
				howTheyMightHelp: c.howTheyMightHelp,
				couldIntroduce: c.couldIntroduce
			}))
	}));
	const first = shaped[0];
	const latest = shaped.at(-1);
	let growth: NetworkContent['growth'] = null;
	if (first && latest && shaped.length > 1) {
		const g = networkGrowth(first.contacts, latest.contacts);
		growth = {
			from: first.takenOn,
			to: latest.takenOn,
			newTies: g.newTies.length,
			weakTiesAdded: g.weakTiesAdded.length,
			lost: g.lost.length,
			strengthened: g.strengthened.length,
			spheresReached: g.spheresReached
		};
	}
	return { snapshots: shaped, growth };
}

export async function loadPostcard(workbook: Workbook, q: Queryable): Promise<PostcardContent | null> {
	const [row] = await q
		.select()
		.from(promisePostcards)
		.where(eq(promisePostcards.participantId, workbook.participant.id));
	if (!row) return null;
	return {
		promiseToMyself: row.promiseToMyself,
		promiseToMySchool: row.promiseToMySchool,
		achieveBy: row.achieveBy,
		remindOn: row.remindOn,
		remindedAt: row.remindedAt,
		reviewProgress: row.reviewProgress as PromiseProgress | null,
		reviewNote: row.reviewNote
	};
}

export async function loadSubjectMaps(workbook: Workbook, q: Queryable): Promise<SubjectMapContent[]> {
	const maps = await q
		.select()
		.from(subjectMaps)
		.where(eq(subjectMaps.participantId, workbook.participant.id))
		.orderBy(asc(subjectMaps.subject), asc(subjectMaps.academicYear));
	const entries = maps.length
		? await q
				.select({
					mapId: subjectMapEntries.mapId,
					yearGroup: subjectMapEntries.yearGroup,
					halfTerm: subjectMapEntries.halfTerm,
					note: subjectMapEntries.note,
					occupation: occupations.title,
					position: subjectMapEntries.position
				})
				.from(subjectMapEntries)
				.innerJoin(occupations, eq(occupations.id, subjectMapEntries.occupationId))
				.where(
					inArray(
						subjectMapEntries.mapId,
						maps.map((m) => m.id)
					)
				)
				.orderBy(asc(subjectMapEntries.yearGroup), asc(subjectMapEntries.halfTerm), asc(subjectMapEntries.position))
		: [];
	return maps.map((m) => ({
		id: m.id,
		subject: m.subject,
		academicYear: m.academicYear,
		entries: entries
			.filter((e) => e.mapId === m.id)
			.map((e) => ({ yearGroup: e.yearGroup, halfTerm: e.halfTerm, occupation: e.occupation, note: e.note }))
	}));
}

/** Loads the parts asked for, and nothing else. No access check: the caller has made it. */
export async function workbookContents(
	workbook: Workbook,
	parts: readonly WorkbookPart[],
	q: Queryable = db()
): Promise<WorkbookContents> {
	const contents: WorkbookContents = {};
	if (parts.includes('purpose')) contents.purpose = await loadPurpose(workbook, q);
	if (parts.includes('network')) contents.network = await loadNetwork(workbook, q);
	if (parts.includes('reflection')) contents.reflection = await loadReflections(workbook, q);
	if (parts.includes('timeline')) contents.timeline = await loadIncidents(workbook, q);
	if (parts.includes('postcard')) contents.postcard = await loadPostcard(workbook, q);
	if (parts.includes('appreciation')) contents.appreciation = await loadAppreciation(workbook, q);
	if (parts.includes('subject-maps')) contents.subjectMaps = await loadSubjectMaps(workbook, q);
	return contents;
}

/** Whether a loaded part has anything in it (a part not loaded has nothing). */
export function hasContent(contents: WorkbookContents, part: WorkbookPart): boolean {
	switch (part) {
		case 'purpose':
			return Boolean(contents.purpose && (contents.purpose.start || contents.purpose.end));
		case 'network':
			return Boolean(contents.network?.snapshots.length);
		case 'reflection':
			return Boolean(contents.reflection && reflectionsWritten(contents.reflection));
		case 'timeline':
			return Boolean(contents.timeline?.length);
		case 'postcard':
			return Boolean(contents.postcard);
		case 'appreciation':
			return Boolean(contents.appreciation && (contents.appreciation.appreciated || contents.appreciation.curious));
		case 'subject-maps':
			return Boolean(contents.subjectMaps?.length);
	}
}

const fixed = (n: number | null, places = 1) => (n === null ? '–' : n.toFixed(places));
const signed = (n: number | null, places = 1) => (n === null ? '–' : `${n > 0 ? '+' : ''}${n.toFixed(places)}`);
const rating = (r: number | undefined) => (r === undefined ? '–' : `${r} (${PURPOSE_SCALE_LABELS[r] ?? ''})`);

function paragraph(label: string, value: string | null | undefined): Content[] {
	if (!value) return [];
	return [
		{ text: label, bold: true, margin: [0, 4, 0, 2] },
		{ text: value, margin: [0, 0, 0, 6] }
	];
}

function purposeSection(p: PurposeContent): Content[] {
	const out: Content[] = [{ text: WORKBOOK_PART_LABELS.purpose, style: 'h2' }];
	for (const [label, a] of [
		['At the start', p.start],
		['At the end', p.end]
	] as const) {
		if (!a) continue;
		out.push({ text: `${label} (${longDate(a.answeredOn)})`, style: 'h3' });
		out.push(...paragraph('I aspire to become…', a.aspiration));
		out.push({
			text: `Score: total ${a.score.total} from ${a.score.answered} of ${p.statements.length} statements; mean ${fixed(a.score.mean, 2)} (1 strongly disagree – 5 strongly agree).`,
			margin: [0, 0, 0, 6]
		});
	}
	out.push(
		simpleTable(
			['Statement', 'Start', 'End', 'Change'],
			p.statements.map((s) => {
				const change = p.change.perStatement.find((c) => c.statementId === s.id)?.change ?? null;
				return [s.text, rating(p.start?.ratings[s.id]), rating(p.end?.ratings[s.id]), signed(change, 0)];
			}),
			['*', 85, 85, 45]
		)
	);
	if (p.change.mean !== null)
		out.push({
			text: `Change from start to end (statements answered both times): total ${signed(p.change.total, 0)}, mean ${signed(p.change.mean, 2)}.`
		});
	return out;
}

function networkSection(n: NetworkContent): Content[] {
	const out: Content[] = [{ text: WORKBOOK_PART_LABELS.network, style: 'h2' }];
	for (const s of n.snapshots) {
		out.push({ text: `Snapshot of ${longDate(s.takenOn)}`, style: 'h3' });
		if (s.note) out.push({ text: s.note, margin: [0, 0, 0, 4] });
		out.push(
			s.contacts.length
				? simpleTable(
						['Contact', 'Sphere', 'Strength (1–10)', 'Type of tie', 'How they might help', 'Could introduce me to'],
						s.contacts.map((c) => [
							c.name,
							NETWORK_SPHERE_LABELS[c.sphere] ?? c.sphere,
							String(c.tieStrength),
							c.tieType ? (TIE_TYPE_LABELS[c.tieType] ?? c.tieType) : '–',
							c.howTheyMightHelp ?? '',
							c.couldIntroduce ?? ''
						]),
						[75, 65, 55, 62, '*', '*']
					)
				: { text: 'No contacts in this snapshot.', style: 'muted' }
		);
	}
	if (n.growth) {
		const g = n.growth;
		out.push({
			text: `Growth from ${longDate(g.from)} to ${longDate(g.to)}: ${g.newTies} new ties (${g.weakTiesAdded} of them weak ties), ${g.strengthened} strengthened, ${g.lost} no longer listed; spheres reached: ${g.spheresReached.length ? g.spheresReached.map((s) => NETWORK_SPHERE_LABELS[s]).join(', ') : 'none new'}.`
		});
	}
	return out;
}

function reflectionSection(r: ReflectionGrid): Content[] {
	const p1 = `What I noticed on placement 1${r.placement1 ? ` (${r.placement1})` : ''}`;
	const p2 = `What I found out on placement 2${r.placement2 ? ` (${r.placement2})` : ''}`;
	return [
		{ text: WORKBOOK_PART_LABELS.reflection, style: 'h2' },
		{ text: r.frameworkName, style: 'muted', margin: [0, 0, 0, 4] },
		simpleTable(
			['Benchmark', p1, p2],
			r.entries
				.filter((e) => e.placement1 || e.placement2)
				.map((e) => [`${e.benchmark}. ${e.title}`, e.placement1, e.placement2]),
			[110, '*', '*']
		)
	];
}

function timelineSection(t: Incident[]): Content[] {
	return [
		{ text: WORKBOOK_PART_LABELS.timeline, style: 'h2' },
		{ text: 'Levels from 0 to 10 of knowledge, skills and values in careers education.', margin: [0, 0, 0, 4] },
		simpleTable(
			['#', 'Date', 'Knowledge', 'Skills', 'Values', 'What happened'],
			t.map((i, n) => [
				String(n + 1),
				longDate(i.occurredOn),
				String(i.knowledge),
				String(i.skills),
				String(i.values),
				i.annotation
			]),
			[18, 78, 66, 42, 46, '*']
		)
	];
}

function postcardSection(p: PostcardContent): Content[] {
	return [
		{ text: WORKBOOK_PART_LABELS.postcard, style: 'h2' },
		...paragraph('My promise to myself', p.promiseToMyself),
		...paragraph('My promise to my school', p.promiseToMySchool),
		{
			text: `I will achieve them by ${longDate(p.achieveBy)}. Reminder on ${longDate(p.remindOn)}.`,
			margin: [0, 0, 0, 6]
		},
		...(p.reviewProgress
			? [
					{ text: `How far I got: ${PROMISE_PROGRESS_LABELS[p.reviewProgress] ?? p.reviewProgress}`, bold: true },
					...paragraph('What I say about it', p.reviewNote)
				]
			: [])
	];
}

function appreciationSection(a: Appreciation): Content[] {
	return [
		{ text: WORKBOOK_PART_LABELS.appreciation, style: 'h2' },
		...paragraph('One thing I appreciated', a.appreciated),
		...paragraph('One thing I am curious to learn more about', a.curious)
	];
}

function subjectMapsSection(maps: SubjectMapContent[]): Content[] {
	const out: Content[] = [{ text: WORKBOOK_PART_LABELS['subject-maps'], style: 'h2' }];
	for (const m of maps) {
		out.push({ text: `${m.subject}, ${academicYearName(m.academicYear)}`, style: 'h3' });
		out.push(
			m.entries.length
				? simpleTable(
						['Year group', 'Half-term', 'Career', 'Link to the topic'],
						m.entries.map((e) => [
							`Year ${e.yearGroup}`,
							HALF_TERM_LABELS[e.halfTerm as keyof typeof HALF_TERM_LABELS] ?? String(e.halfTerm),
							e.occupation,
							e.note ?? ''
						]),
						[55, 60, 150, '*']
					)
				: { text: 'No careers on this map yet.', style: 'muted' }
		);
	}
	return out;
}

export const WORKBOOK_PDF_TITLE = 'My development workbook';

/** The document: each part that has something in it, in the workbook's order. */
export function workbookDocument(
	workbook: Workbook,
	contents: WorkbookContents,
	printedOn = longDate(todayInLondon())
): TDocumentDefinitions {
	const p = workbook.participant;
	const content: Content[] = [
		{ text: WORKBOOK_PDF_TITLE, style: 'title' },
		{
			text: `${p.name}${p.subject ? ` (${p.subject})` : ''} · ${workbook.programme.title} · ${workbook.cohort.name} · ${workbook.programme.organisation.name}`,
			style: 'subtitle'
		}
	];
	const empty: string[] = [];
	for (const part of WORKBOOK_PARTS) {
		if (!hasContent(contents, part)) {
			empty.push(WORKBOOK_PART_LABELS[part]);
			continue;
		}
		if (part === 'purpose' && contents.purpose) content.push(...purposeSection(contents.purpose));
		if (part === 'network' && contents.network) content.push(...networkSection(contents.network));
		if (part === 'reflection' && contents.reflection) content.push(...reflectionSection(contents.reflection));
		if (part === 'timeline' && contents.timeline) content.push(...timelineSection(contents.timeline));
		if (part === 'postcard' && contents.postcard) content.push(...postcardSection(contents.postcard));
		if (part === 'appreciation' && contents.appreciation) content.push(...appreciationSection(contents.appreciation));
		if (part === 'subject-maps' && contents.subjectMaps) content.push(...subjectMapsSection(contents.subjectMaps));
	}
	if (empty.length)
		content.push({ text: `Not started yet: ${empty.join(', ')}.`, style: 'muted', margin: [0, 12, 0, 0] });
	return {
		info: {
			title: `${WORKBOOK_PDF_TITLE} – ${p.name}`,
			author: p.name,
			subject: `${workbook.programme.title}, ${workbook.cohort.name}`,
			creator: 'Waymark'
		},
		...headerAndFooter({ organisation: workbook.programme.organisation.name, title: p.name, printedOn }),
		content
	};
}

/** The participant's whole workbook as a PDF. Anyone else's: not found. */
export async function workbookPdf(actor: Actor, participantId: string): Promise<{ pdf: Buffer; filename: string }> {
	const workbook = await workbookForActor(actor, participantId);
	const contents = await workbookContents(workbook, WORKBOOK_PARTS);
	const pdf = await pdfBuffer(workbookDocument(workbook, contents));
	const filename = `${exportBaseName('workbook', workbook.participant.name, workbook.programme.title)}.pdf`;
	return { pdf, filename };
}
