import { axisBottom, axisLeft, scaleLinear, select, type ScaleLinear, type Selection } from 'd3';

/** Internal drawing size of charts; the SVG scales to its container through its viewBox. */
export const CHART = { width: 640, height: 280, margin: { top: 14, right: 16, bottom: 40, left: 56 } } as const;

/** What a two-metric scatter frame needs: a title for screen readers, the domains and axis labels. */
export interface ScatterAxes {
  title: string;
  x: [number, number];
  y: [number, number];
  xLabel: string;
  yLabel: string;
}

/**
 * The frame shared by the scatter charts (the coherence–innovation plane, the Pareto plane): viewBox,
 * linear scales, both axes and their labels, joined idempotently so a redraw updates in place.
 */
export function scatterFrame(
  svgEl: SVGSVGElement,
  size: { width: number; height: number },
  spec: ScatterAxes,
  frame: { margin: { top: number; right: number; bottom: number; left: number }; ticks: number } = {
    margin: CHART.margin,
    ticks: 5,
  },
): {
  plot: Selection<SVGGElement, null, SVGSVGElement, unknown>;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
} {
  const m = frame.margin;
  const w = size.width - m.left - m.right;
  const h = size.height - m.top - m.bottom;
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${size.width} ${size.height}`)
    .attr('width', size.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  const x = scaleLinear().domain(spec.x).range([0, w]);
  const y = scaleLinear().domain(spec.y).range([h, 0]);
  const plot = svg
    .selectAll<SVGGElement, null>('g.plot')
    .data([null])
    .join('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${m.left},${m.top})`);
  plot
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${h})`)
    .call(axisBottom(x).ticks(frame.ticks));
  plot
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'axis y-axis')
    .call(axisLeft(y).ticks(frame.ticks));
  axisLabels(plot, spec, w, h);
  return { plot, x, y };
}

/** The x label centred under the plot and the y label turned along its left side, joined idempotently. */
export function axisLabels(
  plot: Selection<SVGGElement, null, SVGSVGElement, unknown>,
  spec: { xLabel: string; yLabel: string },
  w: number,
  h: number,
): void {
  plot
    .selectAll('text.x-label')
    .data([spec.xLabel])
    .join('text')
    .attr('class', 'axis-label x-label')
    .attr('x', w / 2)
    .attr('y', h + 34)
    .attr('text-anchor', 'middle')
    .text((d) => d);
  plot
    .selectAll('text.y-label')
    .data([spec.yLabel])
    .join('text')
    .attr('class', 'axis-label y-label')
    .attr('transform', `translate(${-44},${h / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text((d) => d);
}

/** One row of a symbol legend: an SVG path drawn at the row's origin, and its label. */
export interface LegendItem {
  key: string;
  label: string;
  d: string;
  fill: string;
  stroke: string;
  dash?: string;
}

/**
 * A legend of symbols and labels in the plot's corner (`at`), one row every `step` px, each row's path
 * at `indent` and its text at `indent + textX`; joined by key, so a redraw updates it in place. Each
 * chart keeps its own geometry: the plane's rows are 20 px apart for presentation mode's larger text.
 */
export function symbolLegend(
  plot: Selection<SVGGElement, null, SVGSVGElement, unknown>,
  items: readonly LegendItem[],
  geometry: { at: [number, number]; indent: number; step: number; textX: number; strokeWidth: number | null },
): void {
  const legend = plot
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${geometry.at[0]},${geometry.at[1]})`);
  const item = legend
    .selectAll<SVGGElement, LegendItem>('g.item')
    .data(items, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'item');
      g.append('path');
      g.append('text');
      return g;
    });
  item.attr('transform', (_d, i) => `translate(${geometry.indent},${i * geometry.step})`);
  item
    .select('path')
    .attr('d', (d) => d.d)
    .attr('fill', (d) => d.fill)
    .attr('stroke', (d) => d.stroke)
    .attr('stroke-width', geometry.strokeWidth)
    .attr('stroke-dasharray', (d) => d.dash || null);
  item
    .select('text')
    .attr('class', 'legend-label')
    .attr('x', geometry.textX)
    .attr('y', 4)
    .text((d) => d.label);
}
