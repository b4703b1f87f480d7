import { ScenarioError, type Issue } from '../engine/errors.ts';
import { checkLever } from './levers.ts';
import type { Allocation, DecisionLog, DecisionValue, Exercise, RoundLog } from './types.ts';
import { isObject } from '../engine/isObject.ts';

/** Keys of the decisions each role owns (docs/formats.md, "Exercise files": the decision log). */
const CENTRE_KEY = /^(pilot|agreement):[1-9][0-9]{0,8}$/;
const PROVINCE_KEY = /^(propose:(0|[1-9][0-9]{0,3})|allocate)$/;

export const pilotKey = (id: number): string => `pilot:${id}`;
export const agreementKey = (id: number): string => `agreement:${id}`;
export const proposeKey = (k: number): string => `propose:${k}`;
export const ALLOCATE_KEY = 'allocate';

/** The rule an allocation breaks, or null: three finite shares ≥ 0 with a positive sum (the model normalises). */
export function checkAllocation(v: unknown): string | null {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) {
    return 'must be three finite shares ≥ 0 (agreements, missions, culture)';
  }
  return (v as number[]).reduce((a, b) => a + b, 0) > 0 ? null : 'must have a positive sum';
}

/** The rule a decision value breaks for its key, or null. */
export function checkDecision(key: string, value: unknown): string | null {
  if (key === ALLOCATE_KEY) return checkAllocation(value);
  return typeof value === 'boolean' ? null : 'must be true or false';
}

/**
 * Validate a decision log against its exercise: rounds numbered 1, 2, … with no gaps and no more
 * than the exercise has; keys the role owns; values of the right kind; levers the exercise offers.
 * Whether each key actually comes up is only known by replaying (replayExercise checks it).
 */
export function parseDecisionLog(raw: unknown, exercise: Exercise): DecisionLog {
  const issues: Issue[] = [];
  if (!isObject(raw) || !Array.isArray(raw.rounds))
    throw new ScenarioError([{ path: 'log', value: raw, rule: 'must be { "rounds": [ … ] }' }]);
  const keyRule = exercise.role === 'centre' ? CENTRE_KEY : PROVINCE_KEY;
  const rounds: RoundLog[] = [];
  if (raw.rounds.length > exercise.rounds)
    issues.push({ path: 'log.rounds', value: raw.rounds.length, rule: `must have at most ${exercise.rounds} rounds` });
  raw.rounds.forEach((r, i) => {
    const p = `log.rounds[${i}]`;
    if (!isObject(r)) return void issues.push({ path: p, value: r, rule: 'must be an object' });
    for (const k of Object.keys(r))
      if (!['round', 'levers', 'decisions', 'timedOut'].includes(k))
        issues.push({ path: `${p}.${k}`, value: r[k], rule: 'is not a round field' });
    if (r.round !== i + 1)
      issues.push({
        path: `${p}.round`,
        value: r.round,
        rule: `must be ${i + 1} (rounds are numbered from 1 with no gaps)`,
      });
    const levers: Record<string, number> = {};
    if (r.levers !== undefined && !isObject(r.levers))
      issues.push({ path: `${p}.levers`, value: r.levers, rule: 'must be an object of lever values' });
    else {
      for (const [name, v] of Object.entries((r.levers ?? {}) as Record<string, unknown>)) {
        const rule = exercise.levers.includes(name) ? checkLever(name, v) : 'is not a lever of this exercise';
        if (rule) issues.push({ path: `${p}.levers.${name}`, value: v, rule });
        else levers[name] = v as number;
      }
    }
    const decisions: Record<string, DecisionValue> = {};
    if (!isObject(r.decisions))
      issues.push({ path: `${p}.decisions`, value: r.decisions, rule: 'must be an object of decisions by key' });
    else {
      for (const [key, v] of Object.entries(r.decisions)) {
        const rule = keyRule.test(key) ? checkDecision(key, v) : `is not a decision the ${exercise.role} role takes`;
        if (rule) issues.push({ path: `${p}.decisions.${key}`, value: v, rule });
        else decisions[key] = key === ALLOCATE_KEY ? ([...(v as number[])] as Allocation) : (v as boolean);
      }
    }
    const timedOut: string[] = [];
    if (r.timedOut !== undefined) {
      if (!Array.isArray(r.timedOut))
        issues.push({ path: `${p}.timedOut`, value: r.timedOut, rule: 'must be a list of decision keys' });
      else
        r.timedOut.forEach((k, j) => {
          if (typeof k !== 'string' || !(isObject(r.decisions) && k in r.decisions))
            issues.push({ path: `${p}.timedOut[${j}]`, value: k, rule: "must be a key of this round's decisions" });
          else timedOut.push(k);
        });
    }
    rounds.push({ round: i + 1, levers, decisions, timedOut });
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return { rounds };
}

/** A deep copy in plain JSON form (keys of each round in a stable order). */
export function cloneLog(log: DecisionLog): DecisionLog {
  return {
    rounds: log.rounds.map((r) => ({
      round: r.round,
      levers: { ...r.levers },
      decisions: Object.fromEntries(
        Object.entries(r.decisions).map(([k, v]) => [k, Array.isArray(v) ? ([...v] as Allocation) : v]),
      ),
      timedOut: [...r.timedOut],
    })),
  };
}
