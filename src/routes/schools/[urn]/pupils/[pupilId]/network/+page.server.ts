import { schoolContext } from '#lib/server/route-context.ts';
import { can } from '#lib/server/access/actor.ts';
import { pupilNetworksOn } from '#lib/server/schools/service.ts';
import {
	loadNetworkPage,
	networkActions
} from '../../../../../workbook/[participantId]/network/network-page.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The same tool as the workbook's social-capital map (one implementation), with the pupil as its owner.

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, school } = schoolContext(locals);
	const pupilHref = `/schools/${school.urn}/pupils/${params.pupilId}`;
	if (!(await pupilNetworksOn(school.id))) {
		return { off: true as const, school, pupilHref, canTurnOn: can(actor, 'school.manage', school.id) };
	}
	const page = await loadNetworkPage(
		{ actor, ref: { school, pupilId: params.pupilId }, base: `${pupilHref}/network`, requestId: locals.requestId },
		url
	);
	return { off: false as const, school, pupilHref, ...page, canEdit: can(actor, 'pupil-networks.edit', school.id) };
};

export const actions: Actions = networkActions((event) => {
	const { actor, school } = schoolContext(event.locals);
	const pupilId = event.params.pupilId ?? '';
	return {
		actor,
		ref: { school, pupilId },
		base: `/schools/${school.urn}/pupils/${pupilId}/network`,
		requestId: event.locals.requestId
	};
});
