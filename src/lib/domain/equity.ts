/**
 * The equity lens ("equity not equality", Gatsby Benchmark 3): every coverage figure split by the
 * pupil characteristics the MIS gives us, each group set against the rest of the cohort.
 *
 * The rule for a flag: a group is flagged on a rule when, among pupils the rule applies to (eligible:
 * met, on track, at risk or missed), the group's share who met it is 10 percentage points or more
 * BELOW the share for the rest of the cohort (every other eligible pupil in the same figures).
 * Exactly 10.0 points is flagged, 9.9 is not. No flag when either side has no eligible pupil (there
 * is nothing to compare). A group ahead of the rest is never flagged. Small groups swing widely —
 * one looked-after pupil is 0% or 100% — so the counts are always shown beside the percentages.
 */
import type { ComplianceStatus, RuleId, StatusCounts } from './compliance.ts';
import { addStatus, emptyCounts, percentMet } from './compliance.ts';
import {
	ATTENDANCE_BAND_LABELS,
	ATTENDANCE_BANDS,
	attendanceBand,
	SEN_PROVISION_LABELS,
	type SenProvision
} from './pupil-characteristics.ts';

/** A gap of this many points or more below the rest of the cohort is flagged. */
export const EQUITY_GAP_POINTS = 10;

/** What a pupil is split by (the same fields the compliance loader reads). */
export type EquityCharacteristics = {
	senProvision: SenProvision;
	pupilPremium: boolean;
	fsmEligible: boolean;
	/** As the MIS gives it: "F", "M", or null when not recorded. */
	gender: string | null;
	eal: boolean;
	lookedAfter: boolean;
	attendancePercent: number | null;
};

export const EQUITY_DIMENSIONS = [
	'sen',
	'pupil-premium',
	'fsm',
	'gender',
	'eal',
	'looked-after',
	'attendance'
] as const;
export type EquityDimension = (typeof EQUITY_DIMENSIONS)[number];

export const EQUITY_DIMENSION_LABELS: Record<EquityDimension, string> = {
	sen: 'Special educational needs',
	'pupil-premium': 'Pupil Premium',
	fsm: 'Free school meals',
	gender: 'Gender',
	eal: 'English as an additional language',
	'looked-after': 'Looked after',
	attendance: 'Attendance'
};

export type EquityGroup = {
	/** Stable, for links and exports: 'pp', 'sen-E', 'gender-F', 'attendance-persistent'… */
	id: string;
	dimension: EquityDimension;
	/** Reads on its own: "Pupil Premium", "SEN support", "Attendance below 90% (persistent absence)". */
	label: string;
	includes: (c: EquityCharacteristics) => boolean;
};

const senGroups: EquityGroup[] = (['E', 'K', 'N'] as const).map((code) => ({
	id: `sen-${code}`,
	dimension: 'sen',
	label: code === 'N' ? 'No special educational need' : SEN_PROVISION_LABELS[code],
	includes: (c) => c.senProvision === code
}));

const genderGroups: EquityGroup[] = [
	{ id: 'gender-F', dimension: 'gender', label: 'Female', includes: (c) => c.gender === 'F' },
	{ id: 'gender-M', dimension: 'gender', label: 'Male', includes: (c) => c.gender === 'M' },
	{
		id: 'gender-not-recorded',
		dimension: 'gender',
		label: 'Gender not recorded',
		includes: (c) => c.gender === null || c.gender.trim() === ''
	}
];

const attendanceGroups: EquityGroup[] = ATTENDANCE_BANDS.map((band) => ({
	id: `attendance-${band}`,
	dimension: 'attendance',
	label:
		band === 'unknown' ? 'Attendance not recorded' : `Attendance ${ATTENDANCE_BAND_LABELS[band].replace(/^B/, 'b')}`,
	includes: (c) => attendanceBand(c.attendancePercent) === band
}));

export const EQUITY_GROUPS: readonly EquityGroup[] = [
	...senGroups,
	{ id: 'pp', dimension: 'pupil-premium', label: 'Pupil Premium', includes: (c) => c.pupilPremium },
	{ id: 'fsm', dimension: 'fsm', label: 'Free school meals', includes: (c) => c.fsmEligible },
	...genderGroups,
	{ id: 'eal', dimension: 'eal', label: 'English as an additional language', includes: (c) => c.eal },
	{ id: 'looked-after', dimension: 'looked-after', label: 'Looked after', includes: (c) => c.lookedAfter },
	...attendanceGroups
];

const GROUPS_BY_ID = new Map(EQUITY_GROUPS.map((g) => [g.id, g]));

export function equityGroup(id: string): EquityGroup | undefined {
	return GROUPS_BY_ID.get(id);
}

export type EquityPupil = {
	characteristics: EquityCharacteristics;
	results: readonly { ruleId: RuleId; status: ComplianceStatus }[];
};

export type EquityGap = {
	ruleId: RuleId;
	groupId: string;
	/** Counts for the pupils in the group… */
	group: StatusCounts;
	/** …and for everyone else in the same figures. */
	rest: StatusCounts;
	/** % met, 0–100, null when no pupil on that side is eligible. */
	groupPercent: number | null;
	restPercent: number | null;
	/** Group minus rest, in percentage points (negative: the group is behind); null if either side has no figure. */
	gap: number | null;
	/** The group is EQUITY_GAP_POINTS or more below the rest. */
	flagged: boolean;
};

// Percentages are ratios of small integers: 10 points can come out as 9.999999999999996.
const EPSILON = 1e-9;

/** Whether a gap (group minus rest, in points) is flagged: 10 or more points behind. */
export function isFlaggedGap(gap: number | null): boolean {
	return gap !== null && gap <= -EQUITY_GAP_POINTS + EPSILON;
}

/**
 * Every rule × group: the group's counts and the rest of the cohort's, % met each, the gap and the
 * flag (rule at the top of this file). Rules in the order given, groups in EQUITY_GROUPS order.
 */
export function equityGaps(
	pupils: readonly EquityPupil[],
	rules: readonly { id: RuleId }[],
	groups: readonly EquityGroup[] = EQUITY_GROUPS
): EquityGap[] {
	const out: EquityGap[] = [];
	const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
	// counts[rule][group] for members and for the rest
	const member = rules.map(() => groups.map(() => emptyCounts()));
	const others = rules.map(() => groups.map(() => emptyCounts()));
	for (const p of pupils) {
		const inGroup = groups.map((g) => g.includes(p.characteristics));
		for (const r of p.results) {
			const ri = ruleIndex.get(r.ruleId);
			if (ri === undefined) continue;
			for (let gi = 0; gi < groups.length; gi++) addStatus((inGroup[gi] ? member : others)[ri]![gi]!, r.status);
		}
	}
	rules.forEach((rule, ri) => {
		groups.forEach((g, gi) => {
			const group = member[ri]![gi]!;
			const rest = others[ri]![gi]!;
			const groupPercent = percentMet(group);
			const restPercent = percentMet(rest);
			const gap = groupPercent === null || restPercent === null ? null : groupPercent - restPercent;
			out.push({
				ruleId: rule.id,
				groupId: g.id,
				group,
				rest,
				groupPercent,
				restPercent,
				gap,
				flagged: isFlaggedGap(gap)
			});
		});
	});
	return out;
}

/**
 * A gap's size in points for display, to one decimal place, cut (not rounded) so a shown 10.0 is
 * always flagged and 9.96 shows as 9.9, not flagged: "12", "9.9".
 */
export function gapPoints(gap: number): string {
	const tenths = Math.trunc((Math.abs(gap) + EPSILON) * 10);
	return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

/** "Gap of 12 points" (shown beside a flagged gap). */
export function gapWords(gap: number): string {
	const points = gapPoints(gap);
	return `Gap of ${points} ${points === '1' ? 'point' : 'points'}`;
}
