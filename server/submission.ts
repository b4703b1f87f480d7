// A participant's submission for the round being played, checked before it is kept: the round, the
// fields, every decision and lever against the room's rules, and every decision against the items
// the seat was shown this round. Every rejected field is named (HttpError, 400 or 409).
import { ScenarioError, type Issue } from '../sim/engine/errors.ts';
import { isObject } from '../sim/engine/isObject.ts';
import { CENTRE_SEAT, type DecisionValue, type RoomRun, type RoomSubmission } from '../sim/exercise/index.ts';
import { HttpError } from './errors.ts';
import type { Status } from './seats.ts';

/**
 * The submission `body` of `seat` as the room keeps it, with the identity of each item it answers
 * (`on`). `shownItems` gives the items shown this round (key → identity).
 */
export function checkSubmission(
  room: RoomRun,
  status: Status,
  seat: string,
  body: Record<string, unknown>,
  shownItems: () => Map<string, string>,
): { round: number; next: RoomSubmission } {
  const round = body.round;
  if (typeof round !== 'number' || !Number.isInteger(round))
    throw new HttpError(400, [{ path: 'round', value: round, rule: 'must be a whole number' }]);
  if (status === 'lobby' || status === 'ended')
    throw new HttpError(409, [{ path: 'round', value: round, rule: `no round is being played (${status})` }]);
  if (round !== room.round)
    throw new HttpError(409, [{ path: 'round', value: round, rule: `must be the round being played (${room.round})` }]);
  for (const k of Object.keys(body))
    if (!['round', 'decisions', 'levers', 'type', 'id'].includes(k))
      throw new HttpError(400, [{ path: k, value: body[k], rule: 'is not a field of a submission' }]);
  const decisions = body.decisions ?? {};
  const levers = body.levers ?? {};
  if (!isObject(decisions) || Object.keys(decisions).length > 500)
    throw new HttpError(400, [
      { path: 'decisions', value: decisions, rule: 'must be an object of at most 500 decisions by key' },
    ]);
  if (!isObject(levers))
    throw new HttpError(400, [{ path: 'levers', value: levers, rule: 'must be an object of lever values' }]);
  if (seat !== CENTRE_SEAT && Object.keys(levers).length > 0)
    throw new HttpError(400, [{ path: 'levers', value: levers, rule: 'only the centre seat sets levers' }]);
  // Every rejected field is named: the decisions' and the levers' problems together.
  const issues: Issue[] = [];
  const collect = (f: () => void) => {
    try {
      f();
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  };
  let checked: Record<string, number> = {};
  collect(() => room.checkDecisions(seat, decisions));
  collect(() => (checked = room.checkLevers(levers as Record<string, number>)));
  const shown = shownItems();
  for (const [k, v] of Object.entries(decisions))
    if (!shown.has(k) && !issues.some((i) => i.path === `decisions.${k}`))
      issues.push({ path: `decisions.${k}`, value: v, rule: `is not an item of this round for seat ${seat}` });
  if (issues.length > 0) throw new HttpError(400, issues);
  const on = Object.fromEntries(Object.keys(decisions).map((k) => [k, shown.get(k)!]));
  return { round, next: { decisions: decisions as Record<string, DecisionValue>, levers: checked, on } };
}
