// The seats of a room (sim/exercise/room.ts): the centre and every province, each playing the exercise
// as its own role, and the room's log (one solo decision log per seat).
import { deepClone } from '../engine/clone.ts';
import type { ProvinceData } from '../model/types.ts';
import { parseExercise } from './parse.ts';
import type { DecisionLog, Exercise, Role } from './types.ts';

export const CENTRE_SEAT = 'centre';

export interface Seat {
  id: string;
  role: Role;
  /** The province played (province seat) or in focus (the centre: the exercise's province, if any). */
  province: string | null;
}

/** Each seat's decision log, by seat id; every seat of the room is logged, every round. */
export type RoomLog = Record<string, DecisionLog>;

/** The seats of an exercise: its own seat first, then the centre, then every province in the scenario's order. */
export function roomSeats(exercise: Exercise): Seat[] {
  const provinces = exercise.scenario.data.provinces as ProvinceData[];
  const all: Seat[] = [
    { id: CENTRE_SEAT, role: 'centre', province: exercise.province },
    ...provinces.map((p): Seat => ({ id: p.id, role: 'province', province: p.id })),
  ];
  const own = exercise.role === 'centre' ? CENTRE_SEAT : exercise.province!;
  return [...all.filter((s) => s.id === own), ...all.filter((s) => s.id !== own)];
}

/**
 * The exercise as one seat plays it, as a file: the same scenario, seed, rounds, events and objectives,
 * with the seat's role and province. The centre keeps the exercise's levers (the default ones when the
 * exercise is a province's); a province sets none. Objectives about a province apply to the seat's own.
 */
export function seatExerciseFile(exercise: Exercise, seat: Seat): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...deepClone(exercise.raw), role: seat.role };
  if (seat.province === null) delete raw.province;
  else raw.province = seat.province;
  if (seat.role === 'province') delete raw.levers;
  // A province-scope objective needs a province: the centre of an exercise without one keeps the national ones.
  if (seat.province === null && Array.isArray(raw.objectives))
    raw.objectives = (raw.objectives as Record<string, unknown>[]).filter((o) => o.scope !== 'province');
  return raw;
}

export function seatExercise(exercise: Exercise, seat: Seat): Exercise {
  return parseExercise(seatExerciseFile(exercise, seat));
}

/** The seats' exercises, by seat id (parsed once: every decision function of the room needs them). */
export function seatExercises(exercise: Exercise): Map<string, Exercise> {
  return new Map(roomSeats(exercise).map((s) => [s.id, seatExercise(exercise, s)]));
}
