/**
 * Importing who attended delivered activities: `Activity Ref,UPN,Attended`, one pupil and activity a
 * row, all or nothing. Every reference must be an activity of the school and every UPN one of its
 * pupils — anything else is an error with its row, not a row quietly skipped.
 *
 * Built for whole-school files (50,000 rows and more): the school's activity references and UPNs are
 * read in two queries, the attendance already recorded for the activities named in one more, the
 * difference is worked out in memory, and only new or changed rows are written, in large multi-row
 * upserts (one array parameter per column).
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { attendance, deliveredActivities, pupils } from '../db/schema/index.ts';
import { authorise } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	CsvReadError,
	parseYesNo,
	readCsv,
	sortErrors,
	tableOf,
	type ColumnSpec,
	type CsvFile
} from '../imports/csv.ts';
import { emptySummary, importTransaction, type Importer, type ImportSummary } from '../imports/types.ts';
import { validateUpn } from '../../domain/upn.ts';

export const MAX_ATTENDANCE_ROWS = 100_000;
/** Rows per upsert: three array parameters each, so the size is bounded only by memory. */
const WRITE_CHUNK = 5000;

export type AttendanceColumn = 'ref' | 'upn' | 'attended';

export const ATTENDANCE_COLUMNS: readonly ColumnSpec<AttendanceColumn>[] = [
	{
		key: 'ref',
		heading: 'Activity Ref',
		names: ['activity ref', 'ref', 'reference', 'activity reference', 'activity id', 'encounter ref', 'event ref'],
		required: true,
		help: 'The reference of an activity already recorded in Waymark (see the delivered activities import).'
	},
	{
		key: 'upn',
		heading: 'UPN',
		names: ['upn', 'unique pupil number', 'pupil upn', 'pupil number'],
		required: true,
		help: 'The pupil’s Unique Pupil Number, 13 characters, as in your MIS.'
	},
	{
		key: 'attended',
		heading: 'Attended',
		names: ['attended', 'present', 'attendance', 'attended?'],
		required: true,
		help: 'Y if the pupil took part, N if they were expected but absent (yes/no, true/false and 1/0 work too).'
	}
];

function readFile(text: string): CsvFile {
	try {
		return readCsv(text, 'attendance records');
	} catch (e) {
		if (e instanceof CsvReadError) throw new ValidationError(e.errors);
		throw e;
	}
}

type Write = { activityId: string; pupilId: string; attended: boolean };

async function run(
	actor: Parameters<Importer['run']>[0],
	school: School,
	text: string,
	options: Parameters<Importer['run']>[3] = {}
): Promise<ImportSummary> {
	authorise(actor, 'encounters.edit', school.id);
	const dryRun = options.dryRun ?? false;
	const progress = options.onProgress ?? (() => {});
	progress({ stage: 'reading', done: 0, total: 1 });
	const file = readFile(text);
	const { table, errors: columnErrors } = tableOf(
		file,
		ATTENDANCE_COLUMNS,
		options.mapping as (AttendanceColumn | 'ignore' | null)[] | undefined
	);
	if (columnErrors.length > 0) throw new ValidationError(sortErrors(columnErrors));
	const total = file.records.length;
	if (total > MAX_ATTENDANCE_ROWS)
		throw ValidationError.one(
			'file',
			`The file has ${total.toLocaleString('en-GB')} rows: import at most ${MAX_ATTENDANCE_ROWS.toLocaleString('en-GB')} at a time, splitting the file by activity or year group`
		);

	// The school's activity references and pupils: two queries, then lookups in memory.
	const activityRows = await db()
		.select({ id: deliveredActivities.id, ref: deliveredActivities.ref })
		.from(deliveredActivities)
		.where(and(eq(deliveredActivities.schoolId, school.id), isNotNull(deliveredActivities.ref)));
	const activityByRef = new Map(activityRows.map((a) => [a.ref!, a.id]));
	const pupilRows = await db()
		.select({ id: pupils.id, upn: pupils.upn })
		.from(pupils)
		.where(eq(pupils.schoolId, school.id));
	const pupilByUpn = new Map(pupilRows.map((p) => [p.upn, p.id]));

	const refHeading = table.headingOf('ref');
	const upnHeading = table.headingOf('upn');
	const attendedHeading = table.headingOf('attended');
	const errors: FieldError[] = [];
	const wanted: (Write & { row: number })[] = [];
	const seen = new Map<string, number>();
	const activitiesNamed = new Set<string>();

	for (let i = 0; i < total; i++) {
		if (i % 10_000 === 0) progress({ stage: 'checking', done: i, total });
		const record = file.records[i]!;
		const row = record.row;
		let ok = true;
		const ref = table.get(record, 'ref');
		const upnText = table.get(record, 'upn');
		const attendedText = table.get(record, 'attended');

		const activityId = ref ? activityByRef.get(ref) : undefined;
		if (ref === '') {
			ok = false;
			errors.push({ field: 'ref', row, column: refHeading, value: ref, message: 'Enter the activity’s reference' });
		} else if (!activityId) {
			ok = false;
			errors.push({
				field: 'ref',
				row,
				column: refHeading,
				value: ref,
				message: `${school.name} has no delivered activity with the reference “${ref}”. Import or record the activity first, or check the reference`
			});
		}

		const upn = validateUpn(upnText);
		let pupilId: string | undefined;
		if (!upn.ok) {
			ok = false;
			errors.push({ field: 'upn', row, column: upnHeading, value: upnText, message: upn.reason });
		} else {
			pupilId = pupilByUpn.get(upn.upn);
			if (!pupilId) {
				ok = false;
				errors.push({
					field: 'upn',
					row,
					column: upnHeading,
					value: upnText,
					message: `${school.name} has no pupil with the UPN ${upn.upn}. Import the pupil first, or check the UPN`
				});
			}
		}

		const attended = parseYesNo(attendedText);
		if (attended === undefined || attended === null) {
			ok = false;
			errors.push({
				field: 'attended',
				row,
				column: attendedHeading,
				value: attendedText,
				message:
					attended === undefined
						? 'Enter Y if the pupil attended or N if they did not'
						: `“${attendedText}” is not yes or no. Use Y if the pupil attended or N if they did not`
			});
		}

		if (ref !== '' && upn.ok) {
			const key = `${ref}\u0000${upn.upn}`;
			const first = seen.get(key);
			if (first !== undefined) {
				ok = false;
				errors.push({
					field: 'upn',
					row,
					column: upnHeading,
					value: upnText,
					message: `Row ${row} repeats row ${first}: the same activity (${ref}) and pupil. Keep one of them`
				});
			} else seen.set(key, row);
		}

		if (ok && activityId && pupilId && typeof attended === 'boolean') {
			wanted.push({ row, activityId, pupilId, attended });
			activitiesNamed.add(activityId);
		}
	}
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));
	progress({ stage: 'checking', done: total, total });

	const summary = emptySummary('attendance', dryRun, total);
	return importTransaction(dryRun, async (tx) => {
		// What is recorded already for the activities the file names: one query, one row per activity
		// with its pupils packed into one string ("<pupil id>1,<pupil id>0,…"), which both drivers return
		// far faster than a row per pupil.
		const ids = [...activitiesNamed];
		const recorded = new Map<string, boolean>();
		if (ids.length > 0) {
			const rows = await tx
				.select({
					activityId: attendance.deliveredActivityId,
					packed: sql<string>`string_agg(${attendance.pupilId}::text || case when ${attendance.attended} then '1' else '0' end, ',')`
				})
				.from(attendance)
				.where(sql`${attendance.deliveredActivityId} = any(${sql.param(ids)}::uuid[])`)
				.groupBy(attendance.deliveredActivityId);
			for (const r of rows)
				for (const item of r.packed.split(','))
					recorded.set(`${r.activityId}\u0000${item.slice(0, -1)}`, item.endsWith('1'));
		}
		const writes: Write[] = [];
		for (const w of wanted) {
			const before = recorded.get(`${w.activityId}\u0000${w.pupilId}`);
			if (before === undefined) summary.added++;
			else if (before !== w.attended) summary.updated++;
			else {
				summary.unchanged++;
				continue;
			}
			writes.push(w);
		}

		const chunks = Math.max(1, Math.ceil(writes.length / WRITE_CHUNK));
		progress({ stage: 'writing', done: 0, total: chunks });
		for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
			const chunk = writes.slice(i, i + WRITE_CHUNK);
			await tx.execute(sql`
				insert into ${attendance} (delivered_activity_id, pupil_id, attended)
				select * from unnest(
					${sql.param(chunk.map((w) => w.activityId))}::uuid[],
					${sql.param(chunk.map((w) => w.pupilId))}::uuid[],
					${sql.param(chunk.map((w) => w.attended))}::boolean[]
				)
				on conflict (delivered_activity_id, pupil_id)
				do update set attended = excluded.attended, recorded_at = now()`);
			progress({ stage: 'writing', done: Math.ceil((i + chunk.length) / WRITE_CHUNK), total: chunks });
		}

		const refs = [...new Set(activityRows.filter((a) => activitiesNamed.has(a.id)).map((a) => a.ref!))].sort();
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'attendance.imported',
				recordType: 'attendance',
				summary: `Imported attendance at ${refs.length} ${refs.length === 1 ? 'activity' : 'activities'} from a spreadsheet: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged`,
				after: {
					rows: total,
					added: summary.added,
					updated: summary.updated,
					unchanged: summary.unchanged,
					activities: refs.slice(0, 100)
				}
			},
			options.requestId
		);
		summary.notes.push(`${refs.length} ${refs.length === 1 ? 'activity' : 'activities'}`);
		return summary;
	});
}

export const attendanceImport: Importer<AttendanceColumn> = {
	kind: 'attendance',
	title: 'Attendance at delivered activities',
	noun: 'attendance records',
	description:
		'Who took part in each delivered activity: one pupil and activity a row, with Y or N. Import the activities first; importing the same file again changes nothing, and a changed Y or N is updated.',
	action: 'encounters.edit',
	columns: ATTENDANCE_COLUMNS,
	example: [
		['CF-2025-01', 'B801200005001', 'Y'],
		['CF-2025-01', 'Q801200005002', 'N']
	],
	usesAcademicYear: false,
	run
};
