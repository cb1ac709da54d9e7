/** The development-action form's fields, read into the service's input (which checks them). */
import { list, text, type FormValues } from '../forms.ts';
import type { DevelopmentActionInput, DevelopmentActionStatus } from './service.ts';

const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value));

export function actionInputFrom(values: FormValues): DevelopmentActionInput {
	return {
		academicYear: Number(text(values, 'academicYear')),
		title: text(values, 'title'),
		benchmarks: list(values, 'benchmarks').map(Number),
		ownerUserId: text(values, 'ownerUserId') || null,
		dueDate: text(values, 'dueDate') || null,
		status: (text(values, 'status') || 'not-started') as DevelopmentActionStatus,
		evidence: text(values, 'evidence') || null,
		gapBenchmark: numberOrNull(text(values, 'gapBenchmark')),
		gapYearGroup: numberOrNull(text(values, 'gapYearGroup'))
	};
}
