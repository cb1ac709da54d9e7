import { describe, expect, it } from 'vitest';
import {
	CONDITIONS,
	CONDITION_DETAILS,
	CPD_KINDS,
	CPD_KIND_DETAILS,
	LEADERSHIP_MODELS,
	LEADERSHIP_MODEL_IDS,
	LEADERSHIP_TASKS,
	TASK_GROUPS,
	comparedWithAverage,
	isTaskId,
	isValidHours,
	taskById,
	taskLoad,
	tasksByGroup,
	totalHours,
	unassignedTasks
} from './leadership.ts';

describe('the careers leader’s 21 tasks (seed 000)', () => {
	it('has exactly 21 tasks with unique kebab-case ids, numbered 1 to 21 in order', () => {
		expect(LEADERSHIP_TASKS).toHaveLength(21);
		const ids = LEADERSHIP_TASKS.map((t) => t.id);
		expect(new Set(ids).size).toBe(21);
		for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
		expect(LEADERSHIP_TASKS.map((t) => t.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
	});

	it('puts them in the five groups with the seed’s counts: 4, 6, 1, 4, 6', () => {
		const groups = tasksByGroup();
		expect(groups.map((g) => g.group)).toEqual([...TASK_GROUPS]);
		expect(groups.map((g) => g.label)).toEqual([
			'Leadership',
			'Project management',
			'Line management',
			'Co-ordination',
			'Networking'
		]);
		expect(groups.map((g) => g.tasks.length)).toEqual([4, 6, 1, 4, 6]);
	});

	it('keeps the seed’s wording', () => {
		expect(taskById('advise-slt')?.title).toBe('Advising senior leadership on policy, strategy and resources');
		expect(taskById('plan-schemes-of-work')?.title).toBe('Planning schemes of work for careers education');
		expect(taskById('manage-careers-administrator')?.group).toBe('line-management');
		expect(taskById('find-funding')?.number).toBe(21);
		expect(isTaskId('plan-schemes-of-work')).toBe(true);
		expect(isTaskId('make-the-tea')).toBe(false);
	});
});

describe('leadership models, conditions and CPD kinds', () => {
	it('has the six models, each with at least one benefit and one risk', () => {
		expect(LEADERSHIP_MODELS.map((m) => m.id)).toEqual([...LEADERSHIP_MODEL_IDS]);
		expect(LEADERSHIP_MODELS).toHaveLength(6);
		for (const m of LEADERSHIP_MODELS) {
			expect(m.benefits.length).toBeGreaterThan(0);
			expect(m.risks.length).toBeGreaterThan(0);
		}
		expect(LEADERSHIP_MODELS.find((m) => m.id === 'outsourced')?.risks).toHaveLength(2);
	});

	it('has the four conditions for success and three kinds of CPD', () => {
		expect(CONDITIONS.map((c) => CONDITION_DETAILS[c].label)).toEqual([
			'Clarity of roles',
			'Authority and power',
			'Time and resources (including administrative support)',
			'Expertise'
		]);
		expect(CPD_KINDS.map((k) => CPD_KIND_DETAILS[k].label)).toEqual([
			'Short course',
			'Accredited qualification',
			'Community of practice'
		]);
	});
});

describe('taskLoad and unassignedTasks', () => {
	it('adds up each person’s hours and tasks, most hours first', () => {
		const load = taskLoad([
			{ taskId: 'advise-slt', userId: 'ann', hoursPerWeek: 1.5 },
			{ taskId: 'plan-schemes-of-work', userId: 'ann', hoursPerWeek: 2.5 },
			{ taskId: 'refer-pupils', userId: 'bob', hoursPerWeek: 0.5 },
			{ taskId: 'find-funding', userId: 'cat', hoursPerWeek: 6 }
		]);
		expect(load).toEqual([
			{ userId: 'cat', hoursPerWeek: 6, tasks: 1 },
			{ userId: 'ann', hoursPerWeek: 4, tasks: 2 },
			{ userId: 'bob', hoursPerWeek: 0.5, tasks: 1 }
		]);
	});

	it('sums decimals exactly and counts a task with no hours', () => {
		const load = taskLoad([
			{ taskId: 'advise-slt', userId: 'ann', hoursPerWeek: 0.1 },
			{ taskId: 'review-programme', userId: 'ann', hoursPerWeek: 0.2 },
			{ taskId: 'refer-pupils', userId: 'ann', hoursPerWeek: 0 }
		]);
		expect(load).toEqual([{ userId: 'ann', hoursPerWeek: 0.3, tasks: 3 }]);
		expect(
			totalHours([
				{ taskId: 'a', userId: 'x', hoursPerWeek: 1.5 },
				{ taskId: 'b', userId: 'y', hoursPerWeek: 13 }
			])
		).toBe(14.5);
	});

	it('is empty with no assignments, and then all 21 tasks are unassigned', () => {
		expect(taskLoad([])).toEqual([]);
		expect(unassignedTasks([])).toHaveLength(21);
	});

	it('lists the unassigned tasks in the seed’s order', () => {
		const left = unassignedTasks(
			LEADERSHIP_TASKS.filter((t) => t.id !== 'refer-pupils' && t.id !== 'advise-slt').map((t) => ({
				taskId: t.id,
				userId: 'ann',
				hoursPerWeek: 1
			}))
		);
		expect(left.map((t) => t.id)).toEqual(['advise-slt', 'refer-pupils']);
	});

	it('compares hours with the 14.5-hour average', () => {
		expect(comparedWithAverage(14.5)).toEqual({
			difference: 0,
			words: 'the same as the 14.5 hours a week careers leaders spend on average'
		});
		expect(comparedWithAverage(10).words).toBe(
			'4.5 hours less than the 14.5 hours a week careers leaders spend on average'
		);
		expect(comparedWithAverage(15.5).words).toBe(
			'1 hour more than the 14.5 hours a week careers leaders spend on average'
		);
	});

	it('accepts whole and half hours from 0 to 60 only', () => {
		for (const ok of [0, 0.5, 1, 2.5, 59.5, 60]) expect(isValidHours(ok), String(ok)).toBe(true);
		for (const bad of [-0.5, 60.5, 61, 1.25, 0.1, Number.NaN]) expect(isValidHours(bad), String(bad)).toBe(false);
	});
});
