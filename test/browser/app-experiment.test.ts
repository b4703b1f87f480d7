import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { csvHeader, csvLine } from '../../sim/experiment/rows.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { control, type Mounted, mountForTest, screenshot, setControl, until } from './helpers.ts';

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});

const db = `concerto-test-${Math.random().toString(36).slice(2)}`;
afterAll(() => void indexedDB.deleteDatabase(db));

async function localCsv(raw: unknown): Promise<string> {
  const out = await runSweep(resolveExperiment(raw), createLocalPool(getModel), {
    provenance: { concerto: 'x', git: null },
    keepRows: true,
  });
  return csvHeader(out.columns) + out.rows!.map((r) => csvLine(r, out.columns)).join('');
}

describe('Experiment', () => {
  it("a factorial design built in the form runs on the Web Worker pool; rows equal the engine's sweep; heatmap and Pareto front drawn", async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-scenario', 'stylized-12');
    setControl(root, 'experiment-replicates', '2');
    setControl(root, 'experiment-cycles', '5');
    setControl(root, 'experiment-levels-1', '2');
    expect(root.querySelector('[data-role="experiment-size"]')!.textContent).toBe(
      '10 points × 2 replicates = 20 runs.',
    );
    control(root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    expect(view.sweepText('csv')).toBe(await localCsv(view.currentRaw()));
    expect(root.querySelectorAll('figure[data-chart="heatmap"] g.cell')).toHaveLength(10);
    expect(root.querySelectorAll('figure[data-chart="pareto"] path.front').length).toBeGreaterThan(0);
    await screenshot('app-experiment');
    // Loading the sweep's manifest reruns the experiment it embeds and checks the results checksum.
    const input = control<HTMLInputElement>(root, 'experiment-file');
    const dt = new DataTransfer();
    dt.items.add(new File([view.sweepText('json')!], 'sweep.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await until(() => control<HTMLSelectElement>(root, 'experiment-source').value === 'file');
    control(root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(root.dataset.reproduced).toBe('true');
    expect(m.errors).toEqual([]);
  });

  it('a Sobol design gives sensitivity indices with CIs, and a criterion gives a PRIM box', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-scenario', 'stylized-12');
    setControl(root, 'experiment-type', 'sobol');
    setControl(root, 'experiment-samples', '4');
    setControl(root, 'experiment-replicates', '1');
    setControl(root, 'experiment-cycles', '4');
    setControl(root, 'experiment-coherence-min', '0.5');
    control(root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    expect(root.querySelectorAll('figure[data-chart="indices"] g.bar')).toHaveLength(4);
    // N = 4 cannot estimate anything: the view says so in words, with the N that would do, and the axis stays 0–1.
    const notes = root.querySelector<HTMLElement>('figure[data-chart="indices"] [data-role="sobol-notes"]');
    expect(notes?.textContent).toMatch(/^N = 4 is too small to estimate .*Run N = \d+ or more to estimate them\./);
    const ticks = [...root.querySelectorAll('figure[data-chart="indices"] .x-axis .tick text')].map((n) =>
      Number(n.textContent),
    );
    expect([ticks[0], ticks.at(-1)]).toEqual([0, 1]);
    expect(root.querySelector('[data-role="prim"]')).not.toBeNull();
    expect(m.errors).toEqual([]);
  });

  it('a sweep cancelled part-way survives a reload: the app offers to resume and finishes without recomputing', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    const root = view.root;
    setControl(root, 'experiment-scenario', 'stylized-12');
    setControl(root, 'experiment-replicates', '12');
    setControl(root, 'experiment-cycles', '5');
    setControl(root, 'experiment-seed', '9');
    const raw = view.currentRaw();
    control(root, 'experiment-run').click();
    const progress = root.querySelector<HTMLProgressElement>('[data-role="experiment-progress"]')!;
    await until(() => progress.value >= 12);
    control(root, 'experiment-cancel').click();
    await m.app.whenIdle();
    expect(view.state).toBe('cancelled');
    const kept = progress.value;
    // No time left is claimed after Cancel: the line says where the sweep stopped.
    expect(root.querySelector('[data-role="experiment-progress-text"]')!.textContent).toBe(
      `Cancelled after ${kept} of 180 runs (${Math.floor((100 * kept) / 180)}%): the finished runs are kept.`,
    );
    expect(kept).toBeLessThan(180);
    m.unmount();
    mounted = [];

    // "Reload": a new app on the same IndexedDB.
    const n = await mountForTest({ experimentDb: db });
    mounted.push(n);
    n.app.show('experiment');
    const again = await n.app.experiment();
    await until(() => again.root.querySelector('.resume-item') !== null);
    const item = Array.from(again.root.querySelectorAll<HTMLElement>('.resume-item')).find((p) =>
      p.textContent!.includes('of 180 runs'),
    )!;
    const done = Number(/\((\d+) of 180 runs\)/.exec(item.textContent!)![1]);
    expect(done).toBeGreaterThanOrEqual(kept);
    item.querySelector<HTMLButtonElement>('button')!.click();
    const bar = again.root.querySelector<HTMLProgressElement>('[data-role="experiment-progress"]')!;
    await until(() => bar.value > 0);
    // The first progress shown is what was kept: nothing finished runs again.
    expect(bar.value).toBeGreaterThanOrEqual(done);
    await n.app.whenIdle();
    expect(again.state).toBe('done');
    expect(again.sweepText('csv')).toBe(await localCsv(raw));
    expect(n.errors).toEqual([]);
  });
});
