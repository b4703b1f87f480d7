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

export type Share = ExploreShare | CompareShare | { view: 'experiment' } | { view: 'exercise' };

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
  }
  const query = q.toString();
  return `#/${share.view}${query ? `?${query}` : ''}`;
}

function whole(text: string | null, key: string, problems: string[]): number | undefined {
  if (text === null) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 0) {
    problems.push(`${key}: must be a whole number ≥ 0 (got ${JSON.stringify(text)})`);
    return undefined;
  }
  return v;
}

/** Parse a fragment. Unknown views fall back to Explore; malformed counts are reported, not used. */
export function decodeShare(hash: string, defaultScenario: string): { share: Share; problems: string[] } {
  const problems: string[] = [];
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = h.split('?', 2) as [string?, string?];
  const name = path.replace(/^\//, '');
  const view: View = (VIEWS as readonly string[]).includes(name) ? (name as View) : 'explore';
  const q = new URLSearchParams(query);
  const seed = whole(q.get('seed'), 'seed', problems);
  const replicates = whole(q.get('reps'), 'reps', problems);
  const cycles = whole(q.get('cycles'), 'cycles', problems);
  const common = { ...(seed !== undefined ? { seed } : {}), ...(replicates !== undefined ? { replicates } : {}), ...(cycles !== undefined ? { cycles } : {}) };
  if (view === 'explore') {
    const params: Record<string, Value> = {};
    for (const [k, v] of q) if (!(RESERVED as readonly string[]).includes(k)) params[k] = valueOf(v);
    return { share: { view, scenario: q.get('s') ?? defaultScenario, ...common, params }, problems };
  }
  if (view === 'compare') {
    const columns: CompareShare['columns'] = [];
    for (const l of LETTERS) {
      const scenario = q.get(l);
      if (scenario === null) continue;
      const params: Record<string, Value> = {};
      for (const [k, v] of q) if (k.startsWith(`${l}.`)) params[k.slice(2)] = valueOf(v);
      columns.push({ scenario, params });
    }
    return { share: { view, ...common, columns }, problems };
  }
  return { share: { view: view === 'exercise' ? 'exercise' : 'experiment' }, problems };
}
