// Statistics and experimental design for Concerto experiments: pure functions, chance passed in.

export { tCdf } from './tCdf.ts';
export { tQuantile } from './tQuantile.ts';
export { normalQuantile } from './normalQuantile.ts';
export { regularizedIncompleteBeta } from './regularizedIncompleteBeta.ts';
export { logGamma } from './logGamma.ts';
export { logBeta } from './logBeta.ts';
export { quantileSorted } from './quantileSorted.ts';
export { erf } from './erf.ts';
export { gamma } from './gamma.ts';
export { sampleMean, sampleVariance, sampleSd } from './sampleMoments.ts';

export { summarize, type Summary } from './summarize.ts';
export { RunningSummary, type RunningState } from './RunningSummary.ts';
export { pairedComparison, type PairedComparison, type DifferenceInterval } from './pairedComparison.ts';
export { replicateAdequacy, type ReplicateAdequacy } from './replicateAdequacy.ts';
export { bootstrapCI, type BootstrapCI, type IndexStatistic } from './bootstrapCI.ts';

export { pearson } from './pearson.ts';
export { spearman } from './spearman.ts';
export { ranks } from './ranks.ts';

export { sobolSequence, SOBOL_MAX_DIMENSIONS } from './sobolSequence.ts';
export { saltelliDesign, splitSaltelliOutputs, type SaltelliDesign } from './saltelliDesign.ts';
export { sobolIndices, type SobolIndices, type IndexEstimate } from './sobolIndices.ts';
export { morrisDesign, type MorrisDesign } from './morrisDesign.ts';
export { morrisIndices, type MorrisIndices } from './morrisIndices.ts';
export { latinHypercube } from './latinHypercube.ts';

export { paretoFront, type Point2 } from './paretoFront.ts';
export { hypervolume2d } from './hypervolume2d.ts';
export { prim, type PrimBox, type PrimLimit, type PrimOptions, type PrimResult } from './prim.ts';
