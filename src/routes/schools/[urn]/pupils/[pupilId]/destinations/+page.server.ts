import { longDate } from '#lib/domain/academic-year.ts';
import { error, redirect } from '@sveltejs/kit';
import { schoolContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { pupilDestinations, recordDestination, ukDate } from '#lib/server/destinations/service.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text } from '#lib/server/forms.ts';

import { academicYearName, academicYearStart, todayInLondon } from '#lib/domain/academic-year.ts';
import {
	DESTINATION_SOURCE_LABELS,
	DESTINATION_SOURCES,
	NCCIS_CODES,
	type NccisSection
} from '#lib/domain/destinations.ts';
import type { Actions, PageServerLoad } from './$types';

const SECTION_LABELS: Record<NccisSection, string> = {
	education: 'Education',
	employment: 'Employment and apprenticeships',
	training: 'Training',
	're-engagement': 'Re-engagement',
	'neet-available': 'NEET, available to work or learn',
	'neet-not-available': 'NEET, not available',
	'not-known': 'Not known',
	other: 'Other',
	'below-leaving-age': 'Below leaving age'
};

/** The codes in groups for the form's list, in the order a careers adviser reads them. */
const CODE_GROUPS = (Object.keys(SECTION_LABELS) as NccisSection[]).map((section) => ({
	label: SECTION_LABELS[section],
	options: NCCIS_CODES.filter((c) => c.section === section).map((c) => ({
		value: c.code,
		label: `${c.code} ${c.label}`
	}))
}));

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	let view;
	try {
		view = await pupilDestinations(actor, school, params.pupilId, { audit: true, requestId: locals.requestId });
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const { pupil } = view;
	// "Change" on a recorded destination comes back here with ?kind=…&year=… to fill the form with it.
	const wantedKind = url.searchParams.get('kind');
	const wantedYear = Number(url.searchParams.get('year'));
	const editing = view.destinations.find((d) => d.kind === wantedKind && d.academicYear === wantedYear);
	const kinds = [
		...(view.intendedYears.length > 0 || editing?.kind === 'intended'
			? [
					{
						value: 'intended',
						label: 'Intended destination',
						hint: 'Where they plan to go next: recorded in Year 11 or Year 13, for the year after'
					}
				]
			: []),
		...(view.actualYears.length > 0 || editing?.kind === 'actual'
			? [
					{
						value: 'actual',
						label: 'Actual destination',
						hint: 'Where they went after Year 11 or after leaving, for each of the three years after'
					}
				]
			: [])
	];
	const years = [...new Set([...view.intendedYears, ...view.actualYears, ...(editing ? [editing.academicYear] : [])])]
		.sort((a, b) => b - a)
		.map((y) => ({ value: academicYearName(y), label: academicYearName(y) }));
	// This year's Year 11 and Year 13 record next year's intention; anyone else most likely an actual destination.
	const current = academicYearStart(todayInLondon());
	const defaultKind =
		editing?.kind ??
		(view.intendedYears.includes(current + 1)
			? 'intended'
			: view.actualYears.length > 0
				? 'actual'
				: (kinds[0]?.value ?? ''));
	const defaultYear =
		editing?.academicYear ?? (defaultKind === 'intended' ? view.intendedYears.at(-1) : view.actualYears.at(-1));
	return {
		school,
		pupil: {
			id: pupil.id,
			name: pupil.name,
			upn: pupil.upn,
			yearGroup: pupil.yearGroup,
			left: pupil.left,
			leftOn: pupil.leavingDate ? longDate(pupil.leavingDate) : null,
			leftFromYear: pupil.leftFromYear,
			needsConsent: pupil.needsConsent
		},
		destinations: view.destinations.map((d) => ({
			...d,
			kindLabel: d.kind === 'intended' ? 'Intended' : 'Actual',
			recordedOn: longDate(d.recordedOn),
			consentLabel: d.consent === null ? '' : d.consent ? 'Yes' : 'No'
		})),
		kinds,
		years,
		codeGroups: CODE_GROUPS,
		// "Imported from a spreadsheet" is for imports, unless the destination being changed came from one.
		sources: DESTINATION_SOURCES.filter((s) => s !== 'import' || editing?.source === 'import').map((s) => ({
			value: s,
			label: DESTINATION_SOURCE_LABELS[s]
		})),
		initial: {
			kind: defaultKind,
			academicYear: defaultYear === undefined ? '' : academicYearName(defaultYear),
			nccisCode: editing?.code ?? '',
			institution: editing?.institution ?? '',
			course: editing?.course ?? '',
			recordedOn: ukDate(todayInLondon()),
			source: editing?.source ?? 'school',
			consent: editing?.consent === null || editing?.consent === undefined ? '' : editing.consent ? 'yes' : 'no'
		},
		editing: editing ? `${editing.kind} destination for ${editing.yearName}` : null,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { actor, school } = schoolContext(locals);
		const { values } = await readForm(request);
		let outcome: string;
		try {
			({ outcome } = await recordDestination(
				actor,
				school,
				params.pupilId,
				{
					kind: text(values, 'kind'),
					academicYear: text(values, 'academicYear'),
					nccisCode: text(values, 'nccisCode'),
					institution: text(values, 'institution'),
					course: text(values, 'course'),
					recordedOn: text(values, 'recordedOn'),
					source: text(values, 'source'),
					consent: text(values, 'consent')
				},
				locals.requestId
			));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/schools/${school.urn}/pupils/${params.pupilId}/destinations?saved=${outcome}`);
	}
};
