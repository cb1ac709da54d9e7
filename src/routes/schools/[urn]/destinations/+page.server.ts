import { longDate } from '#lib/domain/academic-year.ts';
import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import {
	DESTINATION_YEAR_GROUPS,
	destinationsOverview,
	destinationYearGroup,
	type DestinationView
} from '#lib/server/destinations/service.ts';
import { yearChoices, yearFromQuery } from '#lib/server/benchmarks/pages.ts';

import {
	DESTINATION_GROUP_LABELS,
	DESTINATION_GROUPS,
	percent,
	type DestinationRollUp
} from '#lib/domain/destinations.ts';
import type { PageServerLoad } from './$types';

/** The roll-up as table rows: each group, nothing recorded, and the whole cohort, with shares. */
function rollUpRows(r: DestinationRollUp) {
	const share = (n: number) => percent(r.total === 0 ? null : n / r.total);
	return [
		...DESTINATION_GROUPS.map((g) => ({
			label: DESTINATION_GROUP_LABELS[g],
			count: r.byGroup[g],
			share: share(r.byGroup[g])
		})),
		{ label: 'No destination recorded', count: r.none, share: share(r.none) }
	];
}

function shown(d: DestinationView | null) {
	return d
		? {
				code: d.code,
				label: d.label,
				yearName: d.yearName,
				institution: d.institution,
				course: d.course,
				recordedOn: longDate(d.recordedOn),
				consent: d.consent === null ? '' : d.consent ? 'Yes' : 'No'
			}
		: null;
}

/** "Year 11, stayed on" or "Year 13". */
function finished(p: { leftFromYear: number; stayedOn: boolean }): string {
	return p.stayedOn ? `Year ${p.leftFromYear}, stayed on` : `Year ${p.leftFromYear}`;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, school } = schoolContext(locals);
	const year = yearFromQuery(url);
	const yearGroup = destinationYearGroup(url.searchParams.get('yearGroup'));
	const o = await destinationsOverview(actor, school, year, { yearGroup });
	const query = new URLSearchParams({ year: String(year) });
	if (yearGroup !== undefined) query.set('yearGroup', String(yearGroup));
	return {
		school,
		year,
		yearName: o.yearName,
		years: yearChoices(year),
		yearGroup: yearGroup === undefined ? '' : String(yearGroup),
		yearGroups: DESTINATION_YEAR_GROUPS.map((g) => ({ value: String(g), label: `Year ${g}` })),
		exportQuery: query.toString(),
		canEdit: can(actor, 'destinations.edit', school.id),
		intended: o.intended.map((g) => ({
			yearGroup: g.yearGroup,
			forYearName: g.forYearName,
			total: g.rollUp.total,
			recorded: g.rollUp.recorded,
			none: g.rollUp.none,
			rows: rollUpRows(g.rollUp),
			missing: g.pupils.filter((p) => !p.destination).map((p) => ({ id: p.pupilId, name: p.name, upn: p.upn })),
			pupils: g.pupils
				.filter((p) => p.destination)
				.map((p) => ({ id: p.pupilId, name: p.name, upn: p.upn, destination: shown(p.destination)! }))
		})),
		cohorts: o.cohorts.map((c) => ({
			leftIn: c.leftIn,
			leftInName: c.leftInName,
			total: c.rollUp.total,
			recorded: c.rollUp.recorded,
			none: c.rollUp.none,
			neetShare: percent(c.rollUp.neetShare),
			notKnownShare: percent(c.rollUp.notKnownShare),
			rows: rollUpRows(c.rollUp),
			missing: c.pupils
				.filter((p) => !p.destination)
				.map((p) => ({ id: p.pupilId, name: p.name, upn: p.upn, finished: finished(p) })),
			pupils: c.pupils
				.filter((p) => p.destination)
				.map((p) => ({
					id: p.pupilId,
					name: p.name,
					upn: p.upn,
					finished: finished(p),
					destination: shown(p.destination)!
				}))
		}))
	};
};
