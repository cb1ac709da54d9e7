import { describe, expect, it } from 'vitest';
import { academicYearStart } from './academic-year.ts';
import type { ActivityType } from './activities.ts';
import type { FrameworkId } from './benchmarks.ts';
import {
	addStatus,
	COMPLIANCE_RULES,
	COMPLIANCE_STATUS_LABELS,
	COMPLIANCE_STATUSES,
	complianceRule,
	countStatuses,
	emptyCounts,
	evaluatePupil,
	evaluateRule,
	isRuleId,
	percentMet,
	quantity,
	RULE_IDS,
	rulesFor,
	WORKPLACE_EXPERIENCES_BY_16,
	type ActivityFact,
	type ComplianceContext,
	type ComplianceStatus,
	type GuidanceFact,
	type PupilFacts,
	type PupilHistory,
	type RuleId,
	type RuleResult,
	mayTouchJudgement
} from './compliance.ts';

// ── Fact builders ───────────────────────────────────────────────────────────────────────────────────
//
// Unless a test says otherwise the pupil is in the cohort that started Year 7 in September 2023:
// Year 7 in 2023/24, Year 8 2024/25, Year 9 2025/26, Year 10 2026/27, Year 11 2027/28, Year 12
// 2028/29, Year 13 2029/30 (so provider access phase 3 closes on 28 February 2030). The school day runs 08:40–15:20 and "at risk" means closing within 12 weeks.

const SCHOOL_DAY = { schoolDayStarts: '08:40', schoolDayEnds: '15:20' };

function pupil(over: Partial<PupilFacts> = {}): PupilFacts {
	return {
		id: 'pupil-1',
		enteredYear7: 2023,
		admissionDate: null,
		leavingDate: null,
		consideringHe: false,
		intendsHe: false,
		...over
	};
}

/** A delivered activity that passes every test unless told otherwise: meaningful, in the school day, all four provider access elements. */
function activity(ref: string, type: ActivityType, date: string, over: Partial<ActivityFact> = {}): ActivityFact {
	return {
		id: `id-${ref}`,
		ref,
		title: ref,
		type,
		date,
		endDate: null,
		startTime: '10:00:00',
		endTime: '11:00:00',
		providerType: null,
		benchmarks: [],
		yearGroups: [],
		purposeShared: true,
		outcomesSet: true,
		twoWayInteraction: true,
		reflection: true,
		employerSetTask: true,
		employerFeedback: true,
		days: null,
		palProviderInfo: true,
		palCareersInfo: true,
		palLearningInfo: true,
		palQuestionsAnswered: true,
		adviserLevel: null,
		...over
	};
}

function meeting(
	id: string,
	date: string,
	adviserLevel: number | null,
	status: GuidanceFact['status'] = 'held'
): GuidanceFact {
	return { id, date, adviserName: 'Sam Adviser', adviserLevel, status };
}

function history(had: Partial<PupilHistory> = {}): PupilHistory {
	return { attended: [], absent: [], guidance: [], ...had };
}

function context(asOf: string, over: Partial<ComplianceContext> = {}): ComplianceContext {
	return {
		framework: 'gatsby-2024',
		academicYear: academicYearStart(asOf),
		asOf,
		schoolDay: SCHOOL_DAY,
		atRiskWeeks: 12,
		workplaceExperiencesBy16: null,
		schoolActivities: [],
		...over
	};
}

/** What a careers leader reads: the status, the sentence, what counted and what did not and why. */
function shown(r: RuleResult) {
	return {
		status: r.status,
		reason: r.reason,
		counted: r.counted.map((e) => e.title),
		notCounted: r.notCounted.map((e) => [e.title, e.why])
	};
}

// ── Every rule, every status ────────────────────────────────────────────────────────────────────────

type StatusCase = {
	asOf: string;
	pupil?: Partial<PupilFacts>;
	had?: Partial<PupilHistory>;
	ctx?: Partial<ComplianceContext>;
	reason: string;
	counted?: string[];
	notCounted?: [string, string][];
};
type RuleTable = {
	rule: RuleId;
	framework: FrameworkId;
	pupil?: Partial<PupilFacts>;
	cases: Record<ComplianceStatus, StatusCase>;
};

const lmiY9 = activity('LMI-Y9', 'lmi', '2026-03-02');
const curY8 = activity('CUR-Y8', 'curriculum-link', '2025-06-02');
const wexY8 = activity('WEX-Y8', 'workplace-experience', '2025-06-10');
const feTaster = activity('FE-TASTER', 'fe-encounter', '2026-06-24');
const sixthFormOpenDay = activity('SF-OPEN-DAY', 'other', '2026-11-04', {
	providerType: 'sixth-form',
	benchmarks: [7]
});
const uniVisit = activity('UNI-VISIT', 'he-encounter', '2027-03-10');
const apprenticeshipFair = activity('APP-FAIR', 'training-provider-encounter', '2027-10-06', { providerType: 'itp' });
const palY8 = activity('PAL-Y8', 'provider-access', '2024-11-05');
const palY10 = activity('PAL-Y10', 'provider-access', '2026-11-04');
const palInvited = activity('PAL-INVITED', 'provider-access', '2028-10-11');
const wexDays = activity('WEX-DAYS', 'workplace-experience', '2025-07-07', { days: 3 });

const TABLE: RuleTable[] = [
	{
		rule: 'bm2-lmi-by-14',
		framework: 'gatsby-2014',
		cases: {
			met: {
				asOf: '2025-11-10',
				had: {
					attended: [
						activity('LMI-Y7', 'lmi', '2024-03-05'),
						activity('TAGGED-BM2', 'other', '2025-10-01', { benchmarks: [2] })
					]
				},
				reason: 'Met: 2 activities (1 needed), Year 7 to the end of Year 9.',
				counted: ['LMI-Y7', 'TAGGED-BM2']
			},
			'on-track': {
				asOf: '2024-11-11',
				reason: 'On track: 0 activities (1 needed) so far; this closes on 31 August 2026.'
			},
			'at-risk': {
				asOf: '2026-07-01',
				had: { absent: [activity('LMI-ABSENT', 'lmi', '2026-05-12')] },
				reason:
					'At risk: 0 activities (1 needed) so far, and this closes in 8 weeks, on 31 August 2026. Not counted: absent.',
				notCounted: [['LMI-ABSENT', 'absent']]
			},
			missed: {
				asOf: '2026-09-15',
				// In Year 10: after the window, and after the end of the year it closed in, so not even listed.
				had: { attended: [activity('LMI-Y10', 'lmi', '2026-09-10')] },
				reason: 'Missed: 0 activities (1 needed) when this closed on 31 August 2026.'
			},
			'not-applicable': {
				asOf: '2026-10-01',
				pupil: { admissionDate: '2026-09-03' },
				reason: 'Not applicable: joined on 3 September 2026, after this closed on 31 August 2026.'
			}
		}
	},
	{
		rule: 'bm2-lmi-each-key-stage',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2026-10-01',
				had: { attended: [lmiY9, activity('LMI-Y10', 'lmi', '2026-09-21')] },
				reason: 'Met: 1 activity (1 needed), Key stage 4 (Years 10–11).',
				counted: ['LMI-Y10']
			},
			'on-track': {
				asOf: '2026-10-01',
				had: { attended: [lmiY9] },
				reason: 'On track: 0 activities (1 needed) so far; this closes on 31 August 2028.'
			},
			'at-risk': {
				asOf: '2028-07-01',
				had: { attended: [lmiY9] },
				reason: 'At risk: 0 activities (1 needed) so far, and this closes in 8 weeks, on 31 August 2028.'
			},
			missed: {
				asOf: '2026-08-31',
				reason: 'Missed: 0 activities (1 needed) when this closed on 31 August 2026.'
			},
			'not-applicable': {
				asOf: '2026-03-02',
				pupil: { leavingDate: '2026-01-09' },
				had: { attended: [activity('LMI-AFTER-LEAVING', 'lmi', '2026-02-10')] },
				reason:
					'Not applicable: left on 9 January 2026, before this closed on 31 August 2026; 0 activities of 1 by then.',
				notCounted: [['LMI-AFTER-LEAVING', 'after the pupil left on 9 January 2026']]
			}
		}
	},
	{
		rule: 'bm4-curriculum-careers-each-year',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2025-11-10',
				had: { attended: [curY8, activity('CUR-Y9', 'curriculum-link', '2025-10-06')] },
				reason: 'Met: 1 activity (1 needed), this academic year (Year 9).',
				counted: ['CUR-Y9']
			},
			'on-track': {
				asOf: '2025-11-10',
				had: { attended: [curY8] },
				reason: 'On track: 0 activities (1 needed) so far; this closes on 31 August 2026.'
			},
			'at-risk': {
				asOf: '2026-07-01',
				had: { attended: [curY8] },
				reason: 'At risk: 0 activities (1 needed) so far, and this closes in 8 weeks, on 31 August 2026.'
			},
			missed: {
				asOf: '2026-08-31',
				reason: 'Missed: 0 activities (1 needed) when this closed on 31 August 2026.'
			},
			'not-applicable': {
				asOf: '2025-11-10',
				pupil: { enteredYear7: 2026 },
				reason: 'Not applicable: applies from Year 7.'
			}
		}
	},
	{
		rule: 'bm5-employer-encounter-each-year',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2025-11-10',
				had: { attended: [activity('EMP-MENTORING', 'employer-encounter', '2025-10-08')] },
				reason: 'Met: 1 encounter (1 needed), this academic year (Year 9).',
				counted: ['EMP-MENTORING']
			},
			'on-track': {
				asOf: '2025-11-10',
				had: { attended: [activity('EMP-TALK', 'employer-encounter', '2025-10-08', { reflection: false })] },
				reason:
					'On track: 0 encounters (1 needed) so far; this closes on 31 August 2026. Not counted: not meaningful: no reflection afterwards.',
				notCounted: [['EMP-TALK', 'not meaningful: no reflection afterwards']]
			},
			'at-risk': {
				asOf: '2026-07-01',
				had: { absent: [activity('EMP-FAIR', 'employer-encounter', '2026-06-17')] },
				reason:
					'At risk: 0 encounters (1 needed) so far, and this closes in 8 weeks, on 31 August 2026. Not counted: absent.',
				notCounted: [['EMP-FAIR', 'absent']]
			},
			missed: {
				asOf: '2026-08-31',
				reason: 'Missed: 0 encounters (1 needed) when this closed on 31 August 2026.'
			},
			'not-applicable': {
				asOf: '2026-01-05',
				pupil: { leavingDate: '2025-12-19' },
				reason:
					'Not applicable: left on 19 December 2025, before this closed on 31 August 2026; 0 encounters of 1 by then.'
			}
		}
	},
	{
		rule: 'bm6-workplace-by-16',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2026-07-01',
				had: { attended: [wexY8, activity('WEX-Y9', 'workplace-experience', '2026-06-10')] },
				reason: 'Met: 2 workplace experiences (2 needed), Year 7 to the end of Year 11.',
				counted: ['WEX-Y8', 'WEX-Y9']
			},
			'on-track': {
				asOf: '2026-07-01',
				had: { attended: [wexY8] },
				reason: 'On track: 1 workplace experience (2 needed) so far; this closes on 31 August 2028.',
				counted: ['WEX-Y8']
			},
			'at-risk': {
				asOf: '2028-07-01',
				had: {
					attended: [
						wexY8,
						activity('WEX-SHADOWING', 'workplace-experience', '2028-03-08', { employerFeedback: false })
					]
				},
				reason:
					'At risk: 1 workplace experience (2 needed) so far, and this closes in 8 weeks, on 31 August 2028. Not counted: not meaningful: no feedback from the employer.',
				counted: ['WEX-Y8'],
				notCounted: [['WEX-SHADOWING', 'not meaningful: no feedback from the employer']]
			},
			missed: {
				asOf: '2028-09-01',
				had: { attended: [wexY8] },
				reason: 'Missed: 1 workplace experience (2 needed) when this closed on 31 August 2028.',
				counted: ['WEX-Y8']
			},
			'not-applicable': {
				asOf: '2025-11-10',
				pupil: { enteredYear7: 2026 },
				reason: 'Not applicable: opens on 1 September 2026 (Year 7 to the end of Year 11).'
			}
		}
	},
	{
		rule: 'bm6-workplace-by-18',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2028-11-10',
				had: {
					attended: [
						activity('WEX-Y11', 'workplace-experience', '2028-06-07'),
						activity('WEX-Y12', 'workplace-experience', '2028-10-18')
					]
				},
				reason: 'Met: 1 workplace experience (1 needed), Years 12 and 13.',
				counted: ['WEX-Y12']
			},
			'on-track': {
				asOf: '2028-11-10',
				had: { attended: [activity('WEX-Y11', 'workplace-experience', '2028-06-07')] },
				reason: 'On track: 0 workplace experiences (1 needed) so far; this closes on 31 August 2030.'
			},
			'at-risk': {
				asOf: '2030-07-01',
				reason: 'At risk: 0 workplace experiences (1 needed) so far, and this closes in 8 weeks, on 31 August 2030.'
			},
			missed: {
				asOf: '2030-08-31',
				reason: 'Missed: 0 workplace experiences (1 needed) when this closed on 31 August 2030.'
			},
			'not-applicable': {
				asOf: '2025-11-10',
				reason: 'Not applicable: opens on 1 September 2028 (Years 12 and 13).'
			}
		}
	},
	{
		rule: 'bm7-provider-range-by-16',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2027-11-10',
				had: { attended: [apprenticeshipFair, uniVisit, sixthFormOpenDay, feTaster] },
				reason: 'Met: 4 kinds of provider (4 needed), Year 7 to the end of Year 11.',
				counted: ['FE-TASTER', 'SF-OPEN-DAY', 'UNI-VISIT', 'APP-FAIR']
			},
			'on-track': {
				asOf: '2026-11-10',
				had: { attended: [feTaster, sixthFormOpenDay] },
				reason:
					'On track: 2 kinds of provider (4 needed) so far; this closes on 31 August 2028. Still to meet: a university or higher education provider; an apprenticeship or independent training provider.',
				counted: ['FE-TASTER', 'SF-OPEN-DAY']
			},
			'at-risk': {
				asOf: '2028-07-01',
				had: { attended: [feTaster, sixthFormOpenDay, uniVisit] },
				reason:
					'At risk: 3 kinds of provider (4 needed) so far, and this closes in 8 weeks, on 31 August 2028. Still to meet: an apprenticeship or independent training provider.',
				counted: ['FE-TASTER', 'SF-OPEN-DAY', 'UNI-VISIT']
			},
			missed: {
				asOf: '2028-08-31',
				had: { attended: [feTaster, sixthFormOpenDay, uniVisit] },
				reason:
					'Missed: 3 kinds of provider (4 needed) when this closed on 31 August 2028. Still to meet: an apprenticeship or independent training provider.',
				counted: ['FE-TASTER', 'SF-OPEN-DAY', 'UNI-VISIT']
			},
			'not-applicable': {
				asOf: '2028-10-02',
				pupil: { admissionDate: '2028-09-04' },
				reason: 'Not applicable: joined on 4 September 2028, after this closed on 31 August 2028.'
			}
		}
	},
	{
		rule: 'bm7-he-visits-by-18',
		framework: 'gatsby-2024',
		pupil: { consideringHe: true },
		cases: {
			met: {
				asOf: '2027-11-10',
				had: {
					attended: [
						activity('UNI-1', 'he-encounter', '2026-03-11'),
						activity('UNI-2', 'other', '2027-06-16', { providerType: 'he-provider' })
					]
				},
				reason: 'Met: 2 university visits (2 needed), Year 7 to the end of Year 13.',
				counted: ['UNI-1', 'UNI-2']
			},
			'on-track': {
				asOf: '2027-11-10',
				had: { attended: [activity('UNI-1', 'he-encounter', '2026-03-11')] },
				reason: 'On track: 1 university visit (2 needed) so far; this closes on 31 August 2030.',
				counted: ['UNI-1']
			},
			'at-risk': {
				asOf: '2030-07-01',
				had: { attended: [activity('UNI-1', 'he-encounter', '2026-03-11')] },
				reason: 'At risk: 1 university visit (2 needed) so far, and this closes in 8 weeks, on 31 August 2030.',
				counted: ['UNI-1']
			},
			missed: {
				asOf: '2030-08-31',
				had: { attended: [activity('UNI-1', 'he-encounter', '2026-03-11')] },
				reason: 'Missed: 1 university visit (2 needed) when this closed on 31 August 2030.',
				counted: ['UNI-1']
			},
			'not-applicable': {
				asOf: '2027-11-10',
				pupil: { consideringHe: false },
				had: { attended: [activity('UNI-1', 'he-encounter', '2026-03-11')] },
				reason: 'Not applicable: not recorded as considering higher education.'
			}
		}
	},
	{
		rule: 'bm8-guidance-by-16',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2027-11-10',
				had: { guidance: [meeting('G-HELD', '2027-03-01', 6)] },
				reason: 'Met: 1 guidance meeting (1 needed), Year 7 to the end of Year 11.',
				counted: ['Guidance meeting with Sam Adviser']
			},
			'on-track': {
				asOf: '2026-11-10',
				had: { guidance: [meeting('G-LEVEL-4', '2026-10-14', 4)] },
				reason:
					'On track: 0 guidance meetings (1 needed) so far; this closes on 31 August 2028. Not counted: Sam Adviser is at Level 4, below Level 6.',
				notCounted: [['Guidance meeting with Sam Adviser', 'Sam Adviser is at Level 4, below Level 6']]
			},
			'at-risk': {
				asOf: '2028-07-01',
				had: { guidance: [meeting('G-BOOKED', '2028-06-20', 6, 'booked')] },
				reason:
					'At risk: 0 guidance meetings (1 needed) so far, and this closes in 8 weeks, on 31 August 2028. Not counted: booked, not yet held.',
				notCounted: [['Guidance meeting with Sam Adviser', 'booked, not yet held']]
			},
			missed: {
				asOf: '2028-08-31',
				reason: 'Missed: 0 guidance meetings (1 needed) when this closed on 31 August 2028.'
			},
			'not-applicable': {
				asOf: '2027-11-10',
				pupil: { leavingDate: '2027-03-01' },
				reason:
					'Not applicable: left on 1 March 2027, before this closed on 31 August 2028; 0 guidance meetings of 1 by then.'
			}
		}
	},
	{
		rule: 'bm8-guidance-by-18',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2029-11-12',
				had: { attended: [activity('GROUP-GUIDANCE', 'guidance', '2029-10-03', { adviserLevel: 7 })] },
				reason: 'Met: 1 guidance meeting (1 needed), Years 12 and 13.',
				counted: ['GROUP-GUIDANCE']
			},
			'on-track': {
				asOf: '2028-11-10',
				had: { attended: [activity('GROUP-UNKNOWN-LEVEL', 'guidance', '2028-10-04')] },
				reason:
					'On track: 0 guidance meetings (1 needed) so far; this closes on 31 August 2030. Not counted: the adviser’s qualification level is not recorded.',
				notCounted: [['GROUP-UNKNOWN-LEVEL', 'the adviser’s qualification level is not recorded']]
			},
			'at-risk': {
				asOf: '2030-07-01',
				reason: 'At risk: 0 guidance meetings (1 needed) so far, and this closes in 8 weeks, on 31 August 2030.'
			},
			missed: {
				asOf: '2030-08-31',
				reason: 'Missed: 0 guidance meetings (1 needed) when this closed on 31 August 2030.'
			},
			'not-applicable': {
				asOf: '2027-11-10',
				reason: 'Not applicable: opens on 1 September 2028 (Years 12 and 13).'
			}
		}
	},
	{
		rule: 'pal-phase-1',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2026-01-15',
				had: { attended: [palY8, activity('PAL-Y8-SUMMER', 'provider-access', '2025-06-10')] },
				reason: 'Met: 2 provider encounters (2 needed), phase 1: 1 September of Year 8 to 28 February of Year 9.',
				counted: ['PAL-Y8', 'PAL-Y8-SUMMER']
			},
			'on-track': {
				asOf: '2025-03-03',
				had: { attended: [palY8] },
				reason: 'On track: 1 provider encounter (2 needed) so far; this closes on 28 February 2026.',
				counted: ['PAL-Y8']
			},
			'at-risk': {
				asOf: '2026-01-15',
				had: { attended: [palY8] },
				reason: 'At risk: 1 provider encounter (2 needed) so far, and this closes in 6 weeks, on 28 February 2026.',
				counted: ['PAL-Y8']
			},
			missed: {
				asOf: '2026-03-02',
				had: { attended: [palY8] },
				reason: 'Missed: 1 provider encounter (2 needed) when this closed on 28 February 2026.',
				counted: ['PAL-Y8']
			},
			'not-applicable': {
				asOf: '2023-11-10',
				reason: 'Not applicable: opens on 1 September 2024 (phase 1: 1 September of Year 8 to 28 February of Year 9).'
			}
		}
	},
	{
		rule: 'pal-phase-2',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2027-11-10',
				had: { attended: [palY10, activity('PAL-Y11', 'provider-access', '2027-10-13')] },
				reason: 'Met: 2 provider encounters (2 needed), phase 2: 1 September of Year 10 to 28 February of Year 11.',
				counted: ['PAL-Y10', 'PAL-Y11']
			},
			'on-track': {
				asOf: '2026-11-10',
				had: {
					attended: [
						palY10,
						activity('PAL-EVENING', 'provider-access', '2026-10-21', { startTime: '18:00:00', endTime: '19:30:00' })
					]
				},
				reason:
					'On track: 1 provider encounter (2 needed) so far; this closes on 28 February 2028. Not counted: outside the school day (18:00–19:30; the school day is 08:40–15:20).',
				counted: ['PAL-Y10'],
				notCounted: [['PAL-EVENING', 'outside the school day (18:00–19:30; the school day is 08:40–15:20)']]
			},
			'at-risk': {
				asOf: '2028-01-10',
				had: { attended: [palY10] },
				reason: 'At risk: 1 provider encounter (2 needed) so far, and this closes in 7 weeks, on 28 February 2028.',
				counted: ['PAL-Y10']
			},
			missed: {
				asOf: '2028-02-28',
				had: { attended: [palY10] },
				reason: 'Missed: 1 provider encounter (2 needed) when this closed on 28 February 2028.',
				counted: ['PAL-Y10']
			},
			'not-applicable': {
				asOf: '2025-11-10',
				reason: 'Not applicable: opens on 1 September 2026 (phase 2: 1 September of Year 10 to 28 February of Year 11).'
			}
		}
	},
	{
		rule: 'pal-phase-3',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2029-01-10',
				had: { absent: [palInvited] },
				ctx: {
					schoolActivities: [palInvited, activity('PAL-Y12', 'provider-access', '2028-11-15', { yearGroups: [12] })]
				},
				reason:
					'Met: 2 provider encounters offered (2 needed), phase 3: 1 September of Year 12 to 28 February of Year 13.',
				counted: ['PAL-INVITED', 'PAL-Y12 (offered to the year group)']
			},
			'on-track': {
				asOf: '2028-11-10',
				had: { absent: [palInvited] },
				reason: 'On track: 1 provider encounter offered (2 needed) so far; this closes on 28 February 2030.',
				counted: ['PAL-INVITED']
			},
			'at-risk': {
				asOf: '2030-01-10',
				had: { absent: [palInvited] },
				reason:
					'At risk: 1 provider encounter offered (2 needed) so far, and this closes in 7 weeks, on 28 February 2030.',
				counted: ['PAL-INVITED']
			},
			missed: {
				asOf: '2030-03-01',
				had: { absent: [palInvited] },
				reason: 'Missed: 1 provider encounter offered (2 needed) when this closed on 28 February 2030.',
				counted: ['PAL-INVITED']
			},
			'not-applicable': {
				asOf: '2027-11-10',
				reason: 'Not applicable: opens on 1 September 2028 (phase 3: 1 September of Year 12 to 28 February of Year 13).'
			}
		}
	},
	{
		rule: 'work-experience-ks3',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2026-07-01',
				had: {
					attended: [wexDays, activity('WEX-DATES', 'workplace-experience', '2026-06-15', { endDate: '2026-06-16' })]
				},
				reason: 'Met: 5 days (5 needed), Year 7 to the end of Year 9.',
				counted: ['WEX-DAYS (3 days)', 'WEX-DATES (2 days counted from its dates)']
			},
			'on-track': {
				asOf: '2025-11-10',
				had: { attended: [wexDays] },
				reason: 'On track: 3 days (5 needed) so far; this closes on 31 August 2026.',
				counted: ['WEX-DAYS (3 days)']
			},
			'at-risk': {
				asOf: '2026-07-01',
				had: { attended: [activity('WEX-HALF-DAYS', 'workplace-experience', '2026-03-04', { days: 4.5 })] },
				reason: 'At risk: 4.5 days (5 needed) so far, and this closes in 8 weeks, on 31 August 2026.',
				counted: ['WEX-HALF-DAYS (4.5 days)']
			},
			missed: {
				asOf: '2026-08-31',
				had: { attended: [wexDays] },
				reason: 'Missed: 3 days (5 needed) when this closed on 31 August 2026.',
				counted: ['WEX-DAYS (3 days)']
			},
			'not-applicable': {
				asOf: '2026-10-01',
				pupil: { admissionDate: '2026-09-03' },
				reason: 'Not applicable: joined on 3 September 2026, after this closed on 31 August 2026.'
			}
		}
	},
	{
		rule: 'work-experience-ks4',
		framework: 'gatsby-2024',
		cases: {
			met: {
				asOf: '2027-11-10',
				had: {
					attended: [activity('PLACEMENT', 'workplace-experience', '2027-07-05', { endDate: '2027-07-09' })]
				},
				reason: 'Met: 5 days (5 needed), Years 10 and 11.',
				counted: ['PLACEMENT (5 days counted from its dates)']
			},
			'on-track': {
				asOf: '2026-11-10',
				reason: 'On track: 0 days (5 needed) so far; this closes on 31 August 2028.'
			},
			'at-risk': {
				asOf: '2028-07-01',
				had: { attended: [activity('PLACEMENT-3', 'workplace-experience', '2028-06-12', { days: 3 })] },
				reason: 'At risk: 3 days (5 needed) so far, and this closes in 8 weeks, on 31 August 2028.',
				counted: ['PLACEMENT-3 (3 days)']
			},
			missed: {
				asOf: '2028-09-01',
				reason: 'Missed: 0 days (5 needed) when this closed on 31 August 2028.'
			},
			'not-applicable': {
				asOf: '2025-11-10',
				reason: 'Not applicable: opens on 1 September 2026 (Years 10 and 11).'
			}
		}
	}
];

describe('every rule and every status', () => {
	it('the table covers every rule id exactly once', () => {
		expect(TABLE.map((t) => t.rule).sort()).toEqual([...RULE_IDS].sort());
	});

	describe.each(TABLE)('$rule', ({ rule, framework, pupil: pupilOver, cases }) => {
		it.each(COMPLIANCE_STATUSES.map((status) => [status, cases[status]] as const))('%s', (status, c) => {
			const result = evaluateRule(
				rule,
				pupil({ ...pupilOver, ...c.pupil }),
				history(c.had),
				context(c.asOf, { framework, ...c.ctx })
			);
			expect(shown(result)).toEqual({
				status,
				reason: c.reason,
				counted: c.counted ?? [],
				notCounted: c.notCounted ?? []
			});
			expect(result.ruleId).toBe(rule);
			expect(result.needed).toBeGreaterThan(0);
			// The dashboards' fast path (no reasons) must reach the same status and tally.
			const quick = evaluateRule(
				rule,
				pupil({ ...pupilOver, ...c.pupil }),
				history(c.had),
				context(c.asOf, { framework, ...c.ctx }),
				false
			);
			expect([quick.status, quick.have, quick.reason, quick.counted]).toEqual([status, result.have, '', []]);
		});
	});
});

// ── The cases the issue names ───────────────────────────────────────────────────────────────────────

describe('provider access in the school day', () => {
	const atTheEnd = activity('PAL-LATE', 'provider-access', '2025-01-15', {
		startTime: '14:00:00',
		endTime: '15:45:00'
	});
	const inTheDay = activity('PAL-MORNING', 'provider-access', '2025-01-22', {
		startTime: '09:00:00',
		endTime: '10:30:00'
	});

	it('an encounter 14:00–15:45 when the school day ends at 15:20 does not count, and the reason says outside the school day', () => {
		const result = evaluateRule(
			'pal-phase-1',
			pupil(),
			history({ attended: [atTheEnd, inTheDay] }),
			context('2025-03-03')
		);
		expect(shown(result)).toEqual({
			status: 'on-track',
			reason:
				'On track: 1 provider encounter (2 needed) so far; this closes on 28 February 2026. Not counted: outside the school day (14:00–15:45; the school day is 08:40–15:20).',
			counted: ['PAL-MORNING'],
			notCounted: [['PAL-LATE', 'outside the school day (14:00–15:45; the school day is 08:40–15:20)']]
		});
	});

	it('the same encounter ending at 15:20 counts', () => {
		const onTheBell = { ...atTheEnd, id: 'id-PAL-BELL', ref: 'PAL-BELL', title: 'PAL-BELL', endTime: '15:20:00' };
		const result = evaluateRule(
			'pal-phase-1',
			pupil(),
			history({ attended: [onTheBell, inTheDay] }),
			context('2025-03-03')
		);
		expect(result.status).toBe('met');
		expect(result.counted.map((e) => e.ref)).toEqual(['PAL-BELL', 'PAL-MORNING']);
	});

	it.each([
		[
			'no times recorded',
			{ startTime: null, endTime: null },
			'no times recorded, so not shown to be in the school day'
		],
		[
			'before the school day starts',
			{ startTime: '08:00:00', endTime: '09:00:00' },
			'outside the school day (08:00–09:00; the school day is 08:40–15:20)'
		],
		[
			'a start time only, after the day ends',
			{ startTime: '16:00:00', endTime: null },
			'outside the school day (16:00; the school day is 08:40–15:20)'
		],
		['no careers information', { palCareersInfo: false }, 'content missing: the careers they lead to'],
		[
			'no learning information and no questions',
			{ palLearningInfo: false, palQuestionsAnswered: false },
			'content missing: what learning there is like, answers to pupils’ questions'
		],
		['nothing about the provider', { palProviderInfo: false }, 'content missing: the provider and its courses']
	] as const)('%s: not counted, and says why', (_label, over, why) => {
		const flawed = activity('PAL-FLAWED', 'provider-access', '2025-01-15', over);
		const result = evaluateRule('pal-phase-1', pupil(), history({ attended: [flawed] }), context('2025-03-03'));
		expect(result.status).toBe('on-track');
		expect(result.counted).toEqual([]);
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([['PAL-FLAWED', why]]);
		expect(result.reason).toContain(`Not counted: ${why}.`);
	});
});

describe('provider access phase 1 closes on 28 February of Year 9', () => {
	// Cohort that started Year 7 in 2021: Year 9 is 2023/24, a leap year (29 February 2024 exists).
	const cohort2021 = pupil({ enteredYear7: 2021 });
	const first = activity('PAL-Y8', 'provider-access', '2022-11-09');

	it('an encounter on 1 March of Year 9 is too late, and notCounted says so', () => {
		const late = activity('PAL-1-MARCH', 'provider-access', '2024-03-01');
		const result = evaluateRule('pal-phase-1', cohort2021, history({ attended: [first, late] }), context('2024-03-11'));
		expect(shown(result)).toEqual({
			status: 'missed',
			reason:
				'Missed: 1 provider encounter (2 needed) when this closed on 28 February 2024. Not counted: too late: after 28 February 2024, when this closed.',
			counted: ['PAL-Y8'],
			notCounted: [['PAL-1-MARCH', 'too late: after 28 February 2024, when this closed']]
		});
	});

	it('an encounter on 28 February of Year 9 counts', () => {
		const inTime = activity('PAL-28-FEB', 'provider-access', '2024-02-28');
		const result = evaluateRule(
			'pal-phase-1',
			cohort2021,
			history({ attended: [first, inTime] }),
			context('2024-03-11')
		);
		expect(shown(result)).toEqual({
			status: 'met',
			reason: 'Met: 2 provider encounters (2 needed), phase 1: 1 September of Year 8 to 28 February of Year 9.',
			counted: ['PAL-Y8', 'PAL-28-FEB'],
			notCounted: []
		});
	});

	it('29 February in a leap year is already after the 28 February the law names', () => {
		const leapDay = activity('PAL-29-FEB', 'provider-access', '2024-02-29');
		const result = evaluateRule(
			'pal-phase-1',
			cohort2021,
			history({ attended: [first, leapDay] }),
			context('2024-03-11')
		);
		expect(result.status).toBe('missed');
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([
			['PAL-29-FEB', 'too late: after 28 February 2024, when this closed']
		]);
	});

	it('a late encounter the pupil missed is not listed as too late', () => {
		const late = activity('PAL-1-MARCH', 'provider-access', '2024-03-01');
		const result = evaluateRule(
			'pal-phase-1',
			cohort2021,
			history({ attended: [first], absent: [late] }),
			context('2024-03-11')
		);
		expect(result.notCounted).toEqual([]);
	});
});

describe('Benchmark 8: the adviser’s level', () => {
	// A Year 11 pupil in the summer term, 11 weeks before the by-16 window closes.
	const asOf = '2028-06-15';
	it.each([
		[
			'adviser at Level 4: not met, and the reason names the level',
			meeting('G', '2028-03-01', 4),
			'at-risk',
			'Sam Adviser is at Level 4, below Level 6'
		],
		['adviser at Level 6: met', meeting('G', '2028-03-01', 6), 'met', null],
		['adviser at Level 7: met', meeting('G', '2028-03-01', 7), 'met', null],
		[
			'adviser’s level not recorded: not met',
			meeting('G', '2028-03-01', null),
			'at-risk',
			'Sam Adviser’s qualification level is not recorded'
		],
		[
			'a booked meeting, not yet held: not met',
			meeting('G', '2028-03-01', 6, 'booked'),
			'at-risk',
			'booked, not yet held'
		]
	] as const)('%s', (_label, m, status, why) => {
		const result = evaluateRule('bm8-guidance-by-16', pupil(), history({ guidance: [m] }), context(asOf));
		expect(result.status).toBe(status);
		if (why === null) {
			expect(result.reason).toBe('Met: 1 guidance meeting (1 needed), Year 7 to the end of Year 11.');
			expect(result.counted).toEqual([
				{ kind: 'guidance', id: 'G', ref: null, title: 'Guidance meeting with Sam Adviser', date: '2028-03-01' }
			]);
			expect(result.notCounted).toEqual([]);
		} else {
			expect(result.reason).toBe(
				`At risk: 0 guidance meetings (1 needed) so far, and this closes in 11 weeks, on 31 August 2028. Not counted: ${why}.`
			);
			expect(result.counted).toEqual([]);
			expect(result.notCounted.map((e) => [e.kind, e.id, e.why])).toEqual([['guidance', 'G', why]]);
		}
	});

	it('a group guidance session recorded as an activity at Level 4 does not count either', () => {
		const group = activity('GROUP', 'guidance', '2028-03-01', { adviserLevel: 4 });
		const result = evaluateRule('bm8-guidance-by-16', pupil(), history({ attended: [group] }), context(asOf));
		expect(result.status).toBe('at-risk');
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([['GROUP', 'adviser at Level 4, below Level 6']]);
		expect(result.reason).toContain('Not counted: adviser at Level 4, below Level 6.');
	});

	it('a Level 6 meeting in Year 12 meets the by-18 rule but not the by-16 one', () => {
		const y12 = history({ guidance: [meeting('G12', '2028-10-04', 6)] });
		expect(evaluateRule('bm8-guidance-by-16', pupil(), y12, context('2028-11-06')).status).toBe('missed');
		expect(evaluateRule('bm8-guidance-by-18', pupil(), y12, context('2028-11-06')).status).toBe('met');
	});
});

describe('Benchmark 5: meaningful employer encounters', () => {
	it.each([
		['no reflection', { reflection: false }, 'not meaningful: no reflection afterwards'],
		['no purpose shared', { purposeShared: false }, 'not meaningful: purpose not shared beforehand'],
		['no learning outcomes', { outcomesSet: false }, 'not meaningful: no learning outcomes'],
		['a talk with no two-way interaction', { twoWayInteraction: false }, 'not meaningful: no two-way interaction'],
		[
			'an assembly talk with no interaction and no reflection',
			{ twoWayInteraction: false, reflection: false },
			'not meaningful: no two-way interaction, no reflection afterwards'
		]
	] as const)(
		'a non-meaningful employer talk (%s) does not count, and the why names what is missing',
		(_l, over, why) => {
			const talk = activity('EMP-TALK', 'employer-encounter', '2025-10-08', over);
			const result = evaluateRule(
				'bm5-employer-encounter-each-year',
				pupil(),
				history({ attended: [talk] }),
				context('2025-11-10')
			);
			expect(shown(result)).toEqual({
				status: 'on-track',
				reason: `On track: 0 encounters (1 needed) so far; this closes on 31 August 2026. Not counted: ${why}.`,
				counted: [],
				notCounted: [['EMP-TALK', why]]
			});
		}
	);

	it('an employer encounter needs no task or feedback from the employer (those are for workplaces)', () => {
		const talk = activity('EMP-TALK', 'employer-encounter', '2025-10-08', {
			employerSetTask: false,
			employerFeedback: false
		});
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil(),
			history({ attended: [talk] }),
			context('2025-11-10')
		);
		expect(result.status).toBe('met');
	});

	it('an activity of another type tagged Benchmark 5 is judged the same way', () => {
		const enterprise = activity('ENTERPRISE', 'other', '2025-10-08', { benchmarks: [5], outcomesSet: false });
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil(),
			history({ attended: [enterprise] }),
			context('2025-11-10')
		);
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([
			['ENTERPRISE', 'not meaningful: no learning outcomes']
		]);
	});

	it('last year’s encounter does not count for this year', () => {
		const lastYear = activity('EMP-Y8', 'employer-encounter', '2025-07-02');
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil(),
			history({ attended: [lastYear] }),
			context('2025-09-15')
		);
		expect(result.status).toBe('on-track');
		expect(result.counted).toEqual([]);
		expect(result.window).toEqual({ opens: '2025-09-01', closes: '2026-08-31', label: 'this academic year (Year 9)' });
	});
});

describe('a pupil who joined in Year 10', () => {
	// Joined on 3 September 2026, the first week of Year 10; judged on 2 November 2026.
	const joiner = pupil({ admissionDate: '2026-09-03' });
	const ctx = context('2026-11-02');
	const results = new Map(evaluatePupil(joiner, history(), ctx).map((r) => [r.ruleId, r]));

	it.each([
		['pal-phase-1', 'Not applicable: joined on 3 September 2026, after this closed on 28 February 2026.'],
		['work-experience-ks3', 'Not applicable: joined on 3 September 2026, after this closed on 31 August 2026.']
	] as const)('%s is not applicable: joined after it closed', (rule, reason) => {
		expect(results.get(rule)?.status).toBe('not-applicable');
		expect(results.get(rule)?.reason).toBe(reason);
	});

	it('bm6-workplace-by-16 is still judged (the window is open)', () => {
		expect(results.get('bm6-workplace-by-16')?.status).toBe('on-track');
		expect(results.get('bm6-workplace-by-16')?.reason).toBe(
			'On track: 0 workplace experiences (2 needed) so far; this closes on 31 August 2028.'
		);
	});

	it('so are this year’s, this key stage’s and phase 2', () => {
		for (const rule of [
			'bm2-lmi-each-key-stage',
			'bm5-employer-encounter-each-year',
			'pal-phase-2',
			'work-experience-ks4'
		] as const)
			expect(results.get(rule)?.status, rule).toBe('on-track');
	});

	it('a year-group offer from before they joined is not theirs', () => {
		// Joined in Year 12 on 1 December 2028; a whole-Year-12 provider encounter was on 15 November.
		const sixthFormer = pupil({ admissionDate: '2028-12-01' });
		const offer = activity('PAL-Y12', 'provider-access', '2028-11-15', { yearGroups: [12] });
		const result = evaluateRule(
			'pal-phase-3',
			sixthFormer,
			history(),
			context('2028-12-10', { schoolActivities: [offer] })
		);
		expect(result.status).toBe('on-track');
		expect(result.counted).toEqual([]);
	});
});

describe('a leaver', () => {
	// Left on 12 February 2027, in Year 10. Judged as of 10 November 2027.
	const leaver = pupil({ leavingDate: '2027-02-12' });
	const asOf = context('2027-11-10');
	const before = activity('WEX-Y9', 'workplace-experience', '2026-06-10');
	const after = activity('WEX-AFTER', 'workplace-experience', '2027-03-03');

	it('is not applicable for a window still open when they left, with what they had by then', () => {
		const result = evaluateRule('bm6-workplace-by-16', leaver, history({ attended: [before, after] }), asOf);
		expect(shown(result)).toEqual({
			status: 'not-applicable',
			reason:
				'Not applicable: left on 12 February 2027, before this closed on 31 August 2028; 1 workplace experience of 2 by then.',
			counted: ['WEX-Y9'],
			notCounted: [['WEX-AFTER', 'after the pupil left on 12 February 2027']]
		});
		expect(result.have).toBe(1);
	});

	it('records after leaving do not count: without them the rule would be met', () => {
		const stayed = evaluateRule('bm6-workplace-by-16', pupil(), history({ attended: [before, after] }), asOf);
		expect(stayed.status).toBe('met');
		const left = evaluateRule('bm6-workplace-by-16', leaver, history({ attended: [before, after] }), asOf);
		expect(left.status).toBe('not-applicable');
	});

	it('is met if it was met before leaving', () => {
		const another = activity('WEX-Y10', 'workplace-experience', '2026-12-09');
		const result = evaluateRule('bm6-workplace-by-16', leaver, history({ attended: [before, another] }), asOf);
		expect(shown(result)).toEqual({
			status: 'met',
			reason: 'Met: 2 workplace experiences (2 needed), Year 7 to the end of Year 11.',
			counted: ['WEX-Y9', 'WEX-Y10'],
			notCounted: []
		});
	});

	it('is still judged on a window that closed before they left', () => {
		const result = evaluateRule('pal-phase-1', leaver, history(), asOf);
		expect(result.status).toBe('missed');
	});

	it('is not applicable for a window that opened after they left', () => {
		const result = evaluateRule('bm6-workplace-by-18', leaver, history(), context('2028-11-06'));
		expect(result.reason).toBe('Not applicable: left on 12 February 2027, before this opened.');
	});

	it('a pupil leaving on the as-of date itself has left', () => {
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil({ leavingDate: '2027-02-12' }),
			history(),
			context('2027-02-12')
		);
		expect(result.status).toBe('not-applicable');
	});

	it('a leaving date still to come changes nothing yet', () => {
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil({ leavingDate: '2027-07-20' }),
			history(),
			context('2027-02-12')
		);
		expect(result.status).toBe('on-track');
	});
});

describe('the Benchmark 6 parameter: 2014 and 2024', () => {
	const one = history({ attended: [activity('WEX-Y9', 'workplace-experience', '2026-06-10')] });
	const two = history({
		attended: [
			activity('WEX-Y9', 'workplace-experience', '2026-06-10'),
			activity('WEX-Y10', 'workplace-experience', '2027-06-09')
		]
	});

	it('the parameter is 1 under the 2014 benchmarks and 2 under the 2024 ones', () => {
		expect(WORKPLACE_EXPERIENCES_BY_16).toEqual({ 'gatsby-2014': 1, 'gatsby-2024': 2 });
	});

	it.each([
		['gatsby-2014', null, one, 'met', 'Met: 1 workplace experience (1 needed), Year 7 to the end of Year 11.'],
		[
			'gatsby-2024',
			null,
			one,
			'on-track',
			'On track: 1 workplace experience (2 needed) so far; this closes on 31 August 2028.'
		],
		['gatsby-2024', null, two, 'met', 'Met: 2 workplace experiences (2 needed), Year 7 to the end of Year 11.'],
		// The school's own setting changes the 2024 figure…
		['gatsby-2024', 1, one, 'met', 'Met: 1 workplace experience (1 needed), Year 7 to the end of Year 11.'],
		[
			'gatsby-2024',
			3,
			two,
			'on-track',
			'On track: 2 workplace experiences (3 needed) so far; this closes on 31 August 2028.'
		],
		// …but not the 2014 one, which the benchmark fixed at one.
		['gatsby-2014', 3, one, 'met', 'Met: 1 workplace experience (1 needed), Year 7 to the end of Year 11.']
	] as const)('%s, school setting %s: %#', (framework, setting, had, status, reason) => {
		const result = evaluateRule(
			'bm6-workplace-by-16',
			pupil(),
			had,
			context('2027-11-10', { framework, workplaceExperiencesBy16: setting })
		);
		expect(result.status).toBe(status);
		expect(result.reason).toBe(reason);
	});

	it('a workplace experience needs a task set and feedback from the employer as well', () => {
		const noTask = activity('WEX-NO-TASK', 'workplace-experience', '2026-06-10', { employerSetTask: false });
		const result = evaluateRule(
			'bm6-workplace-by-16',
			pupil(),
			history({ attended: [noTask] }),
			context('2027-11-10', { framework: 'gatsby-2014' })
		);
		expect(result.status).toBe('on-track');
		expect(result.notCounted.map((e) => e.why)).toEqual(['not meaningful: no task set by the employer']);
	});
});

describe('as-of dates on both sides of a window’s end', () => {
	// Provider access phase 1 closes on Saturday 28 February 2026 for the 2023 cohort.
	const one = history({ attended: [activity('PAL-Y8', 'provider-access', '2024-11-05')] });

	it('the day before it closes: at risk, closing in 1 day', () => {
		const result = evaluateRule('pal-phase-1', pupil(), one, context('2026-02-27'));
		expect(result.status).toBe('at-risk');
		expect(result.reason).toBe(
			'At risk: 1 provider encounter (2 needed) so far, and this closes in 1 day, on 28 February 2026.'
		);
	});

	it('the close day itself: missed (as of is the end of that day)', () => {
		const result = evaluateRule('pal-phase-1', pupil(), one, context('2026-02-28'));
		expect(result.status).toBe('missed');
		expect(result.reason).toBe('Missed: 1 provider encounter (2 needed) when this closed on 28 February 2026.');
	});

	it('the close day itself: a record dated that day counts, so it is met', () => {
		const lastDay = history({
			attended: [...one.attended, activity('PAL-LAST-DAY', 'provider-access', '2026-02-28')]
		});
		expect(evaluateRule('pal-phase-1', pupil(), lastDay, context('2026-02-28')).status).toBe('met');
	});

	it('a record dated after the as-of date does not count yet', () => {
		const later = history({ attended: [...one.attended, activity('PAL-FEB', 'provider-access', '2026-02-10')] });
		expect(evaluateRule('pal-phase-1', pupil(), later, context('2026-02-09')).status).toBe('at-risk');
		expect(evaluateRule('pal-phase-1', pupil(), later, context('2026-02-10')).status).toBe('met');
	});

	it('the day after: still missed', () => {
		expect(evaluateRule('pal-phase-1', pupil(), one, context('2026-03-01')).status).toBe('missed');
	});

	it.each([
		// 15 January 2026 is 44 days (6 weeks 2 days) before 28 February.
		['2026-01-15', 6, 'on-track'],
		['2026-01-15', 7, 'at-risk'],
		// 17 January is exactly 6 weeks before: at risk from that day.
		['2026-01-17', 6, 'at-risk'],
		['2026-01-16', 6, 'on-track'],
		['2026-01-15', 1, 'on-track'],
		['2026-02-21', 1, 'at-risk'],
		['2026-02-20', 1, 'on-track']
	] as const)('as of %s with %i at-risk weeks: %s', (asOf, atRiskWeeks, status) => {
		expect(evaluateRule('pal-phase-1', pupil(), one, context(asOf, { atRiskWeeks })).status).toBe(status);
	});

	it('the day a window opens it is judged; the day before, not applicable', () => {
		expect(evaluateRule('pal-phase-1', pupil(), history(), context('2024-08-31')).status).toBe('not-applicable');
		expect(evaluateRule('pal-phase-1', pupil(), history(), context('2024-09-01')).status).toBe('on-track');
	});
});

describe('Benchmark 7: the full range of providers by 16', () => {
	const sixthForm = activity('SF', 'fe-encounter', '2026-11-04', { providerType: 'sixth-form' });
	const college = activity('FE', 'fe-encounter', '2026-06-24');
	const university = activity('HE', 'he-encounter', '2027-03-10');
	const apprenticeships = activity('APP', 'provider-access', '2027-10-06', { providerType: 'apprenticeship-provider' });
	const asOf = context('2027-11-10');

	it('three kinds met → not met, and the reason lists what is still needed', () => {
		const result = evaluateRule(
			'bm7-provider-range-by-16',
			pupil(),
			history({ attended: [sixthForm, college, apprenticeships] }),
			asOf
		);
		expect(result.status).toBe('on-track');
		expect(result.have).toBe(3);
		expect(result.needed).toBe(4);
		expect(result.reason).toBe(
			'On track: 3 kinds of provider (4 needed) so far; this closes on 31 August 2028. Still to meet: a university or higher education provider.'
		);
	});

	it('all four kinds → met; two encounters of one kind are one kind', () => {
		const another = activity('FE-2', 'fe-encounter', '2027-05-05');
		const result = evaluateRule(
			'bm7-provider-range-by-16',
			pupil(),
			history({ attended: [sixthForm, college, another, university, apprenticeships] }),
			asOf
		);
		expect(result.status).toBe('met');
		expect(result.have).toBe(4);
		expect(result.counted.map((e) => e.ref)).toEqual(['FE', 'SF', 'HE', 'FE-2', 'APP']);
	});

	it.each([
		['an FE encounter with no provider type is with a college', 'fe-encounter', null, 'FE college'],
		['an HE encounter with no provider type is with a university', 'he-encounter', null, 'university'],
		[
			'a training provider encounter is with an apprenticeship provider',
			'training-provider-encounter',
			null,
			'apprenticeships'
		],
		['provider type "other" falls back to the activity type', 'he-encounter', 'other', 'university'],
		['the provider type wins over the activity type', 'he-encounter', 'sixth-form', 'sixth form']
	] as const)('%s', (_label, type, providerType, kind) => {
		const encounter = activity('ENC', type, '2026-11-04', { providerType });
		const result = evaluateRule('bm7-provider-range-by-16', pupil(), history({ attended: [encounter] }), asOf);
		expect(result.have).toBe(1);
		const stillToMeet = {
			'FE college':
				'a sixth form; a university or higher education provider; an apprenticeship or independent training provider',
			university: 'a sixth form; a further education college; an apprenticeship or independent training provider',
			apprenticeships: 'a sixth form; a further education college; a university or higher education provider',
			'sixth form':
				'a further education college; a university or higher education provider; an apprenticeship or independent training provider'
		}[kind];
		expect(result.reason).toContain(`Still to meet: ${stillToMeet}.`);
	});

	it.each([
		[
			'with an employer',
			activity('EMP', 'fe-encounter', '2026-11-04', { providerType: 'employer' }),
			'not with a sixth form, college, university or training provider'
		],
		[
			'a provider access encounter with no provider type',
			activity('PAL', 'provider-access', '2026-11-04'),
			'the kind of provider (sixth form, college, university or training provider) is not recorded'
		],
		[
			'a university visit with no reflection',
			activity('HE-NM', 'he-encounter', '2026-11-04', { reflection: false }),
			'not meaningful: no reflection afterwards'
		]
	] as const)('an encounter %s does not count, and says why', (_label, encounter, why) => {
		const result = evaluateRule('bm7-provider-range-by-16', pupil(), history({ attended: [encounter] }), asOf);
		expect(result.have).toBe(0);
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([[encounter.ref, why]]);
	});
});

describe('Benchmark 7: university visits for pupils considering higher education', () => {
	const visits = history({
		attended: [activity('UNI-1', 'he-encounter', '2027-03-10'), activity('UNI-2', 'he-encounter', '2028-10-04')]
	});
	it.each([
		['not considering HE: not applicable', {}, 'not-applicable'],
		['flagged as considering HE: judged', { consideringHe: true }, 'met'],
		['an intended destination in HE: judged', { intendsHe: true }, 'met']
	] as const)('%s', (_label, over, status) => {
		const result = evaluateRule('bm7-he-visits-by-18', pupil(over), visits, context('2028-11-06'));
		expect(result.status).toBe(status);
		if (status === 'not-applicable')
			expect(result.reason).toBe('Not applicable: not recorded as considering higher education.');
	});

	it('a visit to a college is not a university visit', () => {
		const result = evaluateRule(
			'bm7-he-visits-by-18',
			pupil({ intendsHe: true }),
			history({ attended: [activity('FE', 'fe-encounter', '2027-03-10')] }),
			context('2028-11-06')
		);
		expect(result.have).toBe(0);
		expect(result.notCounted).toEqual([]);
	});
});

describe('provider access phase 3: offers count, not only attendance', () => {
	// The 2023 cohort is in Year 12 in 2028/29.
	const asOf = '2028-12-04';
	it.each([
		['invited and attended', { attended: [activity('PAL-A', 'provider-access', '2028-10-11')] }, [], ['PAL-A'], []],
		[
			'invited and absent: still offered',
			{ absent: [activity('PAL-A', 'provider-access', '2028-10-11')] },
			[],
			['PAL-A'],
			[]
		],
		[
			'not on the list, but offered to the whole of Year 12',
			{},
			[activity('PAL-Y12', 'provider-access', '2028-10-11', { yearGroups: [12, 13] })],
			['PAL-Y12 (offered to the year group)'],
			[]
		],
		[
			'offered to Year 13 only: not to this pupil',
			{},
			[activity('PAL-Y13', 'provider-access', '2028-10-11', { yearGroups: [13] })],
			[],
			[]
		],
		[
			'offered to Year 12 after school: listed as not counted',
			{},
			[
				activity('PAL-EVE', 'provider-access', '2028-10-11', {
					yearGroups: [12],
					startTime: '17:00:00',
					endTime: '18:00:00'
				})
			],
			[],
			[['PAL-EVE (offered to the year group)', 'outside the school day (17:00–18:00; the school day is 08:40–15:20)']]
		]
	] as const)('%s', (_label, had, schoolActivities, counted, notCounted) => {
		const result = evaluateRule('pal-phase-3', pupil(), history(had), context(asOf, { schoolActivities }));
		expect(result.counted.map((e) => e.title)).toEqual(counted);
		expect(result.notCounted.map((e) => [e.title, e.why])).toEqual(notCounted);
		expect(result.have).toBe(counted.length);
	});

	it('an activity both on the pupil’s list and for their year group is counted once', () => {
		const both = activity('PAL-BOTH', 'provider-access', '2028-10-11', { yearGroups: [12] });
		const result = evaluateRule(
			'pal-phase-3',
			pupil(),
			history({ absent: [both] }),
			context(asOf, { schoolActivities: [both] })
		);
		expect(result.counted.map((e) => e.title)).toEqual(['PAL-BOTH']);
	});

	it('in phases 1 and 2 an absent pupil was not met by the encounter', () => {
		const missedIt = activity('PAL-Y10', 'provider-access', '2026-11-04', { yearGroups: [10] });
		const result = evaluateRule(
			'pal-phase-2',
			pupil(),
			history({ absent: [missedIt] }),
			context('2026-12-01', { schoolActivities: [missedIt] })
		);
		expect(result.have).toBe(0);
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([['PAL-Y10', 'absent']]);
	});
});

describe('work experience days', () => {
	const ks4 = (attended: ActivityFact[]) =>
		evaluateRule('work-experience-ks4', pupil(), history({ attended }), context('2027-11-10'));

	it('recorded days are summed, halves included', () => {
		const result = ks4([
			activity('WEX-A', 'workplace-experience', '2026-11-04', { days: 2 }),
			activity('WEX-B', 'workplace-experience', '2027-02-03', { days: 1.5 }),
			activity('WEX-C', 'workplace-experience', '2027-06-09', { days: 1.5 })
		]);
		expect(result.have).toBe(5);
		expect(result.status).toBe('met');
		expect(result.counted.map((e) => e.title)).toEqual(['WEX-A (2 days)', 'WEX-B (1.5 days)', 'WEX-C (1.5 days)']);
	});

	it.each([
		['Monday to Friday', '2027-07-05', '2027-07-09', 5],
		['Friday to Monday (the weekend is not counted)', '2027-07-02', '2027-07-05', 2],
		['one day, no end date', '2027-07-05', null, 1],
		['a Saturday only still counts as a day', '2027-07-03', null, 1],
		['two weeks', '2027-06-28', '2027-07-09', 10]
	] as const)('dates without days: %s → %i weekdays', (_label, date, endDate, days) => {
		const result = ks4([activity('PLACEMENT', 'workplace-experience', date, { endDate })]);
		expect(result.have).toBe(days);
		expect(result.counted.map((e) => e.title)).toEqual([
			`PLACEMENT (${days} day${days === 1 ? '' : 's'} counted from its dates)`
		]);
	});

	it('recorded days win over the dates', () => {
		const result = ks4([
			activity('PART-TIME', 'workplace-experience', '2027-07-05', { endDate: '2027-07-09', days: 2.5 })
		]);
		expect(result.have).toBe(2.5);
	});

	it('only experiences of a workplace count: an employer talk is not a day of work experience', () => {
		const result = ks4([activity('EMP', 'employer-encounter', '2027-07-05', { days: 1 })]);
		expect(result.have).toBe(0);
		expect(result.counted).toEqual([]);
	});

	it('an absent pupil’s placement does not count', () => {
		const result = evaluateRule(
			'work-experience-ks4',
			pupil(),
			history({ absent: [activity('PLACEMENT', 'workplace-experience', '2027-07-05', { days: 5 })] }),
			context('2027-11-10')
		);
		expect(result.have).toBe(0);
		expect(result.notCounted.map((e) => [e.ref, e.why])).toEqual([['PLACEMENT', 'absent']]);
	});
});

describe('Benchmark 2 and the rules of each framework', () => {
	const y7 = activity('LMI-Y7', 'lmi', '2024-03-05');

	it.each([
		// 2024: the key stage the pupil is in now.
		['bm2-lmi-each-key-stage', '2025-11-10', 'met', 'Key stage 3 (Years 7–9)'],
		['bm2-lmi-each-key-stage', '2026-11-09', 'on-track', 'Key stage 4 (Years 10–11)'],
		['bm2-lmi-each-key-stage', '2028-11-06', 'on-track', 'Key stage 5 (Years 12–13)'],
		// 2014: Years 7–9, judged for good once Year 9 is over.
		['bm2-lmi-by-14', '2025-11-10', 'met', 'Year 7 to the end of Year 9'],
		['bm2-lmi-by-14', '2026-11-09', 'met', 'Year 7 to the end of Year 9']
	] as const)('%s as of %s: %s (%s)', (rule, asOf, status, label) => {
		const result = evaluateRule(rule, pupil(), history({ attended: [y7] }), context(asOf));
		expect(result.status).toBe(status);
		expect(result.window?.label).toBe(label);
	});

	it.each([
		[
			'gatsby-2014',
			[
				'bm2-lmi-by-14',
				'bm4-curriculum-careers-each-year',
				'bm5-employer-encounter-each-year',
				'bm6-workplace-by-16',
				'bm6-workplace-by-18',
				'bm7-provider-range-by-16',
				'bm7-he-visits-by-18',
				'bm8-guidance-by-16',
				'bm8-guidance-by-18',
				'pal-phase-1',
				'pal-phase-2',
				'pal-phase-3',
				'work-experience-ks3',
				'work-experience-ks4'
			]
		],
		[
			'gatsby-2024',
			[
				'bm2-lmi-each-key-stage',
				'bm4-curriculum-careers-each-year',
				'bm5-employer-encounter-each-year',
				'bm6-workplace-by-16',
				'bm6-workplace-by-18',
				'bm7-provider-range-by-16',
				'bm7-he-visits-by-18',
				'bm8-guidance-by-16',
				'bm8-guidance-by-18',
				'pal-phase-1',
				'pal-phase-2',
				'pal-phase-3',
				'work-experience-ks3',
				'work-experience-ks4'
			]
		]
	] as const)('rulesFor(%s) returns its rules in benchmark order, statutory duties last', (framework, ids) => {
		expect(rulesFor(framework).map((r) => r.id)).toEqual(ids);
		const results = evaluatePupil(pupil(), history(), context('2025-11-10', { framework }));
		expect(results.map((r) => r.ruleId)).toEqual(ids);
	});

	it('every rule has a title, a description and a framework, and is found by id', () => {
		for (const id of RULE_IDS) {
			const rule = complianceRule(id);
			expect(rule?.title, id).toBeTruthy();
			expect(rule?.description, id).toBeTruthy();
			expect(rule?.frameworks.length, id).toBeGreaterThan(0);
			expect(isRuleId(id)).toBe(true);
		}
		expect(COMPLIANCE_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
		expect(isRuleId('bm9-nothing')).toBe(false);
		expect(complianceRule('bm9-nothing')).toBeUndefined();
	});
});

describe('absent pupils', () => {
	const asOf = context('2026-01-12');
	it.each([
		['bm2-lmi-each-key-stage', activity('LMI', 'lmi', '2025-10-08')],
		['bm4-curriculum-careers-each-year', activity('CUR', 'curriculum-link', '2025-10-08')],
		['bm5-employer-encounter-each-year', activity('EMP', 'employer-encounter', '2025-10-08')],
		['bm6-workplace-by-16', activity('WEX', 'workplace-experience', '2025-10-08')],
		['bm7-provider-range-by-16', activity('FE', 'fe-encounter', '2025-10-08')],
		['bm8-guidance-by-16', activity('GROUP', 'guidance', '2025-10-08', { adviserLevel: 6 })],
		['pal-phase-1', activity('PAL', 'provider-access', '2025-10-08')],
		['work-experience-ks3', activity('WEX', 'workplace-experience', '2025-10-08', { days: 5 })]
	] as const)('%s: the activity they missed is in notCounted with why "absent"', (rule, missedIt) => {
		const result = evaluateRule(rule, pupil(), history({ absent: [missedIt] }), asOf);
		expect(result.status).not.toBe('met');
		expect(result.have).toBe(0);
		expect(result.counted).toEqual([]);
		expect(result.notCounted).toEqual([
			{
				kind: 'activity',
				id: missedIt.id,
				ref: missedIt.ref,
				title: missedIt.title,
				date: missedIt.date,
				why: 'absent'
			}
		]);
		expect(result.reason).toMatch(/ Not counted: absent\.$/);
	});

	it('an activity that would not have counted anyway says why it would not, not that they were absent', () => {
		const notMeaningful = activity('EMP', 'employer-encounter', '2025-10-08', { reflection: false });
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil(),
			history({ absent: [notMeaningful] }),
			asOf
		);
		expect(result.notCounted.map((e) => e.why)).toEqual(['not meaningful: no reflection afterwards']);
	});
});

describe('reason sentences', () => {
	it('list at most three reasons for records not counting', () => {
		const attended = [
			activity('A', 'employer-encounter', '2025-10-01', { reflection: false }),
			activity('B', 'employer-encounter', '2025-10-02', { purposeShared: false }),
			activity('C', 'employer-encounter', '2025-10-03', { outcomesSet: false }),
			activity('D', 'employer-encounter', '2025-10-04', { twoWayInteraction: false }),
			activity('E', 'employer-encounter', '2025-10-05', { reflection: false })
		];
		const result = evaluateRule(
			'bm5-employer-encounter-each-year',
			pupil(),
			history({ attended, absent: [activity('F', 'employer-encounter', '2025-10-06')] }),
			context('2025-11-10')
		);
		expect(result.notCounted).toHaveLength(6);
		expect(result.reason).toBe(
			'On track: 0 encounters (1 needed) so far; this closes on 31 August 2026. Not counted: not meaningful: no reflection afterwards; not meaningful: purpose not shared beforehand; not meaningful: no learning outcomes; and 2 other reasons.'
		);
	});

	it.each([
		[1, 'encounters', '1 encounter'],
		[0, 'encounters', '0 encounters'],
		[2, 'kinds of provider', '2 kinds of provider'],
		[1, 'kinds of provider', '1 kind of provider'],
		[1, 'provider encounters offered', '1 provider encounter offered'],
		[2.5, 'days', '2.5 days'],
		[1, 'days', '1 day'],
		[1, 'something else', '1 something else']
	] as const)('quantity(%s, %s) → %s', (n, unit, text) => {
		expect(quantity(n, unit)).toBe(text);
	});

	it('at-risk weeks are whole weeks left; under two weeks, days', () => {
		const one = history();
		const reason = (asOf: string) => evaluateRule('pal-phase-1', pupil(), one, context(asOf)).reason;
		expect(reason('2026-02-14')).toContain('closes in 2 weeks, on 28 February 2026');
		expect(reason('2026-02-15')).toContain('closes in 13 days, on 28 February 2026');
		expect(reason('2026-02-13')).toContain('closes in 2 weeks, on 28 February 2026');
	});
});

describe('counting statuses', () => {
	it('eligible pupils are those the rule applies to; percent met is of them', () => {
		const counts = countStatuses(['met', 'met', 'on-track', 'at-risk', 'missed', 'not-applicable', 'not-applicable']);
		expect(counts).toEqual({ eligible: 5, met: 2, onTrack: 1, atRisk: 1, missed: 1, notApplicable: 2 });
		expect(percentMet(counts)).toBe(40);
	});

	it('no eligible pupils: no percentage rather than 0%', () => {
		expect(percentMet(countStatuses(['not-applicable']))).toBeNull();
		expect(percentMet(emptyCounts())).toBeNull();
	});

	it('addStatus adds one pupil', () => {
		const counts = emptyCounts();
		for (const s of COMPLIANCE_STATUSES) addStatus(counts, s);
		expect(counts).toEqual({ eligible: 4, met: 1, onTrack: 1, atRisk: 1, missed: 1, notApplicable: 1 });
	});

	it('every status has a label', () => {
		expect(Object.keys(COMPLIANCE_STATUS_LABELS).sort()).toEqual([...COMPLIANCE_STATUSES].sort());
	});
});

describe('which attendance the loader needs (mayTouchJudgement)', () => {
	const now = context('2026-03-16'); // 2025/26: this-year rules reach back to 1 September 2023 at most
	it.each([
		[
			'an employer talk three years ago (only this year’s encounter counts)',
			activity('OLD-EMP', 'employer-encounter', '2023-06-01'),
			false
		],
		[
			'an employer talk two years ago (a Year 9’s key stage 3 is still open)',
			activity('EMP', 'employer-encounter', '2023-09-01'),
			true
		],
		['a subject lesson three years ago', activity('OLD-CUR', 'curriculum-link', '2022-11-01'), false],
		[
			'a workplace experience six years ago (by-16 and by-18 windows reach back)',
			activity('OLD-WEX', 'workplace-experience', '2020-06-01'),
			true
		],
		['a provider access encounter four years ago', activity('OLD-PAL', 'provider-access', '2022-02-01'), true],
		['an untagged “other” activity this year (no rule judges it)', activity('OTHER', 'other', '2026-01-10'), false]
	])('%s', (_, a, expected) => {
		expect(mayTouchJudgement(a, now)).toBe(expected);
	});
	it('keeps old labour market information under the 2014 benchmarks (a Year 13 is judged on Years 7–9)', () => {
		const lmi = activity('OLD-LMI', 'lmi', '2019-10-01');
		expect(mayTouchJudgement(lmi, context('2024-03-16', { framework: 'gatsby-2014' }))).toBe(true);
		expect(mayTouchJudgement(lmi, now)).toBe(false);
	});
});
