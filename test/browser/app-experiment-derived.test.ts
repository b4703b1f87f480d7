import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { csvParse } from 'd3';
import { control, type Mounted, mountForTest, setControl, until } from './helpers.ts';

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});

const db = `concerto-test-${Math.random().toString(36).slice(2)}`;
afterAll(() => void indexedDB.deleteDatabase(db));

describe('Experiment builder: derived metrics', () => {
  it('"balanced = min(coherence, innovation)" becomes a column equal to the smaller of the two, run by run', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-scenario', 'stylized-12');
    setControl(root, 'experiment-replicates', '2');
    setControl(root, 'experiment-cycles', '4');
    setControl(root, 'experiment-levels-0', '2');
    setControl(root, 'experiment-levels-1', '2');
    setControl(root, 'experiment-derived', 'balanced = min(coherence, innovation)');
    expect(view.currentRaw()).toMatchObject({ derived: { balanced: 'min(coherence, innovation)' } });
    expect(control(root, 'experiment-derived').hasAttribute('data-code')).toBe(true);
    control(root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    // One row per run (final values): 2 × 2 points × 2 replicates.
    const rows = csvParse(view.sweepText('csv')!);
    expect(rows.columns).toContain('balanced');
    expect(rows.filter((r) => r.status === 'ok')).toHaveLength(8);
    for (const r of rows) expect(Number(r.balanced)).toBe(Math.min(Number(r.coherence), Number(r.innovation)));
    // The heatmap's metric menu offers it like any other metric.
    const menu = control<HTMLSelectElement>(root, 'heat-metric');
    expect(Array.from(menu.options, (o) => o.value)).toContain('balanced');
    expect(m.errors).toEqual([]);
  });

  it('a forbidden function is refused before anything runs, naming the metric and the function', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-derived', 'x = evaluate("1 + 1")');
    const issues = root.querySelector('[data-role="experiment-issues"]')!;
    await until(() => (issues.textContent ?? '').includes('evaluate'));
    expect(issues.querySelector('li')!.getAttribute('data-path')).toMatch(/^derived\.x/);
    expect(control<HTMLButtonElement>(root, 'experiment-run').disabled).toBe(true);
    expect(m.errors).toEqual([]);
  });
});
