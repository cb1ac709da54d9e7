/**
 * Destinations as NCCIS current-activity codes (DfE), stored as the 3-digit code and rolled up to the
 * six groups a governor reads: Education, Apprenticeship, Employment, Training, NEET, Not known.
 */

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
		['140', 'Not registered'],
		['150', 'Not known']
	]),
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

/** The roll-up group of a code; undefined for a code that is not an NCCIS current-activity code. */
export function destinationGroup(code: string): DestinationGroup | undefined {
	return nccisCode(code)?.group;
}

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
