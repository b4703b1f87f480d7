// The live workshop's state and what its members can do: where the page is (the route), the session's
// state pushed by `concerto serve` over a WebSocket, this seat's draft, and the facilitator's actions. No
// drawing here: the view's pages (viz/live/pages/) draw this state and call these actions. dispose()
// aborts everything in flight through one AbortController, so late answers change nothing.
import type { Exercise } from '../../sim/exercise/types.ts';
import { download } from '../export/image.ts';
import type { TextContext } from '../exercise/text.ts';
import { IdleSignal } from '../views/IdleSignal.ts';
import {
  LiveApi,
  LiveError,
  type ExerciseInfo,
  type RoomDebrief,
  type SeatInfo,
  type SessionState,
  readState,
} from './api.ts';
import type { ReplayOutcome } from './replayPanel.ts';
import { liveHash, type LiveRoute } from './route.ts';
import { LiveSocket, socketUrl } from './socket.ts';
import { clockText, ExerciseCache, liveContext } from './text.ts';
import { tokenStore, type TokenStore } from './tokens.ts';
import type { Draft, LiveDeps, LiveEvents } from './types.ts';

export type { Draft, LiveDeps, LiveEvents } from './types.ts';

const DEFAULT_SECONDS = 300;

export class LiveController {
  route: LiveRoute = { page: 'home' };
  /** null while the health check runs. */
  served: boolean | null = null;
  exercises: ExerciseInfo[] | null = null;
  state: SessionState | null = null;
  /** performance.now() when the state arrived (the timer counts down from its remainingMs). */
  private receivedAt = 0;
  private cache = new ExerciseCache();
  private seatCache = new ExerciseCache();
  private socket: LiveSocket | null = null;
  connected = false;
  draft: Draft = { round: 0, decisions: {}, levers: {} };
  editing = false;
  debrief: RoomDebrief | null = null;
  debriefSeat: string | null = null;
  private debriefTimer: ReturnType<typeof setTimeout> | null = null;
  error = '';
  notice = '';
  seconds = DEFAULT_SECONDS;
  joinName = '';
  replay: ReplayOutcome | null = null;
  joinSeats: { seats: SeatInfo[]; pickSeats: boolean } | null = null;
  /** Where the keyboard goes at the next drawing (a data-focus key). */
  focusKey: string | null = null;
  /** What the participant's page was drawn from: redrawn only when it changes, so typing is never lost. */
  drawnKey = '';
  readonly api: LiveApi;
  readonly tokens: TokenStore;
  private abort = new AbortController();
  private inFlight = 0;
  private idle = new IdleSignal();
  private events: LiveEvents;

  constructor(
    private deps: LiveDeps,
    events: LiveEvents,
  ) {
    this.api = deps.api ?? new LiveApi();
    this.tokens = tokenStore(deps.storage);
    // After dispose() nothing is drawn or said any more.
    const live = () => !this.abort.signal.aborted;
    this.events = {
      render: (force) => live() && events.render(force),
      connection: () => live() && events.connection(),
      announce: (text) => live() && events.announce(text),
    };
    this.spawn(this.checkServer());
  }

  /** Count `p` as work in flight (whenIdle) and report a failure instead of leaving it unhandled. */
  spawn(p: Promise<unknown>): void {
    this.inFlight++;
    p.catch((err: unknown) => {
      if (!this.abort.signal.aborted) console.warn('the workshop request failed:', err);
    }).finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.release();
    });
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.inFlight !== 0);
  }

  dispose(): void {
    this.abort.abort();
    this.disconnect();
  }

  /** Go to a `#live…` place (from the address bar). */
  open(next: LiveRoute): void {
    if (JSON.stringify(next) === JSON.stringify(this.route) && (this.state || next.page === 'home')) {
      this.events.render(true);
      return;
    }
    this.go(next, false);
  }

  go(route: LiveRoute, writeUrl = true): void {
    const sameSession = 'code' in route && 'code' in this.route && route.code === this.route.code;
    const sameRole = sameSession && (route.page === 'play') === (this.route.page === 'play') && route.page !== 'join';
    this.route = route;
    this.error = '';
    if (!sameRole) this.disconnect();
    if (writeUrl && this.deps.syncUrl) history.replaceState(null, '', liveHash(route));
    if (route.page === 'join') {
      this.joinSeats = null;
      if (this.served) this.spawn(this.loadJoinSeats(route.code));
    }
    if (this.served && !this.socket && (route.page === 'host' || route.page === 'play' || route.page === 'screen'))
      this.connect();
    this.focusKey = 'live-heading';
    this.events.render(true);
  }

  token(): string | null {
    if (!('code' in this.route)) return null;
    return this.tokens.get(this.route.page === 'play' ? 'play' : 'host', this.route.code);
  }

  private async checkServer(): Promise<void> {
    this.served = await this.api.health();
    if (this.served) {
      if (this.route.page === 'home') this.spawn(this.loadExercises());
      if (this.route.page === 'join') this.spawn(this.loadJoinSeats(this.route.code));
      if (this.route.page === 'host' || this.route.page === 'play' || this.route.page === 'screen') this.connect();
    }
    this.events.render(true);
  }

  async loadExercises(): Promise<void> {
    try {
      this.exercises = await this.api.exercises();
    } catch (err) {
      this.error = this.errorText(err);
    }
    this.events.render(true);
  }

  private async loadJoinSeats(code: string): Promise<void> {
    const seats = await this.api.seats(code);
    if (this.route.page === 'join' && this.route.code === code) {
      this.joinSeats = seats;
      this.events.render(true);
    }
  }

  private connect(): void {
    const token = this.token();
    if (!('code' in this.route) || !token) {
      this.events.render(true);
      return;
    }
    const code = this.route.code;
    this.socket = new LiveSocket({
      url: socketUrl(location, code, token),
      onOpen: () => this.spawn(this.refresh()),
      onStatus: (c) => {
        this.connected = c;
        this.events.connection();
      },
      onMessage: (msg) => {
        if (typeof msg !== 'object' || msg === null) return;
        const m = msg as Record<string, unknown>;
        if (m.type !== 'state') return;
        // A state message may carry the whole state (at its top level or under "state") or only say that it changed.
        const body = typeof m.state === 'object' && m.state !== null ? m.state : m;
        const b = body as Record<string, unknown>;
        if (typeof b.status === 'string' && typeof b.round === 'number') this.setState(readState(body));
        else this.spawn(this.refresh());
      },
    });
    this.spawn(this.refresh());
  }

  private disconnect(): void {
    this.socket?.close();
    this.socket = null;
    this.connected = false;
    this.state = null;
    this.debrief = null;
    this.debriefSeat = null;
    this.drawnKey = '';
    if (this.debriefTimer) clearTimeout(this.debriefTimer);
    this.debriefTimer = null;
  }

  private async refresh(): Promise<void> {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    const code = this.route.code;
    try {
      const s = await this.api.state(code, token);
      if ('code' in this.route && this.route.code === code) this.setState(s);
    } catch (err) {
      if (err instanceof LiveError && (err.status === 401 || err.status === 403 || err.status === 404)) {
        this.error = this.ctx.t(err.status === 404 ? 'live.error.noSession' : 'live.error.token', { code });
        this.disconnect();
        this.events.render(true);
      } else if (!(err instanceof TypeError)) {
        // A network error (TypeError) is the socket's to recover from; anything else is shown.
        this.error = this.errorText(err);
        this.events.render(true);
      }
    }
  }

  private setState(s: SessionState): void {
    const before = this.state;
    // Pushes after a change leave the exercise files out (they do not change): keep the ones we have.
    if (s.exercise === null && before) s.exercise = before.exercise;
    if (s.seat && s.seat.exercise === undefined && before?.seat?.exercise !== undefined)
      s.seat.exercise = before.seat.exercise;
    this.state = s;
    this.receivedAt = performance.now();
    if (!before) this.seconds = s.settings?.seconds ?? this.exercise?.timeLimit?.seconds ?? DEFAULT_SECONDS;
    if (!before || before.round !== s.round) {
      // A seat that already submitted this round (before a reload) starts from what it submitted.
      const sub = s.seat?.submission;
      this.draft = { round: s.round, decisions: { ...(sub?.decisions ?? {}) }, levers: { ...(sub?.levers ?? {}) } };
      this.editing = false;
    }
    if (s.status === 'ended' && !this.debrief && !this.debriefTimer) this.loadDebrief();
    this.events.render(false);
  }

  private loadDebrief(): void {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    const code = this.route.code;
    this.debriefTimer = setTimeout(() => undefined, 0);
    this.api.debrief(code, token).then(
      (d) => {
        this.debriefTimer = null;
        if (!('code' in this.route) || this.route.code !== code) return;
        this.debrief = d;
        const own = this.state?.you.seat ?? null;
        this.debriefSeat = d.seats.find((x) => x.seat === own)?.seat ?? d.seats[0]?.seat ?? null;
        this.events.render(true);
      },
      (err: unknown) => {
        // The debrief may still be computing (the model's runs): ask again shortly.
        this.debriefTimer = setTimeout(
          () => {
            this.debriefTimer = null;
            if (this.state?.status === 'ended' && !this.debrief) this.loadDebrief();
          },
          err instanceof LiveError && err.status >= 500 ? 5000 : 1500,
        );
      },
    );
  }

  create(source: { exercise: string } | { exerciseFile: unknown }): void {
    this.spawn(this.createAsync(source));
  }

  join(code: string, name: string, seat: string | null): void {
    this.spawn(this.joinAsync(code, name, seat));
  }

  control(action: Record<string, unknown>): void {
    this.spawn(this.controlAsync(action));
  }

  submit(): void {
    this.spawn(this.submitAsync());
  }

  exportSession(): void {
    this.spawn(this.exportSessionAsync());
  }

  errorText(err: unknown): string {
    if (err instanceof LiveError) return this.ctx.t('live.error.server', { error: err.message });
    return this.ctx.t('live.error.network', { error: err instanceof Error ? err.message : String(err) });
  }

  private async createAsync(source: { exercise: string } | { exerciseFile: unknown }): Promise<void> {
    this.error = '';
    try {
      const { code, token } = await this.api.create(source);
      this.tokens.set('host', code, token);
      this.go({ page: 'host', code });
    } catch (err) {
      this.error = this.errorText(err);
      this.events.render(true);
    }
  }

  private async joinAsync(code: string, name: string, seat: string | null): Promise<void> {
    this.error = '';
    const clean = name.trim();
    if (!code || !clean) {
      this.error = this.ctx.t(!code ? 'live.join.needCode' : 'live.join.needName');
      this.events.render(true);
      return;
    }
    try {
      const r = await this.api.join(code, clean, seat);
      this.tokens.set('play', code, r.token);
      this.go({ page: 'play', code });
    } catch (err) {
      this.error = this.errorText(err);
      this.events.render(true);
    }
  }

  private async controlAsync(action: Record<string, unknown>): Promise<void> {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    this.error = '';
    const seq = this.state?.seq;
    try {
      await this.api.control(this.route.code, token, seq === null || seq === undefined ? action : { ...action, seq });
      await this.refresh();
    } catch (err) {
      this.error = this.errorText(err);
      this.events.render(true);
    }
  }

  private async submitAsync(): Promise<void> {
    const s = this.state;
    const token = this.token();
    if (!s || !token || !('code' in this.route)) return;
    this.error = '';
    try {
      await this.api.submit(this.route.code, token, s.round, this.draft.decisions, this.draft.levers);
      this.editing = false;
      this.notice = this.ctx.t('live.play.submittedNotice', { round: s.round });
      this.events.announce(this.notice);
      if (s.seat) s.seat.submitted = true;
      this.focusKey = 'live-heading';
      this.events.render(true);
      this.spawn(this.refresh());
    } catch (err) {
      this.error = this.errorText(err);
      this.events.render(true);
    }
  }

  private async exportSessionAsync(): Promise<void> {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    try {
      const blob = await this.api.exportFile(this.route.code, token);
      download(blob, `concerto-workshop-${this.route.code}.json`);
    } catch (err) {
      this.error = this.errorText(err);
      this.events.render(true);
    }
  }

  /** The seat's own exercise for a participant (its objectives and briefing), else the session's. */
  get exercise(): Exercise | null {
    return this.cache.get(this.state?.seat?.exercise ?? this.state?.exercise ?? null);
  }

  get ctx(): TextContext {
    return liveContext(this.deps.i18n.lang, this.exercise);
  }

  seatName(seat: SeatInfo | { id: string; role: string; province: string | null; label?: unknown } | null): string {
    const ctx = this.ctx;
    if (!seat) return ctx.t('live.seat.none');
    if (seat.label && (typeof seat.label === 'string' || typeof seat.label === 'object'))
      return ctx.pick(seat.label as { en: string; vi: string } | string);
    if (seat.role === 'centre') return ctx.t('live.seat.centre');
    if (seat.province) return ctx.names.province[seat.province] ?? seat.province;
    return seat.id;
  }

  seatById(id: string | null): SeatInfo | null {
    return this.state?.seats.find((s) => s.id === id) ?? null;
  }

  remainingMs(): number | null {
    const s = this.state;
    if (!s || s.remainingMs === null) return null;
    return s.status === 'running' ? s.remainingMs - (performance.now() - this.receivedAt) : s.remainingMs;
  }

  timerText(): string {
    const s = this.state;
    if (!s) return '';
    const left = this.remainingMs();
    if (s.status === 'paused') return this.ctx.t('live.timer.paused', { time: left === null ? '—' : clockText(left) });
    if (s.status !== 'running') return '';
    return left === null ? this.ctx.t('live.timer.none') : this.ctx.t('live.timer.left', { time: clockText(left) });
  }

  seatExercise(raw: unknown): Exercise | null {
    return this.seatCache.get(raw);
  }
}
