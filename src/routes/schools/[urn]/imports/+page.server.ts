import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { allImporters } from '#lib/server/imports/registry.ts';
import type { PageServerLoad } from './$types';

/** Every import the person may make here, with what it is for and the columns it reads. */
export const load: PageServerLoad = ({ locals }) => {
	const { actor, school } = schoolContext(locals);
	const base = `/schools/${school.urn}/imports`;
	return {
		school: { urn: school.urn, name: school.name },
		imports: allImporters()
			.filter((i) => can(actor, i.action, school.id))
			.map((i) => ({
				kind: i.kind,
				title: i.title,
				noun: i.noun,
				description: i.description,
				href: `${base}/${i.kind}`,
				templateHref: `${base}/${i.kind}/template`,
				columns: i.columns.map((c) => [c.heading, c.required ? 'Yes' : 'No', c.help])
			}))
	};
};
