/**
 * Charts as pure geometry: a bar chart (categories, one or more series of percentages) and a radar
 * chart (one spoke per benchmark, one or two series). Each comes as a shape model — what the Svelte
 * components draw — and as an SVG string with the same shapes, for the governors' PDF (pdfmake's
 * `svg` node) or anywhere a picture must travel on its own.
 *
 * The SVG is vector, has no scripts and no `style` attributes (the CSP forbids inline styles): colours
 * and lines are presentation attributes (fill, stroke). It carries role="img" and a <title>, and its
 * text labels are real text. A chart never stands alone on a page: show the same figures as a table.
 *
 * Values are percentages, 0 to 100 (outside that range they are drawn at the nearest end, and the
 * label keeps the true value); null means "no figure" (no pupil eligible): no bar, a "—" label, and on
 * the radar a point at the centre (the table says "—").
 */

export type ChartSeries = {
	label: string;
	/** One value per category (bar) or per spoke (radar), 0–100, or null for no figure. */
	values: readonly (number | null)[];
};

/** Colours for series in order; each has at least 3:1 contrast with white (WCAG non-text contrast). */
export const SERIES_COLOURS = ['#1d70b8', '#505a5f', '#00703c', '#912b88', '#d4351c'] as const;
const TEXT_COLOUR = '#0b0c0c';
const GRID_COLOUR = '#b1b4b6';
const AXIS_COLOUR = '#505a5f';

export function seriesColour(index: number): string {
	return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** "54%" (rounded to a whole number), or "—" for no figure. */
export function formatPercent(value: number | null | undefined): string {
	return value === null || value === undefined || Number.isNaN(value) ? '—' : `${Math.round(value)}%`;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const clampPercent = (v: number): number => Math.min(100, Math.max(0, v));

/** Splits a label into lines of at most `maxChars` characters, at spaces (a long word stays whole). */
export function wrapLabel(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			if (line === '') line = word;
			else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
			else {
				lines.push(line);
				line = word;
			}
		}
		lines.push(line);
	}
	return lines;
}

export type TextLabel = {
	x: number;
	y: number;
	/** One or more lines, drawn 1.2em apart from y downwards. */
	lines: string[];
	anchor: 'start' | 'middle' | 'end';
};

// ── Bar chart ──────────────────────────────────────────────────────────────────────────────────────

export type BarChartInput = {
	/** The chart's accessible name (its <title>). */
	title: string;
	/** Category labels along the bottom ("Year 7", …, "All"). */
	categories: readonly string[];
	series: readonly ChartSeries[];
	width?: number;
	height?: number;
};

export type Bar = {
	seriesIndex: number;
	categoryIndex: number;
	x: number;
	y: number;
	width: number;
	height: number;
	value: number | null;
	colour: string;
	/** The figure written above the bar ("54%", or "—" for no figure). */
	label: TextLabel;
};

export type BarChartModel = {
	title: string;
	width: number;
	height: number;
	plot: { x: number; y: number; width: number; height: number };
	/** Horizontal grid lines with their labels (0%, 25%, …, 100%). */
	ticks: { value: number; y: number; label: TextLabel }[];
	categories: { label: TextLabel; x: number; bandStart: number; bandWidth: number }[];
	bars: Bar[];
	/** Font size for the figures above the bars (smaller when bars are narrow, so neighbours don't touch). */
	valueFontSize: number;
	/** Present when there is more than one series. */
	legend: { label: string; colour: string; x: number; y: number; swatch: { x: number; y: number; size: number } }[];
};

const BAR_TICKS = [0, 25, 50, 75, 100];

export function barChart(input: BarChartInput): BarChartModel {
	const width = input.width ?? 640;
	const height = input.height ?? 320;
	const multi = input.series.length > 1;
	const top = multi ? 40 : 20;
	const left = 48;
	const right = 12;
	const categoryCount = Math.max(1, input.categories.length);
	const bandWidth = (width - left - right) / categoryCount;
	const maxChars = Math.max(6, Math.floor(bandWidth / 7));
	const wrapped = input.categories.map((c) => wrapLabel(c, maxChars));
	const labelLines = Math.max(1, ...wrapped.map((l) => l.length));
	const bottom = 16 + labelLines * 14;
	const plot = { x: left, y: top, width: width - left - right, height: Math.max(40, height - top - bottom) };
	const yOf = (v: number) => plot.y + plot.height * (1 - clampPercent(v) / 100);

	const ticks = BAR_TICKS.map((value) => ({
		value,
		y: round(yOf(value)),
		label: { x: plot.x - 6, y: round(yOf(value) + 4), lines: [`${value}%`], anchor: 'end' as const }
	}));

	const seriesCount = Math.max(1, input.series.length);
	const groupWidth = bandWidth * 0.8;
	const barWidth = groupWidth / seriesCount;
	const categories = input.categories.map((_, i) => {
		const bandStart = plot.x + i * bandWidth;
		const x = bandStart + bandWidth / 2;
		return {
			x: round(x),
			bandStart: round(bandStart),
			bandWidth: round(bandWidth),
			label: { x: round(x), y: round(plot.y + plot.height + 16), lines: wrapped[i]!, anchor: 'middle' as const }
		};
	});

	const bars: Bar[] = [];
	input.series.forEach((s, seriesIndex) => {
		input.categories.forEach((_, categoryIndex) => {
			const raw = s.values[categoryIndex];
			const value = raw === undefined || raw === null || Number.isNaN(raw) ? null : raw;
			const x = plot.x + categoryIndex * bandWidth + (bandWidth - groupWidth) / 2 + seriesIndex * barWidth;
			const y = value === null ? plot.y + plot.height : yOf(value);
			const h = plot.y + plot.height - y;
			bars.push({
				seriesIndex,
				categoryIndex,
				x: round(x),
				y: round(y),
				width: round(barWidth),
				height: round(h),
				value,
				colour: seriesColour(seriesIndex),
				label: { x: round(x + barWidth / 2), y: round(y - 4), lines: [formatPercent(value)], anchor: 'middle' }
			});
		});
	});

	const legend = multi
		? input.series.map((s, i) => {
				const x = plot.x + i * Math.min(200, plot.width / input.series.length);
				return {
					label: s.label,
					colour: seriesColour(i),
					x: round(x + 16),
					y: 16,
					swatch: { x: round(x), y: 6, size: 12 }
				};
			})
		: [];

	const valueFontSize = barWidth >= 34 ? 11 : barWidth >= 27 ? 10 : 9;
	return { title: input.title, width, height, plot, ticks, categories, bars, valueFontSize, legend };
}

// ── Radar chart ────────────────────────────────────────────────────────────────────────────────────

export type RadarChartInput = {
	title: string;
	/** One spoke each, clockwise from the top (the eight benchmarks: "1 A stable programme", …). */
	axes: readonly string[];
	/** One or two series (now, and previous); the second is drawn dashed. */
	series: readonly ChartSeries[];
	/** Width of the picture; the radar takes what the spoke labels leave (default 520). */
	width?: number;
};

export type RadarPoint = { x: number; y: number; value: number | null };

export type RadarChartModel = {
	title: string;
	width: number;
	height: number;
	centre: { x: number; y: number };
	radius: number;
	/** Rings at 25, 50, 75 and 100%: polygon points and a label on the top spoke. */
	rings: { value: number; points: string; label: TextLabel }[];
	spokes: { x1: number; y1: number; x2: number; y2: number; label: TextLabel }[];
	series: {
		label: string;
		colour: string;
		dashed: boolean;
		points: RadarPoint[];
		/** The polygon's points attribute. */
		polygon: string;
	}[];
	legend: {
		label: string;
		colour: string;
		dashed: boolean;
		x: number;
		y: number;
		line: { x1: number; x2: number; y: number };
	}[];
};

const RADAR_RINGS = [25, 50, 75, 100];

export function radarChart(input: RadarChartInput): RadarChartModel {
	const width = input.width ?? 520;
	const multi = input.series.length > 1;
	const legendHeight = multi ? 28 : 0;
	// Room for labels of up to 16 characters (about 110 px at 11 px) beside the radar, four lines above and below.
	const radius = Math.max(40, width / 2 - 120);
	const vertical = 72;
	const size = 2 * radius + 2 * vertical;
	const height = size + legendHeight;
	const centre = { x: width / 2, y: radius + vertical };
	const n = Math.max(3, input.axes.length);
	const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
	const at = (i: number, r: number) => ({
		x: round(centre.x + r * Math.cos(angle(i))),
		y: round(centre.y + r * Math.sin(angle(i)))
	});
	const pointsAttr = (pts: { x: number; y: number }[]) => pts.map((p) => `${p.x},${p.y}`).join(' ');

	const rings = RADAR_RINGS.map((value) => {
		const r = (radius * value) / 100;
		return {
			value,
			points: pointsAttr(Array.from({ length: n }, (_, i) => at(i, r))),
			label: { x: round(centre.x + 4), y: round(centre.y - r - 2), lines: [`${value}%`], anchor: 'start' as const }
		};
	});

	const spokes = input.axes.map((axis, i) => {
		const end = at(i, radius);
		const labelAt = at(i, radius + 12);
		const cos = Math.cos(angle(i));
		const sin = Math.sin(angle(i));
		const anchor: TextLabel['anchor'] = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
		const lines = wrapLabel(axis, 16);
		// Labels above the centre grow upwards; those beside it are centred on the spoke's end.
		const lineHeight = 13;
		const y =
			sin < -0.2
				? labelAt.y - (lines.length - 1) * lineHeight
				: sin > 0.2
					? labelAt.y + 10
					: labelAt.y + 4 - ((lines.length - 1) * lineHeight) / 2;
		return {
			x1: centre.x,
			y1: centre.y,
			x2: end.x,
			y2: end.y,
			label: { x: labelAt.x, y: round(y), lines, anchor }
		};
	});

	const series = input.series.map((s, seriesIndex) => {
		const points: RadarPoint[] = input.axes.map((_, i) => {
			const raw = s.values[i];
			const value = raw === undefined || raw === null || Number.isNaN(raw) ? null : raw;
			const p = at(i, (radius * clampPercent(value ?? 0)) / 100);
			return { ...p, value };
		});
		return {
			label: s.label,
			colour: seriesColour(seriesIndex),
			dashed: seriesIndex > 0,
			points,
			polygon: pointsAttr(points)
		};
	});

	const legend = multi
		? input.series.map((s, i) => {
				const x = 16 + i * Math.min(200, (width - 32) / input.series.length);
				const y = size + 14;
				return {
					label: s.label,
					colour: seriesColour(i),
					dashed: i > 0,
					x: round(x + 28),
					y: round(y + 4),
					line: { x1: round(x), x2: round(x + 22), y: round(y) }
				};
			})
		: [];

	return { title: input.title, width, height, centre, radius, rings, spokes, series, legend };
}

// ── SVG strings ────────────────────────────────────────────────────────────────────────────────────

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export type SvgOptions = {
	/** A font family for the text (e.g. the PDF's font name); omitted, text takes the page's font. */
	fontFamily?: string;
	/** An id for the <title> (aria-labelledby); defaults to a slug of the title. */
	id?: string;
};

function slug(text: string): string {
	const words = text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);
	return words ? `chart-${words}` : 'chart';
}

function textSvg(label: TextLabel, attrs: string): string {
	const [first, ...rest] = label.lines;
	const tspans = rest.map((l) => `<tspan x="${label.x}" dy="1.2em">${escapeXml(l)}</tspan>`).join('');
	return `<text x="${label.x}" y="${label.y}" text-anchor="${label.anchor}" ${attrs}>${escapeXml(first ?? '')}${tspans}</text>`;
}

function openSvg(width: number, height: number, title: string, options: SvgOptions): string {
	const id = options.id ?? slug(title);
	const font = options.fontFamily ? ` font-family="${escapeXml(options.fontFamily)}"` : '';
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
		` role="img" aria-labelledby="${escapeXml(id)}"${font} font-size="12" fill="${TEXT_COLOUR}">` +
		`<title id="${escapeXml(id)}">${escapeXml(title)}</title>`
	);
}

/** The bar chart as a self-contained SVG string. */
export function barChartSvg(input: BarChartInput, options: SvgOptions = {}): string {
	const m = barChart(input);
	const parts = [openSvg(m.width, m.height, m.title, options)];
	for (const t of m.ticks) {
		parts.push(
			`<line x1="${m.plot.x}" y1="${t.y}" x2="${m.plot.x + m.plot.width}" y2="${t.y}" stroke="${t.value === 0 ? AXIS_COLOUR : GRID_COLOUR}" stroke-width="1"/>`
		);
		parts.push(textSvg(t.label, `fill="${TEXT_COLOUR}"`));
	}
	for (const b of m.bars) {
		if (b.value !== null && b.height > 0)
			parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${b.colour}"/>`);
		parts.push(textSvg(b.label, `fill="${TEXT_COLOUR}" font-size="${m.valueFontSize}"`));
	}
	for (const c of m.categories) parts.push(textSvg(c.label, `fill="${TEXT_COLOUR}"`));
	for (const l of m.legend) {
		parts.push(
			`<rect x="${l.swatch.x}" y="${l.swatch.y}" width="${l.swatch.size}" height="${l.swatch.size}" fill="${l.colour}"/>`
		);
		parts.push(textSvg({ x: l.x, y: l.y, lines: [l.label], anchor: 'start' }, `fill="${TEXT_COLOUR}"`));
	}
	parts.push('</svg>');
	return parts.join('');
}

/** The radar chart as a self-contained SVG string. */
export function radarChartSvg(input: RadarChartInput, options: SvgOptions = {}): string {
	const m = radarChart(input);
	const parts = [openSvg(m.width, m.height, m.title, options)];
	for (const r of m.rings)
		parts.push(`<polygon points="${r.points}" fill="none" stroke="${GRID_COLOUR}" stroke-width="1"/>`);
	for (const s of m.spokes) {
		parts.push(`<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${GRID_COLOUR}" stroke-width="1"/>`);
		parts.push(textSvg(s.label, `fill="${TEXT_COLOUR}" font-size="11"`));
	}
	for (const r of m.rings) parts.push(textSvg(r.label, `fill="${AXIS_COLOUR}" font-size="10"`));
	for (const s of m.series) {
		const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
		parts.push(
			`<polygon points="${s.polygon}" fill="${s.colour}" fill-opacity="${s.dashed ? 0 : 0.15}" stroke="${s.colour}" stroke-width="2"${dash}/>`
		);
		for (const p of s.points) parts.push(`<circle cx="${p.x}" cy="${p.y}" r="3" fill="${s.colour}"/>`);
	}
	for (const l of m.legend) {
		const dash = l.dashed ? ' stroke-dasharray="6 4"' : '';
		parts.push(
			`<line x1="${l.line.x1}" y1="${l.line.y}" x2="${l.line.x2}" y2="${l.line.y}" stroke="${l.colour}" stroke-width="2"${dash}/>`
		);
		parts.push(textSvg({ x: l.x, y: l.y, lines: [l.label], anchor: 'start' }, `fill="${TEXT_COLOUR}"`));
	}
	parts.push('</svg>');
	return parts.join('');
}
