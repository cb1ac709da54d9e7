/**
 * Judged coverage, kept while nothing it was judged from has changed. A school's figures are judged
 * once per (database, school, year, as-of date, framework, the school's settings) and DATA VERSION —
 * the number of statements that have changed its pupils, delivered activities, attendance, guidance
 * meetings or destinations, counted by triggers (migration 0006, school_data_changes). Every page of
 * figures, the governors' pack and the trust overview then reuse it until a write bumps the version.
 *
 * The version the figures are stored under is read INSIDE the read transaction that loads the data
 * (service.ts), so the two always agree: a write committed in between makes the stored version older
 * than the current one, and the next request judges again. Never stale, at worst judged once more.
 *
 * Two stores: the judged pupils (large: bounded by pupils held, about thirteen 1,500-pupil schools) and
 * each school's whole grid (a few kilobytes: a thousand of them), least recently used dropped first.
 * Per process: with several app servers on one PostgreSQL database each keeps its own.
 */
import { inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { db, type Queryable } from '../db/client.ts';
import { schoolDataChanges } from '../db/schema/index.ts';
import type { School } from '../schools/service.ts';
import type { ComplianceFigures, ComplianceScope, SchoolCompliance } from './service.ts';

// About 13 kB a judged pupil: 20,000 is some 260 MB at most.
const MAX_PUPILS_HELD = 20_000;
/** Also how many schools the server judges ahead (service.ts, judgeFiguresAhead). */
export const MAX_GRIDS_HELD = 1_000;

type Entry = { version: number; value: SchoolCompliance };
// A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
const entries = new Map<string, Entry>();
let pupilsHeld = 0;
const grids = new Map<string, { version: number; figures: ComplianceFigures }>();

/** Each open database gets its own name, so two databases in one process never share figures. */
const databaseNames = new WeakMap<object, string>();
function databaseName(): string {
	const handle = db();
	let name = databaseNames.get(handle);
	if (!name) {
		name = randomUUID();
		databaseNames.set(handle, name);
	}
	return name;
}

/** Everything besides the data that changes the judgement: the scope and the school's settings. */
export function complianceCacheKey(school: School, scope: ComplianceScope): string {
	return [
		databaseName(),
		school.id,
		scope.academicYear,
		scope.asOf,
		scope.framework.id,
		school.schoolDayStarts,
		school.schoolDayEnds,
		school.atRiskWeeks,
		school.workplaceExperiencesBy16 ?? '',
		school.lowestYear,
		school.highestYear
	].join('|');
}

/** Schools' data versions (0 for a school nothing has been recorded for). */
export async function dataVersions(schoolIds: readonly string[], q: Queryable = db()): Promise<Map<string, number>> {
	const versions = new Map(schoolIds.map((id) => [id, 0]));
	if (!schoolIds.length) return versions;
	const rows = await q
		.select({ schoolId: schoolDataChanges.schoolId, version: sql<number>`count(*)::int` })
		.from(schoolDataChanges)
		.where(inArray(schoolDataChanges.schoolId, [...schoolIds]))
		.groupBy(schoolDataChanges.schoolId);
	for (const row of rows) versions.set(row.schoolId, row.version);
	return versions;
}

export async function dataVersion(schoolId: string, q: Queryable = db()): Promise<number> {
	return (await dataVersions([schoolId], q)).get(schoolId) ?? 0;
}

/** The judged school, when judged at this version. */
export function cachedCompliance(key: string, version: number): SchoolCompliance | undefined {
	const entry = entries.get(key);
	if (!entry || entry.version !== version) return undefined;
	entries.delete(key);
	entries.set(key, entry);
	return entry.value;
}

export function rememberCompliance(key: string, version: number, value: SchoolCompliance): void {
	const old = entries.get(key);
	if (old) {
		if (old.version > version) return; // a newer judgement is already held
		pupilsHeld -= old.value.pupils.length;
		entries.delete(key);
	}
	entries.set(key, { version, value });
	pupilsHeld += value.pupils.length;
	for (const [k, entry] of entries) {
		if (pupilsHeld <= MAX_PUPILS_HELD || k === key) break;
		entries.delete(k);
		pupilsHeld -= entry.value.pupils.length;
	}
}

/** A school's whole grid (no filter), when worked out at this version. */
export function cachedFigures(key: string, version: number): ComplianceFigures | undefined {
	const entry = grids.get(key);
	if (!entry || entry.version !== version) return undefined;
	grids.delete(key);
	grids.set(key, entry);
	return entry.figures;
}

export function rememberFigures(key: string, version: number, figures: ComplianceFigures): void {
	const old = grids.get(key);
	if (old && old.version > version) return;
	grids.delete(key);
	grids.set(key, { version, figures });
	if (grids.size > MAX_GRIDS_HELD) grids.delete(grids.keys().next().value!);
}

/** For tests and the bench: judge from scratch next time. */
export function forgetCompliance(): void {
	entries.clear();
	grids.clear();
	pupilsHeld = 0;
}

/**
 * Writes that skip triggers (the demo and the synthetic bench school write with
 * session_replication_role = replica, as pg_restore does) say afterwards that the schools changed.
 */
export async function recordSchoolDataChange(q: Queryable, schoolIds: readonly string[]): Promise<void> {
	if (schoolIds.length) await q.insert(schoolDataChanges).values(schoolIds.map((schoolId) => ({ schoolId })));
}
