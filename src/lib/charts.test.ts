import { describe, expect, it } from 'vitest';
import {
	barChart,
	barChartSvg,
	escapeXml,
	formatPercent,
	radarChart,
	radarChartSvg,
	SERIES_COLOURS,
	wrapLabel
} from './charts.ts';

describe('formatPercent and wrapLabel', () => {
	it('rounds to a whole percentage and shows a dash for no figure', () => {
		expect(formatPercent(54.4)).toBe('54%');
		expect(formatPercent(54.5)).toBe('55%');
		expect(formatPercent(0)).toBe('0%');
		expect(formatPercent(null)).toBe('—');
		expect(formatPercent(undefined)).toBe('—');
	});

	it('wraps at spaces, keeps long words whole and honours new lines', () => {
		expect(wrapLabel('A stable careers programme', 10)).toEqual(['A stable', 'careers', 'programme']);
		expect(wrapLabel('Apprenticeships', 5)).toEqual(['Apprenticeships']);
		expect(wrapLabel('Year 7\n(120)', 20)).toEqual(['Year 7', '(120)']);
	});
});

describe('barChart', () => {
	const input = {
		title: 'Meaningful employer encounter: % met by year group',
		categories: ['Year 7', 'Year 8', 'Year 9', 'All'],
		series: [{ label: 'Met', values: [100, 50, null, 0] }],
		width: 448,
		height: 300
	};

	it('puts the plot inside the chart with 0% at the bottom and 100% at the top', () => {
		const m = barChart(input);
		expect(m.plot.x).toBeGreaterThan(0);
		expect(m.plot.x + m.plot.width).toBeLessThanOrEqual(m.width);
		expect(m.plot.y + m.plot.height).toBeLessThan(m.height);
		expect(m.ticks.map((t) => t.value)).toEqual([0, 25, 50, 75, 100]);
		expect(m.ticks[0]!.y).toBe(m.plot.y + m.plot.height);
		expect(m.ticks[4]!.y).toBe(m.plot.y);
		expect(m.ticks.map((t) => t.label.lines[0])).toEqual(['0%', '25%', '50%', '75%', '100%']);
	});

	it('draws bar heights in proportion to the value, each bar inside its category band', () => {
		const m = barChart(input);
		expect(m.bars).toHaveLength(4);
		const [full, half, none, zero] = m.bars;
		expect(full!.height).toBeCloseTo(m.plot.height, 1);
		expect(full!.y).toBeCloseTo(m.plot.y, 1);
		expect(half!.height).toBeCloseTo(m.plot.height / 2, 1);
		expect(none!.value).toBeNull();
		expect(none!.height).toBe(0);
		expect(none!.label.lines).toEqual(['—']);
		expect(zero!.height).toBe(0);
		expect(zero!.label.lines).toEqual(['0%']);
		m.bars.forEach((b, i) => {
			const band = m.categories[i]!;
			expect(b.x).toBeGreaterThanOrEqual(band.bandStart);
			expect(b.x + b.width).toBeLessThanOrEqual(band.bandStart + band.bandWidth + 0.01);
			// label centred over the bar
			expect(b.label.x).toBeCloseTo(b.x + b.width / 2, 1);
		});
		expect(m.legend).toEqual([]);
	});

	it('clamps values outside 0–100 for drawing but keeps the true figure in the label', () => {
		const m = barChart({ ...input, series: [{ label: 'Met', values: [120, -5, 50, 50] }] });
		expect(m.bars[0]!.height).toBeCloseTo(m.plot.height, 1);
		expect(m.bars[0]!.label.lines).toEqual(['120%']);
		expect(m.bars[1]!.height).toBe(0);
	});

	it('puts two series side by side in each band, in their own colours, with a legend', () => {
		const m = barChart({
			...input,
			series: [
				{ label: 'Pupil Premium', values: [40, 50, 60, 50] },
				{ label: 'Everyone else', values: [60, 70, 80, 70] }
			]
		});
		expect(m.bars).toHaveLength(8);
		const a = m.bars.find((b) => b.seriesIndex === 0 && b.categoryIndex === 1)!;
		const b = m.bars.find((b) => b.seriesIndex === 1 && b.categoryIndex === 1)!;
		expect(b.x).toBeCloseTo(a.x + a.width, 1);
		expect(a.colour).toBe(SERIES_COLOURS[0]);
		expect(b.colour).toBe(SERIES_COLOURS[1]);
		expect(m.legend.map((l) => l.label)).toEqual(['Pupil Premium', 'Everyone else']);
		expect(m.legend[0]!.y).toBeLessThan(m.plot.y);
	});

	it('renders an SVG with a title, role img, text labels and no scripts or style attributes', () => {
		const svg = barChartSvg({ ...input, title: 'Year <7> & "friends"' }, { fontFamily: 'DejaVuSans', id: 'bm5-bars' });
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain('role="img"');
		expect(svg).toContain('aria-labelledby="bm5-bars"');
		expect(svg).toContain('<title id="bm5-bars">Year &lt;7&gt; &amp; &quot;friends&quot;</title>');
		expect(svg).toContain('font-family="DejaVuSans"');
		expect(svg).toContain('>Year 7</text>');
		expect(svg).toContain('>50%</text>');
		expect(svg).toContain('>—</text>');
		expect(svg).not.toMatch(/<script|style=|on[a-z]+=/i);
		// three bars with a height (100, 50; 0 and no-figure draw none)
		expect(svg.match(/<rect /g)).toHaveLength(2);
		expect(svg.endsWith('</svg>')).toBe(true);
	});
});

describe('radarChart', () => {
	const axes = ['1', '2', '3', '4', '5', '6', '7', '8'];

	it('puts the first spoke straight up and goes clockwise, a full value on the outer ring', () => {
		const m = radarChart({
			title: 'Benchmarks',
			axes,
			series: [{ label: 'Now', values: [100, 100, 100, 100, 100, 100, 100, 100] }],
			width: 500
		});
		expect(m.spokes).toHaveLength(8);
		const up = m.spokes[0]!;
		expect(up.x2).toBeCloseTo(m.centre.x, 1);
		expect(up.y2).toBeCloseTo(m.centre.y - m.radius, 1);
		const right = m.spokes[2]!; // a quarter turn clockwise: to the right
		expect(right.x2).toBeCloseTo(m.centre.x + m.radius, 1);
		expect(right.y2).toBeCloseTo(m.centre.y, 1);
		expect(right.label.anchor).toBe('start');
		expect(m.spokes[6]!.label.anchor).toBe('end');
		expect(up.label.anchor).toBe('middle');
		for (const p of m.series[0]!.points) {
			expect(Math.hypot(p.x - m.centre.x, p.y - m.centre.y)).toBeCloseTo(m.radius, 0);
		}
		// labels stay inside the picture
		const long = radarChart({
			title: 'Benchmarks',
			axes: [
				'1 A stable careers programme',
				'2 Learning from career and labour market information',
				'3 Addressing the needs of each young person',
				'4 Linking curriculum learning to careers',
				'5 Encounters with employers and employees',
				'6 Experiences of workplaces',
				'7 Encounters with further and higher education',
				'8 Personal guidance'
			],
			series: [{ label: 'Now', values: [50, 50, 50, 50, 50, 50, 50, 50] }]
		});
		const charWidth = 6.5; // generous for 11 px text
		for (const s of long.spokes) {
			const widest = Math.max(...s.label.lines.map((l) => l.length)) * charWidth;
			const [from, to] =
				s.label.anchor === 'start'
					? [s.label.x, s.label.x + widest]
					: s.label.anchor === 'end'
						? [s.label.x - widest, s.label.x]
						: [s.label.x - widest / 2, s.label.x + widest / 2];
			expect(from).toBeGreaterThanOrEqual(0);
			expect(to).toBeLessThanOrEqual(long.width);
			expect(s.label.y - 11).toBeGreaterThanOrEqual(0);
			expect(s.label.y + (s.label.lines.length - 1) * 13.2).toBeLessThanOrEqual(long.height);
		}
		for (const s of m.spokes) {
			expect(s.label.x).toBeGreaterThan(0);
			expect(s.label.x).toBeLessThan(m.width);
			expect(s.label.y).toBeGreaterThan(0);
			expect(s.label.y).toBeLessThan(m.height);
		}
	});

	it('places each value at its share of the radius; no figure at the centre', () => {
		const m = radarChart({
			title: 'Benchmarks',
			axes,
			series: [{ label: 'Now', values: [50, 25, null, 0, 75, 100, 10, 90] }]
		});
		const pts = m.series[0]!.points;
		const dist = (i: number) => Math.hypot(pts[i]!.x - m.centre.x, pts[i]!.y - m.centre.y);
		expect(dist(0)).toBeCloseTo(m.radius / 2, 0);
		expect(dist(1)).toBeCloseTo(m.radius / 4, 0);
		expect(dist(2)).toBeCloseTo(0, 1);
		expect(pts[2]!.value).toBeNull();
		expect(dist(4)).toBeCloseTo((m.radius * 3) / 4, 0);
		expect(m.series[0]!.polygon.split(' ')).toHaveLength(8);
		expect(m.rings.map((r) => r.value)).toEqual([25, 50, 75, 100]);
	});

	it('draws a second series dashed, with a legend below the radar', () => {
		const m = radarChart({
			title: 'Benchmarks',
			axes,
			series: [
				{ label: 'Now', values: [50, 50, 50, 50, 50, 50, 50, 50] },
				{ label: 'Previous', values: [40, 40, 40, 40, 40, 40, 40, 40] }
			],
			width: 500
		});
		expect(m.series.map((s) => s.dashed)).toEqual([false, true]);
		expect(m.legend).toHaveLength(2);
		expect(m.legend[0]!.y).toBeGreaterThan(m.centre.y + m.radius + 40);
		expect(m.legend[0]!.y).toBeLessThan(m.height);
		const svg = radarChartSvg({
			title: 'The eight benchmarks',
			axes: ['1 A stable careers programme', '2', '3', '4', '5', '6', '7', '8'],
			series: [
				{ label: 'Now', values: [50, 50, 50, 50, 50, 50, 50, 50] },
				{ label: 'Previous', values: [40, 40, 40, 40, 40, 40, 40, 40] }
			]
		});
		expect(svg).toContain('role="img"');
		expect(svg).toContain('<title id="chart-the-eight-benchmarks">The eight benchmarks</title>');
		expect(svg).toContain('stroke-dasharray="6 4"');
		expect(svg).toContain('<tspan'); // the long label wraps
		expect(svg).toContain('>Previous</text>');
		expect(svg.match(/<circle /g)).toHaveLength(16);
		expect(svg).not.toMatch(/<script|style=|on[a-z]+=/i);
	});
});

describe('escapeXml', () => {
	it('escapes markup characters', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
	});
});
