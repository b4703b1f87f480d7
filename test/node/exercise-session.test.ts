import { describe, expect, it } from 'vitest';
import { resultChecksum } from '../../sim/engine/canonical.ts';
import { ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { loadBundledExercise } from '../../sim/exercise/bundled.ts';
import { buildDebrief } from '../../sim/exercise/debrief.ts';
import { exerciseScenario } from '../../sim/exercise/levers.ts';
import { modelRuns } from '../../sim/exercise/modelRuns.ts';
import { logDecisions, replayExercise } from '../../sim/exercise/replay.ts';
import { compareRuns, readResult, resultFile } from '../../sim/exercise/results.ts';
import { DecisionLogError } from '../../sim/exercise/runner.ts';
import { resumeExercise } from '../../sim/exercise/save.ts';
import { createExerciseSession, type ExerciseSession } from '../../sim/exercise/session.ts';
import type { DecisionItem, DecisionValue } from '../../sim/exercise/types.ts';
import { governanceModel } from '../../sim/model/governance.ts';

const centre = loadBundledExercise('coastal-window-strict');
const province = loadBundledExercise('border-shock-lang-son');

type Policy = (item: DecisionItem, round: number) => DecisionValue;
const asModel: Policy = (item) => item.modelChoice;

/** Play to the end, answering each round's items (found again after each answer) with `policy`. */
function playOut(
  s: ExerciseSession,
  policy: Policy,
  levers?: (round: number) => Record<string, number> | null,
): ExerciseSession {
  while (!s.finished) {
    const lv = levers?.(s.round);
    if (lv) s.setLevers(lv);
    for (let open = s.undecided(); open.length > 0; open = s.undecided())
      s.decide(open[0]!.key, policy(open[0]!, s.round));
    s.commit();
  }
  return s;
}

/** The issues of the ScenarioError `f` throws (fails the test when it throws anything else or nothing). */
function issuesOf(f: () => unknown): Issue[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('exercise session and decision-log replay', () => {
  it('a participant who answers as the model would plays exactly the twin: runScenario on replicate 0', () => {
    const s = playOut(createExerciseSession(centre), asModel);
    const twin = runScenario(governanceModel, centre.scenario, {
      seed: centre.seed,
      replicate: 0,
      cycles: centre.rounds,
      events: true,
    });
    expect(s.run().record).toEqual(twin);
    expect(s.run().checksum).toBe(resultChecksum(twin));
    expect(s.log().rounds).toHaveLength(centre.rounds);
  });

  it('replayExercise(exercise, log) reproduces the run record and checksum exactly, lever changes included', () => {
    const reject: Policy = (item) => (item.kind === 'pilot' ? false : true);
    const s = playOut(createExerciseSession(centre), reject, (r) =>
      r === 2 ? { monitoring: 0.6, approvalStrictness: 0.3 } : null,
    );
    const log = s.log();
    expect(log.rounds[1]!.levers).toEqual({ monitoring: 0.6, approvalStrictness: 0.3 });
    const replay = replayExercise(centre, log);
    expect(replay.record).toEqual(s.run().record);
    expect(replay.checksum).toBe(s.run().checksum);
    expect(replay.decisions).toEqual(s.trail());
    // …and it is the engine's own run of that scenario with those decisions.
    const engine = runScenario(governanceModel, exerciseScenario(centre, log), {
      seed: centre.seed,
      replicate: 0,
      cycles: centre.rounds,
      events: true,
      decisions: logDecisions(centre, log),
    });
    expect(resultChecksum(engine)).toBe(replay.checksum);
    expect(
      replay.record.events!.some((e) => e.code === 'setParam' && e.cycle === 2 && e.args.param === 'monitoring'),
    ).toBe(true);
    // A JSON round trip of the log changes nothing.
    expect(replayExercise(centre, JSON.parse(JSON.stringify(log))).checksum).toBe(replay.checksum);
  });

  it("a changed decision changes the outcome and shifts no stream: the round's other items and the environment are untouched", () => {
    const a = playOut(createExerciseSession(centre), asModel);
    const trail = a.trail();
    // The first round whose pilot decision changes the run when flipped.
    const candidates = trail.filter((d) => d.kind === 'pilot');
    expect(candidates.length).toBeGreaterThan(0);
    let flipped: { b: ExerciseSession; round: number; key: string } | null = null;
    for (const d of candidates) {
      const b = a.branch(d.round - 1);
      for (let open = b.undecided(); open.length > 0; open = b.undecided()) {
        const item = open[0]!;
        b.decide(item.key, item.key === d.key ? !d.value : item.modelChoice);
      }
      b.commit();
      playOut(b, asModel);
      if (b.run().checksum !== a.run().checksum) {
        flipped = { b, round: d.round, key: d.key };
        break;
      }
    }
    expect(flipped).not.toBeNull();
    const { b, round, key } = flipped!;
    const ra = a.run().record;
    const rb = b.run().record;
    // Before the round the runs are one; in the flipped round every other item saw the same inputs.
    expect(rb.series.coherence!.slice(0, round - 1)).toEqual(ra.series.coherence!.slice(0, round - 1));
    const inputs = (t: ReturnType<ExerciseSession['trail']>) =>
      t.filter((d) => d.round === round && d.key !== key).map(({ value: _v, ...rest }) => rest);
    expect(inputs(b.trail())).toEqual(inputs(trail));
    // The environment stream draws alike whatever the centre decides (common random numbers).
    for (const m of ['threat', 'shocks', 'windowsOpened']) expect(rb.series[m]).toEqual(ra.series[m]);
    // The branch's own log replays to the branch.
    expect(replayExercise(centre, b.log()).checksum).toBe(b.run().checksum);
  });

  it("the province role: the participant's allocation and pilot choices replace the model's for the province played only", () => {
    const s = createExerciseSession(province);
    expect(s.items().map((i) => i.key)).toEqual(['allocate']);
    const alloc = s.items()[0]!;
    expect(alloc.kind === 'allocate' && alloc.provinceId).toBe('lang-son');
    playOut(s, (item) => (item.kind === 'allocate' ? [6, 2, 2] : false));
    const run = s.run();
    expect(run.province!.final.pilotsProposed).toBe(0);
    expect(s.trail().filter((d) => d.kind === 'allocate')).toHaveLength(province.rounds);
    expect(replayExercise(province, s.log()).checksum).toBe(run.checksum);
    const twin = runScenario(governanceModel, province.scenario, {
      seed: province.seed,
      replicate: 0,
      cycles: province.rounds,
      events: true,
    });
    expect(run.checksum).not.toBe(resultChecksum(twin));
  });

  it('a half-played exercise survives a JSON round trip (exercise + log + draft) and continues identically', () => {
    const s = createExerciseSession(centre);
    for (let r = 1; r <= 3; r++) {
      for (let open = s.undecided(); open.length > 0; open = s.undecided())
        s.decide(open[0]!.key, open[0]!.kind !== 'agreement');
      s.commit();
    }
    s.setLevers({ monitoring: 0.5 });
    const first = s.items()[0]!;
    s.decide(first.key, false);
    const saved = JSON.parse(JSON.stringify(s.save()));
    expect(saved.round).toBe(4);
    const resumed = resumeExercise(saved);
    expect(resumed.round).toBe(4);
    expect(resumed.draft()).toEqual(s.draft());
    expect(resumed.items()).toEqual(s.items());
    const policy: Policy = (item) => item.kind === 'pilot';
    expect(playOut(resumed, policy).run().checksum).toBe(playOut(s, policy).run().checksum);
    expect(() => resumeExercise({ ...saved, round: 7 })).toThrow(ScenarioError);
    const bad = issuesOf(() => resumeExercise({ ...saved, kind: 'x', exercise: { ...saved.exercise, rounds: 0 } }));
    expect(bad[0]!.path).toBe('kind');
    expect(bad.slice(1).map((i) => i.path)).toContain('exercise.rounds');
  });

  it("resolveUndecided applies the time limit's rule and marks the items in the log", () => {
    for (const rule of ['approve', 'reject', 'model'] as const) {
      const s = createExerciseSession(centre);
      const items = s.items();
      s.decide(items[0]!.key, true);
      const keys = s.resolveUndecided(rule);
      expect(keys).toEqual(items.slice(1).map((i) => i.key));
      s.commit();
      const round = s.log().rounds[0]!;
      expect(round.timedOut).toEqual(keys);
      for (const item of items.slice(1)) {
        expect(round.decisions[item.key]).toBe(
          rule === 'approve' ? true : rule === 'reject' ? false : item.modelChoice,
        );
      }
    }
    const p = createExerciseSession(province);
    p.resolveUndecided('reject');
    expect(p.draft().decisions.allocate).toEqual((p.items()[0] as { proposed: number[] }).proposed);
  });

  it('a log that does not fit its exercise is refused: a decision that never comes up, or an item with none', () => {
    const s = createExerciseSession(centre);
    playOut(s, asModel);
    const log = s.log();
    const extra = JSON.parse(JSON.stringify(log));
    extra.rounds[0].decisions['pilot:999999'] = true;
    expect(() => replayExercise(centre, extra)).toThrow(DecisionLogError);
    const missing = JSON.parse(JSON.stringify(log));
    const k = Object.keys(missing.rounds[0].decisions)[0]!;
    delete missing.rounds[0].decisions[k];
    expect(() => replayExercise(centre, missing)).toThrow(/no decision for/);
    expect(() => s.commit()).toThrow(/finished/);
  });
});

describe('debrief and result files', () => {
  const s = playOut(createExerciseSession(centre), (item) => (item.kind === 'agreement' ? true : item.modelChoice));
  const models = modelRuns(centre, 0, 12);

  it("buildDebrief places each metric among the model's runs and differences it to the paired twin", () => {
    const d = buildDebrief(centre, s.run(), s.log(), s.trail(), models);
    expect(d.replicates).toBe(12);
    expect(d.checksum).toBe(s.run().checksum);
    const twin = models[0]!;
    for (const row of d.metrics.filter((r) => r.scope === 'national')) {
      expect(row.percentile).toBeGreaterThanOrEqual(0);
      expect(row.percentile).toBeLessThanOrEqual(100);
      expect(row.difference).toBeCloseTo(row.participant - twin.final[row.metric]!, 12);
    }
    expect(d.objectives).toHaveLength(centre.objectives.length);
    expect(d.plane.band.coherence).toHaveLength(centre.rounds);
    expect(d.plane.participant.coherence).toEqual(s.run().record.series.coherence);
    const approvals = d.timeline.filter((e) => e.code === 'decision.agreement.approved');
    expect(approvals.length).toBeGreaterThan(0);
    expect(approvals.every((e) => e.consequences.some((c) => c.code === 'agreement.signed'))).toBe(true);
    expect(d.timeline.some((e) => e.kind === 'event' && e.code === 'window.open' && e.round === 3)).toBe(true);
  });

  it('the model-policy participant is 0 from the twin on every metric', () => {
    const m = playOut(createExerciseSession(centre), asModel);
    const d = buildDebrief(centre, m.run(), m.log(), m.trail(), models);
    expect(d.metrics.every((r) => r.difference === 0)).toBe(true);
  });

  it('a result file is verified by replaying its log; a wrong checksum or another exercise is refused', () => {
    const file = JSON.parse(JSON.stringify(resultFile(centre, s.run(), s.log(), 'Team A')));
    const read = readResult(file, centre);
    expect(read.team).toBe('Team A');
    expect(read.run.checksum).toBe(s.run().checksum);
    expect(() => readResult({ ...file, checksum: '00000000' })).toThrow(/checksum: does not match/);
    expect(() => readResult(file, province)).toThrow(/workshop's exercise/);
    // A broken embedded exercise: the file's own problems first, then the exercise's under `exercise.`.
    const broken = issuesOf(() => readResult({ ...file, team: 7, exercise: { ...file.exercise, rounds: -1 } }));
    expect(broken[0]).toEqual({ path: 'team', value: 7, rule: 'must be a text of at most 80 characters' });
    expect(broken.slice(1).map((i) => i.path)).toContain('exercise.rounds');
    expect(issuesOf(() => readResult({ ...file, exercise: 'x' })).map((i) => i.path)).toEqual(['exercise']);
    const cmp = compareRuns(
      centre,
      [
        { label: 'A', run: read.run, log: read.log },
        {
          label: 'model',
          run: replayExercise(centre, playOut(createExerciseSession(centre), asModel).log()),
          log: s.log(),
        },
      ],
      models,
    );
    expect(cmp.runs).toHaveLength(2);
    expect(cmp.keys.slice(0, 4)).toEqual(centre.objectives.map((o) => o.metric));
    expect(cmp.runs[1]!.values.coherence!.difference).toBe(0);
  });
});
