/**
 * The school's published careers information (statutory: School Information (England) Regulations and the
 * DfE careers guidance): the careers leader's contact details, a summary of the programme by year group,
 * how people find out more, how impact is measured, the next review date and the provider access policy
 * statement. Staff write the words here; the programme summary comes from the planned activities.
 *
 * The public page (publicCareersPage) takes no actor and returns ONLY what the school chose to publish
 * plus activity titles: never anything about a pupil.
 */
import { isTerm, TERM_LABELS, type Term } from '../../domain/activities.ts';
import { termOfDate } from '../../domain/terms.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '../db/client.ts';
import { activities, careersInformation, memberships, programmes, users } from '../db/schema/index.ts';
import { authorise, can, NotFoundError, systemActor, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import { fromZod, ValidationError } from '../errors.ts';
import { academicYearName, academicYearStart, londonDate, todayInLondon } from '../../domain/academic-year.ts';
import { schoolForActor, type School } from '../schools/service.ts';
import { complianceFigures, resolveScope } from '../compliance/service.ts';
import { COMPLIANCE_RULES, isRuleId, rulesFor } from '../../domain/compliance.ts';
import { wholePercent } from '../../domain/report-summary.ts';
import { longDate } from '../../domain/academic-year.ts';

// ---- fields ------------------------------------------------------------------------------------------

/** The texts a person writes, in the order the editor and the public page show them. */
export const TEXT_FIELDS = [
	'forPupils',
	'forParents',
	'forTeachers',
	'forEmployers',
	'impactMeasurement',
	'providerRequestAccess',
	'providerContact',
	'providerGrantingRefusing',
	'providerSafeguarding',
	'providerPremises'
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const PROVIDER_FIELDS = [
	'providerRequestAccess',
	'providerContact',
	'providerGrantingRefusing',
	'providerSafeguarding',
	'providerPremises'
] as const satisfies readonly TextField[];

/** Labels shared by the editor, the public page and the downloadable copy. */
export const FIELD_LABELS: Record<TextField | 'careersLeaderUserId' | 'careersLeaderPhone' | 'nextReviewDate', string> =
	{
		careersLeaderUserId: 'Careers leader',
		careersLeaderPhone: 'Careers leader’s telephone number',
		forPupils: 'How pupils find out about the careers programme',
		forParents: 'How parents and carers find out about the careers programme',
		forTeachers: 'How teachers find out about the careers programme',
		forEmployers: 'How employers find out about the careers programme',
		impactMeasurement: 'How we measure and assess the programme’s impact on pupils',
		nextReviewDate: 'Date of the next review of this information',
		providerRequestAccess: 'How providers ask for access',
		providerContact: 'Whom providers contact',
		providerGrantingRefusing: 'Grounds for granting or refusing a request',
		providerSafeguarding: 'Safeguarding',
		providerPremises: 'Premises and facilities'
	};

/** What must be filled in before the information is published, as the sentence that names the gap. */
const REQUIRED: Array<{ field: string; missing: string }> = [
	{ field: 'careersLeaderUserId', missing: 'Choose the careers leader to name publicly' },
	{ field: 'careersLeaderPhone', missing: 'Enter the careers leader’s telephone number' },
	{ field: 'nextReviewDate', missing: 'Enter the date of the next review' },
	{ field: 'providerRequestAccess', missing: 'Enter how providers ask for access (provider access policy)' },
	{
		field: 'providerGrantingRefusing',
		missing: 'Enter the grounds for granting or refusing a request (provider access policy)'
	},
	{ field: 'providerSafeguarding', missing: 'Enter the safeguarding arrangements (provider access policy)' },
	{ field: 'providerPremises', missing: 'Enter the premises and facilities offered (provider access policy)' }
];

// ---- validation --------------------------------------------------------------------------------------

const PHONE_MESSAGE =
	'Enter a UK telephone number using digits, spaces, + and brackets only, with 10 to 15 digits, like 01632 960 123';

const optionalText = (label: string) =>
	z
		.string()
		.trim()
		.max(5000, `${label} must be 5,000 characters or fewer`)
		.optional()
		.transform((v) => (v ? v : null));

function isRealDate(iso: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
	const date = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

export const careersInformationSchema = z.object({
	careersLeaderUserId: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : null)),
	careersLeaderPhone: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v.replace(/\s+/g, ' ') : null))
		.refine((v) => v === null || (/^[0-9 +()]+$/.test(v) && /^(\D*\d){10,15}\D*$/.test(v)), PHONE_MESSAGE),
	nextReviewDate: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : null))
		.refine((v) => v === null || isRealDate(v), 'Enter the next review date as a real date, for example 1 9 2027'),
	forPupils: optionalText('How pupils find out'),
	forParents: optionalText('How parents and carers find out'),
	forTeachers: optionalText('How teachers find out'),
	forEmployers: optionalText('How employers find out'),
	impactMeasurement: optionalText('How impact is measured'),
	providerRequestAccess: optionalText('How providers ask for access'),
	providerContact: optionalText('Whom providers contact'),
	providerGrantingRefusing: optionalText('Grounds for granting or refusing'),
	providerSafeguarding: optionalText('Safeguarding'),
	providerPremises: optionalText('Premises and facilities'),
	/** Compliance rules whose figures the public page shows; absent: keep the saved choice. */
	impactRules: z
		.array(z.string().trim())
		.optional()
		.superRefine((ids, ctx) => {
			for (const id of ids ?? [])
				if (!isRuleId(id))
					ctx.addIssue({
						code: 'custom',
						message: `“${id.slice(0, 60)}” is not one of the measures Waymark can publish: choose from the list`
					});
		})
		.transform((ids) => (ids === undefined ? undefined : [...new Set(ids)]))
});
export type CareersInformationInput = z.input<typeof careersInformationSchema>;
type Fields = Omit<z.output<typeof careersInformationSchema>, 'impactRules'> & { impactRules: string[] };

// ---- reading -----------------------------------------------------------------------------------------

export type LeaderOption = { userId: string; name: string; email: string };

export type CareersInformation = Fields & {
	publishedAt: Date | null;
	updatedAt: Date | null;
	/** Members holding the careers-leader role: whom the editor may name. */
	leaders: LeaderOption[];
	/** The named careers leader, when they still hold the role here. */
	leader: LeaderOption | null;
	/** The sentences saying what must be filled in before publishing (empty when complete). */
	missing: string[];
	/** Where the public page lives, e.g. /careers/999001. */
	publicPath: string;
	/** The measures the school may publish: this year's rules, and any chosen earlier that are not. */
	impactRuleChoices: { id: string; title: string; description: string }[];
};

type Row = typeof careersInformation.$inferSelect;

function fieldsOf(row: Row | undefined): Fields {
	return {
		careersLeaderUserId: row?.careersLeaderUserId ?? null,
		careersLeaderPhone: row?.careersLeaderPhone ?? null,
		nextReviewDate: row?.nextReviewDate ?? null,
		forPupils: row?.forPupils ?? null,
		forParents: row?.forParents ?? null,
		forTeachers: row?.forTeachers ?? null,
		forEmployers: row?.forEmployers ?? null,
		impactMeasurement: row?.impactMeasurement ?? null,
		providerRequestAccess: row?.providerRequestAccess ?? null,
		providerContact: row?.providerContact ?? null,
		providerGrantingRefusing: row?.providerGrantingRefusing ?? null,
		providerSafeguarding: row?.providerSafeguarding ?? null,
		providerPremises: row?.providerPremises ?? null,
		impactRules: row?.impactRules ?? []
	};
}

async function leadersOf(q: Queryable, schoolId: string): Promise<LeaderOption[]> {
	return q
		.select({ userId: users.id, name: users.name, email: users.email })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, schoolId), sql`'careers-leader' = any(${memberships.roles})`))
		.orderBy(asc(users.name));
}

function missingItems(fields: Fields, leader: LeaderOption | null): string[] {
	return REQUIRED.filter(({ field }) =>
		field === 'careersLeaderUserId' ? !leader : !fields[field as keyof Fields]
	).map((r) => r.missing);
}

async function load(q: Queryable, schoolId: string) {
	const [row] = await q.select().from(careersInformation).where(eq(careersInformation.schoolId, schoolId));
	const leaders = await leadersOf(q, schoolId);
	const fields = fieldsOf(row);
	const leader = leaders.find((l) => l.userId === fields.careersLeaderUserId) ?? null;
	return { row, fields, leaders, leader };
}

/** The stored information with what the editor needs: whom it may name, what is missing, where it is published. */
export async function careersInformationFor(actor: Actor, school: School): Promise<CareersInformation> {
	authorise(actor, 'careers-information.edit', school.id);
	const { row, fields, leaders, leader } = await load(db(), school.id);
	return {
		...fields,
		publishedAt: row?.publishedAt ?? null,
		updatedAt: row?.updatedAt ?? null,
		leaders,
		leader,
		missing: missingItems(fields, leader),
		publicPath: `/careers/${school.urn}`,
		impactRuleChoices: await impactRuleChoices(school, fields.impactRules)
	};
}

async function impactRuleChoices(school: School, chosen: string[]) {
	const scope = await resolveScope(school, {});
	const current = rulesFor(scope.framework.id);
	const earlier = COMPLIANCE_RULES.filter((r) => chosen.includes(r.id) && !current.some((c) => c.id === r.id));
	return [...current, ...earlier].map((r) => ({ id: r.id, title: r.title, description: r.description }));
}

// ---- writing -----------------------------------------------------------------------------------------

/**
 * Saves what the editor holds. Incomplete information may be saved as a draft; once published it must
 * stay complete, because the public page changes with it.
 */
export async function saveCareersInformation(
	actor: Actor,
	school: School,
	input: unknown,
	requestId?: string
): Promise<void> {
	authorise(actor, 'careers-information.edit', school.id);
	const parsed = careersInformationSchema.safeParse(input ?? {});
	if (!parsed.success) throw fromZod(parsed.error.issues);
	const { impactRules, ...rest } = parsed.data;
	await db().transaction(async (tx) => {
		const { row, fields: before, leaders } = await load(tx, school.id);
		const fields: Fields = { ...rest, impactRules: impactRules ?? before.impactRules };
		const leader = leaders.find((l) => l.userId === fields.careersLeaderUserId) ?? null;
		if (fields.careersLeaderUserId && !leader) {
			throw ValidationError.one(
				'careersLeaderUserId',
				'Choose a careers leader from the list: the person must have the careers leader role in this school'
			);
		}
		if (row?.publishedAt) {
			const missing = REQUIRED.filter(({ field }) =>
				field === 'careersLeaderUserId' ? !leader : !fields[field as keyof Fields]
			);
			if (missing.length > 0) {
				throw new ValidationError(
					missing.map((m) => ({
						field: m.field,
						message: `${m.missing}: your careers information is published, so it must stay complete`
					}))
				);
			}
		}
		const now = new Date();
		await tx
			.insert(careersInformation)
			.values({ schoolId: school.id, ...fields, updatedAt: now })
			.onConflictDoUpdate({ target: careersInformation.schoolId, set: { ...fields, updatedAt: now } });
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'careers-information.saved',
				recordType: 'careers-information',
				recordId: school.id,
				summary: row?.publishedAt
					? 'Published careers information changed (the public page shows the change)'
					: 'Careers information saved (not published)',
				before: row ? before : null,
				after: fields
			},
			requestId
		);
	});
}

/** Publishes the information at /careers/[urn], or refuses naming every required item still missing. */
export async function publishCareersInformation(actor: Actor, school: School, requestId?: string): Promise<void> {
	authorise(actor, 'careers-information.edit', school.id);
	await db().transaction(async (tx) => {
		const { row, fields, leader } = await load(tx, school.id);
		const missing = REQUIRED.filter(({ field }) =>
			field === 'careersLeaderUserId' ? !leader : !fields[field as keyof Fields]
		);
		if (missing.length > 0) {
			throw new ValidationError(missing.map((m) => ({ field: m.field, message: `${m.missing} before you publish` })));
		}
		const now = new Date();
		await tx
			.update(careersInformation)
			.set({ publishedAt: now, updatedAt: now })
			.where(eq(careersInformation.schoolId, school.id));
		await recordAudit(
			tx,
			actor,
			{
				organisationId: school.id,
				action: 'careers-information.published',
				recordType: 'careers-information',
				recordId: school.id,
				summary: row?.publishedAt
					? `Careers information published again at /careers/${school.urn}`
					: `Careers information published at /careers/${school.urn}`,
				before: { publishedAt: row?.publishedAt ?? null },
				after: { publishedAt: now }
			},
			requestId
		);
	});
}

// ---- the dashboard -----------------------------------------------------------------------------------

const WARNING_FOR: Record<string, string> = {
	careersLeaderUserId: 'Your careers information does not name a careers leader',
	careersLeaderPhone: 'Your careers information has no phone number for the careers leader',
	nextReviewDate: 'Your careers information has no date for its next review',
	providerRequestAccess: 'Your provider access policy statement does not say how providers ask for access',
	providerGrantingRefusing:
		'Your provider access policy statement does not give the grounds for granting or refusing a request',
	providerSafeguarding: 'Your provider access policy statement does not cover safeguarding',
	providerPremises: 'Your provider access policy statement does not say which premises and facilities are offered'
};

/**
 * Plain sentences for the careers leader's dashboard: not published, review date passed, required items
 * empty. Empty for people who may not edit the information (nothing they could act on).
 */
export async function careersInformationWarnings(
	actor: Actor,
	school: School,
	today: string = todayInLondon()
): Promise<string[]> {
	authorise(actor, 'school.view', school.id);
	if (!can(actor, 'careers-information.edit', school.id)) return [];
	const { row, fields, leader } = await load(db(), school.id);
	const warnings: string[] = [];
	if (!row?.publishedAt) warnings.push('Your careers information is not published yet');
	if (row?.publishedAt && fields.nextReviewDate && fields.nextReviewDate < today) {
		warnings.push(
			`The review date of your published careers information (${longDate(fields.nextReviewDate)}) has passed`
		);
	}
	for (const { field } of REQUIRED) {
		const empty = field === 'careersLeaderUserId' ? !leader : !fields[field as keyof Fields];
		if (empty) warnings.push(WARNING_FOR[field] as string);
	}
	return warnings;
}

// ---- the public page ---------------------------------------------------------------------------------

/** Term headings on the public page; terms themselves come from the one activity vocabulary. */
export const TERM_HEADINGS: Record<Term | 'unscheduled', string> = {
	autumn: `${TERM_LABELS.autumn} term`,
	spring: `${TERM_LABELS.spring} term`,
	summer: `${TERM_LABELS.summer} term`,
	unscheduled: 'During the year'
};

export type ProgrammeSummary = Array<{
	yearGroup: number;
	terms: Array<{ term: Term | 'unscheduled'; label: string; activities: string[] }>;
}>;

export type ImpactFigure = { ruleId: string; title: string; met: number; eligible: number; percent: number | null };

export type PublicCareersPage = {
	school: { name: string; urn: string };
	academicYear: string;
	careersLeader: { name: string; email: string; phone: string | null } | null;
	programme: ProgrammeSummary;
	forPupils: string | null;
	forParents: string | null;
	forTeachers: string | null;
	forEmployers: string | null;
	impactMeasurement: string | null;
	/** The figures the school chose to publish: each rule's share of eligible pupils who met it, as of today. */
	impact: ImpactFigure[];
	/** "23 November 2026": the date the impact figures are as of. */
	impactAsOfText: string;
	/** YYYY-MM-DD */
	nextReviewDate: string | null;
	nextReviewDateText: string | null;
	providerAccess: {
		requestAccess: string | null;
		contact: string | null;
		grantingRefusing: string | null;
		safeguarding: string | null;
		premises: string | null;
	};
	/** False only in a preview of a draft. */
	published: boolean;
	/** YYYY-MM-DD, Europe/London. */
	lastUpdated: string;
	lastUpdatedText: string;
};

function termOf(term: string | null, startDate: string | null): Term | 'unscheduled' {
	if (term && isTerm(term)) return term;
	return startDate ? termOfDate(startDate) : 'unscheduled';
}

/** Activity titles of one academic year, per year group and term. Reads the programme tables directly. */
async function programmeSummary(
	schoolId: string,
	academicYear: number,
	lowestYear: number,
	highestYear: number
): Promise<ProgrammeSummary> {
	const rows = await db()
		.select({
			title: activities.title,
			yearGroups: activities.yearGroups,
			term: activities.term,
			halfTerm: activities.halfTerm,
			startDate: activities.startDate
		})
		.from(activities)
		.innerJoin(programmes, eq(programmes.id, activities.programmeId))
		.where(and(eq(programmes.schoolId, schoolId), eq(programmes.academicYear, academicYear)))
		.orderBy(asc(activities.halfTerm), asc(activities.startDate), asc(activities.title));
	const order: Array<Term | 'unscheduled'> = ['autumn', 'spring', 'summer', 'unscheduled'];
	const summary: ProgrammeSummary = [];
	for (let year = lowestYear; year <= highestYear; year++) {
		const byTerm = new Map<Term | 'unscheduled', string[]>();
		for (const row of rows) {
			if (!row.yearGroups.includes(year)) continue;
			const term = termOf(row.term, row.startDate);
			const titles = byTerm.get(term) ?? [];
			if (!titles.includes(row.title)) titles.push(row.title);
			byTerm.set(term, titles);
		}
		summary.push({
			yearGroup: year,
			terms: order
				.filter((t) => byTerm.has(t))
				.map((t) => ({ term: t, label: TERM_HEADINGS[t], activities: byTerm.get(t) ?? [] }))
		});
	}
	return summary;
}

/** Public pages are read by anyone: the figures behind one are kept for a few minutes rather than recomputed per visit. */
const IMPACT_CACHE_MS = 10 * 60 * 1000;
const impactCache = new Map<string, { at: number; figures: ImpactFigure[] }>();

/**
 * The chosen rules' figures for this academic year as of today: counts over all year groups, nothing
 * about any pupil. Rules the year's framework does not judge are left out. The public page has no
 * actor: the figures are read on the system's behalf, and only these counts leave.
 */
async function impactFigures(school: School, ruleIds: string[], today: string): Promise<ImpactFigure[]> {
	if (ruleIds.length === 0) return [];
	const key = `${school.id}|${today}|${ruleIds.join(',')}`;
	const cached = impactCache.get(key);
	if (cached && Date.now() - cached.at < IMPACT_CACHE_MS) return cached.figures;
	const scope = await resolveScope(school, {}, today);
	const grid = await complianceFigures(systemActor('Published careers information'), school, scope);
	const totals = new Map(grid.totals.map((t) => [t.ruleId, t.counts]));
	const figures = grid.rules
		.filter((r) => ruleIds.includes(r.id))
		.map((r) => {
			const counts = totals.get(r.id)!;
			return {
				ruleId: r.id,
				title: r.title,
				met: counts.met,
				eligible: counts.eligible,
				percent: wholePercent(counts.met, counts.eligible)
			};
		});
	if (impactCache.size > 500) impactCache.clear();
	impactCache.set(key, { at: Date.now(), figures });
	return figures;
}

async function buildPage(school: School, today: string, draft: boolean): Promise<PublicCareersPage | null> {
	const { row, fields, leader } = await load(db(), school.id);
	if (!row || (!row.publishedAt && !draft)) return null;
	const academicYear = academicYearStart(today);
	const lastUpdated = londonDate(row.updatedAt);
	return {
		school: { name: school.name, urn: school.urn },
		academicYear: academicYearName(academicYear),
		careersLeader: leader ? { name: leader.name, email: leader.email, phone: fields.careersLeaderPhone } : null,
		programme: await programmeSummary(school.id, academicYear, school.lowestYear, school.highestYear),
		forPupils: fields.forPupils,
		forParents: fields.forParents,
		forTeachers: fields.forTeachers,
		forEmployers: fields.forEmployers,
		impactMeasurement: fields.impactMeasurement,
		impact: await impactFigures(school, fields.impactRules, today),
		impactAsOfText: longDate(today),
		nextReviewDate: fields.nextReviewDate,
		nextReviewDateText: fields.nextReviewDate ? longDate(fields.nextReviewDate) : null,
		providerAccess: {
			requestAccess: fields.providerRequestAccess,
			contact: fields.providerContact,
			grantingRefusing: fields.providerGrantingRefusing,
			safeguarding: fields.providerSafeguarding,
			premises: fields.providerPremises
		},
		published: row.publishedAt !== null,
		lastUpdated,
		lastUpdatedText: longDate(lastUpdated)
	};
}

/**
 * The published page for a school, for anyone (no sign-in): null when the URN is unknown or the school
 * has not published. Returns only what is listed in PublicCareersPage — no pupil, ever.
 */
export async function publicCareersPage(
	urn: string,
	today: string = todayInLondon()
): Promise<PublicCareersPage | null> {
	if (!/^[0-9]{6,7}$/.test(urn)) return null;
	let school: School;
	try {
		school = await schoolForActor(systemActor('Published careers information'), urn, 'school.view');
	} catch (e) {
		if (e instanceof NotFoundError) return null;
		throw e;
	}
	return buildPage(school, today, false);
}

/** The page as it would look, published or not, for someone who may edit it; null before anything is saved. */
export async function previewCareersPage(
	actor: Actor,
	school: School,
	today: string = todayInLondon()
): Promise<PublicCareersPage | null> {
	authorise(actor, 'careers-information.edit', school.id);
	return buildPage(school, today, true);
}
