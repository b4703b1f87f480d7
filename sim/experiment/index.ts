// The experiment engine's public API: designs, experiment files, the runner a worker exposes,
// the pool interface, sweeps, manifests, comparison and analysis. Re-exports only.
export {
  DESIGN_TYPES,
  DESIGN_STREAM,
  BOOTSTRAP_STREAM,
  buildDesign,
  designSize,
  fromUnit,
  type Design,
  type DesignSpec,
  type DesignType,
  type Range,
} from './design.ts';
export {
  resolveExperiment,
  parseDesign,
  finalKeys,
  scenarioAsFile,
  bundledScenarioLoader,
  EXPERIMENT_FORMAT_VERSION,
  FIXED_COLUMNS,
  type Experiment,
  type ScenarioLoader,
  type AnalysisSpec,
  type Criterion,
} from './experiment.ts';
export { checkRunResult, readRunResult } from './runResult.ts';
export {
  createPlan,
  runTask,
  createRunnerApi,
  type RunPlan,
  type RunTask,
  type RunResult,
  type RunnerApi,
  type ModelLookup,
} from './runner.ts';
export {
  createPool,
  createLocalPool,
  localWorker,
  type Pool,
  type PoolWorker,
  type SpawnWorker,
  type PoolRunOptions,
  type PoolRunStats,
  type CancelSignal,
} from './pool.ts';
export {
  runSweep,
  sweepTasks,
  sweepRuns,
  shardPoints,
  rowLayout,
  mergeSummaries,
  type SweepOptions,
  type SweepOutcome,
} from './sweep.ts';
export { PointAggregator, metricSummary, type PointSummary, type MetricSummary, type Band } from './aggregate.ts';
export {
  analyze,
  meetsCriterion,
  type Analysis,
  type ParetoAnalysis,
  type SobolAnalysis,
  type MorrisAnalysis,
  type PrimAnalysis,
} from './analysis.ts';
export {
  buildManifest,
  buildSummary,
  readManifest,
  experimentFromManifest,
  MANIFEST_KIND,
  type SweepManifest,
  type SweepSummary,
  type Provenance,
  type Shard,
  type ResultsRecord,
} from './manifest.ts';
export {
  columns,
  rowsOf,
  csvHeader,
  csvLine,
  jsonLine,
  parseCsvRecord,
  rowFromCsv,
  textColumns,
  Checksum,
  type Row,
  type Cell,
  type RowLayout,
} from './rows.ts';
export {
  compareRuns,
  compareRunSet,
  compareScenarios,
  compareScenarioSet,
  type Comparison,
  type ComparisonSet,
  type MetricComparison,
  type CompareOptions,
} from './compare.ts';
export { BUNDLED_EXPERIMENTS, bundledExperiment } from './bundled.ts';
