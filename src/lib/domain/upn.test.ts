import { describe, expect, it } from 'vitest';
import { isTemporaryUpn, makeUpn, UPN_ALPHABET, upnCheckLetter, validateUpn } from './upn.ts';

describe('upnCheckLetter', () => {
	it.each([
		// The worked example in data-standards.md: 8·2 + 1·4 + 2·5 + 5·10 + 1·13 = 93; 93 mod 23 = 1 → B
		['801200005001', 'B'],
		// Last digit 2 instead of 1: 93 + 13 = 106; 106 mod 23 = 14 → Q
		['801200005002', 'Q'],
		// All zeros: 0 → A
		['000000000000', 'A'],
		// Temporary UPNs: a letter in position 13 counts as its index in the alphabet (A = 0, Z = 22)
		['99940011500A', 'H'],
		['99940011500Z', 'U'],
		['93820011400K', 'P'],
		// Lower case is accepted
		['99940011500z', 'U']
	])('%s → %s', (rest, letter) => {
		expect(upnCheckLetter(rest)).toBe(letter);
	});

	it.each([['80120000500'], ['8012000050011'], ['8012000050A1'], ['80120000500I'], ['80120000500S']])(
		'refuses %s',
		(rest) => {
			expect(() => upnCheckLetter(rest)).toThrow(RangeError);
		}
	);

	it('only ever gives letters from the 23-letter alphabet', () => {
		const seen = new Set<string>();
		for (let n = 0; n < 1000; n++) seen.add(upnCheckLetter(`999400125${String(n).padStart(3, '0')}`));
		for (const letter of UPN_ALPHABET) seen.add(upnCheckLetter(`99940012500${letter}`));
		expect(seen.size).toBe(23);
		for (const letter of seen) expect(UPN_ALPHABET).toContain(letter);
		expect(seen.has('I') || seen.has('O') || seen.has('S')).toBe(false);
	});
});

describe('validateUpn', () => {
	it.each([
		['B801200005001', 'B801200005001'],
		['b801200005001', 'B801200005001'],
		['  B801 2000 05001\t', 'B801200005001'],
		['H99940011500A', 'H99940011500A'],
		['u99940011500z', 'U99940011500Z']
	])('accepts %j as %s', (input, upn) => {
		expect(validateUpn(input)).toEqual({ ok: true, upn });
	});

	it.each([
		['', /missing/],
		['   ', /missing/],
		['B80120000500', /13 characters; "B80120000500" has 12/],
		['B8012000050011', /13 characters; "B8012000050011" has 14/],
		['1801200005001', /Character 1 .*check letter.*found "1"/],
		['I801200005001', /Character 1 .*found "I"/],
		['B8012X0005001', /Character 6 of a UPN must be a digit; found "X"/],
		['B80120000500A', /should be M, not B/],
		['B8012000050A1', /Character 12 of a UPN must be a digit; found "A"/],
		['B80120000500S', /Character 13 .*found "S"/],
		['B80120000500-', /Character 13 .*found "-"/],
		['C801200005001', /check letter of C801200005001 should be B, not C/],
		['B801200005002', /should be Q, not B/],
		['A99940011500A', /should be H, not A/]
	])('refuses %j', (input, reason) => {
		const result = validateUpn(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it('validates what makeUpn builds, permanent and temporary', () => {
		const permanent = makeUpn({ la: 801, establishment: 2000, yearOfIssue: 2005, serial: '001' });
		expect(permanent).toBe('B801200005001');
		expect(isTemporaryUpn(permanent)).toBe(false);
		const temporary = makeUpn({ la: 999, establishment: 4001, yearOfIssue: 15, serial: '00A' });
		expect(temporary).toBe('H99940011500A');
		expect(isTemporaryUpn(temporary)).toBe(true);
		expect(validateUpn(temporary).ok).toBe(true);
	});
});
