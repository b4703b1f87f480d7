// Derived metrics (docs/formats.md §7): expressions over a run's final values, parsed by mathjs in
// a closed scope. Checked: the values, the refusals (each naming the expression, the position and
// the reason, exit 2 in the CLI), and that sweeps and comparisons treat them like any other metric.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundled } from '../../sim/context.ts';
import { ScenarioError } from '../../sim/engine/errors.ts';
import { compareScenarios } from '../../sim/experiment/compare.ts';
import { compileDerived, parseDerived, withDerived } from '../../sim/experiment/derived.ts';
import { experimentDerived, resolveExperiment } from '../../sim/experiment/experiment.ts';
import { getModel } from '../../sim/models.ts';

const root = new URL('../..', import.meta.url).pathname;
const concerto = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/concerto.mjs', ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'concerto-derived-'));
const VARS = ['coherence', 'innovation', 'security', 'prestige'];
const one = (expression: string) => compileDerived([{ name: 'x', expression }], VARS);

async function problems(expression: string): Promise<string[]> {
  try {
    await one(expression);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.rule}`);
    throw e;
  }
  return [];
}

describe('derived metrics: values', () => {
  it('evaluates arithmetic, the listed functions, comparisons and constants over the final values', async () => {
    const d = await compileDerived(
      [
        { name: 'balanced', expression: 'min(coherence, innovation)' },
        { name: 'value2', expression: '0.5*security + 0.5*prestige' },
        { name: 'both', expression: 'coherence > 0.5 and innovation >= 0.4' },
        { name: 'spread', expression: 'max([coherence, innovation]) - mean([coherence, innovation])' },
        { name: 'choice', expression: 'coherence < innovation ? 1 : round(pi, 2)' },
        { name: 'powers', expression: 'sqrt(16) + 2^3 + abs(-1) + log(e) + mod(7, 3)' },
      ],
      VARS,
    );
    expect(d.evaluate({ coherence: 0.75, innovation: 0.5, security: 60, prestige: 40 })).toEqual({
      balanced: 0.5,
      value2: 50,
      both: 1,
      spread: 0.125,
      choice: 3.14,
      powers: 4 + 8 + 1 + 1 + 1,
    });
  });

  it('a value that is not finite fails that run, saying which metric', async () => {
    const d = await one('coherence / (innovation - innovation)');
    const ok: { status: 'ok' | 'failed'; final: Record<string, number>; error?: string } = {
      status: 'ok',
      final: { coherence: 1, innovation: 0.5 },
    };
    const run = withDerived(ok, d);
    expect(run.status).toBe('failed');
    expect(run.error).toBe('derived metric x (coherence / (innovation - innovation)) is Infinity');
    expect(run.final).toEqual({});
  });
});

describe('derived metrics: what is refused', () => {
  it.each([
    ['evaluate("1 + 1")', 'derived.x: at char 1: function evaluate is not allowed'],
    ['import(1)', 'derived.x: at char 1: function import is not allowed'],
    ['parse("coherence")', 'derived.x: at char 1: function parse is not allowed'],
    ['2 * simplify("coherence")', 'derived.x: at char 5: function simplify is not allowed'],
    ['derivative("x^2", "x")', 'derived.x: at char 1: function derivative is not allowed'],
    ['createUnit("governor")', 'derived.x: at char 1: function createUnit is not allowed'],
    ['coherence + typed(1)', 'derived.x: at char 13: function typed is not allowed'],
  ])('%s: names the function', async (expression, start) => {
    const p = await problems(expression);
    expect(p).toHaveLength(1);
    expect(p[0]!.startsWith(start)).toBe(true);
    expect(p[0]).toContain('(allowed: abs, ceil, exp, floor, hypot, log, log10, log2, max, mean, median, min');
  });

  it.each([
    ['y = coherence', ['derived.x: at char 3: assignment is not allowed']],
    ['f(t) = t^2', ['derived.x: at char 6: defining a function is not allowed']],
    ['coherence; innovation', ['derived.x: at char 10: more than one statement is not allowed']],
    ['{ a: coherence }', ['derived.x: at char 1: an object is not allowed']],
    ['coherence.value', ['derived.x: at char 10: property access or indexing is not allowed']],
    ['sum(1:10)', ['derived.x: at char 6: a range is not allowed']],
    ['[[coherence, 1], [2, 3]]', ['derived.x: at char 1: lists may not be nested (no matrices)']],
    [
      `sum([${Array(65).fill('coherence').join(', ')}])`,
      ['derived.x: at char 1: a list may hold at most 64 items (got 65)'],
    ],
    ['coherence + power', ['derived.x: at char 13: power is not a final value of this run (nor pi or e)']],
    ['"text"', ['derived.x: at char 1: only numbers may be written, not text']],
    ['min(coherence, ', ['derived.x: at char 16: Unexpected end of expression']],
    ['[coherence, innovation]', ['derived.x: at char 1: must give one number (it gives a list)']],
  ])('%s', async (expression, expected) => {
    expect(await problems(expression)).toEqual(expected);
  });

  it('names must be new identifiers, expressions text', () => {
    const issues: ScenarioError['issues'] = [];
    parseDerived({ coherence: 'innovation', '2x': 'coherence', ok: 3 }, 'derived', VARS, issues);
    expect(issues.map((i) => `${i.path}: ${i.rule}`)).toEqual([
      'derived.coherence: is already the name of a final value, parameter or column',
      'derived.2x: a derived metric is named by a letter then letters, digits or _',
      'derived.ok: must be an expression (text)',
    ]);
  });
});

describe('derived metrics in experiments and comparisons', () => {
  const raw = {
    name: 'derived-test',
    scenario: 'stylized-12',
    seed: 3,
    replicates: 2,
    cycles: 5,
    design: { type: 'factorial', parameters: { autonomy: [0.2, 0.8] } },
    metrics: ['coherence', 'innovation'],
    derived: { balanced: 'min(coherence, innovation)' },
    analysis: { pareto: ['coherence', 'balanced'] },
  };

  it('an experiment keeps them after its final values, and analyses may use them', async () => {
    const exp = resolveExperiment(raw);
    expect(exp.metrics).toEqual(['coherence', 'innovation', 'balanced']);
    expect(exp.analysis.pareto).toEqual(['coherence', 'balanced']);
    expect((await experimentDerived(exp))!.evaluate({ coherence: 0.3, innovation: 0.2 })).toEqual({ balanced: 0.2 });
    expect(() => resolveExperiment({ ...raw, derived: { autonomy: 'coherence' } })).toThrow(
      'derived.autonomy: is already the name of a final value, parameter or column',
    );
  });

  it('concerto sweep writes a column per derived metric and summarises it; validate and sweep refuse a bad one (exit 2)', () => {
    const file = join(dir, 'derived.json');
    writeFileSync(file, JSON.stringify(raw));
    const r = concerto('sweep', file, '--workers', '0', '--out', join(dir, 'out.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(Object.keys(doc.rows[0])).toEqual([
      'point',
      'replicate',
      'seed',
      'status',
      'autonomy',
      'coherence',
      'innovation',
      'balanced',
    ]);
    expect(doc.rows).toHaveLength(4);
    for (const row of doc.rows) expect(row.balanced).toBe(Math.min(row.coherence, row.innovation));
    const p0 = doc.summary.points[0];
    expect(p0.metrics.balanced.mean).toBe((doc.rows[0].balanced + doc.rows[1].balanced) / 2);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...raw, derived: { balanced: 'evaluate("coherence")' } }));
    for (const cmd of ['validate', 'sweep']) {
      const b = concerto(cmd, bad, ...(cmd === 'sweep' ? ['--workers', '0', '--out', join(dir, 'bad-out.csv')] : []));
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(
        /^derived\.balanced: at char 1: function evaluate is not allowed .*\(got "evaluate\(\\"coherence\\"\)"\)\n$/,
      );
    }
  });

  it('concerto compare --derived compares them like final values and records them in the manifest', () => {
    const r = concerto(
      'compare',
      'controlled-autonomy',
      'devolved',
      '--reps',
      '3',
      '--cycles',
      '5',
      '--derived',
      'balanced=min(coherence, innovation)',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.manifest.derived).toEqual({ balanced: 'min(coherence, innovation)' });
    const model = getModel('governance')!;
    const base = compareScenarios(model, loadBundled('controlled-autonomy'), loadBundled('devolved'), {
      seed: 1,
      replicates: 3,
      cycles: 5,
    });
    expect(Object.keys(c.metrics)).toEqual([...Object.keys(base.metrics), 'balanced']);
    expect(c.metrics.coherence).toEqual(base.metrics.coherence);
    expect(c.metrics.balanced.n).toBe(3);
  });

  it('concerto compare --derived refuses forbidden functions by name (exit 2)', () => {
    for (const [expr, fn] of [
      ['evaluate("1")', 'evaluate'],
      ['import({})', 'import'],
      ['parse("1")', 'parse'],
      ['simplify("x")', 'simplify'],
      ['derivative("x", "x")', 'derivative'],
      ['createUnit("u")', 'createUnit'],
    ]) {
      const r = concerto('compare', 'controlled-autonomy', 'devolved', '--reps', '2', '--derived', `bad=${expr}`);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`derived.bad: at char 1: function ${fn} is not allowed`);
    }
    const r = concerto('compare', 'controlled-autonomy', 'devolved', '--derived', 'nothing');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('--derived: must be name=expression (got "nothing")\n');
  });
});
