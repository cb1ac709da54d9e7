/**
 * Importing planned activities from a spreadsheet (CSV), all or nothing.
 *
 * `parseActivitiesCsv` is pure: it reads the file's columns (header names matched loosely, with common
 * variants) and turns each row's words into the activity form's input (labels → vocabulary values,
 * "Y7;Y8" → year groups, DD/MM/YYYY → ISO dates, "B5" or a criterion id → benchmark 5). It never drops
 * anything a person typed: an unknown column or a value it cannot read is an error with its row number.
 *
 * `importActivities` then checks every row with the activity form's own rules (parseActivityInput), the
 * owners' emails against the school's people and rows repeating each other, and only when nothing is
 * wrong writes every activity and its benchmarks in one transaction with one audit event.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { activities, activityBenchmarks, memberships, users } from '../db/schema/index.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	CsvReadError,
	readCsv,
	sortErrors,
	squash,
	tableOf,
	ukDateToIso,
	type ColumnSpec,
	type CsvFile
} from '../imports/csv.ts';

export { ukDateToIso };
import { checkYear, ensureProgramme, parseActivityInput, type ActivityValues } from './service.ts';
import {
	ACTIVITY_FORMAT_LABELS,
	ACTIVITY_FORMATS,
	ACTIVITY_TYPE_LABELS,
	ACTIVITY_TYPES,
	AUDIENCE_LABELS,
	AUDIENCES,
	TARGET_GROUP_LABELS,
	TARGET_GROUPS,
	TERMS,
	type Audience
} from '../../domain/activities.ts';
import { criterionById } from '../../domain/benchmarks.ts';
import { academicYearName } from '../../domain/academic-year.ts';

export const MAX_IMPORT_ROWS = 2000;

export type ImportColumn =
	| 'title'
	| 'type'
	| 'format'
	| 'yearGroups'
	| 'term'
	| 'halfTerm'
	| 'startDate'
	| 'endDate'
	| 'audience'
	| 'targetGroups'
	| 'benchmarks'
	| 'partners'
	| 'learningOutcomes'
	| 'description'
	| 'ownerEmail';

/** The columns a file may have: the heading we show, the names we accept (compared loosely), and what goes in it. */
export const IMPORT_COLUMNS: readonly ColumnSpec<ImportColumn>[] = [
	{
		key: 'title',
		heading: 'Title',
		names: ['title', 'activity', 'name', 'activity title', 'activity name'],
		required: true,
		help: 'What the activity is called, up to 200 characters.'
	},
	{
		key: 'type',
		heading: 'Type',
		names: ['type', 'activity type'],
		required: true,
		help: `One of: ${ACTIVITY_TYPES.map((t) => ACTIVITY_TYPE_LABELS[t]).join('; ')}. The short form (such as employer-encounter) works too.`
	},
	{
		key: 'format',
		heading: 'Format',
		names: ['format', 'activity format'],
		required: true,
		help: `One of: ${ACTIVITY_FORMATS.map((f) => ACTIVITY_FORMAT_LABELS[f]).join('; ')}.`
	},
	{
		key: 'yearGroups',
		heading: 'Year groups',
		names: ['year groups', 'year group', 'years', 'year'],
		required: true,
		help: 'One or more, such as "10", "7, 8", "Y7; Y8", "7-9" or "Year 10".'
	},
	{
		key: 'term',
		heading: 'Term',
		names: ['term'],
		required: false,
		help: 'Autumn, Spring or Summer.'
	},
	{
		key: 'halfTerm',
		heading: 'Half term',
		names: ['half term', 'halfterm'],
		required: false,
		help: '"Autumn 1" to "Summer 2", or a number from 1 to 6.'
	},
	{
		key: 'startDate',
		heading: 'Start date',
		names: ['start date', 'date', 'start'],
		required: false,
		help: 'A date in the academic year, as 26/02/2026 or 2026-02-26. Fills in the term when that is empty.'
	},
	{
		key: 'endDate',
		heading: 'End date',
		names: ['end date', 'end'],
		required: false,
		help: 'For activities lasting more than a day, in the same forms as the start date.'
	},
	{
		key: 'audience',
		heading: 'Audience',
		names: ['audience'],
		required: false,
		help: `${AUDIENCES.map((a) => AUDIENCE_LABELS[a]).join(', ')}. Whole year group when empty.`
	},
	{
		key: 'targetGroups',
		heading: 'Target groups',
		names: ['target groups', 'target group', 'groups'],
		required: false,
		help: `For targeted pupils, separated by semicolons: ${TARGET_GROUPS.map((g) => TARGET_GROUP_LABELS[g]).join('; ')}. For named groups, the groups’ or classes’ names.`
	},
	{
		key: 'benchmarks',
		heading: 'Benchmarks',
		names: ['benchmarks', 'benchmark', 'gatsby benchmarks', 'gatsby benchmark'],
		required: false,
		help: 'Gatsby Benchmark numbers, such as "5", "B5", "Benchmark 5" or "5; 6", or a criterion id such as bm5-employer-encounter-each-year.'
	},
	{
		key: 'partners',
		heading: 'Partners',
		names: ['partners', 'partner', 'delivery partners', 'delivery partner'],
		required: false,
		help: 'Organisations delivering it, separated by semicolons.'
	},
	{
		key: 'learningOutcomes',
		heading: 'Learning outcomes',
		names: ['learning outcomes', 'outcomes'],
		required: false,
		help: 'What pupils should know or be able to do afterwards.'
	},
	{
		key: 'description',
		heading: 'Description',
		names: ['description', 'details', 'notes'],
		required: false,
		help: 'Anything else about the activity.'
	},
	{
		key: 'ownerEmail',
		heading: 'Owner email',
		names: ['owner email', 'owner'],
		required: false,
		help: 'The email address of the person in the school who organises it.'
	}
];

/** What the activity form's fields are called in a spreadsheet, for messages. */
export const FIELD_HEADINGS: Record<string, string> = {
	...Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.heading])),
	namedGroups: 'Target groups',
	ownerUserId: 'Owner email'
};

/** One row of the file as the activity form's input, with its spreadsheet row number. */
export type ImportRow = {
	row: number;
	input: Record<string, unknown>;
	ownerEmail: string | null;
	/** Values this parser could not read, by field; the form's rules are still run on the rest. */
	errors: FieldError[];
};

export type ParsedCsv = { rows: ImportRow[]; errors: FieldError[] };

function matchVocabulary<T extends string>(
	value: string,
	values: readonly T[],
	labels: Record<T, string>
): T | undefined {
	const key = squash(value);
	return values.find((v) => squash(v) === key || squash(labels[v]) === key);
}

function splitList(value: string, separators: RegExp): string[] {
	return value
		.split(separators)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** "7, 8", "Y7;Y8", "7-9", "Year 10" → [7, 8, …]; null when a part is not a year group. */
export function parseYearGroups(value: string): number[] | null {
	const years: number[] = [];
	for (const part of splitList(value, /[,;/&\n]|\band\b/i)) {
		const m = /^(?:y|yr|year)?\s*(\d{1,2})(?:\s*(?:-|–|to)\s*(?:y|yr|year)?\s*(\d{1,2}))?$/i.exec(part);
		if (!m) return null;
		const from = Number(m[1]);
		const to = m[2] ? Number(m[2]) : from;
		if (to < from || to - from > 13) return null;
		for (let y = from; y <= to; y++) years.push(y);
	}
	return years;
}

/** "Autumn 1" → 1, "Summer 2" → 6, "3" → 3; undefined when not a half term. */
export function parseHalfTerm(value: string): number | undefined {
	const s = value.trim();
	const m = /^(?:ht\s*|half[\s-]*term\s*)?(\d+)$/i.exec(s);
	if (m) return Number(m[1]);
	const named = /^(autumn|spring|summer)\s*(?:term)?\s*(?:half[\s-]*term)?\s*([12])$/i.exec(s);
	if (!named) return undefined;
	return TERMS.indexOf(named[1]!.toLowerCase() as (typeof TERMS)[number]) * 2 + Number(named[2]);
}

export const BENCHMARK_EXAMPLE_ID = 'bm5-employer-encounter-each-year';

/** "5", "B5", "Benchmark 5", "GB5" or a criterion id → 1–8; undefined when it is none of these. */
export function parseBenchmark(value: string): number | undefined {
	const s = value.trim();
	const m = /^(?:b|bm|gb|gatsby|benchmark|gatsby\s*benchmark)?\s*([1-8])$/i.exec(s);
	if (m) return Number(m[1]);
	return criterionById(s.toLowerCase())?.benchmark.number;
}

/**
 * A CSV file's text → one form input per non-blank row (header = row 1), and the problems found in the
 * file itself (unknown or repeated columns, values it could not read). Pure: no database.
 */
export function parseActivitiesCsv(text: string): ParsedCsv {
	let file: CsvFile;
	try {
		file = readCsv(text, 'activities');
	} catch (e) {
		if (e instanceof CsvReadError) return { rows: [], errors: e.errors };
		throw e;
	}
	const { table, errors } = tableOf(file, IMPORT_COLUMNS);
	if (errors.length > 0) return { rows: [], errors };
	if (file.records.length > MAX_IMPORT_ROWS)
		return {
			rows: [],
			errors: [
				{
					field: 'file',
					message: `The file has ${file.records.length.toLocaleString('en-GB')} activities: import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time, splitting the file into smaller ones`
				}
			]
		};

	const rows = file.records.map((record) => {
		const row = record.row;
		const rowErrors: FieldError[] = [];
		const problem = (field: string, message: string) => rowErrors.push({ field, row, message });
		const get = (key: ImportColumn) => table.get(record, key);

		const typeText = get('type');
		const formatText = get('format');
		const audienceText = get('audience');
		const input: Record<string, unknown> = {
			title: get('title'),
			description: get('description'),
			type: (typeText && matchVocabulary(typeText, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS)) || typeText,
			format: (formatText && matchVocabulary(formatText, ACTIVITY_FORMATS, ACTIVITY_FORMAT_LABELS)) || formatText,
			term: get('term')
				.toLowerCase()
				.replace(/\s*term$/, ''),
			startDate: ukDateToIso(get('startDate')),
			endDate: ukDateToIso(get('endDate')),
			learningOutcomes: get('learningOutcomes'),
			partners: splitList(get('partners'), /[;\n]/),
			benchmarks: [] as number[],
			targetGroups: [] as string[],
			namedGroups: [] as string[],
			meaningful: []
		};

		const yearText = get('yearGroups');
		const years = yearText ? parseYearGroups(yearText) : [];
		if (years === null)
			problem('yearGroups', `“${yearText}” is not a list of year groups. Use, for example, 10 or 7, 8 or 7-9`);
		input.yearGroups = years ?? [];

		const halfText = get('halfTerm');
		const half = halfText ? parseHalfTerm(halfText) : undefined;
		if (halfText && half === undefined)
			problem('halfTerm', `“${halfText}” is not a half term. Use Autumn 1 to Summer 2, or a number from 1 to 6`);
		input.halfTerm = half === undefined ? '' : String(half);

		const benchmarks: number[] = [];
		for (const token of splitList(get('benchmarks'), /[;,\n]/)) {
			const n = parseBenchmark(token);
			if (n === undefined) {
				problem(
					'benchmarks',
					`"${token}" is not a benchmark. Use 1–8 or a criterion id such as ${BENCHMARK_EXAMPLE_ID}`
				);
				break;
			}
			benchmarks.push(n);
		}
		input.benchmarks = benchmarks;

		// Audience and its groups: named by label or value; groups alone mean targeted or named groups.
		const groups = splitList(get('targetGroups'), /[;\n]/);
		const matchedGroups = groups.map((g) => matchTargetGroup(g));
		let audience: Audience | string = audienceText
			? (matchVocabulary(audienceText, AUDIENCES, AUDIENCE_LABELS) ?? audienceText)
			: groups.length === 0
				? 'whole-year'
				: matchedGroups.every(Boolean)
					? 'targeted'
					: 'named-groups';
		if (audienceText && /^(targeted|target)$/i.test(audienceText.trim())) audience = 'targeted';
		if (audienceText && /^(named|named groups|groups|classes)$/i.test(audienceText.trim())) audience = 'named-groups';
		input.audience = audience;
		if (audience === 'targeted') {
			const unknown = groups.filter((_, i) => !matchedGroups[i]);
			if (unknown.length > 0)
				problem(
					'targetGroups',
					`“${unknown[0]}” is not a group we know. Use: ${TARGET_GROUPS.map((g) => TARGET_GROUP_LABELS[g]).join('; ')}`
				);
			input.targetGroups = matchedGroups.filter(Boolean);
		} else if (audience === 'named-groups') {
			input.namedGroups = groups;
		} else if (groups.length > 0 && audience === 'whole-year') {
			problem(
				'targetGroups',
				'Target groups are for targeted pupils or named groups: change the audience or leave target groups empty'
			);
		}

		const ownerEmail = get('ownerEmail').toLowerCase();
		return { row, input, ownerEmail: ownerEmail || null, errors: rowErrors };
	});
	return { rows, errors };
}

function matchTargetGroup(value: string): string | undefined {
	const found = matchVocabulary(value, TARGET_GROUPS, TARGET_GROUP_LABELS);
	if (found) return found;
	// The short form in a label's brackets: "SEN", "NEET".
	const key = squash(value);
	return TARGET_GROUPS.find((g) => {
		const m = /\(([^)]+)\)/.exec(TARGET_GROUP_LABELS[g]);
		return m && squash(m[1]!) === key;
	});
}

const CHUNK = 500;

/**
 * Adds every activity of a CSV file to the school's programme for the academic year, or none: every row
 * is checked with the activity form's rules first, and any problem (with its row number) stops the
 * import before anything is written.
 */
export async function importActivities(
	actor: Actor,
	school: School,
	academicYear: number,
	csvText: string,
	requestId?: string
): Promise<{ imported: number; programmeId: string }> {
	authorise(actor, 'programme.edit', school.id);
	checkYear(academicYear);
	const parsed = parseActivitiesCsv(csvText);
	if (parsed.errors.length > 0) throw new ValidationError(sortErrors(parsed.errors));

	// Owners by email, in one query: only people in this school.
	const emails = [...new Set(parsed.rows.map((r) => r.ownerEmail).filter((e): e is string => e !== null))];
	const members = new Map<string, string>();
	if (emails.length > 0) {
		const found = await db()
			.select({ id: users.id, email: users.email })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.organisationId, school.id), inArray(users.email, emails)));
		for (const f of found) members.set(f.email, f.id);
	}

	const errors: FieldError[] = [];
	const valid: { row: number; values: ActivityValues; benchmarks: number[] }[] = [];
	const seen = new Map<string, number>();
	for (const r of parsed.rows) {
		errors.push(...r.errors);
		const ownerUserId = r.ownerEmail ? members.get(r.ownerEmail) : undefined;
		if (r.ownerEmail && !ownerUserId)
			errors.push({
				field: 'ownerUserId',
				row: r.row,
				message: `${r.ownerEmail} is not someone in ${school.name}. Add them to the school first, or leave the owner empty`
			});
		const result = parseActivityInput(school, academicYear, { ...r.input, ownerUserId: ownerUserId ?? '' });
		if (!result.ok) {
			errors.push(...result.errors.map((e) => ({ ...e, row: r.row })));
			continue;
		}
		const v = result.values;
		const key = [v.title.toLowerCase(), v.yearGroups.join(','), v.term ?? '', v.halfTerm ?? '', v.startDate ?? ''].join(
			'\u0000'
		);
		const first = seen.get(key);
		if (first !== undefined)
			errors.push({
				field: 'title',
				row: r.row,
				message: `Row ${r.row} repeats row ${first}: the same title, year groups and time. Remove one of them`
			});
		else seen.set(key, r.row);
		if (r.errors.length === 0) valid.push({ row: r.row, values: v, benchmarks: result.benchmarks });
	}
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));

	return db().transaction(async (tx) => {
		const { programme } = await ensureProgramme(tx, school.id, academicYear);
		let ticks = 0;
		for (let i = 0; i < valid.length; i += CHUNK) {
			const chunk = valid.slice(i, i + CHUNK);
			const ids = chunk.map(() => crypto.randomUUID());
			await tx.insert(activities).values(chunk.map((a, j) => ({ ...a.values, id: ids[j], programmeId: programme.id })));
			const mappings = chunk.flatMap((a, j) => a.benchmarks.map((benchmark) => ({ activityId: ids[j]!, benchmark })));
			for (let k = 0; k < mappings.length; k += CHUNK * 2)
				await tx.insert(activityBenchmarks).values(mappings.slice(k, k + CHUNK * 2));
			ticks += mappings.length;
		}
		const n = valid.length;
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'activities.imported',
				recordType: 'programme',
				recordId: programme.id,
				summary: `Imported ${n} ${n === 1 ? 'activity' : 'activities'} from a spreadsheet into the ${academicYearName(academicYear)} careers programme`,
				after: { imported: n, benchmarkTicks: ticks, titles: valid.slice(0, 50).map((a) => a.values.title) }
			},
			requestId
		);
		return { imported: n, programmeId: programme.id };
	});
}
