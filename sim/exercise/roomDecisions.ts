// The decision functions of a room: every seat's role's functions, answered by the people in the seats
// (or strictly by their logs, for a replay), the centre's lever changes as the run's scenario.
import type { GovernanceDecisions } from '../model/decisions.ts';
import { participantDecisions, type Resolve } from './decide.ts';
import { exerciseScenario } from './levers.ts';
import { logDecisions, valueFits } from './replay.ts';
import { CENTRE_SEAT, type RoomLog } from './roomSeats.ts';
import { DecisionLogError } from './runner.ts';
import { itemIdentity } from './session.ts';
import type { Allocation, DecisionItem, DecisionLog, DecisionRecord, DecisionValue, Exercise } from './types.ts';

/** What a seat submitted for a round: decisions by key, lever changes (centre), and the items answered. */
export interface RoomSubmission {
  decisions: Record<string, DecisionValue>;
  levers: Record<string, number>;
  /** itemIdentity() of the item each decision was taken on: it never carries over to another item. */
  on?: Record<string, string>;
}

/**
 * The decision functions of a room: each seat's role's functions (participantDecisions of the seat's
 * exercise) answered by `resolve(seat, item)`; the centre takes approvals, each province its own
 * allocation and proposals. The model draws before it asks, so every stream advances alike whatever
 * the answers.
 */
export function roomDecisions(
  seats: Map<string, Exercise>,
  resolve: (seat: string, item: DecisionItem) => DecisionValue,
): Partial<GovernanceDecisions> {
  const centre = participantDecisions(seats.get(CENTRE_SEAT)!, (item) => resolve(CENTRE_SEAT, item));
  const byIndex: Partial<GovernanceDecisions>[] = [];
  for (const [id, ex] of seats) {
    if (ex.role !== 'province') continue;
    const r: Resolve = (item) => resolve(id, item);
    byIndex[ex.provinceIndex!] = participantDecisions(ex, r);
  }
  return {
    approvePilot: centre.approvePilot!,
    approveAgreement: centre.approveAgreement!,
    allocate: (d) => byIndex[d.provinceIndex]!.allocate!(d),
    proposePilot: (d) => byIndex[d.provinceIndex]!.proposePilot!(d),
  };
}

/** The room's decision functions answered strictly from the seats' logs (DecisionLogError when one does not fit). */
export function roomLogDecisions(
  seats: Map<string, Exercise>,
  logs: RoomLog,
  seen: (seat: string, record: DecisionRecord) => void,
): Partial<GovernanceDecisions> {
  const bySeat = new Map<string, Partial<GovernanceDecisions>>();
  for (const [id, ex] of seats) {
    const log = logs[id];
    if (!log) throw new DecisionLogError(`seat ${id}: no decision log`);
    bySeat.set(
      id,
      logDecisions(ex, log, (d) => seen(id, d)),
    );
  }
  const centre = bySeat.get(CENTRE_SEAT)!;
  const byIndex: Partial<GovernanceDecisions>[] = [];
  for (const [id, ex] of seats) if (ex.role === 'province') byIndex[ex.provinceIndex!] = bySeat.get(id)!;
  return {
    approvePilot: centre.approvePilot!,
    approveAgreement: centre.approveAgreement!,
    allocate: (d) => byIndex[d.provinceIndex]!.allocate!(d),
    proposePilot: (d) => byIndex[d.provinceIndex]!.proposePilot!(d),
  };
}

/** The scenario of a room's run: the centre's logged lever changes as `setParam` events (as in a solo exercise). */
export function roomScenario(seats: Map<string, Exercise>, centreLog: DecisionLog) {
  return exerciseScenario(seats.get(CENTRE_SEAT)!, centreLog);
}

/** The value a submission gives an item, if it answered this very item with a value of its kind. */
export function answer(sub: RoomSubmission | undefined, item: DecisionItem): DecisionValue | undefined {
  const v = sub?.decisions[item.key];
  if (v === undefined || !valueFits(item, v)) return undefined;
  if (sub!.on && sub!.on[item.key] !== undefined && sub!.on[item.key] !== itemIdentity(item)) return undefined;
  return v;
}

/** The model's own answer to an item: its policy's choice with the same draw (an allocation: its proposal). */
export function modelAnswer(item: DecisionItem): DecisionValue {
  return item.kind === 'allocate' ? ([...item.modelChoice] as Allocation) : item.modelChoice;
}
