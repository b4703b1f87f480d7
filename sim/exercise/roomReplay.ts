// A room's run replayed from its seats' logs (exactly as played), and the debrief's paired replays of one
// seat's choices in a room.
import type { ReplayContext } from './impact.ts';
import { valueFits } from './replay.ts';
import { modelAnswer, roomDecisions, roomLogDecisions, roomScenario } from './roomDecisions.ts';
import { CENTRE_SEAT, seatExercises, type RoomLog } from './roomSeats.ts';
import { DecisionLogError, runExercise } from './runner.ts';
import type { DecisionRecord, Exercise, ExerciseRun } from './types.ts';

export interface RoomReplay extends ExerciseRun {
  /** Per seat, every decision it owned in the order the run met them. */
  trails: Record<string, DecisionRecord[]>;
}

/** Every seat's log has the same number of rounds: the room plays them together. */
export function roundsOf(seats: Map<string, Exercise>, logs: RoomLog): number {
  const counts = [...seats.keys()].map((id) => logs[id]?.rounds.length ?? -1);
  if (counts.some((c) => c !== counts[0]))
    throw new DecisionLogError(`every seat's log must have the same rounds (got ${counts.join(', ')})`);
  return counts[0] ?? 0;
}

/**
 * Exercise + every seat's log → the room's run, exactly as played: replicate 0 of the exercise's seed,
 * the centre's lever changes as events, each seat's logged decisions in place of its role's functions.
 * `observe` chooses the province whose metrics the run carries (a seat's exercise, for its debrief);
 * the run record and its checksum do not depend on it. Strict like replayExercise.
 */
export function replayRoom(exercise: Exercise, logs: RoomLog, observe: Exercise = exercise): RoomReplay {
  const seats = seatExercises(exercise);
  const rounds = roundsOf(seats, logs);
  const trails: Record<string, DecisionRecord[]> = Object.fromEntries([...seats.keys()].map((id) => [id, []]));
  const run = runExercise(
    observe,
    roomScenario(seats, logs[CENTRE_SEAT]!),
    0,
    roomLogDecisions(seats, logs, (seat, d) => trails[seat]!.push(d)),
    rounds,
  );
  if (run.record.status === 'ok') {
    for (const [id, log] of Object.entries(logs)) {
      for (const r of log.rounds) {
        for (const key of Object.keys(r.decisions)) {
          if (!trails[id]!.some((d) => d.round === r.round && d.key === key))
            throw new DecisionLogError(`seat ${id}, round ${r.round}: the logged decision ${key} never came up`);
        }
      }
    }
  }
  return { ...run, trails };
}

/**
 * How the debrief's paired replays (sim/exercise/impact.ts) play a variant of one seat's choices in a
 * room: the seat's decisions answered by the variant, every other seat's by its log (the model's
 * choice for an item a changed choice brings up that the log does not answer), the centre's lever
 * changes from the centre's log (or the variant's, for the centre seat), the seat's province observed.
 */
export function roomReplay(seats: Map<string, Exercise>, logs: RoomLog, seat: string): ReplayContext {
  const observe = seats.get(seat)!;
  return {
    run: (log, resolve) => {
      const centreLog = seat === CENTRE_SEAT ? log : logs[CENTRE_SEAT]!;
      const decisions = roomDecisions(seats, (s, item) => {
        if (s === seat) return resolve(item);
        const v = logs[s]?.rounds[item.round - 1]?.decisions[item.key];
        return v !== undefined && valueFits(item, v) ? v : modelAnswer(item);
      });
      return runExercise(observe, roomScenario(seats, centreLog), 0, decisions, log.rounds.length);
    },
  };
}
