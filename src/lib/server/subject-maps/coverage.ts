/**
 * The Benchmark 4 view: subjects × year groups for one academic year. Each cell says how many careers the
 * subject's map puts in that year group and how many curriculum-linked careers activities ("Careers in
 * subject lessons") were actually delivered to it, and names the gap in words.
 *
 * Delivered activities have no subject: an activity counts for a subject when its title or description
 * names the subject (or a usual short name, SUBJECT_ALIASES). The page says so.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { deliveredActivities, subjectMapEntries } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import type { School } from '../schools/service.ts';
import { academicYearName } from '../../domain/academic-year.ts';
import { SECONDARY_SUBJECTS } from '../occupations/library.ts';
import { listMaps, yearGroupsOf, type SubjectMapSummary } from './service.ts';

/** Short names teachers write instead of the subject's full name. ALL-CAPS ones match case-sensitively. */
export const SUBJECT_ALIASES: Record<string, string[]> = {
	'Art and design': ['art'],
	'Computer science': ['computing'],
	'Design and technology': ['D&T', 'DT'],
	'Food preparation and nutrition': ['food technology', 'cooking'],
	Mathematics: ['maths', 'math'],
	'Physical education': ['PE', 'sport'],
	'Religious studies': ['RE', 'RS']
};

function escapeRegExp(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` names `subject` (whole words; aliases too). */
export function mentionsSubject(text: string, subject: string): boolean {
	const names = [subject, ...(SUBJECT_ALIASES[subject] ?? [])];
	return names.some((name) => {
		const caseSensitive = name.length <= 3 && name === name.toUpperCase();
		const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu');
		return re.test(text);
	});
}

export type CoverageStatus =
	'mapped-and-delivered' | 'mapped-not-delivered' | 'delivered-not-mapped' | 'nothing' | 'not-on-map';

export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = {
	'mapped-and-delivered': 'Mapped and delivered',
	'mapped-not-delivered': 'Mapped, nothing delivered yet',
	'delivered-not-mapped': 'Delivered, no careers mapped',
	nothing: 'No careers mapped',
	'not-on-map': 'Not on the map (Years 7–11 only)'
};

export type CoverageCell = {
	yearGroup: number;
	mapped: number;
	delivered: number;
	status: CoverageStatus;
};

export type CoverageRow = {
	subject: string;
	/** The subject's map this year, when there is one. */
	map: Pick<SubjectMapSummary, 'id' | 'includesSixthForm' | 'entries'> | null;
	cells: CoverageCell[];
};

export type DeliveredLink = {
	id: string;
	title: string;
	date: string;
	yearGroups: number[];
	/** Subjects on the view that the title or description names. */
	subjects: string[];
};

export type Coverage = {
	academicYear: number;
	academicYearName: string;
	yearGroups: number[];
	rows: CoverageRow[];
	/** Every curriculum-linked activity delivered in the year, with the subjects it was matched to. */
	activities: DeliveredLink[];
	totals: { maps: number; careersMapped: number; activities: number; unmatched: number };
};

function statusOf(mapped: number, delivered: number, onMap: boolean): CoverageStatus {
	if (mapped > 0 && delivered > 0) return 'mapped-and-delivered';
	if (mapped > 0) return 'mapped-not-delivered';
	if (delivered > 0) return 'delivered-not-mapped';
	return onMap ? 'nothing' : 'not-on-map';
}

export async function subjectCoverage(actor: Actor, school: School, academicYear: number): Promise<Coverage> {
	authorise(actor, 'subject-maps.view', school.id);
	const low = Math.max(7, school.lowestYear ?? 7);
	const high = Math.min(13, school.highestYear ?? 13);
	const yearGroups = Array.from({ length: Math.max(0, high - low + 1) }, (_, i) => low + i);

	const maps = await listMaps(actor, { kind: 'school', school }, { academicYear });
	const counts = maps.length
		? await db()
				.select({
					mapId: subjectMapEntries.mapId,
					yearGroup: subjectMapEntries.yearGroup,
					n: sql<number>`count(*)::int`
				})
				.from(subjectMapEntries)
				.where(
					inArray(
						subjectMapEntries.mapId,
						maps.map((m) => m.id)
					)
				)
				.groupBy(subjectMapEntries.mapId, subjectMapEntries.yearGroup)
		: [];
	const mappedIn = new Map(counts.map((c) => [`${c.mapId}:${c.yearGroup}`, c.n]));

	const delivered = await db()
		.select({
			id: deliveredActivities.id,
			title: deliveredActivities.title,
			description: deliveredActivities.description,
			date: deliveredActivities.date,
			yearGroups: deliveredActivities.yearGroups
		})
		.from(deliveredActivities)
		.where(
			and(
				eq(deliveredActivities.schoolId, school.id),
				eq(deliveredActivities.academicYear, academicYear),
				eq(deliveredActivities.type, 'curriculum-link')
			)
		)
		.orderBy(asc(deliveredActivities.date), asc(deliveredActivities.title));

	// Subjects: every map's, then any listed subject an activity names.
	const subjects: string[] = [];
	const seen = new Set<string>();
	const addSubject = (s: string) => {
		if (!seen.has(s.toLowerCase())) {
			seen.add(s.toLowerCase());
			subjects.push(s);
		}
	};
	for (const m of maps) addSubject(m.subject);
	const candidates = [...new Set([...maps.map((m) => m.subject), ...SECONDARY_SUBJECTS])];
	const activities: DeliveredLink[] = delivered.map((a) => {
		const text = `${a.title}\n${a.description ?? ''}`;
		const matched = candidates.filter((s) => mentionsSubject(text, s));
		matched.forEach(addSubject);
		return {
			id: a.id,
			title: a.title,
			date: a.date,
			yearGroups: [...a.yearGroups].sort((x, y) => x - y),
			subjects: matched
		};
	});
	subjects.sort((a, b) => a.localeCompare(b, 'en-GB'));

	const rows: CoverageRow[] = subjects.map((subject) => {
		const map = maps.find((m) => m.subject.toLowerCase() === subject.toLowerCase()) ?? null;
		const onMapYears = map ? yearGroupsOf(map.includesSixthForm) : yearGroupsOf(true);
		return {
			subject,
			map: map ? { id: map.id, includesSixthForm: map.includesSixthForm, entries: map.entries } : null,
			cells: yearGroups.map((yearGroup) => {
				const mapped = map ? (mappedIn.get(`${map.id}:${yearGroup}`) ?? 0) : 0;
				const deliveredHere = activities.filter(
					(a) => a.yearGroups.includes(yearGroup) && a.subjects.some((s) => s.toLowerCase() === subject.toLowerCase())
				).length;
				return {
					yearGroup,
					mapped,
					delivered: deliveredHere,
					status: statusOf(mapped, deliveredHere, onMapYears.includes(yearGroup))
				};
			})
		};
	});

	return {
		academicYear,
		academicYearName: academicYearName(academicYear),
		yearGroups,
		rows,
		activities,
		totals: {
			maps: maps.length,
			careersMapped: maps.reduce((n, m) => n + m.entries, 0),
			activities: activities.length,
			unmatched: activities.filter((a) => a.subjects.length === 0).length
		}
	};
}
