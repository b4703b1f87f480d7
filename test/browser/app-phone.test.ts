// The app on a phone (390 × 844, the width of the common handsets; 360 and 414 bracket them), with
// results on every view: no view scrolls sideways, chart text is at least 11 px as drawn, and with the
// set-up folded away the first chart starts within the first screen.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { control, mountForTest, screenshot, setControl, until, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

/** Is the element inside a box that scrolls or clips its own overflow (a table's wrapper, a chart's figure)? */
function insideScroller(n: HTMLElement): boolean {
  for (let p = n.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
  }
  return false;
}
const name = (n: Element) =>
  `${n.tagName.toLowerCase()}${n.getAttribute('class') ? `.${n.getAttribute('class')!.replace(/ /g, '.')}` : ''}${n.getAttribute('data-control') ? `[${n.getAttribute('data-control')}]` : ''}`;

/** The page's sideways overflow: [] when it has none, else the outermost elements reaching past the right edge. */
function sideways(root: HTMLElement): string[] {
  const doc = document.documentElement;
  if (doc.scrollWidth <= doc.clientWidth) return [];
  const out: string[] = [`scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth}`];
  for (const n of root.querySelectorAll<HTMLElement>('*')) {
    const r = n.getBoundingClientRect();
    if (r.width > 0 && r.right > doc.clientWidth + 0.5 && !insideScroller(n)) out.push(name(n));
  }
  return out;
}

/** Chart texts in visible views drawn smaller than `min` px (font size × the SVG's scale). */
function smallText(root: HTMLElement, min: number): string[] {
  const out: string[] = [];
  for (const svg of root.querySelectorAll<SVGSVGElement>('figure.chart svg')) {
    if (svg.getBoundingClientRect().width === 0) continue;
    const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || 1);
    for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
      if (!t.textContent?.trim() || t.getBoundingClientRect().width === 0) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < min - 0.01) out.push(`${svg.dataset.chart}: "${t.textContent}" ${px.toFixed(1)} px`);
    }
  }
  return out;
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
}

describe('on a phone', () => {
  for (const [width, lang] of [
    [390, 'en'],
    [390, 'vi'],
    [360, 'vi'],
    [414, 'en'],
  ] as const)
    it(`${width} px, ${lang}: Explore, Compare, Experiment, Exercises (with results) and Workshop never scroll sideways; chart text ≥ 11 px`, async () => {
      m = await mountForTest({ languages: [lang], hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6' });
      await page.viewport(width, 844);
      const { app, host } = m;
      await app.whenIdle();
      control(host, 'end').click();
      await app.whenIdle();
      await settle();
      expect({ view: 'explore', over: sideways(host) }).toEqual({ view: 'explore', over: [] });
      expect(smallText(host, 11)).toEqual([]);

      app.show('compare');
      control(host, 'compare-run').click();
      await app.whenIdle();
      await settle();
      expect(host.querySelector('section[data-view="compare"] figure.chart svg g')).not.toBeNull();
      expect({ view: 'compare', over: sideways(host) }).toEqual({ view: 'compare', over: [] });
      expect(smallText(host, 11)).toEqual([]);

      app.show('experiment');
      const ex = await app.experiment();
      setControl(ex.root, 'experiment-scenario', 'stylized-12');
      setControl(ex.root, 'experiment-replicates', '1');
      setControl(ex.root, 'experiment-cycles', '3');
      control(ex.root, 'experiment-run').click();
      await app.whenIdle();
      await settle();
      expect(ex.state).toBe('done');
      expect({ view: 'experiment', over: sideways(host) }).toEqual({ view: 'experiment', over: [] });
      expect(smallText(host, 11)).toEqual([]);

      app.show('exercise');
      await until(() => host.querySelector('section.view.exercise[aria-labelledby="exercise-h"]') !== null);
      await settle();
      expect({ view: 'exercise', over: sideways(host) }).toEqual({ view: 'exercise', over: [] });
      control(host, 'open-coastal-window-strict').click();
      control(host, 'start').click();
      await settle();
      expect({ view: 'exercise round', over: sideways(host) }).toEqual({ view: 'exercise round', over: [] });

      // The Workshop tab, as the static site shows it (no `concerto serve` behind it): its notice and the
      // check of a downloaded session.
      app.show('live');
      await until(() => host.querySelector('section[data-view="live"] [data-role="no-server"]') !== null);
      await settle();
      expect({ view: 'live', over: sideways(host) }).toEqual({ view: 'live', over: [] });
      expect(m.errors).toEqual([]);
    });

  it('390 px: with the set-up folded away, the first chart starts within the first screen', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6' });
    await page.viewport(390, 844);
    const { app, host } = m;
    await app.whenIdle();
    const toggle = control(host, 'setup-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('Show set-up and levers');
    control(host, 'end').click();
    await app.whenIdle();
    window.scrollTo(0, 0);
    const first = host.querySelector<HTMLElement>('section[data-view="explore"] figure.chart')!;
    expect(first.getBoundingClientRect().top).toBeLessThan(window.innerHeight - 100);
    await screenshot('app-phone-explore-390');
    toggle.click();
    expect(
      host.querySelector<HTMLElement>('section[data-view="explore"] .sidebar > .panel')!.offsetParent,
    ).not.toBeNull();
    expect(m.errors).toEqual([]);
  });
});
