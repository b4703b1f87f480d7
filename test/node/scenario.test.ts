import { describe, expect, it } from 'vitest';
import { bundledContext, loadScenario } from '../../sim/context.ts';
import { ScenarioError, formatIssue } from '../../sim/engine/errors.ts';
import { parseScenario } from '../../sim/engine/scenario.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';

const vn34 = BUNDLED_SCENARIOS['vn34-2025'] as Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function issuesOf(raw: unknown): { path: string; rule: string; value: unknown }[] {
  try {
    parseScenario(raw, bundledContext);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  return [];
}

describe('parseScenario', () => {
  it('every bundled scenario validates', () => {
    for (const [name, raw] of Object.entries(BUNDLED_SCENARIOS)) expect(issuesOf(raw), name).toEqual([]);
  });
  it('vn34-2025 holds the 34 units of 2025: 6 cities, 22 border, 21 coastal, 3 interior', () => {
    const provinces = loadScenario(vn34).data.provinces as { flags: string[] }[];
    expect(provinces).toHaveLength(34);
    expect(provinces.filter((p) => p.flags.includes('M'))).toHaveLength(6);
    expect(provinces.filter((p) => p.flags.some((f) => f.startsWith('B')))).toHaveLength(22);
    expect(provinces.filter((p) => p.flags.includes('C'))).toHaveLength(21);
    expect(provinces.filter((p) => p.flags.length === 0)).toHaveLength(3);
  });
  it('names params.autonomy with its value when autonomy is 1.7', () => {
    const raw = { ...clone(vn34), params: { autonomy: 1.7 } };
    const issues = issuesOf(raw);
    expect(issues.map(formatIssue)).toEqual(['params.autonomy: must be in [0, 1] (got 1.7)']);
  });
  // One failing example per rule.
  const cases: [string, (r: Record<string, any>) => void, string][] = [
    [
      'formatVersion',
      (r) => {
        r.formatVersion = 2;
      },
      'formatVersion',
    ],
    [
      'name',
      (r) => {
        r.name = 'bad name!';
      },
      'name',
    ],
    [
      'unknown key',
      (r) => {
        r.colour = 'red';
      },
      'colour',
    ],
    [
      'model',
      (r) => {
        r.model = 'nope';
      },
      'model',
    ],
    [
      'extends',
      (r) => {
        r.extends = 'nope';
      },
      'extends',
    ],
    [
      'description',
      (r) => {
        r.description = 5;
      },
      'description',
    ],
    [
      'params object',
      (r) => {
        r.params = [1];
      },
      'params',
    ],
    [
      'unknown param',
      (r) => {
        r.params = { autonomyy: 0.5 };
      },
      'params.autonomyy',
    ],
    [
      'param type',
      (r) => {
        r.params = { autonomy: '0.5' };
      },
      'params.autonomy',
    ],
    [
      'integer param',
      (r) => {
        r.params = { feedbackDelay: 1.5 };
      },
      'params.feedbackDelay',
    ],
    [
      'choice param',
      (r) => {
        r.params = { lineScope: 'regional' };
      },
      'params.lineScope',
    ],
    [
      'weights sum',
      (r) => {
        r.params = { weightNational: 0.8, weightType: 0.3 };
      },
      'params.weightType',
    ],
    [
      'interactions ≤ N−1',
      (r) => {
        r.params = { dimensions: 6, interactions: 6 };
      },
      'params.interactions',
    ],
    [
      'exploration bounds',
      (r) => {
        r.params = { explorationMin: 0.7, explorationMax: 0.5 };
      },
      'params.explorationMin',
    ],
    [
      'events array',
      (r) => {
        r.events = {};
      },
      'events',
    ],
    [
      'event cycle',
      (r) => {
        r.events = [{ cycle: 0, kind: 'shock', target: 'border' }];
      },
      'events[0].cycle',
    ],
    [
      'event kind',
      (r) => {
        r.events = [{ cycle: 1, kind: 'earthquake' }];
      },
      'events[0].kind',
    ],
    [
      'shock target',
      (r) => {
        r.events = [{ cycle: 1, kind: 'shock', target: 'mars' }];
      },
      'events[0].target',
    ],
    [
      'window partner',
      (r) => {
        r.events = [{ cycle: 1, kind: 'window', partner: 'nobody' }];
      },
      'events[0].partner',
    ],
    [
      'setParam param',
      (r) => {
        r.events = [{ cycle: 1, kind: 'setParam', param: 'dimensions', value: 8 }];
      },
      'events[0].param',
    ],
    [
      'setParam value',
      (r) => {
        r.events = [{ cycle: 1, kind: 'setParam', param: 'autonomy', value: 2 }];
      },
      'events[0].value',
    ],
    [
      'goalShift goals',
      (r) => {
        r.events = [{ cycle: 1, kind: 'goalShift', goals: { security: 0, development: 0, prestige: 0 } }];
      },
      'events[0].goals',
    ],
    [
      'directive target',
      (r) => {
        r.events = [{ cycle: 1, kind: 'directive', target: 'x', emphasis: 'security', strength: 0.5 }];
      },
      'events[0].target',
    ],
    [
      'directive emphasis',
      (r) => {
        r.events = [{ cycle: 1, kind: 'directive', target: 'all', emphasis: 'wealth', strength: 0.5 }];
      },
      'events[0].emphasis',
    ],
    [
      'event field',
      (r) => {
        r.events = [{ cycle: 1, kind: 'shock', target: 'border', size: 2 }];
      },
      'events[0].size',
    ],
    [
      'meta',
      (r) => {
        r.meta = 'x';
      },
      'meta',
    ],
    [
      'provinces',
      (r) => {
        r.provinces = [];
      },
      'provinces',
    ],
    [
      'province id',
      (r) => {
        r.provinces[0].id = 'Hà Nội';
      },
      'provinces[0].id',
    ],
    [
      'province id unique',
      (r) => {
        r.provinces[1].id = r.provinces[0].id;
      },
      'provinces[1].id',
    ],
    [
      'province flags',
      (r) => {
        r.provinces[2].flags = ['X'];
      },
      'provinces[2].flags',
    ],
    [
      'province pop',
      (r) => {
        r.provinces[3].pop = -2;
      },
      'provinces[3].pop',
    ],
    [
      'province area',
      (r) => {
        r.provinces[3].area = 0;
      },
      'provinces[3].area',
    ],
    [
      'province openness',
      (r) => {
        r.provinces[4].openness = 1.5;
      },
      'provinces[4].openness',
    ],
    [
      'province name',
      (r) => {
        r.provinces[5].name = '';
      },
      'provinces[5].name',
    ],
    [
      'province key',
      (r) => {
        r.provinces[5].gdp = 1;
      },
      'provinces[5].gdp',
    ],
    [
      'partners',
      (r) => {
        r.partners = 'x';
      },
      'partners',
    ],
    [
      'partner name',
      (r) => {
        r.partners[0].name = 'x';
      },
      'partners[0].name',
    ],
    [
      'partner receptivity',
      (r) => {
        r.partners[1].receptivity = 2;
      },
      'partners[1].receptivity',
    ],
    [
      'partner affinity',
      (r) => {
        r.partners[1].affinity.city = -1;
      },
      'partners[1].affinity.city',
    ],
    [
      'partner channels',
      (r) => {
        r.partners[1].channels = null;
      },
      'partners[1].channels',
    ],
  ];
  for (const [rule, mutate, path] of cases) {
    it(`rejects a bad ${rule}, naming ${path}`, () => {
      const raw = clone(vn34);
      mutate(raw as Record<string, any>);
      expect(issuesOf(raw).map((i) => i.path)).toContain(path);
    });
  }
  it('1,000+ fuzzed scenarios, each breaking one field of a valid file, are rejected naming that field', () => {
    // Every leaf of vn34-2025 (and a few params) is replaced in turn by each of several bad values.
    const leaves: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (Array.isArray(v) && path.at(-1) !== 'flags') v.forEach((x, i) => walk(x, [...path, String(i)]));
      else if (v !== null && typeof v === 'object' && !Array.isArray(v))
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      else leaves.push(path);
    };
    const base = clone(vn34);
    delete (base as Record<string, unknown>).meta;
    walk({ ...base, params: { autonomy: 0.3, feedbackDelay: 1, lineScope: 'byType', monitoring: 0.5 } }, []);
    const bad = [null, -1e9, 'x', [], { a: 1 }, Number.NaN, Number.POSITIVE_INFINITY];
    let checked = 0;
    for (const path of leaves) {
      if (path.at(-1) === 'note' || path.at(-1) === 'description' || path[0] === 'description') continue;
      for (const value of bad) {
        const raw = clone({
          ...base,
          params: { autonomy: 0.3, feedbackDelay: 1, lineScope: 'byType', monitoring: 0.5 },
        }) as Record<string, any>;
        let o = raw;
        for (const k of path.slice(0, -1)) o = o[k];
        const last = path.at(-1)!;
        const before = o[last];
        if (typeof before === 'string' && typeof value === 'string') continue; // a different string may still be valid
        if (last === 'flags' && Array.isArray(value)) continue; // no flags is valid: an interior unit
        o[last] = value;
        const want = path.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
        const paths = issuesOf(raw).map((i) => i.path);
        expect(
          paths.some((p) => p === want || want.startsWith(`${p}.`) || want.startsWith(`${p}[`)),
          `${want} = ${String(value)} → ${paths.join('; ')}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(1000);
  });
});
