import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Comparison, ComparisonSet } from '../../sim/experiment/compare.ts';
import { commands, page } from 'vitest/browser';
import { captureDownloads, control, type Mounted, mountForTest, screenshot } from './helpers.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    concertoCompare: (
      scenarioA: string,
      scenarioB: string,
      seed: number,
      reps: number,
      cycles: number,
    ) => Promise<string>;
  }
}

let m: Mounted | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  m?.unmount();
  m = null;
});

const HASH = '#/compare?seed=3&reps=3&cycles=10&a=controlled-autonomy&a.monitoring=0.8&b=feedback-rich';
/** Scenario A as the room reads it (the lever by its name), and as the CSV writes it for files and --set. */
const A = 'controlled-autonomy (Monitoring = 0.8)';
const A_VI = 'controlled-autonomy (Mức giám sát = 0,8)';
const A_CODE = 'controlled-autonomy (monitoring=0.8)';

describe('Compare for a room', () => {
  it('difference rows name the scenarios, each panel says which direction is better, and the key sits above the panels', async () => {
    m = await mountForTest({ hash: HASH });
    const { app, host } = m;
    await app.whenIdle();
    expect(app.compare.state).toBe('done');
    const fig = host.querySelector<HTMLElement>('figure[data-chart="diff"]')!;
    const panels = Array.from(fig.querySelectorAll<SVGGElement>('g.panel'));
    expect(panels.map((p) => p.querySelector('text.panel-label')!.textContent)).toContain('Incidents');
    const panel = (name: string) => panels.find((p) => p.querySelector('text.panel-label')!.textContent === name)!;
    expect(Array.from(panel('Coherence').querySelectorAll('g.row text'), (t) => t.textContent)).toEqual([
      `feedback-rich − ${A}`,
    ]);
    expect(fig.querySelector('figcaption')!.textContent).toContain(A);
    expect(panel('Coherence').querySelector('text.panel-polarity')!.textContent).toBe('higher is better');
    expect(panel('National value').querySelector('text.panel-polarity')!.textContent).toBe('higher is better');
    expect(panel('Incidents').querySelector('text.panel-polarity')!.textContent).toBe('lower is better');
    expect(panel('Scale-ups').querySelector('text.panel-polarity')!.textContent).toBe(
      'a count: neither direction is better',
    );
    // The key (in the chart and the help line) is read before the first panel.
    const key = fig.querySelector<SVGGElement>('g.dots-key')!;
    expect(key.querySelector('text.filled')!.textContent).toBe('filled dot: the 95% interval excludes 0');
    expect(key.getBoundingClientRect().bottom).toBeLessThanOrEqual(panels[0]!.getBoundingClientRect().top);
    const help = fig.querySelector<HTMLElement>('p.help')!;
    expect(help.textContent).toContain(`minus ${A}`);
    expect(help.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      fig.querySelector('svg')!.getBoundingClientRect().top,
    );
    // The table shows 0–1 shares to 3 decimals and 0–100 indices to 1 (the exact value stays in data-value).
    const cellsOf = (name: string) =>
      Array.from(fig.querySelectorAll('tbody tr')).find((tr) => tr.children[0]!.textContent === name)!.children;
    const decimals = (td: Element) => (td.textContent!.split('.')[1] ?? '').length;
    expect(decimals(cellsOf('Coherence')[3]!)).toBeLessThanOrEqual(3);
    expect(
      Number((cellsOf('Coherence')[3] as HTMLElement).dataset.value)
        .toFixed(3)
        .replace(/0+$/, '')
        .replace(/\.$/, ''),
    ).toBe(cellsOf('Coherence')[3]!.textContent);
    expect(decimals(cellsOf('Security')[3]!)).toBeLessThanOrEqual(1);
    expect(decimals(cellsOf('National value')[5]!)).toBeLessThanOrEqual(1);
    // Row labels do not run into the plot.
    for (const t of fig.querySelectorAll<SVGTextElement>('g.row text')) {
      const line = t.parentElement!.querySelector('line.ci')!.getBoundingClientRect();
      const circle = t.parentElement!.querySelector('circle')!.getBoundingClientRect();
      expect(t.getBoundingClientRect().right).toBeLessThanOrEqual(Math.min(line.left, circle.left) + 0.5);
    }
    expect(m.errors).toEqual([]);
  });

  it('the CSV labels rows with scenario names and the exported difference chart carries its title, key and a note', async () => {
    m = await mountForTest({ hash: HASH });
    const { app, host } = m;
    await app.whenIdle();
    const downloads = captureDownloads();
    control(host, 'compare-csv').click();
    const csv = (await downloads[0]!.blob.text()).trimEnd().split('\n');
    expect(csv[0]!.startsWith('scenario,')).toBe(true);
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set([A_CODE, 'feedback-rich']));

    host.querySelector<HTMLButtonElement>('figure[data-chart="diff"] button[data-export="svg"]')!.click();
    const svgText = await downloads[1]!.blob.text();
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const texts = Array.from(doc.querySelectorAll('text'), (t) => t.textContent);
    expect(doc.querySelector('text[data-role="export-title"]')!.textContent).toBe(
      `Paired differences from ${A} (final values, 95% CI)`,
    );
    expect(texts).toContain('filled dot: the 95% interval excludes 0');
    expect(texts).toContain('open dot: the interval includes 0');
    expect(doc.querySelector('text[data-role="export-note"]')!.textContent).toBe(
      'Seed 3, replicates 0 to 2, 10 cycles, common random numbers; lines are paired 95% confidence intervals of the difference.',
    );
    // The PNG is the same stand-alone picture: taller than the chart by the title and the note.
    host.querySelector<HTMLButtonElement>('figure[data-chart="diff"] button[data-export="png"]')!.click();
    await vi.waitFor(() => expect(downloads).toHaveLength(3));
    const png = await createImageBitmap(downloads[2]!.blob);
    const chart = host.querySelector<SVGSVGElement>('figure[data-chart="diff"] svg')!.viewBox.baseVal;
    expect(png.width).toBe(Math.round(chart.width * 2));
    expect(png.height).toBe(Math.round((chart.height + 56) * 2));
    // The note lies inside the image.
    const vb = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    expect(Number(doc.querySelector('text[data-role="export-note"]')!.getAttribute('y'))).toBeLessThan(vb[3]!);
    expect(m.errors).toEqual([]);
  });
});

/** Pairs of text boxes (within `root`) that overlap by more than a pixel each way. */
function overlaps(texts: Element[]): string[] {
  const boxes = texts
    .map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }))
    .filter((b) => b.r.width > 0 && b.t.trim() !== '');
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!.r;
      const b = boxes[j]!.r;
      if (
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
      )
        out.push(`${boxes[i]!.t} / ${boxes[j]!.t}`);
    }
  }
  return out;
}

describe('Compare in Vietnamese', () => {
  it('the direction notes, the key and the note on the lines are in Vietnamese, with the scenario names', async () => {
    m = await mountForTest({ hash: HASH });
    const { app, host } = m;
    await app.whenIdle();
    app.setLang('vi');
    const fig = host.querySelector<HTMLElement>('figure[data-chart="diff"]')!;
    const polarity = Array.from(fig.querySelectorAll('text.panel-polarity'), (t) => t.textContent);
    expect(polarity).toContain('cao hơn là tốt hơn');
    expect(polarity).toContain('thấp hơn là tốt hơn');
    expect(fig.querySelector('g.dots-key text.open')!.textContent).toBe('chấm rỗng: khoảng tin cậy chứa 0');
    expect(fig.querySelector('p.help')!.textContent).toContain(`trừ ${A_VI}`);
    expect(fig.querySelector('figcaption')!.textContent).toBe(
      `Hiệu số ghép cặp so với ${A_VI} (giá trị cuối, KTC 95%)`,
    );
    app.setLang('en');
    expect(m.errors).toEqual([]);
  });
});

describe('A Compare export reproduces through the CLI', () => {
  it('the JSON names the changed lever, and scenario files written from it give the same comparison with concerto compare', async () => {
    m = await mountForTest({ hash: HASH });
    const { app, host } = m;
    await app.whenIdle();
    const downloads = captureDownloads();
    control(host, 'compare-json').click();
    const doc = JSON.parse(await downloads[0]!.blob.text()) as ComparisonSet;
    const [sa, sb] = doc.manifest.scenarios;
    expect(sa).toMatchObject({ name: 'controlled-autonomy', changed: { monitoring: 0.8 } });
    expect(sa!.params.monitoring).toBe(0.8);
    expect(sb).toMatchObject({ name: 'feedback-rich', changed: {} });
    // Only what the document says: each scenario by name with its changes.
    const file = (s: typeof sa) =>
      JSON.stringify({ formatVersion: 1, name: s!.name, extends: s!.name, params: s!.changed });
    const cli = JSON.parse(
      await commands.concertoCompare(
        file(sa),
        file(sb),
        doc.manifest.seed,
        doc.manifest.replicates,
        doc.manifest.cycles,
      ),
    ) as Comparison;
    const mine = doc.comparisons[0]!;
    expect(cli.manifest.a.scenarioHash).toBe(sa!.scenarioHash);
    expect(cli.manifest.b.scenarioHash).toBe(sb!.scenarioHash);
    expect(cli.manifest.a.params).toEqual(sa!.params);
    // Node and Chromium may differ in the last bit of Math.pow/exp/log (docs/formats.md): agree to 1e-9.
    for (const [k, v] of Object.entries(mine.metrics)) {
      const c = cli.metrics[k];
      if (v === null) {
        expect(c).toBeNull();
        continue;
      }
      expect(c!.n).toBe(v.n);
      for (const [x, y] of [
        [c!.difference, v.difference],
        [c!.paired.ciLow, v.paired.ciLow],
        [c!.paired.ciHigh, v.paired.ciHigh],
        [c!.meanA, v.meanA],
      ] as const) {
        expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
      }
    }
    expect(m.errors).toEqual([]);
  });
});

describe('Presentation mode at 1920×1080', () => {
  it('Compare hides the set-up, the differences use the full width and at least 6 of the 11 panels fit on the screen, text apart', async () => {
    m = await mountForTest({ hash: HASH });
    const { app, host } = m;
    await page.viewport(1920, 1080);
    await app.whenIdle();
    control(host, 'present').click();
    expect(host.classList.contains('present')).toBe(true);
    window.scrollTo(0, 0);
    for (const sel of ['.compare-columns', '.compare-actions'])
      expect(host.querySelector<HTMLElement>(`section[data-view="compare"] ${sel}`)!.offsetParent).toBeNull();
    const fig = host.querySelector<HTMLElement>('figure[data-chart="diff"]')!;
    const svg = fig.querySelector('svg')!;
    expect(svg.getBoundingClientRect().width).toBeGreaterThan(0.9 * document.documentElement.clientWidth - 80);
    const panels = Array.from(fig.querySelectorAll<SVGGElement>('g.panel'));
    expect(panels).toHaveLength(11);
    const inside = panels.filter((p) => {
      const r = p.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inside.length).toBeGreaterThanOrEqual(6);
    // Legible from the back of the room, and no text runs into other text.
    for (const t of fig.querySelectorAll<SVGTextElement>('g.row text, text.panel-label, g.dots-key text'))
      expect(parseFloat(getComputedStyle(t).fontSize)).toBeGreaterThanOrEqual(18);
    expect(overlaps(Array.from(fig.querySelectorAll('svg text')))).toEqual([]);
    for (const t of fig.querySelectorAll<SVGTextElement>('g.row text')) {
      const circle = t.parentElement!.querySelector('circle')!.getBoundingClientRect();
      const line = t.parentElement!.querySelector('line.ci')!.getBoundingClientRect();
      expect(t.getBoundingClientRect().right).toBeLessThanOrEqual(Math.min(line.left, circle.left) + 0.5);
    }
    await screenshot('app-compare-presentation-1920');
    // Leaving presentation mode brings the set-up back and the narrow chart.
    control(host, 'present').click();
    expect(
      host.querySelector<HTMLElement>('section[data-view="compare"] .compare-columns')!.offsetParent,
    ).not.toBeNull();
    expect(m.errors).toEqual([]);
  });

  it("Explore's legend entries do not overlap each other or other text", async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=10' });
    const { app, host } = m;
    await page.viewport(1920, 1080);
    await app.whenIdle();
    control(host, 'present').click();
    await new Promise((r) => setTimeout(r, 300));
    const charts = Array.from(host.querySelectorAll<HTMLElement>('section[data-view="explore"] figure.chart'));
    expect(charts.length).toBeGreaterThan(0);
    for (const fig of charts) {
      const legend = Array.from(fig.querySelectorAll('g.legend text'));
      const all = Array.from(fig.querySelectorAll('svg text'));
      const bad = overlaps(all).filter((pair) => legend.some((l) => pair.includes(l.textContent ?? '\u0000')));
      expect(bad, fig.dataset.chart).toEqual([]);
    }
    await screenshot('app-explore-presentation-1920');
    expect(m.errors).toEqual([]);
  });
});
