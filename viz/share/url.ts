// Share links: the view, the scenario (a bundled name) and only the parameters that differ from
// that scenario, in the URL's fragment. Decoding only turns text into values; the values then go
// through the same validation as a scenario file (loadScenario in the worker).

export type View = 'explore' | 'compare' | 'experiment' | 'exercise';
export const VIEWS: readonly View[] = ['explore', 'compare', 'experiment', 'exercise'];
export type Value = number | string;

export interface ExploreShare {
  view: 'explore';
  scenario: string;
  seed?: number;
  replicates?: number;
  cycles?: number;
  params: Record<string, Value>;
}

export interface CompareShare {
  view: 'compare';
  seed?: number;
  replicates?: number;
  cycles?: number;
  columns: { scenario: string; params: Record<string, Value> }[];
}

/** One lever of an experiment design: its range, and its number of levels in a factorial design. */
export interface ShareLever {
  name: string;
  min: number;
  max: number;
  levels: number;
}

/**
 * The Experiment view's design: a bundled experiment (`x`), or the builder's scenario, design type,
 * levers (`p=autonomy:0:1:5`, repeated), counts, metrics (`m=coherence,value`) and criterion.
 * The sweep's name follows from these (builderName), so it is not stored.
 */
export interface ExperimentShare {
  view: 'experiment';
  source?: string;
  scenario?: string;
  seed?: number;
  replicates?: number;
  cycles?: number;
  design?: string;
  levers?: ShareLever[];
  samples?: number;
  trajectories?: number;
  gridLevels?: number;
  metrics?: string[];
  coherenceMin?: string;
  innovationMin?: string;
}

export type Share = ExploreShare | CompareShare | ExperimentShare | { view: 'exercise' };

/** Keys of the fragment that are not parameter names. No registry parameter may use them. */
export const RESERVED = ['s', 'seed', 'reps', 'cycles'] as const;
const LETTERS = ['a', 'b', 'c', 'd'] as const;

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Text from a link as a value: JSON-style numbers become numbers, anything else stays text. */
export function valueOf(text: string): Value {
  return NUMBER.test(text) ? Number(text) : text;
}

function put(q: URLSearchParams, key: string, v: Value | undefined): void {
  if (v !== undefined) q.set(key, typeof v === 'number' ? JSON.stringify(v) : v);
}

function sortedEntries(params: Record<string, Value>): [string, Value][] {
  return Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The fragment (with its leading '#') for a share state. */
export function encodeShare(share: Share): string {
  const q = new URLSearchParams();
  if (share.view === 'explore') {
    q.set('s', share.scenario);
    put(q, 'seed', share.seed);
    put(q, 'reps', share.replicates);
    put(q, 'cycles', share.cycles);
    for (const [k, v] of sortedEntries(share.params)) put(q, k, v);
  } else if (share.view === 'compare') {
    put(q, 'seed', share.seed);
    put(q, 'reps', share.replicates);
    put(q, 'cycles', share.cycles);
    share.columns.slice(0, 4).forEach((c, i) => {
      const l = LETTERS[i]!;
      q.set(l, c.scenario);
      for (const [k, v] of sortedEntries(c.params)) put(q, `${l}.${k}`, v);
    });
  } else if (share.view === 'experiment') {
    put(q, 'x', share.source);
    put(q, 's', share.scenario);
    put(q, 'seed', share.seed);
    put(q, 'reps', share.replicates);
    put(q, 'cycles', share.cycles);
    put(q, 'd', share.design);
    for (const p of share.levers ?? []) q.append('p', [p.name, p.min, p.max, p.levels].map(String).join(':'));
    put(q, 'n', share.samples);
    put(q, 't', share.trajectories);
    put(q, 'l', share.gridLevels);
    if (share.metrics) q.set('m', share.metrics.join(','));
    if (share.coherenceMin) q.set('cmin', share.coherenceMin);
    if (share.innovationMin) q.set('imin', share.innovationMin);
  }
  const query = q.toString();
  return `#/${share.view}${query ? `?${query}` : ''}`;
}

/** The counts a link may set in each view: the same bounds as the view's own inputs. */
export const COUNT_LIMITS = {
  explore: { seed: [0, 4294967295], reps: [1, 100], cycles: [1, 2000] },
  compare: { seed: [0, 4294967295], reps: [2, 200], cycles: [1, 2000] },
  experiment: { seed: [0, 4294967295], reps: [1, 100000], cycles: [1, 100000] },
} as const satisfies Record<
  'explore' | 'compare' | 'experiment',
  Record<'seed' | 'reps' | 'cycles', readonly [number, number]>
>;

/**
 * One part of a link that was not used, for a notice that names it: a count that is not a whole
 * number (`whole`) or is outside the view's bounds (`range`, with them), a view that does not exist
 * (`view`), a key the view has no use for (`ignored`), a scenario that is not bundled (`scenario`).
 */
export type ShareProblem =
  | { kind: 'whole'; key: Counted; value: string }
  | { kind: 'range'; key: Counted; value: string; min: number; max: number }
  | { kind: 'view'; key: 'view'; value: string }
  | { kind: 'ignored'; key: string; value: string }
  | { kind: 'scenario'; key: string; value: string };

type Counted = 'seed' | 'reps' | 'cycles' | 'n' | 't' | 'l';

function count(
  q: URLSearchParams,
  key: Counted,
  [min, max]: readonly [number, number],
  problems: ShareProblem[],
): number | undefined {
  const text = q.get(key);
  if (text === null) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v)) problems.push({ kind: 'whole', key, value: text });
  else if (v < min || v > max) problems.push({ kind: 'range', key, value: text, min, max });
  else return v;
  return undefined;
}

/**
 * Parse a fragment. An unknown view falls back to Explore; a count that is malformed or outside the
 * view's bounds is not used; keys the view has no use for are dropped. Each of these is reported
 * (the app names them in a notice), never silently replaced.
 */
export function decodeShare(hash: string, defaultScenario: string): { share: Share; problems: ShareProblem[] } {
  const problems: ShareProblem[] = [];
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = h.split('?', 2) as [string?, string?];
  const name = path.replace(/^\//, '');
  const known = (VIEWS as readonly string[]).includes(name);
  if (!known && name !== '') problems.push({ kind: 'view', key: 'view', value: name });
  const view: View = known ? (name as View) : 'explore';
  const q = new URLSearchParams(query);
  if (view === 'experiment') return { share: decodeExperiment(q, problems), problems };
  if (view === 'exercise') {
    for (const [k, v] of q) problems.push({ kind: 'ignored', key: k, value: v });
    return { share: { view }, problems };
  }
  const limits = COUNT_LIMITS[view];
  const seed = count(q, 'seed', limits.seed, problems);
  const replicates = count(q, 'reps', limits.reps, problems);
  const cycles = count(q, 'cycles', limits.cycles, problems);
  const common = {
    ...(seed !== undefined ? { seed } : {}),
    ...(replicates !== undefined ? { replicates } : {}),
    ...(cycles !== undefined ? { cycles } : {}),
  };
  if (view === 'explore') {
    const params: Record<string, Value> = {};
    for (const [k, v] of q) if (!(RESERVED as readonly string[]).includes(k)) params[k] = valueOf(v);
    return { share: { view, scenario: q.get('s') ?? defaultScenario, ...common, params }, problems };
  }
  // Compare: columns a–d, each a scenario and its levers (`b.autonomy`); a lone column is not a comparison.
  const columns: CompareShare['columns'] = [];
  for (const [k, v] of q) {
    const letter = /^([a-d])(\.|$)/.exec(k)?.[1];
    if (!['seed', 'reps', 'cycles'].includes(k) && (letter === undefined || q.get(letter) === null))
      problems.push({ kind: 'ignored', key: k, value: v });
  }
  for (const l of LETTERS) {
    const scenario = q.get(l);
    if (scenario === null) continue;
    const params: Record<string, Value> = {};
    for (const [k, v] of q) if (k.startsWith(`${l}.`)) params[k.slice(2)] = valueOf(v);
    columns.push({ scenario, params });
  }
  if (columns.length === 1)
    problems.push({ kind: 'ignored', key: LETTERS.find((l) => q.get(l) !== null)!, value: columns[0]!.scenario });
  return { share: { view, ...common, columns }, problems };
}

const EXPERIMENT_KEYS = ['x', 's', 'seed', 'reps', 'cycles', 'd', 'p', 'n', 't', 'l', 'm', 'cmin', 'imin'];
const LEVER = /^([A-Za-z_][A-Za-z0-9_]*):([^:]+):([^:]+):([^:]+)$/;

/** The Experiment part of a link: counts as in the other views, each lever `name:min:max:levels`. */
function decodeExperiment(q: URLSearchParams, problems: ShareProblem[]): ExperimentShare {
  const limits = COUNT_LIMITS.experiment;
  const out: ExperimentShare = { view: 'experiment' };
  for (const [k, v] of q) if (!EXPERIMENT_KEYS.includes(k)) problems.push({ kind: 'ignored', key: k, value: v });
  const text = (k: string) => q.get(k) ?? undefined;
  const set = <K extends keyof ExperimentShare>(key: K, v: ExperimentShare[K] | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set('source', text('x'));
  set('scenario', text('s'));
  set('seed', count(q, 'seed', limits.seed, problems));
  set('replicates', count(q, 'reps', limits.reps, problems));
  set('cycles', count(q, 'cycles', limits.cycles, problems));
  set('design', text('d'));
  set('samples', count(q, 'n', [1, 100000], problems));
  set('trajectories', count(q, 't', [2, 10000], problems));
  set('gridLevels', count(q, 'l', [2, 100], problems));
  if (q.has('p')) {
    const levers: ShareLever[] = [];
    for (const v of q.getAll('p')) {
      const m = LEVER.exec(v);
      const [min, max, levels] = m ? [Number(m[2]), Number(m[3]), Number(m[4])] : [NaN, NaN, NaN];
      if (m && Number.isFinite(min) && Number.isFinite(max) && Number.isInteger(levels) && levels >= 1)
        levers.push({ name: m[1]!, min, max, levels });
      else problems.push({ kind: 'ignored', key: 'p', value: v });
    }
    out.levers = levers;
  }
  const metrics = text('m');
  if (metrics !== undefined) out.metrics = metrics.split(',').filter((x) => x !== '');
  set('coherenceMin', text('cmin'));
  set('innovationMin', text('imin'));
  return out;
}
