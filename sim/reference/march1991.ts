/**
 * March (1991), "Exploration and Exploitation in Organizational Learning" — the reference model,
 * laid out like sim/model/ in sim/reference/march1991/ (model.ts describes it). This module is its
 * public face, so the registry, the tests and the scripts import one path.
 */
export { MARCH_METRICS } from './march1991/metrics.ts';
export { march1991Model } from './march1991/model.ts';
export { observeMarch } from './march1991/observe.ts';
export { MARCH_MAX_HORIZON, MARCH_PARAMS, MARCH_READINGS, type MarchReading } from './march1991/params.ts';
export { initMarch, MARCH_STREAMS, setSocializationRates, type MarchState } from './march1991/state.ts';
export { isAbsorbing, stepMarch } from './march1991/step.ts';
