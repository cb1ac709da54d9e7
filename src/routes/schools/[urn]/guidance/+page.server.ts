import { longDate } from '#lib/domain/academic-year.ts';
import { BENCHMARK_8_LEVEL } from '#lib/domain/compliance.ts';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import {
	listAdvisers,
	listMeetings,
	MEETING_FORMAT_LABELS,
	MEETING_STATUS_LABELS,
	MEETING_STATUSES,
	openReferralCount
} from '#lib/server/guidance/service.ts';
import type { PageServerLoad } from './$types';

const FILTERS = ['year', 'adviser', 'from', 'to', 'status', 'page'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const raw = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k) ?? undefined]));
	const { meetings, filter, total, perPage } = await listMeetings(actor, school, raw);
	const canManageReferrals = can(actor, 'referrals.manage', school.id);
	const advisers = await listAdvisers(actor, school);
	return {
		school,
		meetings: meetings.map((m) => ({
			...m,
			dateText: longDate(m.date),
			formatLabel: MEETING_FORMAT_LABELS[m.format],
			statusLabel: MEETING_STATUS_LABELS[m.status],
			belowBenchmark: m.adviserLevel === null || m.adviserLevel < BENCHMARK_8_LEVEL
		})),
		total,
		page: filter.page,
		pages: Math.max(1, Math.ceil(total / perPage)),
		values: {
			year: filter.year === undefined ? '' : String(filter.year),
			adviser: filter.adviser && advisers.some((a) => a.userId === filter.adviser) ? filter.adviser : '',
			from: filter.from ?? '',
			to: filter.to ?? '',
			status: filter.status ?? ''
		},
		advisers: advisers.map((a) => ({ value: a.userId, label: a.name })),
		statuses: MEETING_STATUSES.map((value) => ({ value, label: MEETING_STATUS_LABELS[value] })),
		benchmarkLevel: BENCHMARK_8_LEVEL,
		canRecord: can(actor, 'guidance.record', school.id),
		openReferrals: canManageReferrals ? await openReferralCount(actor, school) : null,
		recorded: Number(url.searchParams.get('recorded')) || 0
	};
};
