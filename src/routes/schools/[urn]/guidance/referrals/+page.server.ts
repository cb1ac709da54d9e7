import { longDate } from '#lib/domain/academic-year.ts';
import { schoolContext } from '#lib/server/route-context.ts';
import { REFERRER_CAPACITY_LABELS, closeReferral, openReferrals } from '#lib/server/guidance/service.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';
import { londonDate } from '#lib/domain/academic-year.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const queue = await openReferrals(actor, school);
	const booked = url.searchParams.get('booked') ?? '';
	return {
		school,
		referrals: queue.map((r) => ({
			...r,
			capacityLabel: REFERRER_CAPACITY_LABELS[r.capacity],
			dateText: longDate(londonDate(r.createdAt))
		})),
		booked: /^[0-9a-f-]{36}$/i.test(booked) ? booked : null,
		closed: url.searchParams.has('closed')
	};
};

export const actions: Actions = {
	close: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const id = text(values, 'referral');
		try {
			await closeReferral(actor, school, id, text(values, 'note'), locals.requestId);
		} catch (e) {
			const failure = formFailure(e, values);
			// Point the error summary at this referral's note box.
			for (const err of failure.data.errors) if (err.field === 'note') err.field = `note-${id}`;
			return failure;
		}
		return { closed: true };
	}
};
