/** Route helpers for this area: a service's refusal becomes the app's error page with the right status. */
import { error } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError } from '../access/actor.ts';

/** Re-throws NotFoundError as 404 and ForbiddenError as 403; anything else unchanged. */
export function refuse(e: unknown): never {
	if (e instanceof NotFoundError) error(404, 'Page not found');
	if (e instanceof ForbiddenError) error(403, 'You do not have permission to do that');
	throw e;
}
