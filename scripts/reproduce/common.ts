// What every part of `npm run reproduce` shares: the run's settings, loading and running a bundled
// experiment through the pool, picking points and columns, number formats, charts and verdicts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolveExperiment, type Experiment, type Pool } from '../../sim/experiment/index.ts';
import { summarize } from '../../sim/experiment/stats/index.ts';
import { col, runFinals, type Finals } from '../finals.ts';
import { lineChartSvg, type ChartSeries } from '../svg-chart.ts';

export const root = new URL('../..', import.meta.url).pathname;

/** One `npm run reproduce`: its options and its pool. */
export interface Reproduction {
  /** Fewer seeds and replicates, for a smoke run. */
  quick: boolean;
  /** Base seeds of the robustness runs of the patterns. */
  seeds: number[];
  /** Whether a pattern or hypothesis (by id) is to run (`--only`). */
  wanted: (id: string) => boolean;
  pool: Pool;
  /** performance.now() at the start, for progress lines. */
  started: number;
  /** Whether charts are written to docs/figures/ (not when `--only` runs a part without its documents). */
  figures: boolean;
}

export function load(r: Reproduction, name: string): Experiment {
  const raw = JSON.parse(readFileSync(`${root}scenarios/experiments/${name}.json`, 'utf8')) as Record<string, unknown>;
  if (r.quick) raw.replicates = Math.min(8, raw.replicates as number);
  return resolveExperiment(raw);
}

export { col, pointsWhere, type Finals } from '../finals.ts';

/** finals[point][replicate][metric] of an experiment run with a given base seed (finals.ts). */
export const run = (r: Reproduction, exp: Experiment, seed = exp.seed): Promise<Finals> =>
  runFinals(r.pool, exp, { seed });

export const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
export const fmt = (v: number | null | undefined, d = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);
export const ci = (lo: number | null, hi: number | null, d = 3) => `[${fmt(lo, d)}, ${fmt(hi, d)}]`;
export function pointValue(exp: Experiment, p: number, name: string): number {
  return exp.design.point(p)[name] as number;
}
/** A chart's Markdown image link; the SVG is written to docs/figures/ when the run writes figures. */
export function chart(r: Reproduction, file: string, spec: Parameters<typeof lineChartSvg>[0]): string {
  if (r.figures) {
    mkdirSync(`${root}docs/figures`, { recursive: true });
    writeFileSync(`${root}docs/figures/${file}`, lineChartSvg(spec));
  }
  return `![${spec.title}](figures/${file})`;
}
export function band(exp: Experiment, f: Finals, ps: number[], xName: string, m: string, name = m): ChartSeries {
  const sums = ps.map((p) => summarize(col(f, p, m)));
  return {
    name,
    x: ps.map((p) => pointValue(exp, p, xName)),
    y: sums.map((s) => s.mean),
    lo: sums.map((s) => s.ciLow ?? s.mean),
    hi: sums.map((s) => s.ciHigh ?? s.mean),
  };
}

export function verdict(lo: number, hi: number, direction: 1 | -1): string {
  if (direction * lo > 0 && direction * hi > 0) return 'supported';
  if (direction * lo < 0 && direction * hi < 0) return 'not supported';
  return 'inconclusive';
}

export const sweepMeans = (
  exp: Experiment,
  f: Finals,
  xName: string,
  m: string,
  ps = Array.from({ length: exp.design.size }, (_, p) => p),
) => ({ x: ps.map((p) => pointValue(exp, p, xName)), y: ps.map((p) => mean(col(f, p, m))) });
