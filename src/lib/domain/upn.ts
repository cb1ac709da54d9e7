/**
 * Unique Pupil Number (DfE): 13 characters —
 *   1      check letter
 *   2–4    local authority number
 *   5–8    establishment number
 *   9–10   year of issue
 *   11–13  serial; a temporary UPN ends in a letter (position 13)
 * Letters come from the 23-letter alphabet below (no I, O or S).
 *
 * Check letter: for characters 2..13, multiply each by its position (2..13) — a digit counts as its
 * value, a letter in position 13 as its index in the alphabet (A = 0) — add them up, take the
 * remainder after dividing by 23 and map it back through the same alphabet.
 * Worked example: B801200005001 is valid.
 */

export const UPN_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';
export const UPN_LENGTH = 13;

export type UpnResult = { ok: true; upn: string } | { ok: false; reason: string };

function isDigit(ch: string): boolean {
	return ch >= '0' && ch <= '9';
}

function isUpnLetter(ch: string): boolean {
	return ch.length === 1 && UPN_ALPHABET.includes(ch);
}

/**
 * The check letter for the 12 characters that follow it (positions 2..13). Throws on input that is
 * not 11 digits followed by a digit or an alphabet letter: use validateUpn for user input.
 */
export function upnCheckLetter(rest12: string): string {
	const rest = rest12.toUpperCase();
	if (rest.length !== UPN_LENGTH - 1) {
		throw new RangeError(`A UPN check letter needs the 12 characters after it; got ${rest.length}.`);
	}
	let sum = 0;
	for (let i = 0; i < rest.length; i++) {
		const ch = rest.charAt(i);
		const position = i + 2;
		let value: number;
		if (isDigit(ch)) {
			value = Number(ch);
		} else if (position === UPN_LENGTH && isUpnLetter(ch)) {
			value = UPN_ALPHABET.indexOf(ch);
		} else {
			throw new RangeError(`Character ${position} of a UPN cannot be "${ch}".`);
		}
		sum += value * position;
	}
	return UPN_ALPHABET.charAt(sum % 23);
}

/** Whether the UPN is temporary (ends in a letter). Assumes a valid UPN. */
export function isTemporaryUpn(upn: string): boolean {
	return !isDigit(upn.charAt(UPN_LENGTH - 1));
}

function describe(ch: string): string {
	if (ch === ' ') return 'a space';
	return `"${ch}"`;
}

/**
 * Checks a UPN as typed or exported by an MIS: spaces anywhere are ignored and letters may be lower
 * case. On success returns the normalised UPN (13 upper-case characters); on failure a reason a
 * careers leader can act on.
 */
export function validateUpn(value: string): UpnResult {
	const upn = value.replace(/\s+/g, '').toUpperCase();
	if (upn.length === 0) return { ok: false, reason: 'The UPN is missing.' };
	if (upn.length !== UPN_LENGTH) {
		return {
			ok: false,
			reason: `A UPN has 13 characters; "${upn}" has ${upn.length}.`
		};
	}
	const first = upn.charAt(0);
	if (!isUpnLetter(first)) {
		return {
			ok: false,
			reason: `Character 1 of a UPN is a check letter (A–Z except I, O and S); found ${describe(first)}.`
		};
	}
	for (let i = 1; i < UPN_LENGTH - 1; i++) {
		const ch = upn.charAt(i);
		if (!isDigit(ch)) {
			return { ok: false, reason: `Character ${i + 1} of a UPN must be a digit; found ${describe(ch)}.` };
		}
	}
	const last = upn.charAt(UPN_LENGTH - 1);
	if (!isDigit(last) && !isUpnLetter(last)) {
		return {
			ok: false,
			reason: `Character 13 of a UPN must be a digit, or a letter (not I, O or S) for a temporary UPN; found ${describe(last)}.`
		};
	}
	const expected = upnCheckLetter(upn.slice(1));
	if (expected !== first) {
		return {
			ok: false,
			reason: `The check letter of ${upn} should be ${expected}, not ${first}: check the UPN was copied correctly.`
		};
	}
	return { ok: true, upn };
}

/** Builds a UPN from its parts (used by the demo generator and tests). */
export function makeUpn(parts: { la: number; establishment: number; yearOfIssue: number; serial: string }): string {
	const la = String(parts.la).padStart(3, '0');
	const establishment = String(parts.establishment).padStart(4, '0');
	const year = String(parts.yearOfIssue % 100).padStart(2, '0');
	const serial = parts.serial.toUpperCase();
	const rest = `${la}${establishment}${year}${serial}`;
	return upnCheckLetter(rest) + rest;
}
