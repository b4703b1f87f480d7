import type { GovernanceDecisions } from '../model/decisions.ts';
import { participantDecisions } from './decide.ts';
import { exerciseScenario } from './levers.ts';
import { DecisionLogError, runExercise } from './runner.ts';
import type { DecisionItem, DecisionLog, DecisionRecord, DecisionValue, Exercise, ExerciseRun } from './types.ts';

/** Check that a logged value has the shape its item needs (a log edited by hand may not). */
export function valueFits(item: DecisionItem, value: DecisionValue): boolean {
  return item.kind === 'allocate' ? Array.isArray(value) : typeof value === 'boolean';
}

/**
 * The participant's decision functions answered from the log, strictly: an item with no logged
 * decision, or a decision of the wrong kind, throws DecisionLogError. Each answered item is passed
 * to `seen` (the debrief's trail of decisions).
 */
export function logDecisions(
  exercise: Exercise,
  log: DecisionLog,
  seen?: (record: DecisionRecord) => void,
): Partial<GovernanceDecisions> {
  return participantDecisions(exercise, (item) => {
    const r = log.rounds[item.round - 1];
    const value = r?.decisions[item.key];
    if (!r || value === undefined)
      throw new DecisionLogError(`round ${item.round}: the log has no decision for ${item.key} (${item.provinceId})`);
    if (!valueFits(item, value))
      throw new DecisionLogError(
        `round ${item.round}: the decision for ${item.key} has the wrong kind (${JSON.stringify(value)})`,
      );
    seen?.({ ...item, value, timedOut: r.timedOut.includes(item.key) });
    return value;
  });
}

export interface Replay extends ExerciseRun {
  /** Every decision the participant owned, in the order the run met them. */
  decisions: DecisionRecord[];
}

/**
 * Exercise file + decision log → the participant's run, exactly: the scenario with the logged lever
 * changes as `setParam` events, replicate 0 of the exercise's seed, the logged decisions in place of
 * the role's decision functions. Runs the logged rounds (all of them for a finished exercise). Throws
 * DecisionLogError when the log does not fit (a logged decision that never came up included).
 */
export function replayExercise(exercise: Exercise, log: DecisionLog): Replay {
  const decisions: DecisionRecord[] = [];
  const run = runExercise(
    exercise,
    exerciseScenario(exercise, log),
    0,
    logDecisions(exercise, log, (d) => decisions.push(d)),
    log.rounds.length,
  );
  if (run.record.status === 'ok') {
    for (const r of log.rounds) {
      for (const key of Object.keys(r.decisions)) {
        if (!decisions.some((d) => d.round === r.round && d.key === key))
          throw new DecisionLogError(`round ${r.round}: the logged decision ${key} never came up`);
      }
    }
  }
  return { ...run, decisions };
}
