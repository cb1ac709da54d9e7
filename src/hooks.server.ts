import { error, redirect } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { ConfigError } from '#lib/server/config.ts';
import { DataFolderInUseError } from '#lib/server/db/lock.ts';
import { startWaymark } from '#lib/server/startup.ts';
import { actorForSession, SESSION_COOKIE } from '#lib/server/auth/session.ts';
import { ruleFor } from '#lib/server/access/routes.ts';
import { ForbiddenError, NotFoundError } from '#lib/server/access/actor.ts';
import { groupForActor, schoolForActor } from '#lib/server/schools/service.ts';
import { programmeForActor, workbookForActor } from '#lib/server/development/access.ts';
import { judgeFiguresAheadSoon } from '#lib/server/compliance/service.ts';

export const init: ServerInit = async () => {
	try {
		await startWaymark();
	} catch (e) {
		if (e instanceof ConfigError || e instanceof DataFolderInUseError) {
			// A plain message, not a stack trace: the operator has something to fix.
			console.error(`Waymark cannot start: ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.requestId = randomUUID().slice(0, 8);
	event.locals.actor = await actorForSession(event.cookies.get(SESSION_COOKIE));
	const routeId = event.route.id;
	if (routeId) {
		const rule = ruleFor(routeId);
		// A route nobody wrote a rule for is closed, never open by accident.
		if (!rule) error(500, `No access rule for ${routeId}`);
		const actor = event.locals.actor;
		if (rule.access !== 'public' && !actor) {
			if (event.request.method === 'GET') {
				redirect(303, `/sign-in?returnTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
			}
			error(401, 'Sign in to continue');
		}
		if (actor) {
			try {
				if (rule.access === 'school')
					event.locals.school = await schoolForActor(actor, event.params.urn ?? '', rule.action);
				if (rule.access === 'group') event.locals.group = await groupForActor(actor, event.params.groupId ?? '');
				const params: Partial<Record<string, string>> = event.params;
				if (rule.access === 'programme')
					event.locals.programme = await programmeForActor(actor, params.programmeId ?? '', rule.action);
				if (rule.access === 'workbook')
					event.locals.workbook = await workbookForActor(actor, params.participantId ?? '');
			} catch (e) {
				// Not thrown here: a refusal thrown from a hook gets a bare page. The page's own load throws
				// it (route-context.ts), so the app's error page explains it.
				if (e instanceof NotFoundError) event.locals.denied = { status: 404, message: 'Page not found' };
				else if (e instanceof ForbiddenError)
					event.locals.denied = { status: 403, message: 'You do not have permission to see this page' };
				else throw e;
			}
		}
	}
	const response = await resolve(event);
	// A form sent on a school's pages may have changed what its coverage figures are judged from: judge
	// them again now, in the background, rather than at the next view or the next minute.
	if (event.locals.school && event.request.method === 'POST')
		judgeFiguresAheadSoon().catch((e: unknown) =>
			console.error(`Waymark: could not judge the coverage figures ahead: ${(e as Error).message}`)
		);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.locals.actor) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handleError: HandleServerError = (caught) => {
	const { event } = caught;
	const requestId = event.locals.requestId ?? randomUUID().slice(0, 8);
	if (caught.kind === 'framework' && caught.error.status === 404) return { message: 'Page not found', requestId };
	if (caught.kind === 'app') return { ...caught.error, requestId };
	// Anything unexpected: log it with the request id the person will quote, show them nothing internal.
	console.error(`[${requestId}] ${event.request.method} ${event.url.pathname}:`, caught.error);
	return { message: 'Sorry, there is a problem with the service', requestId };
};
