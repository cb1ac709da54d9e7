import { longDate } from '../../domain/academic-year.ts';
/** What both development-action forms need to show: the year's dates, its benchmarks, owners and statuses. */
import type { Actor } from '../access/actor.ts';
import type { School } from '../schools/service.ts';
import { frameworkForYear } from '../benchmarks/service.ts';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, actionOwnerChoices } from './service.ts';
import { academicYearBounds, academicYearName } from '../../domain/academic-year.ts';

export async function actionFormData(actor: Actor, school: School, academicYear: number) {
	const { start, end } = academicYearBounds(academicYear);
	const { framework } = await frameworkForYear(actor, school, academicYear);
	return {
		yearName: academicYearName(academicYear),
		firstDay: longDate(start),
		lastDay: longDate(end),
		benchmarks: framework.benchmarks.map((b) => ({ number: b.number, title: b.title })),
		owners: await actionOwnerChoices(actor, school),
		statuses: ACTION_STATUSES.map((value) => ({ value, label: ACTION_STATUS_LABELS[value] }))
	};
}
