/**
 * Decision points. The centre's approvals and a province's pilot and allocation choices are
 * made by replaceable functions; the model's own policy is the default. The model draws the
 * same random numbers whoever decides (the uniform `u` is drawn before the call), so a
 * person's choices replace the policy without shifting any stream: exercise file + decision
 * log reproduces a run exactly, and the model's own run on the same seed is its paired twin.
 */
export interface PilotApprovalInput {
  cycle: number;
  proposalId: number;
  province: string;
  provinceIndex: number;
  type: string;
  /** Features the pilot changes beyond the province's line. */
  distance: number;
  /** The province's claimed gain of the pilot over its current programme. */
  expectedBenefit: number;
  /** The centre's assessed risk ρ̂. */
  assessedRisk: number;
  tested: boolean;
  /** Track 2's estimate of the gain over the line, when tested. */
  testGain: number | null;
  trust: number;
  capacity: number;
  /** The model's approval probability. */
  probability: number;
  /** The uniform draw the model's own policy compares with `probability`. */
  u: number;
}

export interface AgreementApprovalInput {
  cycle: number;
  requestId: number;
  province: string;
  provinceIndex: number;
  type: string;
  partner: string;
  partnerIndex: number;
  sensitivity: number;
  inWindow: boolean;
  probability: number;
  u: number;
}

export interface PilotProposalInput {
  cycle: number;
  province: string;
  provinceIndex: number;
  distance: number;
  expectedBenefit: number;
}

export interface AllocationInput {
  cycle: number;
  province: string;
  provinceIndex: number;
  /** The model's allocation over agreements, missions, culture. */
  proposed: [number, number, number];
}

export interface GovernanceDecisions {
  approvePilot(d: PilotApprovalInput): boolean;
  approveAgreement(d: AgreementApprovalInput): boolean;
  proposePilot(d: PilotProposalInput): boolean;
  /** Returns shares over (agreements, missions, culture); they are validated and normalised. */
  allocate(d: AllocationInput): [number, number, number];
}

export const MODEL_POLICY: GovernanceDecisions = {
  approvePilot: (d) => d.u < d.probability,
  approveAgreement: (d) => d.u < d.probability,
  proposePilot: () => true,
  allocate: (d) => d.proposed,
};
