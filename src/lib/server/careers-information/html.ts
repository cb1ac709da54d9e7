/**
 * The published careers information as one self-contained HTML file, for a school to paste into its own
 * website. Everything from the database is escaped; the little CSS it needs is inline (it is a file to
 * download, not a page Waymark serves, so the app's Content-Security-Policy does not apply to it).
 */
import { FIELD_LABELS, type PublicCareersPage } from './service.ts';

export function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** Paragraphs from a text a person typed: blank lines separate paragraphs, single line breaks stay. */
function paragraphs(text: string | null): string {
	if (!text) return '<p>Not given.</p>';
	return text
		.split(/\n\s*\n/)
		.map((p) => `<p>${escapeHtml(p.trim()).replaceAll('\n', '<br>')}</p>`)
		.join('\n');
}

function section(heading: string, body: string, level = 2): string {
	return `<h${level}>${escapeHtml(heading)}</h${level}>\n${body}`;
}

const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.5; max-width: 50em; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 2em; } h2 { font-size: 1.5em; margin-top: 1.5em; } h3 { font-size: 1.15em; margin-bottom: 0.25em; }
a { color: #1d70b8; } dt { font-weight: bold; } dd { margin: 0 0 0.5em 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 0.4em; border-bottom: 1px solid #b1b4b6; }
`;

/** The figures the school chose to publish, as a table (empty when none). */
function impactTable(page: PublicCareersPage): string {
	if (page.impact.length === 0) return '';
	const e = escapeHtml;
	const rows = page.impact
		.map(
			(f) =>
				`<tr><th scope="row">${e(f.title)}</th><td>${f.percent === null ? 'No pupil is judged on this yet' : `${f.percent}% (${f.met} of ${f.eligible})`}</td></tr>`
		)
		.join('\n');
	return `\n<table><caption>Our figures for ${e(page.academicYear)}, as of ${e(page.impactAsOfText)}</caption>
<thead><tr><th scope="col">Measure</th><th scope="col">Pupils who have met it</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

export function careersInformationHtml(page: PublicCareersPage): string {
	const e = escapeHtml;
	const leader = page.careersLeader
		? `<dl>
<dt>Name</dt><dd>${e(page.careersLeader.name)}</dd>
<dt>Email</dt><dd><a href="mailto:${e(page.careersLeader.email)}">${e(page.careersLeader.email)}</a></dd>
<dt>Telephone</dt><dd>${e(page.careersLeader.phone ?? 'Not given')}</dd>
</dl>`
		: '<p>Not given.</p>';
	const rows = page.programme
		.map((year) => {
			const cell = year.terms.length
				? year.terms
						.map(
							(t) => `<strong>${e(t.label)}</strong><ul>${t.activities.map((a) => `<li>${e(a)}</li>`).join('')}</ul>`
						)
						.join('')
				: 'Nothing planned yet.';
			return `<tr><th scope="row">Year ${year.yearGroup}</th><td>${cell}</td></tr>`;
		})
		.join('\n');
	const p = page.providerAccess;
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Careers information – ${e(page.school.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Careers information: ${e(page.school.name)}</h1>
<p>Our careers programme for ${e(page.academicYear)}. Last updated ${e(page.lastUpdatedText)}.</p>
${section('Our careers leader', leader)}
${section(
	'Our careers programme by year group',
	`<table><thead><tr><th scope="col">Year group</th><th scope="col">Activities</th></tr></thead><tbody>
${rows}
</tbody></table>`
)}
${section('Finding out about the programme', '')}
${section('Pupils', paragraphs(page.forPupils), 3)}
${section('Parents and carers', paragraphs(page.forParents), 3)}
${section('Teachers', paragraphs(page.forTeachers), 3)}
${section('Employers', paragraphs(page.forEmployers), 3)}
${section('How we measure the impact of the programme', paragraphs(page.impactMeasurement) + impactTable(page))}
${section('Next review', `<p>We will next review this information on ${e(page.nextReviewDateText ?? 'a date to be set')}.</p>`)}
${section('Provider access policy statement', '<p>How education and training providers can speak to our pupils about technical education and apprenticeships.</p>')}
${section(FIELD_LABELS.providerRequestAccess, paragraphs(p.requestAccess), 3)}
${section(FIELD_LABELS.providerContact, paragraphs(p.contact), 3)}
${section(FIELD_LABELS.providerGrantingRefusing, paragraphs(p.grantingRefusing), 3)}
${section(FIELD_LABELS.providerSafeguarding, paragraphs(p.safeguarding), 3)}
${section(FIELD_LABELS.providerPremises, paragraphs(p.premises), 3)}
</body>
</html>
`;
}
