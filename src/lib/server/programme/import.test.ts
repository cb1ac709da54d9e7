import { describe, expect, it } from 'vitest';
import { parseActivitiesCsv, parseBenchmark, parseHalfTerm, parseYearGroups, ukDateToIso } from './import.ts';

describe('parseActivitiesCsv', () => {
	it('reads header variants, a byte-order mark, labels and UK dates', () => {
		const csv =
			'\uFEFFActivity,Activity type,FORMAT,Years,Term,Half-term,Date,End_date,Gatsby benchmarks,Partners,Owner email\r\n' +
			'Café careers talk,Employer encounter,Careers fair,"Y7;Y8",Spring,Spring 2,26/02/2026,27/02/2026,"B5; Benchmark 7",Chamber; City College,Ada@Example.org\r\n';
		const { rows, errors } = parseActivitiesCsv(csv);
		expect(errors).toEqual([]);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			row: 2,
			ownerEmail: 'ada@example.org',
			errors: [],
			input: {
				title: 'Café careers talk',
				type: 'employer-encounter',
				format: 'careers-fair',
				yearGroups: [7, 8],
				term: 'spring',
				halfTerm: '4',
				startDate: '2026-02-26',
				endDate: '2026-02-27',
				benchmarks: [5, 7],
				partners: ['Chamber', 'City College'],
				audience: 'whole-year'
			}
		});
	});

	it('detects semicolons as the delimiter and numbers rows as the spreadsheet does, skipping blank lines', () => {
		const csv =
			'Title;Type;Format;Year groups;Benchmarks\n\nMock interviews;guidance;interview;11;8\n;;;;\nUniversity visit;HE encounter;visit;12;7\n';
		const { rows, errors } = parseActivitiesCsv(csv);
		expect(errors).toEqual([]);
		expect(rows.map((r) => [r.row, r.input.title, r.input.type, r.input.yearGroups])).toEqual([
			[3, 'Mock interviews', 'guidance', [11]],
			[5, 'University visit', 'he-encounter', [12]]
		]);
	});

	it('names an unknown column and lists the known ones', () => {
		const { rows, errors } = parseActivitiesCsv('Title,Type,Format,Year groups,Colour\nTalk,other,talk,9,red\n');
		expect(rows).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ row: 1, field: 'columns' });
		expect(errors[0]?.message).toContain('“Colour” is not a column we know');
		expect(errors[0]?.message).toContain('Title, Type, Format, Year groups, Term, Half term');
	});

	it('says which required column is missing', () => {
		const { errors } = parseActivitiesCsv('Title,Type,Year groups\nTalk,other,9\n');
		expect(errors).toHaveLength(1);
		expect(errors[0]?.message).toMatch(/^The file needs a Format column: One of: Talk; /);
	});

	it('reports an unknown benchmark id with its row', () => {
		const csv = 'Title,Type,Format,Year groups,Benchmarks\nTalk,other,talk,9,5\nFair,other,talk,9,bm9-anything\n';
		const { rows } = parseActivitiesCsv(csv);
		expect(rows[1]?.errors).toEqual([
			{
				row: 3,
				field: 'benchmarks',
				message: '"bm9-anything" is not a benchmark. Use 1–8 or a criterion id such as bm5-employer-encounter-each-year'
			}
		]);
	});

	it('reads target groups by label or short form, and named groups otherwise', () => {
		const csv =
			'Title,Type,Format,Year groups,Audience,Target groups\n' +
			'Mentoring,guidance,mentoring,10,Targeted pupils,SEN; Disadvantaged pupils (pupil premium)\n' +
			'Class talk,other,talk,9,,9X; 9Y\n';
		const { rows } = parseActivitiesCsv(csv);
		expect(rows[0]?.input).toMatchObject({ audience: 'targeted', targetGroups: ['sen', 'disadvantaged'] });
		expect(rows[1]?.input).toMatchObject({ audience: 'named-groups', namedGroups: ['9X', '9Y'] });
	});

	it('refuses more than 2,000 activities', () => {
		const csv = 'Title,Type,Format,Year groups\n' + 'Talk,other,talk,9\n'.repeat(2001);
		expect(parseActivitiesCsv(csv).errors[0]?.message).toContain('import at most 2,000 at a time');
	});
});

describe('value readers', () => {
	it('reads year groups in the ways people write them', () => {
		expect(parseYearGroups('7, 8')).toEqual([7, 8]);
		expect(parseYearGroups('Y7;Y8')).toEqual([7, 8]);
		expect(parseYearGroups('7-9')).toEqual([7, 8, 9]);
		expect(parseYearGroups('Year 10')).toEqual([10]);
		expect(parseYearGroups('Years 12 to 13')).toBeNull();
		expect(parseYearGroups('Year 12 to 13')).toEqual([12, 13]);
		expect(parseYearGroups('sixth form')).toBeNull();
	});

	it('reads half terms by name or number', () => {
		expect(parseHalfTerm('Autumn 1')).toBe(1);
		expect(parseHalfTerm('summer 2')).toBe(6);
		expect(parseHalfTerm('3')).toBe(3);
		expect(parseHalfTerm('Winter 1')).toBeUndefined();
	});

	it('reads UK dates and leaves ISO dates alone', () => {
		expect(ukDateToIso('05/03/2026')).toBe('2026-03-05');
		expect(ukDateToIso('5/3/2026')).toBe('2026-03-05');
		expect(ukDateToIso('2026-03-05')).toBe('2026-03-05');
	});

	it('reads benchmarks as numbers, short forms and criterion ids', () => {
		expect(parseBenchmark('5')).toBe(5);
		expect(parseBenchmark('B5')).toBe(5);
		expect(parseBenchmark('Benchmark 5')).toBe(5);
		expect(parseBenchmark('bm5-employer-encounter-each-year')).toBe(5);
		expect(parseBenchmark('9')).toBeUndefined();
		expect(parseBenchmark('bm9-anything')).toBeUndefined();
	});
});
