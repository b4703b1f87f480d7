import { scaleBand, select } from 'd3';
import type { HeatmapSpec } from '../specs/heatmap.ts';
import { uid } from '../dom.ts';

type Cell = HeatmapSpec['cells'][number];

const EMPTY_FILL = '#f2f2f2';
const EMPTY_STROKE = '#9a9a9a';

/** Draw a heatmap: labelled cells, band axes and a colour ramp legend. */
export function renderHeatmap(svgEl: SVGSVGElement, spec: HeatmapSpec, fmt: (v: number) => string): void {
  const W = 640;
  const left = 110;
  const top = 10;
  const right = 16;
  const ch = Math.max(22, Math.min(40, 320 / Math.max(1, spec.yTicks.length)));
  const h = ch * spec.yTicks.length;
  const H = top + h + 90;
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${W} ${H}`)
    .attr('width', W)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  const x = scaleBand<number>()
    .domain(spec.xTicks.map((_, i) => i))
    .range([left, W - right])
    .padding(0.04);
  const y = scaleBand<number>()
    .domain(spec.yTicks.map((_, j) => j))
    .range([top + h, top])
    .padding(0.04);
  // Empty cells first, pale grey with a hatch-like outline, under the filled ones.
  svg
    .selectAll<SVGRectElement, { i: number; j: number }>('rect.empty-cell')
    .data(spec.empty, (d) => `${d.i},${d.j}`)
    .join('rect')
    .attr('class', 'empty-cell')
    .attr('x', (d) => x(d.i)!)
    .attr('y', (d) => y(d.j)!)
    .attr('width', x.bandwidth())
    .attr('height', y.bandwidth())
    .attr('fill', EMPTY_FILL)
    .attr('stroke', EMPTY_STROKE)
    .attr('stroke-dasharray', '3 2');
  const cell = svg
    .selectAll<SVGGElement, Cell>('g.cell')
    .data(spec.cells, (d) => `${d.i},${d.j}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell');
      g.append('rect');
      g.append('text').attr('text-anchor', 'middle').attr('dominant-baseline', 'middle').attr('class', 'cell-label');
      return g;
    });
  cell.attr('data-value', (d) => String(d.value));
  cell
    .select('rect')
    .attr('x', (d) => x(d.i)!)
    .attr('y', (d) => y(d.j)!)
    .attr('width', x.bandwidth())
    .attr('height', y.bandwidth())
    .attr('fill', (d) => d.fill);
  cell
    .select('text')
    .attr('x', (d) => x(d.i)! + x.bandwidth() / 2)
    .attr('y', (d) => y(d.j)! + y.bandwidth() / 2)
    .attr('fill', (d) => d.ink)
    .text((d) => (x.bandwidth() > 34 ? d.text : ''));
  // Levels: one label under each column. Bins: the edges at the column boundaries, so the labels
  // stay short and apart however many bins there are.
  const step = x.step();
  const x0 = x(0) ?? left;
  svg
    .selectAll('text.xtick')
    .data(spec.xEdges ?? spec.xTicks)
    .join('text')
    .attr('class', spec.xEdges ? 'xtick tick edge' : 'xtick tick')
    .attr('text-anchor', 'middle')
    .attr('x', (_d, i) => (spec.xEdges ? x0 - (step - x.bandwidth()) / 2 + i * step : x(i)! + x.bandwidth() / 2))
    .attr('y', top + h + 14)
    .text((d) => d);
  svg
    .selectAll('text.ytick')
    .data(spec.yTicks)
    .join('text')
    .attr('class', 'ytick tick')
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .attr('x', left - 6)
    .attr('y', (_d, j) => y(j)! + y.bandwidth() / 2)
    .text((d) => d);
  svg
    .selectAll('text.x-label')
    .data([spec.xLabel])
    .join('text')
    .attr('class', 'axis-label x-label')
    .attr('text-anchor', 'middle')
    .attr('x', (left + W - right) / 2)
    .attr('y', top + h + 32)
    .text((d) => d);
  svg
    .selectAll('text.y-label')
    .data([spec.yLabel])
    .join('text')
    .attr('class', 'axis-label y-label')
    .attr('text-anchor', 'middle')
    .attr('transform', `translate(14,${top + h / 2}) rotate(-90)`)
    .text((d) => d);
  let gradId = svgEl.dataset.gradient;
  if (!gradId) {
    gradId = uid('hgrad');
    svgEl.dataset.gradient = gradId;
  }
  const grad = svg
    .selectAll('defs')
    .data([null])
    .join('defs')
    .selectAll('linearGradient')
    .data([null])
    .join('linearGradient')
    .attr('id', gradId);
  grad
    .selectAll('stop')
    .data(spec.stops)
    .join('stop')
    .attr('offset', (d) => d.offset)
    .attr('stop-color', (d) => d.color);
  const lg = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${left},${top + h + 48})`);
  lg.selectAll('text.legend-title')
    .data([spec.metricLabel])
    .join('text')
    .attr('class', 'legend-title')
    .attr('y', 0)
    .text((d) => d);
  lg.selectAll('rect')
    .data([null])
    .join('rect')
    .attr('y', 6)
    .attr('width', 200)
    .attr('height', 10)
    .attr('fill', `url(#${gradId})`);
  const key = spec.empty.length > 0 ? [spec.emptyLabel] : [];
  const ek = lg
    .selectAll<SVGGElement, string>('g.empty-key')
    .data(key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'empty-key');
      g.append('rect').attr('width', 16).attr('height', 10).attr('y', 6);
      g.append('text').attr('class', 'legend-label').attr('x', 22).attr('y', 15);
      return g;
    })
    .attr('transform', 'translate(240,0)');
  ek.select('rect').attr('fill', EMPTY_FILL).attr('stroke', EMPTY_STROKE).attr('stroke-dasharray', '3 2');
  ek.select('text').text((d) => d);
  lg.selectAll('text.end')
    .data(spec.domain)
    .join('text')
    .attr('class', 'end legend-label')
    .attr('y', 28)
    .attr('x', (_d, i) => i * 200)
    .attr('text-anchor', (_d, i) => (i === 0 ? 'start' : 'end'))
    .text((d) => fmt(d));
}
