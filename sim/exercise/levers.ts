import type { ParamSpec, Scenario, ScenarioEvent } from '../engine/model.ts';
import { checkParam } from '../engine/params.ts';
import { GOVERNANCE_PARAMS } from '../model/params.ts';
import type { DecisionLog, Exercise } from './types.ts';

/** The centre's levers in an exercise unless its file lists others (issue 6: monitoring, strictness, budget). */
export const DEFAULT_CENTRE_LEVERS: readonly string[] = ['monitoring', 'approvalStrictness', 'capacityBudget'];

/**
 * Parameters a scenario's `setParam` event may change besides the main levers (docs/formats.md §2,
 * the governance events). Repeated here because a participant's lever change becomes exactly such an
 * event; the test `exercise-parse` checks each against the scenario parser.
 */
const MID_RUN = ['mobilization', 'nonStateEngagement', 'peerImitation', 'capacityBudget', 'guidanceDelay'];

/** The registry entry of a lever a participant may set: numeric, and allowed to change mid-run. */
export function leverSpec(name: string): ParamSpec | undefined {
  const spec = GOVERNANCE_PARAMS.find((p) => p.name === name);
  if (!spec || spec.kind === 'choice') return undefined;
  return spec.lever || MID_RUN.includes(spec.name) ? spec : undefined;
}

export function isParticipantLever(name: string): boolean {
  return leverSpec(name) !== undefined;
}

/** The rule a lever value breaks, or null (the registry's own check). */
export function checkLever(name: string, value: unknown): string | null {
  const spec = leverSpec(name);
  if (!spec) return 'is not a lever the participant may set';
  return checkParam(spec, value);
}

/**
 * A round's lever changes as scenario events at that cycle: applied first thing in the cycle, after
 * the scenario's and the exercise's own events of the same cycle. Ordered as the exercise lists its
 * levers, so a log read back from JSON in any key order gives the same events.
 */
export function leverEvents(exercise: Exercise, round: number, levers: Record<string, number>): ScenarioEvent[] {
  return exercise.levers
    .filter((name) => levers[name] !== undefined)
    .map((name) => ({ cycle: round, kind: 'setParam', param: name, value: levers[name]! }));
}

/** The exercise's scenario with every logged lever change appended as a `setParam` event. */
export function exerciseScenario(exercise: Exercise, log: DecisionLog): Scenario {
  const extra = log.rounds.flatMap((r) => leverEvents(exercise, r.round, r.levers));
  return extra.length === 0
    ? exercise.scenario
    : { ...exercise.scenario, events: [...exercise.scenario.events, ...extra] };
}

/**
 * The value of each participant lever in force at the start of `round` (before its own changes):
 * the scenario's value, then every `setParam` of an earlier cycle in the order the run applies them.
 * Adaptive steering moves autonomy and monitoring in force without events; the metrics
 * `autonomyEffective` and `monitoringEffective` show that.
 */
export function leversInForce(exercise: Exercise, log: DecisionLog, round: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of exercise.levers) out[name] = exercise.scenario.params[name] as number;
  const events = exerciseScenario(exercise, log).events;
  for (let c = 1; c < round; c++) {
    for (const e of events) {
      if (e.cycle === c && e.kind === 'setParam' && typeof e.param === 'string' && e.param in out)
        out[e.param] = e.value as number;
    }
  }
  return out;
}
