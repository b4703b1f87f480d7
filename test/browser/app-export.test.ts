import { afterEach, describe, expect, it, vi } from 'vitest';
import { governanceModel } from '../../sim/model/governance.ts';
import { captureDownloads, control, type Mounted, mountForTest, until } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  m?.unmount();
  m = null;
});

describe('export', () => {
  it('charts export as SVG (Vietnamese text intact, font embedded) and PNG; results as CSV', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&reps=2&cycles=6', languages: ['vi'] });
    const { host, app } = m;
    expect(app.i18n.lang).toBe('vi');
    control(host, 'end').click();
    await app.whenIdle();
    const downloads = captureDownloads();

    host.querySelector<HTMLButtonElement>('figure[data-chart="tiles"] button[data-export="svg"]')!.click();
    await until(() => downloads.length === 1);
    const svg = downloads[0]!;
    expect(svg.name).toMatch(/^cac-dia-phuong-theo-loai.*\.svg$/);
    const text = await svg.blob.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(text).toContain('Hà Nội');
    expect(text).toContain('TP Hồ Chí Minh');
    expect(text).toContain('Biên giới');
    expect(text).toContain('font-family="&quot;Noto Sans&quot;');
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('width')).toBe(doc.documentElement.getAttribute('viewBox')!.split(' ')[2]);

    host.querySelector<HTMLButtonElement>('figure[data-chart="ci"] button[data-export="png"]')!.click();
    await until(() => downloads.length === 2);
    const png = downloads[1]!;
    expect(png.name).toBe('muc-thong-nhat-va-muc-doi-moi.png');
    const bytes = new Uint8Array(await png.blob.arrayBuffer());
    expect(Array.from(bytes.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const bitmap = await createImageBitmap(png.blob);
    expect([bitmap.width, bitmap.height]).toEqual([1280, 560]);

    control(host, 'export-csv').click();
    await until(() => downloads.length === 3);
    const csv = (await downloads[2]!.blob.text()).trimEnd().split('\n');
    expect(downloads[2]!.name).toBe('vn34-2025-seed1.csv');
    expect(csv[0]).toBe(['replicate', 'seed', 'cycle', ...governanceModel.metrics.map((x) => x.name)].join(','));
    expect(csv).toHaveLength(1 + 2 * 6);
    expect(m.errors).toEqual([]);
  });
});
