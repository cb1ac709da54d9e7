/**
 * Importing intended and actual destinations from a spreadsheet:
 * `UPN,Kind,Academic Year,NCCIS Code,Institution or Employer,Recorded On` (+ `Course`, `Source`,
 * `Consent`), Kind = intended | actual. Every row is checked with the form's own rules
 * (checkDestination); any problem stops the import before anything is written, and a good file is
 * written in one transaction with one audit event. Importing the same file again changes nothing.
 */
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import { db } from '../db/client.ts';
import {
	CsvReadError,
	readCsv,
	sortErrors,
	squash,
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
import {
	checkDestination,
	destinationKey,
	existingDestinations,
	pupilsByUpn,
	writeDestination,
	type DestinationValues
} from './service.ts';
import { DESTINATION_SOURCES, NCCIS_CODE_EXAMPLE } from '../../domain/destinations.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';

export type DestinationColumn =
	'upn' | 'kind' | 'academicYear' | 'nccisCode' | 'institution' | 'recordedOn' | 'course' | 'source' | 'consent';

export const DESTINATION_COLUMNS: readonly ColumnSpec<DestinationColumn>[] = [
	{
		key: 'upn',
		heading: 'UPN',
		names: ['unique pupil number', 'pupil upn', 'upn number'],
		required: true,
		help: 'The pupil’s 13-character unique pupil number, as in your MIS.'
	},
	{
		key: 'kind',
		heading: 'Kind',
		names: ['type', 'destination kind', 'destination type', 'intended or actual'],
		required: true,
		help: '“intended” (Year 11 and Year 13, for the year after) or “actual” (leavers, for up to three years after leaving).'
	},
	{
		key: 'academicYear',
		heading: 'Academic Year',
		names: ['year', 'destination year', 'academic year of destination', 'for year'],
		required: true,
		help: 'The academic year the destination is for, such as 2026/27.'
	},
	{
		key: 'nccisCode',
		heading: 'NCCIS Code',
		names: ['nccis', 'code', 'activity code', 'current activity code', 'destination code', 'nccis activity code'],
		required: true,
		help: `The NCCIS current-activity code, ${NCCIS_CODE_EXAMPLE}.`
	},
	{
		key: 'institution',
		heading: 'Institution or Employer',
		names: ['institution', 'employer', 'institution/employer', 'provider', 'destination', 'college or employer'],
		required: true,
		help: 'The college, university, training provider or employer; may be empty (for example for NEET).'
	},
	{
		key: 'recordedOn',
		heading: 'Recorded On',
		names: ['date recorded', 'recorded', 'date', 'recorded date'],
		required: true,
		help: 'The date the destination was recorded, as 27/03/2026 or 2026-03-27; not in the future.'
	},
	{
		key: 'course',
		heading: 'Course',
		names: ['course title', 'programme', 'course or programme'],
		required: false,
		help: 'The course or apprenticeship standard, if known.'
	},
	{
		key: 'source',
		heading: 'Source',
		names: ['source of information', 'information source', 'who told us'],
		required: false,
		help: `Who told you: ${DESTINATION_SOURCES.join(', ')}. “import” when empty.`
	},
	{
		key: 'consent',
		heading: 'Consent',
		names: ['consent to follow up', 'consent given', 'agreed to follow up'],
		required: false,
		help: 'Yes or No: whether the young person agreed to be followed up. Needed for actual destinations of post-16 leavers.'
	}
];

export const MAX_DESTINATION_ROWS = 5000;

/** Which column of the file each rule's field comes from. */
const FIELD_COLUMN: Record<string, DestinationColumn> = {
	kind: 'kind',
	academicYear: 'academicYear',
	nccisCode: 'nccisCode',
	institution: 'institution',
	course: 'course',
	recordedOn: 'recordedOn',
	source: 'source',
	consent: 'consent'
};

/** What each column expects, as the end of an error message. */
const EXPECTED: Partial<Record<DestinationColumn, string>> = {
	kind: 'Expected intended or actual',
	academicYear: 'Expected an academic year such as 2026/27',
	consent: 'Expected Yes or No',
	source: `Expected one of: ${DESTINATION_SOURCES.join(', ')}`
};

/** "Intended", "intended destination", "INTENTION" → intended; "Actual destination" → actual; else as written. */
function kindOf(text: string): string {
	const s = squash(text);
	if (s.startsWith('intend') || s === 'intention') return 'intended';
	if (s.startsWith('actual')) return 'actual';
	return text;
}

function readFile(text: string): CsvFile {
	try {
		return readCsv(text, 'destinations');
	} catch (e) {
		if (e instanceof CsvReadError) throw new ValidationError(e.errors);
		throw e;
	}
}

async function run(actor: Actor, school: School, text: string, options: ImportOptions = {}): Promise<ImportSummary> {
	authorise(actor, 'destinations.edit', school.id);
	const dryRun = options.dryRun ?? false;
	const progress = options.onProgress ?? (() => {});
	progress({ stage: 'reading', done: 0, total: 1 });
	const file = readFile(text);
	const { table, errors: columnErrors } = tableOf(
		file,
		DESTINATION_COLUMNS,
		options.mapping as ColumnMapping<DestinationColumn> | undefined
	);
	// Not through sortErrors: it keeps one error per row, field and value, and every missing column is
	// row 1, field "columns", no value — so it would name only the first missing column.
	if (columnErrors.length > 0) throw new ValidationError(columnErrors);
	if (file.records.length > MAX_DESTINATION_ROWS)
		throw ValidationError.one(
			'file',
			`The file has ${file.records.length.toLocaleString('en-GB')} destinations: import at most ${MAX_DESTINATION_ROWS.toLocaleString('en-GB')} at a time, splitting the file into smaller ones`
		);

	const total = file.records.length;
	progress({ stage: 'checking', done: 0, total });
	const upns = [...new Set(file.records.map((r) => table.get(r, 'upn').toUpperCase()).filter(Boolean))];
	const pupilMap = await pupilsByUpn(db(), school.id, upns);
	const existing = await existingDestinations(
		db(),
		school.id,
		[...pupilMap.values()].map((p) => p.id)
	);

	const today = todayInLondon();
	const errors: FieldError[] = [];
	const rows: { row: number; pupilId: string; values: DestinationValues }[] = [];
	const seen = new Map<string, number>();
	for (const record of file.records) {
		const row = record.row;
		const get = (key: DestinationColumn) => table.get(record, key);
		const upn = get('upn').toUpperCase();
		const at = (key: DestinationColumn, message: string): FieldError => ({
			field: key,
			row,
			column: table.headingOf(key),
			value: get(key),
			message
		});
		if (!upn) {
			errors.push(at('upn', 'Enter the pupil’s UPN: expected a 13-character unique pupil number'));
			continue;
		}
		const pupil = pupilMap.get(upn);
		if (!pupil) {
			errors.push(
				at(
					'upn',
					`No pupil in ${school.name} has the UPN “${get('upn')}”. Expected the UPN of a pupil (or leaver) imported from your MIS`
				)
			);
			continue;
		}
		const checked = checkDestination(
			pupil,
			{
				kind: kindOf(get('kind')),
				academicYear: get('academicYear'),
				nccisCode: get('nccisCode'),
				institution: get('institution'),
				course: get('course'),
				recordedOn: get('recordedOn'),
				source: get('source') || 'import',
				consent: get('consent')
			},
			today
		);
		if (!checked.ok) {
			for (const e of checked.errors) {
				const column = FIELD_COLUMN[e.field] ?? 'upn';
				const expected = EXPECTED[column];
				// The form's wording ("Choose…", "Enter…") gets what the file should hold added.
				errors.push(
					at(column, expected && /^(Choose|Enter)/.test(e.message) ? `${e.message}. ${expected}` : e.message)
				);
			}
			continue;
		}
		const v = checked.values;
		const key = destinationKey(pupil.id, v.kind, v.academicYear);
		const first = seen.get(key);
		if (first !== undefined) {
			errors.push(
				at(
					'upn',
					`Row ${row} repeats row ${first}: the same pupil, kind (${v.kind}) and academic year (${academicYearName(v.academicYear)}). Expected one row for each; remove one of them`
				)
			);
			continue;
		}
		seen.set(key, row);
		rows.push({ row, pupilId: pupil.id, values: v });
	}
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));

	progress({ stage: 'writing', done: 0, total });
	const summary = emptySummary('destinations', dryRun, total);
	return importTransaction(dryRun, async (tx) => {
		let done = 0;
		for (const r of rows) {
			const { outcome } = await writeDestination(
				tx,
				school.id,
				r.pupilId,
				r.values,
				existing.get(destinationKey(r.pupilId, r.values.kind, r.values.academicYear)),
				actor
			);
			summary[outcome]++;
			if (++done % 250 === 0) progress({ stage: 'writing', done, total });
		}
		const intended = rows.filter((r) => r.values.kind === 'intended').length;
		const actual = rows.length - intended;
		summary.notes.push(`${intended} intended and ${actual} actual destinations`);
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'destinations.imported',
				recordType: 'destinations',
				recordId: null,
				summary: `Imported destinations from a spreadsheet: ${summary.added} added, ${summary.updated} changed, ${summary.unchanged} unchanged`,
				after: { rows: total, added: summary.added, updated: summary.updated, unchanged: summary.unchanged }
			},
			options.requestId
		);
		progress({ stage: 'writing', done: total, total });
		return summary;
	});
}

const year = academicYearStart(todayInLondon());

export const destinationsImport: Importer<DestinationColumn> = {
	kind: 'destinations',
	title: 'Destinations',
	noun: 'destinations',
	description:
		'Intended destinations of Year 11 and Year 13 pupils, and actual destinations of leavers for three years after leaving, as NCCIS codes. A row for the same pupil, kind and academic year as one already recorded replaces it.',
	action: 'destinations.edit',
	columns: DESTINATION_COLUMNS,
	example: [
		[
			'A123456789012',
			'intended',
			academicYearName(year + 1),
			'230',
			'Riverside College',
			`01/10/${year}`,
			'A levels',
			'pupil',
			''
		],
		[
			'B123456789012',
			'actual',
			academicYearName(year),
			'310',
			'Acme Engineering Ltd',
			`15/10/${year}`,
			'Level 3 engineering technician',
			'local-authority',
			'Yes'
		]
	],
	usesAcademicYear: false,
	run
};
