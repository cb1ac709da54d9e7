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
