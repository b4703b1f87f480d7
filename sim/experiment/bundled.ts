// Bundled experiments, by name. JSON modules are imported (not read from disk) so the browser app
// and the CLI see the same files. The CLI also finds any other file in scenarios/experiments/ by name.
import autonomySweep from '../../scenarios/experiments/autonomy-sweep.json' with { type: 'json' };
import autonomyMonitoring from '../../scenarios/experiments/autonomy-monitoring.json' with { type: 'json' };
import lhsLevers from '../../scenarios/experiments/lhs-levers.json' with { type: 'json' };
import sobolLevers from '../../scenarios/experiments/sobol-levers.json' with { type: 'json' };
import morrisLevers from '../../scenarios/experiments/morris-levers.json' with { type: 'json' };
// The patterns (sf*), hypotheses (h*), March (1991) reproduction and the bridge to it.
import xBridgeGovernanceMarch from '../../scenarios/experiments/bridge-governance-march.json' with { type: 'json' };
import xH1AutonomyTurbulence from '../../scenarios/experiments/h1-autonomy-turbulence.json' with { type: 'json' };
import xH10CityPilots from '../../scenarios/experiments/h10-city-pilots.json' with { type: 'json' };
import xH2FeedbackValue from '../../scenarios/experiments/h2-feedback-value.json' with { type: 'json' };
import xH3Complements from '../../scenarios/experiments/h3-complements.json' with { type: 'json' };
import xH4CoherencePrestige from '../../scenarios/experiments/h4-coherence-prestige.json' with { type: 'json' };
import xH5StrictnessBackfire from '../../scenarios/experiments/h5-strictness-backfire.json' with { type: 'json' };
import xH6Track2Substitute from '../../scenarios/experiments/h6-track2-substitute.json' with { type: 'json' };
import xH7TypeLines from '../../scenarios/experiments/h7-type-lines.json' with { type: 'json' };
import xH8SteeringOscillation from '../../scenarios/experiments/h8-steering-oscillation.json' with { type: 'json' };
import xH9CapacityAutonomy from '../../scenarios/experiments/h9-capacity-autonomy.json' with { type: 'json' };
import xMarch1991Figure1 from '../../scenarios/experiments/march1991-figure1.json' with { type: 'json' };
import xMarch1991Figure2 from '../../scenarios/experiments/march1991-figure2.json' with { type: 'json' };
import xMarch1991Figure3 from '../../scenarios/experiments/march1991-figure3.json' with { type: 'json' };
import xMarch1991Figure4 from '../../scenarios/experiments/march1991-figure4.json' with { type: 'json' };
import xMarch1991Figure5 from '../../scenarios/experiments/march1991-figure5.json' with { type: 'json' };
import xSf1Autonomy from '../../scenarios/experiments/sf1-autonomy.json' with { type: 'json' };
import xSf2FeedbackFrontier from '../../scenarios/experiments/sf2-feedback-frontier.json' with { type: 'json' };
import xSf3StrictApproval from '../../scenarios/experiments/sf3-strict-approval.json' with { type: 'json' };
import xSf4LooseMonitoring from '../../scenarios/experiments/sf4-loose-monitoring.json' with { type: 'json' };
import xSf5DelayOscillation from '../../scenarios/experiments/sf5-delay-oscillation.json' with { type: 'json' };

export const BUNDLED_EXPERIMENTS: Record<string, unknown> = {
  'autonomy-sweep': autonomySweep,
  'autonomy-monitoring': autonomyMonitoring,
  'lhs-levers': lhsLevers,
  'sobol-levers': sobolLevers,
  'morris-levers': morrisLevers,
  'bridge-governance-march': xBridgeGovernanceMarch,
  'h1-autonomy-turbulence': xH1AutonomyTurbulence,
  'h10-city-pilots': xH10CityPilots,
  'h2-feedback-value': xH2FeedbackValue,
  'h3-complements': xH3Complements,
  'h4-coherence-prestige': xH4CoherencePrestige,
  'h5-strictness-backfire': xH5StrictnessBackfire,
  'h6-track2-substitute': xH6Track2Substitute,
  'h7-type-lines': xH7TypeLines,
  'h8-steering-oscillation': xH8SteeringOscillation,
  'h9-capacity-autonomy': xH9CapacityAutonomy,
  'march1991-figure1': xMarch1991Figure1,
  'march1991-figure2': xMarch1991Figure2,
  'march1991-figure3': xMarch1991Figure3,
  'march1991-figure4': xMarch1991Figure4,
  'march1991-figure5': xMarch1991Figure5,
  'sf1-autonomy': xSf1Autonomy,
  'sf2-feedback-frontier': xSf2FeedbackFrontier,
  'sf3-strict-approval': xSf3StrictApproval,
  'sf4-loose-monitoring': xSf4LooseMonitoring,
  'sf5-delay-oscillation': xSf5DelayOscillation,
};

export function bundledExperiment(name: string): unknown {
  return Object.prototype.hasOwnProperty.call(BUNDLED_EXPERIMENTS, name) ? BUNDLED_EXPERIMENTS[name] : undefined;
}
