/**
 * Destinations as NCCIS current-activity codes (DfE), stored as the 3-digit code and rolled up to the
 * six groups a governor reads: Education, Apprenticeship, Employment, Training, NEET, Not known (and
 * Other, for the few codes that are none of these: below leaving age, custody, refugee).
 *
 * Also the rules of WHICH year a destination is for (pure, so they are table-tested):
 * - an intended destination for academic year A is recorded while the pupil is in Year 11 or Year 13
 *   in A − 1 (a Year 11 in 2026/27 intends to start sixth form in 2027/28);
 * - an actual destination is for one of the three academic years after leaving, the first being the
 *   year after a summer leaver's last term, or the year of leaving itself for someone who left during it.
 */
import { academicYearStart, yearGroup } from './academic-year.ts';

export const DESTINATION_GROUPS = [
	'education',
	'apprenticeship',
	'employment',
	'training',
	'neet',
	'not-known',
	'other'
] as const;
export type DestinationGroup = (typeof DESTINATION_GROUPS)[number];

export const DESTINATION_GROUP_LABELS: Record<DestinationGroup, string> = {
	education: 'Education',
	apprenticeship: 'Apprenticeship',
	employment: 'Employment',
	training: 'Training',
	neet: 'Not in education, employment or training (NEET)',
	'not-known': 'Not known',
	other: 'Other (below leaving age, custody, refugee)'
};

/** The NCCIS section a code sits in, as data-standards.md lists them. */
export type NccisSection =
	| 'below-leaving-age'
	| 'education'
	| 'employment'
	| 'training'
	| 're-engagement'
	| 'neet-available'
	| 'neet-not-available'
	| 'other'
	| 'not-known';

export type NccisCode = { code: string; label: string; section: NccisSection; group: DestinationGroup };

function codes(section: NccisSection, group: DestinationGroup, list: [string, string][]): NccisCode[] {
	return list.map(([code, label]) => ({ code, label, section, group }));
}

export const NCCIS_CODES: readonly NccisCode[] = [
	...codes('below-leaving-age', 'other', [
		['110', 'At school'],
		['120', 'Educated at home'],
		['130', 'In custody'],
		['140', 'Not registered']
	]),
	// "Not known" below leaving age is still not known: it rolls up with 810–830, not with "Other".
	...codes('below-leaving-age', 'not-known', [['150', 'Not known (below leaving age)']]),
	...codes('education', 'education', [
		['210', 'School sixth form'],
		['220', 'Sixth-form college'],
		['230', 'Further education'],
		['240', 'Higher education'],
		['250', 'Part-time education'],
		['260', 'Gap year'],
		['270', 'Other full-time education'],
		['280', 'Special post-16 institution'],
		['290', 'Custodial institution']
	]),
	...codes('employment', 'employment', [
		['310', 'Apprenticeship'],
		['320', 'Full-time employment with study'],
		['330', 'Employment without training'],
		['340', 'Employment with training'],
		['350', 'Temporary employment'],
		['360', 'Part-time employment'],
		['380', 'Self-employment'],
		['381', 'Self-employment with study']
	]),
	...codes('training', 'training', [
		['410', 'Funded work-based learning'],
		['430', 'Other training'],
		['440', 'DWP programme'],
		['450', 'Traineeship'],
		['460', 'Supported internship']
	]),
	...codes('re-engagement', 'training', [['530', 'Re-engagement provision']]),
	...codes('neet-available', 'neet', [
		['540', 'Working not for reward'],
		['610', 'Not yet ready for work or learning'],
		['615', 'Start date agreed (education)'],
		['616', 'Start date agreed (other)'],
		['619', 'Seeking employment, education or training']
	]),
	...codes('neet-not-available', 'neet', [
		['620', 'Young carer'],
		['630', 'Teenage parent'],
		['640', 'Illness'],
		['650', 'Pregnancy'],
		['660', 'Religious grounds'],
		['670', 'Unlikely ever to be economically active'],
		['680', 'Other reason']
	]),
	...codes('other', 'other', [
		['710', 'In custody (young adult)'],
		['720', 'Refugee or asylum seeker']
	]),
	...codes('not-known', 'not-known', [
		['810', 'Not known'],
		['820', 'Cannot be contacted'],
		['830', 'Refused to disclose']
	])
].map((c) => (c.code === '310' ? { ...c, group: 'apprenticeship' as const } : c));

const BY_CODE = new Map(NCCIS_CODES.map((c) => [c.code, c]));

export function nccisCode(code: string): NccisCode | undefined {
	return BY_CODE.get(code.trim());
}

/** For messages: what a code looks like. */
export const NCCIS_CODE_EXAMPLE = 'such as 230 (further education)';

function squashed(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/**
 * What a person or a spreadsheet wrote → the code: "230", "230 Further education", "230 – FE", or the
 * label alone ("Further education"). Undefined when it names no NCCIS current-activity code.
 */
export function parseNccisCode(text: string): NccisCode | undefined {
	const s = text.trim();
	const m = /^(\d{3})(?:\D.*)?$/s.exec(s);
	if (m) return BY_CODE.get(m[1]!);
	const key = squashed(s);
	if (key === '') return undefined;
	const matches = NCCIS_CODES.filter((c) => squashed(c.label) === key);
	// Only a label that names exactly one code.
	return matches.length === 1 ? matches[0] : undefined;
}

/** The roll-up group of a code; undefined for a code that is not an NCCIS current-activity code. */
export function destinationGroup(code: string): DestinationGroup | undefined {
	return nccisCode(code)?.group;
}

/** The NCCIS code of higher education: an intended destination here makes a pupil "considering HE" (Benchmark 7). */
export const HIGHER_EDUCATION_CODE = '240';

export const DESTINATION_KINDS = ['intended', 'actual'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const DESTINATION_SOURCES = ['pupil', 'school', 'local-authority', 'provider', 'import'] as const;
export type DestinationSource = (typeof DESTINATION_SOURCES)[number];
export const DESTINATION_SOURCE_LABELS: Record<DestinationSource, string> = {
	pupil: 'The pupil or their family',
	school: 'The school',
	'local-authority': 'The local authority',
	provider: 'The college, university, employer or training provider',
	import: 'Imported from a spreadsheet'
};

/** Actual destinations are followed for three years after a pupil leaves. */
export const YEARS_DESTINATIONS_ARE_FOLLOWED = 3;

/** The year groups in which a pupil's intended destination is recorded. */
export const INTENDED_YEAR_GROUPS = [11, 13] as const;

/** An intended destination for academic year `forYear` is recorded in the year before it. */
export function intendedRecordedIn(forYear: number): number {
	return forYear - 1;
}

/** The year group a pupil left from: their year group in the academic year of the leaving date. */
export function leavingYearGroup(enteredYear7: number, leavingDate: string): number {
	return yearGroup(enteredYear7, academicYearStart(leavingDate));
}

/** Left from Year 11 or later: a post-16 leaver, whose follow-up needs their consent. */
export function isPost16Leaver(enteredYear7: number, leavingDate: string): boolean {
	return leavingYearGroup(enteredYear7, leavingDate) >= 11;
}

/**
 * The first academic year an actual destination can be for. A pupil leaving in June, July or August
 * (the end of the summer term) starts their destination in September, the next academic year; one who
 * left during the year (a Year 12 who left in January) is in their destination that same year.
 */
export function firstDestinationYear(leavingDate: string): number {
	const left = academicYearStart(leavingDate);
	const month = Number(leavingDate.slice(5, 7));
	return month >= 6 && month <= 8 ? left + 1 : left;
}

/** The academic years an actual destination can be recorded for: three, from the first. */
export function actualDestinationYears(leavingDate: string): number[] {
	const first = firstDestinationYear(leavingDate);
	return Array.from({ length: YEARS_DESTINATIONS_ARE_FOLLOWED }, (_, i) => first + i);
}

export type DestinationRollUp = {
	/** Pupils in the cohort. */
	total: number;
	/** Pupils with a destination recorded. */
	recorded: number;
	/** Pupils with none recorded. */
	none: number;
	byGroup: Record<DestinationGroup, number>;
	/** NEET as a share (0–1) of the whole cohort; null for an empty cohort. */
	neetShare: number | null;
	/** Not known — a not-known code or nothing recorded — as a share of the whole cohort. */
	notKnownShare: number | null;
};

/**
 * One code (or null: nothing recorded) per pupil → counts per group and the NEET and not-known shares,
 * as a local authority reports them: both as shares of the whole cohort, and a pupil with nothing
 * recorded counts as not known.
 */
export function rollUpDestinations(codes: readonly (string | null)[]): DestinationRollUp {
	const byGroup = Object.fromEntries(DESTINATION_GROUPS.map((g) => [g, 0])) as Record<DestinationGroup, number>;
	let none = 0;
	for (const code of codes) {
		const group = code === null ? undefined : destinationGroup(code);
		if (group) byGroup[group]++;
		else none++;
	}
	const total = codes.length;
	const share = (n: number) => (total === 0 ? null : n / total);
	return {
		total,
		recorded: total - none,
		none,
		byGroup,
		neetShare: share(byGroup.neet),
		notKnownShare: share(byGroup['not-known'] + none)
	};
}

/** 0.125 → "12.5%"; null → "–". One decimal place, dropped when whole. */
export function percent(share: number | null): string {
	if (share === null) return '–';
	const p = Math.round(share * 1000) / 10;
	return `${p}%`;
}
