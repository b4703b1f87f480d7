import type { ModelEvent, Scenario, ScenarioEvent, Text } from '../engine/model.ts';
import type { RunRecord } from '../engine/run.ts';
import type { AgreementApprovalInput, PilotApprovalInput } from '../model/decisions.ts';

/** Who the participant plays: the central coordinator, or one province's leader. */
export type Role = 'centre' | 'province';
export const ROLES: readonly Role[] = ['centre', 'province'];

/** What happens to the items still undecided when a round's time runs out. */
export type UndecidedRule = 'approve' | 'reject' | 'model';
export const UNDECIDED_RULES: readonly UndecidedRule[] = ['approve', 'reject', 'model'];

/** `atLeast`: met when the value is ≥ target (higher is better); `atMost`: ≤ target (lower is better). */
export type Direction = 'atLeast' | 'atMost';
export const DIRECTIONS: readonly Direction[] = ['atLeast', 'atMost'];

/** `national`: a final value of the run; `province`: a value of the province played (PROVINCE_METRICS). */
export type Scope = 'national' | 'province';

export interface Objective {
  metric: string;
  scope: Scope;
  target: number;
  direction: Direction;
  text: Text;
}

export interface TimeLimit {
  seconds: number;
  undecided: UndecidedRule;
}

/** A validated exercise file with its scenario resolved and the scripted events merged into it. */
export interface Exercise {
  formatVersion: 1;
  kind: 'concerto-exercise';
  id: string;
  title: Text;
  briefing: Text;
  role: Role;
  /** The province played (province role) or in focus (centre role, optional): its id and index. */
  province: string | null;
  provinceIndex: number | null;
  /** The resolved scenario, scripted events included (the exercise's events after the scenario's own). */
  scenario: Scenario;
  seed: number;
  /** Number of rounds; a round is one policy cycle. */
  rounds: number;
  /** The scripted events as the file gives them. */
  events: ScenarioEvent[];
  objectives: Objective[];
  timeLimit: TimeLimit | null;
  /** Levers the participant may change at the start of a round (centre role; empty for a province). */
  levers: string[];
  /** The file as given: saves and result files embed it, so they stand alone. */
  raw: Record<string, unknown>;
  /** murmur3_32 of the canonical JSON of `raw`: tells result files of the same exercise apart from others. */
  hash: string;
}

/** An allocation of means over (agreements, missions, culture): finite shares ≥ 0 with a positive sum. */
export type Allocation = [number, number, number];
export type DecisionValue = boolean | Allocation;

/**
 * One round of the decision log: the lever changes made at its start and every decision the
 * participant owned in it, keyed by `pilot:<proposal id>`, `agreement:<request id>`,
 * `propose:<k>` (the province's k-th pilot decision of the round, from 0) or `allocate`.
 */
export interface RoundLog {
  round: number;
  levers: Record<string, number>;
  decisions: Record<string, DecisionValue>;
  /** Keys decided by the time limit's rule rather than by the participant. */
  timedOut: string[];
}

export interface DecisionLog {
  rounds: RoundLog[];
}

interface ItemBase {
  key: string;
  round: number;
  provinceId: string;
  provinceName: string;
  provinceIndex: number;
}

/**
 * A pilot proposal awaiting the centre, with what the centre knows of it: the decision point's own
 * input (sim/model/decisions.ts) without the cycle and the uniform draw, plus the model's choice.
 */
export interface PilotItem
  extends
    ItemBase,
    Pick<
      PilotApprovalInput,
      | 'proposalId'
      | 'type'
      | 'distance'
      | 'expectedBenefit'
      | 'assessedRisk'
      | 'tested'
      | 'testGain'
      | 'trust'
      | 'capacity'
      | 'probability'
    > {
  kind: 'pilot';
  /** The model's own choice (for the debrief; not shown while playing). */
  modelChoice: boolean;
}

/** An agreement request awaiting the centre: the decision point's input plus the model's choice. */
export interface AgreementItem
  extends
    ItemBase,
    Pick<AgreementApprovalInput, 'requestId' | 'type' | 'partner' | 'sensitivity' | 'inWindow' | 'probability'> {
  kind: 'agreement';
  modelChoice: boolean;
}

/** The played province may propose a pilot (a design beyond its authority radius). */
export interface ProposeItem extends ItemBase {
  kind: 'propose';
  index: number;
  distance: number;
  expectedBenefit: number;
  modelChoice: boolean;
}

/** The played province's allocation of means this round; the model's own proposal comes with it. */
export interface AllocateItem extends ItemBase {
  kind: 'allocate';
  proposed: Allocation;
  modelChoice: Allocation;
}

export type DecisionItem = PilotItem | AgreementItem | ProposeItem | AllocateItem;

/** A decision as it was taken in a committed round (derived: replaying the log reproduces it). */
export type DecisionRecord = DecisionItem & { value: DecisionValue; timedOut: boolean };

/** The participant's run (or one of the model's): the engine's run record plus the province played. */
export interface ExerciseRun {
  record: RunRecord;
  province: { id: string; series: Record<string, number[]>; final: Record<string, number> } | null;
  /** resultChecksum(record): equal for a run and its replayed decision log, in any runtime. */
  checksum: string;
}

export type { ModelEvent };
