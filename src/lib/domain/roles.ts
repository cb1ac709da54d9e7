/**
 * The people in a school's careers work (seed 000, "Roles in schools"), in the words schools use.
 * A membership holds one or more school roles; teacher tags say what kind of teacher.
 * Group leads (a trust's or Careers Hub's lead) hold their role on the group, not on a school.
 */
export const SCHOOL_ROLES = [
	'careers-leader',
	'senior-leader',
	'link-governor',
	'careers-administrator',
	'careers-adviser',
	'teacher'
] as const;
export type SchoolRole = (typeof SCHOOL_ROLES)[number];

export const GROUP_ROLES = ['group-lead'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/**
 * Roles at a teacher-training provider (a university running a careers enhancement programme, seed 002):
 * tutors run programmes and see their cohorts; trainees keep a workbook.
 */
export const PROVIDER_ROLES = ['programme-tutor', 'trainee'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

export type Role = SchoolRole | GroupRole | ProviderRole;

export const TEACHER_TAGS = ['subject-leader', 'tutor', 'senco', 'head-of-sixth'] as const;
export type TeacherTag = (typeof TEACHER_TAGS)[number];

export const ROLE_LABELS: Record<Role, string> = {
	'careers-leader': 'Careers leader',
	'senior-leader': 'Senior leader (SLT lead for careers)',
	'link-governor': 'Link governor',
	'careers-administrator': 'Careers administrator',
	'careers-adviser': 'Careers adviser',
	teacher: 'Teacher',
	'group-lead': 'Trust or Careers Hub lead',
	'programme-tutor': 'Programme tutor',
	trainee: 'Trainee teacher'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	'careers-leader': 'Plans and runs the careers programme, records activities and reads every report.',
	'senior-leader': 'Has overall responsibility for careers on the senior team and line-manages the careers leader.',
	'link-governor': 'Supports and challenges the careers programme on behalf of governors. Read-only.',
	'careers-administrator': 'Organises activities, records attendance and keeps partner contacts.',
	'careers-adviser': 'Gives personal guidance and records guidance meetings.',
	teacher: 'Links subjects to careers, tutors pupils and refers pupils who need guidance.',
	'group-lead': "Sees the trust's or hub's schools side by side, never individual pupils.",
	'programme-tutor': "Runs staff development programmes and sees the cohort's figures and what participants share.",
	trainee: 'Keeps a personal workbook on a development programme and chooses what to share with the tutor.'
};

export const TAG_LABELS: Record<TeacherTag, string> = {
	'subject-leader': 'Subject leader',
	tutor: 'Tutor',
	senco: 'SENCO',
	'head-of-sixth': 'Head of sixth form'
};

/** In what capacity someone refers a pupil for guidance: their teacher tag, the careers leader, or other. */
export const REFERRER_CAPACITIES = ['tutor', 'senco', 'head-of-sixth', 'careers-leader', 'other'] as const;
export type ReferrerCapacity = (typeof REFERRER_CAPACITIES)[number];
export const REFERRER_CAPACITY_LABELS: Record<ReferrerCapacity, string> = {
	tutor: TAG_LABELS.tutor,
	senco: TAG_LABELS.senco,
	'head-of-sixth': TAG_LABELS['head-of-sixth'],
	'careers-leader': ROLE_LABELS['careers-leader'],
	other: 'Other colleague'
};

export function isSchoolRole(value: string): value is SchoolRole {
	return (SCHOOL_ROLES as readonly string[]).includes(value);
}
export function isTeacherTag(value: string): value is TeacherTag {
	return (TEACHER_TAGS as readonly string[]).includes(value);
}

export const ORGANISATION_KINDS = ['school', 'trust', 'careers-hub', 'training-provider'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const GROUP_KINDS = ['trust', 'careers-hub'] as const;
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
	school: 'School',
	trust: 'Trust',
	'careers-hub': 'Careers Hub',
	'training-provider': 'Teacher-training provider'
};

export const SCHOOL_PHASES = ['secondary', 'all-through', 'middle-deemed-secondary', 'special', 'sixth-form'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];
export const PHASE_LABELS: Record<SchoolPhase, string> = {
	secondary: 'Secondary',
	'all-through': 'All-through',
	'middle-deemed-secondary': 'Middle (deemed secondary)',
	special: 'Special',
	'sixth-form': 'Sixth form'
};
