import { MODEL_POLICY, type GovernanceDecisions } from '../model/decisions.ts';
import type { ProvinceData } from '../model/types.ts';
import { ALLOCATE_KEY, agreementKey, pilotKey, proposeKey } from './decisionLog.ts';
import type { Allocation, DecisionItem, DecisionValue, Exercise } from './types.ts';

/** Who answers an item: the participant's log, the draft of a round being played, or a time-out rule. */
export type Resolve = (item: DecisionItem) => DecisionValue;

/**
 * The decision functions of the role the participant plays, each turning the model's call into a
 * DecisionItem (what the decider knows, plus the model's own choice for the debrief) and asking
 * `resolve` for the answer. Everything else stays the model's policy. The model has drawn its
 * uniform before calling, so whatever `resolve` answers, every random stream advances alike.
 */
export function participantDecisions(exercise: Exercise, resolve: Resolve): Partial<GovernanceDecisions> {
  const provinces = exercise.scenario.data.provinces as ProvinceData[];
  const base = (cycle: number, i: number) => ({
    round: cycle,
    provinceId: provinces[i]!.id,
    provinceName: provinces[i]!.name,
    provinceIndex: i,
  });
  if (exercise.role === 'centre') {
    return {
      approvePilot: (d) =>
        resolve({
          ...base(d.cycle, d.provinceIndex),
          kind: 'pilot',
          key: pilotKey(d.proposalId),
          proposalId: d.proposalId,
          type: d.type,
          distance: d.distance,
          expectedBenefit: d.expectedBenefit,
          assessedRisk: d.assessedRisk,
          tested: d.tested,
          testGain: d.testGain,
          trust: d.trust,
          capacity: d.capacity,
          probability: d.probability,
          modelChoice: MODEL_POLICY.approvePilot(d),
        }) as boolean,
      approveAgreement: (d) =>
        resolve({
          ...base(d.cycle, d.provinceIndex),
          kind: 'agreement',
          key: agreementKey(d.requestId),
          requestId: d.requestId,
          type: d.type,
          partner: d.partner,
          sensitivity: d.sensitivity,
          inWindow: d.inWindow,
          probability: d.probability,
          modelChoice: MODEL_POLICY.approveAgreement(d),
        }) as boolean,
    };
  }
  const played = exercise.provinceIndex!;
  // A province may meet several pilot decisions in one cycle (local search, then exploration, then a
  // recursive pass); they are numbered in the order the cycle meets them, from 0 each round.
  let cycle = -1;
  let k = 0;
  return {
    allocate: (d) => {
      if (d.provinceIndex !== played) return MODEL_POLICY.allocate(d);
      const proposed = [...d.proposed] as Allocation;
      return resolve({
        ...base(d.cycle, d.provinceIndex),
        kind: 'allocate',
        key: ALLOCATE_KEY,
        proposed,
        modelChoice: [...proposed] as Allocation,
      }) as Allocation;
    },
    proposePilot: (d) => {
      if (d.provinceIndex !== played) return MODEL_POLICY.proposePilot(d);
      if (d.cycle !== cycle) {
        cycle = d.cycle;
        k = 0;
      }
      const index = k++;
      return resolve({
        ...base(d.cycle, d.provinceIndex),
        kind: 'propose',
        key: proposeKey(index),
        index,
        distance: d.distance,
        expectedBenefit: d.expectedBenefit,
        modelChoice: MODEL_POLICY.proposePilot(d),
      }) as boolean;
    },
  };
}
