import { participantDecisions, type Resolve } from './decide.ts';
import { metricKey } from './debrief.ts';
import { exerciseScenario } from './levers.ts';
import { valueFits } from './replay.ts';
import { runExercise } from './runner.ts';
import type { DecisionLog, DecisionRecord, DecisionValue, Exercise, ExerciseRun } from './types.ts';

/**
 * What one of the participant's choices did: the run replayed on the same draws with only that
 * choice switched to the model's own (a lever change left out, a yes/no decision turned round), and
 * the measured metric of the participant's run minus the metric of that switched run.
 */
export interface DecisionImpact {
  round: number;
  /** 'pilot' | 'agreement' | 'propose' for a yes/no decision, 'allocate' for a province's means, 'lever' for a lever change. */
  kind: 'pilot' | 'agreement' | 'propose' | 'allocate' | 'lever';
  /** The decision's key (`agreement:7`) or the lever's name. */
  key: string;
  provinceId: string | null;
  partner: string | null;
  /** The participant's choice: true/false, the lever's new value, or an allocation in whole percent. */
  value: boolean | number | number[];
  /** For an allocation, the model's proposal in whole percent. */
  model?: number[];
  /** The model's value of the metric key measured (e.g. `value`, `province.security`). */
  metric: string;
  /** participant − switched run (positive: the choice raised the metric). */
  effect: number;
}

/** Shares as whole percentages of their sum. */
const percents = (v: readonly number[]): number[] => {
  const sum = v.reduce((a, b) => a + b, 0);
  return v.map((x) => Math.round((100 * x) / sum));
};

/** Replays allowed at most (each takes a few tens of milliseconds); decisions beyond it are not measured. */
export const MAX_IMPACT_REPLAYS = 40;

/**
 * How a variant of the participant's run is played: the participant's decisions answered by
 * `resolve`, the lever changes of `log`, for `log`'s rounds. A solo exercise plays it alone (the
 * default); a room (sim/exercise/room.ts) plays it with the other seats' logged decisions.
 */
export interface ReplayContext {
  run(log: DecisionLog, resolve: Resolve): ExerciseRun;
}

export function soloReplay(exercise: Exercise): ReplayContext {
  return {
    run: (log, resolve) =>
      runExercise(
        exercise,
        exerciseScenario(exercise, log),
        0,
        participantDecisions(exercise, resolve),
        log.rounds.length,
      ),
  };
}

function finalOf(run: ExerciseRun, key: string): number | null {
  if (run.record.status !== 'ok') return null;
  const v = key.startsWith('province.') ? run.province?.final[key.slice('province.'.length)] : run.record.final[key];
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * The run with the log's decisions, except `override` (a key in a round answered otherwise) and
 * levers left out; any item the log does not answer (a switched decision changes later items) takes
 * the model's own choice, as the twin would.
 */
function variantRun(
  context: ReplayContext,
  log: DecisionLog,
  override: { round: number; key: string; value: DecisionValue } | null,
): ExerciseRun {
  const resolve: Resolve = (item) => {
    if (override && item.round === override.round && item.key === override.key) return override.value;
    const v = log.rounds[item.round - 1]?.decisions[item.key];
    return v !== undefined && valueFits(item, v) ? v : item.modelChoice;
  };
  return context.run(log, resolve);
}

/** The log without one round's change of one lever. */
function withoutLever(log: DecisionLog, round: number, name: string): DecisionLog {
  return {
    rounds: log.rounds.map((r) => {
      if (r.round !== round) return r;
      const levers = { ...r.levers };
      delete levers[name];
      return { ...r, levers };
    }),
  };
}

/**
 * Each of the participant's choices that differed from the model's own (yes/no decisions where the
 * model's draw chose otherwise, allocations other than the model's proposal, and every lever change)
 * with its effect on `metric` measured by a paired replay. Sorted by the size of the effect, largest
 * first; ties keep the order of play. An allocation counts when its whole percentages differ from
 * the model's proposal, and is switched to that proposal. Deterministic: same inputs, same list.
 */
export function decisionImpacts(...args: Parameters<typeof impactSteps>): DecisionImpact[] {
  const steps = impactSteps(...args);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * decisionImpacts one replay at a time: the generator yields after each replay (so a page can keep
 * answering between them) and returns the ranked list.
 */
export function* impactSteps(
  exercise: Exercise,
  log: DecisionLog,
  trail: readonly DecisionRecord[],
  participant: ExerciseRun,
  metric: string,
  context: ReplayContext = soloReplay(exercise),
  maxReplays = MAX_IMPACT_REPLAYS,
): Generator<void, DecisionImpact[], void> {
  const base = finalOf(participant, metric);
  if (base === null) return [];
  const out: (DecisionImpact & { order: number })[] = [];
  let replays = 0;
  const measure = (run: ExerciseRun): number | null => {
    replays++;
    const v = finalOf(run, metric);
    return v === null ? null : base - v;
  };
  for (const r of log.rounds) {
    for (const name of exercise.levers) {
      const value = r.levers[name];
      if (value === undefined || replays >= maxReplays) continue;
      const effect = measure(variantRun(context, withoutLever(log, r.round, name), null));
      if (effect !== null)
        out.push({
          round: r.round,
          kind: 'lever',
          key: name,
          provinceId: null,
          partner: null,
          value,
          metric,
          effect,
          order: out.length,
        });
      yield;
    }
    for (const d of trail) {
      if (d.round !== r.round || replays >= maxReplays) continue;
      if (d.kind === 'allocate') {
        const mine = percents(d.value as number[]);
        const model = percents(d.modelChoice);
        if (mine.every((v, i) => v === model[i])) continue;
        const effect = measure(variantRun(context, log, { round: d.round, key: d.key, value: [...d.modelChoice] }));
        if (effect !== null)
          out.push({
            round: d.round,
            kind: 'allocate',
            key: d.key,
            provinceId: d.provinceId,
            partner: null,
            value: mine,
            model,
            metric,
            effect,
            order: out.length,
          });
        yield;
        continue;
      }
      if (d.value === d.modelChoice) continue;
      const effect = measure(variantRun(context, log, { round: d.round, key: d.key, value: d.modelChoice }));
      if (effect !== null) {
        out.push({
          round: d.round,
          kind: d.kind,
          key: d.key,
          provinceId: d.provinceId,
          partner: d.kind === 'agreement' ? d.partner : null,
          value: d.value as boolean,
          metric,
          effect,
          order: out.length,
        });
      }
      yield;
    }
  }
  return out
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
}

/** The metric the summary ranks decisions by: the first objective's, else national value. */
export function primaryMetric(exercise: Exercise): string {
  const o = exercise.objectives[0];
  return o ? metricKey(o.scope, o.metric) : 'value';
}
