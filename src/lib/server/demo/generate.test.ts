import { describe, expect, it } from 'vitest';
import { academicYearStart, yearGroup } from '../../domain/academic-year.ts';
import { PROVIDER_ROLES, SCHOOL_ROLES, ROLE_LABELS } from '../../domain/roles.ts';
import { isTemporaryUpn, validateUpn } from '../../domain/upn.ts';
import { DEMO_EMAIL_DOMAIN, generateDemo, isOnRoll, type DemoData, type DemoOrganisation } from './generate.ts';
import { emailPart } from './names.ts';

const TODAY = '2026-03-16';

function school(data: DemoData, key: 'riverside' | 'hillcrest'): DemoOrganisation {
	const found = data.organisations.find((o) => o.key === key);
	if (!found) throw new Error(key);
	return found;
}

describe('generateDemo', () => {
	const data = generateDemo('waymark-demo', TODAY);

	it('is deterministic for a seed and a date', () => {
		expect(generateDemo('waymark-demo', TODAY)).toEqual(data);
		expect(generateDemo('other', TODAY).pupils[0]).not.toEqual(data.pupils[0]);
	});

	it('keeps the same people from day to day and from year to year', () => {
		const byUpn = (d: DemoData) =>
			new Map(d.pupils.map((p) => [p.upn, `${p.legalForename} ${p.legalSurname} ${p.dateOfBirth}`]));
		const now = byUpn(data);
		// Nobody disappears overnight, and nobody changes name or birthday.
		const tomorrow = byUpn(generateDemo('waymark-demo', '2026-03-17'));
		for (const [upn, who] of now) expect(tomorrow.get(upn), upn).toBe(who);
		// This year's Year 7 are next year's Year 8: the same pupils, the same UPNs.
		const nextYear = byUpn(generateDemo('waymark-demo', '2026-10-01'));
		const year7 = data.pupils.filter((p) => p.enteredYear7 === data.academicYear);
		expect(year7.length).toBeGreaterThan(150);
		for (const p of year7) expect(nextYear.get(p.upn), p.upn).toBe(now.get(p.upn));
	});

	it('refuses a date that is not YYYY-MM-DD', () => {
		expect(() => generateDemo('waymark-demo', '16/03/2026')).toThrow(RangeError);
		expect(() => generateDemo('waymark-demo', '2026-02-30')).toThrow(RangeError);
	});

	it('has a trust with two secondary schools', () => {
		expect(data.organisations.map((o) => [o.kind, o.name, o.urn])).toEqual([
			['trust', 'Riverside Learning Trust', null],
			['school', 'Riverside Academy', '999001'],
			['school', 'Hillcrest School', '999002']
		]);
		expect(data.groupSchools).toHaveLength(2);
	});

	it.each([
		['riverside', 1150, 1250],
		['hillcrest', 570, 630]
	] as const)('puts about the right number of pupils on roll at %s', (key, min, max) => {
		const onRoll = data.pupils.filter((p) => isOnRoll(p, data.academicYear, school(data, key))).length;
		expect(onRoll).toBeGreaterThanOrEqual(min);
		expect(onRoll).toBeLessThanOrEqual(max);
	});

	it('gives every pupil a valid UPN, unique across the trust, with a few temporary ones', () => {
		for (const p of data.pupils) expect(validateUpn(p.upn), p.upn).toEqual({ ok: true, upn: p.upn });
		expect(new Set(data.pupils.map((p) => p.upn)).size).toBe(data.pupils.length);
		expect(data.pupils.filter((p) => isTemporaryUpn(p.upn)).length).toBeGreaterThan(0);
	});

	it('gives dates of birth that fit the year group', () => {
		for (const p of data.pupils) {
			expect(p.dateOfBirth >= `${p.enteredYear7 - 12}-09-01`, p.upn).toBe(true);
			expect(p.dateOfBirth <= `${p.enteredYear7 - 11}-08-31`, p.upn).toBe(true);
		}
	});

	it('never dates an admission or a leaving in the future, or a leaving before the admission', () => {
		for (const p of data.pupils) {
			expect(p.admissionDate <= TODAY, p.upn).toBe(true);
			if (p.leavingDate) {
				expect(p.leavingDate <= TODAY, p.upn).toBe(true);
				expect(p.leavingDate > p.admissionDate, p.upn).toBe(true);
			}
		}
	});

	it('names reg groups after the year the pupil is in, or left from', () => {
		for (const p of data.pupils) {
			const left = p.leavingDate ? academicYearStart(p.leavingDate) : data.academicYear;
			expect(p.regGroup, p.upn).toBe(`${yearGroup(p.enteredYear7, left)}${p.regGroup.replace(/^\d+/, '')}`);
			expect(p.regGroup).toMatch(/^(7|8|9|10|11|12|13)[A-Z]{2}$/);
		}
	});

	it('keeps the last three years of July leavers: Y11 at both schools, Y13 at Riverside', () => {
		const julyLeavers = data.pupils.filter((p) => p.leavingDate?.slice(5, 7) === '07' && /^1[13]/.test(p.regGroup));
		const groups = new Set(
			julyLeavers.map((p) => `${p.school} ${p.leavingDate?.slice(0, 4)} ${p.regGroup.slice(0, 2)}`)
		);
		expect([...groups].sort()).toEqual([
			'hillcrest 2023 11',
			'hillcrest 2024 11',
			'hillcrest 2025 11',
			'riverside 2023 11',
			'riverside 2023 13',
			'riverside 2024 11',
			'riverside 2024 13',
			'riverside 2025 11',
			'riverside 2025 13'
		]);
	});

	it('keeps pupil e-mail addresses unique and plain ASCII', () => {
		const emails = data.pupils.map((p) => p.email);
		expect(new Set(emails).size).toBe(emails.length);
		for (const email of emails) expect(email).toMatch(/^[a-z0-9.-]+@pupils\.(riverside|hillcrest)\.example$/);
	});

	it('staffs every role and names one sign-in per role', () => {
		const riverside = data.people.flatMap((p) => p.memberships.filter((m) => m.organisation === 'riverside'));
		for (const role of SCHOOL_ROLES)
			expect(
				riverside.some((m) => m.roles.includes(role)),
				role
			).toBe(true);
		// The provider's tutor and trainee sign-ins come from demo/development.ts (demo-development.test.ts).
		const schoolAndGroupRoles = Object.keys(ROLE_LABELS).filter(
			(r) => !(PROVIDER_ROLES as readonly string[]).includes(r)
		);
		expect(data.signIns.map((s) => s.role).sort()).toEqual(schoolAndGroupRoles.sort());
		for (const person of data.people) expect(person.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)).toBe(true);
		expect(new Set(data.people.map((p) => p.email)).size).toBe(data.people.length);
		const twoSchools = data.people.filter((p) => p.memberships.filter((m) => m.organisation !== 'trust').length > 1);
		expect(twoSchools.map((p) => p.email)).toEqual([`careers.adviser@${DEMO_EMAIL_DOMAIN}`]);
	});

	it.each(['2026-09-01', '2026-08-31', '2027-07-20', '2026-12-25'])('works on awkward days (%s)', (today) => {
		const d = generateDemo('waymark-demo', today);
		for (const p of d.pupils) {
			expect(p.admissionDate <= today).toBe(true);
			if (p.leavingDate) expect(p.leavingDate <= today).toBe(true);
		}
		const onRoll = d.pupils.filter((p) => isOnRoll(p, d.academicYear, school(d, 'riverside'))).length;
		expect(onRoll).toBeGreaterThan(1150);
	});
});

describe('emailPart', () => {
	it.each([
		['Zoë', 'zoe'],
		['Łukasz', 'lukasz'],
		['Siân', 'sian'],
		["O'Neill", 'oneill'],
		['Ó Briain', 'obriain'],
		['Lees-Smith', 'lees-smith'],
		['Ștefan', 'stefan'],
		['Wiśniewska', 'wisniewska']
	])('%s → %s', (name, part) => {
		expect(emailPart(name)).toBe(part);
	});
});
