import { schoolContext } from '#lib/server/route-context.ts';
import type { LayoutServerLoad } from './$types';

/** Every page under a school is refused here too, so a page without a load of its own is still guarded. */
export const load: LayoutServerLoad = ({ locals }) => {
	schoolContext(locals);
	return {};
};
