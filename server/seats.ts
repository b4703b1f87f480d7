// The seats, settings, participants and viewers of a workshop session as the API names them
// (docs/workshop-api.md), and the time a session lives.
import type { ProvinceData } from '../sim/model/types.ts';
import { roomSeats, type Exercise } from '../sim/exercise/index.ts';

export type Status = 'lobby' | 'running' | 'paused' | 'ended';

export interface Settings {
  pickSeats: boolean;
  shareSeats: boolean;
  /** Round timer in seconds, or null for none. */
  seconds: number | null;
}

export interface Participant {
  id: string;
  name: string;
  seat: string;
  tokenHash: string;
  /** Open WebSocket connections (a participant is shown connected while any is open). */
  connections: number;
}

export interface SeatInfo {
  id: string;
  role: 'centre' | 'province';
  province: string | null;
  label: { en: string; vi: string };
}

export type Viewer = { role: 'facilitator' } | { role: 'participant'; participant: Participant };

/** Time a session lives after its last activity; an ended one stays readable as long. */
export const SESSION_TTL_MS = 12 * 3600 * 1000;

/** The seats of an exercise as the API lists them: the room's seats with a label in each language. */
export function seatInfos(exercise: Exercise): SeatInfo[] {
  const provinces = exercise.scenario.data.provinces as ProvinceData[];
  return roomSeats(exercise).map((s) => {
    const name = provinces.find((p) => p.id === s.id)?.name;
    return {
      id: s.id,
      role: s.role,
      province: s.province,
      // Province names are the same in both languages (Vietnamese, with diacritics).
      label: name === undefined ? { en: 'Centre', vi: 'Trung ương' } : { en: name, vi: name },
    };
  });
}
