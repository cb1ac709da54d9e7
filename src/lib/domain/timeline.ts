/**
 * The critical-incident timeline (issue 6 §2d; seed 002): dated points, each with a level from 0 to 10
 * of knowledge, skills and values in careers education, and what happened. Drawn as three lines with
 * numbered markers; the numbers lead to the annotations listed under the chart and in the table.
 *
 * Pure geometry: the page (IncidentTimeline.svelte) draws this model as SVG, with presentation
 * attributes only (the Content-Security-Policy forbids style attributes).
 */
import { INCIDENT_LEVEL } from './development.ts';
import { longDate } from './academic-year.ts';

export type IncidentPoint = {
	occurredOn: string;
	knowledge: number;
	skills: number;
	values: number;
	annotation: string;
};

export const INCIDENT_MEASURES = ['knowledge', 'skills', 'values'] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];

export type MarkerShape = 'circle' | 'square' | 'triangle';

/**
 * Each line differs in colour, dash and marker shape, so the chart reads without colour too. Colours
 * from the GOV.UK palette, each at least 3:1 against white.
 */
export const TIMELINE_SERIES: readonly {
	measure: IncidentMeasure;
	label: string;
	colour: string;
	dash: string | null;
	marker: MarkerShape;
	/** How the legend describes the line in words. */
	looks: string;
}[] = [
	{
		measure: 'knowledge',
		label: 'Knowledge',
		colour: '#1d70b8',
		dash: null,
		marker: 'circle',
		looks: 'solid blue line, round markers'
	},
	{
		measure: 'skills',
		label: 'Skills',
		colour: '#00703c',
		dash: '8 4',
		marker: 'square',
		looks: 'dashed green line, square markers'
	},
	{
		measure: 'values',
		label: 'Values',
		colour: '#912b88',
		dash: '2 4',
		marker: 'triangle',
		looks: 'dotted purple line, triangle markers'
	}
];

/** Points in date order; on the same date, in the order given (the order they were added). */
export function sortIncidents<P extends { occurredOn: string }>(points: readonly P[]): P[] {
	return points
		.map((p, i) => ({ p, i }))
		.sort((a, b) => (a.p.occurredOn < b.p.occurredOn ? -1 : a.p.occurredOn > b.p.occurredOn ? 1 : a.i - b.i))
		.map(({ p }) => p);
}

export type TimelineChartModel = {
	width: number;
	height: number;
	plot: { x: number; y: number; width: number; height: number };
	/** Horizontal grid lines and their labels on the left (0, 2, … 10). */
	ticks: { value: number; y: number }[];
	series: {
		measure: IncidentMeasure;
		label: string;
		colour: string;
		dash: string | null;
		marker: MarkerShape;
		/** An SVG path through the points ("M x y L x y …"); empty with no points. */
		path: string;
		points: { x: number; y: number; value: number }[];
	}[];
	/** A numbered marker above each point, and its date under the axis (two lines: "3 Oct", "2025"). */
	markers: { number: number; x: number; y: number; dateLines: [string, string]; showDate: boolean }[];
	/** Words for the SVG's <desc>: what the chart shows, point by point. */
	description: string;
};

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dateLines(iso: string): [string, string] {
	const month = SHORT_MONTHS[Number(iso.slice(5, 7)) - 1] ?? '';
	return [`${Number(iso.slice(8, 10))} ${month}`, iso.slice(0, 4)];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The chart's geometry. Points are evenly spaced in date order (dates are written under each point;
 * when they would crowd, only every few are written — the table has them all). Levels run from 0 at
 * the bottom to 10 at the top.
 */
export function timelineChart(
	points: readonly IncidentPoint[],
	options: { width?: number; height?: number } = {}
): TimelineChartModel {
	const width = options.width ?? 640;
	const height = options.height ?? 320;
	const plot = { x: 40, y: 36, width: width - 60, height: height - 36 - 56 };
	const sorted = sortIncidents(points);
	const { lowest, highest } = INCIDENT_LEVEL;
	const yOf = (level: number) => round(plot.y + plot.height - ((level - lowest) / (highest - lowest)) * plot.height);
	const step = sorted.length > 1 ? plot.width / (sorted.length - 1) : 0;
	const xOf = (i: number) => round(sorted.length > 1 ? plot.x + i * step : plot.x + plot.width / 2);
	// A date label needs about 44 px; write every k-th so they never overlap (always the first and last).
	const every = step > 0 ? Math.max(1, Math.ceil(44 / step)) : 1;

	const ticks = [];
	for (let v = lowest; v <= highest; v += 2) ticks.push({ value: v, y: yOf(v) });

	const series = TIMELINE_SERIES.map((s) => {
		const pts = sorted.map((p, i) => ({ x: xOf(i), y: yOf(p[s.measure]), value: p[s.measure] }));
		const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
		return { measure: s.measure, label: s.label, colour: s.colour, dash: s.dash, marker: s.marker, path, points: pts };
	});

	const markers = sorted.map((p, i) => ({
		number: i + 1,
		x: xOf(i),
		y: plot.y - 18,
		dateLines: dateLines(p.occurredOn),
		showDate: i % every === 0 || i === sorted.length - 1
	}));
	// The last label always shows; drop the one before it if the two would overlap.
	if (sorted.length > 2 && every > 1) {
		const last = sorted.length - 1;
		const previousShown = last - (last % every);
		if (previousShown !== last && (last - previousShown) * step < 44) markers[previousShown]!.showDate = false;
	}

	const description =
		sorted.length === 0
			? 'No points on the timeline yet.'
			: `Levels from ${lowest} to ${highest} of knowledge, skills and values at ${sorted.length} ${sorted.length === 1 ? 'point' : 'points'}: ` +
				sorted
					.map(
						(p, i) =>
							`${i + 1}, ${longDate(p.occurredOn)}: knowledge ${p.knowledge}, skills ${p.skills}, values ${p.values}`
					)
					.join('; ') +
				'.';

	return { width, height, plot, ticks, series, markers, description };
}

/** The points of a marker shape centred on (x, y), for an SVG polygon (squares and triangles). */
export function markerPolygon(shape: Exclude<MarkerShape, 'circle'>, x: number, y: number, size = 5): string {
	const pts =
		shape === 'square'
			? [
					[x - size, y - size],
					[x + size, y - size],
					[x + size, y + size],
					[x - size, y + size]
				]
			: [
					[x, y - size - 1],
					[x + size + 1, y + size],
					[x - size - 1, y + size]
				];
	return pts.map(([a, b]) => `${round(a!)},${round(b!)}`).join(' ');
}
