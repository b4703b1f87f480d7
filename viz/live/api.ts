// The live workshop's client side of the HTTP API served by `concerto serve` (docs/workshop.md, "API").
// Every answer is read defensively: a field the server leaves out reads as "nothing", so a partial
// answer shows "—" rather than breaking the page; the server's own error text is passed on as it is.
import type { Debrief, MetricRow } from '../../sim/exercise/debrief.ts';
import type { DecisionImpact } from '../../sim/exercise/impact.ts';
import type { DecisionItem, DecisionValue, ModelEvent, Objective } from '../../sim/exercise/types.ts';
import type { Text } from '../i18n/index.ts';

export type SessionStatus = 'lobby' | 'running' | 'paused' | 'ended';
export type SeatRole = 'centre' | 'province';

export interface SeatInfo {
  id: string;
  role: SeatRole;
  province: string | null;
  label?: Text | string;
  taken?: boolean;
}

export interface ParticipantInfo {
  /** The server's id of the participant (used to assign a seat), when it gives one. */
  id?: string;
  name: string;
  seat: string | null;
  submitted: boolean;
  connected?: boolean;
}

export interface ExerciseInfo {
  id: string;
  title: Text;
  seats: SeatInfo[];
}

/** What a participant sees of their own seat. */
export interface SeatView {
  id: string;
  role: SeatRole;
  province: string | null;
  briefing?: Text;
  objectives?: Objective[];
  items: DecisionItem[];
  levers?: string[];
  leversInForce?: Record<string, number>;
  submitted: boolean;
  /** The seat's last submission this round (the decisions stand until changed). */
  submission?: { decisions: Record<string, DecisionValue>; levers: Record<string, number> } | null;
  /** The seat's own exercise file (its role, province and levers), raw. */
  exercise?: unknown;
  situation?: { round: number; national: Record<string, number>; province: Record<string, number> | null } | null;
  news?: ModelEvent[];
}

export interface PlaneSeat {
  seat: string;
  province: string | null;
  label?: Text | string;
  coherence: number[];
  innovation: number[];
}

export interface SessionState {
  code: string;
  status: SessionStatus;
  round: number;
  rounds: number;
  /** Time left in the round when the state was sent (null: no timer). */
  remainingMs: number | null;
  /** The exercise file as given (raw JSON): the page reads titles, briefing and names from it. */
  exercise: unknown;
  seats: SeatInfo[];
  participants: ParticipantInfo[];
  you: { role: 'facilitator' | 'participant'; seat: string | null; name: string | null };
  settings: { pickSeats: boolean; shareSeats: boolean; seconds: number | null } | null;
  /** Control actions applied so far: sent back with an action so a stale or replayed one is refused. */
  seq: number | null;
  seat: SeatView | null;
  plane: PlaneSeat[];
  events: ModelEvent[];
}

export interface SeatDebrief {
  seat: string;
  role: SeatRole;
  province: string | null;
  names: string[];
  exercise: unknown;
  debrief: Debrief;
  impacts: DecisionImpact[] | null;
  impactMetric: string;
}

export interface RoomDebrief {
  /** The room's run checksum: the export replays to it (`concerto replay`). */
  checksum: string | null;
  seats: SeatDebrief[];
  room: { metrics: MetricRow[]; replicates: number | null };
}

/** An answer other than 2xx: the HTTP status and the server's error text. */
export class LiveError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: unknown[] = [],
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const STATUSES: readonly SessionStatus[] = ['lobby', 'running', 'paused', 'ended'];

function readSeat(v: unknown): SeatInfo {
  const o = isObj(v) ? v : {};
  return {
    id: str(o.id, str(o.seat)),
    role: o.role === 'centre' ? 'centre' : 'province',
    province: typeof o.province === 'string' ? o.province : null,
    ...(isObj(o.label) || typeof o.label === 'string' ? { label: o.label as Text | string } : {}),
    ...(typeof o.taken === 'boolean' ? { taken: o.taken } : {}),
  };
}

export function readExercises(v: unknown): ExerciseInfo[] {
  const list = Array.isArray(v) ? v : isObj(v) ? arr(v.exercises) : [];
  return list.filter(isObj).map((o) => ({
    id: str(o.id),
    title: isObj(o.title)
      ? { en: str(o.title.en, str(o.id)), vi: str(o.title.vi, str(o.id)) }
      : { en: str(o.id), vi: str(o.id) },
    seats: arr(o.seats).map(readSeat),
  }));
}

/** The session as the page uses it, from the server's JSON (GET /api/sessions/{code} or a "state" message). */
export function readState(v: unknown): SessionState {
  const o = isObj(v) ? v : {};
  const you = isObj(o.you) ? o.you : {};
  const seat = isObj(o.seat) ? o.seat : null;
  const settings = isObj(o.settings) ? o.settings : null;
  return {
    code: str(o.code),
    status: STATUSES.includes(o.status as SessionStatus) ? (o.status as SessionStatus) : 'lobby',
    round: num(o.round, 0),
    rounds: num(o.rounds, 0),
    remainingMs: typeof o.remainingMs === 'number' && Number.isFinite(o.remainingMs) ? o.remainingMs : null,
    exercise: o.exercise ?? null,
    seats: arr(o.seats).map(readSeat),
    participants: arr(o.participants)
      .filter(isObj)
      .map((p) => ({
        ...(typeof p.id === 'string' ? { id: p.id } : {}),
        name: str(p.name),
        seat: typeof p.seat === 'string' ? p.seat : null,
        submitted: p.submitted === true,
        ...(typeof p.connected === 'boolean' ? { connected: p.connected } : {}),
      })),
    you: {
      role: you.role === 'facilitator' ? 'facilitator' : 'participant',
      seat: typeof you.seat === 'string' ? you.seat : null,
      name: typeof you.name === 'string' ? you.name : null,
    },
    settings: settings
      ? {
          pickSeats: settings.pickSeats !== false,
          shareSeats: settings.shareSeats === true,
          seconds: typeof settings.seconds === 'number' ? settings.seconds : null,
        }
      : null,
    seq: typeof o.seq === 'number' ? o.seq : null,
    seat: seat
      ? {
          ...readSeat(seat),
          ...(isObj(seat.briefing) ? { briefing: seat.briefing as Text } : {}),
          ...(Array.isArray(seat.objectives) ? { objectives: seat.objectives as Objective[] } : {}),
          items: arr(seat.items).filter(isObj) as unknown as DecisionItem[],
          ...(Array.isArray(seat.levers) ? { levers: seat.levers.filter((l) => typeof l === 'string') } : {}),
          ...(isObj(seat.leversInForce) ? { leversInForce: seat.leversInForce as Record<string, number> } : {}),
          submitted: seat.submitted === true,
          ...(seat.exercise !== undefined ? { exercise: seat.exercise } : {}),
          submission:
            isObj(seat.submission) && isObj(seat.submission.decisions)
              ? {
                  decisions: seat.submission.decisions as Record<string, DecisionValue>,
                  levers: isObj(seat.submission.levers) ? (seat.submission.levers as Record<string, number>) : {},
                }
              : null,
          situation: isObj(seat.situation) ? (seat.situation as unknown as NonNullable<SeatView['situation']>) : null,
          news: arr(seat.news).filter(isObj) as unknown as ModelEvent[],
        }
      : null,
    plane: arr(o.plane)
      .filter(isObj)
      .map((p) => ({
        seat: str(p.seat),
        province: typeof p.province === 'string' ? p.province : null,
        ...(isObj(p.label) || typeof p.label === 'string' ? { label: p.label as Text | string } : {}),
        coherence: arr(p.coherence).filter((x): x is number => typeof x === 'number'),
        innovation: arr(p.innovation).filter((x): x is number => typeof x === 'number'),
      })),
    events: arr(o.events).filter(isObj) as unknown as ModelEvent[],
  };
}

export function readDebrief(v: unknown): RoomDebrief {
  const o = isObj(v) ? v : {};
  const room = isObj(o.room) ? o.room : {};
  return {
    checksum: typeof o.checksum === 'string' ? o.checksum : null,
    seats: arr(o.seats)
      .filter(isObj)
      .filter((s) => isObj(s.debrief))
      .map((s) => ({
        seat: str(s.seat),
        role: s.role === 'centre' ? 'centre' : 'province',
        province: typeof s.province === 'string' ? s.province : null,
        names: arr(s.names).filter((n): n is string => typeof n === 'string'),
        exercise: s.exercise ?? null,
        debrief: s.debrief as unknown as Debrief,
        impacts: Array.isArray(s.impacts) ? (s.impacts as DecisionImpact[]) : null,
        impactMetric: str(s.impactMetric, 'coherence'),
      })),
    room: {
      metrics: arr(room.metrics).filter(isObj) as unknown as MetricRow[],
      replicates: typeof room.replicates === 'number' ? room.replicates : null,
    },
  };
}

/** The API of one server (same origin as the page). */
export class LiveApi {
  constructor(private readonly base = '') {}

  private async call(method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      cache: 'no-store',
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const msg = isObj(json) && typeof json.error === 'string' ? json.error : `HTTP ${res.status}`;
      throw new LiveError(res.status, msg, isObj(json) ? arr(json.fields) : []);
    }
    return json;
  }

  /** True when the page is served by `concerto serve` (the static site answers with a page or nothing). */
  async health(): Promise<boolean> {
    try {
      const res = await fetch(`${this.base}/api/health`, {
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      });
      if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return false;
      const json = (await res.json()) as unknown;
      return isObj(json) && json.ok === true;
    } catch {
      return false;
    }
  }

  async exercises(): Promise<ExerciseInfo[]> {
    return readExercises(await this.call('GET', '/api/exercises', null));
  }

  async create(source: { exercise: string } | { exerciseFile: unknown }): Promise<{ code: string; token: string }> {
    const r = await this.call('POST', '/api/sessions', null, source);
    const o = isObj(r) ? r : {};
    return { code: str(o.code), token: str(o.facilitatorToken) };
  }

  /** The seats a newcomer may pick (no names); null when the server does not offer the choice. */
  async seats(code: string): Promise<{ seats: SeatInfo[]; pickSeats: boolean } | null> {
    try {
      const r = await this.call('GET', `/api/sessions/${encodeURIComponent(code)}/seats`, null);
      const o = isObj(r) ? r : {};
      return { seats: arr(o.seats).map(readSeat), pickSeats: o.pickSeats !== false };
    } catch {
      return null;
    }
  }

  async join(code: string, name: string, seat: string | null): Promise<{ seat: string; token: string }> {
    const r = await this.call('POST', `/api/sessions/${encodeURIComponent(code)}/join`, null, {
      name,
      ...(seat ? { seat } : {}),
    });
    const o = isObj(r) ? r : {};
    return { seat: str(o.seat), token: str(o.token) };
  }

  async state(code: string, token: string): Promise<SessionState> {
    return readState(await this.call('GET', `/api/sessions/${encodeURIComponent(code)}`, token));
  }

  async submit(
    code: string,
    token: string,
    round: number,
    decisions: Record<string, DecisionValue>,
    levers: Record<string, number>,
  ): Promise<void> {
    await this.call('POST', `/api/sessions/${encodeURIComponent(code)}/submit`, token, {
      round,
      decisions,
      ...(Object.keys(levers).length > 0 ? { levers } : {}),
    });
  }

  async control(code: string, token: string, action: Record<string, unknown>): Promise<void> {
    await this.call('POST', `/api/sessions/${encodeURIComponent(code)}/control`, token, action);
  }

  async debrief(code: string, token: string): Promise<RoomDebrief> {
    return readDebrief(await this.call('GET', `/api/sessions/${encodeURIComponent(code)}/debrief`, token));
  }

  async exportFile(code: string, token: string): Promise<Blob> {
    const res = await fetch(`${this.base}/api/sessions/${encodeURIComponent(code)}/export`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    if (!res.ok) throw new LiveError(res.status, `HTTP ${res.status}`);
    return res.blob();
  }

  qrUrl(code: string): string {
    return `${this.base}/api/sessions/${encodeURIComponent(code)}/qr.svg`;
  }
}
