import { line } from 'd3';
import type { ParetoSpec } from '../specs/pareto.ts';
import { scatterFrame, symbolLegend } from './layout.ts';

const SIZE = { width: 480, height: 400 } as const;

/** Draw sweep points on two metrics; the Pareto front as diamonds joined by a staircase. */
export function renderPareto(svgEl: SVGSVGElement, spec: ParetoSpec): void {
  const { plot, x, y } = scatterFrame(svgEl, SIZE, spec);
  plot
    .selectAll('circle.other')
    .data(spec.others, (d) => String((d as ParetoSpec['others'][number]).point))
    .join('circle')
    .attr('class', 'other')
    .attr('cx', (d) => x(d.x))
    .attr('cy', (d) => y(d.y))
    .attr('r', 3.5)
    .attr('fill', 'none')
    .attr('stroke', spec.colors.others);
  plot
    .selectAll('path.steps')
    .data([spec.steps])
    .join('path')
    .attr('class', 'steps')
    .attr('fill', 'none')
    .attr('stroke', spec.colors.front)
    .attr('stroke-width', 1.5)
    .attr(
      'd',
      (d) =>
        line<[number, number]>()
          .x((p) => x(p[0]))
          .y((p) => y(p[1]))(d) ?? '',
    );
  plot
    .selectAll('path.front')
    .data(spec.front, (d) => String((d as ParetoSpec['front'][number]).point))
    .join('path')
    .attr('class', 'front')
    .attr('data-point', (d) => d.point)
    .attr('transform', (d) => `translate(${x(d.x)},${y(d.y)})`)
    .attr('d', 'M0,-6L6,0L0,6L-6,0Z')
    .attr('fill', spec.colors.front)
    .attr('stroke', '#000000');
  const items = [
    { key: 'front', label: spec.labels.front, d: 'M0,-5L5,0L0,5L-5,0Z', fill: spec.colors.front, stroke: '#000000' },
    {
      key: 'others',
      label: spec.labels.others,
      d: 'M-3.5,0a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0',
      fill: 'none',
      stroke: spec.colors.others,
    },
  ];
  symbolLegend(plot, items, { at: [10, 8], indent: 0, step: 16, textX: 10, strokeWidth: null });
}
