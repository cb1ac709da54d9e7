import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { addCpd, deleteCpd, leadershipPeople, listCpd, type CpdRecord } from '#lib/server/leadership/service.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { CPD_KINDS, CPD_KIND_DETAILS } from '#lib/domain/leadership.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const people = await leadershipPeople(actor, school);
	const person = url.searchParams.get('person') ?? '';
	const chosen = people.find((p) => p.userId === person);
	const records = await listCpd(actor, school, chosen ? { userId: chosen.userId } : {});
	const byPerson: { userId: string; name: string; records: CpdRecord[] }[] = [];
	for (const record of records) {
		const last = byPerson.at(-1);
		if (last?.userId === record.userId) last.records.push(record);
		else byPerson.push({ userId: record.userId, name: record.name, records: [record] });
	}
	return {
		school,
		canEdit: can(actor, 'leadership.edit', school.id),
		people: people.map((p) => ({ value: p.userId, label: p.jobTitle ? `${p.name} (${p.jobTitle})` : p.name })),
		person: chosen ? { userId: chosen.userId, name: chosen.name } : null,
		byPerson,
		kinds: CPD_KINDS.map((k) => ({ value: k, label: CPD_KIND_DETAILS[k].label, hint: CPD_KIND_DETAILS[k].hint }))
	};
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await addCpd(
				actor,
				school,
				{
					userId: text(values, 'userId'),
					kind: text(values, 'kind'),
					title: text(values, 'title'),
					provider: text(values, 'provider'),
					startDate: text(values, 'startDate'),
					endDate: text(values, 'endDate'),
					accredited: text(values, 'accredited'),
					evidence: text(values, 'evidence')
				},
				locals.requestId
			);
		} catch (e) {
			return failed(e, values);
		}
		return { done: `CPD record added: ${text(values, 'title').trim()}` };
	},
	remove: async ({ request, locals }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await deleteCpd(actor, school, text(values, 'record'), locals.requestId);
		} catch (e) {
			return failed(e, values);
		}
		return { done: 'CPD record removed' };
	}
};
