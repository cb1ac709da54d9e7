/**
 * The pupil roster from the school's MIS (SIMS, Arbor, Bromcom…), as a CSV export, all or nothing.
 *
 * `parsePupilsCsv` is pure: it reads the file's columns (our template's headings or the usual MIS
 * variants), checks every row — UPN and its check letter, UPNs repeated in the file, NC year and the
 * school's year groups, SEN provision (legacy S, A, P mapped with a warning), real dates, attendance,
 * yes/no flags, email — and returns every problem with its row, column, value and what was expected.
 *
 * `pupilsImport.run` then, only when nothing is wrong, reads the school's pupils in one query, works out
 * in memory which rows are new or changed, and writes just those with chunked
 * INSERT … ON CONFLICT (school_id, upn) DO UPDATE, with one audit event, in one transaction.
 * Unchanged pupils are not touched (their updated_at stays). Re-importing the same file changes nothing.
 *
 * The file describes one academic year: its NC Year is the pupil's year group then, stored as the cohort
 * (`enteredYear7`), so the year group follows by itself in later years.
 *
 * Empty cells and missing columns (decided here, and said on the template page through `help`):
 * - A column the file does not have leaves what Waymark holds unchanged (a new pupil gets the default:
 *   no SEN, every yes/no flag No, everything else not recorded).
 * - An empty cell in a column the file has means the MIS holds nothing: a yes/no flag is No (an MIS
 *   leaves a flag blank when it does not apply), SEN provision is N, and every other optional value is
 *   stored as not recorded (null) — an empty Attendance % stores null, an empty Leaving Date means the
 *   pupil is on roll.
 * - Pupils in Waymark but not in the file are never changed or deleted: a leaver needs a Leaving Date.
 */
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { pupils } from '../db/schema/index.ts';
import type { Tx } from '../db/client.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	CsvReadError,
	parseDate,
	parseYesNo,
	readCsv,
	sortErrors,
	tableOf,
	type ColumnMapping,
	type ColumnSpec,
	type CsvFile,
	type CsvTable
} from '../imports/csv.ts';
import {
	emptySummary,
	importTransaction,
	type Importer,
	type ImportOptions,
	type ImportSummary
} from '../imports/types.ts';
import { academicYearName, academicYearStart, enteredYear7For, todayInLondon } from '../../domain/academic-year.ts';
import {
	cohortFromDateOfBirth,
	ncYearFromDateOfBirth,
	ncYearInPhase,
	ncYearLabel,
	parseNcYear,
	secondaryDateOfBirthProblem,
	type Phase
} from '../../domain/national-curriculum.ts';
import { makeUpn, validateUpn } from '../../domain/upn.ts';

/** Most secondary schools have 600–2,000 pupils; a whole trust's file should be split by school. */
export const MAX_PUPIL_ROWS = 10_000;
const CHUNK = 500;

export type PupilColumn =
	| 'upn'
	| 'legalSurname'
	| 'legalForename'
	| 'preferredForename'
	| 'dateOfBirth'
	| 'gender'
	| 'ncYear'
	| 'regGroup'
	| 'senProvision'
	| 'fsmEligible'
	| 'ever6Fsm'
	| 'pupilPremium'
	| 'eal'
	| 'lookedAfter'
	| 'ethnicity'
	| 'attendancePercent'
	| 'admissionDate'
	| 'leavingDate'
	| 'email';

const YES_NO_HELP = 'Y or N (yes/no, true/false and 1/0 work too). Empty means No.';

/** Our template's headings, in its order, and the names SIMS, Arbor, Bromcom and others export. */
export const PUPIL_COLUMNS: readonly ColumnSpec<PupilColumn>[] = [
	{
		key: 'upn',
		heading: 'UPN',
		names: ['unique pupil number', 'pupil upn', 'upn number'],
		required: true,
		help: 'The 13-character Unique Pupil Number, such as B801200005001.'
	},
	{
		key: 'legalSurname',
		heading: 'Legal Surname',
		names: ['surname', 'last name', 'family name', 'legal last name', 'pupil surname'],
		required: true,
		help: 'The pupil’s legal surname.'
	},
	{
		key: 'legalForename',
		heading: 'Legal Forename',
		names: ['forename', 'first name', 'given name', 'legal first name', 'pupil forename'],
		required: true,
		help: 'The pupil’s legal first name.'
	},
	{
		key: 'preferredForename',
		heading: 'Preferred Forename',
		names: ['preferred name', 'preferred first name', 'known as', 'chosen name'],
		required: false,
		help: 'The name the pupil goes by, when not their legal first name.'
	},
	{
		key: 'dateOfBirth',
		heading: 'Date of Birth',
		names: ['dob', 'birth date', 'date of birth'],
		required: true,
		help: 'As 14/03/2014 or 2014-03-14.'
	},
	{
		key: 'gender',
		heading: 'Gender',
		names: ['sex'],
		required: false,
		help: 'M or F (Male or Female). Empty when not recorded.'
	},
	{
		key: 'ncYear',
		heading: 'NC Year',
		names: [
			'year',
			'year group',
			'ncyearactual',
			'nc year actual',
			'national curriculum year',
			'curriculum year',
			'yr',
			'year grp'
		],
		required: true,
		help: 'The year group in the academic year the file describes: 7 to 13 (also 07, Y7, Year 7), or X for a pupil not following national curriculum years (placed by date of birth).'
	},
	{
		key: 'regGroup',
		heading: 'Reg Group',
		names: ['reg', 'registration group', 'reg form', 'tutor group', 'form', 'form group', 'tutor', 'registration'],
		required: false,
		help: 'The registration (tutor) group, such as 7RB.'
	},
	{
		key: 'senProvision',
		heading: 'SEN Provision',
		names: ['sen', 'sen status', 'senprovision', 'sen stage', 'sen code', 'special educational needs'],
		required: false,
		help: 'E (education, health and care plan), K (SEN support) or N (no SEN). Empty means N. The old codes S, A and P are read as E, K and K.'
	},
	{
		key: 'fsmEligible',
		heading: 'FSM Eligible',
		names: ['fsm', 'free school meals', 'fsm eligibility', 'eligible for fsm', 'fsm status'],
		required: false,
		help: `Eligible for free school meals now. ${YES_NO_HELP}`
	},
	{
		key: 'ever6Fsm',
		heading: 'Ever 6 FSM',
		names: ['ever6', 'ever 6', 'fsm ever 6', 'fsm6', 'ever fsm 6', 'ever6 fsm'],
		required: false,
		help: `Eligible for free school meals at any time in the last six years. ${YES_NO_HELP}`
	},
	{
		key: 'pupilPremium',
		heading: 'Pupil Premium',
		names: ['pp', 'pp eligible', 'pupil premium eligible', 'pupil premium indicator', 'disadvantaged'],
		required: false,
		help: `Attracts the pupil premium. ${YES_NO_HELP}`
	},
	{
		key: 'eal',
		heading: 'EAL',
		names: [
			'first language not english',
			'english as an additional language',
			'eal status',
			'english additional language'
		],
		required: false,
		help: `English as an additional language. ${YES_NO_HELP}`
	},
	{
		key: 'lookedAfter',
		heading: 'Looked After',
		names: [
			'in care',
			'cla',
			'lac',
			'looked after child',
			'child looked after',
			'in care status',
			'looked after status'
		],
		required: false,
		help: `In the care of the local authority. ${YES_NO_HELP}`
	},
	{
		key: 'ethnicity',
		heading: 'Ethnicity',
		names: ['ethnic code', 'ethnic group', 'ethnicity code', 'ethnic origin'],
		required: false,
		help: 'The DfE code, such as WBRI, or its description.'
	},
	{
		key: 'attendancePercent',
		heading: 'Attendance %',
		names: ['attendance', 'attendance percentage', 'attendance percent', 'percentage attendance', 'attendance pct'],
		required: false,
		help: 'This year’s attendance from 0 to 100, such as 96.5 or 96.5%. Empty when not known.'
	},
	{
		key: 'admissionDate',
		heading: 'Admission Date',
		names: [
			'date of admission',
			'entry date',
			'date of entry',
			'admission',
			'admitted',
			'enrolment date',
			'start date'
		],
		required: false,
		help: 'When the pupil joined the school, as 01/09/2025 or 2025-09-01.'
	},
	{
		key: 'leavingDate',
		heading: 'Leaving Date',
		names: ['date of leaving', 'leave date', 'leaving', 'date left', 'left date', 'end date'],
		required: false,
		help: 'When the pupil left (or will leave). A leaver is kept in Waymark: give a leaving date rather than removing the row. Empty means on roll.'
	},
	{
		key: 'email',
		heading: 'Email',
		names: ['email address', 'pupil email', 'school email', 'e-mail', 'email address main'],
		required: false,
		help: 'The pupil’s school email address.'
	}
];

const u = (serial: string) => makeUpn({ la: 999, establishment: 4001, yearOfIssue: 13, serial });

/** Fictional pupils with valid UPNs, for the template. */
export const PUPIL_EXAMPLES: readonly (readonly string[])[] = [
	[
		u('001'),
		'Ashworth',
		'Elena',
		'Ellie',
		'14/03/2014',
		'F',
		'7',
		'7RB',
		'N',
		'N',
		'N',
		'N',
		'N',
		'N',
		'WBRI',
		'97.2',
		'01/09/2025',
		'',
		'e.ashworth@pupils.example.org'
	],
	[
		u('002'),
		'Okonkwo-Reid',
		'Samuel',
		'',
		'02/11/2010',
		'M',
		'10',
		'10JH',
		'K',
		'Y',
		'Y',
		'Y',
		'N',
		'N',
		'MWBA',
		'88.4',
		'03/09/2021',
		'',
		''
	],
	[
		u('03A'),
		'Kowalska',
		'Zofia',
		'',
		'27/06/2009',
		'F',
		'11',
		'11MP',
		'E',
		'N',
		'N',
		'Y',
		'Y',
		'Y',
		'WPOL',
		'',
		'15/01/2024',
		'20/02/2026',
		''
	]
];

type PupilFields = {
	legalSurname: string;
	legalForename: string;
	preferredForename: string | null;
	dateOfBirth: string;
	gender: string | null;
	enteredYear7: number;
	regGroup: string | null;
	senProvision: 'E' | 'K' | 'N';
	fsmEligible: boolean;
	ever6Fsm: boolean;
	pupilPremium: boolean;
	eal: boolean;
	lookedAfter: boolean;
	ethnicity: string | null;
	attendancePercent: number | null;
	admissionDate: string | null;
	leavingDate: string | null;
	email: string | null;
};

/** The fields an import may change, in the table's order. */
const FIELDS = [
	'legalSurname',
	'legalForename',
	'preferredForename',
	'dateOfBirth',
	'gender',
	'enteredYear7',
	'regGroup',
	'senProvision',
	'fsmEligible',
	'ever6Fsm',
	'pupilPremium',
	'eal',
	'lookedAfter',
	'ethnicity',
	'attendancePercent',
	'admissionDate',
	'leavingDate',
	'email'
] as const satisfies readonly (keyof PupilFields)[];

/** What a new pupil holds for a column the file does not have. */
const DEFAULTS: Omit<PupilFields, 'legalSurname' | 'legalForename' | 'dateOfBirth' | 'enteredYear7'> = {
	preferredForename: null,
	gender: null,
	regGroup: null,
	senProvision: 'N',
	fsmEligible: false,
	ever6Fsm: false,
	pupilPremium: false,
	eal: false,
	lookedAfter: false,
	ethnicity: null,
	attendancePercent: null,
	admissionDate: null,
	leavingDate: null,
	email: null
};

/** One row of the file: its UPN and the values of the columns the file has (others undefined: kept). */
export type PupilRow = {
	row: number;
	upn: string;
	values: Partial<PupilFields> & Pick<PupilFields, 'legalSurname' | 'legalForename' | 'dateOfBirth' | 'enteredYear7'>;
};

export type ParsedPupils = { rows: PupilRow[]; errors: FieldError[]; warnings: FieldError[] };

export type ParseContext = {
	school: Phase & { name: string };
	academicYear: number;
	/** Europe/London date, YYYY-MM-DD: dates of birth after it are refused. */
	today: string;
	mapping?: ColumnMapping;
};

/** Codes (and their words) from before the 2014 SEN reforms, by squashed text. */
const LEGACY_SEN: Record<string, { code: 'E' | 'K'; was: string }> = {
	s: { code: 'E', was: 'statement of SEN' },
	statement: { code: 'E', was: 'statement of SEN' },
	a: { code: 'K', was: 'School Action' },
	schoolaction: { code: 'K', was: 'School Action' },
	p: { code: 'K', was: 'School Action Plus' },
	schoolactionplus: { code: 'K', was: 'School Action Plus' }
};

const SEN_WORDS: Record<string, 'E' | 'K' | 'N'> = {
	e: 'E',
	ehcp: 'E',
	ehc: 'E',
	ehcplan: 'E',
	educationhealthandcareplan: 'E',
	k: 'K',
	sensupport: 'K',
	support: 'K',
	n: 'N',
	none: 'N',
	nosen: 'N',
	no: 'N'
};

const GENDERS: Record<string, 'M' | 'F'> = { m: 'M', male: 'M', boy: 'M', f: 'F', female: 'F', girl: 'F' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "96.5", "96.5%", "96,5" (Excel in much of Europe) → 96.5; undefined when not a number. */
export function parsePercent(value: string): number | undefined {
	const s = value
		.trim()
		.replace(/\s*%$/, '')
		.replace(/^(\d+),(\d+)$/, '$1.$2');
	if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
	return Math.round(Number(s) * 100) / 100;
}

/** The file as CSV, its columns checked; errors when it cannot be read or has too many rows. */
function readTable(
	text: string,
	mapping: ColumnMapping | undefined
): { file?: CsvFile; table?: CsvTable<PupilColumn>; errors: FieldError[] } {
	let file: CsvFile;
	try {
		file = readCsv(text, 'pupils');
	} catch (e) {
		if (e instanceof CsvReadError) return { errors: e.errors };
		throw e;
	}
	if (file.records.length > MAX_PUPIL_ROWS)
		return {
			errors: [
				{
					field: 'file',
					message: `The file has ${file.records.length.toLocaleString('en-GB')} pupils: import at most ${MAX_PUPIL_ROWS.toLocaleString('en-GB')} at a time. Export one school at a time, or split the file by year group`
				}
			]
		};
	const { table, errors } = tableOf(file, PUPIL_COLUMNS, mapping as ColumnMapping<PupilColumn> | undefined);
	return { file, table, errors };
}

/**
 * A pupil file's text → one row per pupil with the values of the columns it has, every problem (row,
 * column as the file names it, value, what was expected) and warnings (accepted, worth knowing). Pure.
 */
export function parsePupilsCsv(text: string, context: ParseContext): ParsedPupils {
	const { table, errors } = readTable(text, context.mapping);
	if (!table || errors.length > 0) return { rows: [], errors, warnings: [] };
	const warnings: FieldError[] = [];
	const rows: PupilRow[] = [];
	const seen = new Map<string, number>();
	const { school, academicYear, today } = context;
	const yearName = academicYearName(academicYear);

	for (const record of table.records) {
		const row = record.row;
		let rowOk = true;
		const cell = (key: PupilColumn) => table.get(record, key);
		const problem = (key: PupilColumn, message: string) => {
			rowOk = false;
			errors.push({ field: key, row, column: table.headingOf(key), value: cell(key), message });
		};
		const warn = (key: PupilColumn, message: string) =>
			warnings.push({ field: key, row, column: table.headingOf(key), value: cell(key), message });

		const required = (key: PupilColumn, what: string): string => {
			const v = cell(key);
			if (v === '') problem(key, `${what} is missing: every pupil needs one`);
			return v;
		};
		const text = (key: PupilColumn, max: number): string | null | undefined => {
			if (!table.has(key)) return undefined;
			const v = cell(key);
			if (v.length > max) problem(key, `This is ${v.length} characters long: at most ${max} fit`);
			return v === '' ? null : v;
		};
		const date = (key: PupilColumn): string | null | undefined => {
			if (!table.has(key)) return undefined;
			const v = cell(key);
			if (v === '') return null;
			const iso = parseDate(v);
			if (!iso) problem(key, `“${v}” is not a real date. Use a date such as 14/03/2014 or 2014-03-14`);
			return iso ?? null;
		};
		const yesNo = (key: PupilColumn): boolean | undefined => {
			if (!table.has(key)) return undefined;
			const v = parseYesNo(cell(key));
			if (v === null) problem(key, `“${cell(key)}” is not yes or no. Use Y or N (or yes/no, true/false, 1/0)`);
			return v ?? false;
		};

		// UPN: format and check letter, once in the file.
		let upn = '';
		const upnText = required('upn', 'The UPN');
		if (upnText !== '') {
			const checked = validateUpn(upnText);
			if (!checked.ok) problem('upn', checked.reason);
			else {
				upn = checked.upn;
				const first = seen.get(upn);
				if (first !== undefined)
					problem('upn', `UPN ${upn} is also on row ${first}: each pupil must be in the file once`);
				else seen.set(upn, row);
			}
		}

		const legalSurname = required('legalSurname', 'The legal surname');
		if (legalSurname.length > 100) problem('legalSurname', 'At most 100 characters fit');
		const legalForename = required('legalForename', 'The legal forename');
		if (legalForename.length > 100) problem('legalForename', 'At most 100 characters fit');
		const preferredForename = text('preferredForename', 100);

		// Date of birth: real, not in the future, a secondary school age in this academic year.
		let dateOfBirth = '';
		const dobText = required('dateOfBirth', 'The date of birth');
		if (dobText !== '') {
			const iso = parseDate(dobText);
			if (!iso) problem('dateOfBirth', `“${dobText}” is not a real date. Use a date such as 14/03/2014 or 2014-03-14`);
			else {
				const why = secondaryDateOfBirthProblem(iso, academicYear, today);
				if (why) problem('dateOfBirth', why);
				else dateOfBirth = iso;
			}
		}

		// NC year → cohort. X: the cohort of the date of birth.
		let enteredYear7 = 0;
		const ncText = cell('ncYear');
		const nc = parseNcYear(ncText);
		if (!nc.ok) problem('ncYear', nc.reason);
		else if (!ncYearInPhase(nc.value, school))
			problem(
				'ncYear',
				`${ncYearLabel(nc.value)} is outside ${school.name}’s year groups (${school.lowestYear} to ${school.highestYear}). Use a year from ${school.lowestYear} to ${school.highestYear}, or X`
			);
		else if (nc.value.kind === 'x') {
			if (dateOfBirth) {
				enteredYear7 = cohortFromDateOfBirth(dateOfBirth);
				warn(
					'ncYear',
					`NC year X: placed with the pupils of their age, in Year ${ncYearFromDateOfBirth(dateOfBirth, academicYear)} in ${yearName}`
				);
			}
		} else {
			enteredYear7 = enteredYear7For(nc.value.year, academicYear);
			if (dateOfBirth) {
				const byAge = ncYearFromDateOfBirth(dateOfBirth, academicYear);
				if (Math.abs(byAge - nc.value.year) >= 2)
					warn(
						'ncYear',
						`A pupil born on ${dobText} is usually in Year ${byAge} in ${yearName}, not Year ${nc.value.year}. Waymark uses the NC year: check it and the date of birth`
					);
			}
		}

		let gender: string | null | undefined;
		if (table.has('gender')) {
			const g = cell('gender');
			gender = g === '' ? null : GENDERS[g.toLowerCase()];
			if (gender === undefined) problem('gender', `“${g}” is not a gender we know. Use M or F, or leave it empty`);
		}

		const regGroup = text('regGroup', 50);

		let senProvision: 'E' | 'K' | 'N' | undefined;
		if (table.has('senProvision')) {
			const s = cell('senProvision');
			const word = s.toLowerCase().replace(/[^a-z]/g, '');
			const legacy = LEGACY_SEN[word];
			senProvision = s === '' ? 'N' : SEN_WORDS[word];
			if (legacy) {
				senProvision = legacy.code;
				warn(
					'senProvision',
					`“${s}” (${legacy.was}) is an old SEN code, recorded as ${legacy.code} (${legacy.code === 'E' ? 'EHC plan' : 'SEN support'}). Update the MIS when you can`
				);
			} else if (senProvision === undefined)
				problem('senProvision', `“${s}” is not an SEN provision. Use E (EHC plan), K (SEN support) or N (no SEN)`);
		}

		const fsmEligible = yesNo('fsmEligible');
		const ever6Fsm = yesNo('ever6Fsm');
		const pupilPremium = yesNo('pupilPremium');
		const eal = yesNo('eal');
		const lookedAfter = yesNo('lookedAfter');

		let ethnicity = text('ethnicity', 100);
		if (ethnicity && /^[a-z]{4}$/i.test(ethnicity)) ethnicity = ethnicity.toUpperCase();

		let attendancePercent: number | null | undefined;
		if (table.has('attendancePercent')) {
			const a = cell('attendancePercent');
			const n = a === '' ? null : parsePercent(a);
			if (n === undefined || (n !== null && n > 100))
				problem(
					'attendancePercent',
					`“${a}” is not an attendance percentage. Use a number from 0 to 100, such as 96.5`
				);
			attendancePercent = n ?? null;
		}

		const admissionDate = date('admissionDate');
		const leavingDate = date('leavingDate');
		if (admissionDate && leavingDate && leavingDate < admissionDate)
			problem(
				'leavingDate',
				`The leaving date is before the admission date (${cell('admissionDate')}). Check both dates`
			);

		let email = text('email', 254);
		if (email) {
			email = email.toLowerCase();
			if (!EMAIL.test(email))
				problem('email', `“${cell('email')}” is not an email address. Use one such as name@school.org`);
		}

		if (!rowOk || !upn) continue;
		const values: PupilRow['values'] = { legalSurname, legalForename, dateOfBirth, enteredYear7 };
		const optional: Partial<PupilFields> = {
			preferredForename,
			gender,
			regGroup,
			senProvision,
			fsmEligible,
			ever6Fsm,
			pupilPremium,
			eal,
			lookedAfter,
			ethnicity,
			attendancePercent,
			admissionDate,
			leavingDate,
			email
		};
		for (const [k, v] of Object.entries(optional)) if (v !== undefined) (values as Record<string, unknown>)[k] = v;
		rows.push({ row, upn, values });
	}
	const fractions = fractionAttendance(table);
	if (fractions) errors.push(fractions);
	return { rows, errors, warnings };
}

/**
 * An MIS that exports attendance as a fraction (0.965 for 96.5%) would otherwise be read as under 1%:
 * when every figure in the file is 1 or less, that is what happened.
 */
function fractionAttendance(table: CsvTable<PupilColumn>): FieldError | undefined {
	if (!table.has('attendancePercent')) return undefined;
	const figures = table.records
		.map((r) => ({ row: r.row, text: table.get(r, 'attendancePercent') }))
		.filter((f) => f.text !== '')
		.map((f) => ({ ...f, value: parsePercent(f.text) }));
	if (figures.length < 3 || figures.some((f) => f.value === undefined || f.value > 1)) return undefined;
	if (figures.every((f) => f.value === 0)) return undefined;
	const first = figures[0]!;
	return {
		field: 'attendancePercent',
		row: first.row,
		column: table.headingOf('attendancePercent'),
		value: first.text,
		message:
			'Every attendance figure in the file is 1 or less: they look like fractions (0.965) rather than percentages (96.5). Export attendance as a percentage, or multiply the column by 100'
	};
}

type Stored = PupilFields & { upn: string };

function same(a: PupilFields, b: PupilFields): boolean {
	return FIELDS.every((f) =>
		f === 'attendancePercent'
			? (a[f] === null ? null : Number(a[f])) === (b[f] === null ? null : Number(b[f]))
			: a[f] === b[f]
	);
}

/** The academic year an import describes: the option, checked, or the current one. */
export function importYear(options: ImportOptions): number {
	const year = options.academicYear ?? academicYearStart(todayInLondon());
	if (!Number.isInteger(year) || year < 2000 || year > 2100)
		throw ValidationError.one('academicYear', 'Choose the academic year the file describes, such as 2025/26');
	return year;
}

type PupilWrite = PupilFields & { schoolId: string; upn: string };

const WRITTEN = ['schoolId', 'upn', ...FIELDS] as const;

/**
 * INSERT … ON CONFLICT (school_id, upn) DO UPDATE for many pupils in one statement: one array parameter
 * per column and `select * from unnest(…)` (as demo/bulk-insert.ts does), several times faster on PGlite
 * than a VALUES list with a parameter per cell. Column names and types come from the Drizzle table.
 */
async function upsertPupils(tx: Tx, rows: PupilWrite[]): Promise<void> {
	const columns = getTableColumns(pupils);
	const arrays = WRITTEN.map((key) => {
		const column = columns[key];
		const values = rows.map((r) => (r[key] === null ? null : column.mapToDriverValue(r[key])));
		return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
	});
	const names = WRITTEN.map((key) => sql.identifier(columns[key].name));
	const updates = FIELDS.map((key) => {
		const name = sql.identifier(columns[key].name);
		return sql`${name} = excluded.${name}`;
	});
	await tx.execute(
		sql`insert into ${pupils} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})
			on conflict (${sql.identifier(columns.schoolId.name)}, ${sql.identifier(columns.upn.name)})
			do update set ${sql.join(updates, sql`, `)}, ${sql.identifier(columns.updatedAt.name)} = now()`
	);
}

async function writePupils(
	tx: Tx,
	actor: Actor,
	school: School,
	academicYear: number,
	parsed: ParsedPupils,
	options: ImportOptions
): Promise<ImportSummary> {
	const summary = emptySummary('pupils', options.dryRun ?? false, parsed.rows.length);
	summary.warnings = parsed.warnings;
	const existing: Stored[] = await tx.select().from(pupils).where(eq(pupils.schoolId, school.id));
	const byUpn = new Map(existing.map((p) => [p.upn, p]));

	const toWrite: PupilWrite[] = [];
	const inFile = new Set<string>();
	for (const r of parsed.rows) {
		inFile.add(r.upn);
		const before = byUpn.get(r.upn);
		const base: PupilFields = before ? before : { ...DEFAULTS, ...r.values };
		const after: PupilFields = { ...base, ...r.values };
		if (before && same(before, after)) {
			summary.unchanged++;
			continue;
		}
		if (before) summary.updated++;
		else summary.added++;
		if (after.leavingDate !== null && after.leavingDate !== (before?.leavingDate ?? null)) summary.left++;
		toWrite.push({ ...after, schoolId: school.id, upn: r.upn });
	}

	const progress = (done: number) => options.onProgress?.({ stage: 'writing', done, total: toWrite.length });
	progress(0);
	for (let i = 0; i < toWrite.length; i += CHUNK) {
		await upsertPupils(tx, toWrite.slice(i, i + CHUNK));
		progress(Math.min(i + CHUNK, toWrite.length));
	}

	// Pupils on roll in Waymark whom this file does not mention: not changed, but said.
	const absent = [...byUpn.values()].filter((p) => !inFile.has(p.upn) && p.leavingDate === null).map((p) => p.upn);
	if (absent.length > 0) {
		const few = absent.slice(0, 5).join(', ');
		summary.notes.push(
			`${absent.length} ${absent.length === 1 ? 'pupil' : 'pupils'} on roll in Waymark ${absent.length === 1 ? 'is' : 'are'} not in this file and ${absent.length === 1 ? 'was' : 'were'} left unchanged (UPN ${few}${absent.length > 5 ? ', …' : ''}). To record a leaver, include them in the file with a Leaving Date.`
		);
	}

	const counts = {
		academicYear: academicYearName(academicYear),
		rows: summary.rows,
		added: summary.added,
		updated: summary.updated,
		unchanged: summary.unchanged,
		left: summary.left,
		notInFile: absent.length,
		warnings: summary.warnings.length
	};
	await recordAudit(
		tx,
		actor,
		{
			organisationId: school.id,
			action: 'pupils.imported',
			recordType: 'school',
			recordId: school.id,
			summary: `Imported pupils from the MIS for ${counts.academicYear}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.left} marked as leavers`,
			after: counts
		},
		options.requestId
	);
	return summary;
}

/** Imports the school's pupils from an MIS export: every row checked first, then all written or none. */
export async function importPupils(
	actor: Actor,
	school: School,
	text: string,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	authorise(actor, 'pupils.import', school.id);
	const academicYear = importYear(options);
	options.onProgress?.({ stage: 'reading', done: 0, total: 1 });
	const parsed = parsePupilsCsv(text, { school, academicYear, today: todayInLondon(), mapping: options.mapping });
	options.onProgress?.({ stage: 'checking', done: parsed.rows.length, total: parsed.rows.length });
	if (parsed.errors.length > 0) throw new ValidationError(sortErrors(parsed.errors));
	return importTransaction(options.dryRun ?? false, (tx) =>
		writePupils(tx, actor, school, academicYear, parsed, options)
	);
}

export const pupilsImport: Importer<PupilColumn> = {
	kind: 'pupils',
	title: 'Pupils from your MIS',
	noun: 'pupils',
	description:
		'Export your pupils from SIMS, Arbor, Bromcom or another MIS as a CSV file. Pupils are matched by UPN: importing a later export updates them, adds joiners and records leavers (give them a Leaving Date). Nothing is deleted.',
	action: 'pupils.import',
	columns: PUPIL_COLUMNS,
	example: PUPIL_EXAMPLES,
	usesAcademicYear: true,
	run: importPupils
};
