import { select } from 'd3';
import type { Tile, TilesSpec } from '../specs/tiles.ts';
import { uid } from '../dom.ts';

/** Draw units as tiles grouped by type, with a colour legend. */
export function renderTiles(svgEl: SVGSVGElement, spec: TilesSpec, fmt: (v: number) => string): void {
  const svg = select(svgEl)
    .attr('viewBox', `0 0 ${spec.width} ${spec.height}`)
    .attr('width', spec.width)
    .attr('role', 'img')
    .attr('aria-label', spec.title);
  svg
    .selectAll<SVGTextElement, TilesSpec['groups'][number]>('text.group-label')
    .data(spec.groups, (d) => d.key)
    .join('text')
    .attr('class', 'group-label')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y - ((d.lines.length - 1) * 12) / 2)
    .attr('dominant-baseline', 'middle')
    .selectAll('tspan')
    .data((d) => d.lines.map((l, i) => ({ l, i, x: d.x })))
    .join('tspan')
    .attr('x', (d) => d.x)
    .attr('dy', (d) => (d.i === 0 ? 0 : 12))
    .text((d) => d.l);
  const tile = svg
    .selectAll<SVGGElement, Tile>('g.tile')
    .data(spec.tiles, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tile');
      g.append('title');
      g.append('rect').attr('rx', 3);
      g.append('text').attr('class', 'tile-label').attr('text-anchor', 'middle').attr('dominant-baseline', 'middle');
      return g;
    });
  tile
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-id', (d) => d.id)
    .attr('data-value', (d) => String(d.value));
  tile.select('title').text((d) => `${d.name}: ${typeof d.value === 'number' ? fmt(d.value) : d.value}`);
  tile
    .select('rect')
    .attr('width', (d) => d.w)
    .attr('height', (d) => d.h)
    .attr('fill', (d) => d.fill)
    .attr('stroke', '#ffffff');
  tile
    .select('text')
    .attr('x', (d) => d.w / 2)
    .attr('y', (d) => d.h / 2)
    .attr('fill', (d) => d.ink)
    .text((d) => d.name);

  const ly = spec.height - 34;
  const legend = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend')
    .attr('transform', `translate(92,${ly})`);
  legend
    .selectAll('text.legend-title')
    .data([spec.legend.label])
    .join('text')
    .attr('class', 'legend-title')
    .attr('x', 0)
    .attr('y', 0)
    .text((d) => d);
  if (spec.legend.kind === 'sequential') {
    const lg = spec.legend;
    legend.selectAll('g.cat').remove();
    let gradId = svgEl.dataset.gradient;
    if (!gradId) {
      gradId = uid('grad');
      svgEl.dataset.gradient = gradId;
    }
    const defs = svg.selectAll('defs').data([null]).join('defs');
    const grad = defs.selectAll('linearGradient').data([null]).join('linearGradient').attr('id', gradId);
    grad
      .selectAll('stop')
      .data(lg.stops)
      .join('stop')
      .attr('offset', (d) => d.offset)
      .attr('stop-color', (d) => d.color);
    legend
      .selectAll('rect.ramp')
      .data([null])
      .join('rect')
      .attr('class', 'ramp')
      .attr('x', 0)
      .attr('y', 6)
      .attr('width', 200)
      .attr('height', 10)
      .attr('fill', `url(#${gradId})`);
    legend
      .selectAll('text.tick')
      .data([lg.domain[0], lg.domain[1]])
      .join('text')
      .attr('class', 'tick legend-label')
      .attr('x', (_d, i) => i * 200)
      .attr('y', 28)
      .attr('text-anchor', (_d, i) => (i === 0 ? 'start' : 'end'))
      .text((d) => fmt(d));
  } else {
    legend.selectAll('rect.ramp, text.tick').remove();
    const cat = legend
      .selectAll<SVGGElement, (typeof spec.legend.items)[number]>('g.cat')
      .data(spec.legend.items, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cat');
        g.append('rect');
        g.append('text');
        return g;
      });
    cat.attr('transform', (_d, i) => `translate(${i * 130},6)`);
    cat
      .select('rect')
      .attr('width', 12)
      .attr('height', 12)
      .attr('fill', (d) => d.color);
    cat
      .select('text')
      .attr('class', 'legend-label')
      .attr('x', 16)
      .attr('y', 10)
      .text((d) => d.label);
  }
}
