import { loadBundled, loadScenario } from '../../sim/context.ts';
import { changedParams, compareScenarios, type Comparison } from '../../sim/experiment/compare.ts';
import { MODELS } from '../../sim/models.ts';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checksum } from '../../sim/experiment/rows.ts';

const root = new URL('../..', import.meta.url).pathname;
const concerto = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/concerto.mjs', ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'concerto-cli-'));
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

// A small experiment whose scenario is a file beside it (paths resolve relative to the experiment).
writeFileSync(
  join(dir, 'my-scenario.json'),
  JSON.stringify({ formatVersion: 1, name: 'mine', extends: 'stylized-12', params: { monitoring: 0.4 } }),
);
writeFileSync(
  join(dir, 'exp.json'),
  JSON.stringify({
    name: 'cli-test',
    scenario: './my-scenario.json',
    seed: 9,
    replicates: 3,
    cycles: 6,
    design: { type: 'factorial', parameters: { autonomy: [0, 0.35, 0.7], approvalStrictness: [0.2, 0.6] } },
    metrics: ['coherence', 'innovation', 'value', 'pilotsApproved'],
  }),
);

describe('concerto sweep, merge, compare, rerun', () => {
  it('bad command lines get one line and exit 2, never a stack trace', () => {
    const exp = join(dir, 'exp.json');
    for (const args of [
      ['sweep'],
      ['sweep', 'nowhere'],
      ['sweep', exp, '--shard', '3/2'],
      ['sweep', exp, '--workers', '-1'],
      ['sweep', exp, '--out', join(dir, 'x.txt')],
      ['sweep', exp, '--series=yes'],
      ['merge'],
      ['merge', join(dir, 'nothing.csv')],
      ['compare', 'vn34-2025'],
      ['compare', 'vn34-2025', 'march1991'],
      ['rerun', exp],
      ['sweep', exp, '--out', join(dir, 'no/such/dir.csv')],
    ]) {
      const r = concerto(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });

  it('validate names each problem of an experiment by path and value', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        scenario: 'vn34-2025',
        design: { type: 'factorial', parameters: { autonomy: [1.7] } },
        replicates: 0,
      }),
    );
    const r = concerto('validate', bad);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'replicates: must be a whole number in [1, 1000000] (got 0)',
      'design.parameters.autonomy[0]: must be in [0, 1] (got 1.7)',
    ]);
    const ok = concerto('validate', join(dir, 'exp.json'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('6 points × 3 replicates = 18 runs');
    expect(concerto('validate', 'sobol-levers').status).toBe(0);
  });

  it('shards 1/3, 2/3, 3/3 merged give exactly the unsharded rows and manifest', () => {
    const exp = join(dir, 'exp.json');
    expect(concerto('sweep', exp, '--workers', '2', '--out', join(dir, 'all.csv')).status).toBe(0);
    for (const i of [1, 2, 3])
      expect(
        concerto('sweep', exp, '--workers', '1', '--shard', `${i}/3`, '--out', join(dir, `part-${i}.csv`)).status,
      ).toBe(0);
    const m = concerto(
      'merge',
      join(dir, 'part-3.csv'),
      join(dir, 'part-1.csv'),
      join(dir, 'part-2.csv'),
      '--out',
      join(dir, 'merged.csv'),
    );
    expect(m.status, m.stderr).toBe(0);
    expect(read('merged.csv')).toBe(read('all.csv'));
    expect(read('merged.manifest.json')).toBe(read('all.manifest.json'));
    expect(read('all.csv').split('\n')[0]).toBe(
      'point,replicate,seed,status,autonomy,approvalStrictness,coherence,innovation,value,pilotsApproved,error',
    );
    expect(read('all.csv').trim().split('\n')).toHaveLength(1 + 18);
    // A missing shard is named.
    const missing = concerto('merge', join(dir, 'part-1.csv'), join(dir, 'part-3.csv'), '--out', join(dir, 'm2.csv'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing shard 2/3');
  });

  it('--format json gives { manifest, rows, summary }; --series adds a cycle column', () => {
    const r = concerto('sweep', join(dir, 'exp.json'), '--workers', '1', '--format', 'json', '--series');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['manifest', 'rows', 'summary']);
    expect(doc.rows).toHaveLength(18 * 6);
    expect(doc.rows[7]).toMatchObject({
      point: 0,
      replicate: 1,
      cycle: 2,
      status: 'ok',
      autonomy: 0,
      approvalStrictness: 0.2,
    });
    expect(doc.manifest).toMatchObject({
      kind: 'concerto-sweep',
      seed: 9,
      seedScheme: 'concerto-1',
      series: true,
      shard: null,
      design: { type: 'factorial', points: 6 },
    });
    expect(doc.manifest.scenario.params.monitoring).toBe(0.4);
    expect(doc.manifest.results).toMatchObject({ runs: 18, ok: 18, failed: 0, rows: 108, complete: true });
    expect(doc.summary.points[5].bands.coherence.mean).toHaveLength(6);
    expect(doc.summary.points[5].metrics.coherence.n).toBe(3);
  });

  it('compare controlled-autonomy devolved --format json reports the paired difference with its CI and the unpaired one', () => {
    const r = concerto(
      'compare',
      'controlled-autonomy',
      'devolved',
      '--reps',
      '4',
      '--cycles',
      '8',
      '--format',
      'json',
    );
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    const coh = c.metrics.coherence;
    expect(coh.n).toBe(4);
    expect(coh.difference).toBeCloseTo(coh.meanB - coh.meanA, 12);
    expect(coh.paired.ciLow).toBeLessThanOrEqual(coh.difference);
    expect(coh.paired.ciHigh).toBeGreaterThanOrEqual(coh.difference);
    expect(coh.unpaired.ciLow).toBeLessThanOrEqual(coh.difference);
    expect(c.manifest).toMatchObject({
      kind: 'concerto-compare',
      a: { name: 'controlled-autonomy' },
      b: { name: 'devolved' },
      replicates: 4,
      seedScheme: 'concerto-1',
    });
    const table = concerto(
      'compare',
      'controlled-autonomy',
      'devolved',
      '--reps',
      '4',
      '--cycles',
      '8',
      '--metrics',
      'coherence,innovation',
    );
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe(
      'devolved against controlled-autonomy: 4 paired replicates (common random numbers), seed 1, 8 cycles, 95% intervals of devolved − controlled-autonomy',
    );
    expect(lines[1]).toMatch(
      /^metric\s+better\s+mean controlled-autonomy\s+mean devolved\s+devolved − controlled-autonomy\s+paired CI\s+unpaired CI\s+width ratio$/,
    );
    expect(lines[2]).toMatch(/^coherence\s+higher\s/);
    expect(lines[3]).toMatch(/^innovation\s+higher\s/);
  });

  it('compare --set names the change in the JSON: the same document compareScenarios writes with the changes', () => {
    const r = concerto(
      'compare',
      'controlled-autonomy',
      'feedback-rich',
      '--reps',
      '3',
      '--cycles',
      '6',
      '--set',
      'monitoring=0.8',
      '--format',
      'json',
    );
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c.manifest.a).toMatchObject({ name: 'controlled-autonomy', changed: { monitoring: 0.8 } });
    expect(c.manifest.a.params.monitoring).toBe(0.8);
    const a = loadScenario({
      formatVersion: 1,
      name: 'controlled-autonomy',
      extends: 'controlled-autonomy',
      params: { monitoring: 0.8 },
    });
    const b = loadScenario({
      formatVersion: 1,
      name: 'feedback-rich',
      extends: 'feedback-rich',
      params: { monitoring: 0.8 },
    });
    const changedB = changedParams(loadBundled('feedback-rich'), b);
    expect(c.manifest.b.changed).toEqual(changedB);
    expect(c).toEqual(
      compareScenarios(MODELS.governance!, a, b, {
        seed: 1,
        replicates: 3,
        cycles: 6,
        changed: [{ monitoring: 0.8 }, changedB],
      }),
    );
  });

  it('rerun reproduces a manifest (exit 0) and says what differs when it was tampered with (exit 3)', () => {
    const out = join(dir, 'res.json');
    expect(concerto('sweep', join(dir, 'exp.json'), '--workers', '2', '--out', out).status).toBe(0);
    const ok = concerto('rerun', out, '--workers', '1');
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^reproduced: 18 runs, 18 rows, checksum [0-9a-f]{16}$/m);
    // A changed result value: the rows no longer hash to the recorded checksum.
    const doc = JSON.parse(read('res.json'));
    doc.rows[4].coherence += 1e-9;
    writeFileSync(join(dir, 'tampered-row.json'), JSON.stringify(doc));
    const t1 = concerto('rerun', join(dir, 'tampered-row.json'), '--workers', '1');
    expect(t1.status).toBe(3);
    expect(t1.stdout).toContain('rows hash to');
    expect(t1.stdout).toContain('first difference: row 5 (point 1, replicate 1) coherence');
    // A changed experiment (another seed) with the old checksum: the rerun differs from the record.
    const doc2 = JSON.parse(read('res.json'));
    doc2.manifest.experiment.seed = 10;
    writeFileSync(join(dir, 'tampered-seed.json'), JSON.stringify(doc2));
    const t2 = concerto('rerun', join(dir, 'tampered-seed.json'), '--workers', '1');
    expect(t2.status).toBe(3);
    expect(t2.stdout).toContain('experimentHash: recorded');
    expect(t2.stdout).toContain('seed: recorded 9, rerun 10');
    expect(t2.stdout).toContain('results.checksum: recorded');
    // Rows made by another runtime agree to 1e-9 relative, not bit for bit: with the rows kept, that reproduces.
    const other = (factor: number) => {
      const d = JSON.parse(read('res.json'));
      d.manifest.runtime = 'browser';
      d.rows[3].coherence *= factor;
      const sum = new Checksum();
      for (const r of d.rows) sum.add(r);
      d.manifest.results.checksum = sum.hex();
      writeFileSync(join(dir, 'other-runtime.json'), JSON.stringify(d));
      return concerto('rerun', join(dir, 'other-runtime.json'), '--workers', '1');
    };
    const close = other(1 + 1e-13);
    expect(close.status, close.stdout).toBe(0);
    expect(close.stdout).toContain('every row agrees to 1e-9 relative');
    const far = other(1 + 1e-6);
    expect(far.status).toBe(3);
    expect(far.stdout).toContain('first difference: row 4 (point 1, replicate 0) coherence');
    // A CSV's manifest file reruns too, and checks the rows beside it.
    expect(concerto('sweep', join(dir, 'exp.json'), '--workers', '1', '--out', join(dir, 'side.csv')).status).toBe(0);
    expect(concerto('rerun', join(dir, 'side.manifest.json'), '--workers', '1').status).toBe(0);
    writeFileSync(join(dir, 'side.csv'), read('side.csv').replace(',ok,', ',failed,'));
    const t3 = concerto('rerun', join(dir, 'side.manifest.json'), '--workers', '1');
    expect(t3.status).toBe(3);
    expect(t3.stdout).toContain('side.csv: its 18 rows hash to');
  });

  it('Ctrl-C (SIGINT) stops a sweep promptly: exit 130, the finished rows written in order, the manifest incomplete', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(
      big,
      JSON.stringify({
        name: 'big',
        scenario: 'stylized-12',
        seed: 1,
        replicates: 50000,
        cycles: 5,
        design: { type: 'points', points: [{}] },
        metrics: ['coherence'],
      }),
    );
    const out = join(dir, 'big.csv');
    const child = spawn(process.execPath, ['cli/concerto.mjs', 'sweep', big, '--workers', '2', '--out', out], {
      cwd: root,
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      // Interrupt once the first rows have reached the file.
      const poll = setInterval(() => {
        if (existsSync(out) && statSync(out).size > 500) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
    });
    expect(code).toBe(130);
    const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(50000);
    // In (point, replicate) order; a run still in flight at the interrupt may leave a gap.
    const reps = lines.map((l) => Number(l.split(',')[1]));
    expect(reps.every((r, i) => i === 0 || r > reps[i - 1]!)).toBe(true);
    const { manifest } = JSON.parse(read('big.manifest.json'));
    expect(manifest.results).toMatchObject({ runs: lines.length, complete: false });
  });

  it('list shows the bundled experiments', () => {
    expect(concerto('list').stdout).toMatch(/experiments:\n(.*\n)*\s+autonomy-sweep\s/);
  });
});
