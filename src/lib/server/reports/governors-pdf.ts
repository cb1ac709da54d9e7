/**
 * The governors' pack as a PDF: the same sections as the page, each chart drawn as a vector (the SVG
 * from lib/charts.ts in a pdfmake `svg` node) followed by the same figures as a table. The school's
 * name is in the title, the running header and the document information; pages are numbered.
 * Downloading it is recorded in the audit trail.
 */
import { db } from '../db/client.ts';
import { authorise, type Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/record.ts';
import type { School } from '../schools/service.ts';
import type { ComplianceScope } from '../compliance/service.ts';
import { headerAndFooter, pdfBuffer, PDF_FONT, simpleTable, type Content } from '../pdf/document.ts';
import { exportBaseName } from '../exports/table.ts';
import { barChartSvg, radarChartSvg } from '../../charts.ts';
import { todayInLondon } from '../../domain/academic-year.ts';
import { governorsPack, packCharts, PACK_TITLE, type GovernorsPack, type PackCell } from './governors.ts';

/** The page is A4 with 40 pt margins: charts take the full width between them. */
const FULL_WIDTH = 515;

const percentText = (p: number | null) => (p === null ? '–' : `${p}%`);
const cellText = (c: PackCell) => (c.eligible === 0 ? '–' : `${c.percent}%\n${c.met} of ${c.eligible}`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function bullets(items: string[], empty: string): Content {
	return items.length ? { ul: items, margin: [0, 0, 0, 6] } : { text: empty, style: 'muted', margin: [0, 0, 0, 6] };
}

/**
 * pdfmake hands the SVG renderer the font's file name, which PDFKit then tries to open from disk (our
 * fonts live only in pdfmake's memory), so the chart's text is set in the font last used on the page.
 * A caption in the body font right before each chart makes that font DejaVu Sans; the renderer's
 * complaint about the file name is expected and kept out of the log, any other warning is not.
 */
function quietFontWarning(message: string): void {
	if (!message.startsWith('SVGElemText: failed to open font')) console.warn(message);
}

function chart(svg: string, caption: string, width = FULL_WIDTH): Content {
	return {
		stack: [
			{ text: `Chart: ${caption} The table below gives the same figures.`, style: 'small', margin: [0, 0, 0, 4] },
			{ svg, width, options: { warningCallback: quietFontWarning } } as unknown as Content
		],
		unbreakable: true,
		margin: [0, 4, 0, 8]
	};
}

export function governorsDocument(pack: GovernorsPack) {
	const charts = packCharts(pack);
	const font = { fontFamily: PDF_FONT };
	const content: Content[] = [
		{ text: PACK_TITLE, style: 'title' },
		{
			text: `${pack.school.name} (URN ${pack.school.urn}) · ${pack.yearName} · figures as of ${pack.asOfText} · ${pack.framework.name}`,
			style: 'subtitle'
		},
		{
			text: `Figures only: this report names no pupil. ${pack.pupilCount.toLocaleString('en-GB')} pupils on roll in Years ${pack.yearGroups[0]}–${pack.yearGroups.at(-1)}.`,
			style: 'muted',
			margin: [0, 0, 0, 8]
		},

		{ text: 'Summary', style: 'h2' },
		{ text: 'Main strengths', style: 'h3' },
		bullets(pack.summary.strengths, 'None stands out yet.'),
		{ text: 'Main gaps', style: 'h3' },
		bullets(pack.summary.gaps, 'No gap stands out.'),

		{ text: 'Benchmark scores', style: 'h2', pageBreak: 'before' }
	];

	if (pack.benchmarks && charts.radar) {
		content.push(
			{
				text: `${pack.benchmarks.label}${pack.benchmarks.previousLabel ? `, compared with ${pack.benchmarks.previousLabel}` : ''}.`,
				margin: [0, 0, 0, 4]
			},
			chart(radarChartSvg(charts.radar, font), charts.radar.title + '.', 380),
			simpleTable(
				['Benchmark', 'Score', 'Previous', 'Change'],
				pack.benchmarks.rows.map((b) => [
					`${b.benchmark} ${b.title}`,
					percentText(b.score === null ? null : Math.round(b.score)),
					percentText(b.previous === null ? null : Math.round(b.previous)),
					b.score === null || b.previous === null
						? '–'
						: `${signed(Math.round(b.score) - Math.round(b.previous))} points`
				]),
				['*', 60, 60, 70]
			)
		);
	} else content.push({ text: 'No benchmark self-evaluation has been recorded yet.', style: 'muted' });

	content.push(
		{ text: 'Who has had what: coverage', style: 'h2', pageBreak: 'before' },
		{
			text: 'The share of eligible pupils who have met each rule, by year group. “–” means no pupil in that year group is judged against the rule yet.',
			margin: [0, 0, 0, 4]
		},
		chart(barChartSvg(charts.coverage, font), charts.coverage.title + '.'),
		{
			...(simpleTable(
				['Rule', ...pack.yearGroups.map((y) => `Y${y}`), 'All'],
				pack.coverage.map((r) => [
					r.title,
					...pack.yearGroups.map((y) => {
						const c = r.cells.find((x) => x.yearGroup === y);
						return c ? cellText(c) : '–';
					}),
					cellText(r.total)
				]),
				['*', ...pack.yearGroups.map(() => 38), 44]
			) as object),
			fontSize: 7.5
		} as Content,

		{ text: 'Equity: gaps between groups of pupils', style: 'h2' }
	);
	if (pack.equity.length === 0)
		content.push({ text: 'No group of pupils is 10 percentage points or more below the rest of the cohort.' });
	else
		content.push(
			{
				text: 'Groups of pupils 10 percentage points or more below the rest of the cohort on a rule.',
				margin: [0, 0, 0, 4]
			},
			simpleTable(
				['Group', 'Rule', 'Pupils', 'Group met', 'Others met', 'Gap'],
				pack.equity.map((g) => [
					g.group,
					g.ruleTitle,
					String(g.eligible),
					`${Math.round(g.percent)}%`,
					`${Math.round(g.restPercent)}%`,
					`${Math.round(g.points)} points`
				]),
				[90, '*', 40, 45, 45, 45]
			)
		);

	content.push({ text: 'Provider access (the law on provider encounters)', style: 'h2', pageBreak: 'before' });
	if (charts.providerAccess)
		content.push(chart(barChartSvg(charts.providerAccess, font), charts.providerAccess.title + '.', 420));
	content.push(
		simpleTable(
			['Phase', 'Year group', 'Pupils judged', 'Met', 'Share met', 'At risk', 'Missed'],
			pack.providerAccess.flatMap((r) =>
				r.cells
					.filter((c) => c.eligible > 0)
					.map((c) => [
						r.title,
						`Year ${c.yearGroup}`,
						String(c.eligible),
						String(c.met),
						percentText(c.percent),
						String(c.atRisk),
						String(c.missed)
					])
			),
			['*', 45, 45, 35, 40, 35, 40]
		),

		{ text: 'Destinations', style: 'h2' },
		{
			text: 'Intended destinations of Years 11 and 13, and the latest destinations of the last three years’ leavers. NEET: not in education, employment or training.',
			margin: [0, 0, 0, 4]
		},
		{
			...(simpleTable(
				['Pupils', 'Number', 'Education', 'Apprenticeship', 'Employment', 'Training', 'Other', 'NEET', 'Not known'],
				[...pack.destinations.intended, ...pack.destinations.leavers].map((d) => [
					d.label,
					String(d.total),
					String(d.byGroup.education),
					String(d.byGroup.apprenticeship),
					String(d.byGroup.employment),
					String(d.byGroup.training),
					String(d.byGroup.other),
					`${d.byGroup.neet} (${percentText(d.neetPercent)})`,
					`${d.total - d.recorded + d.byGroup['not-known']} (${percentText(d.notKnownPercent)})`
				]),
				['*', 38, 44, 50, 44, 40, 32, 46, 50]
			) as object),
			fontSize: 8
		} as Content,

		{ text: `Development plan ${pack.plan.yearName}`, style: 'h2' },
		simpleTable(
			['Actions', 'Not started', 'In progress', 'Done', 'Overdue'],
			[
				[
					String(pack.plan.progress.total),
					String(pack.plan.progress.notStarted),
					String(pack.plan.progress.inProgress),
					String(pack.plan.progress.done),
					String(pack.plan.progress.overdue)
				]
			]
		),

		{ text: `Planned next term: ${pack.nextTerm.label}`, style: 'h2' }
	);
	if (pack.nextTerm.activities.length === 0) content.push({ text: 'Nothing is planned for next term yet.' });
	else
		content.push(
			simpleTable(
				['Activity', 'Type', 'Year groups', 'When'],
				pack.nextTerm.activities.map((a) => [a.title, a.type, a.yearGroups, a.when]),
				['*', 110, 80, 90]
			)
		);

	return {
		info: {
			title: `${PACK_TITLE} – ${pack.school.name}`,
			author: pack.school.name,
			subject: `${PACK_TITLE}, ${pack.yearName}, as of ${pack.asOfText}`,
			creator: 'Waymark'
		},
		...headerAndFooter({
			organisation: pack.school.name,
			title: 'Careers report for governors',
			printedOn: pack.printedOn
		}),
		content
	};
}

export function governorsPdfFilename(pack: GovernorsPack): string {
	return `${exportBaseName('careers-report-governors', pack.school.urn, pack.yearName.replace('/', '-'), pack.asOf)}.pdf`;
}

/** Builds the pack and its PDF, then records the download. */
export async function governorsPdf(
	actor: Actor,
	school: School,
	scope: ComplianceScope,
	requestId?: string,
	today = todayInLondon()
): Promise<{ pdf: Buffer; filename: string }> {
	authorise(actor, 'reports.view', school.id);
	const pack = await governorsPack(actor, school, scope, today);
	const pdf = await pdfBuffer(governorsDocument(pack));
	await recordAudit(
		db(),
		actor,
		{
			organisationId: school.id,
			action: 'report.downloaded',
			recordType: 'school',
			recordId: school.id,
			summary: `Downloaded the governors’ report (PDF) for ${pack.yearName} as of ${pack.asOfText}`
		},
		requestId
	);
	return { pdf, filename: governorsPdfFilename(pack) };
}
