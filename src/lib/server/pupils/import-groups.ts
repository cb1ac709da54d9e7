/**
 * Teaching groups (classes, sets) for one academic year from a CSV file of `UPN,Group` rows, as an MIS
 * exports class lists, all or nothing.
 *
 * Each group the file names is created when the school has none by that name in the year, and its
 * members become exactly the file's pupils: pupils added, pupils no longer in it taken out, the rest left
 * alone. Groups the file does not name are not touched, so a school may import one year group or one
 * department at a time. Every UPN must be a pupil of the school (import the pupils first).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { db, type Tx } from '../db/client.ts';
import { pupils, teachingGroupMembers, teachingGroups } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	CsvReadError,
	readCsv,
	sortErrors,
	tableOf,
	type ColumnMapping,
	type ColumnSpec,
	type CsvFile
} from '../imports/csv.ts';
import {
	emptySummary,
	importTransaction,
	type Importer,
	type ImportOptions,
	type ImportSummary
} from '../imports/types.ts';
import { academicYearName } from '../../domain/academic-year.ts';
import { validateUpn } from '../../domain/upn.ts';
import { importYear, PUPIL_EXAMPLES } from './import-roster.ts';

export const MAX_GROUP_ROWS = 10_000;
const CHUNK = 1000;
const MAX_NAME = 100;

export type GroupColumn = 'upn' | 'group';

export const GROUP_COLUMNS: readonly ColumnSpec<GroupColumn>[] = [
	{
		key: 'upn',
		heading: 'UPN',
		names: ['unique pupil number', 'pupil upn'],
		required: true,
		help: 'The pupil’s 13-character Unique Pupil Number. The pupil must already be in Waymark.'
	},
	{
		key: 'group',
		heading: 'Group',
		names: ['class', 'teaching group', 'set', 'group name', 'class name', 'teaching class', 'class code', 'group code'],
		required: true,
		help: 'The teaching group, class or set, such as 10X/Ma1. One row for each pupil in each group.'
	}
];

const [first, second] = PUPIL_EXAMPLES;
export const GROUP_EXAMPLES: readonly (readonly string[])[] = [
	[first![0]!, '7B/En1'],
	[first![0]!, '7A/Ma2'],
	[second![0]!, '10X/Ma1'],
	[second![0]!, '10Y/Sc3']
];

type GroupRow = { row: number; upn: string; group: string };

/** "10X / Ma1 " → "10X / Ma1": trimmed, runs of spaces made one. */
function groupName(value: string): string {
	return value.trim().replace(/\s+/g, ' ');
}

/**
 * A groups file → its rows and every problem in it that needs no database (UPN, group name, a pupil in
 * the same group twice). Pure.
 */
export function parseGroupsCsv(
	text: string,
	mapping?: ColumnMapping
): { rows: GroupRow[]; errors: FieldError[]; upnHeading: string } {
	let file: CsvFile;
	try {
		file = readCsv(text, 'group members');
	} catch (e) {
		if (e instanceof CsvReadError) return { rows: [], errors: e.errors, upnHeading: 'UPN' };
		throw e;
	}
	if (file.records.length > MAX_GROUP_ROWS)
		return {
			rows: [],
			upnHeading: 'UPN',
			errors: [
				{
					field: 'file',
					message: `The file has ${file.records.length.toLocaleString('en-GB')} rows: import at most ${MAX_GROUP_ROWS.toLocaleString('en-GB')} at a time. Split it into smaller files, keeping all of a group’s rows in one file`
				}
			]
		};
	const { table, errors } = tableOf(file, GROUP_COLUMNS, mapping as ColumnMapping<GroupColumn> | undefined);
	const upnHeading = table.headingOf('upn');
	if (errors.length > 0) return { rows: [], errors, upnHeading };
	const rows: GroupRow[] = [];
	const seen = new Map<string, number>();
	for (const record of table.records) {
		const row = record.row;
		const problem = (key: GroupColumn, message: string) =>
			errors.push({ field: key, row, column: table.headingOf(key), value: table.get(record, key), message });
		const upnText = table.get(record, 'upn');
		const checked = validateUpn(upnText);
		if (!checked.ok) problem('upn', checked.reason);
		const group = groupName(table.get(record, 'group'));
		if (group === '') problem('group', 'The group is missing: give the teaching group, class or set, such as 10X/Ma1');
		else if (group.length > MAX_NAME)
			problem('group', `A group’s name fits in ${MAX_NAME} characters; this has ${group.length}`);
		if (!checked.ok || group === '' || group.length > MAX_NAME) continue;
		const key = `${checked.upn}\u0000${group}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			problem('upn', `Row ${earlier} already puts ${checked.upn} in ${group}: keep one of the two rows`);
			continue;
		}
		seen.set(key, row);
		rows.push({ row, upn: checked.upn, group });
	}
	return { rows, errors, upnHeading };
}

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

function someOf(names: string[]): string {
	return names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
}

async function writeGroups(
	tx: Tx,
	actor: Actor,
	school: School,
	academicYear: number,
	rows: { pupilId: string; group: string }[],
	summary: ImportSummary,
	options: ImportOptions
): Promise<ImportSummary> {
	const wanted = new Map<string, Set<string>>();
	for (const r of rows) {
		const set = wanted.get(r.group) ?? new Set<string>();
		set.add(r.pupilId);
		wanted.set(r.group, set);
	}

	const existing = await tx
		.select({ id: teachingGroups.id, name: teachingGroups.name })
		.from(teachingGroups)
		.where(and(eq(teachingGroups.schoolId, school.id), eq(teachingGroups.academicYear, academicYear)));
	const idOf = new Map(existing.map((g) => [g.name, g.id]));
	const newNames = [...wanted.keys()].filter((name) => !idOf.has(name));
	for (let i = 0; i < newNames.length; i += CHUNK) {
		const made = await tx
			.insert(teachingGroups)
			.values(newNames.slice(i, i + CHUNK).map((name) => ({ schoolId: school.id, academicYear, name })))
			.returning({ id: teachingGroups.id, name: teachingGroups.name });
		for (const g of made) idOf.set(g.name, g.id);
	}

	const current = new Map<string, Set<string>>();
	const oldIds = [...wanted.keys()].filter((n) => !newNames.includes(n)).map((n) => idOf.get(n)!);
	if (oldIds.length > 0) {
		const members = await tx
			.select({ groupId: teachingGroupMembers.groupId, pupilId: teachingGroupMembers.pupilId })
			.from(teachingGroupMembers)
			.innerJoin(teachingGroups, eq(teachingGroups.id, teachingGroupMembers.groupId))
			.where(and(eq(teachingGroups.schoolId, school.id), eq(teachingGroups.academicYear, academicYear)));
		for (const m of members) {
			const set = current.get(m.groupId) ?? new Set<string>();
			set.add(m.pupilId);
			current.set(m.groupId, set);
		}
	}

	const additions: { groupId: string; pupilId: string }[] = [];
	const removals: { groupId: string; name: string; pupilIds: string[] }[] = [];
	for (const [name, pupilIds] of wanted) {
		const groupId = idOf.get(name)!;
		const now = current.get(groupId) ?? new Set<string>();
		for (const p of pupilIds) {
			if (now.has(p)) summary.unchanged++;
			else additions.push({ groupId, pupilId: p });
		}
		const gone = [...now].filter((p) => !pupilIds.has(p));
		if (gone.length > 0) removals.push({ groupId, name, pupilIds: gone });
	}
	summary.added = additions.length;
	const removed = removals.reduce((n, r) => n + r.pupilIds.length, 0);

	const total = removals.length + additions.length;
	let done = 0;
	options.onProgress?.({ stage: 'writing', done, total });
	for (const r of removals) {
		for (let i = 0; i < r.pupilIds.length; i += CHUNK)
			await tx
				.delete(teachingGroupMembers)
				.where(
					and(
						eq(teachingGroupMembers.groupId, r.groupId),
						inArray(teachingGroupMembers.pupilId, r.pupilIds.slice(i, i + CHUNK))
					)
				);
		options.onProgress?.({ stage: 'writing', done: ++done, total });
	}
	for (let i = 0; i < additions.length; i += CHUNK) {
		const chunk = additions.slice(i, i + CHUNK);
		await tx.insert(teachingGroupMembers).values(chunk);
		done += chunk.length;
		options.onProgress?.({ stage: 'writing', done, total });
	}

	const yearName = academicYearName(academicYear);
	summary.notes.push(
		`${plural(wanted.size, 'teaching group', 'teaching groups')} in ${yearName}${newNames.length > 0 ? `, ${newNames.length} of them new (${someOf(newNames)})` : ''}.`
	);
	if (removed > 0)
		summary.notes.push(
			`${plural(removed, 'pupil was', 'pupils were')} taken out of groups the file no longer lists them in (${someOf(removals.map((r) => r.name))}).`
		);
	const untouched = existing.filter((g) => !wanted.has(g.name)).length;
	if (untouched > 0)
		summary.notes.push(
			`${plural(untouched, 'teaching group', 'teaching groups')} in Waymark for ${yearName} ${untouched === 1 ? 'is' : 'are'} not in this file and ${untouched === 1 ? 'was' : 'were'} left as ${untouched === 1 ? 'it is' : 'they are'}.`
		);

	const counts = {
		academicYear: yearName,
		rows: summary.rows,
		groups: wanted.size,
		newGroups: newNames.length,
		added: summary.added,
		removed,
		unchanged: summary.unchanged
	};
	await recordAudit(
		tx,
		actor,
		{
			organisationId: school.id,
			action: 'groups.imported',
			recordType: 'school',
			recordId: school.id,
			summary: `Imported teaching groups for ${yearName}: ${counts.groups} groups (${counts.newGroups} new), ${counts.added} pupils added to groups, ${counts.removed} taken out, ${counts.unchanged} unchanged`,
			after: counts
		},
		options.requestId
	);
	return summary;
}

/** Imports teaching groups for the academic year: every row checked first, then all written or none. */
export async function importGroups(
	actor: Actor,
	school: School,
	text: string,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	authorise(actor, 'pupils.import', school.id);
	const academicYear = importYear(options);
	options.onProgress?.({ stage: 'reading', done: 0, total: 1 });
	const parsed = parseGroupsCsv(text, options.mapping);
	options.onProgress?.({ stage: 'checking', done: 0, total: parsed.rows.length });

	// Every UPN must be a pupil of this school: one query for the school's UPNs.
	const errors = [...parsed.errors];
	const rows: { pupilId: string; group: string }[] = [];
	if (parsed.rows.length > 0) {
		const known = await db()
			.select({ id: pupils.id, upn: pupils.upn })
			.from(pupils)
			.where(eq(pupils.schoolId, school.id));
		const idOf = new Map(known.map((p) => [p.upn, p.id]));
		for (const r of parsed.rows) {
			const pupilId = idOf.get(r.upn);
			if (pupilId) rows.push({ pupilId, group: r.group });
			else
				errors.push({
					field: 'upn',
					row: r.row,
					column: parsed.upnHeading,
					value: r.upn,
					message: `No pupil with UPN ${r.upn} is in ${school.name}. Import the pupils first, or check the UPN`
				});
		}
	}
	options.onProgress?.({ stage: 'checking', done: parsed.rows.length, total: parsed.rows.length });
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));
	const summary = emptySummary('groups', options.dryRun ?? false, parsed.rows.length);
	return importTransaction(options.dryRun ?? false, (tx) =>
		writeGroups(tx, actor, school, academicYear, rows, summary, options)
	);
}

export const groupsImport: Importer<GroupColumn> = {
	kind: 'groups',
	title: 'Teaching groups',
	noun: 'group members',
	description:
		'A class list from your MIS: one row for each pupil in each teaching group, class or set. Each group in the file ends up with exactly the pupils the file lists; groups not in the file are left as they are.',
	action: 'pupils.import',
	columns: GROUP_COLUMNS,
	example: GROUP_EXAMPLES,
	usesAcademicYear: true,
	run: importGroups
};
