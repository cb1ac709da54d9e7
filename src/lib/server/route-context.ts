/**
 * What a school or trust page needs from the request: the actor and the place, already checked by
 * the request hook against the route's access rule. When the hook refused, this throws that refusal
 * from inside the page, so the app's own error page (with header and help) shows it.
 */
import { error } from '@sveltejs/kit';
import type { Actor } from './access/actor.ts';
import type { Group, School } from './schools/service.ts';
import type { ProgrammeAccess, Workbook } from './development/access.ts';

export type Refusal = { status: 401 | 403 | 404; message: string };

type Locals = {
	actor: Actor | null;
	school?: School;
	group?: Group;
	programme?: ProgrammeAccess;
	workbook?: Workbook;
	denied?: Refusal;
};

function refuse(locals: Locals): never {
	const denied = locals.denied ?? { status: 404, message: 'Page not found' };
	error(denied.status, denied.message);
}

export function schoolContext(locals: Locals): { actor: Actor; school: School } {
	if (locals.denied || !locals.actor || !locals.school) refuse(locals);
	return { actor: locals.actor, school: locals.school };
}

export function groupContext(locals: Locals): { actor: Actor; group: Group } {
	if (locals.denied || !locals.actor || !locals.group) refuse(locals);
	return { actor: locals.actor, group: locals.group };
}

export function programmeContext(locals: Locals): { actor: Actor } & ProgrammeAccess {
	if (locals.denied || !locals.actor || !locals.programme) refuse(locals);
	return { actor: locals.actor, ...locals.programme };
}

export function workbookContext(locals: Locals): { actor: Actor; workbook: Workbook } {
	if (locals.denied || !locals.actor || !locals.workbook) refuse(locals);
	return { actor: locals.actor, workbook: locals.workbook };
}
