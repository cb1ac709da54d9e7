/**
 * THE table of who may do what. Every route and every service asks here and nowhere else.
 * School actions are granted by a role held in that school; group actions by a role held in the
 * trust or Careers Hub. Link governors only ever get read actions.
 */
import type { GroupRole, ProviderRole, SchoolRole } from '../../domain/roles.ts';

const ALL_SCHOOL_ROLES: readonly SchoolRole[] = [
	'careers-leader',
	'senior-leader',
	'link-governor',
	'careers-administrator',
	'careers-adviser',
	'teacher'
];

/** Everyone who may see individual pupils. */
const PUPIL_ROLES: readonly SchoolRole[] = [
	'careers-leader',
	'senior-leader',
	'careers-administrator',
	'careers-adviser',
	'teacher'
];

export const SCHOOL_ACTIONS = {
	/** The school dashboard: headline figures, no pupil names. */
	'school.view': ALL_SCHOOL_ROLES,
	/** The list of colleagues and their roles. */
	'people.view': ['careers-leader', 'senior-leader', 'careers-administrator'],
	/** Invite a colleague, change or remove a role. */
	'people.manage': ['careers-leader'],
	/** The audit trail of the school. */
	'audit.view': ['careers-leader', 'senior-leader'],
	/** Individual pupil records. Governors and group leads see figures, never pupils. */
	'pupils.view': PUPIL_ROLES,
	/** The careers programme, its mapping grids, gaps and the benchmarks page. */
	'programme.view': ALL_SCHOOL_ROLES,
	/** Add and change planned activities and their mapping. */
	'programme.edit': ['careers-leader', 'senior-leader', 'careers-administrator'],
	/** The programme's aims, copying it forward, and which benchmark framework a year uses. */
	'programme.manage': ['careers-leader', 'senior-leader'],
	/** The CEIAG development plan. */
	'plan.view': ALL_SCHOOL_ROLES,
	'plan.edit': ['careers-leader', 'senior-leader'],
	/** Careers leadership: the 21 tasks, the model, conditions for success, CPD records. */
	'leadership.view': ['careers-leader', 'senior-leader', 'link-governor', 'careers-administrator'],
	'leadership.edit': ['careers-leader', 'senior-leader'],
	/** The published careers information and provider access policy (the public page is open to all). */
	'careers-information.edit': ['careers-leader', 'senior-leader'],
	/** School settings such as the times of the school day. */
	'school.manage': ['careers-leader', 'senior-leader'],
	/** Import the roster and groups from the MIS. */
	'pupils.import': ['careers-leader', 'careers-administrator'],
	/** The imports page: each import then needs its own action (pupils.import, encounters.edit…). */
	'imports.use': ['careers-leader', 'careers-administrator', 'careers-adviser'],
	/** Employers, colleges, universities and other partners, with their contacts. */
	'partners.view': ['careers-leader', 'senior-leader', 'careers-administrator', 'careers-adviser', 'teacher'],
	'partners.edit': ['careers-leader', 'careers-administrator'],
	/** Delivered activities and who attended: attendance lists name pupils, so pupil roles only. */
	'encounters.view': PUPIL_ROLES,
	'encounters.edit': ['careers-leader', 'careers-administrator'],
	/** That a guidance meeting took place, with whom and the agreed actions. */
	'guidance.view': PUPIL_ROLES,
	/** A guidance meeting's notes: advisers and the careers leader only; every view is audited. */
	'guidance.notes': ['careers-leader', 'careers-adviser'],
	'guidance.record': ['careers-leader', 'careers-adviser'],
	/** Refer a pupil for guidance (a tutor, SENCO or head of sixth, among others). */
	'referrals.create': ['careers-leader', 'senior-leader', 'careers-adviser', 'teacher'],
	/** The open-referrals queue, and closing a referral by booking a meeting. */
	'referrals.manage': ['careers-leader', 'careers-adviser'],
	'destinations.view': PUPIL_ROLES,
	'destinations.edit': ['careers-leader', 'careers-administrator', 'careers-adviser'],
	/** Who has had what, as figures: the coverage grid, equity gaps, charts and their exports. No names. */
	'compliance.view': ALL_SCHOOL_ROLES,
	/** The termly benchmark self-evaluation: read by all (governors scrutinise it)… */
	'evaluation.view': ALL_SCHOOL_ROLES,
	/** …filled in, overridden and submitted by the careers leader or a senior leader. */
	'evaluation.edit': ['careers-leader', 'senior-leader'],
	/** The governors' and senior leaders' termly pack: figures only, never pupil names. */
	'reports.view': ALL_SCHOOL_ROLES,
	/** Run a staff development programme for the school's own staff (its tutor, in a provider's words). */
	'development.run': ['careers-leader', 'senior-leader'],
	/** Subject careers maps, career cards and the Benchmark 4 view of subjects against year groups. */
	'subject-maps.view': ALL_SCHOOL_ROLES,
	/** Build and change the school's subject maps: subject leaders (teachers) and the careers leader. */
	'subject-maps.edit': ['careers-leader', 'senior-leader', 'teacher'],
	/** Add the school's own careers to the occupations library. */
	'occupations.edit': ['careers-leader', 'senior-leader', 'careers-administrator', 'teacher'],
	/** Keep a pupil's social-capital map, where the school turns pupil networks on (seeing it: pupils.view). */
	'pupil-networks.edit': ['careers-leader', 'careers-adviser', 'teacher']
} as const satisfies Record<string, readonly SchoolRole[]>;

export const GROUP_ACTIONS = {
	/** The trust's or hub's schools side by side: aggregates only. */
	'group.view': ['group-lead']
} as const satisfies Record<string, readonly GroupRole[]>;

/** A teacher-training provider (a university): its tutors run development programmes. */
export const PROVIDER_ACTIONS = {
	/** Create and run development programmes, their cohorts and invitations. */
	'development.run': ['programme-tutor']
} as const satisfies Record<string, readonly ProviderRole[]>;

/**
 * On a development programme, what someone may do follows from how they stand to it: a TUTOR holds
 * 'development.run' in the organisation that runs it (a provider's tutor, a school's careers leader); a
 * PARTICIPANT is on one of its cohorts. A workbook is its participant's alone (see development/access.ts).
 */
export const PROGRAMME_RELATIONS = ['tutor', 'participant'] as const;
export type ProgrammeRelation = (typeof PROGRAMME_RELATIONS)[number];
export const PROGRAMME_ACTIONS = {
	/** The programme: its aims, activities and mapping grids. */
	'development.view': ['tutor', 'participant'],
	/** Change the programme, its statements and cohorts; invite; copy; the cohort figures and shared parts. */
	'development.manage': ['tutor']
} as const satisfies Record<string, readonly ProgrammeRelation[]>;

export type SchoolAction = keyof typeof SCHOOL_ACTIONS;
export type GroupAction = keyof typeof GROUP_ACTIONS;
export type ProviderAction = keyof typeof PROVIDER_ACTIONS;
export type ProgrammeAction = keyof typeof PROGRAMME_ACTIONS;
/** Actions granted by a role held in an organisation (a school, group or provider). */
export type Action = SchoolAction | GroupAction | ProviderAction;

/** Roles names differ between kinds of organisation, so one action may be granted in several kinds. */
function rolesGranting(action: Action): readonly string[] {
	return [
		...((SCHOOL_ACTIONS as Record<string, readonly string[]>)[action] ?? []),
		...((GROUP_ACTIONS as Record<string, readonly string[]>)[action] ?? []),
		...((PROVIDER_ACTIONS as Record<string, readonly string[]>)[action] ?? [])
	];
}

/** Which of these roles, if any, grants the action. */
export function rolesAllow(action: Action, roles: readonly string[]): boolean {
	const allowed = rolesGranting(action);
	return roles.some((role) => allowed.includes(role));
}

export function relationAllows(action: ProgrammeAction, relation: ProgrammeRelation | null): boolean {
	return relation !== null && (PROGRAMME_ACTIONS[action] as readonly string[]).includes(relation);
}
