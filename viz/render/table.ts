import { select } from 'd3';
import type { TableSpec } from '../specs/table.ts';

/** A number as shown; `digits` is the row's decimals when the table gives them. */
export type NumberFormat = (v: number, digits?: number) => string;

/**
 * The data table behind a chart. Each number cell shows the rounded value and keeps the exact one
 * in `data-value` (String(v) round-trips a double), so a test or a screen reader can read the numbers.
 */
export function renderTable(host: HTMLElement, spec: TableSpec, fmt: NumberFormat): void {
  const table = select(host).selectAll<HTMLTableElement, null>('table').data([null]).join('table');
  table
    .selectAll('caption')
    .data([spec.caption])
    .join('caption')
    .text((d) => d);
  table
    .selectAll('thead')
    .data([null])
    .join('thead')
    .selectAll('tr')
    .data([spec.columns])
    .join('tr')
    .selectAll('th')
    .data((d) => d)
    .join('th')
    .attr('scope', 'col')
    .text((d) => d);
  table
    .selectAll('tbody')
    .data([null])
    .join('tbody')
    .selectAll('tr')
    .data(spec.rows)
    .join('tr')
    .each(function (row, r) {
      const digits = spec.digits?.[r] ?? undefined;
      select(this)
        .selectAll('td')
        .data(row)
        .join('td')
        .attr('data-value', (d) => (d === null ? null : String(d)))
        .text((d) => (d === null ? '' : typeof d === 'number' ? fmt(d, digits) : d));
    });
}
