import { line } from 'd3';
import { scatterFrame, symbolLegend, type LegendItem } from '../render/layout.ts';
import type { ExercisePlaneSpec } from './planeSpec.ts';

/** Drawing size; the legend has its own column on the right so it never hides a path. */
const SIZE = { width: 690, height: 400 } as const;
const MARGIN = { top: 14, right: 215, bottom: 40, left: 56 } as const;

/** The legend's symbols: a stroke for a path, a box for the model's band, a dot for the final values. */
const LEGEND_SHAPE = {
  line: 'M-6,0L10,0',
  box: 'M-5,-5L9,-5L9,5L-5,5Z',
  dot: 'M-1,0a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0',
} as const;

/** Draw the debrief's plane: model band boxes, median path, model finals, then each run's path. */
export function renderExercisePlane(svgEl: SVGSVGElement, spec: ExercisePlaneSpec): void {
  // The scatter frame shared with the other planes, with a right margin wide enough for the legend column.
  const { plot, x, y } = scatterFrame(svgEl, SIZE, spec, { margin: MARGIN, ticks: 6 });
  const w = SIZE.width - MARGIN.left - MARGIN.right;
  plot
    .selectAll('rect.band')
    .data(spec.boxes)
    .join('rect')
    .attr('class', 'band')
    .attr('x', (d) => x(d.x0))
    .attr('y', (d) => y(d.y1))
    .attr('width', (d) => Math.max(1, x(d.x1) - x(d.x0)))
    .attr('height', (d) => Math.max(1, y(d.y0) - y(d.y1)))
    .attr('fill', '#888888')
    .attr('fill-opacity', 0.08)
    .attr('stroke', '#888888')
    .attr('stroke-opacity', 0.25);
  plot
    .selectAll('circle.final')
    .data(spec.finals)
    .join('circle')
    .attr('class', 'final')
    .attr('cx', (d) => x(d[0]))
    .attr('cy', (d) => y(d[1]))
    .attr('r', 2.2)
    .attr('fill', '#777777')
    .attr('fill-opacity', 0.5);
  const path = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  plot
    .selectAll('path.median')
    .data([spec.median])
    .join('path')
    .attr('class', 'median')
    .attr('fill', 'none')
    .attr('stroke', '#666666')
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '3 3')
    .attr('d', (d) => path(d) ?? '');
  const runs = plot
    .selectAll<SVGGElement, ExercisePlaneSpec['runs'][number]>('g.run')
    .data(spec.runs, (d) => d.label)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'run');
      g.append('path').attr('class', 'run-path');
      g.append('path').attr('class', 'run-end');
      return g;
    });
  runs.attr('data-label', (d) => d.label);
  runs
    .select('path.run-path')
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', (d) => d.dash || null)
    .attr('d', (d) => path(d.path) ?? '');
  runs
    .select('path.run-end')
    .attr('d', 'M0,-6L6,0L0,6L-6,0Z')
    .attr('fill', (d) => d.color)
    .attr('stroke', '#000000')
    .attr('transform', (d) => (d.end ? `translate(${x(d.end[0])},${y(d.end[1])})` : 'translate(-100,-100)'))
    .attr('visibility', (d) => (d.end ? 'visible' : 'hidden'));
  // Legend: shapes and dashes as well as colours.
  const items: LegendItem[] = [
    ...spec.runs.map((r) => ({
      key: `run-${r.label}`,
      label: r.label,
      stroke: r.color,
      dash: r.dash,
      fill: 'none',
      d: LEGEND_SHAPE.line,
    })),
    { key: 'median', label: spec.labels.median, stroke: '#666666', dash: '3 3', fill: 'none', d: LEGEND_SHAPE.line },
    { key: 'band', label: spec.labels.band, stroke: '#888888', dash: '', fill: '#dddddd', d: LEGEND_SHAPE.box },
    { key: 'finals', label: spec.labels.finals, stroke: 'none', dash: '', fill: '#777777', d: LEGEND_SHAPE.dot },
  ];
  symbolLegend(plot, items, { at: [w + 18, 6], indent: 4, step: 17, textX: 16, strokeWidth: 2 });
}
