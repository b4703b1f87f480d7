import { area, axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import type { TimeSeriesSpec } from '../specs/timeSeries.ts';
import { axisLabels, CHART } from './layout.ts';

type Series = TimeSeriesSpec['series'][number];
type Item = { key: string; label: string; color: string; dash: string; band: boolean; faint?: boolean };

/** Opacity of a previous run's line: visible behind the current one, never mistaken for it. */
const FAINT = 0.4;

/** Approximate width of a legend entry at 11px (swatch, gap, text). */
const itemWidth = (label: string) => 36 + label.length * 6.2;

/** Draw a time-series spec: a legend above the plot (wrapped into rows), bands, lines, axes. Re-drawing updates in place. */
export function renderTimeSeries(svgEl: SVGSVGElement, spec: TimeSeriesSpec): void {
  const m = CHART.margin;
  const w = spec.width - m.left - m.right;
  const items: Item[] = spec.series.map((s) => ({
    key: s.key,
    label: s.label,
    color: s.color,
    dash: s.dash,
    band: false,
    faint: s.faint,
  }));
  if (spec.bandLabel) items.push({ key: '__band', label: spec.bandLabel, color: '#777777', dash: '', band: true });
  let lx = 0;
  let row = 0;
  const places = items.map((d) => {
    const iw = itemWidth(d.label);
    if (lx > 0 && lx + iw > w) {
      row++;
      lx = 0;
    }
    const p = { x: lx, y: row * 16 };
    lx += iw;
    return p;
  });
  const top = m.top + (row + 1) * 16;
  const h = spec.height - top - m.bottom;
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${spec.width} ${spec.height}`)
    .attr('width', spec.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  const x = scaleLinear().domain(spec.x).range([0, w]);
  const y = scaleLinear().domain(spec.y).range([h, 0]);

  const legend = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${m.left},4)`);
  const item = legend
    .selectAll<SVGGElement, Item>('g.item')
    .data(items, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'item');
      g.append('rect');
      g.append('line');
      g.append('text');
      return g;
    });
  item.attr('transform', (_d, i) => `translate(${places[i]!.x},${places[i]!.y})`);
  item
    .select('rect')
    .attr('x', 0)
    .attr('y', 2)
    .attr('width', 22)
    .attr('height', 10)
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', (d) => (d.band ? 0.25 : 0));
  item
    .select('line')
    .attr('x1', 0)
    .attr('x2', 22)
    .attr('y1', 7)
    .attr('y2', 7)
    .attr('stroke', (d) => (d.band ? 'none' : d.color))
    .attr('stroke-width', 2)
    .attr('stroke-opacity', (d) => (d.faint ? FAINT : null))
    .attr('stroke-dasharray', (d) => d.dash || null);
  item
    .select('text')
    .attr('x', 27)
    .attr('y', 11)
    .attr('class', 'legend-label')
    .text((d) => d.label);

  const plot = svg
    .selectAll<SVGGElement, null>('g.plot')
    .data([null])
    .join('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${m.left},${top})`);
  plot
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${h})`)
    .call(
      axisBottom(x)
        .ticks(Math.min(spec.width > 500 ? 10 : 5, spec.x[1]))
        .tickFormat((d) => String(d)),
    );
  plot
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'axis y-axis')
    .call(axisLeft(y).ticks(5));
  axisLabels(plot, spec, w, h);

  const bandPath = area<[number, number, number]>()
    .x((d) => x(d[0]))
    .y0((d) => y(d[1]))
    .y1((d) => y(d[2]));
  plot
    .selectAll<SVGPathElement, Series>('path.band')
    .data(
      spec.series.filter((s) => s.band.length > 0),
      (d) => d.key,
    )
    .join('path')
    .attr('class', 'band')
    .attr('data-key', (d) => d.key)
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', 0.18)
    .attr('stroke', 'none')
    .attr('d', (d) => bandPath(d.band) ?? '');
  const linePath = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  plot
    .selectAll<SVGPathElement, Series>('path.line')
    .data(spec.series, (d) => d.key)
    .join('path')
    .attr('class', (d) => (d.faint ? 'line previous' : 'line'))
    .attr('data-key', (d) => d.key)
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 2)
    .attr('stroke-opacity', (d) => (d.faint ? FAINT : null))
    .attr('stroke-dasharray', (d) => d.dash || null)
    .attr('d', (d) => linePath(d.points) ?? '');
}
