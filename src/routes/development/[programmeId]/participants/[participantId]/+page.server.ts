import { error } from '@sveltejs/kit';
import { programmeContext } from '#lib/server/route-context.ts';
import { NotFoundError } from '#lib/server/access/actor.ts';
import { sharedWorkbook } from '#lib/server/development/cohort-evaluation.ts';
import {
	NETWORK_SPHERE_LABELS,
	PROMISE_PROGRESS_LABELS,
	PURPOSE_SCALE_LABELS,
	TIE_TYPE_LABELS
} from '#lib/domain/development.ts';
import { HALF_TERM_LABELS, type HalfTerm } from '#lib/domain/activities.ts';
import { academicYearName, longDate } from '#lib/domain/academic-year.ts';
import type { PageServerLoad } from './$types';

const fixed = (n: number | null, places: number) => (n === null ? '–' : n.toFixed(places));
const signed = (n: number | null, places: number) => (n === null ? '–' : `${n > 0 ? '+' : ''}${n.toFixed(places)}`);

/** A participant's workbook as their tutor sees it: shared parts only (the service never loads the rest). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { actor, programme } = programmeContext(locals);
	let view;
	try {
		view = await sharedWorkbook(actor, programme.id, params.participantId, locals.requestId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const c = view.contents;
	const purpose = c.purpose && {
		occasions: (
			[
				['At the start', c.purpose.start],
				['At the end', c.purpose.end]
			] as const
		)
			.filter(([, a]) => a !== null)
			.map(([label, a]) => ({
				label,
				answeredOn: longDate(a!.answeredOn),
				aspiration: a!.aspiration,
				score: `total ${a!.score.total} from ${a!.score.answered} of ${c.purpose!.statements.length} statements; mean ${fixed(a!.score.mean, 2)}`
			})),
		rows: c.purpose.statements.map((s) => {
			const start = c.purpose!.start?.ratings[s.id];
			const end = c.purpose!.end?.ratings[s.id];
			const change = c.purpose!.change.perStatement.find((x) => x.statementId === s.id)?.change ?? null;
			return {
				text: s.text,
				start: start === undefined ? '–' : `${start} (${PURPOSE_SCALE_LABELS[start]})`,
				end: end === undefined ? '–' : `${end} (${PURPOSE_SCALE_LABELS[end]})`,
				change: signed(change, 0)
			};
		}),
		change:
			c.purpose.change.mean === null
				? null
				: `total ${signed(c.purpose.change.total, 0)}, mean ${signed(c.purpose.change.mean, 2)}`
	};
	const network = c.network && {
		snapshots: c.network.snapshots.map((s) => ({
			id: s.id,
			takenOn: longDate(s.takenOn),
			note: s.note,
			contacts: s.contacts.map((x) => ({
				name: x.name,
				sphere: NETWORK_SPHERE_LABELS[x.sphere] ?? x.sphere,
				strength: x.tieStrength,
				type: x.tieType ? TIE_TYPE_LABELS[x.tieType] : '–',
				help: x.howTheyMightHelp ?? '',
				introduce: x.couldIntroduce ?? ''
			}))
		})),
		growth: c.network.growth && {
			...c.network.growth,
			from: longDate(c.network.growth.from),
			to: longDate(c.network.growth.to),
			spheresReached: c.network.growth.spheresReached.map((s) => NETWORK_SPHERE_LABELS[s])
		}
	};
	return {
		programme: { id: programme.id, title: programme.title },
		participant: view.participant,
		cohort: view.cohort,
		parts: view.parts,
		purpose,
		network,
		reflection: c.reflection,
		timeline: c.timeline,
		postcard: c.postcard && {
			...c.postcard,
			achieveBy: longDate(c.postcard.achieveBy),
			remindOn: longDate(c.postcard.remindOn),
			progress: c.postcard.reviewProgress ? PROMISE_PROGRESS_LABELS[c.postcard.reviewProgress] : null
		},
		appreciation: c.appreciation,
		subjectMaps: c.subjectMaps?.map((m) => ({
			id: m.id,
			title: `${m.subject}, ${academicYearName(m.academicYear)}`,
			entries: m.entries.map((e) => ({
				...e,
				halfTermLabel: HALF_TERM_LABELS[e.halfTerm as HalfTerm] ?? String(e.halfTerm)
			}))
		}))
	};
};
