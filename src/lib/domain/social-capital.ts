/**
 * The social-capital map (issue 6 §2b; seed 002): the people someone knows who could help them (or
 * their pupils) with careers, grouped by sphere, with a tie strength from 1 (an acquaintance) to 10
 * (close family) and optionally the kind of tie (bonding, bridging, linking — Putnam; Woolcock).
 *
 * A person keeps the same personKey from one snapshot to the next, so growth between two snapshots is
 * found by matching person keys, not names (names may be corrected or shortened).
 */

import { NETWORK_SPHERES, TIE_TYPES, type NetworkSphere, type TieType } from './development.ts';

export type { NetworkSphere, TieType };

export type NetworkContact = {
	personKey: string;
	name: string;
	sphere: NetworkSphere;
	tieStrength: number;
	tieType: TieType | null;
};

/**
 * A new tie of strength 4 or less counts as a "weak tie". Granovetter ("The strength of weak ties",
 * 1973) showed acquaintances outside one's close circle are the ties most likely to bring new
 * information and opportunities, such as jobs — so adding weak ties is growth worth seeing.
 */
export const WEAK_TIE_MAX_STRENGTH = 4;

export type TieStrengthening<C extends NetworkContact = NetworkContact> = {
	contact: C;
	from: number;
	to: number;
};

export type NetworkGrowth<C extends NetworkContact = NetworkContact> = {
	/** People in the later snapshot who were not in the earlier one. */
	newTies: C[];
	/** New ties with strength ≤ 4: "weak ties" in Granovetter's sense (see WEAK_TIE_MAX_STRENGTH). */
	weakTiesAdded: C[];
	/** People in the earlier snapshot who are not in the later one (as they were before). */
	lost: C[];
	/** People in both whose tie strength went up (contact as it is after). */
	strengthened: TieStrengthening<C>[];
	/** Spheres with at least one contact, in NETWORK_SPHERES order. */
	spheresBefore: NetworkSphere[];
	spheresAfter: NetworkSphere[];
	/** Spheres in the later snapshot that had nobody in the earlier one. */
	spheresReached: NetworkSphere[];
};

/** What changed between two snapshots of a network, matching people by personKey. */
export function networkGrowth<C extends NetworkContact>(before: readonly C[], after: readonly C[]): NetworkGrowth<C> {
	const beforeByKey = new Map(before.map((c) => [c.personKey, c]));
	const afterKeys = new Set(after.map((c) => c.personKey));
	const newTies = after.filter((c) => !beforeByKey.has(c.personKey));
	const weakTiesAdded = newTies.filter((c) => c.tieStrength <= WEAK_TIE_MAX_STRENGTH);
	const lost = before.filter((c) => !afterKeys.has(c.personKey));
	const strengthened: TieStrengthening<C>[] = [];
	for (const contact of after) {
		const earlier = beforeByKey.get(contact.personKey);
		if (earlier && contact.tieStrength > earlier.tieStrength) {
			strengthened.push({ contact, from: earlier.tieStrength, to: contact.tieStrength });
		}
	}
	const spheresBefore = spheresOf(before);
	const spheresAfter = spheresOf(after);
	const spheresReached = spheresAfter.filter((s) => !spheresBefore.includes(s));
	return { newTies, weakTiesAdded, lost, strengthened, spheresBefore, spheresAfter, spheresReached };
}

export type NetworkSummary = {
	total: number;
	bySphere: Record<NetworkSphere, number>;
	/** Contacts per tie type; 'unspecified' counts contacts with no tie type recorded. */
	byTieType: Record<TieType | 'unspecified', number>;
	/** Mean tie strength, null for an empty network. */
	meanStrength: number | null;
	weakTies: number;
};

/** Counts per sphere and tie type, and the mean tie strength. */
export function networkSummary(contacts: readonly NetworkContact[]): NetworkSummary {
	const bySphere = Object.fromEntries(NETWORK_SPHERES.map((s) => [s, 0])) as Record<NetworkSphere, number>;
	const byTieType = Object.fromEntries([...TIE_TYPES, 'unspecified'].map((t) => [t, 0])) as Record<
		TieType | 'unspecified',
		number
	>;
	let strengthSum = 0;
	let weakTies = 0;
	for (const contact of contacts) {
		bySphere[contact.sphere] += 1;
		byTieType[contact.tieType ?? 'unspecified'] += 1;
		strengthSum += contact.tieStrength;
		if (contact.tieStrength <= WEAK_TIE_MAX_STRENGTH) weakTies += 1;
	}
	return {
		total: contacts.length,
		bySphere,
		byTieType,
		meanStrength: contacts.length === 0 ? null : strengthSum / contacts.length,
		weakTies
	};
}

function spheresOf(contacts: readonly NetworkContact[]): NetworkSphere[] {
	const present = new Set(contacts.map((c) => c.sphere));
	return NETWORK_SPHERES.filter((s) => present.has(s));
}
