import { layoutFor } from '#lib/server/navigation.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const place = locals.school?.id ?? locals.group?.id;
	return layoutFor(locals.actor, place, Boolean(locals.school?.isDemo));
};
