import { describe, expect, it } from 'vitest';
import { loadBundled, loadScenario } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import { runText } from '../../cli/run.ts';
import { runOutputJson, runsToCsv } from '../../viz/export/results.ts';
import { close, open, restore, results, runBatch, setLever, snapshot, step } from '../../viz/worker/session.ts';

const CYCLES = 12;

function opened(params: Record<string, number | string> = {}, replicates = 2) {
  const r = open({ source: { bundled: 'vn34-2025' }, params, seed: 5, replicates, cycles: CYCLES });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('the session worker API', () => {
  it("a session stepped to the end equals runScenario for every replicate (results has runScenario's records)", () => {
    const s = opened();
    const a = step(s.id, 5);
    const b = step(s.id, 100);
    expect(a.rows.map((r) => r.cycle)).toEqual([1, 2, 3, 4, 5]);
    expect(b.cycle).toBe(CYCLES);
    expect(b.done).toBe(true);
    const out = results(s.id);
    const sc = loadBundled('vn34-2025');
    for (const r of [0, 1])
      expect(out.runs[r]).toEqual(runScenario(governanceModel, sc, { seed: 5, replicate: r, cycles: CYCLES }));
    expect(out.manifest).toMatchObject({
      model: 'governance',
      scenario: 'vn34-2025',
      seed: 5,
      seedScheme: 'concerto-1',
      replicates: 2,
      cycles: CYCLES,
    });
    expect(out.summary.coherence!.n).toBe(2);
    // Replicate 0's events are the run's events.
    const withEvents = runScenario(governanceModel, sc, { seed: 5, replicate: 0, cycles: CYCLES, events: true });
    expect([...a.events, ...b.events]).toEqual(withEvents.events);
    close(s.id);
  });

  it('snapshot at cycle 4, run on, restore, run on again: the same records', () => {
    const s = opened({}, 1);
    step(s.id, 4);
    const snap = snapshot(s.id);
    step(s.id, 100);
    const first = results(s.id);
    restore(s.id, snap);
    step(s.id, 100);
    expect(results(s.id)).toEqual(first);
    close(s.id);
  });

  it('setLever at cycle 6 equals a scenario with a setParam event at cycle 7 on the same seed', () => {
    const s = opened({}, 1);
    step(s.id, 6);
    const r = setLever(s.id, 'autonomy', 0.9);
    expect(r.ok).toBe(true);
    step(s.id, 100);
    const sc = loadScenario({
      formatVersion: 1,
      name: 'vn34-2025',
      extends: 'vn34-2025',
      params: {},
      events: [{ cycle: 7, kind: 'setParam', param: 'autonomy', value: 0.9 }],
    });
    expect(results(s.id).runs[0]).toEqual(runScenario(governanceModel, sc, { seed: 5, replicate: 0, cycles: CYCLES }));
    const bad = setLever(s.id, 'dimensions', 10);
    expect(!bad.ok && bad.issues[0]!.path).toMatch(/^events\[\d+\]\.param$/);
    close(s.id);
  });

  it('open names every bad field: params by path, seed and counts', () => {
    const r = open({ source: { bundled: 'vn34-2025' }, params: { autonomy: 1.7 }, seed: 1, replicates: 1 });
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(['params.autonomy']);
    const q = open({ source: { bundled: 'vn34-2025' }, seed: -1, replicates: 0 });
    expect(!q.ok && q.issues.map((i) => i.path)).toEqual(['seed', 'replicates']);
    const f = open({
      source: { raw: { formatVersion: 1, name: 'x', extends: 'vn34-2025', params: { turbulence: 'high' } } },
      seed: 1,
      replicates: 1,
    });
    expect(!f.ok && f.issues.map((i) => i.path)).toEqual(['params.turbulence']);
  });

  it("runBatch(devolved, 3 replicates) returns the run output document with runScenario's records", () => {
    const r = runBatch({ source: { bundled: 'devolved' }, seed: 2, replicates: 3, cycles: 8 });
    if (!r.ok) throw new Error('invalid');
    const sc = loadBundled('devolved');
    expect(r.value.output.runs).toEqual(
      [0, 1, 2].map((k) => runScenario(governanceModel, sc, { seed: 2, replicate: k, cycles: 8 })),
    );
    expect(Object.keys(r.value.output)).toEqual(['manifest', 'runs', 'summary']);
  });

  it("the app's results JSON and CSV are byte-identical to `concerto run vn34-2025 --seed 2 --reps 2 --cycles 8 --set autonomy=0.5`", () => {
    const r = open({ source: { bundled: 'vn34-2025' }, params: { autonomy: 0.5 }, seed: 2, replicates: 2, cycles: 8 });
    if (!r.ok) throw new Error('invalid');
    step(r.value.id, 8);
    const out = results(r.value.id);
    const args = ['vn34-2025', '--seed', '2', '--reps', '2', '--cycles', '8', '--set', 'autonomy=0.5'];
    expect(runOutputJson(out)).toBe(runText([...args, '--format', 'json']).text);
    expect(
      runsToCsv(
        out.runs,
        governanceModel.metrics.map((m) => m.name),
      ),
    ).toBe(runText([...args, '--format', 'csv']).text);
    close(r.value.id);
  });
});
