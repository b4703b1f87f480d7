import { afterEach, describe, expect, it } from 'vitest';
import { loadBundled } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import { control, mountForTest, screenshot, tableColumn, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

describe('the first page', () => {
  it('runs vn34-2025 in the worker and the coherence–innovation chart holds runScenario(vn34-2025, seed 1) replicate 0', async () => {
    m = await mountForTest();
    const { app, host } = m;
    expect(host.querySelector('section[data-view="explore"]')!.getAttribute('data-state')).toBe('ready');
    control(host, 'end').click();
    await app.whenIdle();
    expect(app.explore.state).toBe('done');

    const expected = runScenario(governanceModel, loadBundled('vn34-2025'), { seed: 1, replicate: 0, cycles: 50 });
    expect(expected.status).toBe('ok');
    // Data table of the chart: cycle, coherence, its band (lo, hi), innovation, its band.
    expect(tableColumn(host, 'ci', 0)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(tableColumn(host, 'ci', 1)).toEqual(expected.series.coherence);
    expect(tableColumn(host, 'ci', 4)).toEqual(expected.series.innovation);
    // The drawn lines have one vertex per cycle.
    const line = host.querySelector<SVGPathElement>('figure[data-chart="ci"] path.line[data-key="coherence"]')!;
    expect(line.getAttribute('d')!.split(/[ML]/).filter(Boolean)).toHaveLength(50);
    // The results table holds replicate 0's final values.
    const cell = host.querySelector<HTMLElement>(
      '[data-role="results"] tr[data-metric="pilotsApproved"] td:nth-child(3)',
    )!;
    expect(Number(cell.dataset.value)).toBe(expected.final.pilotsApproved);

    await screenshot('app-first-page');
    expect(m.errors).toEqual([]);
  });
});
