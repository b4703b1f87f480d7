import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const concerto = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/concerto.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe('concerto CLI (core commands)', () => {
  it('run vn34-2025 --seed 7 --reps 3 --format json gives identical bytes twice', () => {
    const a = concerto('run', 'vn34-2025', '--seed', '7', '--reps', '3', '--format', 'json', '--cycles', '20');
    const b = concerto('run', 'vn34-2025', '--seed', '7', '--reps', '3', '--format', 'json', '--cycles', '20');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.manifest).toMatchObject({
      model: 'governance',
      scenario: 'vn34-2025',
      seed: 7,
      seedScheme: 'concerto-1',
      replicates: 3,
      cycles: 20,
    });
    expect(doc.runs).toHaveLength(3);
    expect(doc.runs[1]).toMatchObject({ replicate: 1, seed: 7, status: 'ok' });
    expect(doc.runs[0].series.coherence).toHaveLength(20);
    expect(doc.summary.coherence.n).toBe(3);
    expect(doc.summary.coherence.ciLow).toBeLessThanOrEqual(doc.summary.coherence.mean);
  });
  it('validate exits 2 naming params.autonomy when autonomy is 1.7, and 0 on a good file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concerto-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ formatVersion: 1, name: 'bad', extends: 'vn34-2025', params: { autonomy: 1.7 } }),
    );
    const r = concerto('validate', bad);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('params.autonomy: must be in [0, 1] (got 1.7)');
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ formatVersion: 1, name: 'good', extends: 'vn34-2025', params: { autonomy: 0.7 } }),
    );
    expect(concerto('validate', good).status).toBe(0);
  });
  it('bad command lines get one line and exit 2, never a stack trace', () => {
    for (const args of [
      ['run', 'vn34-2025', '--bogus'],
      ['run', 'nowhere.json'],
      ['run', 'vn34-2025', '--set', 'autonomy=NaN'],
      ['run', 'vn34-2025', '--seed', '-1'],
      ['frobnicate'],
      [],
      ['run', 'vn34-2025', '--set', 'nosuch=1'],
      ['run'],
      ['params', '--model', 'nope'],
      ['run', 'vn34-2025', '--format', 'xml'],
    ]) {
      const r = concerto(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n').length, r.stderr).toBe(1);
    }
  });
  it('--set and --format csv give tidy rows, one per replicate and cycle', () => {
    const r = concerto('run', 'vn34-2025', '--reps', '2', '--cycles', '5', '--set', 'autonomy=0.9', '--format', 'csv');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]!.startsWith('replicate,seed,cycle,coherence,innovation')).toBe(true);
    expect(lines).toHaveLength(1 + 2 * 5);
  });
  it('params and list describe the registry and the bundled scenarios', () => {
    const p = JSON.parse(concerto('params', '--format', 'json').stdout);
    expect(p.params.map((x: { name: string }) => x.name)).toContain('approvalStrictness');
    expect(concerto('list').stdout).toContain('vn34-2025');
  });
  it('params lists every metric with its range and meaning, in English or Vietnamese (--lang vi)', () => {
    const en = concerto('params').stdout;
    expect(en).toMatch(/^value\s+level\s+\[0, 100\]\s+ends\s+National value V = G\*·\(S, D, P\), 0–100/m);
    const vi = concerto('params', '--lang', 'vi');
    expect(vi.status).toBe(0);
    expect(vi.stdout).toMatch(/^value\s+level\s+\[0, 100\]\s+ends\s+Giá trị quốc gia V/m);
    expect(concerto('params', '--lang', 'fr').status).toBe(2);
  });
  it('validate checks exercise files: the bundled ones pass, a broken one exits 2 naming the field', () => {
    expect(concerto('validate', 'scenarios/exercises/city-pilot-da-nang.json').status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'concerto-'));
    const raw = JSON.parse(readFileSync(join(root, 'scenarios/exercises/city-pilot-da-nang.json'), 'utf8'));
    raw.rounds = -3;
    const bad = join(dir, 'bad-exercise.json');
    writeFileSync(bad, JSON.stringify(raw));
    const r = concerto('validate', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rounds: /m);
  });
});
