// A reload in the middle of a sweep does not lose it nor wait for a click: the new page finds the
// interrupted sweep in IndexedDB, says it is resuming it (with how far it had got), runs only what is
// missing and ends with the same rows as a sweep that never stopped. Stop ends it like Cancel, and a
// sweep the person cancelled is offered, not resumed.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { csvHeader, csvLine } from '../../sim/experiment/rows.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import type { ExperimentView } from '../../viz/views/experiment.ts';
import { control, type Mounted, mountForTest, setControl, until } from './helpers.ts';

let mounted: Mounted[] = [];
const original = location.href;
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
  history.replaceState(null, '', original);
});

const db = `concerto-auto-test-${Math.random().toString(36).slice(2)}`;
afterAll(() => void indexedDB.deleteDatabase(db));

async function localCsv(raw: unknown): Promise<string> {
  const out = await runSweep(resolveExperiment(raw), createLocalPool(getModel), {
    provenance: { concerto: 'x', git: null },
    keepRows: true,
  });
  return csvHeader(out.columns) + out.rows!.map((r) => csvLine(r, out.columns)).join('');
}

/** Start a 180-run sweep (seed fixed) and "reload" the page once at least `after` runs are done. */
async function interrupted(seed: string, after: number): Promise<{ raw: unknown; hash: string; done: number }> {
  const m = await mountForTest({ experimentDb: db, syncUrl: true, hash: '#/experiment' });
  mounted.push(m);
  const view = await m.app.experiment();
  setControl(view.root, 'experiment-scenario', 'stylized-12');
  setControl(view.root, 'experiment-replicates', '12');
  setControl(view.root, 'experiment-cycles', '5');
  setControl(view.root, 'experiment-seed', seed);
  const raw = view.currentRaw();
  control(view.root, 'experiment-run').click();
  const progress = view.root.querySelector<HTMLProgressElement>('[data-role="experiment-progress"]')!;
  await until(() => progress.value >= after);
  const done = progress.value;
  expect(done).toBeLessThan(180);
  const hash = location.hash;
  m.unmount(); // the page goes away mid-sweep: no Cancel
  mounted = [];
  return { raw, hash, done };
}

async function reload(hash: string): Promise<{ m: Mounted; view: ExperimentView; line: HTMLElement }> {
  const m = await mountForTest({ experimentDb: db, syncUrl: true, hash });
  mounted.push(m);
  const view = await m.app.experiment();
  const line = view.root.querySelector<HTMLElement>('[data-role="experiment-auto-resume"]')!;
  return { m, view, line };
}

describe('Experiment: an interrupted sweep resumes by itself after a reload', () => {
  it('a reload mid-sweep resumes without a click, says so, and finishes with the rows of an uninterrupted sweep', async () => {
    const { raw, hash } = await interrupted('9', 12);
    const { m, view, line } = await reload(hash);
    await until(() => !line.hidden);
    const said =
      /^Resuming the interrupted sweep “stylized-12-factorial-autonomy-monitoring”: (\d+) of 180 runs done\. Stop$/.exec(
        line.textContent!,
      );
    expect(said, line.textContent!).not.toBeNull();
    expect(Number(said![1])).toBeGreaterThan(0);
    expect(Number(said![1])).toBeLessThan(180);
    expect(view.state).toBe('running');
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    expect(line.hidden).toBe(true);
    expect(view.sweepText('csv')).toBe(await localCsv(raw));
    expect(m.errors).toEqual([]);
  });

  it('Stop ends the resumed sweep like Cancel; after the next reload it is offered, not resumed', async () => {
    const { hash } = await interrupted('11', 6);
    const first = await reload(hash);
    await until(() => !first.line.hidden);
    control(first.view.root, 'experiment-auto-stop').click();
    await first.m.app.whenIdle();
    expect(first.view.state).toBe('cancelled');
    first.m.unmount();
    mounted = [];

    const second = await reload(hash);
    await until(() => second.view.root.querySelector('.resume [data-sweep]') !== null);
    expect(second.line.hidden).toBe(true);
    expect(second.view.state).toBe('idle');
    expect(second.view.root.querySelector('.resume')!.textContent).toContain('An unfinished sweep');
  });
});
