// The experiment builder's domain: a design described by a form (scenario, counts, design type,
// levers with their ranges, metrics, a criterion, derived metrics) and the experiment file it stands
// for (docs/formats.md §7). The app's Experiment view edits a Builder; these functions make the file
// from it, keep it consistent when the scenario or design type changes, and restore it from a link.
import type { ParamSpec } from '../engine/model.ts';

export type DesignKind = 'factorial' | 'lhs' | 'sobol' | 'morris';
export const DESIGNS: readonly DesignKind[] = ['factorial', 'lhs', 'sobol', 'morris'];

export interface BuilderParam {
  name: string;
  min: number;
  max: number;
  levels: number;
}

export interface Builder {
  scenario: string;
  seed: number;
  replicates: number;
  cycles: number;
  type: DesignKind;
  params: BuilderParam[];
  samples: number;
  trajectories: number;
  levels: number;
  metrics: string[];
  /** Lower bounds of the scenario-discovery criterion, as typed ('' for none). */
  coherenceMin: string;
  innovationMin: string;
  /** Derived metrics as typed: `name = expression; …` ('' for none). */
  derived: string;
}

/** The builder the Experiment view starts with. */
export function defaultBuilder(): Builder {
  return {
    scenario: 'vn34-2025',
    seed: 1,
    replicates: 5,
    cycles: 50,
    type: 'factorial',
    params: [
      { name: 'autonomy', min: 0, max: 1, levels: 5 },
      { name: 'monitoring', min: 0, max: 0.6, levels: 3 },
    ],
    samples: 16,
    trajectories: 4,
    levels: 4,
    metrics: ['coherence', 'innovation', 'value', 'pilotsApproved'],
    coherenceMin: '',
    innovationMin: '',
    derived: '',
  };
}

/** Evenly spaced levels from min to max (whole numbers for integer parameters, without repeats). */
export function levelsOf(spec: ParamSpec | undefined, min: number, max: number, n: number): (number | string)[] {
  if (spec?.kind === 'choice') return [...(spec.choices ?? [])];
  if (n <= 1 || min === max) return [min];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let v = min + ((max - min) * k) / (n - 1);
    v = spec?.kind === 'integer' ? Math.round(v) : Number(v.toPrecision(6));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * A sweep's name from what it varies, so kept sweeps and their banners are told apart: scenario,
 * design and levers ("stylized-12-factorial-autonomy-monitoring"), within the file format's
 * 1–64 characters of letters, digits, ".", "_" or "-".
 */
export function builderName(b: Pick<Builder, 'scenario' | 'type' | 'params'>): string {
  const name = [b.scenario, b.type, ...b.params.map((p) => p.name)]
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/-+$/, '');
  return name === '' ? 'app-experiment' : name;
}

/**
 * `name = expression; …` as `{ name: expression }` (an entry without "=" keeps its text as the name
 * and an empty expression, which validation then names). Names and expressions are checked by
 * resolveExperiment and the expression parser, as in a file.
 */
export function parseDerivedText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    out[eq < 0 ? part.trim() : part.slice(0, eq).trim()] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return out;
}

/** The experiment file a builder describes (docs/formats.md §7). */
export function builderExperiment(b: Builder, registry: readonly ParamSpec[]): Record<string, unknown> {
  const spec = (n: string) => registry.find((p) => p.name === n);
  let design: Record<string, unknown>;
  if (b.type === 'factorial') {
    design = {
      type: 'factorial',
      parameters: Object.fromEntries(b.params.map((p) => [p.name, levelsOf(spec(p.name), p.min, p.max, p.levels)])),
    };
  } else {
    const ranges = Object.fromEntries(b.params.map((p) => [p.name, { min: p.min, max: p.max }]));
    design =
      b.type === 'lhs'
        ? { type: 'lhs', samples: b.samples, parameters: ranges }
        : b.type === 'sobol'
          ? { type: 'sobol', samples: b.samples, parameters: ranges }
          : { type: 'morris', trajectories: b.trajectories, levels: b.levels, parameters: ranges };
  }
  const criterion: Record<string, { min: number }> = {};
  if (b.coherenceMin.trim() !== '' && b.metrics.includes('coherence'))
    criterion.coherence = { min: Number(b.coherenceMin) };
  if (b.innovationMin.trim() !== '' && b.metrics.includes('innovation'))
    criterion.innovation = { min: Number(b.innovationMin) };
  const derived = parseDerivedText(b.derived);
  return {
    formatVersion: 1,
    name: builderName(b),
    scenario: b.scenario,
    seed: b.seed,
    replicates: b.replicates,
    cycles: b.cycles,
    design,
    metrics: b.metrics,
    ...(Object.keys(derived).length > 0 ? { derived } : {}),
    ...(Object.keys(criterion).length > 0 ? { analysis: { criterion } } : {}),
  };
}

/**
 * Another scenario: levers its model does not have are dropped, and so are metrics it does not
 * report (the first three of its final metrics when none is left). `finals` are the new model's.
 */
export function withScenario(
  b: Builder,
  scenario: string,
  registry: readonly ParamSpec[],
  finals: readonly string[],
): Builder {
  const names = new Set(registry.map((p) => p.name));
  const metrics = b.metrics.filter((m) => finals.includes(m));
  return {
    ...b,
    scenario,
    params: b.params.filter((p) => names.has(p.name)),
    metrics: metrics.length > 0 ? metrics : finals.slice(0, 3),
  };
}

/** Another design type: only a factorial design varies choice parameters, the others sample ranges. */
export function withDesign(b: Builder, type: DesignKind, registry: readonly ParamSpec[]): Builder {
  const isChoice = (n: string) => registry.find((s) => s.name === n)?.kind === 'choice';
  return { ...b, type, params: type === 'factorial' ? b.params : b.params.filter((p) => !isChoice(p.name)) };
}

/** The row for a lever newly chosen in a row: its registry range, 3 levels (all its choices for a choice). */
export function paramRow(s: ParamSpec): BuilderParam {
  return { name: s.name, min: s.min ?? 0, max: s.max ?? 1, levels: s.kind === 'choice' ? (s.choices?.length ?? 2) : 3 };
}

/** The lever "Add" brings: the first main lever not used yet, else the first non-choice parameter not used. */
export function nextParam(b: Builder, registry: readonly ParamSpec[]): BuilderParam | null {
  const used = new Set(b.params.map((p) => p.name));
  const s =
    registry.find((x) => x.lever && !used.has(x.name)) ??
    registry.find((x) => !used.has(x.name) && x.kind !== 'choice');
  return s ? { name: s.name, min: s.min ?? 0, max: s.max ?? 1, levels: 3 } : null;
}
