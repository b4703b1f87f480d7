// The exercise mode's public API (training: a participant plays the centre or a province, then a
// debrief against the model's own policy). Re-exports only.
export type {
  Role,
  UndecidedRule,
  Direction,
  Scope,
  Objective,
  TimeLimit,
  Exercise,
  Allocation,
  DecisionValue,
  RoundLog,
  DecisionLog,
  PilotItem,
  AgreementItem,
  ProposeItem,
  AllocateItem,
  DecisionItem,
  DecisionRecord,
  ExerciseRun,
} from './types.ts';
export {
  parseExercise,
  isExerciseFile,
  objectiveMetrics,
  EXERCISE_FORMAT_VERSION,
  EXERCISE_KIND,
  MAX_ROUNDS,
} from './parse.ts';
export { BUNDLED_EXERCISES, bundledExercise, loadBundledExercise } from './bundled.ts';
export {
  parseDecisionLog,
  checkDecision,
  checkAllocation,
  cloneLog,
  pilotKey,
  agreementKey,
  proposeKey,
  ALLOCATE_KEY,
} from './decisionLog.ts';
export {
  DEFAULT_CENTRE_LEVERS,
  leverSpec,
  checkLever,
  leverEvents,
  exerciseScenario,
  leversInForce,
} from './levers.ts';
export { PROVINCE_METRICS, PROVINCE_METRIC_NAMES, type ProvinceMetric } from './provinceMetrics.ts';
export { participantDecisions, type Resolve } from './decide.ts';
export { DecisionLogError, runExercise } from './runner.ts';
export { replayExercise, logDecisions, type Replay } from './replay.ts';
export {
  itemIdentity,
  createExerciseSession,
  SAVE_KIND,
  type ExerciseSession,
  type RoundDraft,
  type RoundOutcome,
  type SavedExercise,
} from './session.ts';
export { resumeExercise } from './save.ts';
export { percentileOf } from './percentile.ts';
export { MODEL_REPLICATES, modelRuns, runModelPolicy, summariseRun, type ModelRunSummary } from './modelRuns.ts';
export { buildTimeline, type TimelineEntry, type TimelineLine } from './timeline.ts';
export {
  buildDebrief,
  metricRows,
  spreadOf,
  meets,
  metricKey,
  type Debrief,
  type MetricRow,
  type ObjectiveResult,
  type PlaneData,
  type Spread,
} from './debrief.ts';
export {
  resultFile,
  readResult,
  compareRuns,
  headlineKeys,
  RESULT_KIND,
  type ResultFile,
  type VerifiedResult,
  type ComparedRun,
  type RunComparison,
} from './results.ts';
export {
  RoomRun,
  CENTRE_SEAT,
  roomSeats,
  seatExercise,
  seatExerciseFile,
  seatExercises,
  roomDecisions,
  replayRoom,
  roomModelRun,
  roomReplay,
  type Seat,
  type RoomLog,
  type RoomSubmission,
  type RoomReplay,
  type RoomRoundOutcome,
} from './room.ts';
export {
  workshopLog,
  readWorkshopLog,
  WORKSHOP_LOG_KIND,
  type WorkshopLog,
  type VerifiedWorkshopLog,
} from './workshopLog.ts';
