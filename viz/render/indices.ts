import { axisBottom, scaleLinear, select } from 'd3';
import type { IndicesSpec } from '../specs/indices.ts';

type Bar = IndicesSpec['bars'][number];

/** Draw sensitivity indices: grouped horizontal bars per parameter with CI whiskers, a zero line. */
export function renderIndices(svgEl: SVGSVGElement, spec: IndicesSpec): void {
  const left = 150;
  const right = spec.width - 20;
  const bottom = spec.height - 34;
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${spec.width} ${spec.height}`)
    .attr('width', spec.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  const x = scaleLinear().domain(spec.x).range([left, right]);
  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'axis x-axis')
    .attr('transform', `translate(0,${bottom})`)
    .call(axisBottom(x).ticks(5));
  svg
    .selectAll('text.x-label')
    .data([spec.valueLabel])
    .join('text')
    .attr('class', 'axis-label x-label')
    .attr('text-anchor', 'middle')
    .attr('x', (left + right) / 2)
    .attr('y', bottom + 30)
    .text((d) => d);
  svg
    .selectAll('line.zero')
    .data([0])
    .join('line')
    .attr('class', 'zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', 20)
    .attr('y2', bottom)
    .attr('stroke', '#000000');
  svg
    .selectAll('text.param')
    .data(spec.rows)
    .join('text')
    .attr('class', 'param tick')
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .attr('x', left - 8)
    .attr('y', (d) => d.y + (spec.legend.length * 12) / 2)
    .text((d) => d.parameter);
  const bar = svg
    .selectAll<SVGGElement, Bar>('g.bar')
    .data(spec.bars, (d) => `${d.parameter}/${d.key}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar');
      g.append('rect');
      g.append('line');
      return g;
    });
  bar.attr('data-value', (d) => String(d.estimate));
  bar
    .select('rect')
    .attr('x', (d) => Math.min(x(0), x(d.estimate)))
    .attr('width', (d) => Math.abs(x(d.estimate) - x(0)))
    .attr('y', (d) => d.y)
    .attr('height', (d) => d.h)
    .attr('fill', (d) => d.color);
  bar
    .select('line')
    .attr('x1', (d) => x(d.lo ?? d.estimate))
    .attr('x2', (d) => x(d.hi ?? d.estimate))
    .attr('y1', (d) => d.y + d.h / 2)
    .attr('y2', (d) => d.y + d.h / 2)
    .attr('stroke', '#000000')
    .attr('stroke-width', (d) => (d.lo === null ? 0 : 1.5));
  const item = svg
    .selectAll<SVGGElement, IndicesSpec['legend'][number]>('g.item')
    .data(spec.legend, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'item');
      g.append('rect');
      g.append('text');
      return g;
    });
  item.attr('transform', (_d, i) => `translate(${left + i * 170},4)`);
  item
    .select('rect')
    .attr('width', 12)
    .attr('height', 12)
    .attr('fill', (d) => d.color);
  item
    .select('text')
    .attr('class', 'legend-label')
    .attr('x', 16)
    .attr('y', 10)
    .text((d) => d.label);
}
