import { longDate } from '#lib/domain/academic-year.ts';
import { BENCHMARK_8_LEVEL } from '#lib/domain/compliance.ts';
import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import {
	REFERRER_CAPACITY_LABELS,
	getMeeting,
	markHeld,
	mayRecordFor,
	MEETING_FORMAT_LABELS,
	MEETING_STATUS_LABELS,
	REFERRER_CAPACITIES,
	type ReferrerCapacity
} from '#lib/server/guidance/service.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { londonDate, todayInLondon } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let meeting;
	try {
		meeting = await getMeeting(actor, school, params.meetingId, locals.requestId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const capacity = meeting.referral?.capacity;
	return {
		school,
		today: todayInLondon(),
		meeting: {
			...meeting,
			dateText: longDate(meeting.date),
			formatLabel: MEETING_FORMAT_LABELS[meeting.format],
			statusLabel: MEETING_STATUS_LABELS[meeting.status],
			levelText:
				meeting.adviserLevel === null
					? `Not recorded: does not count towards Benchmark 8`
					: meeting.adviserLevel < BENCHMARK_8_LEVEL
						? `Level ${meeting.adviserLevel}: below the Level ${BENCHMARK_8_LEVEL} Benchmark 8 asks for`
						: `Level ${meeting.adviserLevel}`,
			referral: meeting.referral
				? {
						...meeting.referral,
						capacityLabel: (REFERRER_CAPACITIES as readonly string[]).includes(capacity ?? '')
							? REFERRER_CAPACITY_LABELS[capacity as ReferrerCapacity]
							: 'Other colleague',
						dateText: longDate(londonDate(meeting.referral.createdAt))
					}
				: null
		},
		canSeePupil: can(actor, 'pupils.view', school.id),
		canMarkHeld:
			meeting.status === 'booked' &&
			can(actor, 'guidance.record', school.id) &&
			(meeting.adviserUserId === null || mayRecordFor(actor, school, meeting.adviserUserId)),
		recorded: url.searchParams.has('recorded'),
		held: url.searchParams.has('held')
	};
};

export const actions: Actions = {
	held: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await markHeld(
				actor,
				school,
				params.meetingId,
				{ date: text(values, 'date'), agreedActions: text(values, 'agreedActions'), notes: text(values, 'notes') },
				locals.requestId
			);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/guidance/${params.meetingId}?held=1`);
	}
};
