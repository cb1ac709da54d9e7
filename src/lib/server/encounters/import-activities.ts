/**
 * Importing delivered activities (encounters) from a spreadsheet, all or nothing, with the "record an
 * activity" form's own rules (parseDeliveredActivityInput). Each row carries the school's `Activity Ref`,
 * so a file can be imported again: a row whose activity is already recorded the same is unchanged, one
 * that differs updates it, a new reference adds an activity. Partners the school does not have yet are
 * created (of the row's provider type) and listed in the summary.
 *
 * A column the file does not have leaves that detail of an existing activity as it is; a new activity
 * gets the default (no, empty).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { db, type Tx } from '../db/client.ts';
import { deliveredActivities, deliveredActivityPartners } from '../db/schema/index.ts';
import { authorise } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import {
	CsvReadError,
	parseDate,
	parseTime,
	parseYesNo,
	readCsv,
	sortErrors,
	squash,
	tableOf,
	type ColumnSpec,
	type CsvFile
} from '../imports/csv.ts';
import { emptySummary, importTransaction, type Importer, type ImportSummary } from '../imports/types.ts';
import { parseBenchmark, parseYearGroups } from '../programme/import.ts';
import { findOrCreatePartners, partnerNameKey, tidyPartnerName } from '../partners/service.ts';
import { parseDeliveredActivityInput, type DeliveredActivityInput, type DeliveredActivityValues } from './input.ts';
import { ACTIVITY_TYPE_LABELS, ACTIVITY_TYPES } from '../../domain/activities.ts';
import { PROVIDER_TYPE_LABELS, PROVIDER_TYPES, type ProviderType } from '../../domain/partners.ts';
import { todayInLondon } from '../../domain/academic-year.ts';

export const MAX_ACTIVITY_ROWS = 10_000;

const FLAGS = [
	'purposeShared',
	'outcomesSet',
	'twoWayInteraction',
	'reflection',
	'employerSetTask',
	'employerFeedback',
	'palProviderInfo',
	'palCareersInfo',
	'palLearningInfo',
	'palQuestionsAnswered'
] as const;
type Flag = (typeof FLAGS)[number];

export type ActivityColumn =
	| 'ref'
	| 'title'
	| 'type'
	| 'date'
	| 'startTime'
	| 'endTime'
	| 'partner'
	| 'providerType'
	| 'benchmarks'
	| Flag
	| 'days'
	| 'yearGroups';

const yesNo = 'Y or N (yes/no, true/false and 1/0 work too); empty means no.';

export const ACTIVITY_COLUMNS: readonly ColumnSpec<ActivityColumn>[] = [
	{
		key: 'ref',
		heading: 'Activity Ref',
		names: ['activity ref', 'ref', 'reference', 'activity reference', 'activity id', 'encounter ref', 'event ref'],
		required: true,
		help: 'Your own reference for the activity, unique in the file (up to 50 characters), such as CF-2026-01. Importing the file again updates the activity with this reference.'
	},
	{
		key: 'title',
		heading: 'Title',
		names: ['title', 'activity', 'activity title', 'name', 'activity name', 'encounter'],
		required: true,
		help: 'What the activity was called, up to 200 characters.'
	},
	{
		key: 'type',
		heading: 'Type',
		names: ['type', 'activity type', 'encounter type'],
		required: true,
		help: `One of: ${ACTIVITY_TYPES.join(', ')} (or its name, such as “${ACTIVITY_TYPE_LABELS['employer-encounter']}”).`
	},
	{
		key: 'date',
		heading: 'Date',
		names: ['date', 'activity date', 'date delivered', 'delivered on', 'date of activity', 'event date'],
		required: true,
		help: 'The day it took place, as 26/02/2026 or 2026-02-26; not in the future.'
	},
	{
		key: 'startTime',
		heading: 'Start Time',
		names: ['start time', 'start', 'from', 'time'],
		required: false,
		help: 'On the 24-hour clock, such as 09:15.'
	},
	{
		key: 'endTime',
		heading: 'End Time',
		names: ['end time', 'end', 'to', 'finish', 'finish time'],
		required: false,
		help: 'On the 24-hour clock, such as 10:30; after the start time.'
	},
	{
		key: 'partner',
		heading: 'Partner',
		names: ['partner', 'partners', 'provider', 'provider name', 'delivered by', 'organisation', 'organization'],
		required: false,
		help: 'The organisations that delivered it, separated by semicolons. A name the school has no partner by is added as a new partner.'
	},
	{
		key: 'providerType',
		heading: 'Provider Type',
		names: ['provider type', 'type of provider', 'provider kind', 'partner type'],
		required: false,
		help: `One of: ${PROVIDER_TYPES.join(', ')} (or its name, such as “${PROVIDER_TYPE_LABELS['fe-college']}”).`
	},
	{
		key: 'benchmarks',
		heading: 'Benchmarks',
		names: ['benchmarks', 'benchmark', 'gatsby benchmarks', 'gatsby benchmark', 'gatsby'],
		required: false,
		help: 'Gatsby Benchmark numbers 1 to 8, separated by semicolons, such as 5;7.'
	},
	{
		key: 'purposeShared',
		heading: 'Purpose Shared',
		names: ['purpose shared', 'purpose', 'purpose shared beforehand'],
		required: false,
		help: `Pupils knew the purpose beforehand: ${yesNo}`
	},
	{
		key: 'outcomesSet',
		heading: 'Learning Outcomes',
		names: ['learning outcomes', 'outcomes set', 'learning outcomes set', 'outcomes'],
		required: false,
		help: `Learning outcomes were set: ${yesNo}`
	},
	{
		key: 'twoWayInteraction',
		heading: 'Two-way Interaction',
		names: ['two-way interaction', 'two way interaction', 'two way', 'interaction'],
		required: false,
		help: `Pupils talked with the people they met: ${yesNo}`
	},
	{
		key: 'reflection',
		heading: 'Reflection',
		names: ['reflection', 'pupil reflection', 'reflected'],
		required: false,
		help: `Pupils reflected afterwards: ${yesNo}`
	},
	{
		key: 'employerSetTask',
		heading: 'Employer Task',
		names: ['employer task', 'employer set task', 'employer set a task', 'task set'],
		required: false,
		help: `The employer set a task: ${yesNo}`
	},
	{
		key: 'employerFeedback',
		heading: 'Employer Feedback',
		names: ['employer feedback', 'employer gave feedback', 'feedback'],
		required: false,
		help: `The employer gave feedback: ${yesNo}`
	},
	{
		key: 'days',
		heading: 'Days',
		names: ['days', 'number of days', 'days of experience', 'duration days'],
		required: false,
		help: 'For experiences of a workplace: how many days, whole or half, such as 5 or 2.5.'
	},
	{
		key: 'palProviderInfo',
		heading: 'PAL Provider Info',
		names: ['pal provider info', 'pal provider', 'provider info', 'provider access provider info'],
		required: false,
		help: `Provider access: the provider said who they are and what they offer: ${yesNo}`
	},
	{
		key: 'palCareersInfo',
		heading: 'PAL Careers Info',
		names: ['pal careers info', 'pal careers', 'careers info', 'provider access careers info'],
		required: false,
		help: `Provider access: information on the careers their courses lead to: ${yesNo}`
	},
	{
		key: 'palLearningInfo',
		heading: 'PAL Learning Info',
		names: ['pal learning info', 'pal learning', 'learning info', 'provider access learning info'],
		required: false,
		help: `Provider access: what learning or training with them is like: ${yesNo}`
	},
	{
		key: 'palQuestionsAnswered',
		heading: 'PAL Questions Answered',
		names: ['pal questions answered', 'pal questions', 'questions answered', 'provider access questions answered'],
		required: false,
		help: `Provider access: pupils' questions were answered: ${yesNo}`
	},
	{
		key: 'yearGroups',
		heading: 'Year Groups',
		names: ['year groups', 'year group', 'years', 'year', 'audience'],
		required: false,
		help: 'The year groups it was for, such as 10, 7;8 or 7-9.'
	}
];

const COLUMN_KEYS = new Set<string>(ACTIVITY_COLUMNS.map((c) => c.key));

/** The input fields the file has no column for, and the column their problems belong to. */
const FIELD_COLUMN: Record<string, ActivityColumn> = {
	description: 'title',
	endDate: 'date',
	plannedActivityId: 'ref'
};

function columnOfField(field: string): ActivityColumn {
	return COLUMN_KEYS.has(field) ? (field as ActivityColumn) : (FIELD_COLUMN[field] ?? 'ref');
}

function matchVocabulary<T extends string>(
	value: string,
	values: readonly T[],
	labels: Record<T, string>
): T | undefined {
	const key = squash(value);
	return values.find((v) => squash(v) === key || squash(labels[v]) === key);
}

function split(value: string, separators: RegExp): string[] {
	return value
		.split(separators)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

type ExistingActivity = {
	id: string;
	values: DeliveredActivityValues;
	partnerIds: string[];
};

type RowPlan = {
	row: number;
	ref: string;
	values: DeliveredActivityValues;
	/** Partner names as written, or null when the file has no Partner column (links kept as they are). */
	partnerNames: string[] | null;
	providerType: ProviderType | null;
};

const ROW_FIELDS = [
	'title',
	'description',
	'type',
	'date',
	'endDate',
	'startTime',
	'endTime',
	'providerType',
	'benchmarks',
	'yearGroups',
	...FLAGS,
	'days',
	'plannedActivityId',
	'ref',
	'academicYear'
] as const;

function comparable(v: DeliveredActivityValues): Record<string, unknown> {
	return Object.fromEntries(
		ROW_FIELDS.map((f) => {
			const value = (v as Record<string, unknown>)[f];
			if ((f === 'startTime' || f === 'endTime') && typeof value === 'string') return [f, value.slice(0, 5)];
			if (Array.isArray(value)) return [f, [...value].map(Number).sort((a, b) => a - b)];
			return [f, value ?? null];
		})
	);
}

function sameValues(a: DeliveredActivityValues, b: DeliveredActivityValues): boolean {
	return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

function storedToInput(v: DeliveredActivityValues): DeliveredActivityInput {
	return {
		...v,
		startTime: v.startTime ? v.startTime.slice(0, 5) : null,
		endTime: v.endTime ? v.endTime.slice(0, 5) : null,
		days: v.days === null || v.days === undefined ? null : Number(v.days),
		benchmarks: v.benchmarks ? [...v.benchmarks] : [],
		yearGroups: v.yearGroups ? [...v.yearGroups] : []
	};
}

async function loadExisting(school: School): Promise<Map<string, ExistingActivity>> {
	const rows = await db()
		.select()
		.from(deliveredActivities)
		.where(and(eq(deliveredActivities.schoolId, school.id), isNotNull(deliveredActivities.ref)));
	const byRef = new Map<string, ExistingActivity>();
	const byId = new Map<string, ExistingActivity>();
	for (const r of rows) {
		const values = Object.fromEntries(ROW_FIELDS.map((f) => [f, r[f]])) as DeliveredActivityValues;
		const existing = { id: r.id, values, partnerIds: [] as string[] };
		byRef.set(r.ref!, existing);
		byId.set(r.id, existing);
	}
	if (byId.size > 0) {
		const links = await db()
			.select({
				activityId: deliveredActivityPartners.deliveredActivityId,
				partnerId: deliveredActivityPartners.partnerId
			})
			.from(deliveredActivityPartners)
			.innerJoin(deliveredActivities, eq(deliveredActivities.id, deliveredActivityPartners.deliveredActivityId))
			.where(and(eq(deliveredActivities.schoolId, school.id), isNotNull(deliveredActivities.ref)));
		for (const l of links) byId.get(l.activityId)?.partnerIds.push(l.partnerId);
	}
	return byRef;
}

function readFile(text: string): CsvFile {
	try {
		return readCsv(text, 'activities');
	} catch (e) {
		if (e instanceof CsvReadError) throw new ValidationError(e.errors);
		throw e;
	}
}

const CHUNK = 500;

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
		ACTIVITY_COLUMNS,
		options.mapping as (ActivityColumn | 'ignore' | null)[] | undefined
	);
	if (columnErrors.length > 0) throw new ValidationError(sortErrors(columnErrors));
	const total = file.records.length;
	if (total > MAX_ACTIVITY_ROWS)
		throw ValidationError.one(
			'file',
			`The file has ${total.toLocaleString('en-GB')} activities: import at most ${MAX_ACTIVITY_ROWS.toLocaleString('en-GB')} at a time, splitting the file into smaller ones`
		);

	const existing = await loadExisting(school);
	const today = todayInLondon();
	const errors: FieldError[] = [];
	const plans: RowPlan[] = [];
	const refRows = new Map<string, number>();

	file.records.forEach((record, index) => {
		if (index % 1000 === 0) progress({ stage: 'checking', done: index, total });
		const row = record.row;
		const rowErrors: FieldError[] = [];
		const get = (key: ActivityColumn) => table.get(record, key);
		const problem = (key: ActivityColumn, message: string, value = get(key)) =>
			rowErrors.push({ field: key, row, column: table.headingOf(key), value, message });

		const ref = get('ref');
		if (ref === '') problem('ref', 'Enter the activity’s reference: every row needs one, unique in the file');
		else {
			const first = refRows.get(ref);
			if (first !== undefined)
				problem('ref', `Row ${row} has the same activity reference as row ${first}. Each activity needs its own`);
			else refRows.set(ref, row);
		}
		const before = ref ? existing.get(ref) : undefined;
		// Start from what is stored (so a column the file lacks changes nothing), or from the defaults.
		const input: DeliveredActivityInput = before ? storedToInput(before.values) : { title: '', type: '', date: '' };
		input.ref = ref;
		input.title = get('title');

		const typeText = get('type');
		const type = typeText ? matchVocabulary(typeText, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS) : undefined;
		if (typeText === '') problem('type', `Enter the type of activity, one of: ${ACTIVITY_TYPES.join(', ')}`);
		else if (!type)
			problem(
				'type',
				`“${typeText}” is not a type of activity. Use one of: ${ACTIVITY_TYPES.map((t) => `${t} (${ACTIVITY_TYPE_LABELS[t]})`).join('; ')}`
			);
		input.type = type ?? typeText;

		const dateText = get('date');
		const date = parseDate(dateText);
		if (dateText === '') problem('date', 'Enter the date the activity took place, such as 26/02/2026');
		else if (!date)
			problem('date', `“${dateText}” is not a real date. Use DD/MM/YYYY or YYYY-MM-DD, such as 26/02/2026`);
		input.date = date ?? dateText;

		for (const key of ['startTime', 'endTime'] as const) {
			if (!table.has(key)) continue;
			const t = get(key);
			const parsed = t === '' ? null : parseTime(t);
			if (parsed === undefined)
				problem(key, `“${t}” is not a time of day. Use HH:MM on the 24-hour clock, such as 09:15 or 14:30`);
			input[key] = parsed ?? null;
		}

		let providerType: ProviderType | null = before ? (before.values.providerType ?? null) : null;
		if (table.has('providerType')) {
			const p = get('providerType');
			const matched = p ? matchVocabulary(p, PROVIDER_TYPES, PROVIDER_TYPE_LABELS) : undefined;
			if (p && !matched)
				problem(
					'providerType',
					`“${p}” is not a provider type. Use one of: ${PROVIDER_TYPES.map((t) => `${t} (${PROVIDER_TYPE_LABELS[t]})`).join('; ')}`
				);
			providerType = matched ?? null;
			input.providerType = providerType;
		}

		if (table.has('benchmarks')) {
			const benchmarks: number[] = [];
			for (const token of split(get('benchmarks'), /[;,\n]/)) {
				const n = parseBenchmark(token);
				if (n === undefined) {
					problem(
						'benchmarks',
						`“${token}” is not a benchmark. Use numbers 1 to 8 separated by semicolons, such as 5;7`
					);
					break;
				}
				benchmarks.push(n);
			}
			input.benchmarks = benchmarks;
		}

		if (table.has('yearGroups')) {
			const y = get('yearGroups');
			const years = y ? parseYearGroups(y) : [];
			if (years === null)
				problem('yearGroups', `“${y}” is not a list of year groups. Use, for example, 10 or 7;8 or 7-9`);
			input.yearGroups = years ?? [];
		}

		for (const flag of FLAGS) {
			if (!table.has(flag)) continue;
			const v = get(flag);
			const yes = parseYesNo(v);
			if (yes === null) problem(flag, `“${v}” is not yes or no. Use Y or N (yes/no, true/false and 1/0 work too)`);
			input[flag] = yes ?? false;
		}

		if (table.has('days')) {
			const d = get('days');
			const n = d === '' ? null : Number(d.replace(',', '.'));
			if (n !== null && !Number.isFinite(n))
				problem('days', `“${d}” is not a number of days. Use a number, such as 5 or 2.5`);
			input.days = n !== null && Number.isFinite(n) ? n : null;
		}

		let partnerNames: string[] | null = null;
		if (table.has('partner')) {
			partnerNames = split(get('partner'), /[;\n]/).map(tidyPartnerName);
			const long = partnerNames.find((n) => n.length > 200);
			if (long) problem('partner', 'A partner’s name must be 200 characters or fewer', long);
		}

		const result = parseDeliveredActivityInput(school, input, today);
		if (!result.ok) {
			const flagged = new Set(rowErrors.map((e) => e.field));
			for (const e of result.errors) {
				const key = columnOfField(e.field);
				if (flagged.has(key)) continue;
				flagged.add(key);
				problem(key, e.message);
			}
		}
		errors.push(...rowErrors);
		if (rowErrors.length === 0 && result.ok)
			plans.push({ row, ref, values: result.values, partnerNames, providerType });
	});
	if (errors.length > 0) throw new ValidationError(sortErrors(errors));
	progress({ stage: 'checking', done: total, total });

	const summary = emptySummary('activities', dryRun, total);
	return importTransaction(dryRun, async (tx) => {
		const { ids: partnerIds, created } = await findOrCreatePartners(
			tx,
			school.id,
			plans.flatMap((p) => (p.partnerNames ?? []).map((name) => ({ name, kind: p.providerType ?? 'other' })))
		);
		summary.newPartners = created;

		const toInsert: RowPlan[] = [];
		const toUpdate: { id: string; plan: RowPlan; relink: boolean }[] = [];
		const wantedPartners = (p: RowPlan) =>
			[...new Set((p.partnerNames ?? []).map((n) => partnerIds.get(partnerNameKey(n))!))].sort();
		for (const p of plans) {
			const before = existing.get(p.ref);
			if (!before) {
				toInsert.push(p);
				continue;
			}
			const relink = p.partnerNames !== null && wantedPartners(p).join(',') !== [...before.partnerIds].sort().join(',');
			if (!relink && sameValues(before.values, p.values)) summary.unchanged++;
			else toUpdate.push({ id: before.id, plan: p, relink });
		}

		const steps = Math.ceil(toInsert.length / CHUNK) + toUpdate.length + 1;
		let done = 0;
		const links: { deliveredActivityId: string; partnerId: string }[] = [];
		for (let i = 0; i < toInsert.length; i += CHUNK) {
			const chunk = toInsert.slice(i, i + CHUNK);
			const rows = await tx
				.insert(deliveredActivities)
				.values(chunk.map((p) => ({ ...p.values, schoolId: school.id, createdBy: actor.system ? null : actor.userId })))
				.returning({ id: deliveredActivities.id, ref: deliveredActivities.ref });
			const idOf = new Map(rows.map((r) => [r.ref!, r.id]));
			for (const p of chunk)
				for (const partnerId of wantedPartners(p)) links.push({ deliveredActivityId: idOf.get(p.ref)!, partnerId });
			summary.added += chunk.length;
			progress({ stage: 'writing', done: ++done, total: steps });
		}
		const relinked: string[] = [];
		for (const u of toUpdate) {
			await tx
				.update(deliveredActivities)
				.set({ ...u.plan.values, updatedAt: new Date() })
				.where(and(eq(deliveredActivities.id, u.id), eq(deliveredActivities.schoolId, school.id)));
			if (u.relink) {
				relinked.push(u.id);
				for (const partnerId of wantedPartners(u.plan)) links.push({ deliveredActivityId: u.id, partnerId });
			}
			summary.updated++;
			if (++done % 100 === 0) progress({ stage: 'writing', done, total: steps });
		}
		for (let i = 0; i < relinked.length; i += CHUNK)
			await tx
				.delete(deliveredActivityPartners)
				.where(inArray(deliveredActivityPartners.deliveredActivityId, relinked.slice(i, i + CHUNK)));
		for (let i = 0; i < links.length; i += CHUNK * 2)
			await tx.insert(deliveredActivityPartners).values(links.slice(i, i + CHUNK * 2));

		await audit(tx, actor, school, summary, options.requestId);
		progress({ stage: 'writing', done: steps, total: steps });
		return summary;
	});
}

async function audit(
	tx: Tx,
	actor: Parameters<Importer['run']>[0],
	school: School,
	s: ImportSummary,
	requestId?: string
): Promise<void> {
	const partnersNote =
		s.newPartners.length === 0
			? ''
			: `; ${s.newPartners.length} new ${s.newPartners.length === 1 ? 'partner' : 'partners'}`;
	await recordAudit(
		tx,
		actor,
		{
			organisationId: school.id,
			action: 'encounters.imported',
			recordType: 'delivered-activity',
			summary: `Imported delivered activities from a spreadsheet: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged${partnersNote}`,
			after: {
				rows: s.rows,
				added: s.added,
				updated: s.updated,
				unchanged: s.unchanged,
				newPartners: s.newPartners.slice(0, 100)
			}
		},
		requestId
	);
}

export const activitiesImport: Importer<ActivityColumn> = {
	kind: 'activities',
	title: 'Delivered activities (encounters)',
	noun: 'activities',
	description:
		'Activities that have taken place — talks, fairs, visits, workplace experience, provider access — one a row, each with your own reference so the same file can be imported again to correct it. Add who took part with the attendance import.',
	action: 'encounters.edit',
	columns: ACTIVITY_COLUMNS,
	example: [
		[
			'CF-2025-01',
			'Year 10 careers fair',
			'employer-encounter',
			'14/11/2025',
			'09:00',
			'12:00',
			'Northgate Engineering; Ashworth Bank',
			'employer',
			'5',
			'Y',
			'Y',
			'Y',
			'Y',
			'N',
			'N',
			'',
			'N',
			'N',
			'N',
			'N',
			'10'
		],
		[
			'PA-2025-03',
			'Riverside College: T Levels and apprenticeships',
			'provider-access',
			'2025-12-03',
			'10:15',
			'11:00',
			'Riverside College',
			'fe-college',
			'7',
			'Y',
			'Y',
			'Y',
			'N',
			'N',
			'N',
			'',
			'Y',
			'Y',
			'Y',
			'Y',
			'9'
		]
	],
	usesAcademicYear: false,
	run
};
