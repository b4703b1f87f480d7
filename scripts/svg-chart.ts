// Small SVG line charts for the generated documents (docs/calibration.md, docs/hypotheses.md).
// d3's scales and line generator need no DOM, so the SVG text is written directly.
import { line, scaleLinear } from 'd3';
import { SERIES_COLORS } from '../viz/specs/palette.ts';

export interface ChartSeries {
  name: string;
  x: number[];
  y: number[];
  lo?: number[];
  hi?: number[];
}
export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
}

// The app's Okabe–Ito series colours (distinguishable with the common colour-vision deficiencies), first six.
const COLOURS = SERIES_COLORS.slice(0, 6);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChartSvg(spec: ChartSpec): string {
  const W = spec.width ?? 420,
    H = spec.height ?? 260,
    m = { l: 52, r: 12, t: 28, b: 40 };
  const xs = spec.series.flatMap((s) => s.x);
  const ys = spec.series.flatMap((s) => [...s.y, ...(s.lo ?? []), ...(s.hi ?? [])]);
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([m.l, W - m.r]);
  const yMin = Math.min(...ys),
    yMax = Math.max(...ys);
  const pad = (yMax - yMin) * 0.08 || 0.01;
  const y = scaleLinear()
    .domain([yMin - pad, yMax + pad])
    .nice()
    .range([H - m.b, m.t]);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.l}" y="16" font-size="12" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  for (const t of x.ticks(6))
    out.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${H - m.b}" y2="${H - m.b + 4}" stroke="#333"/><text x="${x(t)}" y="${H - m.b + 16}" text-anchor="middle">${t}</text>`,
    );
  for (const t of y.ticks(5))
    out.push(
      `<line x1="${m.l - 4}" x2="${W - m.r}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${m.l - 6}" y="${y(t) + 4}" text-anchor="end">${+t.toFixed(4)}</text>`,
    );
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#333"/>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">${esc(spec.xLabel)}</text>`);
  out.push(
    `<text transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  spec.series.forEach((s, k) => {
    const c = COLOURS[k % COLOURS.length]!;
    if (s.lo && s.hi) {
      const pts = s.x
        .map((xv, i) => `${x(xv)},${y(s.hi![i]!)}`)
        .concat(s.x.map((xv, i) => `${x(xv)},${y(s.lo![i]!)}`).reverse());
      out.push(`<polygon points="${pts.join(' ')}" fill="${c}" fill-opacity="0.18" stroke="none"/>`);
    }
    const d =
      line<number>()
        .x((_, i) => x(s.x[i]!))
        .y((v) => y(v))(s.y) ?? '';
    out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    for (let i = 0; i < s.x.length; i++)
      out.push(`<circle cx="${x(s.x[i]!)}" cy="${y(s.y[i]!)}" r="2.5" fill="${c}"/>`);
    out.push(
      `<rect x="${W - m.r - 130}" y="${m.t + 4 + k * 15}" width="10" height="10" fill="${c}"/><text x="${W - m.r - 115}" y="${m.t + 13 + k * 15}">${esc(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
