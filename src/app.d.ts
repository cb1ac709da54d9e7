// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor } from '#lib/server/access/actor.ts';

declare global {
	namespace App {
		interface Error {
			/** What happened and what to do, in words the person can act on. */
			message: string;
			/** Quoted to support so an operator can find the request in the logs. */
			requestId?: string;
		}
		interface Locals {
			/** The signed-in person, or null when nobody is signed in. */
			actor: Actor | null;
			/** One id per request, in every log line and audit event it causes. */
			requestId: string;
			/** On school pages (/schools/[urn]/…): the school, already checked against the route's access rule. */
			school?: import('#lib/server/schools/service.ts').School;
			/** On trust and Careers Hub pages (/groups/[groupId]). */
			group?: import('#lib/server/schools/service.ts').Group;
			/** On development programme pages (/development/[programmeId]/…): the programme and how the person stands to it. */
			programme?: import('#lib/server/development/access.ts').ProgrammeAccess;
			/** On workbook pages (/workbook/[participantId]/…): the person's own workbook. */
			workbook?: import('#lib/server/development/access.ts').Workbook;
			/** Set by the request hook when the route's access rule refuses; thrown by the page (route-context.ts). */
			denied?: import('#lib/server/route-context.ts').Refusal;
		}
		interface PageData {
			/** From the root layout (src/routes/+layout.server.ts); see #lib/components/layout-types.ts. */
			user?: import('#lib/components/layout-types.ts').LayoutData['user'];
			current?: import('#lib/components/layout-types.ts').LayoutData['current'];
			places?: import('#lib/components/layout-types.ts').LayoutData['places'];
			nav?: import('#lib/components/layout-types.ts').LayoutData['nav'];
			demo?: boolean;
		}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
