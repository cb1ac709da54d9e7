/** Words for the pupil characteristics the MIS gives us, so every page, export and PDF says the same. */

export const SEN_PROVISIONS = ['E', 'K', 'N'] as const;
export type SenProvision = (typeof SEN_PROVISIONS)[number];

/** In full, for a pupil's record. */
export const SEN_PROVISION_LABELS: Record<SenProvision, string> = {
	E: 'Education, health and care plan',
	K: 'SEN support',
	N: 'No special educational need'
};

/** Short, for lists and exports, where no SEN is left blank so the pupils with SEN stand out. */
export const SEN_PROVISION_SHORT_LABELS: Record<SenProvision, string> = { E: 'EHC plan', K: 'SEN support', N: '' };

/** How a pupil is named on screen: the name they go by, then their surname. */
export function pupilDisplayName(p: {
	preferredForename: string | null;
	legalForename: string;
	legalSurname: string;
}): string {
	return `${p.preferredForename || p.legalForename} ${p.legalSurname}`;
}

/** Attendance bands: below 90% is persistent absence (DfE); then 90–95%, 95% and over; not recorded. */
export const ATTENDANCE_BANDS = ['persistent', '90-95', '95-plus', 'unknown'] as const;
export type AttendanceBand = (typeof ATTENDANCE_BANDS)[number];
export const ATTENDANCE_BAND_LABELS: Record<AttendanceBand, string> = {
	persistent: 'Below 90% (persistent absence)',
	'90-95': '90% to 95%',
	'95-plus': '95% or more',
	unknown: 'Not recorded'
};

/** The band of an attendance percentage (the same cut-offs as the pupil list's filter). */
export function attendanceBand(percent: number | null): AttendanceBand {
	if (percent === null) return 'unknown';
	if (percent < 90) return 'persistent';
	if (percent < 95) return '90-95';
	return '95-plus';
}
