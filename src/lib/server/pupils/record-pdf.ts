/**
 * "Your careers record": the pupil's (or parent's) copy of the record as a PDF, in plain English.
 * It shows what the pupil took part in, the actions agreed at guidance meetings, destinations and
 * referrals (that they were made, not staff's reasons). It never shows advisers' notes: pupilRecord
 * leaves them out for a download anyway, and this builder does not print them even if they were there.
 */
import type { Content, TDocumentDefinitions } from '../pdf/document.ts';
import { headerAndFooter, pdfBuffer, simpleTable } from '../pdf/document.ts';
import type { School } from '../schools/service.ts';
import type { PupilCareersRecord } from './record.ts';
import { REFERRER_CAPACITY_LABELS, type ReferrerCapacity } from '../../domain/roles.ts';
import { SEN_PROVISION_LABELS } from '../../domain/pupil-characteristics.ts';
import { londonDate, todayInLondon } from '../../domain/academic-year.ts';
import { exportBaseName } from '../exports/table.ts';

/** "2026-11-23" → "23 November 2026". */
export function longDate(iso: string | null): string {
	if (!iso) return '';
	return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

function shortDate(iso: string): string {
	return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** Letters that do not decompose into a base letter and an accent, spelt in ASCII. */
const ASCII_LETTERS: Record<string, string> = {
	ł: 'l',
	Ł: 'L',
	ø: 'o',
	Ø: 'O',
	đ: 'd',
	Đ: 'D',
	ð: 'd',
	Ð: 'D',
	ß: 'ss',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	Œ: 'OE',
	þ: 'th',
	Þ: 'Th',
	ı: 'i',
	ħ: 'h',
	Ħ: 'H'
};

/** `careers-record-<surname>-<forename>.pdf`, in plain ASCII (accents dropped, anything else a hyphen). */
export function recordPdfFilename(pupil: { legalSurname: string; legalForename: string }): string {
	const ascii = (s: string) => s.replace(/[łŁøØđĐðÐßæÆœŒþÞıħĦ]/g, (c) => ASCII_LETTERS[c] ?? c);
	return `${exportBaseName('careers record', ascii(pupil.legalSurname), ascii(pupil.legalForename))}.pdf`;
}

/** The document definition (exported so a test or a later report can look inside it). */
export function recordDocument(
	record: PupilCareersRecord,
	school: School,
	options: { printedOn?: string; compress?: boolean } = {}
): TDocumentDefinitions {
	const { pupil } = record;
	const printedOn = longDate(options.printedOn ?? todayInLondon());
	const content: Content[] = [];

	content.push(
		{ text: 'Your careers record', style: 'title' },
		{
			text: `${pupil.name} · ${record.leftFromYear ? `Left from Year ${record.leftFromYear}` : `Year ${pupil.yearGroup}`} · ${school.name}`,
			style: 'subtitle'
		},
		{
			text:
				'This is the record your school keeps of your careers education: the events and activities you ' +
				'were expected at, the careers guidance meetings you had and what you agreed to do next, and ' +
				'where you plan to go, or went, after school. If anything is wrong or missing, tell your careers leader.',
			margin: [0, 0, 0, 10]
		}
	);

	content.push({ text: 'About you', style: 'h2' });
	const about: [string, string][] = [
		['Name', `${pupil.legalForename} ${pupil.legalSurname}`],
		...(pupil.preferredForename && pupil.preferredForename !== pupil.legalForename
			? ([['Known as', pupil.preferredForename]] as [string, string][])
			: []),
		['Unique pupil number (UPN)', pupil.upn],
		['Date of birth', longDate(pupil.dateOfBirth)],
		['Year group', record.leftFromYear ? `Left from Year ${record.leftFromYear}` : `Year ${pupil.yearGroup}`],
		['Registration group', pupil.regGroup ?? ''],
		['Joined the school', longDate(pupil.admissionDate)],
		['Left the school', pupil.leavingDate ? longDate(pupil.leavingDate) : 'Still at the school'],
		['Special educational needs', SEN_PROVISION_LABELS[pupil.senProvision]],
		['English as an additional language', yesNo(pupil.eal)]
	];
	content.push({
		table: { widths: [160, '*'], body: about.map(([k, v]) => [{ text: k, bold: true }, v || 'Not recorded']) },
		layout: 'lightHorizontalLines',
		margin: [0, 0, 0, 8]
	});

	content.push(
		{ text: 'What you took part in', style: 'h2' },
		{
			text: `You went to ${record.attendedCount} careers ${record.attendedCount === 1 ? 'activity' : 'activities'}${
				record.missedCount ? ` and missed ${record.missedCount}` : ''
			}. The numbers in the last column are the Gatsby Benchmarks each activity counts towards.`,
			margin: [0, 0, 0, 6]
		}
	);
	for (const year of record.timeline) {
		const heading: Content = { text: `${year.name} — Year ${year.yearGroup}`, style: 'h3' };
		if (year.encounters.length === 0) {
			content.push({
				stack: [heading, { text: 'Nothing recorded this year.', style: 'muted', margin: [0, 0, 0, 6] }],
				unbreakable: true
			});
			continue;
		}
		const table = simpleTable(
			['Date', 'Activity', 'With', 'You were', 'Benchmarks'],
			year.encounters.map((e) => [
				e.endDate && e.endDate !== e.date ? `${shortDate(e.date)} to ${shortDate(e.endDate)}` : shortDate(e.date),
				`${e.title}\n${e.typeLabel}`,
				e.partners.join(', '),
				e.attended ? 'There' : 'Absent',
				e.benchmarks.join(', ')
			]),
			[70, '*', 110, 45, 62]
		);
		// A year's heading stays with its table; a long year may break across pages (its header row repeats).
		content.push(
			year.encounters.length <= 12 ? { stack: [heading, table], unbreakable: true } : { stack: [heading, table] }
		);
	}

	content.push({ text: 'Careers guidance meetings', style: 'h2' });
	if (record.guidance.length === 0) {
		content.push({ text: 'No guidance meetings recorded yet.', style: 'muted' });
	} else {
		content.push(
			simpleTable(
				['Date', 'Careers adviser', 'Meeting', 'What you agreed to do next'],
				record.guidance.map((g) => [
					`${shortDate(g.date)}${g.status === 'booked' ? '\n(booked)' : ''}`,
					`${g.adviserName}${g.adviserLevel ? `\nQualified to level ${g.adviserLevel}` : ''}`,
					g.formatLabel,
					g.agreedActions ?? ''
				]),
				[70, 110, 70, '*']
			)
		);
	}

	content.push({ text: 'Where you plan to go, and where you went', style: 'h2' });
	if (record.destinations.length === 0) {
		content.push({ text: 'No destinations recorded yet.', style: 'muted' });
	} else {
		content.push(
			simpleTable(
				['Year', 'Plan or actual', 'Destination', 'Where and what'],
				record.destinations.map((d) => [
					d.academicYearName,
					d.kind === 'intended' ? 'What you planned' : 'Where you went',
					`${d.label}\n(${d.groupLabel})`,
					[d.institution, d.course].filter(Boolean).join('\n')
				]),
				[50, 80, 150, '*']
			)
		);
	}

	content.push({ text: 'Referrals for careers guidance', style: 'h2' });
	if (record.referrals.length === 0) {
		content.push({ text: 'No referrals.', style: 'muted' });
	} else {
		content.push(
			simpleTable(
				// The reason is staff's own words about the pupil, kept for the careers team like advisers' notes;
				// the pupil's copy says that someone asked for a meeting and what happened.
				['Date', 'Asked for by', 'Now'],
				record.referrals.map((r) => [
					shortDate(londonDate(r.createdAt)),
					REFERRER_CAPACITY_LABELS[r.referrerCapacity as ReferrerCapacity] ?? r.referrerCapacity,
					r.status === 'open' ? 'Waiting for a meeting' : 'Done'
				]),
				[90, 150, '*']
			)
		);
	}

	return {
		info: { title: `Careers record – ${pupil.name}`, author: school.name, subject: 'Your careers record' },
		language: 'en-GB',
		...(options.compress === false ? { compress: false } : {}),
		...headerAndFooter({ organisation: school.name, title: 'Your careers record', printedOn }),
		content
	};
}

/** The pupil's copy of the record as PDF bytes. */
export async function recordPdf(
	record: PupilCareersRecord,
	school: School,
	options: { printedOn?: string; compress?: boolean } = {}
): Promise<Buffer> {
	return pdfBuffer(recordDocument(record, school, options));
}
