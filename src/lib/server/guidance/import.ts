import { longDate } from '../../domain/academic-year.ts';
/**
 * Importing guidance meetings from an adviser's spreadsheet: `UPN,Date,Adviser Email,Format` and an
 * optional `Agreed Actions`. Every row is checked first (the pupil is in the school, the adviser is a
 * careers adviser of the school, the date is real and not in the future, the format is one we know);
 * any problem, with its row, column, value and what was expected, stops the import before anything is
 * written. Then every meeting is written in one transaction with one audit event.
 *
 * Re-importing the same file changes nothing: a row for the same pupil, date and adviser as a meeting
 * already recorded is that meeting (unchanged, or updated when its format or agreed actions differ).
 * The adviser's qualification level is copied from their account at the time of the import.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { guidanceMeetings, pupils } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { db } from '../db/client.ts';
import { CsvReadError, parseDate, readCsv, sortErrors, squash, tableOf, type ColumnSpec } from '../imports/csv.ts';
import {
	emptySummary,
	importTransaction,
	type Importer,
	type ImportOptions,
	type ImportSummary
} from '../imports/types.ts';
import { validateUpn } from '../../domain/upn.ts';
import { BENCHMARK_8_LEVEL } from '../../domain/compliance.ts';
import { todayInLondon } from '../../domain/academic-year.ts';
import { advisersOf, MEETING_FORMAT_LABELS, mayRecordFor, type Adviser, type MeetingFormat } from './service.ts';

export const MAX_GUIDANCE_ROWS = 5000;
const CHUNK = 500;

type Column = 'upn' | 'date' | 'adviserEmail' | 'format' | 'agreedActions';

export const GUIDANCE_COLUMNS: readonly ColumnSpec<Column>[] = [
	{
		key: 'upn',
		heading: 'UPN',
		names: ['upn', 'pupil upn', 'unique pupil number'],
		required: true,
		help: 'The pupil’s 13-character Unique Pupil Number, as on their record.'
	},
	{
		key: 'date',
		heading: 'Date',
		names: ['date', 'meeting date', 'date of meeting', 'interview date', 'date seen'],
		required: true,
		help: 'The day the pupil was seen, as 03/03/2026 or 2026-03-03; today or earlier.'
	},
	{
		key: 'adviserEmail',
		heading: 'Adviser Email',
		names: ['adviser email', 'advisor email', 'adviser e-mail', 'advisor e-mail', 'adviser', 'advisor'],
		required: true,
		help: 'The email address the careers adviser signs in to Waymark with; they must have the careers adviser role in the school.'
	},
	{
		key: 'format',
		heading: 'Format',
		names: ['format', 'meeting format', 'type'],
		required: true,
		help: 'One-to-one (or 1:1, individual) or small group (or group).'
	},
	{
		key: 'agreedActions',
		heading: 'Agreed Actions',
		names: ['agreed actions', 'actions', 'action plan', 'next steps'],
		required: false,
		help: 'What the pupil and adviser agreed to do next. Optional.'
	}
];

const ONE_TO_ONE = new Set(['onetoone', '11', '1to1', 'oneonone', 'individual', '121']);
const SMALL_GROUP = new Set(['smallgroup', 'group', 'groupsession', 'smallgroupsession']);

/** One-to-one / 1:1 / individual → 'one-to-one'; small-group / group → 'small-group'; otherwise undefined. */
export function parseMeetingFormat(value: string): MeetingFormat | undefined {
	const key = squash(value);
	if (ONE_TO_ONE.has(key)) return 'one-to-one';
	if (SMALL_GROUP.has(key)) return 'small-group';
	return undefined;
}

type Row = {
	row: number;
	pupilId: string;
	date: string;
	adviser: Adviser;
	format: MeetingFormat;
	agreedActions: string | null;
};

async function run(actor: Actor, school: School, text: string, options: ImportOptions = {}): Promise<ImportSummary> {
	authorise(actor, 'guidance.record', school.id);
	const dryRun = options.dryRun ?? false;
	const progress = options.onProgress ?? (() => {});
	let file;
	try {
		file = readCsv(text, 'guidance meetings');
	} catch (e) {
		if (e instanceof CsvReadError) throw new ValidationError(e.errors);
		throw e;
	}
	const { table, errors: columnErrors } = tableOf(
		file,
		GUIDANCE_COLUMNS,
		options.mapping as (Column | 'ignore' | null)[] | undefined
	);
	// Not through sortErrors: it would keep only one of several missing columns (same row, field and no value).
	if (columnErrors.length > 0) throw new ValidationError(columnErrors);
	const total = file.records.length;
	if (total > MAX_GUIDANCE_ROWS)
		throw ValidationError.one(
			'file',
			`The file has ${total.toLocaleString('en-GB')} meetings: import at most ${MAX_GUIDANCE_ROWS.toLocaleString('en-GB')} at a time, splitting the file into smaller ones`
		);
	progress({ stage: 'checking', done: 0, total });

	// Everything the rows refer to, in one query each: pupils by UPN, the school's advisers by email.
	const upns = [...new Set(file.records.map((r) => table.get(r, 'upn').replace(/\s+/g, '').toUpperCase()))].filter(
		(u) => u !== ''
	);
	const pupilByUpn = new Map<string, string>();
	for (let i = 0; i < upns.length; i += CHUNK) {
		const found = await db()
			.select({ id: pupils.id, upn: pupils.upn })
			.from(pupils)
			.where(and(eq(pupils.schoolId, school.id), inArray(pupils.upn, upns.slice(i, i + CHUNK))));
		for (const p of found) pupilByUpn.set(p.upn, p.id);
	}
	const advisers = await advisersOf(db(), school.id);
	const adviserByEmail = new Map(advisers.map((a) => [a.email, a]));

	const today = todayInLondon();
	const errors: FieldError[] = [];
	const rows: Row[] = [];
	const seen = new Map<string, number>();
	for (const record of file.records) {
		const row = record.row;
		const problem = (key: Column, value: string, message: string) =>
			errors.push({ field: key, row, column: table.headingOf(key), value, message });

		const upnText = table.get(record, 'upn');
		const upn = upnText.replace(/\s+/g, '').toUpperCase();
		const pupilId = pupilByUpn.get(upn);
		if (upnText === '') problem('upn', upnText, 'The UPN is missing: enter the pupil’s 13-character UPN');
		else if (!pupilId) {
			const check = validateUpn(upnText);
			problem(
				'upn',
				upnText,
				check.ok
					? `No pupil in ${school.name} has this UPN. Expected the UPN of a pupil on the school’s roll: import the pupils first, or check the UPN`
					: `${check.reason} Expected the 13-character UPN of a pupil in ${school.name}`
			);
		}

		const dateText = table.get(record, 'date');
		const date = dateText === '' ? undefined : parseDate(dateText);
		if (dateText === '')
			problem('date', dateText, 'The date is missing: enter the day the pupil was seen, such as 03/03/2026');
		else if (!date)
			problem('date', dateText, 'This is not a real date. Expected a date such as 03/03/2026 or 2026-03-03');
		else if (date > today)
			problem(
				'date',
				dateText,
				`This date is in the future. Expected the day the pupil was seen: today (${longDate(today)}) or earlier`
			);

		const emailText = table.get(record, 'adviserEmail');
		const adviser = adviserByEmail.get(emailText.toLowerCase());
		if (emailText === '') problem('adviserEmail', emailText, 'The adviser’s email address is missing');
		else if (!adviser)
			problem(
				'adviserEmail',
				emailText,
				`This is not a careers adviser in ${school.name}. Expected the email of someone with the careers adviser role: the careers leader can give it on the People page`
			);
		else if (!mayRecordFor(actor, school, adviser.userId))
			problem(
				'adviserEmail',
				emailText,
				`You can import only your own meetings (${actor.email}). The careers leader can import meetings for any adviser`
			);

		const formatText = table.get(record, 'format');
		const format = parseMeetingFormat(formatText);
		if (!format)
			problem(
				'format',
				formatText,
				formatText === ''
					? 'The format is missing. Expected one-to-one (or 1:1, individual) or small group (or group)'
					: 'This is not a format we know. Expected one-to-one (or 1:1, individual) or small group (or group)'
			);

		const actionsText = table.get(record, 'agreedActions');
		if (actionsText.length > 5000)
			problem('agreedActions', `${actionsText.slice(0, 40)}…`, 'Agreed actions must be 5,000 characters or fewer');

		if (pupilId && date && adviser) {
			const key = `${pupilId}\u0000${date}\u0000${adviser.userId}`;
			const first = seen.get(key);
			if (first !== undefined)
				problem(
					'upn',
					upnText,
					`Row ${row} repeats row ${first}: the same pupil, date and adviser. Expected one row per meeting: remove one of them`
				);
			else seen.set(key, row);
		}
		if (pupilId && date && date <= today && adviser && format && mayRecordFor(actor, school, adviser.userId))
			rows.push({ row, pupilId, date, adviser, format, agreedActions: actionsText === '' ? null : actionsText });
	}
	progress({ stage: 'checking', done: total, total });
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));

	const summary = emptySummary('guidance', dryRun, total);
	// Advisers below Benchmark 8's level: accepted, but worth knowing (one warning per adviser).
	const warned = new Set<string>();
	for (const r of rows) {
		if (warned.has(r.adviser.userId) || (r.adviser.level !== null && r.adviser.level >= BENCHMARK_8_LEVEL)) continue;
		warned.add(r.adviser.userId);
		errors.push({
			field: 'adviserEmail',
			row: r.row,
			column: table.headingOf('adviserEmail'),
			value: r.adviser.email,
			message:
				r.adviser.level === null
					? `${r.adviser.name}’s qualification level is not recorded, so these meetings do not yet count towards Benchmark 8. Record it on the People page`
					: `${r.adviser.name} is qualified to Level ${r.adviser.level}: Benchmark 8 asks for Level ${BENCHMARK_8_LEVEL} or above`
		});
	}
	summary.warnings = errors.splice(0);

	return importTransaction(dryRun, async (tx) => {
		progress({ stage: 'writing', done: 0, total });
		const pupilIds = [...new Set(rows.map((r) => r.pupilId))];
		const existing = new Map<string, { id: string; format: string; status: string; agreedActions: string | null }>();
		for (let i = 0; i < pupilIds.length; i += CHUNK) {
			const found = await tx
				.select({
					id: guidanceMeetings.id,
					pupilId: guidanceMeetings.pupilId,
					date: guidanceMeetings.date,
					adviserUserId: guidanceMeetings.adviserUserId,
					format: guidanceMeetings.format,
					status: guidanceMeetings.status,
					agreedActions: guidanceMeetings.agreedActions
				})
				.from(guidanceMeetings)
				.where(
					and(eq(guidanceMeetings.schoolId, school.id), inArray(guidanceMeetings.pupilId, pupilIds.slice(i, i + CHUNK)))
				);
			for (const m of found) existing.set(`${m.pupilId}\u0000${m.date}\u0000${m.adviserUserId}`, m);
		}
		const toInsert: Row[] = [];
		for (const r of rows) {
			const m = existing.get(`${r.pupilId}\u0000${r.date}\u0000${r.adviser.userId}`);
			if (!m) {
				toInsert.push(r);
				continue;
			}
			const agreedActions = r.agreedActions ?? m.agreedActions;
			// A booked meeting the spreadsheet says took place is now held.
			if (m.format === r.format && agreedActions === m.agreedActions && m.status === 'held') {
				summary.unchanged++;
				continue;
			}
			await tx
				.update(guidanceMeetings)
				.set({ format: r.format, agreedActions, status: 'held', updatedAt: new Date() })
				.where(eq(guidanceMeetings.id, m.id));
			summary.updated++;
		}
		for (let i = 0; i < toInsert.length; i += CHUNK) {
			await tx.insert(guidanceMeetings).values(
				toInsert.slice(i, i + CHUNK).map((r) => ({
					schoolId: school.id,
					pupilId: r.pupilId,
					date: r.date,
					adviserUserId: r.adviser.userId,
					adviserName: r.adviser.name,
					adviserLevel: r.adviser.level,
					format: r.format,
					status: 'held' as const,
					agreedActions: r.agreedActions,
					createdBy: actor.system ? null : actor.userId
				}))
			);
			progress({ stage: 'writing', done: Math.min(i + CHUNK, toInsert.length), total });
		}
		summary.added = toInsert.length;
		const formats = { 'one-to-one': 0, 'small-group': 0 };
		for (const r of toInsert) formats[r.format]++;
		if (summary.added > 0)
			summary.notes.push(
				`${formats['one-to-one']} ${MEETING_FORMAT_LABELS['one-to-one'].toLowerCase()} and ${formats['small-group']} ${MEETING_FORMAT_LABELS['small-group'].toLowerCase()} meetings added`
			);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'guidance.imported',
				recordType: 'guidance-meeting',
				summary: `Imported guidance meetings from a spreadsheet: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged`,
				after: {
					rows: total,
					added: summary.added,
					updated: summary.updated,
					unchanged: summary.unchanged,
					advisers: [...new Set(rows.map((r) => r.adviser.email))]
				}
			},
			options.requestId
		);
		progress({ stage: 'writing', done: total, total });
		return summary;
	});
}

export const guidanceImport: Importer<Column> = {
	kind: 'guidance',
	title: 'Guidance meetings from an adviser’s spreadsheet',
	noun: 'guidance meetings',
	description:
		'One row per pupil seen: their UPN, the date, the careers adviser’s email and whether it was one-to-one or in a small group. Importing the same file again changes nothing.',
	action: 'guidance.record',
	columns: GUIDANCE_COLUMNS,
	example: [
		['A123456789012', '03/03/2026', 'adviser@example.org', 'One-to-one', 'Research apprenticeships in engineering'],
		['A123456789013', '03/03/2026', 'adviser@example.org', 'Small group', '']
	],
	usesAcademicYear: false,
	run
};
