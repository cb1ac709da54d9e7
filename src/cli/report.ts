/**
 * `waymark report compliance|pupil`: who has had what, for other tools (--json, the shapes of issue 5
 * §5, the same as the JSON endpoints) or for a person at a terminal (a table). The same services as the
 * web pages (compliance/service.ts), run as the command line's system actor; the pupil report is
 * audited like a view of the pupil's record.
 *
 * Light to import (waymark.ts loads it at start): the services load when the command runs.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { DatabaseHandle } from '../lib/server/db/client.ts';
import type { Output } from './waymark.ts';

const DATA_DIR_HELP = '  --data-dir DIR    the embedded database folder (default: WAYMARK_DATA_DIR, or ./data)';

export const REPORT_USAGE = `Usage: waymark report compliance --school URN [--year 2025/26] [--as-of YYYY-MM-DD] [--json]
       waymark report pupil --school URN --upn UPN [--year 2025/26] [--as-of YYYY-MM-DD] [--json]
                            [--data-dir DIR]

compliance   each benchmark and duty by year group: pupils it applies to (eligible), met, on track,
             at risk and missed. --json prints
             {"school":URN,"academicYear":"2025/26","framework":"gatsby-2024","asOf":"2026-03-16",
              "rules":[{"id":…,"yearGroup":7,"eligible":n,"met":n,"onTrack":n,"atRisk":n,"missed":n},…]}
pupil        one pupil's status for each benchmark and duty, with the reason, and the activities and
             guidance meetings that counted and those that did not, with why (audited as a view of the
             pupil's record). --json prints {"school","upn","yearGroup","academicYear","framework","asOf",
             "rules":[{"id","status","reason","window","have","needed","counted":[…],"notCounted":[…]}]}

  --school URN      the school
  --upn UPN         the pupil's Unique Pupil Number (pupil report)
  --year Y          the academic year, e.g. 2025/26 (default: the year of --as-of, or this one)
  --as-of DATE      judge as at the end of this day, YYYY-MM-DD, inside the academic year
                    (default: today, or the last day of a past year)
  --json            print JSON for other tools instead of a table
${DATA_DIR_HELP}`;

type Values = Record<string, string | boolean | string[] | undefined>;

/** What the report command borrows from waymark.ts, so that both share one way of parsing and failing. */
export type CommandKit = {
	parse(
		args: string[],
		options: ParseArgsOptionsConfig,
		usage: string,
		positionals?: number
	): { values: Values; positionals: string[] };
	text(values: Values, name: string): string | undefined;
	required(values: Values, name: string, usage: string): string;
	applySettings(values: Values): void;
	withDatabase<T>(command: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T>;
	help(io: Output, usage?: string): number;
	UsageError: new (message: string, usage?: string) => Error;
	CommandError: new (message: string, options?: ErrorOptions) => Error;
};

const OPTIONS: ParseArgsOptionsConfig = {
	school: { type: 'string' },
	upn: { type: 'string' },
	year: { type: 'string' },
	'as-of': { type: 'string' },
	json: { type: 'boolean' }
};

/** A field of resolveScope or pupilIdByUpn → the option the person typed. */
const OPTION_FOR_FIELD: Record<string, string> = { year: '--year', asOf: '--as-of', upn: '--upn' };

export async function report(args: string[], io: Output, kit: CommandKit): Promise<number> {
	const { values, positionals } = kit.parse(args, OPTIONS, REPORT_USAGE, 1);
	if (values.help) return kit.help(io, REPORT_USAGE);
	const kind = positionals[0];
	if (kind !== 'compliance' && kind !== 'pupil')
		throw new kit.UsageError(
			kind === undefined ? 'Say which report: compliance or pupil.' : `Unknown report: ${kind}.`,
			REPORT_USAGE
		);
	const urn = kit.required(values, 'school', REPORT_USAGE);
	const upn = kind === 'pupil' ? kit.required(values, 'upn', REPORT_USAGE) : undefined;
	if (kind === 'compliance' && values.upn !== undefined)
		throw new kit.UsageError(
			'--upn is for the pupil report: waymark report pupil --school URN --upn UPN.',
			REPORT_USAGE
		);
	const year = kit.text(values, 'year');
	const asOf = kit.text(values, 'as-of');
	const json = values.json === true;
	kit.applySettings(values);

	return kit.withDatabase(`report ${kind}`, async () => {
		const { systemActor, NotFoundError } = await import('../lib/server/access/actor.ts');
		const { ValidationError } = await import('../lib/server/errors.ts');
		const { schoolForActor } = await import('../lib/server/schools/service.ts');
		const service = await import('../lib/server/compliance/service.ts');
		const actor = systemActor();
		const school = await schoolForActor(actor, urn, kind === 'pupil' ? 'pupils.view' : 'compliance.view').catch(
			(error: unknown) => {
				throw error instanceof NotFoundError ? new kit.CommandError(`There is no school with URN ${urn}.`) : error;
			}
		);
		try {
			const scope = await service.resolveScope(school, { year, asOf });
			if (kind === 'compliance') {
				const figures = await service.complianceFigures(actor, school, scope);
				const result = service.complianceReport(school, figures);
				if (json) io.out(JSON.stringify(result, null, 2));
				else for (const line of await complianceTable(school, figures)) io.out(line);
			} else {
				const pupilId = await service.pupilIdByUpn(school, upn!);
				const pupil = await service.pupilCompliance(actor, school, pupilId, scope);
				const result = service.pupilComplianceReport(school, pupil);
				if (json) io.out(JSON.stringify(result, null, 2));
				else for (const line of await pupilText(school, pupil.name, scope.framework.name, result)) io.out(line);
			}
			return 0;
		} catch (error) {
			if (error instanceof ValidationError)
				throw new kit.CommandError(
					error.errors.map((e) => `${OPTION_FOR_FIELD[e.field] ?? e.field}: ${e.message}.`).join('\n'),
					{ cause: error }
				);
			throw error;
		}
	});
}

type School = { name: string; urn: string };
type Figures = Awaited<ReturnType<typeof import('../lib/server/compliance/service.ts').complianceFigures>>;
type PupilReport = ReturnType<typeof import('../lib/server/compliance/service.ts').pupilComplianceReport>;

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

/** The rule × year group grid as text: % of eligible pupils who met each rule, then the counts behind it. */
async function complianceTable(school: School, figures: Figures): Promise<string[]> {
	const { academicYearName, longDate } = await import('../lib/domain/academic-year.ts');
	const { percentMet } = await import('../lib/domain/compliance.ts');
	const pct = (counts: { eligible: number; met: number }) => {
		const p = percentMet(counts);
		return p === null ? '–' : `${Math.round(p)}%`;
	};
	const idWidth = Math.max(...figures.rules.map((r) => r.id.length), 'Benchmark or duty'.length) + 2;
	const cell = (cells: string[]) => cells.map((c) => lpad(c, 6)).join('');
	const lines = [
		`${school.name} (URN ${school.urn}): who has had what, ${academicYearName(figures.academicYear)} as of ${longDate(
			figures.asOf
		)}, under the ${figures.framework.name}`,
		`${figures.pupilCount.toLocaleString('en-GB')} pupils on roll in Years ${figures.yearGroups[0]}–${figures.yearGroups.at(-1)}.`,
		'',
		'Met, as a share of the pupils each rule applies to (– where it applies to nobody yet):',
		'',
		pad('Benchmark or duty', idWidth) +
			cell([...figures.yearGroups.map((y) => `Y${y}`), 'All']) +
			lpad('On track', 10) +
			lpad('At risk', 9) +
			lpad('Missed', 8)
	];
	for (const rule of figures.rules) {
		const cells = figures.yearGroups.map((y) => {
			const found = figures.cells.find((c) => c.ruleId === rule.id && c.yearGroup === y);
			return found ? pct(found.counts) : '–';
		});
		const total = figures.totals.find((t) => t.ruleId === rule.id)!.counts;
		lines.push(
			pad(rule.id, idWidth) +
				cell([...cells, pct(total)]) +
				lpad(total.onTrack.toLocaleString('en-GB'), 10) +
				lpad(total.atRisk.toLocaleString('en-GB'), 9) +
				lpad(total.missed.toLocaleString('en-GB'), 8)
		);
	}
	lines.push('', 'The rules:');
	for (const rule of figures.rules) lines.push(`  ${pad(rule.id, idWidth)}${rule.title}`);
	lines.push('', 'For every count by year group: waymark report compliance … --json');
	return lines;
}

/** One pupil's statuses as text, each with its reason and what counted. */
async function pupilText(school: School, name: string, framework: string, r: PupilReport): Promise<string[]> {
	const { longDate } = await import('../lib/domain/academic-year.ts');
	const { COMPLIANCE_STATUS_LABELS, complianceRule } = await import('../lib/domain/compliance.ts');
	const labels: Record<string, string> = COMPLIANCE_STATUS_LABELS;
	const item = (e: { ref: string | null; title: string; date: string }) =>
		`${e.date} ${e.ref ? `${e.ref} ` : ''}${e.title}`;
	const lines = [
		`${name} (UPN ${r.upn}), Year ${r.yearGroup}, ${school.name} (URN ${school.urn})`,
		`${r.academicYear} as of ${longDate(r.asOf)}, under the ${framework}`
	];
	for (const rule of r.rules) {
		lines.push('', `${pad(labels[rule.status] ?? rule.status, 16)}${complianceRule(rule.id)?.title ?? rule.id}`);
		lines.push(`${pad('', 16)}${rule.reason}`);
		for (const e of rule.counted) lines.push(`${pad('', 16)}  counted: ${item(e)}`);
		for (const e of rule.notCounted) lines.push(`${pad('', 16)}  did not count: ${item(e)} — ${e.why}`);
	}
	return lines;
}
