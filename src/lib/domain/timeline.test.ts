import { describe, expect, it } from 'vitest';
import { markerPolygon, sortIncidents, timelineChart, type IncidentPoint } from './timeline.ts';

const point = (
	occurredOn: string,
	knowledge: number,
	skills: number,
	values: number,
	annotation = ''
): IncidentPoint => ({
	occurredOn,
	knowledge,
	skills,
	values,
	annotation
});

describe('sortIncidents', () => {
	it('puts points in date order and keeps the given order on the same date', () => {
		const a = point('2025-11-03', 1, 1, 1, 'a');
		const b = point('2025-09-20', 2, 2, 2, 'b');
		const c = point('2025-11-03', 3, 3, 3, 'c');
		expect(sortIncidents([a, b, c]).map((p) => p.annotation)).toEqual(['b', 'a', 'c']);
	});
});

describe('timelineChart', () => {
	const chart = timelineChart(
		[point('2026-02-01', 10, 5, 0), point('2025-10-01', 0, 2, 4), point('2025-12-01', 5, 5, 5)],
		{ width: 640, height: 320 }
	);

	it('draws level 0 at the bottom of the plot and 10 at the top', () => {
		const bottom = chart.plot.y + chart.plot.height;
		expect(chart.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
		expect(chart.ticks[0]!.y).toBe(bottom);
		expect(chart.ticks.at(-1)!.y).toBe(chart.plot.y);
		const knowledge = chart.series.find((s) => s.measure === 'knowledge')!;
		// In date order: October (0), December (5), February (10).
		expect(knowledge.points.map((p) => p.value)).toEqual([0, 5, 10]);
		expect(knowledge.points[0]!.y).toBe(bottom);
		expect(knowledge.points[2]!.y).toBe(chart.plot.y);
		expect(knowledge.points[1]!.y).toBe(chart.plot.y + chart.plot.height / 2);
	});

	it('spaces points evenly from the left edge of the plot to the right, and joins them with a path', () => {
		const xs = chart.series[0]!.points.map((p) => p.x);
		expect(xs[0]).toBe(chart.plot.x);
		expect(xs[2]).toBe(chart.plot.x + chart.plot.width);
		expect(xs[1]).toBe(chart.plot.x + chart.plot.width / 2);
		expect(chart.series[0]!.path).toBe(
			`M ${xs[0]} ${chart.plot.y + chart.plot.height} L ${xs[1]} ${chart.plot.y + chart.plot.height / 2} L ${xs[2]} ${chart.plot.y}`
		);
		expect(chart.series.map((s) => s.label)).toEqual(['Knowledge', 'Skills', 'Values']);
	});

	it('numbers the markers in date order, with their dates, and describes every point in words', () => {
		expect(chart.markers.map((m) => [m.number, m.dateLines])).toEqual([
			[1, ['1 Oct', '2025']],
			[2, ['1 Dec', '2025']],
			[3, ['1 Feb', '2026']]
		]);
		expect(chart.markers.every((m) => m.showDate)).toBe(true);
		expect(chart.description).toContain('3 points');
		expect(chart.description).toContain('1, 1 October 2025: knowledge 0, skills 2, values 4');
		expect(chart.description).toContain('3, 1 February 2026: knowledge 10, skills 5, values 0');
	});

	it('puts a single point in the middle, and says when there is nothing to draw', () => {
		const one = timelineChart([point('2025-10-01', 3, 4, 5)]);
		expect(one.series[0]!.points[0]!.x).toBe(one.plot.x + one.plot.width / 2);
		expect(one.series[0]!.path).toMatch(/^M [\d.]+ [\d.]+$/);
		const none = timelineChart([]);
		expect(none.series.every((s) => s.path === '' && s.points.length === 0)).toBe(true);
		expect(none.description).toBe('No points on the timeline yet.');
	});

	it('writes fewer dates when many points would crowd them, always keeping the first and the last', () => {
		const many = Array.from({ length: 30 }, (_, i) => point(`2025-10-${String(i + 1).padStart(2, '0')}`, i % 11, 5, 5));
		const m = timelineChart(many);
		const shown = m.markers.filter((x) => x.showDate);
		expect(shown.length).toBeLessThan(30);
		expect(m.markers[0]!.showDate).toBe(true);
		expect(m.markers.at(-1)!.showDate).toBe(true);
		for (let i = 1; i < shown.length; i++) expect(shown[i]!.x - shown[i - 1]!.x).toBeGreaterThanOrEqual(44);
	});
});

describe('markerPolygon', () => {
	it('draws a square and a triangle around the point', () => {
		expect(markerPolygon('square', 10, 10, 2)).toBe('8,8 12,8 12,12 8,12');
		expect(markerPolygon('triangle', 10, 10, 2)).toBe('10,7 13,12 7,12');
	});
});
