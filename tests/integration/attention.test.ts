/**
 * Pupils needing attention, the pupil's "Benchmarks and duties" and its JSON endpoint, on the demo
 * school — on PGlite, and on PostgreSQL when DATABASE_URL is set. Every row carries the reasons that
 * put it there (checked against the rules and the tables), open referrals appear, filters and sorting
 * hold, and the download is the page, every page of it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import {
	auditEvents,
	destinations,
	guidanceMeetings,
	pupils,
	referrals
} from '../../src/lib/server/db/schema/index.ts';
import { ForbiddenError, type Actor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import {
	compliancePupils,
	pupilCompliance,
	resolveScope,
	type ComplianceScope,
	type SchoolCompliance
} from '../../src/lib/server/compliance/service.ts';
import {
	ATTENTION_PER_PAGE,
	RULE_SHORT_NAMES,
	allPupilsNeedingAttention,
	exportPupilsNeedingAttention,
	inAttentionGroup,
	pupilsNeedingAttention,
	type AttentionRow
} from '../../src/lib/server/compliance/attention.ts';
import { londonDate, longDate } from '../../src/lib/domain/academic-year.ts';
import { load as attentionPage } from '../../src/routes/schools/[urn]/coverage/attention/+page.server.ts';
import { GET as attentionExport } from '../../src/routes/schools/[urn]/coverage/attention/export/+server.ts';
import { GET as complianceJson } from '../../src/routes/schools/[urn]/pupils/[pupilId]/compliance.json/+server.ts';

const TODAY = '2026-03-16';
const URN = '999001';

let handle: DatabaseHandle;
let outbox: string;
let leader: Actor;
let governor: Actor;
let school: School;
let scope: ComplianceScope;
let judged: SchoolCompliance;
/** Every pupil needing attention, in the default order. */
let all: AttentionRow[];

async function demoActor(local: string): Promise<Actor> {
	const result = await signIn(`${local}@${DEMO_EMAIL_DOMAIN}`, DEMO_PASSWORD);
	if (!result.ok) throw new Error(result.message);
	const actor = await actorForSession(result.token);
	if (!actor) throw new Error('no actor');
	return actor;
}

async function auditCount(action: string): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditEvents)
		.where(eq(auditEvents.action, action));
	return row?.n ?? -1;
}

/** Every row under the filters, unpaged (the pages are checked to add up to it below). */
function everyRow(filter: Record<string, string> = {}): Promise<AttentionRow[]> {
	return allPupilsNeedingAttention(leader, school, scope, filter);
}

/** A route's event, as the request hook leaves it for the careers leader. */
function event(url: string, params: Record<string, string> = {}) {
	return {
		locals: { actor: leader, school, requestId: 'test' },
		params: { urn: URN, ...params },
		url: new URL(`http://waymark.test${url}`)
	} as never;
}

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	leader = await demoActor('careers.leader');
	governor = await demoActor('governor');
	school = await schoolForActor(leader, URN, 'pupils.view');
	scope = await resolveScope(school, { asOf: TODAY });
	judged = await compliancePupils(leader, school, scope, 'test');
	all = await everyRow();
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe(`pupils needing attention on the demo school (${testDriver()})`, () => {
	it('lists exactly the pupils with a missed or at-risk rule, each with every such rule in words', () => {
		expect(all.length).toBeGreaterThan(50);
		const listed = new Map(all.map((r) => [r.id, r]));
		let ruleReasons = 0;
		for (const p of judged.pupils) {
			const flagged = p.results.filter((r) => r.status === 'missed' || r.status === 'at-risk');
			const row = listed.get(p.id);
			if (flagged.length) expect(row, `${p.name} has ${flagged[0]!.ruleId} ${flagged[0]!.status}`).toBeDefined();
			if (!row) continue;
			const fromRules = row.reasons.filter((x) => x.kind === 'missed' || x.kind === 'at-risk');
			expect(fromRules.map((x) => `${x.ruleId} ${x.kind}`)).toEqual(flagged.map((r) => `${r.ruleId} ${r.status}`));
			for (const [i, x] of fromRules.entries()) {
				const rule = flagged[i]!;
				const prefix = rule.status === 'missed' ? 'Missed:' : 'At risk:';
				expect(x.text).toBe(`${prefix} ${RULE_SHORT_NAMES[rule.ruleId]} — ${rule.reason.slice(prefix.length).trim()}`);
				ruleReasons++;
			}
		}
		expect(ruleReasons).toBeGreaterThan(0);
		// Nobody is listed without a reason, and every listed pupil is on roll and judged.
		for (const row of all) expect(row.reasons.length, row.name).toBeGreaterThan(0);
		const onRoll = new Set(judged.pupils.map((p) => p.id));
		expect(all.every((r) => onRoll.has(r.id))).toBe(true);
	});

	it('says the same for a pupil as the pupil’s own statuses (pupilCompliance)', async () => {
		// The pupil with the most reasons from the rules.
		const ruled = (r: AttentionRow) => r.reasons.filter((x) => x.ruleId).length;
		const row = all.filter((r) => r.reasons.some((x) => x.kind === 'missed')).sort((a, b) => ruled(b) - ruled(a))[0]!;
		expect(row).toBeDefined();
		expect(ruled(row)).toBeGreaterThan(1);
		const own = await pupilCompliance(leader, school, row.id, scope);
		expect(own.upn).toBe(row.upn);
		expect(own.yearGroup).toBe(row.yearGroup);
		const expected = own.results
			.filter((r) => r.status === 'missed' || r.status === 'at-risk')
			.map((r) => ({ ruleId: r.ruleId, kind: r.status }));
		expect(row.reasons.filter((x) => x.ruleId).map((x) => ({ ruleId: x.ruleId, kind: x.kind }))).toEqual(expected);
		const missed = own.results.find((r) => r.status === 'missed')!;
		expect(row.reasons.map((x) => x.text)).toContain(
			`Missed: ${RULE_SHORT_NAMES[missed.ruleId]} — ${missed.reason.replace(/^Missed: /, '')}`
		);
	});

	it('lists every open referral with the date it was made, and not closed ones', async () => {
		const open = await handle.db
			.select({ pupilId: referrals.pupilId, createdAt: referrals.createdAt })
			.from(referrals)
			.where(and(eq(referrals.schoolId, school.id), eq(referrals.status, 'open')));
		const onRoll = new Set(judged.pupils.map((p) => p.id));
		const expected = open.filter((r) => onRoll.has(r.pupilId) && londonDate(r.createdAt) <= TODAY);
		expect(expected.length).toBeGreaterThan(0);
		const byId = new Map(all.map((r) => [r.id, r]));
		for (const r of expected)
			expect(byId.get(r.pupilId)?.reasons.map((x) => x.text)).toContain(
				`Open referral for guidance since ${longDate(londonDate(r.createdAt))}.`
			);
		const withReferral = all.filter((r) => r.reasons.some((x) => x.kind === 'referral'));
		expect(new Set(withReferral.map((r) => r.id))).toEqual(new Set(expected.map((r) => r.pupilId)));
	});

	it('adds a pupil with no other reason when a referral is opened, and drops them when it is closed', async () => {
		const listed = new Set(all.map((r) => r.id));
		const calm = judged.pupils.find((p) => !listed.has(p.id));
		expect(calm, 'a pupil needing no attention').toBeDefined();
		const [made] = await handle.db
			.insert(referrals)
			.values({
				schoolId: school.id,
				pupilId: calm!.id,
				referrerCapacity: 'tutor',
				reason: 'Unsure about post-16 options',
				createdAt: new Date('2026-03-02T10:00:00Z')
			})
			.returning({ id: referrals.id });
		try {
			const list = await pupilsNeedingAttention(leader, school, scope, { reason: 'referral', sort: 'name' });
			const rows = (await everyRow({ reason: 'referral' })).filter((r) => r.id === calm!.id);
			expect(list.byKind.referral).toBeGreaterThan(0);
			expect(rows.map((r) => r.reasons.map((x) => x.text))).toEqual([
				['Open referral for guidance since 2 March 2026.']
			]);
			await handle.db.update(referrals).set({ status: 'closed' }).where(eq(referrals.id, made!.id));
			expect((await everyRow()).some((r) => r.id === calm!.id)).toBe(false);
		} finally {
			await handle.db.delete(referrals).where(eq(referrals.id, made!.id));
		}
	});

	it('flags Year 11 and above with no guidance meeting held, and Years 11 and 13 with no intended destination', async () => {
		const held = new Set(
			(
				await handle.db
					.select({ pupilId: guidanceMeetings.pupilId })
					.from(guidanceMeetings)
					.where(
						and(
							eq(guidanceMeetings.schoolId, school.id),
							eq(guidanceMeetings.status, 'held'),
							sql`${guidanceMeetings.date} <= ${TODAY}`
						)
					)
			).map((m) => m.pupilId)
		);
		const intended = new Set(
			(
				await handle.db
					.select({ pupilId: destinations.pupilId })
					.from(destinations)
					.where(and(eq(destinations.kind, 'intended'), eq(destinations.academicYear, 2026)))
			).map((d) => d.pupilId)
		);
		const byId = new Map(all.map((r) => [r.id, r]));
		let noGuidance = 0;
		let noDestination = 0;
		for (const p of judged.pupils) {
			const kinds = byId.get(p.id)?.reasons.map((x) => x.kind) ?? [];
			const shouldGuidance = p.yearGroup >= 11 && !held.has(p.id);
			expect(kinds.includes('no-guidance'), `${p.name}, Year ${p.yearGroup}`).toBe(shouldGuidance);
			const shouldDestination = (p.yearGroup === 11 || p.yearGroup === 13) && !intended.has(p.id);
			expect(kinds.includes('no-destination'), `${p.name}, Year ${p.yearGroup}`).toBe(shouldDestination);
			if (shouldGuidance) noGuidance++;
			if (shouldDestination) noDestination++;
		}
		expect(noGuidance).toBeGreaterThan(0);
		expect(noDestination).toBeGreaterThan(0);
		const sample = all.find((r) => r.reasons.some((x) => x.kind === 'no-destination'))!;
		expect(sample.reasons.map((x) => x.text)).toContain('No intended destination recorded for 2026/27.');
	});

	it(
		'filters by year group, reason and pupil group, and sorts by reasons, name or year',
		{ timeout: 180_000 },
		async () => {
			const year11 = await everyRow({ year: '11' });
			expect(year11.length).toBeGreaterThan(0);
			expect(year11.every((r) => r.yearGroup === 11)).toBe(true);
			expect(year11.length).toBe(all.filter((r) => r.yearGroup === 11).length);

			const missed = await everyRow({ reason: 'missed' });
			expect(missed.every((r) => r.reasons.some((x) => x.kind === 'missed'))).toBe(true);
			expect(missed.length).toBe(all.filter((r) => r.reasons.some((x) => x.kind === 'missed')).length);

			const pp = await everyRow({ group: 'pp' });
			expect(pp.length).toBeGreaterThan(0);
			expect(pp.every((r) => r.characteristics.pupilPremium)).toBe(true);
			expect(pp.length).toBe(all.filter((r) => inAttentionGroup(r.characteristics, 'pp')).length);

			const counts = all.map((r) => r.reasons.length);
			expect(counts).toEqual([...counts].sort((a, b) => b - a));
			const byName = await everyRow({ sort: 'name' });
			const surnames = byName.map((r) => r.surname);
			expect(surnames).toEqual([...surnames].sort((a, b) => a.localeCompare(b, 'en-GB')));
			const byYear = (await everyRow({ sort: 'year' })).map((r) => r.yearGroup);
			expect(byYear).toEqual([...byYear].sort((a, b) => a - b));
			expect(new Set(byName.map((r) => r.id))).toEqual(new Set(all.map((r) => r.id)));

			// Unreadable filters are ignored; a page past the end shows the last page.
			const odd = await pupilsNeedingAttention(leader, school, scope, {
				year: 'x',
				reason: 'nope',
				sort: '?',
				page: '999'
			});
			expect(odd.total).toBe(all.length);
			expect(odd.filter.page).toBe(Math.ceil(all.length / ATTENTION_PER_PAGE));
			expect(odd.rows).toEqual(all.slice((odd.filter.page - 1) * ATTENTION_PER_PAGE));
		}
	);

	it('is for those who may see pupils: a governor is refused, and each listing is audited', async () => {
		await expect(pupilsNeedingAttention(governor, school, scope, {})).rejects.toBeInstanceOf(ForbiddenError);
		await expect(exportPupilsNeedingAttention(governor, school, scope, {})).rejects.toBeInstanceOf(ForbiddenError);
		const before = await auditCount('compliance.pupils-listed');
		await pupilsNeedingAttention(leader, school, scope, {});
		expect(await auditCount('compliance.pupils-listed')).toBe(before + 1);
	});
});

describe(`the attention page and its download (${testDriver()})`, () => {
	it(
		'downloads every pupil the page lists, in the same order, with the same reasons; audited as an export',
		{ timeout: 180_000 },
		async () => {
			const query = `?year=11&sort=name&asOf=${TODAY}`;
			const pages: AttentionRow[] = [];
			for (let n = 1; ; n++) {
				const data = (await attentionPage(event(`/schools/${URN}/coverage/attention${query}&page=${n}`))) as {
					list: { rows: AttentionRow[]; total: number; perPage: number };
					errors: unknown[];
				};
				expect(data.errors).toEqual([]);
				pages.push(...data.list.rows);
				if (n * data.list.perPage >= data.list.total) break;
			}
			expect(pages.length).toBeGreaterThan(0);
			const before = await auditCount('pupils.exported');
			const response = await attentionExport(event(`/schools/${URN}/coverage/attention/export${query}&format=csv`));
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('text/csv');
			expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".*needing-attention.*\.csv"/);
			const parsed = Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
			const [headers, ...rows] = parsed.data;
			expect(headers?.[0]).toBe('UPN');
			expect(headers?.at(-1)).toBe('Why');
			expect(rows.map((r) => r[0])).toEqual(pages.map((r) => r.upn));
			expect(rows.map((r) => r[1])).toEqual(pages.map((r) => r.name));
			expect(rows.map((r) => r.at(-1))).toEqual(pages.map((r) => r.reasons.map((x) => x.text).join('\n')));
			expect(await auditCount('pupils.exported')).toBe(before + 1);
			const [audit] = await handle.db
				.select({ summary: auditEvents.summary })
				.from(auditEvents)
				.where(eq(auditEvents.action, 'pupils.exported'))
				.orderBy(sql`${auditEvents.id} desc`)
				.limit(1);
			expect(audit?.summary).toBe(
				`Downloaded a list of ${pages.length} pupils needing attention as of ${TODAY} (Year 11)`
			);
		}
	);

	it('shows a bad as-of date as an error naming the field and uses today instead', async () => {
		const data = (await attentionPage(event(`/schools/${URN}/coverage/attention?asOf=2026-02-30`))) as {
			errors: { field: string; message: string }[];
			list: { scope: ComplianceScope };
		};
		expect(data.errors.map((e) => e.field)).toEqual(['asOf']);
		expect(data.errors[0]!.message).toContain('2026-02-30');
		expect(data.list.scope.asOf).not.toBe('2026-02-30');
		for (const asOf of ['2026-02-30', '2026-13-01']) {
			const bad = await attentionExport(event(`/schools/${URN}/coverage/attention/export?asOf=${asOf}`));
			expect(bad.status).toBe(400);
			expect(JSON.stringify(await bad.json())).toContain(asOf);
		}
	});
});

describe(`a pupil's statuses as JSON (${testDriver()})`, () => {
	it('answers the pupil report, audited as a view of the pupil', async () => {
		const row = all[0]!;
		const before = await auditCount('pupil.compliance-viewed');
		const response = await complianceJson(
			event(`/schools/${URN}/pupils/${row.id}/compliance.json?asOf=${TODAY}`, { pupilId: row.id })
		);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			school: URN,
			upn: row.upn,
			yearGroup: row.yearGroup,
			academicYear: '2025/26',
			asOf: TODAY
		});
		const own = await pupilCompliance(leader, school, row.id, scope);
		expect(body.rules.map((r: { id: string; status: string; reason: string }) => [r.id, r.status, r.reason])).toEqual(
			own.results.map((r) => [r.ruleId, r.status, r.reason])
		);
		const flagged = body.rules.filter((r: { status: string }) => r.status === 'missed' || r.status === 'at-risk');
		expect(flagged.length).toBe(row.reasons.filter((x) => x.ruleId).length);
		expect(await auditCount('pupil.compliance-viewed')).toBe(before + 2);
	});

	it('is 404 JSON for a pupil of no school or another school, and 400 JSON naming the field for a bad date', async () => {
		const unknown = await complianceJson(
			event(`/schools/${URN}/pupils/x/compliance.json`, { pupilId: '00000000-0000-4000-8000-000000000000' })
		);
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ error: 'Pupil not found' });
		const [elsewhere] = await handle.db
			.select({ id: pupils.id })
			.from(pupils)
			.where(sql`${pupils.schoolId} <> ${school.id}`)
			.limit(1);
		expect(elsewhere).toBeDefined();
		const other = await complianceJson(event(`/schools/${URN}/pupils/x/compliance.json`, { pupilId: elsewhere!.id }));
		expect(other.status).toBe(404);

		const id = all[0]!.id;
		for (const asOf of ['2026-13-01', 'soon']) {
			const bad = await complianceJson(
				event(`/schools/${URN}/pupils/${id}/compliance.json?asOf=${asOf}`, { pupilId: id })
			);
			expect(bad.status).toBe(400);
			const body = await bad.json();
			expect(body.field).toBe('asOf');
			expect(body.error).toContain(asOf);
		}
	});
});
