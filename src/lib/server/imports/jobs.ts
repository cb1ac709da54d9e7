/**
 * Uploaded files and import jobs for the web import, held in this process's memory only.
 *
 * - An upload is the file's text, kept for an hour under a random id and bound to the school, the
 *   person who uploaded it and the kind of import: anyone else asking for that id finds nothing.
 * - A job runs an import in the background after the form post, so the page can show its progress
 *   and the person can leave it running. It keeps the latest progress, then the summary or the
 *   problems found (the first few hundred of them, and how many there were).
 *
 * Memory is bounded: expired entries go first, then the oldest, whenever something new is added.
 * A restart forgets everything, which is safe: an import is all or nothing, so a job lost half way
 * wrote nothing, and the person uploads the file again.
 */
import crypto from 'node:crypto';
import type { FieldError } from '../errors.ts';
import type { ImportKind, ImportProgress, ImportSummary } from './types.ts';

export const UPLOAD_TTL_MS = 60 * 60 * 1000;
export const JOB_TTL_MS = 60 * 60 * 1000;
/** Problems a job keeps (and the page lists); the count of all of them is kept too. */
export const ERRORS_KEPT = 500;

export type Owner = { schoolId: string; userId: string; kind: ImportKind };

export type UploadPreview = {
	headers: string[];
	/** The first few data rows, as the file has them. */
	rows: string[][];
	/** Data rows in the file. */
	rowCount: number;
};

export type Upload = Owner & {
	id: string;
	fileName: string;
	text: string;
	preview: UploadPreview;
	/** Chosen when uploading; the preview may change it. */
	academicYear: number | undefined;
	checkOnly: boolean;
	createdAt: number;
};

export type JobStatus = 'running' | 'done' | 'invalid' | 'failed';

export type Job = Owner & {
	id: string;
	uploadId: string;
	fileName: string;
	dryRun: boolean;
	academicYear: number | undefined;
	/** What each of the file's columns was taken to hold, so a checked file can be imported as checked. */
	mapping: (string | null)[];
	status: JobStatus;
	progress: ImportProgress;
	summary?: ImportSummary;
	/** The first ERRORS_KEPT problems, in row order. */
	errors?: FieldError[];
	errorCount?: number;
	/** Why a job failed for a reason other than the file's content. */
	message?: string;
	startedAt: number;
	finishedAt?: number;
};

export type StoreLimits = {
	maxUploads: number;
	/** Characters of file text kept across all uploads. */
	maxUploadChars: number;
	maxJobs: number;
};

export const DEFAULT_LIMITS: StoreLimits = { maxUploads: 100, maxUploadChars: 64 * 1024 * 1024, maxJobs: 200 };

export type ImportStore = ReturnType<typeof createImportStore>;

function newId(): string {
	return crypto.randomBytes(18).toString('base64url');
}

function owns(entry: Owner, owner: Owner): boolean {
	return entry.schoolId === owner.schoolId && entry.userId === owner.userId && entry.kind === owner.kind;
}

/** A store with its own clock and limits (the app uses `importStore`, tests make their own). */
export function createImportStore(options: { now?: () => number; limits?: Partial<StoreLimits> } = {}) {
	const now = options.now ?? Date.now;
	const limits: StoreLimits = { ...DEFAULT_LIMITS, ...options.limits };
	// Maps iterate in insertion order: the first entry is always the oldest.
	const uploads = new Map<string, Upload>();
	const jobs = new Map<string, Job>();

	function pruneUploads(): void {
		const t = now();
		for (const [id, u] of uploads) if (t - u.createdAt > UPLOAD_TTL_MS) uploads.delete(id);
		let chars = 0;
		for (const u of uploads.values()) chars += u.text.length;
		for (const [id, u] of uploads) {
			if (uploads.size <= limits.maxUploads && chars <= limits.maxUploadChars) break;
			uploads.delete(id);
			chars -= u.text.length;
		}
	}

	function pruneJobs(): void {
		const t = now();
		for (const [id, j] of jobs) if (j.finishedAt !== undefined && t - j.finishedAt > JOB_TTL_MS) jobs.delete(id);
		// Over the limit: drop the oldest finished jobs; a running job is never forgotten while it runs.
		for (const [id, j] of jobs) {
			if (jobs.size <= limits.maxJobs) break;
			if (j.status !== 'running') jobs.delete(id);
		}
	}

	return {
		addUpload(
			owner: Owner,
			file: {
				fileName: string;
				text: string;
				preview: UploadPreview;
				academicYear: number | undefined;
				checkOnly: boolean;
			}
		): Upload {
			const upload: Upload = { ...owner, ...file, id: newId(), createdAt: now() };
			uploads.set(upload.id, upload);
			pruneUploads();
			return upload;
		},

		/** The upload, if it is still kept and belongs to this person, school and kind of import. */
		upload(id: string | null | undefined, owner: Owner): Upload | undefined {
			if (!id) return undefined;
			const u = uploads.get(id);
			if (!u || !owns(u, owner)) return undefined;
			if (now() - u.createdAt > UPLOAD_TTL_MS) {
				uploads.delete(id);
				return undefined;
			}
			return u;
		},

		job(id: string | null | undefined, owner: Owner): Job | undefined {
			if (!id) return undefined;
			const j = jobs.get(id);
			return j && owns(j, owner) ? j : undefined;
		},

		/**
		 * Starts `work` in the background and returns its job at once. `work` gets a progress callback;
		 * it resolves to the summary, or throws ValidationError (→ "invalid", with its problems) or
		 * anything else (→ "failed", with `failure(error)` as the message shown).
		 */
		startJob(
			upload: Upload,
			settings: { dryRun: boolean; academicYear: number | undefined; mapping: (string | null)[] },
			work: (onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>,
			failure: (error: unknown) => string | { errors: FieldError[] }
		): { job: Job; done: Promise<void> } {
			const job: Job = {
				schoolId: upload.schoolId,
				userId: upload.userId,
				kind: upload.kind,
				id: newId(),
				uploadId: upload.id,
				fileName: upload.fileName,
				...settings,
				status: 'running',
				progress: { stage: 'reading', done: 0, total: upload.preview.rowCount },
				startedAt: now()
			};
			jobs.set(job.id, job);
			pruneJobs();
			const done = (async () => {
				try {
					job.summary = await work((p) => {
						job.progress = { stage: p.stage, done: p.done, total: p.total };
					});
					job.status = 'done';
				} catch (error) {
					const outcome = failure(error);
					if (typeof outcome === 'string') {
						job.status = 'failed';
						job.message = outcome;
					} else {
						job.status = 'invalid';
						job.errorCount = outcome.errors.length;
						job.errors = outcome.errors.slice(0, ERRORS_KEPT);
					}
				} finally {
					job.finishedAt = now();
				}
			})();
			return { job, done };
		},

		/** For tests and the page's "how busy": entries kept now. */
		sizes(): { uploads: number; uploadChars: number; jobs: number } {
			let chars = 0;
			for (const u of uploads.values()) chars += u.text.length;
			return { uploads: uploads.size, uploadChars: chars, jobs: jobs.size };
		}
	};
}

const KEY = Symbol.for('waymark.importStore');

/** The app's one store: kept on globalThis so a development reload of this module does not lose jobs. */
export const importStore: ImportStore =
	((globalThis as Record<symbol, unknown>)[KEY] as ImportStore | undefined) ??
	((globalThis as Record<symbol, ImportStore>)[KEY] = createImportStore());
