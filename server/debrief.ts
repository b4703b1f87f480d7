import { setImmediate as nextTurn } from 'node:timers/promises';
import { impactSteps, MAX_IMPACT_REPLAYS, primaryMetric, type DecisionImpact } from '../sim/exercise/impact.ts';
import {
  buildDebrief,
  CENTRE_SEAT,
  MODEL_REPLICATES,
  replayRoom,
  roomModelRun,
  roomReplay,
  type Exercise,
  type ModelRunSummary,
} from '../sim/exercise/index.ts';
import type { LiveSession } from './session.ts';

// The room's debrief (docs/workshop-api.md, "Debrief"): each played seat's run against the model's own
// policy on replicates 0–99 of the seed (replicate 0 the twin), and the room's national outcome. The
// model's runs do not depend on what the room did, so they are made once per exercise, one replicate
// per turn of the event loop (a room still playing stays responsive).

interface ModelRuns {
  runs: { summary: ModelRunSummary; provinceFinal: Record<string, Record<string, number>> }[];
}

const cache = new Map<string, Promise<ModelRuns>>();

/** Paired replays for the whole room's ranked choices (each seat gets its share, 5 to 40). */
const IMPACT_BUDGET = 120;

function provincesOf(exercise: Exercise): string[] {
  return (exercise.scenario.data.provinces as { id: string }[]).map((p) => p.id);
}

export function modelRunsFor(exercise: Exercise): Promise<ModelRuns> {
  let p = cache.get(exercise.hash);
  if (!p) {
    p = (async () => {
      const provinces = provincesOf(exercise);
      const runs: ModelRuns['runs'] = [];
      for (let r = 0; r < MODEL_REPLICATES; r++) {
        runs.push(roomModelRun(exercise, r, provinces));
        await nextTurn();
      }
      return { runs };
    })();
    cache.set(exercise.hash, p);
  }
  return p;
}

const debriefs = new WeakMap<LiveSession, Promise<Record<string, unknown>>>();

export function roomDebrief(session: LiveSession): Promise<Record<string, unknown>> {
  let d = debriefs.get(session);
  if (!d) {
    d = build(session);
    debriefs.set(session, d);
  }
  return d;
}

async function build(session: LiveSession): Promise<Record<string, unknown>> {
  const { runs } = await modelRunsFor(session.exercise);
  const exercise = session.exercise;
  const logs = session.room.logs();
  const names = session.names();
  const forProvince = (province: string | null): ModelRunSummary[] =>
    runs.map((r) => ({ ...r.summary, provinceFinal: province ? (r.provinceFinal[province] ?? null) : null }));
  const seats = [];
  const played = session.seats.filter((s) => names[s.id]);
  // The paired replays that rank each seat's choices share a budget, so a full room's debrief stays quick.
  const replays = Math.min(MAX_IMPACT_REPLAYS, Math.max(5, Math.floor(IMPACT_BUDGET / Math.max(1, played.length))));
  for (const seat of played) {
    const seatExercise = session.room.seats.get(seat.id)!;
    const run = replayRoom(exercise, logs, seatExercise);
    const metric = primaryMetric(seatExercise);
    let impacts: DecisionImpact[] | null = null;
    if (run.record.status === 'ok') {
      const steps = impactSteps(
        seatExercise,
        logs[seat.id]!,
        run.trails[seat.id]!,
        run,
        metric,
        roomReplay(session.room.seats, logs, seat.id),
        replays,
      );
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          impacts = r.value;
          break;
        }
        await nextTurn();
      }
    }
    seats.push({
      seat: seat.id,
      role: seat.role,
      province: seat.province,
      label: seat.label,
      names: names[seat.id],
      exercise: seatExercise.raw,
      debrief: buildDebrief(
        seatExercise,
        run,
        logs[seat.id]!,
        run.trails[seat.id]!,
        forProvince(seatExercise.province),
      ),
      impacts,
      impactMetric: metric,
    });
    await nextTurn();
  }
  // The room's national outcome, seen from the exercise's own seat (its timeline is not used here).
  const own = exercise.role === 'centre' ? CENTRE_SEAT : exercise.province!;
  const run = replayRoom(exercise, logs);
  const whole = buildDebrief(exercise, run, logs[own]!, run.trails[own]!, forProvince(exercise.province));
  return {
    checksum: run.checksum,
    rounds: logs[CENTRE_SEAT]!.rounds.length,
    status: run.record.status,
    seats,
    room: {
      metrics: whole.metrics.filter((m) => m.scope === 'national'),
      replicates: whole.replicates,
      plane: whole.plane,
    },
  };
}
