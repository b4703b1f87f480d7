// axe-core (the engine @axe-core/playwright drives) on every view in both languages, with results on
// screen: no serious or critical violation. It runs inside the vitest browser page on the mounted app,
// so it sees exactly what the other browser tests see, with no build in between.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { control, mountForTest, setControl, until, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

/** Serious and critical violations inside `host`, one line each: rule, impact, the first offending nodes. */
async function violations(host: HTMLElement, where: string): Promise<string[]> {
  const r = await axe.run(host, { resultTypes: ['violations'] });
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('axe-core', () => {
  for (const lang of ['en', 'vi'] as const)
    it(`${lang}: Explore, Compare, Experiment, Exercises and Workshop have no serious or critical violation`, async () => {
      m = await mountForTest({ languages: [lang], hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6' });
      const { app, host } = m;
      await app.whenIdle();
      control(host, 'end').click();
      await app.whenIdle();
      const found = await violations(host, 'explore');

      app.show('compare');
      control(host, 'compare-run').click();
      await app.whenIdle();
      found.push(...(await violations(host, 'compare')));

      app.show('experiment');
      const ex = await app.experiment();
      setControl(ex.root, 'experiment-scenario', 'stylized-12');
      setControl(ex.root, 'experiment-type', 'sobol');
      setControl(ex.root, 'experiment-samples', '4');
      setControl(ex.root, 'experiment-replicates', '1');
      setControl(ex.root, 'experiment-cycles', '3');
      setControl(ex.root, 'experiment-coherence-min', '0.5');
      control(ex.root, 'experiment-run').click();
      await app.whenIdle();
      expect(ex.state).toBe('done');
      found.push(...(await violations(host, 'experiment')));

      app.show('exercise');
      await until(() => host.querySelector('section.view.exercise[aria-labelledby="exercise-h"]') !== null);
      found.push(...(await violations(host, 'exercises')));
      control(host, 'open-coastal-window-strict').click();
      control(host, 'start').click();
      await new Promise((r) => setTimeout(r, 100));
      found.push(...(await violations(host, 'exercise round')));

      // The Workshop tab as the static site shows it (no `concerto serve`): the notice and the session check.
      app.show('live');
      await until(() => host.querySelector('section[data-view="live"] [data-role="no-server"]') !== null);
      found.push(...(await violations(host, 'workshop')));
      expect(found).toEqual([]);
      expect(m.errors).toEqual([]);
    });
});

describe('keyboard', () => {
  it('Explore: the run controls are the first Tab after the skip link; the results region is reachable and named', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=6' });
    const { app, host } = m;
    await app.whenIdle();
    host.querySelector<HTMLAnchorElement>('a.skip')!.click();
    await userEvent.tab();
    expect(document.activeElement?.getAttribute('data-control')).toBe('play');
    const results = host.querySelector<HTMLElement>('[data-role="results"]')!;
    expect(results.tabIndex).toBe(0);
    expect(results.getAttribute('aria-labelledby')).toBe('results-h');
    expect(m.errors).toEqual([]);
  });
});
