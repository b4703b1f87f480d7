import type { ModelEvent } from '../engine/model.ts';
import type { DecisionLog, DecisionRecord, Exercise } from './types.ts';

/** A line of the debrief: a message code and its arguments; text comes from the locale files. */
export interface TimelineLine {
  round: number;
  code: string;
  args: Record<string, string | number>;
}

export interface TimelineEntry extends TimelineLine {
  kind: 'decision' | 'levers' | 'event';
  /** Decided by the time limit's rule, not by the participant. */
  timedOut: boolean;
  /**
   * What the model's own policy would have done with the same item in the same state (`approve`,
   * `reject`, `propose`, `hold`), or null (allocations, levers, events). Not the twin run's choice:
   * the twin may never meet this item.
   */
  model: string | null;
  /** What followed in the participant's run (event codes of the model's log). */
  consequences: TimelineLine[];
}

/** Events that set the scene of a round (scripted or not), shown between the decisions. */
const CONTEXT = new Set(['shock', 'window.open', 'directive', 'goalShift', 'scaleUp']);

const line = (e: ModelEvent): TimelineLine => ({ round: e.cycle, code: e.code, args: { ...e.args } });
const pct = (v: number, sum: number) => Math.round((100 * v) / sum);

/** What followed a pilot `id` of `province` decided in `round`, approved or not. */
function pilotConsequences(
  events: readonly ModelEvent[],
  province: string,
  id: number,
  round: number,
  approved: boolean,
): TimelineLine[] {
  const out: TimelineLine[] = [];
  if (approved) {
    const verdict = events.find(
      (e) =>
        e.cycle > round && e.args.province === province && (e.code === 'pilot.succeeded' || e.code === 'pilot.failed'),
    );
    if (verdict) out.push(line(verdict));
    for (const e of events)
      if (e.code === 'scaleUp' && e.cycle >= round && e.args.province === province) out.push(line(e));
    return out;
  }
  // A rejected province may go ahead anyway (fence-breaking, logged with the proposal's id), and an
  // inspection may later legitimise or sanction it.
  const fb = events.find(
    (e) => e.code === 'fenceBreak' && e.cycle === round && e.args.province === province && e.args.id === id,
  );
  if (!fb) return out;
  out.push(line(fb));
  const after = events.find(
    (e) => e.cycle >= round && e.args.province === province && (e.code === 'sanction' || e.code === 'legitimized'),
  );
  if (after) out.push(line(after));
  return out;
}

/**
 * The participant's decisions in order with their consequences, plus lever changes and the events
 * that set each round's scene ("you rejected Đà Nẵng's pilot #12 in round 3; Đà Nẵng went ahead
 * anyway in round 3; the centre sanctioned Đà Nẵng in round 5"), as codes with arguments.
 */
export function buildTimeline(
  exercise: Exercise,
  log: DecisionLog,
  trail: readonly DecisionRecord[],
  events: readonly ModelEvent[],
  inForce: (round: number) => Record<string, number>,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const rounds = log.rounds.length;
  for (let round = 1; round <= rounds; round++) {
    for (const e of events) {
      if (e.cycle === round && CONTEXT.has(e.code))
        out.push({ ...line(e), kind: 'event', timedOut: false, model: null, consequences: [] });
    }
    const r = log.rounds[round - 1]!;
    const before = inForce(round);
    for (const name of exercise.levers) {
      const value = r.levers[name];
      if (value === undefined) continue;
      out.push({
        round,
        code: 'decision.lever',
        args: { param: name, value, previous: before[name] ?? value },
        kind: 'levers',
        timedOut: false,
        model: null,
        consequences: [],
      });
    }
    let proposed = 0;
    for (const d of trail) {
      if (d.round !== round) continue;
      const base = { round, kind: 'decision' as const, timedOut: d.timedOut };
      switch (d.kind) {
        case 'pilot': {
          const ok = d.value === true;
          out.push({
            ...base,
            code: ok ? 'decision.pilot.approved' : 'decision.pilot.rejected',
            args: {
              province: d.provinceId,
              id: d.proposalId,
              risk: d.assessedRisk,
              benefit: d.expectedBenefit,
              probability: d.probability,
            },
            model: d.modelChoice ? 'approve' : 'reject',
            consequences: pilotConsequences(events, d.provinceId, d.proposalId, round, ok),
          });
          break;
        }
        case 'agreement': {
          const ok = d.value === true;
          const follow = events.filter(
            (e) =>
              e.cycle === round &&
              e.args.province === d.provinceId &&
              e.args.partner === d.partner &&
              (e.code === 'agreement.signed' || e.code === 'window.missed'),
          );
          out.push({
            ...base,
            code: ok ? 'decision.agreement.approved' : 'decision.agreement.rejected',
            args: { province: d.provinceId, partner: d.partner, id: d.requestId, probability: d.probability },
            model: d.modelChoice ? 'approve' : 'reject',
            consequences: follow.map(line),
          });
          break;
        }
        case 'propose': {
          const yes = d.value === true;
          const consequences: TimelineLine[] = [];
          if (yes) {
            // The j-th proposal the province sent this round is the j-th `pilot.proposed` it logged.
            const sent = events.filter(
              (e) => e.cycle === round && e.code === 'pilot.proposed' && e.args.province === d.provinceId,
            )[proposed++];
            if (sent) {
              const id = sent.args.id as number;
              const verdict = events.find(
                (e) =>
                  e.cycle >= round && (e.code === 'pilot.approved' || e.code === 'pilot.rejected') && e.args.id === id,
              );
              if (verdict) {
                consequences.push(line(verdict));
                consequences.push(
                  ...pilotConsequences(events, d.provinceId, id, verdict.cycle, verdict.code === 'pilot.approved'),
                );
              }
            }
          }
          out.push({
            ...base,
            code: yes ? 'decision.propose.yes' : 'decision.propose.no',
            args: { province: d.provinceId, distance: d.distance, benefit: d.expectedBenefit },
            model: d.modelChoice ? 'propose' : 'hold',
            consequences,
          });
          break;
        }
        case 'allocate': {
          const v = d.value as number[];
          const sum = v[0]! + v[1]! + v[2]!;
          const m = d.modelChoice;
          const msum = m[0] + m[1] + m[2];
          out.push({
            ...base,
            code: 'decision.allocate',
            args: {
              province: d.provinceId,
              agreements: pct(v[0]!, sum),
              missions: pct(v[1]!, sum),
              culture: pct(v[2]!, sum),
              modelAgreements: pct(m[0], msum),
              modelMissions: pct(m[1], msum),
              modelCulture: pct(m[2], msum),
            },
            model: null,
            consequences: [],
          });
          break;
        }
      }
    }
  }
  return out;
}
