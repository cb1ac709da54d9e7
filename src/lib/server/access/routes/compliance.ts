/**
 * Who has had what (compliance), the benchmark self-evaluation and the governors' report. Figures are
 * open to every role; anything that names pupils needs pupils.view. See ../routes.ts.
 */
import type { RouteRule } from '../routes.ts';

export const COMPLIANCE_ROUTE_RULES = {
	'/schools/[urn]/coverage': { access: 'school', action: 'compliance.view' },
	'/schools/[urn]/coverage/export': { access: 'school', action: 'compliance.view' },
	'/schools/[urn]/coverage/report.json': { access: 'school', action: 'compliance.view' },
	'/schools/[urn]/coverage/pupils': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/coverage/attention': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/coverage/attention/export': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/pupils/[pupilId]/compliance.json': { access: 'school', action: 'pupils.view' },
	'/schools/[urn]/evaluations': { access: 'school', action: 'evaluation.view' },
	'/schools/[urn]/evaluations/[evaluationId]': { access: 'school', action: 'evaluation.view' },
	'/schools/[urn]/reports/governors': { access: 'school', action: 'reports.view' },
	'/schools/[urn]/reports/governors/pdf': { access: 'school', action: 'reports.view' },
	'/groups/[groupId]/coverage': { access: 'group', action: 'group.view' },
	'/groups/[groupId]/coverage/[urn]': { access: 'group', action: 'group.view' }
} as const satisfies Record<string, RouteRule>;
