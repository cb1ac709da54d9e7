import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import {
	attendanceGroups,
	expectedPupils,
	getDeliveredActivity,
	removeFromActivity,
	saveAttendance
} from '#lib/server/encounters/service.ts';
import { shortDates } from '#lib/server/encounters/form.ts';
import { failed, list, readForm, text } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

async function orRefuse<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		refuse(e);
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	const a = await orRefuse(getDeliveredActivity(actor, school, params.encounterId));
	const groups = await attendanceGroups(actor, school, a.id);
	return {
		school,
		encounter: {
			id: a.id,
			title: a.title,
			date: shortDates(a.date, a.endDate),
			attended: a.attended,
			expected: a.expected
		},
		// The first time, start from the year groups the activity was for: one click to the list.
		initialYearGroups: a.expected === 0 ? a.yearGroups.map(String) : [],
		options: {
			yearGroups: groups.yearGroups.map((y) => ({
				value: String(y.yearGroup),
				label: `Year ${y.yearGroup}`,
				hint: `${y.pupils} ${y.pupils === 1 ? 'pupil' : 'pupils'}`
			})),
			regGroups: groups.regGroups.map((r) => ({ value: r.name, label: r.name })),
			teachingGroups: groups.teachingGroups.map((t) => ({
				value: t.id,
				label: t.name,
				hint: `${t.pupils} ${t.pupils === 1 ? 'pupil' : 'pupils'}`
			}))
		},
		banner: {
			recorded: url.searchParams.get('recorded') === '1',
			removed: url.searchParams.get('removed') === '1'
		}
	};
};

export const actions: Actions = {
	/** Step 1: who was expected → the list to untick absentees from. */
	choose: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			const pupils = await expectedPupils(actor, school, params.encounterId, {
				yearGroups: list(values, 'yearGroups').map(Number),
				regGroups: list(values, 'regGroups'),
				teachingGroupIds: list(values, 'teachingGroupIds'),
				upns: text(values, 'upns').split(/[\s,;]+/)
			});
			return { chosen: pupils };
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
	},
	/** Step 2: everyone listed is expected; the ticked ones attended, the rest were absent. */
	save: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		const attended = list(values, 'attended');
		const ticked = new Set(attended);
		const absent = list(values, 'expected').filter((p) => !ticked.has(p));
		try {
			await saveAttendance(actor, school, params.encounterId, { attended, absent }, locals.requestId);
		} catch (e) {
			try {
				return failed(e, {});
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/encounters/${params.encounterId}?attendance=saved#attendance`);
	},
	/** Takes one pupil off the activity (recorded by mistake): a button in the list of step 2. */
	remove: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		await orRefuse(removeFromActivity(actor, school, params.encounterId, text(values, 'remove'), locals.requestId));
		redirect(303, `/schools/${school.urn}/encounters/${params.encounterId}/attendance?removed=1`);
	}
};
