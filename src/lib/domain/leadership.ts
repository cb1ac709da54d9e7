/**
 * Careers leadership in a school (seed 000, "Careers leadership in schools"): the careers leader's 21 tasks in
 * five groups, the six leadership models with their benefits and risks, the roles in a school, the four
 * conditions for successful careers leadership, and the kinds of CPD. Pure data and arithmetic, no I/O.
 *
 * Task, model, condition and CPD kind ids are stored in the database: never change or reuse one.
 */

export const TASK_GROUPS = [
	'leadership',
	'project-management',
	'line-management',
	'co-ordination',
	'networking'
] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

export const TASK_GROUP_LABELS: Record<TaskGroup, string> = {
	leadership: 'Leadership',
	'project-management': 'Project management',
	'line-management': 'Line management',
	'co-ordination': 'Co-ordination',
	networking: 'Networking'
};

export type LeadershipTask = {
	/** Stable id, stored with each assignment. */
	id: string;
	/** The task's number in seed 000 (1–21). */
	number: number;
	group: TaskGroup;
	/** Seed 000's wording. */
	title: string;
	/** Plain words for an abbreviation in the title, when there is one. */
	hint?: string;
};

/** The careers leader's 21 tasks, in seed 000's order and words. */
export const LEADERSHIP_TASKS: readonly LeadershipTask[] = [
	{
		id: 'advise-slt',
		number: 1,
		group: 'leadership',
		title: 'Advising senior leadership on policy, strategy and resources'
	},
	{ id: 'report-to-governors', number: 2, group: 'leadership', title: 'Reporting to senior leaders and governors' },
	{
		id: 'review-programme',
		number: 3,
		group: 'leadership',
		title: 'Reviewing and evaluating CEIAG',
		hint: 'CEIAG: careers education, information, advice and guidance — the careers programme.'
	},
	{
		id: 'prepare-development-plan',
		number: 4,
		group: 'leadership',
		title: 'Preparing and implementing a CEIAG development plan'
	},
	{
		id: 'plan-schemes-of-work',
		number: 5,
		group: 'project-management',
		title: 'Planning schemes of work for careers education'
	},
	{
		id: 'brief-teachers',
		number: 6,
		group: 'project-management',
		title: 'Briefing and supporting teachers of careers education'
	},
	{
		id: 'monitor-teaching',
		number: 7,
		group: 'project-management',
		title: 'Monitoring teaching and learning in careers education'
	},
	{
		id: 'support-tutors',
		number: 8,
		group: 'project-management',
		title: 'Supporting tutors providing initial information and advice'
	},
	{
		id: 'manage-careers-adviser',
		number: 9,
		group: 'project-management',
		title: 'Managing, in partnership, the work of the careers adviser'
	},
	{
		id: 'monitor-guidance-take-up',
		number: 10,
		group: 'project-management',
		title: 'Monitoring access to, and take up of, careers guidance'
	},
	{
		id: 'manage-careers-administrator',
		number: 11,
		group: 'line-management',
		title: 'Managing the work of the careers administrator'
	},
	{
		id: 'manage-careers-information',
		number: 12,
		group: 'co-ordination',
		title: 'Working with LRC to manage the provision of careers information',
		hint: 'LRC: the library or learning resource centre.'
	},
	{
		id: 'plan-with-subject-leaders',
		number: 13,
		group: 'co-ordination',
		title: 'Working with PSHE leader, and other subject leaders, to plan careers education'
	},
	{
		id: 'identify-pupils-needing-guidance',
		number: 14,
		group: 'co-ordination',
		title: 'Liaising with tutorial managers, mentors, SENCO and head of sixth to identify pupils needing guidance'
	},
	{ id: 'refer-pupils', number: 15, group: 'co-ordination', title: 'Referring pupils to careers advisers' },
	{
		id: 'link-with-colleges-and-universities',
		number: 16,
		group: 'networking',
		title: 'Establishing and developing links with FE colleges, universities and apprenticeship providers'
	},
	{
		id: 'link-with-employers',
		number: 17,
		group: 'networking',
		title: 'Establishing and developing links with employers'
	},
	{
		id: 'negotiate-local-authority-agreement',
		number: 18,
		group: 'networking',
		title: 'Negotiating SLA with local authority to support vulnerable young people',
		hint: 'SLA: a service level agreement.'
	},
	{ id: 'commission-guidance', number: 19, group: 'networking', title: 'Commissioning career guidance services' },
	{
		id: 'manage-external-links',
		number: 20,
		group: 'networking',
		title: 'Managing links with the LEP and other external organisations',
		hint: 'LEP: the local enterprise partnership, now often the Careers Hub.'
	},
	{ id: 'find-funding', number: 21, group: 'networking', title: 'Identifying sources of funding and writing bids' }
];

const TASKS_BY_ID = new Map(LEADERSHIP_TASKS.map((t) => [t.id, t]));

export function isTaskId(value: string): boolean {
	return TASKS_BY_ID.has(value);
}

export function taskById(id: string): LeadershipTask | undefined {
	return TASKS_BY_ID.get(id);
}

/** The tasks in their five groups, in seed 000's order. */
export function tasksByGroup(): { group: TaskGroup; label: string; tasks: LeadershipTask[] }[] {
	return TASK_GROUPS.map((group) => ({
		group,
		label: TASK_GROUP_LABELS[group],
		tasks: LEADERSHIP_TASKS.filter((t) => t.group === group)
	}));
}

// ---- who does what, and how long it takes --------------------------------------------------------------

/** Careers leaders spend 14.5 hours a week on the role on average (seed 000 research, 27 case studies). */
export const AVERAGE_CAREERS_LEADER_HOURS = 14.5;

/** Hours a week run from 0 to 60 in steps of half an hour. */
export const MAX_HOURS_PER_WEEK = 60;
export const HOURS_STEP = 0.5;

export type TaskAssignment = { taskId: string; userId: string; hoursPerWeek: number };
export type PersonLoad = { userId: string; hoursPerWeek: number; tasks: number };

/** Whether these are whole or half hours from 0 to 60. */
export function isValidHours(hours: number): boolean {
	return Number.isFinite(hours) && hours >= 0 && hours <= MAX_HOURS_PER_WEEK && Number.isInteger(hours / HOURS_STEP);
}

/**
 * Each person's total hours a week and number of tasks, most hours first (then most tasks). Sums in tenths of
 * an hour, so 0.1 + 0.2 comes to 0.3 and not 0.30000000000000004.
 */
export function taskLoad(assignments: readonly TaskAssignment[]): PersonLoad[] {
	const byPerson = new Map<string, { tenths: number; tasks: number }>();
	for (const a of assignments) {
		const entry = byPerson.get(a.userId) ?? { tenths: 0, tasks: 0 };
		entry.tenths += Math.round(a.hoursPerWeek * 10);
		entry.tasks += 1;
		byPerson.set(a.userId, entry);
	}
	return [...byPerson.entries()]
		.map(([userId, e]) => ({ userId, hoursPerWeek: e.tenths / 10, tasks: e.tasks }))
		.sort((a, b) => b.hoursPerWeek - a.hoursPerWeek || b.tasks - a.tasks || a.userId.localeCompare(b.userId));
}

/** The tasks nobody is assigned to, in seed 000's order. */
export function unassignedTasks(assignments: readonly TaskAssignment[]): LeadershipTask[] {
	const assigned = new Set(assignments.map((a) => a.taskId));
	return LEADERSHIP_TASKS.filter((t) => !assigned.has(t.id));
}

/** Total hours a week across all assignments, summed in tenths. */
export function totalHours(assignments: readonly TaskAssignment[]): number {
	return assignments.reduce((tenths, a) => tenths + Math.round(a.hoursPerWeek * 10), 0) / 10;
}

/** How hours a week compare with the 14.5-hour average for a careers leader, in words. */
export function comparedWithAverage(hours: number): { difference: number; words: string } {
	const difference = Math.round((hours - AVERAGE_CAREERS_LEADER_HOURS) * 10) / 10;
	const words =
		difference === 0
			? 'the same as the 14.5 hours a week careers leaders spend on average'
			: difference > 0
				? `${formatHours(difference)} more than the 14.5 hours a week careers leaders spend on average`
				: `${formatHours(-difference)} less than the 14.5 hours a week careers leaders spend on average`;
	return { difference, words };
}

/** "1 hour", "2.5 hours", "0 hours". */
export function formatHours(hours: number): string {
	return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

// ---- leadership models ---------------------------------------------------------------------------------

export const LEADERSHIP_MODEL_IDS = [
	'middle-leader-with-senior-support',
	'senior-leader',
	'outsourced',
	'distributed',
	'trust-wide',
	'support-staff-coordinator'
] as const;
export type LeadershipModelId = (typeof LEADERSHIP_MODEL_IDS)[number];

export type LeadershipModel = {
	id: LeadershipModelId;
	/** Seed 000's name for the model. */
	title: string;
	/** What it looks like in a school, in our words. */
	description: string;
	benefits: string[];
	risks: string[];
};

/** Seed 000's six careers leadership models, each with the benefits and potential risks it lists. */
export const LEADERSHIP_MODELS: readonly LeadershipModel[] = [
	{
		id: 'middle-leader-with-senior-support',
		title: 'Middle leader, with senior leader support',
		description:
			'A middle leader (a teacher, careers adviser or other professional) leads careers day to day; a senior leader has overall responsibility and line-manages them.',
		benefits: ['Dedicated role, with link to SLT'],
		risks: ['Lack of planning for succession']
	},
	{
		id: 'senior-leader',
		title: 'Senior leader',
		description: 'A member of the senior leadership team (an assistant or deputy head) is the careers leader.',
		benefits: ['SLT attention'],
		risks: ['Lack of time to devote to the role']
	},
	{
		id: 'outsourced',
		title: 'Outsourced',
		description: 'An external organisation or a commissioned careers professional leads careers for the school.',
		benefits: ['Expertise'],
		risks: ['Not in school all the time', 'Not located in school’s management structures']
	},
	{
		id: 'distributed',
		title: 'Distributed leadership',
		description: 'The careers leader’s tasks are shared between several colleagues rather than held by one person.',
		benefits: ['Increased capacity'],
		risks: ['Lack of coherence']
	},
	{
		id: 'trust-wide',
		title: 'MAT-wide post',
		description: 'One careers leader works across the schools of a multi-academy trust.',
		benefits: ['Sharing of resources and practice'],
		risks: ['Insufficient time in individual schools']
	},
	{
		id: 'support-staff-coordinator',
		title: 'Support staff/admin role (Careers Co-ordinator)',
		description: 'A member of the support staff leads careers as careers co-ordinator.',
		benefits: ['Less expensive', 'Releases teacher'],
		risks: ['Not well placed for leadership functions']
	}
];

export function isLeadershipModelId(value: string): value is LeadershipModelId {
	return (LEADERSHIP_MODEL_IDS as readonly string[]).includes(value);
}

export function leadershipModel(id: string): LeadershipModel | undefined {
	return LEADERSHIP_MODELS.find((m) => m.id === id);
}

// ---- roles in schools ----------------------------------------------------------------------------------

export const STRUCTURE_ROLES = [
	'link-governor',
	'senior-leader',
	'careers-leader',
	'careers-administrator',
	'careers-adviser'
] as const;
export type StructureRole = (typeof STRUCTURE_ROLES)[number];

/** Seed 000's "Roles in schools": what each role does and who typically holds it. */
export const STRUCTURE_ROLE_DETAILS: Record<
	StructureRole,
	{ title: string; responsibility: string; typically: string }
> = {
	'link-governor': {
		title: 'Link governor',
		responsibility: 'Advocate for CEIAG; support and challenge',
		typically: 'A governor'
	},
	'senior-leader': {
		title: 'Senior leader',
		responsibility: 'Overall responsibility for CEIAG; line manager for the careers leader',
		typically: 'Assistant head or deputy head'
	},
	'careers-leader': {
		title: 'Careers leader',
		responsibility: 'Day-to-day leadership and management',
		typically: 'Middle leader: a teacher, careers adviser or other professional'
	},
	'careers-administrator': {
		title: 'Careers administrator',
		responsibility: 'More routine organisation and administration',
		typically: 'Support staff'
	},
	'careers-adviser': {
		title: 'Careers adviser',
		responsibility: 'Careers guidance for pupils, one to one or in small groups',
		typically: 'A qualified careers adviser (Level 6 or above), employed or commissioned'
	}
};

// ---- conditions for success ----------------------------------------------------------------------------

export const CONDITIONS = ['clarity-of-roles', 'authority-and-power', 'time-and-resources', 'expertise'] as const;
export type ConditionId = (typeof CONDITIONS)[number];

/** Seed 000's four conditions for successful careers leadership; the description says what a 5 looks like. */
export const CONDITION_DETAILS: Record<ConditionId, { label: string; description: string }> = {
	'clarity-of-roles': {
		label: 'Clarity of roles',
		description: 'Everyone knows who leads careers and who does each of the careers leader’s tasks.'
	},
	'authority-and-power': {
		label: 'Authority and power',
		description: 'The careers leader can make decisions and has the backing of the senior team to carry them out.'
	},
	'time-and-resources': {
		label: 'Time and resources (including administrative support)',
		description: 'There is enough time, budget and administrative support to do the job.'
	},
	expertise: {
		label: 'Expertise',
		description: 'The careers leader has the knowledge and training the role needs, and keeps it up to date.'
	}
};

export const RATING_MIN = 1;
export const RATING_MAX = 5;

// ---- CPD -----------------------------------------------------------------------------------------------

export const CPD_KINDS = ['short-course', 'qualification', 'community-of-practice'] as const;
export type CpdKind = (typeof CPD_KINDS)[number];

/** Seed 000's "Continuing Professional Development for Careers Leaders: what is needed". */
export const CPD_KIND_DETAILS: Record<CpdKind, { label: string; hint: string }> = {
	'short-course': {
		label: 'Short course',
		hint: 'A short, non-accredited, introductory course.'
	},
	qualification: {
		label: 'Accredited qualification',
		hint: 'A longer, accredited course leading to a qualification (for example the CDI Level 6 Certificate in Careers Leadership), including a higher apprenticeship.'
	},
	'community-of-practice': {
		label: 'Community of practice',
		hint: 'A network of careers leaders meeting to share practice, such as a Careers Hub network.'
	}
};

export function isCpdKind(value: string): value is CpdKind {
	return (CPD_KINDS as readonly string[]).includes(value);
}
