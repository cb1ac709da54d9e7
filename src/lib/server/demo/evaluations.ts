/**
 * The demo's benchmark self-evaluations (issue 5): Riverside's careers leader submitted one at each of
 * the two latest national snapshots before "today" (with today 23 November 2026: 31 March 2026 and
 * 31 July 2026), each against the framework of its academic year, and the second scores higher.
 *
 * Pupil-level criteria carry the pre-fill Waymark would have made: the compliance rules run over the
 * demo's own generated records as of the snapshot date (the same pure rules the coverage dashboard
 * uses, on the same pupils, activities, attendance and meetings createDemo writes), at the school's
 * threshold. The careers leader mostly agreed with the pre-fill; where they did not, the row says why.
 * Whole-school criteria have no pre-fill and are answered from the programme, with evidence.
 *
 * Generated deterministically from the demo's data and written by createDemo in its one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { SchoolDay } from '../../domain/activities.ts';
import { academicYearStart } from '../../domain/academic-year.ts';
import { resolveFramework, type FrameworkId } from '../../domain/benchmarks.ts';
import {
	addStatus,
	emptyCounts,
	evaluateRule,
	isRuleId,
	rulesFor,
	type ActivityFact,
	type ComplianceContext,
	type GuidanceFact,
	type PupilFacts,
	type RuleId,
	type StatusCounts
} from '../../domain/compliance.ts';
import { HIGHER_EDUCATION_CODE } from '../../domain/destinations.ts';
import { prefillFromCounts, previousSnapshot, type EvaluationAnswer, type Snapshot } from '../../domain/evaluation.ts';
import type { Tx } from '../db/client.ts';
import { evaluationCriteria, evaluations } from '../db/schema/index.ts';
import { DEMO_EMAIL_DOMAIN, type DemoData } from './generate.ts';
import type { DemoDelivered, DemoEncounters } from './encounters.ts';

/** The school's settings the rules and the pre-fill read (from its organisation row). */
export type DemoEvaluationSettings = SchoolDay & {
	atRiskWeeks: number;
	workplaceExperiencesBy16: number | null;
	evaluationThreshold: number;
};

export type DemoEvaluationCriterion = {
	criterionId: string;
	prefillStatus: EvaluationAnswer | null;
	prefillBasis: string | null;
	status: EvaluationAnswer;
	evidence: string;
	/** Why the answer differs from the pre-fill (only then). */
	reason: string | null;
};

export type DemoEvaluation = {
	school: 'riverside';
	academicYear: number;
	snapshotDate: string;
	frameworkId: FrameworkId;
	threshold: number;
	figuresAsOf: string;
	createdOn: string;
	submittedOn: string;
	/** Demo account that created, answered and submitted it. */
	byEmail: string;
	criteria: DemoEvaluationCriterion[];
};

const LEADER = `careers.leader@${DEMO_EMAIL_DOMAIN}`;

// ---- what the data shows --------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function activityFact(a: DemoDelivered): ActivityFact {
	return {
		id: a.ref,
		ref: a.ref,
		title: a.title,
		type: a.type,
		date: a.date,
		endDate: a.endDate,
		startTime: a.startTime,
		endTime: a.endTime,
		providerType: a.providerType,
		benchmarks: a.benchmarks,
		yearGroups: a.yearGroups,
		purposeShared: a.purposeShared,
		outcomesSet: a.outcomesSet,
		twoWayInteraction: a.twoWayInteraction,
		reflection: a.reflection,
		employerSetTask: a.employerSetTask,
		employerFeedback: a.employerFeedback,
		days: a.days,
		palProviderInfo: a.palProviderInfo,
		palCareersInfo: a.palCareersInfo,
		palLearningInfo: a.palLearningInfo,
		palQuestionsAnswered: a.palQuestionsAnswered,
		adviserLevel: a.adviserLevel
	};
}

/** Per rule, all year groups together: every pupil, and pupils with and without Pupil Premium. */
export type DemoCoverage = Map<RuleId, { all: StatusCounts; pupilPremium: StatusCounts; others: StatusCounts }>;

/**
 * Riverside's coverage as of a date, per rule over all year groups: what the coverage dashboard shows
 * for that date, worked out from the generated records instead of the database (the integration test
 * checks the two agree).
 */
export function demoCoverage(
	data: DemoData,
	encounters: DemoEncounters,
	asOf: string,
	framework: FrameworkId,
	settings: DemoEvaluationSettings,
	ruleIds: readonly RuleId[] = rulesFor(framework).map((r) => r.id)
): DemoCoverage {
	const academicYear = academicYearStart(asOf);
	const delivered = encounters.activities.filter((a) => a.school === 'riverside' && a.date <= asOf);
	const facts = delivered.map(activityFact);
	const attended = new Map<string, ActivityFact[]>();
	const absent = new Map<string, ActivityFact[]>();
	delivered.forEach((a, n) => {
		const fact = facts[n] as ActivityFact;
		for (const row of a.attendance) {
			const list = row.attended ? attended : absent;
			const mine = list.get(row.upn);
			if (mine) mine.push(fact);
			else list.set(row.upn, [fact]);
		}
	});
	const guidance = new Map<string, GuidanceFact[]>();
	for (const m of encounters.meetings) {
		if (m.school !== 'riverside' || m.date > asOf) continue;
		const fact: GuidanceFact = {
			id: m.key,
			date: m.date,
			adviserName: m.adviserName,
			adviserLevel: m.adviserLevel,
			status: m.status
		};
		const mine = guidance.get(m.upn);
		if (mine) mine.push(fact);
		else guidance.set(m.upn, [fact]);
	}
	const consideringHe = new Set(encounters.consideringHe);
	const intendsHe = new Set(
		encounters.destinations
			.filter((d) => d.school === 'riverside' && d.kind === 'intended' && d.nccisCode === HIGHER_EDUCATION_CODE)
			.map((d) => d.upn)
	);
	const ctx: ComplianceContext = {
		framework,
		academicYear,
		asOf,
		schoolDay: { schoolDayStarts: settings.schoolDayStarts, schoolDayEnds: settings.schoolDayEnds },
		atRiskWeeks: settings.atRiskWeeks,
		workplaceExperiencesBy16: settings.workplaceExperiencesBy16,
		schoolActivities: facts
	};
	const totals: DemoCoverage = new Map();
	for (const p of data.pupils) {
		const yearGroup = academicYear - p.enteredYear7 + 7;
		if (p.school !== 'riverside' || yearGroup < 7 || yearGroup > 13) continue;
		if (p.admissionDate > asOf || (p.leavingDate !== null && p.leavingDate < asOf)) continue;
		const pupil: PupilFacts = {
			id: p.upn,
			enteredYear7: p.enteredYear7,
			admissionDate: p.admissionDate,
			leavingDate: p.leavingDate,
			consideringHe: consideringHe.has(p.upn),
			intendsHe: intendsHe.has(p.upn)
		};
		const history = {
			attended: attended.get(p.upn) ?? [],
			absent: absent.get(p.upn) ?? [],
			guidance: guidance.get(p.upn) ?? []
		};
		for (const ruleId of ruleIds) {
			const r = evaluateRule(ruleId, pupil, history, ctx, false);
			let counts = totals.get(r.ruleId);
			if (!counts)
				totals.set(r.ruleId, (counts = { all: emptyCounts(), pupilPremium: emptyCounts(), others: emptyCounts() }));
			addStatus(counts.all, r.status);
			addStatus(p.pupilPremium ? counts.pupilPremium : counts.others, r.status);
		}
	}
	return totals;
}

// ---- what the careers leader answered ---------------------------------------------------------------------

type Answer = { status: EvaluationAnswer; evidence: string };
/** The careers leader's answer at the first and at the second snapshot. */
type Plan = readonly [first: Answer, second: Answer];

const answer = (status: EvaluationAnswer, evidence: string): Answer => ({ status, evidence });
const same = (status: EvaluationAnswer, evidence: string): Plan => [answer(status, evidence), answer(status, evidence)];

/** Whole-school criteria of both frameworks, and the pupil-level ones no rule measures. */
const PLANS: Record<string, Plan> = {
	// Benchmark 1
	'bm1-known-understood': [
		answer('in-progress', 'Careers page and termly newsletter; in the pupil survey 64% knew who to ask about careers.'),
		answer('in-progress', 'Latest pupil survey: 78% knew who to ask about careers. Staff briefing each half-term.')
	],
	'bm1-embedded': [
		answer('in-progress', 'Careers page and termly newsletter; in the pupil survey 64% knew who to ask about careers.'),
		answer('achieved', 'Latest pupil survey: 78% knew who to ask; careers is in every year group’s PSHE scheme.')
	],
	'bm1-backing': same(
		'achieved',
		'Link governor for careers reports to the full governing body each term; deputy head is the SLT lead.'
	),
	'bm1-senior-backing': same(
		'achieved',
		'Link governor for careers reports each term; deputy head is the SLT lead; the careers leader holds the Level 6 Certificate in Careers Leadership.'
	),
	'bm1-careers-leader': same(
		'achieved',
		'Hannah Okafor, Careers Leader and Head of PSHE, holds the Level 6 Certificate in Careers Leadership.'
	),
	'bm1-sequenced': [
		answer('in-progress', 'Programme mapped for Years 7 to 13; learning outcomes written for Key Stage 3 only.'),
		answer('achieved', 'Learning outcomes now written for every activity; linked to priority 3 of the school plan.')
	],
	'bm1-parents-plan': same(
		'in-progress',
		'Parents’ evenings and the newsletter; a plan for reaching families of Pupil Premium pupils is in the development plan.'
	),
	'bm1-published': same('achieved', 'Careers information published on the school website and reviewed in September.'),
	'bm1-evaluated': [
		answer(
			'not-started',
			'Feedback from pupils, parents, staff and employers is planned, starting with a pupil survey.'
		),
		answer('in-progress', 'Pupil survey of every year group done; employer and parent feedback still to collect.')
	],
	// Benchmark 2
	'bm2-quality-information': [
		answer('in-progress', 'Careers Hub labour market information in lessons; SEND versions not yet made.'),
		answer(
			'achieved',
			'Labour market information updated from the Careers Hub; easy-read versions made with the SENCO.'
		)
	],
	'bm2-parents-supported': same(
		'in-progress',
		'Options evenings cover labour market information; a families’ guide is being written.'
	),
	'bm2-parents-lmi': same(
		'in-progress',
		'Options evenings cover labour market information; a families’ guide is being written.'
	),
	// Benchmark 3
	'bm3-tailored': same(
		'in-progress',
		'Mentoring and taster days for disadvantaged pupils and those at risk of NEET; Pupil Premium pupils still have fewer employer encounters.'
	),
	'bm3-challenge-stereotypes': [
		answer('in-progress', 'Role models in assemblies; gender balance of work experience placements reviewed.'),
		answer(
			'achieved',
			'Women in engineering and men in care speakers booked for every year group; placements balanced.'
		)
	],
	'bm3-records': same(
		'achieved',
		'Every pupil’s encounters, guidance and destinations are recorded in Waymark; pupils are given a copy of their record.'
	),
	'bm3-destinations': [
		answer('in-progress', 'Destinations recorded for three leaver cohorts; not yet used to review the programme.'),
		answer('achieved', 'Three years of destinations reviewed with governors; alumni panel for Year 13.')
	],
	'bm3-destinations-3-years': [
		answer('in-progress', 'Destinations recorded for three leaver cohorts; not yet used to review the programme.'),
		answer('achieved', 'Three years of destinations reviewed with governors; alumni panel for Year 13.')
	],
	// Benchmark 4
	'bm4-subject-routes': same(
		'in-progress',
		'Maths, science, English, geography and computing show routes; other departments next year.'
	),
	'bm4-teachers-link': same(
		'in-progress',
		'Maths, science, English, geography and computing link lessons to careers; other departments next year.'
	),
	'bm4-staff-development': [
		answer('not-started', 'Careers CPD for subject teachers is planned for the next INSET day.'),
		answer('in-progress', 'INSET on careers in the curriculum for all departments; a follow-up is planned.')
	],
	'bm4-stem-by-14': same(
		'in-progress',
		'STEM Ambassadors in Year 8 and 9 science; maths careers starters in Years 7 to 9.'
	),
	// Benchmark 5
	'bm5-range': same(
		'achieved',
		'Talks, mentoring, enterprise days, mock interviews and a careers fair, with twenty employers.'
	),
	// Benchmark 8
	'bm8-qualified-adviser': same(
		'in-progress',
		'Siân Roberts is Level 6; Tomasz Nowak is Level 4 and working towards Level 6, so his meetings do not count yet.'
	),
	'bm8-with-senco': same(
		'achieved',
		'The careers leader, adviser and SENCO plan guidance for pupils with EHCPs together.'
	),
	'bm8-parents-informed': [
		answer('in-progress', 'Guidance explained at the Year 9 options evening only.'),
		answer('achieved', 'How to book guidance is on the careers page and in the newsletter for every year group.')
	],
	'bm8-timely': same('in-progress', 'Year 11 seen before post-16 applications; Year 13 before UCAS deadlines.')
};

/** Evidence for a pupil-level criterion, after the pre-fill's own figures. */
const PUPIL_NOTES: Partial<Record<RuleId, string>> = {
	'bm2-lmi-by-14': 'Careers lessons in PSHE in Years 7 to 9.',
	'bm2-lmi-each-key-stage':
		'Careers lessons in PSHE in every key stage and labour market information in the sixth form.',
	'bm4-curriculum-careers-each-year':
		'Maths careers starters in Years 7 to 10, option subjects in Year 11 and a subject careers week in the sixth form.',
	'bm5-employer-encounter-each-year':
		'Employer talks in tutor time for every year group, enterprise days, mock interviews and mentoring for Pupil Premium pupils in Year 10.',
	'bm6-workplace-by-16':
		'Year 8 workplace visits, the Year 9 geography site visit and the Year 10 work experience week.',
	'bm6-workplace-by-18': 'The Year 13 industry insight day and the Year 12 placement week in the summer term.',
	'bm7-provider-range-by-16':
		'Universities, colleges and apprenticeship providers from Year 8; sixth forms in Years 10 and 11.',
	'bm7-he-visits-by-18': 'The Year 8 campus visit, the Year 12 open day and the Year 13 taster day.',
	'bm8-guidance-by-16': 'Year 11 interviews with the Level 6 adviser; meetings with the Level 4 adviser do not count.',
	'bm8-guidance-by-18': 'Year 13 interviews in the autumn and Year 12 small groups in the summer.'
};

/** Share met, whole percent down (as the pre-fill shows it), or null with nobody eligible. */
const share = (c: StatusCounts) => (c.eligible === 0 ? null : Math.floor((100 * c.met) / c.eligible));

/** What the careers leader added from the equity lens: Pupil Premium pupils 10 or more points behind. */
function equityNote(counts: { pupilPremium: StatusCounts; others: StatusCounts }): string {
	const pp = share(counts.pupilPremium);
	const others = share(counts.others);
	if (pp === null || others === null || others - pp < 10) return '';
	return ` Pupil Premium pupils are behind: ${pp}% met it, against ${others}% of other pupils; more mentoring places are planned.`;
}

/**
 * Where the careers leader judges differently from the pre-fill at the second snapshot, and why: when
 * nearly every pupil has met a rule, the few who have not joined late or were long absent.
 */
const OVERRIDES: Partial<Record<RuleId, { status: EvaluationAnswer; atLeast: number; reason: string }>> = {
	'bm2-lmi-each-key-stage': {
		status: 'achieved',
		atLeast: 95,
		reason:
			'Nearly every pupil has met it: those not yet counted joined recently or were on long-term absence, and each has a catch-up lesson booked.'
	}
};

function criterionAnswers(
	framework: ReturnType<typeof resolveFramework>,
	which: 0 | 1,
	coverage: DemoCoverage,
	threshold: number,
	asOf: string
): DemoEvaluationCriterion[] {
	const rows: DemoEvaluationCriterion[] = [];
	for (const benchmark of framework.benchmarks) {
		for (const criterion of benchmark.criteria) {
			const id = criterion.id;
			if (criterion.level === 'pupil' && isRuleId(id)) {
				const counts = coverage.get(id) ?? { all: emptyCounts(), pupilPremium: emptyCounts(), others: emptyCounts() };
				const prefill = prefillFromCounts(counts.all, threshold, asOf);
				const candidate = which === 1 ? OVERRIDES[id] : undefined;
				const met = share(counts.all);
				const override =
					candidate && prefill.status === 'in-progress' && met !== null && met >= candidate.atLeast ? candidate : null;
				const fallback: EvaluationAnswer = 'in-progress';
				rows.push({
					criterionId: id,
					prefillStatus: prefill.status,
					prefillBasis: prefill.basis,
					status: override?.status ?? prefill.status ?? fallback,
					evidence: `${prefill.basis} ${PUPIL_NOTES[id] ?? ''}${equityNote(counts)}`.trim(),
					reason: override?.reason ?? null
				});
				continue;
			}
			const plan = PLANS[id];
			const chosen = plan ? plan[which] : answer('in-progress', 'Reviewed by the careers leader.');
			rows.push({
				criterionId: id,
				prefillStatus: null,
				prefillBasis: null,
				status: chosen.status,
				evidence: chosen.evidence,
				reason: null
			});
		}
	}
	return rows;
}

/** The first school day (Monday to Friday) on or after a date. */
function weekdayOnOrAfter(iso: string): string {
	let day = iso;
	while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
	return day;
}

/**
 * Riverside's two submitted evaluations, at the two latest snapshots before `data.today`, oldest first.
 * Each was started two weeks before its snapshot and submitted a few days after it (never after today),
 * with the figures as of the snapshot date.
 */
export function generateDemoEvaluations(
	data: DemoData,
	encounters: DemoEncounters,
	settings: DemoEvaluationSettings
): DemoEvaluation[] {
	const later = previousSnapshot(data.today);
	const earlier = previousSnapshot(later.date);
	return ([earlier, later] as Snapshot[]).map((snapshot, n) => {
		const framework = resolveFramework(snapshot.academicYear);
		// Only the rules a criterion is pre-filled from (the statutory duties are not criteria).
		const ruleIds = framework.benchmarks.flatMap((b) => b.criteria.map((c) => c.id).filter(isRuleId));
		const coverage = demoCoverage(data, encounters, snapshot.date, framework.id, settings, ruleIds);
		const submitted = weekdayOnOrAfter(addDays(snapshot.date, 3));
		return {
			school: 'riverside',
			academicYear: snapshot.academicYear,
			snapshotDate: snapshot.date,
			frameworkId: framework.id,
			threshold: settings.evaluationThreshold,
			figuresAsOf: snapshot.date,
			createdOn: addDays(snapshot.date, -14),
			submittedOn: submitted < data.today ? submitted : data.today,
			byEmail: LEADER,
			criteria: criterionAnswers(framework, n === 0 ? 0 : 1, coverage, settings.evaluationThreshold, snapshot.date)
		};
	});
}

/** Writes the evaluations in the caller's transaction (createDemo's). */
export async function writeDemoEvaluations(
	tx: Tx,
	rows: readonly DemoEvaluation[],
	schoolIds: Record<'riverside', string>,
	userIds: ReadonlyMap<string, string>
): Promise<void> {
	for (const e of rows) {
		const by = userIds.get(e.byEmail);
		if (!by) throw new Error(`The demo has no account ${e.byEmail}`);
		const id = randomUUID();
		const submittedAt = new Date(`${e.submittedOn}T15:30:00Z`);
		await tx.insert(evaluations).values({
			id,
			schoolId: schoolIds[e.school],
			academicYear: e.academicYear,
			snapshotDate: e.snapshotDate,
			frameworkId: e.frameworkId,
			threshold: e.threshold,
			figuresAsOf: e.figuresAsOf,
			status: 'submitted',
			createdBy: by,
			createdAt: new Date(`${e.createdOn}T16:00:00Z`),
			submittedBy: by,
			submittedAt
		});
		await tx.insert(evaluationCriteria).values(
			e.criteria.map((c) => ({
				evaluationId: id,
				criterionId: c.criterionId,
				prefillStatus: c.prefillStatus,
				prefillBasis: c.prefillBasis,
				status: c.status,
				evidence: c.evidence,
				reason: c.reason,
				updatedBy: by,
				updatedAt: submittedAt
			}))
		);
	}
}
