import { el, uid } from '../dom.ts';
import { download, fileNameOf, pngBlob, svgBlob } from '../export/image.ts';
import type { I18n } from '../i18n/index.ts';
import { renderTable, type NumberFormat } from '../render/table.ts';
import type { TableSpec } from '../specs/table.ts';

export interface ChartFrame {
  figure: HTMLElement;
  svg: SVGSVGElement;
  /** Set the caption and the data table. */
  update(title: string, table: TableSpec): void;
}

/**
 * A chart's frame: caption, the SVG, SVG/PNG export buttons and the data table behind the chart
 * (in a disclosure, so every chart has a text alternative a keyboard or screen-reader user can open).
 */
export function chartFrame(
  host: HTMLElement,
  i18n: I18n,
  chartId: string,
  fmt?: NumberFormat,
  exportNote?: () => string,
): ChartFrame {
  const capId = uid('cap');
  const caption = el('figcaption', { id: capId });
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('aria-labelledby', capId);
  svg.setAttribute('data-chart', chartId);
  const tableHost = el('div', { class: 'table-wrap' });
  let title = chartId;
  const btnSvg = el('button', {
    type: 'button',
    class: 'small',
    'data-export': 'svg',
    'data-i18n': 'chart.exportSvg',
    'data-i18n-attr': 'title:chart.exportSvgTitle',
  });
  const btnPng = el('button', {
    type: 'button',
    class: 'small',
    'data-export': 'png',
    'data-i18n': 'chart.exportPng',
    'data-i18n-attr': 'title:chart.exportPngTitle',
  });
  // With a note, the exported image shows its title above and the note below, so it stands alone.
  const standAlone = () => (exportNote ? { note: exportNote() } : undefined);
  btnSvg.addEventListener('click', () => download(svgBlob(svg, title, standAlone()), `${fileNameOf(title)}.svg`));
  btnPng.addEventListener('click', () => {
    pngBlob(svg, title, 2, standAlone())
      .then((b) => download(b, `${fileNameOf(title)}.png`))
      .catch((err: unknown) => console.warn(err));
  });
  const details = el('details', { class: 'data-table' }, [
    el('summary', { 'data-i18n': 'chart.dataTable' }),
    tableHost,
  ]);
  const figure = el('figure', { class: 'chart', 'data-chart': chartId }, [
    el('div', { class: 'chart-head' }, [caption, el('div', { class: 'chart-tools' }, [btnSvg, btnPng])]),
    svg,
    details,
  ]);
  host.appendChild(figure);
  for (const n of [btnSvg, btnPng, details.querySelector('summary')!]) n.textContent = i18n.t(n.dataset.i18n!);
  btnSvg.title = i18n.t('chart.exportSvgTitle');
  btnPng.title = i18n.t('chart.exportPngTitle');
  const format = fmt ?? ((v: number, digits?: number) => i18n.num(v, digits ?? 4));
  return {
    figure,
    svg,
    update(t, table) {
      title = t;
      caption.textContent = t;
      renderTable(tableHost, table, format);
    },
  };
}
