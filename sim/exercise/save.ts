import { ScenarioError, type Issue } from '../engine/errors.ts';
import { checkDecision, parseDecisionLog } from './decisionLog.ts';
import { checkLever } from './levers.ts';
import { embeddedExercise } from './parse.ts';
import { SAVE_KIND, sessionWithDraft, type ExerciseSession, type RoundDraft } from './session.ts';
import type { Allocation, DecisionValue } from './types.ts';
import { isObject } from '../engine/isObject.ts';

/**
 * A half-played exercise from its saved form (session.save(): exercise + log + draft + round), e.g.
 * after a reload: the log is replayed, then the draft's levers and decisions are put back. Throws
 * ScenarioError naming each bad field; DecisionLogError when the log does not fit the exercise.
 */
export function resumeExercise(raw: unknown): ExerciseSession {
  if (!isObject(raw))
    throw new ScenarioError([{ path: '', value: raw, rule: 'a saved exercise must be a JSON object' }]);
  const issues: Issue[] = [];
  if (raw.formatVersion !== 1) issues.push({ path: 'formatVersion', value: raw.formatVersion, rule: 'must be 1' });
  if (raw.kind !== SAVE_KIND) issues.push({ path: 'kind', value: raw.kind, rule: `must be "${SAVE_KIND}"` });
  const exercise = embeddedExercise(raw.exercise, issues);
  let log;
  try {
    log = parseDecisionLog(raw.log, exercise);
  } catch (err) {
    // parseDecisionLog names its paths from `log.` already.
    if (!(err instanceof ScenarioError)) throw err;
    throw new ScenarioError([...issues, ...err.issues]);
  }
  if (raw.round !== log.rounds.length + 1)
    issues.push({
      path: 'round',
      value: raw.round,
      rule: `must be ${log.rounds.length + 1} (the round after the logged ones)`,
    });
  const draft: RoundDraft = { levers: {}, decisions: {}, timedOut: [] };
  const d = raw.draft;
  if (d !== undefined) {
    if (!isObject(d)) issues.push({ path: 'draft', value: d, rule: 'must be { "levers", "decisions", "timedOut" }' });
    else {
      for (const [name, v] of Object.entries(isObject(d.levers) ? d.levers : {})) {
        const rule = exercise.levers.includes(name) ? checkLever(name, v) : 'is not a lever of this exercise';
        if (rule) issues.push({ path: `draft.levers.${name}`, value: v, rule });
        else draft.levers[name] = v as number;
      }
      for (const [key, v] of Object.entries(isObject(d.decisions) ? d.decisions : {})) {
        const rule = checkDecision(key, v);
        if (rule) issues.push({ path: `draft.decisions.${key}`, value: v, rule });
        else draft.decisions[key] = Array.isArray(v) ? ([...v] as Allocation) : (v as DecisionValue);
      }
      if (Array.isArray(d.timedOut)) draft.timedOut = d.timedOut.filter((k): k is string => typeof k === 'string');
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return sessionWithDraft(exercise, log, draft);
}
