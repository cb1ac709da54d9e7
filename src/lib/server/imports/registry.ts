/**
 * Every spreadsheet import, by kind. The web import pages, the imports hub, the templates and
 * `waymark import` all find an import here, so each is written once (see types.ts for the shape).
 */
import { IMPORT_KINDS, type ImportKind, type Importer } from './types.ts';
import { pupilsImport } from '../pupils/import-roster.ts';
import { groupsImport } from '../pupils/import-groups.ts';
import { activitiesImport } from '../encounters/import-activities.ts';
import { attendanceImport } from '../encounters/import-attendance.ts';
import { guidanceImport } from '../guidance/import.ts';
import { destinationsImport } from '../destinations/import.ts';

export const IMPORTERS: Record<ImportKind, Importer> = {
	pupils: pupilsImport,
	groups: groupsImport,
	activities: activitiesImport,
	attendance: attendanceImport,
	guidance: guidanceImport,
	destinations: destinationsImport
};

export function isImportKind(kind: string): kind is ImportKind {
	return (IMPORT_KINDS as readonly string[]).includes(kind);
}

/** The import for this kind, or undefined for anything else (a mistyped address). */
export function importerFor(kind: string): Importer | undefined {
	return isImportKind(kind) ? IMPORTERS[kind] : undefined;
}

/** Every import, in the order the hub lists them. */
export function allImporters(): Importer[] {
	return IMPORT_KINDS.map((kind) => IMPORTERS[kind]);
}

/**
 * A file's bytes as text. Files saved as "CSV UTF-8" read as they are; Excel's older "CSV (Comma
 * delimited)" writes Windows-1252, whose accented letters are not valid UTF-8: such a file is read as
 * Windows-1252 instead, so "Zoë" stays "Zoë" rather than becoming a replacement character.
 */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}
