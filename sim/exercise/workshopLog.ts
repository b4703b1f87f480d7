import { ScenarioError, type Issue } from '../engine/errors.ts';
import { parseDecisionLog } from './decisionLog.ts';
import { embeddedExercise } from './parse.ts';
import { replayRoom, roomSeats, seatExercises, type RoomLog, type RoomReplay } from './room.ts';
import { DecisionLogError } from './runner.ts';
import type { Exercise, ExerciseRun } from './types.ts';

export const WORKSHOP_LOG_KIND = 'concerto-workshop-log';

/** Display names per seat: at most this many, of at most this many characters (as the server caps them). */
const MAX_NAMES = 200;
const MAX_NAME = 40;

/**
 * A whole workshop session (docs/formats.md, "Workshop log"): the exercise and every seat's decision
 * log, which alone determine the room's run, plus its checksum and final values. Each seat's log is
 * in the exercise decision-log format of that seat's role.
 */
export interface WorkshopLog {
  formatVersion: 1;
  kind: typeof WORKSHOP_LOG_KIND;
  exercise: Record<string, unknown>;
  exerciseHash: string;
  rounds: number;
  status: 'ok' | 'failed';
  checksum: string;
  final: Record<string, number>;
  seats: Record<string, { names: string[]; log: RoomLog[string] }>;
}

export function workshopLog(
  exercise: Exercise,
  logs: RoomLog,
  run: ExerciseRun,
  names: Record<string, string[]>,
): WorkshopLog {
  return {
    formatVersion: 1,
    kind: WORKSHOP_LOG_KIND,
    exercise: exercise.raw,
    exerciseHash: exercise.hash,
    rounds: run.record.cycles,
    status: run.record.status,
    checksum: run.checksum,
    final: { ...run.record.final },
    seats: Object.fromEntries(
      roomSeats(exercise).map((s) => [s.id, { names: [...(names[s.id] ?? [])], log: logs[s.id]! }]),
    ),
  };
}

export interface VerifiedWorkshopLog {
  exercise: Exercise;
  logs: RoomLog;
  names: Record<string, string[]>;
  run: RoomReplay;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Read a workshop log and check it by replaying every seat's log: the replayed run's checksum must
 * equal the file's. Throws ScenarioError naming every problem (`seats.hue.log.rounds[2]…`).
 */
export function readWorkshopLog(raw: unknown): VerifiedWorkshopLog {
  if (!isObject(raw)) throw new ScenarioError([{ path: '', value: raw, rule: 'a workshop log must be a JSON object' }]);
  const issues: Issue[] = [];
  if (raw.formatVersion !== 1) issues.push({ path: 'formatVersion', value: raw.formatVersion, rule: 'must be 1' });
  if (raw.kind !== WORKSHOP_LOG_KIND)
    issues.push({ path: 'kind', value: raw.kind, rule: `must be "${WORKSHOP_LOG_KIND}"` });
  if (typeof raw.checksum !== 'string')
    issues.push({ path: 'checksum', value: raw.checksum, rule: "must be the run's checksum (8 hex digits)" });
  const exercise = embeddedExercise(raw.exercise, issues);
  const seats = seatExercises(exercise);
  const logs: RoomLog = {};
  const names: Record<string, string[]> = {};
  if (!isObject(raw.seats)) issues.push({ path: 'seats', value: raw.seats, rule: 'must be an object of seats by id' });
  else {
    for (const id of Object.keys(raw.seats))
      if (!seats.has(id)) issues.push({ path: `seats.${id}`, value: id, rule: 'is not a seat of this exercise' });
    for (const [id, ex] of seats) {
      const seat = raw.seats[id];
      if (!isObject(seat)) {
        issues.push({ path: `seats.${id}`, value: seat, rule: 'must be { names, log }' });
        continue;
      }
      if (
        !Array.isArray(seat.names) ||
        seat.names.length > MAX_NAMES ||
        !seat.names.every((n) => typeof n === 'string' && n.length <= MAX_NAME)
      )
        issues.push({
          path: `seats.${id}.names`,
          value: seat.names,
          rule: `must be at most ${MAX_NAMES} names of at most ${MAX_NAME} characters`,
        });
      else names[id] = [...(seat.names as string[])];
      try {
        logs[id] = parseDecisionLog(seat.log, ex);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        issues.push(...err.issues.map((i) => ({ ...i, path: `seats.${id}.${i.path}` })));
      }
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  let run: RoomReplay;
  try {
    run = replayRoom(exercise, logs);
  } catch (err) {
    if (err instanceof DecisionLogError)
      throw new ScenarioError([
        { path: 'seats', value: Object.keys(logs).length, rule: `do not fit the exercise: ${err.message}` },
      ]);
    throw err;
  }
  if (run.checksum !== raw.checksum)
    throw new ScenarioError([
      { path: 'checksum', value: raw.checksum, rule: `does not match the replayed run (${run.checksum})` },
    ]);
  return { exercise, logs, names, run };
}
