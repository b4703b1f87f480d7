// What each member of a workshop session sees (docs/workshop-api.md, "State"): the parts every
// member shares, the facilitator's plane and events, and each seat's items, situation and news. A
// WebSocket push is made of JSON pieces built once per version of the session, so a room of eighty
// costs one serialisation per seat, not per member.
import type { ModelEvent } from '../sim/engine/model.ts';
import { CENTRE_SEAT, seatExerciseFile } from '../sim/exercise/index.ts';
import type { Participant, Viewer } from './seats.ts';
import type { LiveSession } from './session.ts';

export class SessionViews {
  constructor(private readonly s: LiveSession) {}

  /** Bumped on every change: the views made for a version are reused by every push of it. */
  private version = 0;
  private cache: { version: number; base: string | null; facilitator: string | null; seats: Map<string, string> } = {
    version: -1,
    base: null,
    facilitator: null,
    seats: new Map(),
  };

  /** Something the views show changed (a submission, a round, a control, a participant's connection). */
  bump(): void {
    this.version++;
  }

  private fresh(): typeof this.cache {
    if (this.cache.version !== this.version)
      this.cache = { version: this.version, base: null, facilitator: null, seats: new Map() };
    return this.cache;
  }

  /** What every member sees (the remaining time apart, which moves between pushes). */
  private base(): Record<string, unknown> {
    return {
      code: this.s.code,
      status: this.s.status,
      round: this.s.round,
      rounds: this.s.exercise.rounds,
      seq: this.s.seq,
      seats: this.s.seats,
      participants: [...this.s.participants.values()].map((p) => ({
        id: p.id,
        name: p.name,
        seat: p.seat,
        submitted: this.s.submitted(p.seat),
        connected: p.connections > 0,
      })),
      settings: this.s.settings,
    };
  }

  private facilitatorPart(): Record<string, unknown> {
    const run = this.s.run();
    const occupied = new Set([...this.s.participants.values()].map((p) => p.seat));
    return {
      you: { role: 'facilitator' },
      plane: this.s.seats
        .filter((s) => occupied.has(s.id))
        .map((s) => ({
          seat: s.id,
          province: s.province,
          label: s.label,
          coherence: run.record.series.coherence ?? [],
          innovation: run.record.series.innovation ?? [],
        })),
      events: this.s.room.events(),
    };
  }

  private seatPart(id: string, full: boolean): Record<string, unknown> {
    const seat = this.s.seats.find((s) => s.id === id)!;
    const run = this.s.run();
    const played = this.s.room.round - 1;
    const last = (series: Record<string, number[]>) =>
      Object.fromEntries(
        Object.entries(series)
          .map(([k, v]) => [k, v[v.length - 1]!])
          .filter(([, v]) => v !== undefined),
      );
    const sub = this.s.submission(seat.id);
    const provinceSeries = seat.role === 'province' ? this.s.room.provinceMetrics(seat.province!) : null;
    const mine = (e: ModelEvent) =>
      seat.role === 'centre' || e.args.province === undefined || e.args.province === seat.province;
    const out: Record<string, unknown> = {
      ...seat,
      items: this.s.items(seat.id).map(({ modelChoice: _omit, ...rest }) => rest),
      levers: seat.role === 'centre' ? this.s.room.seats.get(CENTRE_SEAT)!.levers : [],
      leversInForce: seat.role === 'centre' ? this.s.room.leversInForce() : {},
      submitted: sub !== undefined,
      submission: sub ? { decisions: sub.decisions, levers: sub.levers } : null,
      situation:
        played > 0
          ? { round: played, national: last(run.record.series), province: provinceSeries ? last(provinceSeries) : null }
          : null,
      news: this.s.room.events().filter(mine),
    };
    if (full) out.exercise = seatExerciseFile(this.s.exercise, this.s.seatOf(seat.id));
    return out;
  }

  private you(p: Participant): Record<string, unknown> {
    return { role: 'participant', seat: p.seat, name: p.name, participant: p.id };
  }

  /** The session as `viewer` may see it (docs/workshop-api.md, "State"); `full` adds the exercise files. */
  view(viewer: Viewer, full: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.base(), remainingMs: this.s.remainingMs() };
    if (full) out.exercise = this.s.exercise.raw;
    if (viewer.role === 'facilitator') return { ...out, ...this.facilitatorPart() };
    return { ...out, you: this.you(viewer.participant), seat: this.seatPart(viewer.participant.seat, full) };
  }

  /**
   * A WebSocket push of the state (without the exercise files, which never change), as JSON: the parts
   * shared by every member, and each seat's part, are made once per version of the session.
   */
  pushJson(viewer: Viewer): string {
    const c = this.fresh();
    c.base ??= JSON.stringify(this.base()).slice(1, -1);
    const head = `{"type":"state","remainingMs":${JSON.stringify(this.s.remainingMs())},${c.base}`;
    if (viewer.role === 'facilitator') {
      c.facilitator ??= JSON.stringify(this.facilitatorPart()).slice(1, -1);
      return `${head},${c.facilitator}}`;
    }
    const seat = viewer.participant.seat;
    let part = c.seats.get(seat);
    if (part === undefined) c.seats.set(seat, (part = JSON.stringify(this.seatPart(seat, false))));
    return `${head},"you":${JSON.stringify(this.you(viewer.participant))},"seat":${part}}`;
  }
}
