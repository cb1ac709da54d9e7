/**
 * What every spreadsheet import is: its columns, the action it needs, and a `run` that checks every row
 * and writes all of them in one transaction or nothing. The web import page and `waymark import` drive
 * any import through this one shape (registry.ts lists them).
 */
import type { Actor } from '../access/actor.ts';
import type { SchoolAction } from '../access/policy.ts';
import { db, refreshPlannerStatistics, type Tx } from '../db/client.ts';
import type { FieldError } from '../errors.ts';
import type { School } from '../schools/service.ts';
import type { ColumnMapping, ColumnSpec } from './csv.ts';

export const IMPORT_KINDS = ['pupils', 'groups', 'activities', 'attendance', 'guidance', 'destinations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportProgress = { stage: 'reading' | 'checking' | 'writing'; done: number; total: number };

export type ImportOptions = {
	/** The academic year the file describes (pupils: its NC Year is the year group then). Default: the current one. */
	academicYear?: number;
	/** Check everything and report what would change, writing nothing. */
	dryRun?: boolean;
	/** The person's choice of what each column holds (the web preview); default: guessed from the headings. */
	mapping?: ColumnMapping;
	onProgress?: (progress: ImportProgress) => void;
	requestId?: string;
};

export type ImportSummary = {
	kind: ImportKind;
	dryRun: boolean;
	/** Data rows read. */
	rows: number;
	added: number;
	updated: number;
	unchanged: number;
	/** Pupils marked as leavers (pupil import); 0 elsewhere. */
	left: number;
	/** Partners the import created because the file named them and the school had none by that name. */
	newPartners: string[];
	/** Accepted, but worth knowing (a legacy SEN code mapped, a column ignored). */
	warnings: FieldError[];
	/** Anything else the summary should say, in plain words ("3 teaching groups"). */
	notes: string[];
};

export type Importer<K extends string = string> = {
	kind: ImportKind;
	/** "Pupils from your MIS" */
	title: string;
	/** What one row is, plural: "pupils", "attendance records". */
	noun: string;
	/** One or two sentences for the import page. */
	description: string;
	action: SchoolAction;
	columns: readonly ColumnSpec<K>[];
	/** Rows for the downloadable template. */
	example: readonly (readonly string[])[];
	/** Whether the import reads `academicYear` (pupils, groups). */
	usesAcademicYear: boolean;
	/** Checks every row, then writes all or nothing. Throws ValidationError listing every problem. */
	run(actor: Actor, school: School, text: string, options?: ImportOptions): Promise<ImportSummary>;
};

export function emptySummary(kind: ImportKind, dryRun: boolean, rows: number): ImportSummary {
	return { kind, dryRun, rows, added: 0, updated: 0, unchanged: 0, left: 0, newPartners: [], warnings: [], notes: [] };
}

class DryRunRollback<T> extends Error {
	readonly result: T;
	constructor(result: T) {
		super('dry run: rolled back');
		this.result = result;
	}
}

/**
 * Runs the writing part of an import in one transaction. On a dry run it does every write and then rolls
 * back, so the summary (added, updated, unchanged) is exactly what a real run would report.
 */
export async function importTransaction<T>(dryRun: boolean, work: (tx: Tx) => Promise<T>): Promise<T> {
	try {
		const result = await db().transaction(async (tx) => {
			const result = await work(tx);
			if (dryRun) throw new DryRunRollback(result);
			return result;
		});
		await refreshPlannerStatistics(db());
		return result;
	} catch (e) {
		if (e instanceof DryRunRollback) return e.result as T;
		throw e;
	}
}
