import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { createImportStore, ERRORS_KEPT, JOB_TTL_MS, UPLOAD_TTL_MS, type Owner } from './jobs.ts';
import { emptySummary } from './types.ts';

const OWNER: Owner = { schoolId: 'school-1', userId: 'user-1', kind: 'pupils' };

function file(text = 'UPN,Surname\nX,Y\n') {
	return {
		fileName: 'roster.csv',
		text,
		preview: { headers: ['UPN', 'Surname'], rows: [['X', 'Y']], rowCount: 1 },
		academicYear: 2026,
		checkOnly: false
	};
}

const failure = (e: unknown) => (e instanceof ValidationError ? { errors: e.errors } : 'stopped');

describe('uploads', () => {
	it('are kept for an hour for the same person, school and kind only', () => {
		let t = 1_000;
		const store = createImportStore({ now: () => t });
		const upload = store.addUpload(OWNER, file());
		expect(upload.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
		expect(store.upload(upload.id, OWNER)?.text).toBe('UPN,Surname\nX,Y\n');
		expect(store.upload(upload.id, { ...OWNER, userId: 'user-2' })).toBeUndefined();
		expect(store.upload(upload.id, { ...OWNER, schoolId: 'school-2' })).toBeUndefined();
		expect(store.upload(upload.id, { ...OWNER, kind: 'groups' })).toBeUndefined();
		expect(store.upload('not-an-id', OWNER)).toBeUndefined();
		expect(store.upload(null, OWNER)).toBeUndefined();
		t += UPLOAD_TTL_MS;
		expect(store.upload(upload.id, OWNER)).toBeDefined();
		t += 1;
		expect(store.upload(upload.id, OWNER)).toBeUndefined();
		expect(store.sizes().uploads).toBe(0);
	});

	it('drop the oldest beyond the count and size limits', () => {
		const store = createImportStore({ limits: { maxUploads: 3, maxUploadChars: 25 } });
		const ids = [1, 2, 3].map(() => store.addUpload(OWNER, file('0123456789')).id);
		// 30 characters is over 25: the oldest goes.
		expect(store.upload(ids[0], OWNER)).toBeUndefined();
		expect(store.upload(ids[1], OWNER)).toBeDefined();
		expect(store.sizes()).toMatchObject({ uploads: 2, uploadChars: 20 });
		const many = createImportStore({ limits: { maxUploads: 2 } });
		const kept = [1, 2, 3].map(() => many.addUpload(OWNER, file()).id);
		expect(kept.map((id) => many.upload(id, OWNER) !== undefined)).toEqual([false, true, true]);
	});
});

describe('jobs', () => {
	it('record progress, then the summary', async () => {
		const store = createImportStore();
		const upload = store.addUpload(OWNER, file());
		let report: (p: { stage: 'checking'; done: number; total: number }) => void = () => {};
		let finish: () => void = () => {};
		const { job, done } = store.startJob(
			upload,
			{ dryRun: true, academicYear: 2026, mapping: ['upn', null] },
			(onProgress) =>
				new Promise((resolve) => {
					report = onProgress;
					finish = () => resolve({ ...emptySummary('pupils', true, 1), added: 1 });
				}),
			failure
		);
		expect(store.job(job.id, OWNER)).toMatchObject({ status: 'running', dryRun: true, uploadId: upload.id });
		expect(store.job(job.id, { ...OWNER, userId: 'someone-else' })).toBeUndefined();
		report({ stage: 'checking', done: 12_000, total: 50_000 });
		expect(store.job(job.id, OWNER)?.progress).toEqual({ stage: 'checking', done: 12_000, total: 50_000 });
		finish();
		await done;
		expect(store.job(job.id, OWNER)).toMatchObject({ status: 'done', summary: { added: 1 } });
	});

	it('keep the first problems of a file with thousands, and how many there were', async () => {
		const store = createImportStore();
		const upload = store.addUpload(OWNER, file());
		const errors = Array.from({ length: 1_234 }, (_, i) => ({ field: 'upn', row: i + 2, message: 'bad' }));
		const { job, done } = store.startJob(
			upload,
			{ dryRun: false, academicYear: undefined, mapping: [] },
			async () => {
				throw new ValidationError(errors);
			},
			failure
		);
		await done;
		expect(job.status).toBe('invalid');
		expect(job.errorCount).toBe(1_234);
		expect(job.errors).toHaveLength(ERRORS_KEPT);
		expect(job.errors?.[0]?.row).toBe(2);
	});

	it('fail with a message for anything but bad input, and are forgotten an hour after they end', async () => {
		let t = 0;
		const store = createImportStore({ now: () => t });
		const upload = store.addUpload(OWNER, file());
		const { job, done } = store.startJob(
			upload,
			{ dryRun: false, academicYear: undefined, mapping: [] },
			async () => {
				throw new Error('database gone');
			},
			failure
		);
		await done;
		expect(job).toMatchObject({ status: 'failed', message: 'stopped' });
		t += JOB_TTL_MS + 1;
		store.startJob(
			upload,
			{ dryRun: false, academicYear: undefined, mapping: [] },
			() => new Promise(() => {}),
			failure
		);
		expect(store.job(job.id, OWNER)).toBeUndefined();
	});

	it('never forget a running job to make room', () => {
		const store = createImportStore({ limits: { maxJobs: 1 } });
		const upload = store.addUpload(OWNER, file());
		const forever = () => new Promise<never>(() => {});
		const settings = { dryRun: false, academicYear: undefined, mapping: [] };
		const first = store.startJob(upload, settings, forever, failure).job;
		const second = store.startJob(upload, settings, forever, failure).job;
		expect(store.job(first.id, OWNER)).toBeDefined();
		expect(store.job(second.id, OWNER)).toBeDefined();
	});
});
