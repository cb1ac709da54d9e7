import { describe, expect, it } from 'vitest';
import { guessMapping, templateCsv } from '../imports/csv.ts';
import { makeUpn, validateUpn } from '../../domain/upn.ts';
import {
	MAX_PUPIL_ROWS,
	parsePercent,
	parsePupilsCsv,
	PUPIL_COLUMNS,
	PUPIL_EXAMPLES,
	pupilsImport,
	type ParseContext
} from './import-roster.ts';
import { GROUP_COLUMNS, GROUP_EXAMPLES, groupsImport, parseGroupsCsv } from './import-groups.ts';

const context: ParseContext = {
	school: { name: 'Riverside Academy', lowestYear: 7, highestYear: 13 },
	academicYear: 2025,
	today: '2026-02-10'
};

const upn = (n: number) =>
	makeUpn({ la: 801, establishment: 4001, yearOfIssue: 14, serial: String(n).padStart(3, '0') });

function wrongLetter(valid: string): { upn: string; expected: string } {
	const expected = valid[0]!;
	const wrong = expected === 'A' ? 'B' : 'A';
	return { upn: wrong + valid.slice(1), expected };
}

describe('pupil import columns', () => {
	it('has exactly the template’s headings, in order', () => {
		expect(PUPIL_COLUMNS.map((c) => c.heading).join(',')).toBe(
			'UPN,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,NC Year,Reg Group,SEN Provision,FSM Eligible,Ever 6 FSM,Pupil Premium,EAL,Looked After,Ethnicity,Attendance %,Admission Date,Leaving Date,Email'
		);
		expect(PUPIL_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
			'upn',
			'legalSurname',
			'legalForename',
			'dateOfBirth',
			'ncYear'
		]);
		expect(pupilsImport.kind).toBe('pupils');
		expect(pupilsImport.action).toBe('pupils.import');
		expect(pupilsImport.usesAcademicYear).toBe(true);
	});

	it('maps a SIMS-like header (semicolons, BOM, CRLF)', () => {
		const text =
			'\uFEFFUPN;Surname;Forename;DOB;Year;Reg;SEN;FSM;PP\r\n' + `${upn(1)};Ashworth;Elena;14/03/2014;07;7RB;K;Y;N\r\n`;
		expect(guessMapping('Surname;Forename;DOB;Year;Reg;SEN;FSM;PP'.split(';'), PUPIL_COLUMNS)).toEqual([
			'legalSurname',
			'legalForename',
			'dateOfBirth',
			'ncYear',
			'regGroup',
			'senProvision',
			'fsmEligible',
			'pupilPremium'
		]);
		const parsed = parsePupilsCsv(text, context);
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toEqual([
			{
				row: 2,
				upn: upn(1),
				values: {
					legalSurname: 'Ashworth',
					legalForename: 'Elena',
					dateOfBirth: '2014-03-14',
					enteredYear7: 2025,
					regGroup: '7RB',
					senProvision: 'K',
					fsmEligible: true,
					pupilPremium: false
				}
			}
		]);
	});

	it.each([
		[
			'Arbor-like',
			[
				'UPN',
				'Last Name',
				'First Name',
				'Preferred First Name',
				'Date of birth',
				'Sex',
				'Year Group',
				'Registration Group',
				'SEN Status',
				'Free School Meals',
				'FSM Ever 6',
				'Pupil Premium Eligible',
				'First language not English',
				'In care',
				'Ethnic code',
				'% Attendance',
				'Date of admission',
				'Date of leaving',
				'Email address'
			]
		],
		[
			'Bromcom-like',
			[
				'upn',
				'Legal_Surname',
				'legal forename',
				'Known As',
				'DoB',
				'Gender',
				'NCyearActual',
				'Tutor Group',
				'SENprovision',
				'FSM Eligible',
				'Ever6',
				'PP',
				'EAL',
				'CLA',
				'Ethnicity',
				'Attendance',
				'Entry date',
				'Leaving date',
				'E-mail'
			]
		],
		[
			'other names',
			[
				'Unique Pupil Number',
				'Family name',
				'Given name',
				'Preferred name',
				'Birth date',
				'sex',
				'NC Year',
				'Form',
				'SEN',
				'FSM',
				'Ever 6 FSM',
				'Disadvantaged',
				'English as an additional language',
				'LAC',
				'Ethnic group',
				'Attendance percentage',
				'Admission',
				'Leave date',
				'Pupil email'
			]
		]
	])('maps %s headers to every column', (_, headers) => {
		expect(guessMapping(headers, PUPIL_COLUMNS)).toEqual(PUPIL_COLUMNS.map((c) => c.key));
	});

	it('accepts the template with its example rows, every UPN valid', () => {
		for (const row of PUPIL_EXAMPLES) expect(validateUpn(row[0]!).ok).toBe(true);
		const parsed = parsePupilsCsv(templateCsv(PUPIL_COLUMNS, PUPIL_EXAMPLES), context);
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toHaveLength(PUPIL_EXAMPLES.length);
		expect(parsed.rows[2]!.values).toMatchObject({
			senProvision: 'E',
			lookedAfter: true,
			attendancePercent: null,
			leavingDate: '2026-02-20',
			enteredYear7: 2025 - 11 + 7
		});
	});

	it('groups import: its columns, variants and examples', () => {
		expect(GROUP_COLUMNS.map((c) => c.heading)).toEqual(['UPN', 'Group']);
		expect(groupsImport.kind).toBe('groups');
		expect(groupsImport.action).toBe('pupils.import');
		for (const name of ['Class', 'Teaching Group', 'Set', 'group'])
			expect(guessMapping(['UPN', name], GROUP_COLUMNS)).toEqual(['upn', 'group']);
		const parsed = parseGroupsCsv(templateCsv(GROUP_COLUMNS, GROUP_EXAMPLES));
		expect(parsed.errors).toEqual([]);
		expect(parsed.rows).toHaveLength(GROUP_EXAMPLES.length);
	});
});

const HEADER =
	'UPN,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,NC Year,Reg Group,SEN Provision,FSM Eligible,Ever 6 FSM,Pupil Premium,EAL,Looked After,Ethnicity,Attendance %,Admission Date,Leaving Date,Email';

function line(overrides: Partial<Record<string, string>> = {}, n = 1): string {
	const cells: Record<string, string> = {
		UPN: upn(n),
		'Legal Surname': 'Ashworth',
		'Legal Forename': 'Elena',
		'Preferred Forename': '',
		'Date of Birth': '14/03/2012',
		Gender: 'F',
		'NC Year': '9',
		'Reg Group': '9RB',
		'SEN Provision': 'N',
		'FSM Eligible': 'N',
		'Ever 6 FSM': 'N',
		'Pupil Premium': 'N',
		EAL: 'N',
		'Looked After': 'N',
		Ethnicity: 'WBRI',
		'Attendance %': '95',
		'Admission Date': '01/09/2023',
		'Leaving Date': '',
		Email: '',
		...overrides
	};
	return HEADER.split(',')
		.map((h) => cells[h])
		.join(',');
}

function parse(...lines: string[]) {
	return parsePupilsCsv([HEADER, ...lines].join('\n'), context);
}

describe('parsePupilsCsv: each row checked', () => {
	it('names the expected check letter, the row, the column and the value', () => {
		const bad = wrongLetter(upn(2));
		const { errors, rows } = parse(line({}, 1), line({ UPN: bad.upn }, 2));
		expect(rows).toHaveLength(1);
		expect(errors).toEqual([
			expect.objectContaining({
				row: 3,
				column: 'UPN',
				value: bad.upn,
				message: expect.stringContaining(`should be ${bad.expected}`)
			})
		]);
	});

	it('names the other row of a repeated UPN (spaces and case do not hide it)', () => {
		const u = upn(5);
		const { errors } = parse(line({}, 5), line({}, 6), line({ UPN: `${u.slice(0, 4).toLowerCase()} ${u.slice(4)}` }));
		expect(errors).toEqual([
			expect.objectContaining({ row: 4, column: 'UPN', message: expect.stringMatching(/also on row 2/) })
		]);
	});

	it.each([
		['07', 2025],
		['Y11', 2021],
		['Year 13', 2019]
	])('NC year %s → entered Year 7 in %i', (year, cohort) => {
		const { rows, errors } = parse(line({ 'NC Year': year, 'Date of Birth': '01/01/2010' }));
		expect(rows[0]?.values.enteredYear7).toBe(cohort);
		expect(errors).toEqual([]);
	});

	it('refuses a year outside the school’s year groups, and an unknown year', () => {
		const { errors } = parsePupilsCsv([HEADER, line({ 'NC Year': '12' }), line({ 'NC Year': '15' }, 2)].join('\n'), {
			...context,
			school: { name: 'Hillcrest School', lowestYear: 7, highestYear: 11 }
		});
		expect(errors).toEqual([
			expect.objectContaining({
				row: 2,
				column: 'NC Year',
				value: '12',
				message: expect.stringMatching(/Year 12 is outside Hillcrest School’s year groups \(7 to 11\)/)
			}),
			expect.objectContaining({
				row: 3,
				column: 'NC Year',
				value: '15',
				message: expect.stringMatching(/not a national curriculum year/)
			})
		]);
	});

	it('places an X pupil with their age group, with a warning', () => {
		const { rows, errors, warnings } = parse(line({ 'NC Year': 'X', 'Date of Birth': '01/10/2011' }));
		expect(errors).toEqual([]);
		expect(rows[0]!.values.enteredYear7).toBe(2023);
		expect(warnings).toEqual([
			expect.objectContaining({ row: 2, column: 'NC Year', message: expect.stringMatching(/Year 9 in 2025\/26/) })
		]);
	});

	it('maps legacy SEN codes with a warning naming the row, and refuses others', () => {
		const { rows, errors, warnings } = parse(
			line({ 'SEN Provision': 'S' }, 1),
			line({ 'SEN Provision': 'a' }, 2),
			line({ 'SEN Provision': 'P' }, 3),
			line({ 'SEN Provision': '' }, 4),
			line({ 'SEN Provision': 'EHCP' }, 5),
			line({ 'SEN Provision': 'Q' }, 6)
		);
		expect(rows.map((r) => r.values.senProvision)).toEqual(['E', 'K', 'K', 'N', 'E']);
		expect(warnings.map((w) => [w.row, w.column, w.value])).toEqual([
			[2, 'SEN Provision', 'S'],
			[3, 'SEN Provision', 'a'],
			[4, 'SEN Provision', 'P']
		]);
		expect(warnings[0]!.message).toMatch(/old SEN code, recorded as E/);
		expect(errors).toEqual([
			expect.objectContaining({ row: 7, value: 'Q', message: expect.stringMatching(/E .*K .*N/) })
		]);
	});

	it('reads SEN as an MIS words it', () => {
		const { rows, warnings, errors } = parse(
			line({ 'SEN Provision': 'SEN Support' }, 1),
			line({ 'SEN Provision': 'EHC Plan' }, 2),
			line({ 'SEN Provision': 'No SEN' }, 3),
			line({ 'SEN Provision': 'Statement' }, 4)
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => r.values.senProvision)).toEqual(['K', 'E', 'N', 'E']);
		expect(warnings).toEqual([expect.objectContaining({ row: 5, value: 'Statement' })]);
	});

	it('refuses attendance given as fractions rather than percentages', () => {
		const { errors } = parse(
			line({ 'Attendance %': '0.965' }, 1),
			line({ 'Attendance %': '0.88' }, 2),
			line({ 'Attendance %': '' }, 3),
			line({ 'Attendance %': '1' }, 4)
		);
		expect(errors).toEqual([
			expect.objectContaining({
				row: 2,
				column: 'Attendance %',
				value: '0.965',
				message: expect.stringMatching(/fractions/)
			})
		]);
		expect(
			parse(line({ 'Attendance %': '0.965' }, 1), line({ 'Attendance %': '96' }, 2), line({ 'Attendance %': '0.5' }, 3))
				.errors
		).toEqual([]);
	});

	it('refuses impossible and implausible dates', () => {
		const { errors } = parse(
			line({ 'Date of Birth': '31/02/2012' }, 1),
			line({ 'Date of Birth': '01/03/2027' }, 2),
			line({ 'Date of Birth': '01/03/2021' }, 3),
			line({ 'Admission Date': '2023-13-01' }, 4),
			line({ 'Admission Date': '01/09/2023', 'Leaving Date': '31/08/2023' }, 5)
		);
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[2, 'Date of Birth', '31/02/2012'],
			[3, 'Date of Birth', '01/03/2027'],
			[4, 'Date of Birth', '01/03/2021'],
			[5, 'Admission Date', '2023-13-01'],
			[6, 'Leaving Date', '31/08/2023']
		]);
		expect(errors[0]!.message).toMatch(/not a real date/);
		expect(errors[1]!.message).toMatch(/future/);
		expect(errors[2]!.message).toMatch(/would be 4/);
		expect(errors[4]!.message).toMatch(/before the admission date/);
	});

	it('reads attendance with or without %, and refuses what is not 0–100', () => {
		expect(parsePercent('96.5')).toBe(96.5);
		expect(parsePercent('96.5%')).toBe(96.5);
		expect(parsePercent('96,5 %')).toBe(96.5);
		expect(parsePercent('100')).toBe(100);
		expect(parsePercent('-3')).toBeUndefined();
		const { rows, errors } = parse(
			line({ 'Attendance %': '96.5%' }, 1),
			line({ 'Attendance %': '' }, 2),
			line({ 'Attendance %': '100.5' }, 3),
			line({ 'Attendance %': 'ninety' }, 4)
		);
		expect(rows.map((r) => r.values.attendancePercent)).toEqual([96.5, null]);
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[4, 'Attendance %', '100.5'],
			[5, 'Attendance %', 'ninety']
		]);
	});

	it('reads yes/no flags; empty means No; anything else is an error', () => {
		const { rows, errors } = parse(
			line({ 'FSM Eligible': 'yes', 'Ever 6 FSM': 'TRUE', 'Pupil Premium': '1', EAL: 'y', 'Looked After': '' }, 1),
			line({ 'FSM Eligible': 'maybe' }, 2)
		);
		expect(rows[0]!.values).toMatchObject({
			fsmEligible: true,
			ever6Fsm: true,
			pupilPremium: true,
			eal: true,
			lookedAfter: false
		});
		expect(errors).toEqual([
			expect.objectContaining({
				row: 3,
				column: 'FSM Eligible',
				value: 'maybe',
				message: expect.stringMatching(/Y or N/)
			})
		]);
	});

	it('checks emails and gender, and needs the required values', () => {
		const { errors } = parse(
			line({ Email: 'elena.ashworth@pupils' }, 1),
			line({ Gender: 'Q' }, 2),
			line({ 'Legal Surname': '', 'NC Year': '' }, 3),
			line({ UPN: '' }, 4)
		);
		expect(errors.map((e) => [e.row, e.column])).toEqual([
			[2, 'Email'],
			[3, 'Gender'],
			[4, 'Legal Surname'],
			[4, 'NC Year'],
			[5, 'UPN']
		]);
		expect(errors[2]!.message).toMatch(/missing/);
	});

	it('stores empty optional cells as not recorded, and leaves absent columns alone', () => {
		const withEmpties = parse(
			line({ 'Preferred Forename': '', 'Reg Group': '', Ethnicity: '', Gender: '', Email: '' })
		);
		expect(withEmpties.rows[0]!.values).toMatchObject({
			preferredForename: null,
			regGroup: null,
			ethnicity: null,
			gender: null,
			email: null,
			leavingDate: null
		});
		const minimal = parsePupilsCsv(`UPN,Surname,Forename,DOB,Year\n${upn(1)},Ashworth,Elena,2012-03-14,9`, context);
		expect(minimal.errors).toEqual([]);
		expect(Object.keys(minimal.rows[0]!.values).sort()).toEqual(
			['dateOfBirth', 'enteredYear7', 'legalForename', 'legalSurname'].sort()
		);
	});

	it('refuses a file over the row limit, saying the limit', () => {
		const rows = Array.from({ length: MAX_PUPIL_ROWS + 1 }, (_, i) => `A${i},x,y,2012-01-01,9`);
		const { errors } = parsePupilsCsv(['UPN,Surname,Forename,DOB,Year', ...rows].join('\n'), context);
		expect(errors).toEqual([
			expect.objectContaining({ field: 'file', message: expect.stringMatching(/10,001 pupils: import at most 10,000/) })
		]);
	});

	it('lists a column it does not know and a missing required column', () => {
		const { errors } = parsePupilsCsv(`UPN,Surname,Forename,DOB,Shoe size\n${upn(1)},A,B,2012-01-01,5`, context);
		expect(errors.map((e) => e.column)).toEqual(['Shoe size', 'NC Year']);
	});
});

describe('parseGroupsCsv', () => {
	it('checks UPNs and group names, and refuses a pupil twice in one group', () => {
		const bad = wrongLetter(upn(2));
		const { rows, errors } = parseGroupsCsv(
			[
				'UPN;Class',
				`${upn(1)};10X/Ma1`,
				`${upn(1)};10X/Sc1`,
				`${bad.upn};10X/Ma1`,
				`${upn(1)};10X/Ma1`,
				`${upn(3)};`
			].join('\r\n')
		);
		expect(rows.map((r) => r.group)).toEqual(['10X/Ma1', '10X/Sc1']);
		expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[4, 'UPN', bad.upn],
			[5, 'UPN', upn(1)],
			[6, 'Class', '']
		]);
		expect(errors[0]!.message).toContain(`should be ${bad.expected}`);
		expect(errors[1]!.message).toMatch(/Row 2 already puts/);
	});
});
