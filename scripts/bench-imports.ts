/**
 * How fast the spreadsheet imports run, through the importers the web page and `waymark import` use:
 *   - a pupil roster of 2,000 rows into an empty school (all added), then the same file again (all unchanged);
 *   - an attendance file of 50,000 rows (25 activities × 2,000 pupils) into that school.
 * Targets: 2,000 pupils under 2 s. Each figure is one run after a warm-up on a separate school.
 *
 *   ./node_modules/.bin/node scripts/bench-imports.ts                on an in-memory PGlite
 *   DATABASE_URL=postgres://… ./node_modules/.bin/node scripts/bench-imports.ts   (adds its own schools)
 *
 * From scripts/bench.ts: `import { benchImports } from './bench-imports.ts'` with an open handle.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { connect, db, useDatabase, type DatabaseHandle } from '../src/lib/server/db/client.ts';
import { deliveredActivities } from '../src/lib/server/db/schema/index.ts';
import { systemActor } from '../src/lib/server/access/actor.ts';
import { addSchool, type School } from '../src/lib/server/schools/service.ts';
import { pupilsImport } from '../src/lib/server/pupils/import-roster.ts';
import { attendanceImport } from '../src/lib/server/encounters/import-attendance.ts';
import { makeUpn } from '../src/lib/domain/upn.ts';
import { academicYearStart, todayInLondon } from '../src/lib/domain/academic-year.ts';

export type ImportBench = { pupils2000: number; pupils2000Again: number; attendance50000: number };

const PUPILS = 2000;
const ACTIVITIES = 25;
const system = systemActor('Waymark bench');

let schools = 0;
async function benchSchool(): Promise<School> {
	schools += 1;
	const urn = String(9_700_000 + Math.floor(Math.random() * 90_000) + schools);
	return addSchool(system, {
		urn,
		name: `Import Bench School ${urn}`,
		phase: 'secondary',
		lowestYear: 7,
		highestYear: 13
	});
}

const ROSTER_HEADER =
	'UPN,Legal Surname,Legal Forename,Preferred Forename,Date of Birth,Gender,NC Year,Reg Group,SEN Provision,FSM Eligible,Ever 6 FSM,Pupil Premium,EAL,Looked After,Ethnicity,Attendance %,Admission Date,Leaving Date,Email';

/** 2,000 distinct valid UPNs: the 3-digit serial runs 000–999 under two LA numbers. */
function benchUpn(i: number): string {
	return makeUpn({
		la: 800 + Math.floor(i / 1000),
		establishment: 4321,
		yearOfIssue: 19,
		serial: String(i % 1000).padStart(3, '0')
	});
}

function rosterCsv(): string {
	const year = academicYearStart(todayInLondon());
	const lines = [ROSTER_HEADER];
	for (let i = 0; i < PUPILS; i++) {
		const nc = 7 + (i % 7);
		const born = year - nc - 5; // born in the autumn, so in year group nc this academic year
		const pp = i % 4 === 0 ? 'Y' : 'N';
		lines.push(
			[
				benchUpn(i),
				`Surname${i}`,
				`Forename${i}`,
				'',
				`${String((i % 28) + 1).padStart(2, '0')}/10/${born}`,
				i % 2 ? 'F' : 'M',
				String(nc),
				`${nc}${'ABCDEF'[i % 6]}`,
				['N', 'N', 'N', 'K', 'E'][i % 5],
				pp,
				pp,
				pp,
				i % 9 === 0 ? 'Y' : 'N',
				'N',
				'WBRI',
				String(85 + (i % 15)),
				'',
				'',
				''
			].join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	const t0 = performance.now();
	await work();
	return (performance.now() - t0) / 1000;
}

async function oneRun(): Promise<ImportBench> {
	const school = await benchSchool();
	const roster = rosterCsv();
	const pupils2000 = await timed(() => pupilsImport.run(system, school, roster));
	const pupils2000Again = await timed(() => pupilsImport.run(system, school, roster));

	const today = todayInLondon();
	const refs = Array.from({ length: ACTIVITIES }, (_, i) => `BENCH-${i + 1}`);
	await db()
		.insert(deliveredActivities)
		.values(
			refs.map((ref) => ({
				schoolId: school.id,
				ref,
				title: `Bench activity ${ref}`,
				type: 'employer-encounter',
				academicYear: academicYearStart(today),
				date: today
			}))
		);
	const upns = Array.from({ length: PUPILS }, (_, i) => benchUpn(i));
	const lines = ['Activity Ref,UPN,Attended'];
	for (const ref of refs)
		for (let i = 0; i < upns.length; i++) lines.push(`${ref},${upns[i]},${i % 20 === 0 ? 'N' : 'Y'}`);
	const attendance50000 = await timed(() => attendanceImport.run(system, school, lines.join('\n') + '\n'));
	return { pupils2000, pupils2000Again, attendance50000 };
}

export async function benchImports(handle: DatabaseHandle): Promise<ImportBench> {
	useDatabase(handle);
	await oneRun(); // warm-up: JIT, plans, caches
	return oneRun();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const handle = await connect({ databaseUrl: process.env.DATABASE_URL, command: 'waymark bench (imports)' });
	try {
		const r = await benchImports(handle);
		console.log(
			`pupils 2,000 rows: ${r.pupils2000.toFixed(2)} s (again, unchanged: ${r.pupils2000Again.toFixed(2)} s); attendance 50,000 rows: ${r.attendance50000.toFixed(2)} s`
		);
	} finally {
		await handle.close();
	}
}
