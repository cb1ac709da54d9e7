/**
 * Every kind of scheduled job and what does it. The scheduler claims only jobs of kinds listed here.
 */
import type { JobHandlers } from './scheduler.ts';
import { POSTCARD_JOB_KIND, sendPostcardReminder } from '../development/postcard.ts';

export const JOB_HANDLERS: JobHandlers = {
	/** Emails a promise postcard back to its writer on the reminder date (issue 6 §2e). */
	[POSTCARD_JOB_KIND]: sendPostcardReminder
};
