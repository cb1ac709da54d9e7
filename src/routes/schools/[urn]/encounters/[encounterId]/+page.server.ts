import { longDate } from '#lib/domain/academic-year.ts';
import { redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { refuse } from '#lib/server/mapping/http.ts';
import { addReflection, getDeliveredActivity } from '#lib/server/encounters/service.ts';
import { PAL_ELEMENT_LABELS, PAL_ELEMENTS, shortDates, timeRange } from '#lib/server/encounters/form.ts';
import { failed, readForm, text } from '#lib/server/forms.ts';
import { academicYearName } from '#lib/domain/academic-year.ts';
import {
	ACTIVITY_TYPE_LABELS,
	BENCHMARK_SHORT_NAMES,
	MEANINGFUL_ELEMENT_LABELS,
	MEANINGFUL_ELEMENTS
} from '#lib/domain/activities.ts';
import { PARTNER_KIND_LABELS, PROVIDER_TYPE_LABELS, isPartnerKind } from '#lib/domain/partners.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let a;
	try {
		a = await getDeliveredActivity(actor, school, params.encounterId);
	} catch (e) {
		refuse(e);
	}
	const meaningful = MEANINGFUL_ELEMENTS.filter((e) => a[e]).map((e) => MEANINGFUL_ELEMENT_LABELS[e]);
	const pal = PAL_ELEMENTS.filter((e) => a[e]).map((e) => PAL_ELEMENT_LABELS[e]);
	const showPal = a.type === 'provider-access' || pal.length > 0;
	const when =
		a.endDate && a.endDate !== a.date
			? `${longDate(a.date, true)} to ${longDate(a.endDate, true)}`
			: longDate(a.date, true);
	const dayText = `the school day is ${school.schoolDayStarts} to ${school.schoolDayEnds}`;
	const rows: { key: string; value: string }[] = [
		{ key: 'Date', value: when },
		{ key: 'Time', value: timeRange(a.startTime, a.endTime) || 'Not recorded' },
		{
			key: 'In the school day',
			value: a.startTime ? `${a.inSchoolDay ? 'Yes' : 'No'} (${dayText})` : `Not known: no times recorded (${dayText})`
		},
		{ key: 'Type', value: ACTIVITY_TYPE_LABELS[a.type] ?? a.type },
		{ key: 'Year groups', value: a.yearGroups.map((y) => `Year ${y}`).join(', ') },
		{
			key: 'Partners',
			value: a.partnerRecords
				.map((p) => (isPartnerKind(p.kind) ? `${p.name} (${PARTNER_KIND_LABELS[p.kind]})` : p.name))
				.join('; ')
		},
		{ key: 'Provider type', value: a.providerType ? PROVIDER_TYPE_LABELS[a.providerType] : '' },
		{
			key: 'Benchmarks',
			value: a.benchmarks.map((n) => `${n}. ${BENCHMARK_SHORT_NAMES[n]}`).join('; ') || 'None ticked'
		},
		{ key: 'What made it meaningful', value: meaningful.join('; ') || 'None recorded' }
	];
	if (a.type === 'workplace-experience' || a.days !== null)
		rows.push({ key: 'Days in the workplace', value: a.days === null ? '' : String(a.days) });
	if (showPal)
		rows.push({
			key: 'Provider access: what was covered',
			value: `${pal.length} of 4${pal.length > 0 ? `: ${pal.join('; ')}` : ''}`
		});
	if (a.adviserUserId || a.type === 'guidance')
		rows.push({
			key: 'Careers adviser',
			value: a.adviserName
				? `${a.adviserName}${a.adviserLevel ? `, qualified to Level ${a.adviserLevel}` : ', level not recorded'}`
				: ''
		});
	rows.push({ key: 'Notes', value: a.description ?? '' });
	if (a.ref) rows.push({ key: 'Reference', value: a.ref });
	const absent = a.expected - a.attended;
	return {
		school,
		encounter: {
			id: a.id,
			title: a.title,
			date: shortDates(a.date, a.endDate),
			yearName: academicYearName(a.academicYear),
			plannedActivityId: a.plannedActivityId,
			plannedActivityTitle: a.plannedActivityTitle,
			attended: a.attended,
			absent,
			expected: a.expected
		},
		rows,
		attendance: a.attendance.map((p) => ({
			pupilId: p.pupilId,
			name: p.name,
			yearGroup: p.yearGroup,
			regGroup: p.regGroup ?? '',
			attended: p.attended,
			reflection: p.reflection
		})),
		canEdit: can(actor, 'encounters.edit', school.id),
		canSeePupils: can(actor, 'pupils.view', school.id),
		banner: {
			saved: url.searchParams.get('saved') === '1',
			attendance: url.searchParams.get('attendance') === 'saved',
			reflection: url.searchParams.get('reflection') === 'added'
		}
	};
};

export const actions: Actions = {
	reflection: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		try {
			await addReflection(
				actor,
				school,
				params.encounterId,
				text(values, 'pupilId'),
				text(values, 'reflection'),
				locals.requestId
			);
		} catch (e) {
			try {
				return failed(e, values);
			} catch (other) {
				refuse(other);
			}
		}
		redirect(303, `/schools/${school.urn}/encounters/${params.encounterId}?reflection=added#reflections`);
	}
};
