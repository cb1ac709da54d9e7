import { groupContext } from '#lib/server/route-context.ts';
import type { LayoutServerLoad } from './$types';

/** Every page under a trust or hub is refused here too, so a page without a load of its own is still guarded. */
export const load: LayoutServerLoad = ({ locals }) => {
	groupContext(locals);
	return {};
};
