/**
 * One pupil's careers record (Benchmark 3: pupils have access to their records): characteristics, a
 * year-by-year timeline of every encounter they were recorded at, guidance meetings and their agreed
 * actions, destinations and referrals, gathered in ONE transaction together with its audit event.
 *
 * Guidance notes are read only for those allowed (`guidance.notes`), and reading them writes its own
 * audit event. The download (a pupil's or parent's copy) never carries notes.
 *
 * The tables are queried directly here, apart from the encounter, guidance and destination services,
 * so the record does not change shape when those pages do.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client.ts';
import {
	attendance,
	deliveredActivities,
	deliveredActivityPartners,
	destinations,
	guidanceMeetings,
	partners,
	pupils,
	referrals,
	users
} from '../db/schema/index.ts';
import { authorise, can, NotFoundError, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { School } from '../schools/service.ts';
import { yearGroupSql, type PupilRecord } from './service.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';
import { ACTIVITY_TYPE_LABELS, isActivityType } from '../../domain/activities.ts';
import { DESTINATION_GROUP_LABELS, nccisCode } from '../../domain/destinations.ts';
import { pupilDisplayName } from '../../domain/pupil-characteristics.ts';

export type TimelineEncounter = {
	id: string;
	date: string;
	endDate: string | null;
	title: string;
	type: string;
	typeLabel: string;
	partners: string[];
	benchmarks: number[];
	attended: boolean;
	/** The pupil's own reflection, in their words. */
	reflection: string | null;
};

export type TimelineYear = {
	academicYear: number;
	/** "2024/25" */
	name: string;
	yearGroup: number;
	encounters: TimelineEncounter[];
};

export type GuidanceEntry = {
	id: string;
	date: string;
	startTime: string | null;
	adviserName: string;
	adviserLevel: number | null;
	format: 'one-to-one' | 'small-group';
	formatLabel: string;
	status: 'booked' | 'held';
	agreedActions: string | null;
	/** Only for those allowed to read notes (and never in the download); otherwise undefined. */
	notes?: string | null;
};

export type DestinationEntry = {
	id: string;
	kind: 'intended' | 'actual';
	academicYear: number;
	academicYearName: string;
	nccisCode: string;
	label: string;
	group: string;
	groupLabel: string;
	institution: string | null;
	course: string | null;
	recordedOn: string;
	source: string;
};

export type ReferralEntry = {
	id: string;
	createdAt: Date;
	referredBy: string | null;
	referrerCapacity: string;
	reason: string;
	status: 'open' | 'closed';
	closedAt: Date | null;
	closingNote: string | null;
};

export type PupilCareersRecord = {
	pupil: PupilRecord;
	/** The year group the pupil left from, for leavers. */
	leftFromYear: number | null;
	timeline: TimelineYear[];
	/** How many encounters they attended, and missed, across the timeline. */
	attendedCount: number;
	missedCount: number;
	guidance: GuidanceEntry[];
	/** Whether guidance notes are included (and their reading was audited). */
	notesShown: boolean;
	destinations: DestinationEntry[];
	referrals: ReferralEntry[];
	/** What this person may do from the record. */
	can: { refer: boolean; recordDestination: boolean; recordGuidance: boolean };
};

export type PupilRecordPurpose = 'view' | 'download';

export const GUIDANCE_FORMAT_LABELS: Record<GuidanceEntry['format'], string> = {
	'one-to-one': 'One to one',
	'small-group': 'Small group'
};

/**
 * The academic years the timeline covers: from the pupil's Year 7 (or the year they joined, if later)
 * to this year (or the year they left), widened to any year they have an encounter recorded in.
 */
export function timelineYears(
	pupil: { enteredYear7: number; admissionDate: string | null; leavingDate: string | null },
	encounterYears: readonly number[],
	today: string = todayInLondon()
): number[] {
	const current = academicYearStart(today);
	let first = pupil.enteredYear7;
	if (pupil.admissionDate) first = Math.max(first, academicYearStart(pupil.admissionDate));
	let last = pupil.leavingDate && pupil.leavingDate < today ? academicYearStart(pupil.leavingDate) : current;
	last = Math.min(last, current);
	for (const y of encounterYears) {
		first = Math.min(first, y);
		last = Math.max(last, y);
	}
	if (last < first) last = first;
	const years: number[] = [];
	for (let y = first; y <= last; y++) years.push(y);
	return years;
}

/**
 * Everything on one pupil's record, read in one transaction with its audit event: `pupil.viewed` for
 * the page (plus `guidance.notes.viewed` when notes were shown), `pupil.record.downloaded` for the PDF.
 * Another school's pupil, or a malformed id, is not found.
 */
export async function pupilRecord(
	actor: Actor,
	school: School,
	pupilId: string,
	requestId?: string,
	options: { purpose?: PupilRecordPurpose; today?: string } = {}
): Promise<PupilCareersRecord> {
	authorise(actor, 'pupils.view', school.id);
	if (!z.uuid().safeParse(pupilId).success) throw new NotFoundError();
	const purpose = options.purpose ?? 'view';
	const today = options.today ?? todayInLondon();
	const seeEncounters = can(actor, 'encounters.view', school.id);
	const seeGuidance = can(actor, 'guidance.view', school.id);
	const seeDestinations = can(actor, 'destinations.view', school.id);
	const readNotes = purpose === 'view' && seeGuidance && can(actor, 'guidance.notes', school.id);

	return db().transaction(async (tx) => {
		const [row] = await tx
			.select({ pupil: pupils, yearGroup: yearGroupSql(academicYearStart(today)) })
			.from(pupils)
			.where(and(eq(pupils.id, pupilId), eq(pupils.schoolId, school.id)));
		if (!row) throw new NotFoundError();
		const pupil: PupilRecord = { ...row.pupil, yearGroup: row.yearGroup, name: pupilDisplayName(row.pupil) };

		// Encounters: every delivered activity of this school the pupil was expected at.
		const attended = seeEncounters
			? await tx
					.select({
						id: deliveredActivities.id,
						academicYear: deliveredActivities.academicYear,
						date: deliveredActivities.date,
						endDate: deliveredActivities.endDate,
						title: deliveredActivities.title,
						type: deliveredActivities.type,
						benchmarks: deliveredActivities.benchmarks,
						attended: attendance.attended,
						reflection: attendance.reflection
					})
					.from(attendance)
					.innerJoin(deliveredActivities, eq(deliveredActivities.id, attendance.deliveredActivityId))
					.where(and(eq(attendance.pupilId, pupil.id), eq(deliveredActivities.schoolId, school.id)))
					.orderBy(asc(deliveredActivities.date), asc(deliveredActivities.startTime), asc(deliveredActivities.title))
			: [];
		const activityIds = attended.map((a) => a.id);
		const partnerRows = activityIds.length
			? await tx
					.select({ activityId: deliveredActivityPartners.deliveredActivityId, name: partners.name })
					.from(deliveredActivityPartners)
					.innerJoin(partners, eq(partners.id, deliveredActivityPartners.partnerId))
					.where(
						and(inArray(deliveredActivityPartners.deliveredActivityId, activityIds), eq(partners.schoolId, school.id))
					)
					.orderBy(asc(partners.name))
			: [];
		const partnersOf = new Map<string, string[]>();
		for (const p of partnerRows) partnersOf.set(p.activityId, [...(partnersOf.get(p.activityId) ?? []), p.name]);

		const guidanceRows = seeGuidance
			? await tx
					.select({
						id: guidanceMeetings.id,
						date: guidanceMeetings.date,
						startTime: guidanceMeetings.startTime,
						adviserName: guidanceMeetings.adviserName,
						adviserLevel: guidanceMeetings.adviserLevel,
						format: guidanceMeetings.format,
						status: guidanceMeetings.status,
						agreedActions: guidanceMeetings.agreedActions,
						notes: guidanceMeetings.notes
					})
					.from(guidanceMeetings)
					.where(and(eq(guidanceMeetings.pupilId, pupil.id), eq(guidanceMeetings.schoolId, school.id)))
					.orderBy(asc(guidanceMeetings.date), asc(guidanceMeetings.startTime))
			: [];
		const guidance: GuidanceEntry[] = guidanceRows.map(({ notes, ...g }) => ({
			...g,
			formatLabel: GUIDANCE_FORMAT_LABELS[g.format],
			...(readNotes ? { notes } : {})
		}));
		const notesShown = readNotes && guidanceRows.some((g) => g.notes);

		const destinationRows = seeDestinations
			? await tx
					.select()
					.from(destinations)
					.where(and(eq(destinations.pupilId, pupil.id), eq(destinations.schoolId, school.id)))
					.orderBy(asc(destinations.academicYear), asc(destinations.kind))
			: [];

		const referralRows = seeGuidance
			? await tx
					.select({
						id: referrals.id,
						createdAt: referrals.createdAt,
						referredBy: users.name,
						referrerCapacity: referrals.referrerCapacity,
						reason: referrals.reason,
						status: referrals.status,
						closedAt: referrals.closedAt,
						closingNote: referrals.closingNote
					})
					.from(referrals)
					.leftJoin(users, eq(users.id, referrals.referredBy))
					.where(and(eq(referrals.pupilId, pupil.id), eq(referrals.schoolId, school.id)))
					.orderBy(asc(referrals.createdAt))
			: [];

		const described = `${pupil.name} (UPN ${pupil.upn})`;
		await recordAudit(
			tx,
			actor,
			purpose === 'download'
				? {
						organisationId: school.id,
						action: 'pupil.record.downloaded',
						recordType: 'pupil',
						recordId: pupil.id,
						summary: `Downloaded the careers record of ${described} as a PDF`
					}
				: {
						organisationId: school.id,
						action: 'pupil.viewed',
						recordType: 'pupil',
						recordId: pupil.id,
						summary: `Viewed the record of ${described}`
					},
			requestId
		);
		if (notesShown) {
			const withNotes = guidanceRows.filter((g) => g.notes).length;
			await recordAudit(
				tx,
				actor,
				{
					organisationId: school.id,
					action: 'guidance.notes.viewed',
					recordType: 'pupil',
					recordId: pupil.id,
					summary: `Read the notes of ${withNotes} guidance ${withNotes === 1 ? 'meeting' : 'meetings'} with ${described}`
				},
				requestId
			);
		}

		const years = timelineYears(
			pupil,
			attended.map((a) => a.academicYear),
			today
		);
		const timeline: TimelineYear[] = years.map((academicYear) => ({
			academicYear,
			name: academicYearName(academicYear),
			yearGroup: academicYear - pupil.enteredYear7 + 7,
			encounters: attended
				.filter((a) => a.academicYear === academicYear)
				.map((a) => ({
					id: a.id,
					date: a.date,
					endDate: a.endDate,
					title: a.title,
					type: a.type,
					typeLabel: isActivityType(a.type) ? ACTIVITY_TYPE_LABELS[a.type] : a.type,
					partners: partnersOf.get(a.id) ?? [],
					benchmarks: [...a.benchmarks].sort((x, y) => x - y),
					attended: a.attended,
					reflection: a.reflection
				}))
		}));

		return {
			pupil,
			leftFromYear:
				pupil.leavingDate && pupil.leavingDate < today
					? academicYearStart(pupil.leavingDate) - pupil.enteredYear7 + 7
					: null,
			timeline,
			attendedCount: attended.filter((a) => a.attended).length,
			missedCount: attended.filter((a) => !a.attended).length,
			guidance,
			notesShown,
			destinations: destinationRows.map((d) => {
				const code = nccisCode(d.nccisCode);
				const group = code?.group ?? 'not-known';
				return {
					id: d.id,
					kind: d.kind,
					academicYear: d.academicYear,
					academicYearName: academicYearName(d.academicYear),
					nccisCode: d.nccisCode,
					label: code?.label ?? `Code ${d.nccisCode}`,
					group,
					groupLabel: DESTINATION_GROUP_LABELS[group],
					institution: d.institution,
					course: d.course,
					recordedOn: d.recordedOn,
					source: d.source
				};
			}),
			referrals: referralRows.map((r) => ({ ...r, referredBy: r.referredBy ?? null })),
			can: {
				refer: can(actor, 'referrals.create', school.id),
				recordDestination: can(actor, 'destinations.edit', school.id),
				recordGuidance: can(actor, 'guidance.record', school.id)
			}
		};
	});
}
