import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/context.ts';
import { ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { BUNDLED_EXERCISES, loadBundledExercise } from '../../sim/exercise/bundled.ts';
import { parseDecisionLog } from '../../sim/exercise/decisionLog.ts';
import { DEFAULT_CENTRE_LEVERS, isParticipantLever } from '../../sim/exercise/levers.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';

const base = () =>
  JSON.parse(readFileSync('scenarios/exercises/coastal-window-strict.json', 'utf8')) as Record<string, any>;
const province = () =>
  JSON.parse(readFileSync('scenarios/exercises/border-shock-lang-son.json', 'utf8')) as Record<string, any>;

function issuesOf(raw: unknown): Issue[] {
  try {
    parseExercise(raw);
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues;
    throw err;
  }
  return [];
}

/** The one issue at `path` (a rule is reported where it is broken, with the value found). */
function issueAt(raw: unknown, path: string): Issue {
  const all = issuesOf(raw);
  const found = all.find((i) => i.path === path);
  if (!found) throw new Error(`no issue at ${path}; got ${all.map((i) => i.path).join(', ') || 'none'}`);
  return found;
}

describe('parseExercise: the bundled exercises', () => {
  it('every file in scenarios/exercises validates and is bundled', () => {
    const files = readdirSync('scenarios/exercises').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const ex = parseExercise(JSON.parse(readFileSync(`scenarios/exercises/${f}`, 'utf8')));
      expect(`${ex.id}.json`).toBe(f);
      expect(Object.keys(BUNDLED_EXERCISES)).toContain(ex.id);
    }
  });
  it("loadBundledExercise merges the scripted events after the scenario's own and resolves the province", () => {
    const ex = loadBundledExercise('border-shock-lang-son');
    expect(ex.role).toBe('province');
    expect(ex.province).toBe('lang-son');
    expect((ex.scenario.data.provinces as { id: string }[])[ex.provinceIndex!]!.id).toBe('lang-son');
    expect(ex.scenario.events.slice(-3)).toEqual(ex.events);
    expect(ex.levers).toEqual([]);
    const centre = loadBundledExercise('coastal-window-strict');
    expect(centre.levers).toEqual([...DEFAULT_CENTRE_LEVERS]);
    expect(centre.scenario.params.approvalStrictness).toBe(0.7);
    expect(centre.hash).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('parseExercise: each rule, with a failing example', () => {
  const cases: [string, (r: Record<string, any>) => void, string, RegExp][] = [
    ['not an object', () => undefined, '', /JSON object/],
    [
      'an unknown field',
      (r) => {
        r.colour = 'red';
      },
      'colour',
      /not an exercise field/,
    ],
    [
      'formatVersion',
      (r) => {
        r.formatVersion = 2;
      },
      'formatVersion',
      /must be 1/,
    ],
    [
      'kind',
      (r) => {
        r.kind = 'scenario';
      },
      'kind',
      /concerto-exercise/,
    ],
    [
      'id',
      (r) => {
        r.id = 'Bad Id';
      },
      'id',
      /lowercase/,
    ],
    [
      'title in both languages',
      (r) => {
        r.title = { en: 'Only English' };
      },
      'title',
      /"en".*"vi"/,
    ],
    [
      'briefing not empty',
      (r) => {
        r.briefing = { en: '', vi: 'x' };
      },
      'briefing',
      /1–4000/,
    ],
    [
      'role',
      (r) => {
        r.role = 'mayor';
      },
      'role',
      /centre \| province/,
    ],
    [
      'seed',
      (r) => {
        r.seed = -1;
      },
      'seed',
      /whole number/,
    ],
    [
      'rounds',
      (r) => {
        r.rounds = 1;
      },
      'rounds',
      /\[2, 60\]/,
    ],
    [
      'scenario names a bundled scenario',
      (r) => {
        r.scenario = 'atlantis';
      },
      'scenario',
      /bundled scenario/,
    ],
    [
      'scenario must be a governance scenario',
      (r) => {
        r.scenario = 'march1991';
      },
      'scenario',
      /governance/,
    ],
    [
      "an inline scenario's own problems",
      (r) => {
        r.scenario.params.autonomy = 1.7;
      },
      'scenario.params.autonomy',
      /\[0, 1\]/,
    ],
    [
      'events are an array',
      (r) => {
        r.events = {};
      },
      'events',
      /array/,
    ],
    [
      'an event kind',
      (r) => {
        r.events[0].kind = 'earthquake';
      },
      'events[0].kind',
      /shock \| window/,
    ],
    [
      "an event field, under the exercise's numbering",
      (r) => {
        r.events[1].partner = 'atlantis';
      },
      'events[1].partner',
      /partner/,
    ],
    [
      'an event after the last round',
      (r) => {
        r.events[0].cycle = 11;
      },
      'events[0].cycle',
      /≤ rounds/,
    ],
    [
      'objectives are an array',
      (r) => {
        r.objectives = 'win';
      },
      'objectives',
      /array/,
    ],
    [
      'an objective metric',
      (r) => {
        r.objectives[0].metric = 'happiness';
      },
      'objectives[0].metric',
      /coherence/,
    ],
    [
      'an objective target',
      (r) => {
        r.objectives[0].target = 'high';
      },
      'objectives[0].target',
      /finite/,
    ],
    [
      'an objective direction',
      (r) => {
        r.objectives[0].direction = 'up';
      },
      'objectives[0].direction',
      /atLeast \| atMost/,
    ],
    [
      'an objective text',
      (r) => {
        r.objectives[0].text = 'Miss few';
      },
      'objectives[0].text',
      /"en"/,
    ],
    [
      'an objective scope, null is not absent',
      (r) => {
        r.objectives[0].scope = null;
      },
      'objectives[0].scope',
      /"national" or "province"/,
    ],
    [
      'an objective scope',
      (r) => {
        r.objectives[0].scope = 'world';
      },
      'objectives[0].scope',
      /"national" or "province"/,
    ],
    [
      'a province objective needs a province',
      (r) => {
        r.objectives[0].scope = 'province';
        r.objectives[0].metric = 'security';
      },
      'objectives[0].scope',
      /province/,
    ],
    [
      'timeLimit.seconds',
      (r) => {
        r.timeLimit.seconds = 5;
      },
      'timeLimit.seconds',
      /\[10, 3600\]/,
    ],
    [
      'timeLimit.undecided',
      (r) => {
        r.timeLimit.undecided = 'ask';
      },
      'timeLimit.undecided',
      /approve \| reject \| model/,
    ],
    [
      'levers the participant may set',
      (r) => {
        r.levers = ['monitoring', 'dimensions'];
      },
      'levers[1]',
      /numeric lever/,
    ],
    [
      'levers unique',
      (r) => {
        r.levers = ['monitoring', 'monitoring'];
      },
      'levers[1]',
      /unique/,
    ],
    [
      'province must be in the scenario',
      (r) => {
        r.province = 'atlantis';
      },
      'province',
      /province id/,
    ],
    [
      'meta is an object',
      (r) => {
        r.meta = 3;
      },
      'meta',
      /object/,
    ],
  ];
  for (const [name, change, path, rule] of cases) {
    it(`${name}: ${path || '(root)'}`, () => {
      const raw = base();
      change(raw);
      const issue = issueAt(name === 'not an object' ? 'text' : raw, path);
      expect(issue.rule).toMatch(rule);
    });
  }
  it('the province role needs its province, and sets no levers', () => {
    const raw = province();
    delete raw.province;
    raw.levers = ['monitoring'];
    expect(issueAt(raw, 'province').rule).toMatch(/province played/);
    expect(issueAt(raw, 'levers').rule).toMatch(/only the centre/);
  });
  it('objectives[i].scope: null is rejected, the message naming the field and the value', () => {
    const raw = base();
    raw.objectives[0].scope = null;
    const err = (() => {
      try {
        parseExercise(raw);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).issues).toEqual([
      { path: 'objectives[0].scope', value: null, rule: 'must be "national" or "province"' },
    ]);
    expect((err as ScenarioError).message).toBe('objectives[0].scope: must be "national" or "province" (got null)');
    // An absent scope is still national, as documented.
    delete raw.objectives[0].scope;
    expect(parseExercise(raw).objectives[0]!.scope).toBe('national');
  });
  it('reports every problem at once, each with the value found', () => {
    const raw = base();
    raw.seed = 1.5;
    raw.rounds = 99;
    const issues = issuesOf(raw);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['seed', 'rounds']));
    expect(issues.find((i) => i.path === 'seed')!.value).toBe(1.5);
  });
});

describe('participant levers', () => {
  it('every lever a participant may set passes the scenario parser as a setParam event', () => {
    const levers = GOVERNANCE_PARAMS.filter((p) => isParticipantLever(p.name));
    expect(levers.map((p) => p.name)).toEqual(expect.arrayContaining([...DEFAULT_CENTRE_LEVERS]));
    const events = levers.map((p) => ({ cycle: 1, kind: 'setParam', param: p.name, value: p.default }));
    expect(() => loadScenario({ formatVersion: 1, name: 'x', extends: 'vn34-2025', events })).not.toThrow();
  });
});

describe('parseDecisionLog', () => {
  const ex = loadBundledExercise('coastal-window-strict');
  const bad: [unknown, string, RegExp][] = [
    [{ rounds: [{ round: 2, levers: {}, decisions: {} }] }, 'log.rounds[0].round', /must be 1/],
    [
      { rounds: [{ round: 1, levers: { autonomy: 0.5 }, decisions: {} }] },
      'log.rounds[0].levers.autonomy',
      /not a lever of this exercise/,
    ],
    [
      { rounds: [{ round: 1, levers: { monitoring: 2 }, decisions: {} }] },
      'log.rounds[0].levers.monitoring',
      /\[0, 1\]/,
    ],
    [
      { rounds: [{ round: 1, levers: {}, decisions: { allocate: [1, 1, 1] } }] },
      'log.rounds[0].decisions.allocate',
      /centre role/,
    ],
    [
      { rounds: [{ round: 1, levers: {}, decisions: { 'pilot:3': 'yes' } }] },
      'log.rounds[0].decisions.pilot:3',
      /true or false/,
    ],
    [
      { rounds: [{ round: 1, levers: {}, decisions: {}, timedOut: ['pilot:3'] }] },
      'log.rounds[0].timedOut[0]',
      /key of this round/,
    ],
  ];
  for (const [raw, path, rule] of bad) {
    it(`rejects ${path}`, () => {
      try {
        parseDecisionLog(raw, ex);
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(ScenarioError);
        const issue = (err as ScenarioError).issues.find((i) => i.path === path);
        expect(issue?.rule).toMatch(rule);
      }
    });
  }
  it('a province log takes allocations of three shares', () => {
    const prov = loadBundledExercise('border-shock-lang-son');
    expect(
      parseDecisionLog(
        { rounds: [{ round: 1, levers: {}, decisions: { allocate: [2, 1, 1], 'propose:0': true } }] },
        prov,
      ).rounds[0]!.decisions.allocate,
    ).toEqual([2, 1, 1]);
    expect(() =>
      parseDecisionLog({ rounds: [{ round: 1, levers: {}, decisions: { allocate: [0, 0, 0] } }] }, prov),
    ).toThrow(/positive sum/);
  });
});
