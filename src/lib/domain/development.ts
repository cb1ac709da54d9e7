/**
 * The vocabulary of staff development programmes and workbooks ("Leading with purpose", seed 002).
 * Values are stored (the database checks them too); labels are what people read.
 */

export const DEVELOPMENT_ACTIVITY_KINDS = ['session', 'placement', 'magazine', 'employer-encounter', 'other'] as const;
export type DevelopmentActivityKind = (typeof DEVELOPMENT_ACTIVITY_KINDS)[number];
export const DEVELOPMENT_ACTIVITY_KIND_LABELS: Record<DevelopmentActivityKind, string> = {
	session: 'Session',
	placement: 'Placement',
	magazine: 'Magazine',
	'employer-encounter': 'Employer encounter',
	other: 'Other'
};

export const PARTICIPANT_KINDS = ['trainee', 'staff'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, string> = {
	trainee: 'Trainee teacher',
	staff: 'Member of staff'
};

/** The parts of a workbook, in the order the workbook shows them. Each is private until shared. */
export const WORKBOOK_PARTS = [
	'purpose',
	'network',
	'reflection',
	'timeline',
	'postcard',
	'appreciation',
	'subject-maps'
] as const;
export type WorkbookPart = (typeof WORKBOOK_PARTS)[number];
export const WORKBOOK_PART_LABELS: Record<WorkbookPart, string> = {
	purpose: 'Purpose questionnaire',
	network: 'Social-capital map',
	reflection: 'Gatsby reflection grid',
	timeline: 'Critical-incident timeline',
	postcard: 'Promise postcard',
	appreciation: 'Circle of appreciation',
	'subject-maps': 'Subject careers maps'
};
/** Where each part lives under /workbook/[participantId]. */
export const WORKBOOK_PART_PATHS: Record<WorkbookPart, string> = {
	purpose: 'purpose',
	network: 'network',
	reflection: 'reflection',
	timeline: 'timeline',
	postcard: 'postcard',
	appreciation: 'appreciation',
	'subject-maps': 'subject-maps'
};

export function isWorkbookPart(value: string): value is WorkbookPart {
	return (WORKBOOK_PARTS as readonly string[]).includes(value);
}

export const PURPOSE_OCCASIONS = ['start', 'end'] as const;
export type PurposeOccasion = (typeof PURPOSE_OCCASIONS)[number];
export const PURPOSE_OCCASION_LABELS: Record<PurposeOccasion, string> = {
	start: 'At the start of the programme',
	end: 'At the end of the programme'
};

/** The agreement scale of the purpose questionnaire (Summers & Falco, 2020, as adapted in seed 002). */
export const PURPOSE_SCALE = [1, 2, 3, 4, 5] as const;
export const PURPOSE_SCALE_LABELS: Record<number, string> = {
	1: 'Strongly disagree',
	2: 'Disagree',
	3: 'Neither agree nor disagree',
	4: 'Agree',
	5: 'Strongly agree'
};

export const NETWORK_SPHERES = ['friends', 'family', 'university', 'employers', 'professional'] as const;
export type NetworkSphere = (typeof NETWORK_SPHERES)[number];
export const NETWORK_SPHERE_LABELS: Record<NetworkSphere, string> = {
	friends: 'Friends and contacts',
	family: 'Family',
	university: 'University',
	employers: 'Employers',
	professional: 'Professional community'
};

export const TIE_TYPES = ['bonding', 'bridging', 'linking'] as const;
export type TieType = (typeof TIE_TYPES)[number];
export const TIE_TYPE_LABELS: Record<TieType, string> = {
	bonding: 'Bonding (people like me)',
	bridging: 'Bridging (people in other circles)',
	linking: 'Linking (people with influence)'
};
/** Tie strength runs from 1 (an acquaintance) to 10 (close family). */
export const TIE_STRENGTH = { weakest: 1, strongest: 10 } as const;

/** A critical incident's levels of knowledge, skills and values in careers education run 0–10. */
export const INCIDENT_LEVEL = { lowest: 0, highest: 10 } as const;

export const PROMISE_PROGRESS = ['not-started', 'some-way', 'achieved'] as const;
export type PromiseProgress = (typeof PROMISE_PROGRESS)[number];
export const PROMISE_PROGRESS_LABELS: Record<PromiseProgress, string> = {
	'not-started': 'Not started yet',
	'some-way': 'Some of the way',
	achieved: 'Achieved'
};

/** Routes into a career shown on a career card (seed 002's Computer Science cards). */
export const OCCUPATION_ROUTES = ['further-education', 'higher-education', 'apprenticeship'] as const;
export type OccupationRoute = (typeof OCCUPATION_ROUTES)[number];
export const OCCUPATION_ROUTE_LABELS: Record<OccupationRoute, string> = {
	'further-education': 'Further education',
	'higher-education': 'Higher education',
	apprenticeship: 'Apprenticeship'
};

export const OCCUPATION_SOURCES = ['soc2020', 'seed', 'school'] as const;
export type OccupationSource = (typeof OCCUPATION_SOURCES)[number];
