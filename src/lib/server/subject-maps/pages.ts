/**
 * What the map pages share, for both owners (a school's /schools/URN/subject-maps/… and a participant's
 * /workbook/ID/subject-maps/…): one page model, one set of form actions, one cards sheet.
 */
import { error, redirect, type ActionFailure } from '@sveltejs/kit';
import { ForbiddenError, NotFoundError, type Actor } from '../access/actor.ts';
import { readForm, text, type FormFailure } from '../forms.ts';
import { formFailure } from '../benchmarks/pages.ts';
import { OCCUPATION_ROUTE_LABELS } from '../../domain/development.ts';
import { HALF_TERM_LABELS, HALF_TERMS, type HalfTerm } from '../../domain/activities.ts';
import { searchVisibleOccupations, type Occupation } from '../occupations/service.ts';
import {
	addEntry,
	cellsByKey,
	deleteMap,
	distinctOccupations,
	getMap,
	mayEdit,
	removeEntry,
	updateMap,
	type MapOwner,
	type SubjectMap
} from './service.ts';

/** Where the owner's maps live. */
export function mapsBase(owner: MapOwner): string {
	return owner.kind === 'school'
		? `/schools/${owner.school.urn}/subject-maps`
		: `/workbook/${owner.workbook.participant.id}/subject-maps`;
}

/** A career as a card shows it (plain data for the page). */
export type CardData = {
	id: string;
	title: string;
	description: string | null;
	keySkill: string | null;
	subjects: string[];
	routes: string[];
	socCode: string | null;
	socTitle: string | null;
	/** Where it sits on the map, e.g. "Year 7, Autumn 1". */
	placed: string[];
};

export function cardOf(occupation: Occupation, placed: string[] = []): CardData {
	return {
		id: occupation.id,
		title: occupation.title,
		description: occupation.description,
		keySkill: occupation.keySkill,
		subjects: occupation.subjects,
		routes: occupation.routes.map((r) => OCCUPATION_ROUTE_LABELS[r]),
		socCode: occupation.socCode,
		socTitle: occupation.socTitle,
		placed
	};
}

export type GridRow = {
	yearGroup: number;
	cells: {
		halfTerm: HalfTerm;
		label: string;
		entries: { id: string; occupationId: string; title: string; note: string | null }[];
	}[];
};

export function gridRows(map: SubjectMap): GridRow[] {
	const byKey = cellsByKey(map);
	return map.yearGroups.map((yearGroup) => ({
		yearGroup,
		cells: HALF_TERMS.map((halfTerm) => ({
			halfTerm,
			label: HALF_TERM_LABELS[halfTerm],
			entries: (byKey.get(`${yearGroup}-${halfTerm}`) ?? []).map((e) => ({
				id: e.id,
				occupationId: e.occupation.id,
				title: e.occupation.title,
				note: e.note
			}))
		}))
	}));
}

function mapHeader(map: SubjectMap) {
	return {
		id: map.id,
		subject: map.subject,
		academicYear: map.academicYear,
		academicYearName: map.academicYearName,
		includesSixthForm: map.includesSixthForm,
		entries: map.cells.length,
		copiedFromId: map.copiedFromId,
		offeredToSchoolName: map.offeredToSchoolName,
		offeredAt: map.offeredAt
	};
}

export async function loadOwnedMap(actor: Actor, owner: MapOwner, mapId: string): Promise<SubjectMap> {
	try {
		return await getMap(actor, owner, mapId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		if (e instanceof ForbiddenError) error(403, 'You do not have permission to do that');
		throw e;
	}
}

/** The grid editor page: the map, its rows, and (for editors) the add-a-career form with its search. */
export async function mapPageData(actor: Actor, owner: MapOwner, mapId: string, url: URL) {
	const map = await loadOwnedMap(actor, owner, mapId);
	const canEdit = mayEdit(actor, owner);
	const q = (url.searchParams.get('q') ?? '').trim();
	// With no words, offer the careers linked to the map's subject (then everything).
	const allSubjects = url.searchParams.get('all') === '1';
	let search = { items: [] as Occupation[], total: 0 };
	let searchedSubject = false;
	if (canEdit) {
		const organisationId = owner.kind === 'school' ? owner.school.id : null;
		if (q || allSubjects) {
			search = await searchVisibleOccupations(organisationId, { query: q, pageSize: 20 });
		} else {
			search = await searchVisibleOccupations(organisationId, { subject: map.subject, pageSize: 30 });
			searchedSubject = true;
			if (search.total === 0) {
				search = await searchVisibleOccupations(organisationId, { source: 'seed', pageSize: 30 });
				searchedSubject = false;
			}
		}
	}
	const year = Number(url.searchParams.get('yearGroup'));
	const half = Number(url.searchParams.get('halfTerm'));
	return {
		base: mapsBase(owner),
		map: mapHeader(map),
		rows: gridRows(map),
		canEdit,
		yearOptions: map.yearGroups.map((y) => ({ value: String(y), label: `Year ${y}` })),
		halfTermOptions: HALF_TERMS.map((h) => ({ value: String(h), label: HALF_TERM_LABELS[h] })),
		chosen: {
			yearGroup: map.yearGroups.includes(year) ? String(year) : '',
			halfTerm: (HALF_TERMS as readonly number[]).includes(half) ? String(half) : ''
		},
		search: {
			q,
			subjectOnly: searchedSubject,
			total: search.total,
			results: search.items.map((o) => ({
				value: o.id,
				label: o.title,
				hint: [o.description, o.socCode ? `SOC 2020 ${o.socCode}` : null].filter(Boolean).join(' · ') || undefined
			}))
		},
		showsSoc: search.items.some((o) => o.socCode) || map.cells.some((c) => c.occupation.socCode),
		added: url.searchParams.get('added'),
		removed: url.searchParams.get('removed'),
		saved: url.searchParams.has('saved')
	};
}

/** The printable sheet of career cards: each career on the map once, with where it sits. */
export async function cardsPageData(actor: Actor, owner: MapOwner, mapId: string) {
	const map = await loadOwnedMap(actor, owner, mapId);
	const placed = new Map<string, string[]>();
	for (const c of map.cells)
		placed.set(c.occupation.id, [
			...(placed.get(c.occupation.id) ?? []),
			`Year ${c.yearGroup}, ${HALF_TERM_LABELS[c.halfTerm]}`
		]);
	const cards = distinctOccupations(map).map((o) => cardOf(o, placed.get(o.id) ?? []));
	return { base: mapsBase(owner), map: mapHeader(map), cards, showsSoc: cards.some((c) => c.socCode) };
}

type OwnerOf = (locals: App.Locals) => { actor: Actor; owner: MapOwner };
type MapActionEvent = { request: Request; locals: App.Locals; params: { mapId: string } };
type MapAction = (event: MapActionEvent) => Promise<ActionFailure<FormFailure> | undefined>;

/** The grid page's form actions, for either owner. */
export function mapActions(ownerOf: OwnerOf): Record<'add' | 'remove' | 'update' | 'delete', MapAction> {
	return {
		add: async ({ request, locals, params }) => {
			const { actor, owner } = ownerOf(locals);
			const { values } = await readForm(request);
			try {
				await addEntry(actor, owner, params.mapId, {
					yearGroup: text(values, 'yearGroup'),
					halfTerm: text(values, 'halfTerm'),
					occupationId: text(values, 'occupationId'),
					note: text(values, 'note')
				});
			} catch (e) {
				return formFailure(e, values);
			}
			const back = new URLSearchParams({
				added: '1',
				yearGroup: text(values, 'yearGroup'),
				halfTerm: text(values, 'halfTerm')
			});
			redirect(303, `${mapsBase(owner)}/${params.mapId}?${back}#year-${text(values, 'yearGroup')}`);
		},
		remove: async ({ request, locals, params }) => {
			const { actor, owner } = ownerOf(locals);
			const { values } = await readForm(request);
			try {
				await removeEntry(actor, owner, params.mapId, text(values, 'entryId'));
			} catch (e) {
				return formFailure(e, values);
			}
			redirect(303, `${mapsBase(owner)}/${params.mapId}?removed=1`);
		},
		update: async ({ request, locals, params }) => {
			const { actor, owner } = ownerOf(locals);
			const { values } = await readForm(request);
			try {
				await updateMap(actor, owner, params.mapId, {
					subject: text(values, 'subject'),
					includesSixthForm: text(values, 'includesSixthForm') === 'yes'
				});
			} catch (e) {
				return formFailure(e, values);
			}
			redirect(303, `${mapsBase(owner)}/${params.mapId}?saved`);
		},
		delete: async ({ locals, params }) => {
			const { actor, owner } = ownerOf(locals);
			let year: number;
			try {
				year = (await deleteMap(actor, owner, params.mapId)).academicYear;
			} catch (e) {
				return formFailure(e, {});
			}
			redirect(303, `${mapsBase(owner)}?year=${year}&deleted=1`);
		}
	};
}
