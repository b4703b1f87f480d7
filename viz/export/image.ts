// Chart export: SVG with its styles written in as presentation attributes (so the file looks the
// same outside the page) and PNG drawn from that SVG on a canvas. Text stays text (UTF-8), so
// Vietnamese diacritics survive; the font family is written on every text element.

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'paint-order',
  'stroke-linejoin',
];

export const EXPORT_FONT = '"Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif';

/** An exported chart that stands alone: its title drawn above it and a one-line note below. */
export interface StandAlone {
  note: string;
}

const HEAD_H = 30;
const NOTE_H = 26;

export function serializeSvg(svg: SVGSVGElement, title: string, standAlone?: StandAlone): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg as Element, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone as Element, ...Array.from(clone.querySelectorAll('*'))];
  for (let i = 0; i < src.length; i++) {
    const cs = getComputedStyle(src[i]!);
    const node = dst[i]!;
    for (const p of STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v !== '' && !(p === 'stroke-dasharray' && v === 'none')) node.setAttribute(p, v);
    }
    node.removeAttribute('class');
    if (node.tagName.toLowerCase() === 'text') node.setAttribute('font-family', EXPORT_FONT);
  }
  const vb = (svg.getAttribute('viewBox') ?? '0 0 640 280').split(/\s+/).map(Number);
  const width = vb[2] ?? 640;
  let height = vb[3] ?? 280;
  const ns = 'http://www.w3.org/2000/svg';
  if (standAlone) {
    // Shift the chart down under a visible title, and write the note under it.
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('transform', `translate(0,${HEAD_H})`);
    while (clone.firstChild) g.appendChild(clone.firstChild);
    clone.appendChild(g);
    const text = (y: number, s: string, size: number, weight: string, cls: string) => {
      const n = document.createElementNS(ns, 'text');
      n.setAttribute('x', String((vb[0] ?? 0) + 8));
      n.setAttribute('y', String((vb[1] ?? 0) + y));
      n.setAttribute('font-size', String(size));
      n.setAttribute('font-weight', weight);
      n.setAttribute('fill', '#000000');
      n.setAttribute('font-family', EXPORT_FONT);
      n.setAttribute('data-role', cls);
      n.textContent = s;
      clone.appendChild(n);
    };
    text(20, title, 15, '600', 'export-title');
    text(HEAD_H + height + 18, standAlone.note, 11, '400', 'export-note');
    height += HEAD_H + NOTE_H;
    clone.setAttribute('viewBox', `${vb[0] ?? 0} ${vb[1] ?? 0} ${width} ${height}`);
  }
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', EXPORT_FONT);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('x', String(vb[0] ?? 0));
  bg.setAttribute('y', String(vb[1] ?? 0));
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  const t = document.createElementNS(ns, 'title');
  t.textContent = title;
  clone.insertBefore(t, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

export function svgBlob(svg: SVGSVGElement, title: string, standAlone?: StandAlone): Blob {
  return new Blob([serializeSvg(svg, title, standAlone)], { type: 'image/svg+xml;charset=utf-8' });
}

/** Draw the serialized SVG on a canvas at `scale` × its size and encode PNG. */
export async function pngBlob(svg: SVGSVGElement, title: string, scale = 2, standAlone?: StandAlone): Promise<Blob> {
  const text = serializeSvg(svg, title, standAlone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    });
    img.src = url;
    await loaded;
    const w = Number(svg.viewBox.baseVal.width || 640);
    const h = Number(svg.viewBox.baseVal.height || 280) + (standAlone ? HEAD_H + NOTE_H : 0);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offer a blob as a download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: letters, digits and dashes (diacritics dropped). */
export function fileNameOf(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return base || 'chart';
}
