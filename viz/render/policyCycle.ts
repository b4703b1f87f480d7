import { select } from 'd3';
import type { PolicyCycleSpec } from '../specs/policyCycle.ts';
import { OKABE_ITO } from '../specs/palette.ts';

type Node = PolicyCycleSpec['nodes'][number] | (PolicyCycleSpec['centre'] & { index: number });

/** Draw the five-stage cycle; the running stage is filled and outlined in bold. */
export function renderPolicyCycle(svgEl: SVGSVGElement, spec: PolicyCycleSpec): void {
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${spec.width} ${spec.height}`)
    .attr('width', spec.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  const defs = svg.selectAll('defs').data([null]).join('defs');
  const markerId = `${svgEl.dataset.chart ?? 'cycle'}-arrow`;
  defs
    .selectAll('marker')
    .data([null])
    .join('marker')
    .attr('id', markerId)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 8)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .selectAll('path')
    .data([null])
    .join('path')
    .attr('d', 'M0,0L10,5L0,10Z')
    .attr('fill', '#555555');
  svg
    .selectAll('path.arrow')
    .data(spec.arrows)
    .join('path')
    .attr('class', 'arrow')
    .attr('d', (d) => d.d)
    .attr('fill', 'none')
    .attr('stroke', '#555555')
    .attr('stroke-width', 1.5)
    .attr('marker-end', `url(#${markerId})`);
  const all: Node[] = [...spec.nodes, { ...spec.centre, index: 5 }];
  const node = svg
    .selectAll<SVGGElement, Node>('g.stage')
    .data(all, (d) => String(d.index))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'stage');
      g.append('circle');
      g.append('text').attr('class', 'stage-label').attr('text-anchor', 'middle');
      g.append('text').attr('class', 'stage-count').attr('text-anchor', 'middle');
      return g;
    });
  node
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-stage', (d) => d.index)
    .attr('data-active', (d) => (d.active ? 'true' : null))
    .attr('aria-current', (d) => (d.active ? 'step' : null));
  node
    .select('circle')
    .attr('r', (d) => d.r)
    .attr('fill', (d) => (d.active ? OKABE_ITO.blue : '#ffffff'))
    .attr('stroke', (d) => (d.active ? '#000000' : OKABE_ITO.blue))
    .attr('stroke-width', (d) => (d.active ? 3 : 1.5));
  node
    .select('text.stage-label')
    .attr('fill', (d) => (d.active ? '#ffffff' : '#000000'))
    .selectAll('tspan')
    .data((d) => d.lines.map((l, i) => ({ l, y: (i - (d.lines.length - 1) / 2) * 12 - 4 })))
    .join('tspan')
    .attr('x', 0)
    .attr('y', (d) => d.y)
    .text((d) => d.l);
  node
    .select('text.stage-count')
    .attr('y', (d) => (d.lines.length / 2) * 12 + 8)
    .attr('fill', (d) => (d.active ? '#ffffff' : '#333333'))
    .text((d) => (d.count > 0 ? `● ${d.count}` : ''));
}
