/**
 * The governors' and senior leaders' pack (figures only, as the page and the PDF show them), the
 * plain-English summary drawn from its figures, and the impact figures a school chooses to publish on
 * its careers page — on the demo trust, on PGlite and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents, pupils } from '../../src/lib/server/db/schema/index.ts';
import { NotFoundError, systemActor, type Actor } from '../../src/lib/server/access/actor.ts';
import { addSchool, schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { addPerson } from '../../src/lib/server/people/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { ValidationError } from '../../src/lib/server/errors.ts';
import { createDemo, DEMO_PASSWORD } from '../../src/lib/server/demo/index.ts';
import { complianceFigures, resolveScope, type ComplianceScope } from '../../src/lib/server/compliance/service.ts';
import { governorsPack, type GovernorsPack } from '../../src/lib/server/reports/governors.ts';
import { governorsDocument, governorsPdf } from '../../src/lib/server/reports/governors-pdf.ts';
import {
	careersInformationFor,
	publicCareersPage,
	saveCareersInformation
} from '../../src/lib/server/careers-information/service.ts';
import { careersInformationHtml } from '../../src/lib/server/careers-information/html.ts';
import { percentMet } from '../../src/lib/domain/compliance.ts';
import { pdfInfo, pdfText } from '../support/pdf.ts';

const TODAY = '2026-03-16';
const system = systemActor();

let handle: DatabaseHandle;
let riverside: School;
let scope: ComplianceScope;
let governor: Actor;
let leader: Actor;
let teacher: Actor;
let trustLead: Actor;
let outsider: Actor;
let pack: GovernorsPack;
/** Every pupil's names and UPN, to look for in what the pack shows. */
let pupilStrings: string[] = [];

async function signedIn(email: string, password = DEMO_PASSWORD): Promise<Actor> {
	const result = await signIn(email, password);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

function leaksIn(text: string): string[] {
	return pupilStrings.filter((s) => text.includes(s));
}

beforeAll(async () => {
	setConfig(loadConfig({}));
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	await addSchool(system, { urn: '137901', name: 'Far Away School' });
	await addPerson(system, {
		email: 'leader@faraway.example',
		name: 'Fay Away',
		schoolUrn: '137901',
		roles: ['careers-leader'],
		password: 'correct horse battery staple'
	});
	governor = await signedIn('governor@demo.waymark.school');
	leader = await signedIn('careers.leader@demo.waymark.school');
	teacher = await signedIn('teacher@demo.waymark.school');
	trustLead = await signedIn('trust.lead@demo.waymark.school');
	outsider = await signedIn('leader@faraway.example', 'correct horse battery staple');
	riverside = await schoolForActor(governor, '999001', 'reports.view');
	scope = await resolveScope(riverside, {}, TODAY);
	const rows = await handle.db
		.select({
			upn: pupils.upn,
			forename: pupils.legalForename,
			preferred: pupils.preferredForename,
			surname: pupils.legalSurname
		})
		.from(pupils)
		.where(eq(pupils.schoolId, riverside.id));
	pupilStrings = rows.flatMap((p) => [
		p.upn,
		`${p.forename} ${p.surname}`,
		`${p.surname}, ${p.forename}`,
		...(p.preferred ? [`${p.preferred} ${p.surname}`] : [])
	]);
	pack = await governorsPack(governor, riverside, scope, TODAY);
}, 120_000);

afterAll(async () => {
	await closeDatabase();
});

describe(`the governors' pack (${testDriver()})`, () => {
	it('lets a governor build it, with every section filled from the school’s figures', async () => {
		expect(pupilStrings.length).toBeGreaterThan(3000);
		expect(pack.school).toEqual({ name: 'Riverside Academy', urn: '999001' });
		expect(pack.yearName).toBe('2025/26');
		expect(pack.asOf).toBe(TODAY);
		expect(pack.pupilCount).toBeGreaterThan(1000);
		expect(pack.yearGroups).toEqual([7, 8, 9, 10, 11, 12, 13]);
		// The grid is the school dashboard's: the same counts, rule by rule.
		const figures = await complianceFigures(leader, riverside, scope);
		expect(pack.coverage.map((r) => r.ruleId)).toEqual(figures.rules.map((r) => r.id));
		for (const t of figures.totals) {
			const row = pack.coverage.find((r) => r.ruleId === t.ruleId)!;
			expect([row.total.eligible, row.total.met, row.total.missed]).toEqual([
				t.counts.eligible,
				t.counts.met,
				t.counts.missed
			]);
			expect(row.cells.reduce((n, c) => n + c.met, 0)).toBe(t.counts.met);
		}
		expect(pack.providerAccess.map((r) => r.ruleId)).toEqual(['pal-phase-1', 'pal-phase-2', 'pal-phase-3']);
		expect(pack.destinations.intended.map((d) => d.label)).toEqual([
			'Year 11 (intended for 2026/27)',
			'Year 13 (intended for 2026/27)'
		]);
		expect(pack.destinations.leavers.map((d) => d.label)).toEqual([
			'Left in 2024/25',
			'Left in 2023/24',
			'Left in 2022/23'
		]);
		for (const d of pack.destinations.leavers) {
			expect(d.total).toBeGreaterThan(0);
			expect(d.neetShare).toBeCloseTo(d.byGroup.neet / d.total, 10);
		}
		expect(pack.plan.progress.total).toBeGreaterThan(0);
		expect(pack.nextTerm.label).toBe('Summer term 2025/26');
		for (const e of pack.equity) expect(e.points).toBeGreaterThanOrEqual(10 - 1e-9);
	});

	it('names no pupil, in its data or in the PDF, and the PDF carries the school’s name and page numbers', async () => {
		expect(leaksIn(JSON.stringify(pack))).toEqual([]);
		const { pdf, filename } = await governorsPdf(governor, riverside, scope, undefined, TODAY);
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(filename).toBe('careers-report-governors-999001-2025-26-2026-03-16.pdf');
		const text = pdfText(pdf);
		expect(text).toContain('Riverside Academy');
		expect(text).toContain('Careers report for governors and senior leaders');
		expect(text).toMatch(/Page 1 of \d+/);
		// The charts are vectors whose labels are text: the coverage chart's categories are in the PDF.
		expect(text).toContain('B5 employer this year');
		expect(text.length).toBeGreaterThan(2000);
		expect(leaksIn(text)).toEqual([]);
		expect(pdfInfo(pdf, 'Title')).toBe('Careers report for governors and senior leaders – Riverside Academy');
		expect(pdfInfo(pdf, 'Author')).toBe('Riverside Academy');
		// The document definition is figures only too.
		expect(leaksIn(JSON.stringify(governorsDocument(pack)))).toEqual([]);
	});

	it('records the PDF download in the audit trail', async () => {
		const before = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'report.downloaded'), eq(auditEvents.organisationId, riverside.id)));
		await governorsPdf(governor, riverside, scope, 'req-governors', TODAY);
		const after = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'report.downloaded'), eq(auditEvents.organisationId, riverside.id)));
		expect(after.length).toBe(before.length + 1);
		const event = after.find((e) => e.requestId === 'req-governors')!;
		expect(event.actorUserId).toBe(governor.userId);
		expect(event.summary).toContain('2025/26');
	});

	it('writes a summary that follows the figures', () => {
		const { strengths, gaps } = pack.summary;
		expect(strengths.length + gaps.length).toBeGreaterThan(0);
		const judged = pack.coverage.filter((r) => !r.ruleId.startsWith('pal-') && r.total.eligible > 0);
		// Every rule at 90% or more is a strength only if it is among the best three; every rule named as
		// a strength is at 90% or more, and every rule named as a gap below it.
		for (const r of judged) {
			const share = percentMet(r.total)!;
			const named = (list: string[]) => list.some((s) => s.includes(`“${r.title}”`) && !s.includes(' against '));
			if (named(strengths)) expect(share).toBeGreaterThanOrEqual(89.5);
			if (named(gaps)) expect(share).toBeLessThan(90);
		}
		// The lowest rule is the first gap, with its counts.
		const lowest = [...judged].sort((a, b) => a.total.met / a.total.eligible - b.total.met / b.total.eligible)[0]!;
		if (lowest.total.met / lowest.total.eligible < 0.9) {
			expect(gaps[0]).toContain(`“${lowest.title}”`);
			expect(gaps[0]).toContain(lowest.total.eligible.toLocaleString('en-GB'));
		}
		// The latest leavers' NEET share, as the destinations table gives it.
		const latest = pack.destinations.leavers[0]!;
		const neetSentence = [...strengths, ...gaps].find((s) => s.includes(`left in ${latest.label.slice(8)}`))!;
		expect(neetSentence).toBeDefined();
		if (latest.byGroup.neet > 0) expect(neetSentence).toContain(`${latest.neetPercent}% are not in education`);
		// Plan actions overdue are said.
		if (pack.plan.progress.overdue > 0)
			expect(gaps.some((g) => g.startsWith(`${pack.plan.progress.overdue} of the development plan`))).toBe(true);
	});

	it('is open to every school role but not to a trust lead or another school, and checks the year and date', async () => {
		await expect(governorsPack(teacher, riverside, scope, TODAY)).resolves.toBeDefined();
		await expect(governorsPack(trustLead, riverside, scope, TODAY)).rejects.toBeInstanceOf(NotFoundError);
		await expect(governorsPack(outsider, riverside, scope, TODAY)).rejects.toBeInstanceOf(NotFoundError);
		await expect(governorsPdf(outsider, riverside, scope, undefined, TODAY)).rejects.toBeInstanceOf(NotFoundError);
		await expect(resolveScope(riverside, { year: '2025/26', asOf: '2027-01-01' }, TODAY)).rejects.toSatisfy(
			(e) => e instanceof ValidationError && e.errors[0]?.field === 'asOf'
		);
	});
});

describe(`impact figures on the public careers page (${testDriver()})`, () => {
	const CHOSEN = ['bm5-employer-encounter-each-year', 'bm8-guidance-by-16'];

	async function currentFields() {
		const info = await careersInformationFor(leader, riverside);
		const {
			publishedAt: _p,
			updatedAt: _u,
			leaders: _l,
			leader: _le,
			missing: _m,
			publicPath: _pp,
			impactRuleChoices: _c,
			...fields
		} = info;
		return fields;
	}

	it('offers this year’s rules, saves the school’s choice and shows the figures publicly, counts only', async () => {
		const info = await careersInformationFor(leader, riverside);
		expect(info.impactRuleChoices.map((r) => r.id)).toContain('bm5-employer-encounter-each-year');
		expect(info.impactRuleChoices.map((r) => r.id)).not.toContain('bm2-lmi-by-14');
		await saveCareersInformation(leader, riverside, { ...(await currentFields()), impactRules: CHOSEN });
		expect((await careersInformationFor(leader, riverside)).impactRules).toEqual(CHOSEN);

		const page = await publicCareersPage('999001', TODAY);
		if (!page) throw new Error('not published');
		const figures = await complianceFigures(leader, riverside, scope);
		expect(page.impact.map((f) => f.ruleId)).toEqual(CHOSEN);
		for (const f of page.impact) {
			const t = figures.totals.find((x) => x.ruleId === f.ruleId)!.counts;
			expect([f.met, f.eligible]).toEqual([t.met, t.eligible]);
			expect(f.percent).toBe(Math.round((100 * t.met) / t.eligible));
		}
		expect(page.impactAsOfText).toBe('16 March 2026');
		const html = careersInformationHtml(page);
		expect(html).toContain(`${page.impact[0]!.met} of ${page.impact[0]!.eligible}`);
		expect(leaksIn(JSON.stringify(page) + html)).toEqual([]);
	});

	it('keeps the choice when a save leaves it out, clears it when empty, and names an unknown measure', async () => {
		await saveCareersInformation(leader, riverside, { ...(await currentFields()), impactRules: CHOSEN });
		const { impactRules: _ignored, ...withoutRules } = await currentFields();
		await saveCareersInformation(leader, riverside, withoutRules);
		expect((await careersInformationFor(leader, riverside)).impactRules).toEqual(CHOSEN);

		let error: unknown;
		try {
			await saveCareersInformation(leader, riverside, {
				...(await currentFields()),
				impactRules: ['bm5-employer-encounter-each-year', 'made-up-rule']
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual([
			{
				field: 'impactRules',
				message: '“made-up-rule” is not one of the measures Waymark can publish: choose from the list'
			}
		]);
		expect((await careersInformationFor(leader, riverside)).impactRules).toEqual(CHOSEN);

		await saveCareersInformation(leader, riverside, { ...(await currentFields()), impactRules: [] });
		const page = await publicCareersPage('999001', TODAY);
		expect(page?.impact).toEqual([]);
	});
});
