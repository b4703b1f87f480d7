// The Vietnamese UI speaks in names, never in the registry's code: no parameter or metric name
// (feedbackStrength, approvalStrictness, pilotsApproved, …) shows as text anywhere on any view, with
// results on screen. File previews (pre) show a file's contents and fields where code is typed ([data-code],
// e.g. a derived metric's expression) show code: neither is scanned.
import { afterEach, describe, expect, it } from 'vitest';
import { GOVERNANCE_METRICS } from '../../sim/model/metrics.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';
import { control, mountForTest, setControl, until, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const CODE_NAMES = [...GOVERNANCE_PARAMS.map((p) => p.name), ...GOVERNANCE_METRICS.map((x) => x.name)];
// A code name as a word of its own: not inside a longer word or a hyphenated scenario id (controlled-autonomy).
const PATTERN = new RegExp(`(?<![\\p{L}\\d_.-])(${CODE_NAMES.join('|')})(?![\\p{L}\\d_-])`, 'u');

/** Text a reader meets in the visible parts of `root` (text nodes and labelling attributes), with the code names found. */
function codeNamesShown(root: HTMLElement, where: string): string[] {
  const out: string[] = [];
  const visible = (e: Element | null) => !!e && !e.closest('pre, [hidden], [data-code]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent ?? '';
    const hit = PATTERN.exec(t);
    if (hit && visible(n.parentElement)) out.push(`${where}: ${hit[1]} in "${t.trim().slice(0, 80)}"`);
  }
  for (const e of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (!visible(e)) continue;
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const hit = PATTERN.exec(e.getAttribute(a) ?? '');
      if (hit) out.push(`${where}: ${hit[1]} in @${a} "${e.getAttribute(a)!.slice(0, 80)}"`);
    }
  }
  return out;
}

describe('Vietnamese UI', () => {
  it('English axes keep the decimal point after Vietnamese ones', async () => {
    m = await mountForTest({ languages: ['vi'], hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6' });
    await m.app.whenIdle();
    control(m.host, 'end').click();
    await m.app.whenIdle();
    m.app.setLang('en');
    await m.app.whenIdle();
    const ticks = [...m.host.querySelectorAll('section[data-view="explore"] .axis .tick text')].map(
      (n) => n.textContent!,
    );
    expect(ticks.filter((v) => /\d\.\d/.test(v)).length).toBeGreaterThan(0);
    expect(ticks.filter((v) => /\d,\d/.test(v))).toEqual([]);
  });

  it('no registry parameter or metric name is visible on Explore, Compare, Experiment or Exercises', async () => {
    m = await mountForTest({ languages: ['vi'], hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6&autonomy=0.5' });
    const { app, host } = m;
    await app.whenIdle();
    control(host, 'end').click();
    await app.whenIdle();
    const found = codeNamesShown(host, 'explore');
    // One number format on the screen: the axes write decimals as the tables do (Intl's vi-VN), with a comma.
    const ticks = [...host.querySelectorAll('section[data-view="explore"] .axis .tick text')].map(
      (n) => n.textContent!,
    );
    expect(ticks.filter((v) => /\d,\d/.test(v)).length).toBeGreaterThan(0);
    expect(ticks.filter((v) => /\d\.\d/.test(v))).toEqual([]);
    const cells = [...host.querySelectorAll('[data-role="results"] td[data-value]')].map((n) => n.textContent!);
    expect(cells.some((v) => /\d,\d/.test(v)) && !cells.some((v) => /\d\.\d/.test(v))).toBe(true);

    app.show('compare');
    control(host, 'compare-run').click();
    await app.whenIdle();
    found.push(...codeNamesShown(host, 'compare'));

    app.show('experiment');
    const ex = await app.experiment();
    setControl(ex.root, 'experiment-scenario', 'stylized-12');
    setControl(ex.root, 'experiment-replicates', '1');
    setControl(ex.root, 'experiment-cycles', '3');
    control(ex.root, 'experiment-run').click();
    await app.whenIdle();
    found.push(...codeNamesShown(host, 'experiment factorial'));
    setControl(ex.root, 'experiment-type', 'sobol');
    setControl(ex.root, 'experiment-samples', '4');
    setControl(ex.root, 'experiment-coherence-min', '0.5');
    control(ex.root, 'experiment-run').click();
    await app.whenIdle();
    expect(ex.state).toBe('done');
    found.push(...codeNamesShown(host, 'experiment sobol'));

    app.show('exercise');
    await until(() => host.querySelector('section.view.exercise[aria-labelledby="exercise-h"]') !== null);
    found.push(...codeNamesShown(host, 'exercise'));
    expect([...new Set(found)]).toEqual([]);
    expect(m.errors).toEqual([]);
  });

  it('Compare with a changed lever names it, in the chart and the lever menus', async () => {
    m = await mountForTest({
      languages: ['vi'],
      hash: '#/compare?seed=3&reps=2&cycles=6&a=controlled-autonomy&a.monitoring=0.8&b=feedback-rich',
    });
    await m.app.whenIdle();
    expect(m.app.compare.state).toBe('done');
    expect(codeNamesShown(m.host, 'compare')).toEqual([]);
    expect(m.host.querySelector('figure[data-chart="diff"] figcaption')!.textContent).toContain('Mức giám sát = 0,8');
  });
});
