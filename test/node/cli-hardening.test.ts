// Untrusted input and faults (issue 13): bounded cost, confined files, nothing half-written, stored
// data checked. Each case runs the real CLI in a child process, as a user or a cluster job would.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
// spawnSync kills the child (by its pid) when the generous timeout passes, also when a test fails.
const concerto = (...args: string[]) => spawnSync(process.execPath, ['cli/concerto.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
const tmp = (label: string) => mkdtempSync(join(tmpdir(), `concerto-${label}-`));

/** An experiment of 3 points × 2 replicates, swept as two shards in `dir` (p1.csv, p2.csv and their manifests). */
function shards(dir: string, ext = 'csv'): void {
  writeFileSync(join(dir, 'exp.json'), JSON.stringify({
    name: 'hardening', scenario: 'stylized-12', seed: 3, replicates: 2, cycles: 4,
    design: { type: 'factorial', parameters: { autonomy: [0, 0.5, 1] } }, metrics: ['coherence', 'innovation'],
  }));
  for (const i of [1, 2]) {
    const r = concerto('sweep', join(dir, 'exp.json'), '--workers', '0', '--shard', `${i}/2`, '--out', join(dir, `p${i}.${ext}`));
    expect(r.status, r.stderr).toBe(0);
  }
}

describe('concerto merge writes nothing unless every part checks out', () => {
  const dir = tmp('merge');
  shards(dir);
  const good = readFileSync(join(dir, 'p1.csv'), 'utf8');
  const goodManifest = readFileSync(join(dir, 'p1.manifest.json'), 'utf8');
  const lines = good.trimEnd().split('\n');

  /** Merge a tampered copy of part 1 with part 2 into a fresh output; return the result and what was left behind. */
  function mergeTampered(name: string, csv: string, manifest = goodManifest) {
    const sub = join(dir, name);
    const d = mkdtempSync(sub);
    writeFileSync(join(d, 'p1.csv'), csv);
    writeFileSync(join(d, 'p1.manifest.json'), manifest);
    copyFileSync(join(dir, 'p2.csv'), join(d, 'p2.csv'));
    copyFileSync(join(dir, 'p2.manifest.json'), join(d, 'p2.manifest.json'));
    const r = concerto('merge', join(d, 'p1.csv'), join(d, 'p2.csv'), '--out', join(d, 'out.csv'));
    return { r, left: readdirSync(d).sort() };
  }
  const inputsOnly = ['p1.csv', 'p1.manifest.json', 'p2.csv', 'p2.manifest.json'];

  it('the untampered parts merge (exit 0) and leave no temporary file', () => {
    const { r, left } = mergeTampered('ok', good);
    expect(r.status, r.stderr).toBe(0);
    expect(left).toEqual(['out.csv', 'out.manifest.json', ...inputsOnly].sort());
  });

  it.each([
    ['truncated', lines.slice(0, -1).join('\n') + '\n'],
    ['empty', ''],
    ['tampered value', good.replace(/,0\.9375,/, ',0.9376,')],
    ['reordered', [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n'],
    ['duplicated row', [...lines, lines.at(-1)].join('\n') + '\n'],
    ['header only', `${lines[0]}\n`],
    ['one row cut short', good.replace(/\n[^\n]*\n$/, '\n2,1,3,ok\n')],
  ])('a part with a %s rows file: exit 2 naming it, no out.csv, no manifest', (name, csv) => {
    const { r, left } = mergeTampered(name.replace(/ /g, '-'), csv);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('p1.csv');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(left).toEqual(inputsOnly);
  });

  it('a part whose manifest claims complete but whose summary mean was edited: exit 3, nothing written', () => {
    const doc = JSON.parse(goodManifest);
    doc.summary.points[0].metrics.coherence.mean += 0.01;
    const { r, left } = mergeTampered('mean', good, JSON.stringify(doc));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/p1\.csv: summary\.points\[0\]\.metrics\.coherence\.mean: recorded/);
    expect(left).toEqual(inputsOnly);
  });

  it('refuses an --out (or the manifest it implies, or --manifest) that is one of its inputs, and leaves the shard intact', () => {
    for (const args of [['--out', join(dir, 'p1.csv')], ['--out', join(dir, 'p1.jsonl')], ['--out', join(dir, '.', 'p2.csv')], ['--out', join(dir, 'x.csv'), '--manifest', join(dir, 'p2.manifest.json')]]) {
      const r = concerto('merge', join(dir, 'p1.csv'), join(dir, 'p2.csv'), ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/must not be one of the files merged/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(join(dir, 'p1.csv'), 'utf8')).toBe(good);
    expect(readFileSync(join(dir, 'p1.manifest.json'), 'utf8')).toBe(goodManifest);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});
