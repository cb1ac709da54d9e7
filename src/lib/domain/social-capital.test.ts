import { describe, expect, it } from 'vitest';
import type { NetworkSphere, TieType } from './development.ts';
import { networkGrowth, networkSummary, WEAK_TIE_MAX_STRENGTH, type NetworkContact } from './social-capital.ts';

function contact(
	personKey: string,
	sphere: NetworkSphere,
	tieStrength: number,
	tieType: TieType | null = null,
	name = `Person ${personKey}`
): NetworkContact {
	return { personKey, name, sphere, tieStrength, tieType };
}

const keys = (contacts: readonly NetworkContact[]) => contacts.map((c) => c.personKey);

describe('networkGrowth (network growth between snapshots)', () => {
	it.each([
		{
			name: 'two empty snapshots',
			before: [],
			after: [],
			newTies: [],
			weak: [],
			lost: [],
			reached: []
		},
		{
			name: 'the same network twice',
			before: [contact('a', 'family', 9), contact('b', 'friends', 3)],
			after: [contact('a', 'family', 9), contact('b', 'friends', 3)],
			newTies: [],
			weak: [],
			lost: [],
			reached: []
		},
		{
			name: 'from nothing: every contact is new, every sphere reached',
			before: [],
			after: [contact('a', 'family', 9), contact('b', 'employers', 2)],
			newTies: ['a', 'b'],
			weak: ['b'],
			lost: [],
			reached: ['family', 'employers']
		},
		{
			name: 'new ties, one weak, one lost, one sphere reached',
			before: [contact('a', 'family', 9), contact('b', 'friends', 5)],
			after: [contact('a', 'family', 9), contact('c', 'employers', 2), contact('d', 'friends', 7)],
			newTies: ['c', 'd'],
			weak: ['c'],
			lost: ['b'],
			reached: ['employers']
		},
		{
			name: 'weak-tie boundary: 4 is weak, 5 is not',
			before: [],
			after: [contact('w', 'professional', 4), contact('s', 'professional', 5), contact('x', 'university', 1)],
			newTies: ['w', 's', 'x'],
			weak: ['w', 'x'],
			lost: [],
			reached: ['university', 'professional']
		},
		{
			name: 'everyone lost',
			before: [contact('a', 'family', 9)],
			after: [],
			newTies: [],
			weak: [],
			lost: ['a'],
			reached: []
		},
		{
			name: 'a known person weakly tied is not a new weak tie',
			before: [contact('a', 'employers', 2)],
			after: [contact('a', 'employers', 2)],
			newTies: [],
			weak: [],
			lost: [],
			reached: []
		}
	])('$name', ({ before, after, newTies, weak, lost, reached }) => {
		const growth = networkGrowth(before, after);
		expect(keys(growth.newTies)).toEqual(newTies);
		expect(keys(growth.weakTiesAdded)).toEqual(weak);
		expect(keys(growth.lost)).toEqual(lost);
		expect(growth.spheresReached).toEqual(reached);
	});

	it('matches people by personKey, not by name', () => {
		const growth = networkGrowth(
			[contact('k1', 'friends', 3, null, 'Sam Jones')],
			[contact('k1', 'friends', 3, null, 'Samantha Jones'), contact('k2', 'friends', 3, null, 'Sam Jones')]
		);
		expect(keys(growth.newTies)).toEqual(['k2']);
		expect(growth.lost).toEqual([]);
	});

	it('lists ties that got stronger, with from and to, but not weaker or unchanged ones', () => {
		const growth = networkGrowth(
			[contact('a', 'family', 5), contact('b', 'friends', 6), contact('c', 'employers', 3)],
			[contact('a', 'family', 8), contact('b', 'friends', 4), contact('c', 'employers', 3)]
		);
		expect(growth.strengthened).toEqual([{ contact: contact('a', 'family', 8), from: 5, to: 8 }]);
	});

	it('a person moving sphere is not lost or new, but can reach a sphere', () => {
		const growth = networkGrowth([contact('a', 'university', 5)], [contact('a', 'employers', 5)]);
		expect(growth.newTies).toEqual([]);
		expect(growth.lost).toEqual([]);
		expect(growth.spheresBefore).toEqual(['university']);
		expect(growth.spheresAfter).toEqual(['employers']);
		expect(growth.spheresReached).toEqual(['employers']);
	});

	it('lists spheres before and after in the usual sphere order, once each', () => {
		const growth = networkGrowth(
			[contact('a', 'professional', 5), contact('b', 'friends', 5), contact('c', 'friends', 2)],
			[contact('a', 'professional', 5), contact('d', 'family', 9), contact('e', 'university', 3)]
		);
		expect(growth.spheresBefore).toEqual(['friends', 'professional']);
		expect(growth.spheresAfter).toEqual(['family', 'university', 'professional']);
		expect(growth.spheresReached).toEqual(['family', 'university']);
	});

	it('documents the weak-tie threshold', () => {
		expect(WEAK_TIE_MAX_STRENGTH).toBe(4);
	});
});

describe('networkSummary', () => {
	it('summarises an empty network', () => {
		expect(networkSummary([])).toEqual({
			total: 0,
			bySphere: { friends: 0, family: 0, university: 0, employers: 0, professional: 0 },
			byTieType: { bonding: 0, bridging: 0, linking: 0, unspecified: 0 },
			meanStrength: null,
			weakTies: 0
		});
	});

	it('counts per sphere and tie type, and means the strength', () => {
		const summary = networkSummary([
			contact('a', 'family', 10, 'bonding'),
			contact('b', 'family', 8, 'bonding'),
			contact('c', 'employers', 2, 'bridging'),
			contact('d', 'professional', 4, 'linking'),
			contact('e', 'friends', 6, null)
		]);
		expect(summary).toEqual({
			total: 5,
			bySphere: { friends: 1, family: 2, university: 0, employers: 1, professional: 1 },
			byTieType: { bonding: 2, bridging: 1, linking: 1, unspecified: 1 },
			meanStrength: 6,
			weakTies: 2
		});
	});
});
