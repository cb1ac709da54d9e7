/**
 * The web import, shared by every kind's page so each page is three lines (see
 * src/routes/schools/[urn]/imports/pupils/+page.server.ts) and every import works the same way:
 *
 *   1. upload   — the person chooses a CSV file (and the academic year it describes, when it matters);
 *                 it is read at once and kept for an hour (jobs.ts), then → ?upload=<id>
 *   2. preview  — each of the file's columns with what we think it holds, which they confirm or
 *                 correct, and the first rows; "Import" or "Check without importing" → ?job=<id>
 *   3. job      — the import runs in the background (all or nothing); the page shows its progress,
 *                 then the summary, or every problem with its row, column and value.
 *
 * Everything works without JavaScript (plain forms and links); the query string picks the step, and
 * an unknown or expired id falls back to the upload step with a notice (still 200). The importer's
 * own run() checks the person may make the import; the page checks too, to explain rather than fail.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { can, ForbiddenError, NotFoundError } from '../access/actor.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { yearChoices } from '../benchmarks/pages.ts';
import { schoolContext } from '../route-context.ts';
import { academicYearName, academicYearStart, todayInLondon } from '../../domain/academic-year.ts';
import { CsvReadError, guessMapping, readCsv, tableOf, type ColumnMapping } from './csv.ts';
import { importStore, type Job, type Owner, type Upload } from './jobs.ts';
import { decodeText, IMPORTERS } from './registry.ts';
import type { ImportKind, Importer, ImportProgress, ImportSummary } from './types.ts';

/** adapter-node refuses bodies over BODY_SIZE_LIMIT (3M in scripts/serve.ts): stay clearly below it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_TEXT = '10 MB';
export const PREVIEW_ROWS = 5;
/** The mapping choice for "this column is not imported". */
export const IGNORE = 'ignore';

type Locals = App.Locals;

export type ColumnInfo = { key: string; heading: string; required: boolean; help: string };

export type ShownError = { row: number | null; column: string; value: string; message: string };

export type ImportPageData = {
	school: { urn: string; name: string };
	kind: ImportKind;
	/** The person may make this import (the page rule says so too; this explains it in words). */
	allowed: boolean;
	title: string;
	noun: string;
	description: string;
	usesAcademicYear: boolean;
	columns: ColumnInfo[];
	hubHref: string;
	selfHref: string;
	templateHref: string;
	/** The largest file accepted, in words ("2.5 MB"). */
	maxFile: string;
	years: { value: string; label: string }[];
	currentYear: string;
	step: 'upload' | 'preview' | 'job';
	/** Why the person is back at the upload step (an expired file or job). */
	notice: string | null;
	upload: {
		id: string;
		fileName: string;
		rowCount: number;
		headers: string[];
		/** Our guess of what each column holds: a column key, IGNORE, or '' (not known). */
		mapping: string[];
		rows: string[][];
		academicYear: string;
		checkOnly: boolean;
	} | null;
	job: {
		id: string;
		fileName: string;
		status: Job['status'];
		dryRun: boolean;
		yearName: string | null;
		progress: ImportProgress;
		progressText: string;
		summary: ImportSummary | null;
		errors: ShownError[];
		errorCount: number;
		message: string | null;
		/** When the file is still kept: check it again with other column choices, or import what was checked. */
		uploadId: string | null;
		mapping: string[];
		academicYear: string;
	} | null;
};

/** What the file's errors look like on the page (and in the CLI): row, column, value, what was wrong. */
export function shownError(e: FieldError): ShownError {
	return { row: e.row ?? null, column: e.column ?? e.field, value: e.value ?? '', message: e.message };
}

function owner(actor: { userId: string }, school: { id: string }, kind: ImportKind): Owner {
	return { schoolId: school.id, userId: actor.userId, kind };
}

function count(n: number): string {
	return n.toLocaleString('en-GB');
}

/** "12,000 of 50,000 rows checked" */
export function progressText(p: ImportProgress, dryRun: boolean): string {
	if (p.stage === 'reading') return 'Reading the file';
	const of = `${count(p.done)} of ${count(p.total)} rows`;
	if (p.stage === 'checking') return `${of} checked`;
	return dryRun ? `${of} compared with what Waymark holds` : `${of} saved`;
}

function mappingForPage(mapping: ColumnMapping): string[] {
	return mapping.map((m) => m ?? '');
}

/** The form's choices (column-0, column-1, …) → a mapping the importer accepts; anything unknown is "not chosen". */
function mappingFromForm(data: FormData, headers: string[], importer: Importer): ColumnMapping {
	const keys = new Set(importer.columns.map((c) => c.key));
	return headers.map((_, i) => {
		const v = data.get(`column-${i}`);
		if (v === IGNORE) return IGNORE;
		return typeof v === 'string' && keys.has(v) ? v : null;
	});
}

function yearFrom(value: FormDataEntryValue | null, importer: Importer): number | undefined {
	if (!importer.usesAcademicYear) return undefined;
	const raw = typeof value === 'string' ? value.trim() : '';
	const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
	const offered = yearChoices().map((y) => Number(y.value));
	return offered.includes(year) ? year : academicYearStart(todayInLondon());
}

function describeJob(job: Job, importer: Importer, owned: Owner): NonNullable<ImportPageData['job']> {
	const upload = importStore.upload(job.uploadId, owned);
	return {
		id: job.id,
		fileName: job.fileName,
		status: job.status,
		dryRun: job.dryRun,
		yearName: importer.usesAcademicYear && job.academicYear ? academicYearName(job.academicYear) : null,
		progress: job.progress,
		progressText: progressText(job.progress, job.dryRun),
		summary: job.summary ?? null,
		errors: (job.errors ?? []).map(shownError),
		errorCount: job.errorCount ?? 0,
		message: job.message ?? null,
		uploadId: upload ? upload.id : null,
		mapping: job.mapping.map((m) => m ?? ''),
		academicYear: job.academicYear ? String(job.academicYear) : ''
	};
}

function describeUpload(upload: Upload, importer: Importer): NonNullable<ImportPageData['upload']> {
	return {
		id: upload.id,
		fileName: upload.fileName,
		rowCount: upload.preview.rowCount,
		headers: upload.preview.headers,
		mapping: mappingForPage(guessMapping(upload.preview.headers, importer.columns)),
		rows: upload.preview.rows,
		academicYear: String(upload.academicYear ?? academicYearStart(todayInLondon())),
		checkOnly: upload.checkOnly
	};
}

async function loadPage(kind: ImportKind, locals: Locals, url: URL): Promise<ImportPageData> {
	const { actor, school } = schoolContext(locals);
	const importer = IMPORTERS[kind];
	const base = `/schools/${school.urn}/imports`;
	const current = academicYearStart(todayInLondon());
	const data: ImportPageData = {
		school: { urn: school.urn, name: school.name },
		kind,
		allowed: can(actor, importer.action, school.id),
		title: importer.title,
		noun: importer.noun,
		description: importer.description,
		usesAcademicYear: importer.usesAcademicYear,
		columns: importer.columns.map(({ key, heading, required, help }) => ({ key, heading, required, help })),
		hubHref: base,
		selfHref: `${base}/${kind}`,
		templateHref: `${base}/${kind}/template`,
		maxFile: MAX_FILE_TEXT,
		years: yearChoices(),
		currentYear: String(current),
		step: 'upload',
		notice: null,
		upload: null,
		job: null
	};
	if (!data.allowed) return data;
	const owned = owner(actor, school, kind);
	const jobId = url.searchParams.get('job');
	const uploadId = url.searchParams.get('upload');
	if (jobId) {
		const job = importStore.job(jobId, owned);
		if (job) return { ...data, step: 'job', job: describeJob(job, importer, owned) };
		data.notice =
			'That import is no longer shown here: Waymark keeps an import’s result for an hour. Upload the file again to see it.';
	} else if (uploadId) {
		const upload = importStore.upload(uploadId, owned);
		if (upload) return { ...data, step: 'preview', upload: describeUpload(upload, importer) };
		data.notice = 'That file is no longer kept: Waymark keeps an uploaded file for an hour. Upload it again.';
	}
	return data;
}

type UploadFailure = { step: 'upload'; errors: { field: string; message: string; href?: string }[] };
type PreviewFailure = {
	step: 'preview';
	errors: { field: string; message: string; href?: string }[];
	/** What the person chose, shown again. */
	mapping: string[];
	academicYear: string;
};

/** What a failed upload or preview gives the page (its `form`). */
export type ImportFormFailure = UploadFailure | PreviewFailure;

function uploadProblem(message: string | string[]) {
	const messages = Array.isArray(message) ? message : [message];
	return fail(400, {
		step: 'upload',
		errors: messages.map((m) => ({ field: 'file', message: m }))
	} satisfies UploadFailure);
}

/** Column problems the person can fix in the preview itself (what a column holds, a column missing). */
function columnProblems(errors: FieldError[], headers: string[]): PreviewFailure['errors'] {
	const used = new Set<number>();
	return errors
		.filter((e) => e.field === 'columns' && (e.row === 1 || e.row === undefined))
		.map((e) => {
			// The file's column by its heading; of two with the same heading, the later one is the repeat.
			const i = headers.findLastIndex((h, index) => h === e.column && !used.has(index));
			if (i < 0) return { field: 'columns', message: e.message, href: '#columns' };
			used.add(i);
			return { field: `column-${i}`, message: e.message };
		});
}

function describeFailure(kind: ImportKind, requestId: string) {
	return (e: unknown): string | { errors: FieldError[] } => {
		if (e instanceof ValidationError || e instanceof CsvReadError) return { errors: e.errors };
		if (e instanceof ForbiddenError) return 'You do not have permission to make this import. Nothing was imported.';
		if (e instanceof NotFoundError) return 'The school could not be found. Nothing was imported.';
		console.error(`[${requestId}] import of ${kind} failed:`, e);
		return `Sorry, the import stopped because of a problem with the service. Nothing was imported. If it happens again, contact support and quote ${requestId}.`;
	};
}

/** `export const { load, actions } = importPage('pupils');` in a kind's +page.server.ts. */
export function importPage(kind: ImportKind) {
	return {
		load: ({ locals, url }: { locals: Locals; url: URL }): Promise<ImportPageData> => loadPage(kind, locals, url),

		actions: {
			upload: async ({ request, locals }: { request: Request; locals: Locals }) => {
				const { actor, school } = schoolContext(locals);
				const importer = IMPORTERS[kind];
				if (!can(actor, importer.action, school.id)) error(403, 'You do not have permission to do that');
				const data = await request.formData();
				const file = data.get('file');
				if (!(file instanceof File) || file.size === 0 || file.name === '')
					return uploadProblem('Choose a CSV file to import');
				if (/\.(xlsx|xlsm|xls|ods|numbers)$/i.test(file.name))
					return uploadProblem('The file must be a CSV file. In your spreadsheet, choose “Save as” and “CSV UTF-8”');
				if (file.size > MAX_FILE_BYTES)
					return uploadProblem(
						`The file must be smaller than ${MAX_FILE_TEXT}. Split it into smaller files and import each one`
					);
				const text = decodeText(new Uint8Array(await file.arrayBuffer()));
				let csv: ReturnType<typeof readCsv>;
				try {
					csv = readCsv(text, importer.noun);
				} catch (e) {
					if (!(e instanceof CsvReadError)) throw e;
					return uploadProblem(e.errors.map((x) => (x.row ? `Row ${x.row}: ${x.message}` : x.message)));
				}
				const upload = importStore.addUpload(owner(actor, school, kind), {
					fileName: file.name.slice(0, 200),
					text,
					preview: {
						headers: csv.headers,
						rows: csv.records.slice(0, PREVIEW_ROWS).map((r) => csv.headers.map((_, i) => r.cells[i] ?? '')),
						rowCount: csv.records.length
					},
					academicYear: yearFrom(data.get('academicYear'), importer),
					checkOnly: data.get('checkOnly') === 'yes'
				});
				redirect(303, `/schools/${school.urn}/imports/${kind}?upload=${upload.id}`);
			},

			start: async ({ request, locals }: { request: Request; locals: Locals }) => {
				const { actor, school } = schoolContext(locals);
				const importer = IMPORTERS[kind];
				if (!can(actor, importer.action, school.id)) error(403, 'You do not have permission to do that');
				const data = await request.formData();
				const owned = owner(actor, school, kind);
				const upload = importStore.upload(String(data.get('upload') ?? ''), owned);
				// The file has gone (an hour passed, or the server restarted): back to the upload step, which says so.
				if (!upload) redirect(303, `/schools/${school.urn}/imports/${kind}?upload=expired`);
				const headers = upload.preview.headers;
				const mapping = mappingFromForm(data, headers, importer);
				// The columns are checked here so that a wrong choice is corrected in the preview, beside its column.
				const { errors } = tableOf({ headers, records: [], delimiter: ',' }, importer.columns, mapping);
				const problems = columnProblems(errors, headers);
				const academicYear = yearFrom(data.get('academicYear'), importer);
				if (problems.length > 0)
					return fail(400, {
						step: 'preview',
						errors: problems,
						mapping: mappingForPage(mapping),
						academicYear: academicYear === undefined ? '' : String(academicYear)
					} satisfies PreviewFailure);
				const dryRun = data.get('mode') === 'check';
				upload.academicYear = academicYear;
				const { job } = importStore.startJob(
					upload,
					{ dryRun, academicYear, mapping },
					(onProgress) =>
						importer.run(actor, school, upload.text, {
							academicYear,
							dryRun,
							mapping,
							onProgress,
							requestId: locals.requestId
						}),
					describeFailure(kind, locals.requestId)
				);
				redirect(303, `/schools/${school.urn}/imports/${kind}?job=${job.id}`);
			}
		}
	};
}
