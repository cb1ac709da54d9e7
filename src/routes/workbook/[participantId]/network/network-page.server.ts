/**
 * What the two social-capital map pages share — a participant's own (/workbook/ID/network) and a
 * pupil's (/schools/URN/pupils/ID/network): reading the address, shaping the data the page shows,
 * and the forms' actions. The services decide who may do what (development/network.ts).
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { NotFoundError, type Actor } from '#lib/server/access/actor.ts';
import {
	addContact,
	deleteSnapshot,
	networkView,
	removeContact,
	takeSnapshot,
	updateContact,
	updateSnapshot,
	type Contact,
	type NetworkOwnerRef
} from '#lib/server/development/network.ts';
import { formFailure } from '#lib/server/benchmarks/pages.ts';
import { readForm, text, type FormValues } from '#lib/server/forms.ts';
import { ValidationError } from '#lib/server/errors.ts';
import {
	NETWORK_SPHERE_LABELS,
	NETWORK_SPHERES,
	TIE_TYPE_LABELS,
	TIE_TYPES,
	type TieType
} from '#lib/domain/development.ts';
import { WEAK_TIE_MAX_STRENGTH } from '#lib/domain/social-capital.ts';
import { longDate, todayInLondon } from '#lib/domain/academic-year.ts';

export type NetworkPlace = { actor: Actor; ref: NetworkOwnerRef; base: string; requestId?: string };

const STRENGTH_WORDS: Record<number, string> = { 1: 'an acquaintance', 10: 'close family' };

function contactRow(c: Contact) {
	return {
		id: c.id,
		personKey: c.personKey,
		name: c.name,
		sphere: c.sphere,
		sphereLabel: NETWORK_SPHERE_LABELS[c.sphere],
		tieStrength: c.tieStrength,
		tieType: c.tieType ?? '',
		tieTypeLabel: c.tieType ? TIE_TYPE_LABELS[c.tieType as TieType] : 'Not given',
		howTheyMightHelp: c.howTheyMightHelp ?? '',
		couldIntroduce: c.couldIntroduce ?? ''
	};
}

export type ContactRow = ReturnType<typeof contactRow>;

/** The page's data: snapshots, the shown snapshot's contacts, a contact being changed, a comparison. */
export async function loadNetworkPage(place: NetworkPlace, url: URL) {
	const snapshotId = url.searchParams.get('snapshot') || null;
	const from = url.searchParams.get('from') || '';
	const to = url.searchParams.get('to') || '';
	let view;
	try {
		view = await networkView(
			place.actor,
			place.ref,
			{ snapshotId, compare: from && to ? { from, to } : null },
			place.requestId
		);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Page not found');
		throw e;
	}
	const snapshots = view.snapshots.map((s) => ({
		id: s.id,
		takenOn: s.takenOn,
		label: longDate(s.takenOn),
		note: s.note ?? '',
		contactCount: s.contactCount
	}));
	const current = view.current;
	const contacts = current ? current.contacts.map(contactRow) : [];
	const editId = url.searchParams.get('edit');
	const editing = editId ? (contacts.find((c) => c.id === editId) ?? null) : null;
	const latest = snapshots.at(-1) ?? null;
	const comparison = view.comparison
		? {
				from: longDate(view.comparison.from.takenOn),
				to: longDate(view.comparison.to.takenOn),
				fromId: view.comparison.from.id,
				toId: view.comparison.to.id,
				newTies: view.comparison.growth.newTies.map(contactRow),
				weakTiesAdded: view.comparison.growth.weakTiesAdded.map(contactRow),
				lost: view.comparison.growth.lost.map(contactRow),
				strengthened: view.comparison.growth.strengthened.map((s) => ({
					...contactRow(s.contact),
					from: s.from,
					to: s.to
				})),
				spheresReached: view.comparison.growth.spheresReached.map((s) => NETWORK_SPHERE_LABELS[s])
			}
		: null;
	return {
		base: place.base,
		ownerKind: view.owner.kind,
		ownerName: view.owner.name,
		snapshots,
		current: current
			? {
					id: current.id,
					label: longDate(current.takenOn),
					takenOn: current.takenOn,
					note: current.note ?? '',
					isLatest: current.id === latest?.id,
					summary: {
						total: current.summary.total,
						meanStrength: current.summary.meanStrength,
						weakTies: current.summary.weakTies,
						byTieType: [
							...TIE_TYPES.map((t) => ({ label: TIE_TYPE_LABELS[t], count: current.summary.byTieType[t] })),
							{ label: 'Not given', count: current.summary.byTieType.unspecified }
						]
					}
				}
			: null,
		latest,
		contacts,
		mapContacts: current
			? current.contacts.map((c) => ({ name: c.name, sphere: c.sphere, tieStrength: c.tieStrength }))
			: [],
		editing,
		comparison,
		compareDefaults: {
			from: comparison?.fromId ?? snapshots.at(-2)?.id ?? '',
			to: comparison?.toId ?? latest?.id ?? ''
		},
		today: todayInLondon(),
		weakTieMax: WEAK_TIE_MAX_STRENGTH,
		options: {
			spheres: NETWORK_SPHERES.map((s) => ({ value: s, label: NETWORK_SPHERE_LABELS[s] })),
			tieTypes: TIE_TYPES.map((t) => ({ value: t, label: TIE_TYPE_LABELS[t] })),
			strengths: Array.from({ length: 10 }, (_, i) => i + 1).map((n) => ({
				value: String(n),
				label: STRENGTH_WORDS[n] ? `${n} – ${STRENGTH_WORDS[n]}` : String(n)
			}))
		},
		saved: url.searchParams.get('saved') ?? null
	};
}

function contactInput(values: FormValues) {
	return {
		name: text(values, 'name'),
		sphere: text(values, 'sphere'),
		tieStrength: text(values, 'tieStrength'),
		tieType: text(values, 'tieType'),
		howTheyMightHelp: text(values, 'howTheyMightHelp'),
		couldIntroduce: text(values, 'couldIntroduce')
	};
}

function prefixed(e: unknown, prefix: string): unknown {
	if (!(e instanceof ValidationError)) return e;
	return new ValidationError(e.errors.map((x) => ({ ...x, field: `${prefix}${x.field}` })));
}

function back(place: NetworkPlace, snapshotId: string | null, saved: string, hash = ''): never {
	const query = new URLSearchParams();
	if (snapshotId) query.set('snapshot', snapshotId);
	query.set('saved', saved);
	redirect(303, `${place.base}?${query.toString()}${hash}`);
}

/** The forms' actions; `placeOf` checks the page's access (schoolContext / workbookContext) first. */
export function networkActions(placeOf: (event: RequestEvent) => NetworkPlace) {
	return {
		addContact: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			let snapshotId: string;
			try {
				({ snapshotId } = await addContact(
					place.actor,
					place.ref,
					text(values, 'snapshotId') || null,
					contactInput(values),
					place.requestId
				));
			} catch (e) {
				return formFailure(e, { ...values, form: 'add' });
			}
			back(place, snapshotId, 'contact-added', '#contacts');
		},
		updateContact: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			try {
				await updateContact(place.actor, place.ref, text(values, 'contactId'), contactInput(values), place.requestId);
			} catch (e) {
				return formFailure(e, { ...values, form: 'edit' });
			}
			back(place, text(values, 'snapshotId') || null, 'contact-changed', '#contacts');
		},
		removeContact: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			let snapshotId: string;
			try {
				({ snapshotId } = await removeContact(place.actor, place.ref, text(values, 'contactId'), place.requestId));
			} catch (e) {
				return formFailure(e, { ...values, form: 'remove' });
			}
			back(place, snapshotId, 'contact-removed', '#contacts');
		},
		takeSnapshot: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			let id: string;
			try {
				({ id } = await takeSnapshot(
					place.actor,
					place.ref,
					{ takenOn: text(values, 'takenOn'), note: text(values, 'note') },
					place.requestId
				));
			} catch (e) {
				return formFailure(e, { ...values, form: 'snapshot' });
			}
			back(place, id, 'snapshot-taken');
		},
		updateSnapshot: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			const snapshotId = text(values, 'snapshotId');
			try {
				await updateSnapshot(
					place.actor,
					place.ref,
					snapshotId,
					{ takenOn: text(values, 'takenOn'), note: text(values, 'note') },
					place.requestId
				);
			} catch (e) {
				// This form's fields have their own ids (the new-snapshot form has takenOn and note too).
				return formFailure(prefixed(e, 'edit-snapshot-'), { ...values, form: 'snapshot-edit' });
			}
			back(place, snapshotId, 'snapshot-changed');
		},
		deleteSnapshot: async (event: RequestEvent) => {
			const place = placeOf(event);
			const { values } = await readForm(event.request);
			try {
				await deleteSnapshot(place.actor, place.ref, text(values, 'snapshotId'), place.requestId);
			} catch (e) {
				return formFailure(e, { ...values, form: 'snapshot-delete' });
			}
			back(place, null, 'snapshot-deleted');
		}
	};
}
