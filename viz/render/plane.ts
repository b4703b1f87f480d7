import { line } from 'd3';
import type { PlaneSpec } from '../specs/plane.ts';
import { scatterFrame, symbolLegend } from './layout.ts';

const SIZE = { width: 420, height: 360 } as const;

/** Draw the coherence–innovation plane: the trajectory, its start and the current point. */
export function renderPlane(svgEl: SVGSVGElement, spec: PlaneSpec): void {
  const { plot, x, y } = scatterFrame(svgEl, SIZE, spec);
  plot
    .selectAll('path.trajectory')
    .data([spec.path])
    .join('path')
    .attr('class', 'trajectory')
    .attr('fill', 'none')
    .attr('stroke', spec.color)
    .attr('stroke-width', 1.5)
    .attr('stroke-opacity', 0.75)
    .attr(
      'd',
      (d) =>
        line<[number, number]>()
          .x((p) => x(p[0]))
          .y((p) => y(p[1]))(d) ?? '',
    );
  plot
    .selectAll('circle.other')
    .data(spec.others)
    .join('circle')
    .attr('class', 'other')
    .attr('cx', (d) => x(d[0]))
    .attr('cy', (d) => y(d[1]))
    .attr('r', 3.5)
    .attr('fill', 'none')
    .attr('stroke', '#555555');
  plot
    .selectAll('circle.start')
    .data(spec.start ? [spec.start] : [])
    .join('circle')
    .attr('class', 'start')
    .attr('cx', (d) => x(d[0]))
    .attr('cy', (d) => y(d[1]))
    .attr('r', 4)
    .attr('fill', '#ffffff')
    .attr('stroke', spec.color)
    .attr('stroke-width', 2);
  plot
    .selectAll('path.now')
    .data(spec.end ? [spec.end] : [])
    .join('path')
    .attr('class', 'now')
    .attr('transform', (d) => `translate(${x(d[0])},${y(d[1])})`)
    .attr('d', 'M0,-6L6,0L0,6L-6,0Z')
    .attr('fill', spec.color)
    .attr('stroke', '#000000');
  // Legend (shapes, not only colours).
  const items = [
    {
      key: 'start',
      label: spec.labels.start,
      d: 'M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0',
      fill: '#ffffff',
      stroke: spec.color,
    },
    { key: 'now', label: spec.labels.now, d: 'M0,-5L5,0L0,5L-5,0Z', fill: spec.color, stroke: '#000000' },
    ...(spec.others.length > 0
      ? [
          {
            key: 'others',
            label: spec.labels.others,
            d: 'M-3.5,0a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0',
            fill: 'none',
            stroke: '#555555',
          },
        ]
      : []),
  ];
  // Rows 20 px apart: room for the larger legend text of presentation mode.
  symbolLegend(plot, items, { at: [8, 8], indent: 6, step: 20, textX: 12, strokeWidth: 1.5 });
}
