/**
 * The school coverage dashboard ("Who has had what") on the demo school — on PGlite, and on PostgreSQL
 * when DATABASE_URL is set: the grid is the per-pupil statuses summed (counted here independently),
 * the "Show only" group restricts to its pupils, the equity gaps match a hand count, the downloads are
 * the grid, the JSON endpoint is the CLI's shape, and a governor gets figures but never pupils.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase, testDriver } from '../support/database.ts';
import { useDatabase, closeDatabase, type DatabaseHandle } from '../../src/lib/server/db/client.ts';
import { loadConfig, setConfig } from '../../src/lib/server/config.ts';
import { auditEvents } from '../../src/lib/server/db/schema/index.ts';
import { ForbiddenError, type Actor } from '../../src/lib/server/access/actor.ts';
import { schoolForActor, type School } from '../../src/lib/server/schools/service.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import { actorForSession } from '../../src/lib/server/auth/session.ts';
import { createDemo } from '../../src/lib/server/demo/index.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/lib/server/demo/generate.ts';
import {
	compliancePupils,
	complianceReport,
	complianceFigures,
	resolveScope,
	schoolCompliance,
	type ComplianceScope,
	type PupilCompliance,
	type SchoolCompliance
} from '../../src/lib/server/compliance/service.ts';
import { coverageDashboard, type CoverageDashboard } from '../../src/lib/server/compliance/dashboard.ts';
import { equityGroup } from '../../src/lib/domain/equity.ts';
import { addStatus, emptyCounts, type StatusCounts } from '../../src/lib/domain/compliance.ts';
import { load as coveragePage } from '../../src/routes/schools/[urn]/coverage/+page.server.ts';
import { load as drillPage } from '../../src/routes/schools/[urn]/coverage/pupils/+page.server.ts';
import { GET as coverageExport } from '../../src/routes/schools/[urn]/coverage/export/+server.ts';
import { GET as reportJson } from '../../src/routes/schools/[urn]/coverage/report.json/+server.ts';

const TODAY = '2026-03-16';
const URN = '999001';
const BM5 = 'bm5-employer-encounter-each-year';

let handle: DatabaseHandle;
let outbox: string;
let leader: Actor;
let governor: Actor;
let school: School;
let scope: ComplianceScope;
let judged: SchoolCompliance;
let dashboard: CoverageDashboard;

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

/** A route's event, as the request hook leaves it. */
function event(url: string, actor: Actor = leader) {
	return {
		locals: { actor, school, requestId: 'test' },
		params: { urn: URN },
		url: new URL(`http://waymark.test${url}`)
	} as never;
}

/** The HTTP status a route's `error()` threw (or 200 when it answered). */
async function statusOf(run: () => unknown): Promise<number> {
	try {
		const r = await run();
		return r instanceof Response ? r.status : 200;
	} catch (e) {
		const status = (e as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw e;
	}
}

/** The grid counted here, straight from the per-pupil statuses: rule|year (and rule|all). */
function tally(pupils: readonly PupilCompliance[]): Map<string, StatusCounts> {
	const out = new Map<string, StatusCounts>();
	const bump = (key: string, status: Parameters<typeof addStatus>[1]) => {
		const c = out.get(key) ?? emptyCounts();
		addStatus(c, status);
		out.set(key, c);
	};
	for (const p of pupils)
		for (const r of p.results) {
			bump(`${r.ruleId}|${p.yearGroup}`, r.status);
			bump(`${r.ruleId}|all`, r.status);
		}
	return out;
}

function expectGridEquals(d: CoverageDashboard, pupils: readonly PupilCompliance[]) {
	const expected = tally(pupils);
	let compared = 0;
	for (const row of d.rows)
		for (const cell of row.cells) {
			const want = expected.get(`${row.rule.id}|${cell.yearGroup}`) ?? emptyCounts();
			expect(cell.counts, `${row.rule.id} year ${cell.yearGroup}`).toEqual(want);
			expect(cell.percent).toBe(want.eligible ? (100 * want.met) / want.eligible : null);
			compared++;
		}
	expect(compared).toBe(d.rows.length * (d.figures.yearGroups.length + 1));
}

beforeAll(async () => {
	outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
	setConfig(loadConfig({ WAYMARK_OUTBOX_DIR: outbox }));
	handle = await freshDatabase();
	useDatabase(handle);
	await createDemo(handle.db, { today: TODAY });
	leader = await demoActor('careers.leader');
	governor = await demoActor('governor');
	school = await schoolForActor(leader, URN, 'compliance.view');
	scope = await resolveScope(school, { asOf: TODAY });
	judged = await schoolCompliance(leader, school, scope);
	dashboard = await coverageDashboard(leader, school, scope, null);
});

afterAll(async () => {
	await closeDatabase();
	fs.rmSync(outbox, { recursive: true, force: true });
});

describe(`the coverage grid (${testDriver()})`, () => {
	it('equals the per-pupil statuses summed, every rule × year group and All', () => {
		expect(judged.pupils.length).toBeGreaterThan(1000);
		expectGridEquals(dashboard, judged.pupils);
		// every pupil appears once per rule, eligible or not
		for (const row of dashboard.rows) {
			const all = row.cells.at(-1)!.counts;
			expect(all.eligible + all.notApplicable).toBe(judged.pupils.length);
		}
		// the demo has something in every status, so the comparison is not all zeros
		const all = dashboard.rows.flatMap((r) => r.cells.filter((c) => c.yearGroup === 'all'));
		for (const key of ['met', 'onTrack', 'missed'] as const)
			expect(
				all.reduce((s, c) => s + c.counts[key], 0),
				key
			).toBeGreaterThan(0);
	});

	it('lists benchmarks first and statutory duties after, each with its year groups and All', () => {
		const kinds = dashboard.rows.map((r) => r.rule.benchmark === null);
		expect(kinds.indexOf(true)).toBeGreaterThan(0);
		expect(kinds.slice(kinds.indexOf(true)).every(Boolean)).toBe(true);
		expect(dashboard.rows[0]!.cells.map((c) => c.yearGroup)).toEqual([7, 8, 9, 10, 11, 12, 13, 'all']);
	});

	it('restricts to the "Show only" group’s pupils (Pupil Premium)', async () => {
		const pp = equityGroup('pp')!;
		const only = await coverageDashboard(leader, school, scope, pp);
		const ppPupils = judged.pupils.filter((p) => p.characteristics.pupilPremium);
		expect(ppPupils.length).toBeGreaterThan(50);
		expect(ppPupils.length).toBeLessThan(judged.pupils.length);
		expect(only.figures.pupilCount).toBe(ppPupils.length);
		expectGridEquals(only, ppPupils);
		// and the comparison series is everyone else
		const rest = tally(judged.pupils.filter((p) => !p.characteristics.pupilPremium));
		for (const row of only.restRows!) expect(row.cells.at(-1)!.counts).toEqual(rest.get(`${row.rule.id}|all`));
	});

	it('works out the equity gaps from the same pupils (Pupil Premium on BM5, counted by hand)', () => {
		const gap = dashboard.gaps.find((g) => g.ruleId === BM5 && g.groupId === 'pp')!;
		const group = emptyCounts();
		const rest = emptyCounts();
		for (const p of judged.pupils) {
			const r = p.results.find((x) => x.ruleId === BM5)!;
			addStatus(p.characteristics.pupilPremium ? group : rest, r.status);
		}
		expect(gap.group).toEqual(group);
		expect(gap.rest).toEqual(rest);
		const gapPoints = (100 * group.met) / group.eligible - (100 * rest.met) / rest.eligible;
		expect(gap.gap).toBeCloseTo(gapPoints, 9);
		expect(gap.flagged).toBe(gapPoints <= -10);
		expect(dashboard.gaps).toHaveLength(dashboard.rows.length * 14);
	});

	it('gives the radar each benchmark’s mean % met of its pupil rules', () => {
		const bm8 = dashboard.benchmarks.find((b) => b.benchmark === 8)!;
		const percents = dashboard.rows
			.filter((r) => r.rule.benchmark === 8)
			.map((r) => r.cells.at(-1)!.percent)
			.filter((p): p is number => p !== null);
		expect(percents.length).toBeGreaterThan(0);
		expect(bm8.percent).toBeCloseTo(percents.reduce((a, b) => a + b, 0) / percents.length, 9);
		expect(dashboard.benchmarks.find((b) => b.benchmark === 1)!.percent).toBeNull();
	});
});

describe(`the dashboard page (${testDriver()})`, () => {
	it('shows the grid and drill-down permission to the careers leader, and the group filter', async () => {
		const page = (await coveragePage(event(`/schools/${URN}/coverage?asOf=${TODAY}&group=pp`))) as Record<
			string,
			never
		>;
		const data = page as unknown as {
			errors: unknown[];
			group: { id: string; label: string };
			pupilCount: number;
			canViewPupils: boolean;
			chart: { id: string };
		};
		expect(data.errors).toEqual([]);
		expect(data.group).toEqual({ id: 'pp', label: 'Pupil Premium' });
		expect(data.pupilCount).toBe(judged.pupils.filter((p) => p.characteristics.pupilPremium).length);
		expect(data.canViewPupils).toBe(true);
		expect(data.chart.id).toBe(BM5);
	});

	it('names a wrong year or date in the errors and still shows figures', async () => {
		const badYear = (await coveragePage(event(`/schools/${URN}/coverage?year=twenty&asOf=2026-02-31`))) as unknown as {
			errors: { field: string }[];
			rows: unknown[];
			values: { year: string; asOf: string };
		};
		expect(badYear.errors.map((e) => e.field)).toEqual(['year', 'asOf']);
		expect(badYear.values).toMatchObject({ year: 'twenty', asOf: '2026-02-31' });
		expect(badYear.rows.length).toBeGreaterThan(5);
		const badDate = (await coveragePage(event(`/schools/${URN}/coverage?year=2025&asOf=2024-01-01`))) as unknown as {
			errors: { field: string; message: string }[];
		};
		expect(badDate.errors.map((e) => e.field)).toEqual(['asOf']);
		expect(badDate.errors[0]!.message).toContain('2025/26');
		const impossible = (await coveragePage(event(`/schools/${URN}/coverage?asOf=2026-13-01`))) as unknown as {
			errors: { field: string }[];
		};
		expect(impossible.errors.map((e) => e.field)).toEqual(['asOf']);
		const badGroup = (await coveragePage(event(`/schools/${URN}/coverage?group=martians`))) as unknown as {
			errors: { field: string }[];
		};
		expect(badGroup.errors.map((e) => e.field)).toEqual(['group']);
	});

	it('gives a governor figures but no drill-down, and compliancePupils refuses them', async () => {
		const theirs = await coverageDashboard(governor, school, scope, null);
		expect(theirs.rows.map((r) => r.cells.map((c) => c.counts))).toEqual(
			dashboard.rows.map((r) => r.cells.map((c) => c.counts))
		);
		const page = (await coveragePage(event(`/schools/${URN}/coverage?asOf=${TODAY}`, governor))) as unknown as {
			canViewPupils: boolean;
		};
		expect(page.canViewPupils).toBe(false);
		await expect(compliancePupils(governor, school, scope, 'test')).rejects.toThrow(ForbiddenError);
		expect(
			await statusOf(() =>
				coverageExport(
					event(`/schools/${URN}/coverage/export?table=pupils&format=csv&rule=${BM5}&asOf=${TODAY}`, governor)
				)
			)
		).toBe(403);
		// …while the grid download is open to them
		expect(
			await statusOf(() =>
				coverageExport(event(`/schools/${URN}/coverage/export?table=grid&format=csv&asOf=${TODAY}`, governor))
			)
		).toBe(200);
	});
});

describe(`the pupils behind a cell (${testDriver()})`, () => {
	it('lists exactly the cell’s pupils with their reasons, and audits the listing', async () => {
		const cell = dashboard.rows.find((r) => r.rule.id === BM5)!.cells.find((c) => c.yearGroup === 9)!;
		expect(cell.counts.missed + cell.counts.atRisk + cell.counts.onTrack).toBeGreaterThan(0);
		// schoolCompliance judges without reasons (figures only): compare with the explained pupils
		const explained = await compliancePupils(leader, school, scope, 'test');
		const before = await auditCount('compliance.pupils-listed');
		const page = (await drillPage(
			event(`/schools/${URN}/coverage/pupils?rule=${BM5}&yearGroup=9&asOf=${TODAY}`)
		)) as unknown as {
			errors: unknown[];
			total: number;
			counts: StatusCounts;
			pupils: { id: string; yearGroup: number; status: string; reason: string }[];
		};
		expect(page.errors).toEqual([]);
		expect(page.total).toBe(cell.counts.eligible);
		expect(page.counts).toEqual(cell.counts);
		expect(page.pupils.length).toBe(Math.min(50, cell.counts.eligible));
		const byId = new Map(explained.pupils.map((p) => [p.id, p]));
		for (const p of page.pupils) {
			expect(p.yearGroup).toBe(9);
			const own = byId.get(p.id)!.results.find((r) => r.ruleId === BM5)!;
			expect(p.status).toBe(own.status);
			expect(p.reason).toBe(own.reason);
			expect(p.reason.length).toBeGreaterThan(10);
		}
		expect(await auditCount('compliance.pupils-listed')).toBe(before + 1);

		const missed = (await drillPage(
			event(`/schools/${URN}/coverage/pupils?rule=${BM5}&yearGroup=9&status=missed&group=pp&asOf=${TODAY}`)
		)) as unknown as { total: number; pupils: { status: string; id: string }[] };
		const want = judged.pupils.filter(
			(p) =>
				p.yearGroup === 9 &&
				p.characteristics.pupilPremium &&
				p.results.find((r) => r.ruleId === BM5)!.status === 'missed'
		);
		expect(missed.total).toBe(want.length);
		expect(missed.pupils.every((p) => p.status === 'missed')).toBe(true);
	});

	it('names a wrong rule or year group and lists nobody', async () => {
		const page = (await drillPage(
			event(`/schools/${URN}/coverage/pupils?rule=bm9&yearGroup=3&asOf=${TODAY}`)
		)) as unknown as {
			errors: { field: string }[];
			total: number;
			heading: unknown;
		};
		expect(page.errors.map((e) => e.field)).toEqual(['rule', 'yearGroup']);
		expect(page.total).toBe(0);
		expect(page.heading).toBeNull();
	});
});

describe(`downloads and JSON (${testDriver()})`, () => {
	async function csvRows(query: string): Promise<string[][]> {
		const response = await coverageExport(event(`/schools/${URN}/coverage/export?${query}`));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		return Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
	}

	it('exports the grid row for row, cell for cell', async () => {
		const [header, ...rows] = await csvRows(`table=grid&format=csv&asOf=${TODAY}`);
		expect(header).toEqual([
			'Rule id',
			'Benchmark or duty',
			'Rule',
			'Year group',
			'Pupils',
			'Eligible',
			'Met',
			'On track',
			'At risk',
			'Missed',
			'Not applicable',
			'% met'
		]);
		const expected = dashboard.rows.flatMap((r) =>
			r.cells.map((c) => [
				r.rule.id,
				c.yearGroup === 'all' ? 'All' : String(c.yearGroup),
				String(c.counts.eligible),
				String(c.counts.met),
				String(c.counts.onTrack),
				String(c.counts.atRisk),
				String(c.counts.missed),
				String(c.counts.notApplicable)
			])
		);
		expect(rows.map((r) => [r[0], r[3], ...r.slice(5, 11)])).toEqual(expected);
		expect(rows.every((r) => r[4] === 'All pupils')).toBe(true);
	});

	it('exports the group’s grid when one is shown, the equity gaps, and the pupils behind a cell', async () => {
		const pp = await coverageDashboard(leader, school, scope, equityGroup('pp')!);
		const [, ...ppRows] = await csvRows(`table=grid&format=csv&asOf=${TODAY}&group=pp`);
		expect(ppRows.map((r) => Number(r[5]))).toEqual(pp.rows.flatMap((r) => r.cells.map((c) => c.counts.eligible)));
		expect(ppRows.every((r) => r[4] === 'Pupil Premium')).toBe(true);

		const [, ...equity] = await csvRows(`table=equity&format=csv&asOf=${TODAY}`);
		expect(equity).toHaveLength(dashboard.gaps.length);
		expect(equity.filter((r) => r[11] === 'Yes')).toHaveLength(dashboard.gaps.filter((g) => g.flagged).length);

		const [, ...pupils] = await csvRows(`table=pupils&format=csv&rule=${BM5}&yearGroup=9&asOf=${TODAY}`);
		const cell = dashboard.rows.find((r) => r.rule.id === BM5)!.cells.find((c) => c.yearGroup === 9)!;
		expect(pupils).toHaveLength(cell.counts.eligible);

		const xlsx = await coverageExport(event(`/schools/${URN}/coverage/export?table=grid&format=xlsx&asOf=${TODAY}`));
		expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		expect(xlsx.headers.get('content-disposition')).toContain('riverside');
		expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

		expect(await statusOf(() => coverageExport(event(`/schools/${URN}/coverage/export?table=grid&format=pdf`)))).toBe(
			400
		);
		expect(await statusOf(() => coverageExport(event(`/schools/${URN}/coverage/export?table=x&format=csv`)))).toBe(400);
		expect(
			await statusOf(() => coverageExport(event(`/schools/${URN}/coverage/export?table=grid&format=csv&asOf=nope`)))
		).toBe(400);
	});

	it('answers report.json with the CLI’s shape, and names a wrong field with a 400', async () => {
		const response = await reportJson(event(`/schools/${URN}/coverage/report.json?year=2025/26&asOf=${TODAY}`));
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toEqual(complianceReport(school, await complianceFigures(leader, school, scope)));
		expect(body).toMatchObject({ school: URN, academicYear: '2025/26', asOf: TODAY });
		const cell = dashboard.rows.find((r) => r.rule.id === BM5)!.cells.find((c) => c.yearGroup === 7)!;
		expect(body.rules.find((r: { id: string; yearGroup: number }) => r.id === BM5 && r.yearGroup === 7)).toEqual({
			id: BM5,
			yearGroup: 7,
			eligible: cell.counts.eligible,
			met: cell.counts.met,
			onTrack: cell.counts.onTrack,
			atRisk: cell.counts.atRisk,
			missed: cell.counts.missed
		});

		const bad = await reportJson(event(`/schools/${URN}/coverage/report.json?asOf=2026-13-01`));
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ field: 'asOf' });
		const badYear = await reportJson(event(`/schools/${URN}/coverage/report.json?year=1066`));
		expect(badYear.status).toBe(400);
		expect(await badYear.json()).toMatchObject({ field: 'year' });
	});
});
