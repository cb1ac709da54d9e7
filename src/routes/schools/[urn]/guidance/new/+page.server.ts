import { BENCHMARK_8_LEVEL } from '#lib/domain/compliance.ts';
import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can, NotFoundError } from '#lib/server/access/actor.ts';
import {
	REFERRER_CAPACITY_LABELS,
	closeReferralByBooking,
	getOpenReferral,
	listAdvisers,
	MEETING_FORMAT_LABELS,
	MEETING_FORMATS,
	pupilBrief,
	recordMeeting
} from '#lib/server/guidance/service.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { todayInLondon } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

/** A service's "not found" for something named in the address: the page shows without it. */
async function orNull<T>(work: () => Promise<T>): Promise<T | null> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) return null;
		throw e;
	}
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const pupilId = url.searchParams.get('pupil') ?? '';
	const referralId = url.searchParams.get('referral') ?? '';
	const referral =
		referralId && can(actor, 'referrals.manage', school.id)
			? await orNull(() => getOpenReferral(actor, school, referralId))
			: null;
	const pupil = !referral && pupilId ? await orNull(() => pupilBrief(actor, school, pupilId)) : null;
	const advisers = await listAdvisers(actor, school);
	const isAdviser = advisers.some((a) => a.userId === actor.userId);
	return {
		school,
		today: todayInLondon(),
		referral: referral
			? {
					id: referral.id,
					pupilName: referral.pupilName,
					upn: referral.upn,
					yearGroup: referral.yearGroup,
					reason: referral.reason,
					referredByName: referral.referredByName,
					capacityLabel: REFERRER_CAPACITY_LABELS[referral.capacity]
				}
			: null,
		referralMissing: referralId !== '' && !referral,
		pupil,
		pupilMissing: pupilId !== '' && !pupil && !referral,
		advisers: advisers.map((a) => ({
			value: a.userId,
			label: `${a.name} (${a.level === null ? 'level not recorded' : `Level ${a.level}`})`,
			name: a.name,
			level: a.level
		})),
		belowBenchmark: advisers.filter((a) => a.level === null || a.level < BENCHMARK_8_LEVEL),
		benchmarkLevel: BENCHMARK_8_LEVEL,
		defaultAdviser: isAdviser ? actor.userId : '',
		formats: MEETING_FORMATS.map((value) => ({ value, label: MEETING_FORMAT_LABELS[value] }))
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const referralId = text(values, 'referral');
		const common = {
			date: text(values, 'date'),
			startTime: text(values, 'startTime'),
			adviserUserId: text(values, 'adviserUserId')
		};
		if (referralId) {
			let meetingId: string;
			try {
				({ meetingId } = await closeReferralByBooking(
					actor,
					school,
					referralId,
					{ ...common, format: 'one-to-one' },
					locals.requestId
				));
			} catch (e) {
				return formFailure(e, values);
			}
			redirect(303, `/schools/${school.urn}/guidance/referrals?booked=${meetingId}`);
		}
		const pupilId = text(values, 'pupilId');
		let ids: string[];
		try {
			({ ids } = await recordMeeting(
				actor,
				school,
				{
					...common,
					pupilIds: pupilId ? [pupilId] : [],
					upns: pupilId ? [] : text(values, 'upns'),
					format: text(values, 'format'),
					status: text(values, 'status'),
					agreedActions: text(values, 'agreedActions'),
					notes: text(values, 'notes')
				},
				locals.requestId
			));
		} catch (e) {
			return formFailure(e, values);
		}
		if (ids.length === 1) redirect(303, `/schools/${school.urn}/guidance/${ids[0]}?recorded=1`);
		redirect(303, `/schools/${school.urn}/guidance?recorded=${ids.length}`);
	}
};
