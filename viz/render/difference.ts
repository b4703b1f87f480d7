import { axisBottom, scaleLinear, select } from 'd3';
import type { DifferenceSpec } from '../specs/difference.ts';

type Panel = DifferenceSpec['panels'][number];
type Row = Panel['rows'][number];

/** Draw paired differences: per metric a panel with its axis, a zero line, dots and 95% CI whiskers. */
export function renderDifference(svgEl: SVGSVGElement, spec: DifferenceSpec): void {
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${spec.width} ${spec.height}`)
    .attr('width', spec.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  // The key sits above the panels, so it is read before the dots (and travels with an exported image).
  const key = svg
    .selectAll<SVGGElement, NonNullable<DifferenceSpec['key']>>('g.dots-key')
    .data(spec.key ? [spec.key] : [])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'dots-key');
      g.append('circle').attr('class', 'filled');
      g.append('text').attr('class', 'filled legend-label');
      g.append('circle').attr('class', 'open');
      g.append('text').attr('class', 'open legend-label');
      return g;
    });
  key.each(function (k) {
    const g = select(this);
    const half = Math.round(spec.width / 2);
    g.select('circle.filled')
      .attr('cx', 18)
      .attr('cy', k.y - 4)
      .attr('r', 5)
      .attr('fill', '#333333')
      .attr('stroke', '#333333')
      .attr('stroke-width', 2);
    g.select('text.filled').attr('x', 30).attr('y', k.y).text(k.filled);
    g.select('circle.open')
      .attr('cx', half + 8)
      .attr('cy', k.y - 4)
      .attr('r', 5)
      .attr('fill', '#ffffff')
      .attr('stroke', '#333333')
      .attr('stroke-width', 2);
    g.select('text.open')
      .attr('x', half + 20)
      .attr('y', k.y)
      .text(k.open);
  });
  const panel = svg
    .selectAll<SVGGElement, Panel>('g.panel')
    .data(spec.panels, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'panel');
      g.append('text').attr('class', 'panel-label');
      g.append('text').attr('class', 'panel-polarity');
      g.append('g').attr('class', 'axis x-axis');
      g.append('line').attr('class', 'zero');
      return g;
    });
  panel.each(function (p) {
    const g = select(this);
    const x = scaleLinear().domain(p.domain).range([p.plotLeft, p.plotRight]);
    const bottom = p.y + p.height - p.axisHeight;
    const k = p.axisHeight / 20;
    g.select('text.panel-label')
      .attr('x', p.x)
      .attr('y', p.y + 12 * k)
      .attr('font-weight', 600)
      .text(p.label);
    g.select('text.panel-polarity')
      .attr('x', p.plotLeft)
      .attr('y', p.y + 12 * k)
      .attr('font-style', 'italic')
      .text(p.polarity);
    g.select<SVGGElement>('g.x-axis').attr('transform', `translate(0,${bottom})`).call(axisBottom(x).ticks(4));
    g.select('line.zero')
      .attr('x1', x(0))
      .attr('x2', x(0))
      .attr('y1', p.y + 14 * k)
      .attr('y2', bottom)
      .attr('stroke', '#000000')
      .attr('stroke-dasharray', '3 3');
    const row = g
      .selectAll<SVGGElement, Row>('g.row')
      .data(p.rows, (d) => d.label)
      .join((enter) => {
        const r = enter.append('g').attr('class', 'row');
        r.append('text').attr('class', 'row-label legend-label');
        r.append('line').attr('class', 'ci');
        r.append('circle');
        return r;
      });
    row.attr('data-excludes-zero', (d) => (d.excludesZero ? 'true' : 'false'));
    row
      .select('text')
      .attr('x', p.x + 12)
      .attr('y', (d) => d.y + 4)
      .text((d) => d.label);
    row
      .select('line.ci')
      .attr('x1', (d) => x(d.lo))
      .attr('x2', (d) => x(d.hi))
      .attr('y1', (d) => d.y)
      .attr('y2', (d) => d.y)
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', 3);
    // A filled dot when the interval excludes zero, an open one when it does not (not only colour).
    row
      .select('circle')
      .attr('cx', (d) => x(d.mean))
      .attr('cy', (d) => d.y)
      .attr('r', 5)
      .attr('fill', (d) => (d.excludesZero ? d.color : '#ffffff'))
      .attr('stroke', (d) => d.color)
      .attr('stroke-width', 2);
  });
}
