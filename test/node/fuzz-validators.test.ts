// Malformed files through the validators (issue 13): seeded mutations of the bundled scenario,
// experiment and exercise files — values swapped for odd ones, keys deleted, keys named after
// built-ins added — must each give a result or a ScenarioError whose problems name a path in one
// short line; never another exception, never a polluted prototype.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/context.ts';
import { formatIssue, ScenarioError } from '../../sim/engine/errors.ts';
import { jsonShapeProblem } from '../../sim/engine/json.ts';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';

const root = new URL('../..', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(root, f), 'utf8');

const BUILTINS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const ODD: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  1.7,
  2,
  50,
  1e308,
  -1e308,
  2 ** 53,
  1e7,
  100_001,
  '',
  'x',
  'x'.repeat(5000),
  '\u001b[31m',
  ...BUILTINS,
  'shock',
  'border',
  'vn34-2025',
  'governance',
  'march1991',
  'lhs',
  'sobol',
  [],
  {},
  [null],
  [1, 1],
  { min: 1, max: 0 },
  { en: 'a' },
  [[[[[[1]]]]]],
  { constructor: 1 },
];

/** A seeded generator (an LCG): the same cases on every run. */
function generator(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

type Json = Record<string, unknown> | unknown[];

/** Containers of a value with the way to reach them, for picking a place to mutate. */
function containers(v: unknown, out: Json[] = [], depth = 0): Json[] {
  if (v === null || typeof v !== 'object' || depth > 12) return out;
  out.push(v as Json);
  for (const x of Array.isArray(v) ? v : Object.values(v)) containers(x, out, depth + 1);
  return out;
}

/** One to three mutations of a deep copy of `base`. */
function mutate(base: unknown, rand: (n: number) => number): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as unknown;
  if (rand(40) === 0) return ODD[rand(ODD.length)];
  for (let m = rand(3); m >= 0; m--) {
    const all = containers(copy);
    const c = all[rand(all.length)]!;
    const keys = Array.isArray(c) ? c.map((_, i) => String(i)) : Object.keys(c);
    const odd = JSON.parse(JSON.stringify(ODD[rand(ODD.length)]) ?? 'null') as unknown;
    const op = rand(5);
    if (op === 0 && keys.length > 0) {
      if (Array.isArray(c)) c.splice(rand(c.length), 1);
      else delete c[keys[rand(keys.length)]!];
    } else if (op === 1) {
      // A key named after a built-in, as JSON.parse makes it: an own property.
      const name = BUILTINS[rand(BUILTINS.length)]!;
      if (Array.isArray(c)) c.push(JSON.parse(`{${JSON.stringify(name)}:1}`));
      else Object.defineProperty(c, name, { value: odd, enumerable: true, writable: true, configurable: true });
    } else if (keys.length > 0) {
      const k = keys[rand(keys.length)]!;
      Object.defineProperty(c, Array.isArray(c) ? Number(k) : k, {
        value: odd,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

const READERS: [string, (raw: unknown) => unknown, unknown[]][] = [
  [
    'scenario',
    (raw) => loadScenario(raw),
    [
      'scenarios/vn34-2025.json',
      'scenarios/stylized-12.json',
      'scenarios/controlled-autonomy.json',
      'scenarios/march1991.json',
    ].map((f) => JSON.parse(read(f))),
  ],
  [
    'experiment',
    (raw) => resolveExperiment(raw),
    ['autonomy-sweep', 'lhs-levers', 'sobol-levers', 'morris-levers', 'march1991-figure2', 'sf2-feedback-frontier'].map(
      (f) => JSON.parse(read(`scenarios/experiments/${f}.json`)),
    ),
  ],
  [
    'exercise',
    (raw) => parseExercise(raw),
    ['border-shock-lang-son', 'city-pilot-da-nang', 'coastal-window-strict'].map((f) =>
      JSON.parse(read(`scenarios/exercises/${f}.json`)),
    ),
  ],
];

describe('fuzz: 10 000 malformed files through the validators', () => {
  it.each(READERS)(
    '%s files: a result or a ScenarioError naming paths in short lines, nothing else',
    (_kind, parse, bases) => {
      const rand = generator(0x13);
      const cases = _kind === 'scenario' ? 4000 : 3000;
      let rejected = 0;
      let slowest = 0;
      for (let k = 0; k < cases; k++) {
        const raw = mutate(bases[k % bases.length], rand);
        // The CLI refuses over-deep or over-long JSON as it reads it; the validators see the rest.
        if (jsonShapeProblem(raw) !== null) continue;
        const t0 = performance.now();
        try {
          parse(raw);
        } catch (e) {
          if (!(e instanceof ScenarioError))
            throw new Error(
              `case ${k}: ${(e as Error).name}: ${(e as Error).message} on ${JSON.stringify(raw).slice(0, 300)}`,
              { cause: e },
            );
          rejected++;
          expect(e.issues.length, `case ${k}`).toBeGreaterThan(0);
          for (const issue of e.issues.slice(0, 20)) {
            expect(typeof issue.path).toBe('string');
            const line = formatIssue(issue);
            expect(/[\n\r]/.test(line) || line.includes(String.fromCharCode(27)), `case ${k}: ${line}`).toBe(false);
            expect(line.length, `case ${k}`).toBeLessThan(1000);
          }
        }
        slowest = Math.max(slowest, performance.now() - t0);
      }
      expect(rejected).toBeGreaterThan(cases / 3);
      // A generous bound per file: no case may run away (the cost limits hold).
      expect(slowest).toBeLessThan(5000);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    },
  );
});
