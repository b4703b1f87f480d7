// The live workshop (the "Workshop" tab): a facilitator runs an exercise with a room, each participant
// on their own device, through `concerto serve`. Four pages, each in the address bar so a reload lands
// on it again: home (create or join), the facilitator's console, the participant's seat and the
// projector. The server holds the session and runs the model; this page only shows its state (pushed
// over a WebSocket) and sends decisions and the facilitator's actions. Every name a person typed is
// put on the page as text (textContent), never as HTML.
import type { DecisionValue, Exercise } from '../../sim/exercise/types.ts';
import { el, uid } from '../dom.ts';
import { download } from '../export/image.ts';
import type { I18n } from '../i18n/index.ts';
import { metricLabel, paramName, type TextContext } from '../exercise/text.ts';
import { eventLogLines } from '../specs/eventLog.ts';
import { decisionCard, leverForm } from '../views/exerciseCards.ts';
import { debriefSections, planeFigure, textTable } from '../views/exerciseDebrief.ts';
import {
  LiveApi,
  LiveError,
  type ExerciseInfo,
  type RoomDebrief,
  type SeatInfo,
  type SessionState,
  readState,
} from './api.ts';
import { liveHash, normaliseCode, parseLiveHash, type LiveRoute } from './route.ts';
import { replayPanel, replaySession, type ReplayOutcome } from './replayPanel.ts';
import { LiveSocket, socketUrl } from './socket.ts';
import { clockText, ExerciseCache, liveContext } from './text.ts';
import { tokenStore, type TokenStore } from './tokens.ts';

export interface LiveDeps {
  i18n: I18n;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Keep the address bar on the live page shown. */
  syncUrl: boolean;
  api?: LiveApi;
}

export interface LiveViewHandle {
  readonly root: HTMLElement;
  /** Go to a `#live…` place. */
  open(hash: string): void;
  /** The fragment of the page shown. */
  hash(): string;
  relabel(): void;
  dispose(): void;
}

/** Events worth telling the room after a round (as in the solo exercise's news). */
const NEWS = new Set([
  'shock',
  'window.open',
  'window.missed',
  'directive',
  'goalShift',
  'scaleUp',
  'setParam',
  'pilot.approved',
  'pilot.rejected',
  'pilot.succeeded',
  'pilot.failed',
  'fenceBreak',
  'legitimized',
  'sanction',
  'incident',
  'agreement.signed',
  'track2.shock',
  'track2.window',
]);
const NEWS_LIMIT = 12;
/** The values the situation box shows, as in solo play: the nation's, then the seat's province's. */
const SITUATION_KEYS = ['coherence', 'innovation', 'security', 'development', 'prestige'];
const PROVINCE_KEYS = ['security', 'development', 'prestige', 'trust', 'capacity', 'agreements'];
const DEFAULT_SECONDS = 300;

type Draft = { round: number; decisions: Record<string, DecisionValue>; levers: Record<string, number> };

/** The exercise's stylesheet (decision cards, debrief), which the live pages reuse; a file <link> passes the CSP. */
function ensureExerciseStylesheet(): void {
  if (document.querySelector('link[data-exercise-css]')) return;
  const href = new URL('../exercise/exercise.css', import.meta.url).href;
  document.head.append(el('link', { rel: 'stylesheet', href, 'data-exercise-css': '' }));
}

class WorkshopView implements LiveViewHandle {
  readonly root: HTMLElement;
  private deps: LiveDeps;
  private api: LiveApi;
  private tokens: TokenStore;
  private route: LiveRoute = { page: 'home' };
  /** null while the health check runs. */
  private served: boolean | null = null;
  private exercises: ExerciseInfo[] | null = null;
  private state: SessionState | null = null;
  /** performance.now() when the state arrived (the timer counts down from its remainingMs). */
  private receivedAt = 0;
  private cache = new ExerciseCache();
  private socket: LiveSocket | null = null;
  private connected = false;
  private draft: Draft = { round: 0, decisions: {}, levers: {} };
  private editing = false;
  private debrief: RoomDebrief | null = null;
  private debriefSeat: string | null = null;
  private debriefTimer: ReturnType<typeof setTimeout> | null = null;
  private error = '';
  private notice = '';
  private seconds = DEFAULT_SECONDS;
  private joinName = '';
  private replay: ReplayOutcome | null = null;
  private joinSeats: { seats: SeatInfo[]; pickSeats: boolean } | null = null;
  private ticker: ReturnType<typeof setInterval>;
  private unsubscribe: () => void;
  /** What the participant's page was drawn from: redrawn only when it changes, so typing is never lost. */
  private drawnKey = '';
  private focusKey: string | null = null;
  private live: HTMLElement;

  constructor(container: HTMLElement, deps: LiveDeps) {
    this.deps = deps;
    this.api = deps.api ?? new LiveApi();
    this.tokens = tokenStore(deps.storage);
    ensureExerciseStylesheet();
    this.root = el('section', { class: 'view live', 'data-view': 'live', 'aria-labelledby': 'live-h' });
    this.live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-role': 'announce' });
    this.root.append(this.live);
    container.appendChild(this.root);
    this.unsubscribe = deps.i18n.onChange(() => this.render(true));
    this.ticker = setInterval(() => this.tick(), 250);
    void this.checkServer();
  }

  // ── Places ────────────────────────────────────────────────────────────────

  hash(): string {
    return liveHash(this.route);
  }

  open(hash: string): void {
    const next = parseLiveHash(hash);
    if (JSON.stringify(next) === JSON.stringify(this.route) && (this.state || next.page === 'home')) {
      this.render(true);
      return;
    }
    this.go(next, false);
  }

  private go(route: LiveRoute, writeUrl = true): void {
    const sameSession = 'code' in route && 'code' in this.route && route.code === this.route.code;
    const sameRole = sameSession && (route.page === 'play') === (this.route.page === 'play') && route.page !== 'join';
    this.route = route;
    this.error = '';
    if (!sameRole) this.disconnect();
    if (writeUrl && this.deps.syncUrl) history.replaceState(null, '', liveHash(route));
    if (route.page === 'join') {
      this.joinSeats = null;
      if (this.served) void this.loadJoinSeats(route.code);
    }
    if (this.served && !this.socket && (route.page === 'host' || route.page === 'play' || route.page === 'screen'))
      this.connect();
    this.focusKey = 'live-heading';
    this.render(true);
  }

  private token(): string | null {
    if (!('code' in this.route)) return null;
    return this.tokens.get(this.route.page === 'play' ? 'play' : 'host', this.route.code);
  }

  private async checkServer(): Promise<void> {
    this.served = await this.api.health();
    if (this.served) {
      if (this.route.page === 'home') void this.loadExercises();
      if (this.route.page === 'join') void this.loadJoinSeats(this.route.code);
      if (this.route.page === 'host' || this.route.page === 'play' || this.route.page === 'screen') this.connect();
    }
    this.render(true);
  }

  private async loadExercises(): Promise<void> {
    try {
      this.exercises = await this.api.exercises();
    } catch (err) {
      this.error = this.errorText(err);
    }
    this.render(true);
  }

  private async loadJoinSeats(code: string): Promise<void> {
    const seats = await this.api.seats(code);
    if (this.route.page === 'join' && this.route.code === code) {
      this.joinSeats = seats;
      this.render(true);
    }
  }

  // ── Connection ────────────────────────────────────────────────────────────

  private connect(): void {
    const token = this.token();
    if (!('code' in this.route) || !token) {
      this.render(true);
      return;
    }
    const code = this.route.code;
    this.socket = new LiveSocket({
      url: socketUrl(location, code, token),
      onOpen: () => void this.refresh(),
      onStatus: (c) => {
        this.connected = c;
        const node = this.root.querySelector('[data-role="connection"]');
        if (node) node.textContent = this.ctx.t(c ? 'live.connected' : 'live.reconnecting');
      },
      onMessage: (msg) => {
        if (typeof msg !== 'object' || msg === null) return;
        const m = msg as Record<string, unknown>;
        if (m.type !== 'state') return;
        // A state message may carry the whole state (at its top level or under "state") or only say that it changed.
        const body = typeof m.state === 'object' && m.state !== null ? m.state : m;
        const b = body as Record<string, unknown>;
        if (typeof b.status === 'string' && typeof b.round === 'number') this.setState(readState(body));
        else void this.refresh();
      },
    });
    void this.refresh();
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
        this.render(true);
      } else if (!(err instanceof TypeError)) {
        // A network error (TypeError) is the socket's to recover from; anything else is shown.
        this.error = this.errorText(err);
        this.render(true);
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
    this.render(false);
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
        this.render(true);
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

  // ── Actions ───────────────────────────────────────────────────────────────

  private errorText(err: unknown): string {
    if (err instanceof LiveError) return this.ctx.t('live.error.server', { error: err.message });
    return this.ctx.t('live.error.network', { error: err instanceof Error ? err.message : String(err) });
  }

  private async create(source: { exercise: string } | { exerciseFile: unknown }): Promise<void> {
    this.error = '';
    try {
      const { code, token } = await this.api.create(source);
      this.tokens.set('host', code, token);
      this.go({ page: 'host', code });
    } catch (err) {
      this.error = this.errorText(err);
      this.render(true);
    }
  }

  private async join(code: string, name: string, seat: string | null): Promise<void> {
    this.error = '';
    const clean = name.trim();
    if (!code || !clean) {
      this.error = this.ctx.t(!code ? 'live.join.needCode' : 'live.join.needName');
      this.render(true);
      return;
    }
    try {
      const r = await this.api.join(code, clean, seat);
      this.tokens.set('play', code, r.token);
      this.go({ page: 'play', code });
    } catch (err) {
      this.error = this.errorText(err);
      this.render(true);
    }
  }

  private async control(action: Record<string, unknown>): Promise<void> {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    this.error = '';
    const seq = this.state?.seq;
    try {
      await this.api.control(this.route.code, token, seq === null || seq === undefined ? action : { ...action, seq });
      await this.refresh();
    } catch (err) {
      this.error = this.errorText(err);
      this.render(true);
    }
  }

  private async submit(): Promise<void> {
    const s = this.state;
    const token = this.token();
    if (!s || !token || !('code' in this.route)) return;
    this.error = '';
    try {
      await this.api.submit(this.route.code, token, s.round, this.draft.decisions, this.draft.levers);
      this.editing = false;
      this.notice = this.ctx.t('live.play.submittedNotice', { round: s.round });
      this.live.textContent = this.notice;
      if (s.seat) s.seat.submitted = true;
      this.focusKey = 'live-heading';
      this.render(true);
      void this.refresh();
    } catch (err) {
      this.error = this.errorText(err);
      this.render(true);
    }
  }

  private async exportSession(): Promise<void> {
    const token = this.token();
    if (!('code' in this.route) || !token) return;
    try {
      const blob = await this.api.exportFile(this.route.code, token);
      download(blob, `concerto-workshop-${this.route.code}.json`);
    } catch (err) {
      this.error = this.errorText(err);
      this.render(true);
    }
  }

  // ── Text helpers ──────────────────────────────────────────────────────────

  /** The seat's own exercise for a participant (its objectives and briefing), else the session's. */
  private get exercise(): Exercise | null {
    return this.cache.get(this.state?.seat?.exercise ?? this.state?.exercise ?? null);
  }

  private get ctx(): TextContext {
    return liveContext(this.deps.i18n.lang, this.exercise);
  }

  private seatName(
    seat: SeatInfo | { id: string; role: string; province: string | null; label?: unknown } | null,
  ): string {
    const ctx = this.ctx;
    if (!seat) return ctx.t('live.seat.none');
    if (seat.label && (typeof seat.label === 'string' || typeof seat.label === 'object'))
      return ctx.pick(seat.label as { en: string; vi: string } | string);
    if (seat.role === 'centre') return ctx.t('live.seat.centre');
    if (seat.province) return ctx.names.province[seat.province] ?? seat.province;
    return seat.id;
  }

  private seatById(id: string | null): SeatInfo | null {
    return this.state?.seats.find((s) => s.id === id) ?? null;
  }

  private remainingMs(): number | null {
    const s = this.state;
    if (!s || s.remainingMs === null) return null;
    return s.status === 'running' ? s.remainingMs - (performance.now() - this.receivedAt) : s.remainingMs;
  }

  private timerText(): string {
    const s = this.state;
    if (!s) return '';
    const left = this.remainingMs();
    if (s.status === 'paused') return this.ctx.t('live.timer.paused', { time: left === null ? '—' : clockText(left) });
    if (s.status !== 'running') return '';
    return left === null ? this.ctx.t('live.timer.none') : this.ctx.t('live.timer.left', { time: clockText(left) });
  }

  private tick(): void {
    const node = this.root.querySelector('[data-role="live-timer"]');
    if (node && this.state?.status === 'running') node.textContent = this.timerText();
  }

  // ── Rendering ─────────────────────────────────────────────────────────────

  relabel(): void {
    this.render(true);
  }

  /** Redraw the page; a participant's page only when what it shows changed (unless `force`). */
  private render(force: boolean): void {
    if (this.route.page === 'play' && this.state && !force) {
      const s = this.state;
      const key = JSON.stringify([s.status, s.round, s.seat?.submitted, s.seat?.items.map((i) => i.key), s.you]);
      if (key === this.drawnKey) {
        this.updateCounts();
        return;
      }
    }
    const active = document.activeElement as HTMLElement | null;
    const focus = this.focusKey ?? (active && this.root.contains(active) ? (active.dataset.focus ?? null) : null);
    this.focusKey = null;
    for (const child of Array.from(this.root.children)) if (child !== this.live) child.remove();
    this.root.dataset.page = this.route.page;
    this.root.dataset.status = this.state?.status ?? '';
    this.root.lang = this.deps.i18n.lang;
    this.root.classList.toggle('live-screen', this.route.page === 'screen');
    if (this.served === null) {
      this.root.append(el('p', { class: 'status', role: 'status', text: this.ctx.t('live.checking') }));
    } else if (!this.served) {
      this.renderNoServer();
    } else {
      switch (this.route.page) {
        case 'home':
          this.renderHome();
          break;
        case 'join':
          this.renderJoin(this.route.code);
          break;
        case 'host':
          this.renderHost();
          break;
        case 'play':
          this.renderPlay();
          break;
        case 'screen':
          this.renderScreen();
          break;
      }
    }
    if (this.route.page === 'play' && this.state) {
      const s = this.state;
      this.drawnKey = JSON.stringify([s.status, s.round, s.seat?.submitted, s.seat?.items.map((i) => i.key), s.you]);
    }
    if (focus) this.root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus)}"]`)?.focus();
  }

  private heading(text: string, tag: 'h1' | 'h2' = 'h1'): HTMLElement {
    return el(tag, { id: tag === 'h1' ? 'live-h' : undefined, tabindex: -1, text, 'data-focus': 'live-heading' });
  }

  private button(text: string, control: string, onClick: () => void, cls = ''): HTMLButtonElement {
    const b = el('button', { type: 'button', class: cls, 'data-control': control, 'data-focus': control, text });
    b.addEventListener('click', onClick);
    return b;
  }

  private messages(): HTMLElement[] {
    const out: HTMLElement[] = [];
    out.push(el('p', { class: 'issues live-error', role: 'alert', 'data-role': 'live-error', text: this.error }));
    out.push(el('p', { class: 'notice', role: 'status', 'data-role': 'live-notice', text: this.notice }));
    this.notice = '';
    return out;
  }

  private renderNoServer(): void {
    const ctx = this.ctx;
    this.root.append(
      this.heading(ctx.t('live.heading')),
      el('div', { class: 'panel live-noserver', 'data-role': 'no-server' }, [
        el('p', { text: ctx.t('live.noServer') }),
        el('pre', {}, [el('code', { text: 'npx concerto serve' })]),
        el('p', { class: 'help', text: ctx.t('live.noServerSolo') }),
      ]),
      this.replaySection(),
    );
  }

  /** The downloaded-session check: works with or without the server (the replay runs in this browser). */
  private replaySection(): HTMLElement {
    return replayPanel(this.ctx, this.replay, (f) => {
      void f.text().then((text) => {
        this.replay = replaySession(f.name, text, this.ctx);
        const ctx = this.ctx;
        this.live.textContent = this.replay.ok
          ? ctx.t('live.replay.ok', { file: f.name, checksum: this.replay.checksum, rounds: this.replay.rounds })
          : ctx.t('live.replay.failed', { file: f.name });
        this.render(true);
      });
    });
  }

  private renderHome(): void {
    const ctx = this.ctx;
    if (this.exercises === null && !this.error) void this.loadExercises();
    // Join
    const codeId = uid('code');
    const code = el('input', {
      type: 'text',
      id: codeId,
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      maxlength: 16,
      'data-control': 'join-code',
      class: 'live-code-input',
    });
    const joinSection = el('section', { class: 'panel live-join', 'aria-labelledby': 'live-join-h' }, [
      el('h2', { id: 'live-join-h', text: ctx.t('live.home.joinHeading') }),
      el('p', { class: 'help', text: ctx.t('live.home.joinHelp') }),
      el('div', { class: 'field' }, [el('label', { for: codeId, text: ctx.t('live.join.code') }), code]),
      this.button(ctx.t('live.home.joinGo'), 'join-go', () => {
        const c = normaliseCode(code.value);
        if (c) this.go({ page: 'join', code: c });
        else {
          this.error = ctx.t('live.join.needCode');
          this.render(true);
        }
      }),
    ]);
    // Create
    const list = el('ul', { class: 'exercise-list', 'data-role': 'live-exercises' });
    for (const ex of this.exercises ?? []) {
      const hid = uid('lex');
      list.append(
        el('li', { class: 'panel exercise-item', 'data-exercise': ex.id, 'aria-labelledby': hid }, [
          el('h3', { id: hid, text: ctx.pick(ex.title) }),
          ex.seats.length > 0
            ? el('p', {
                class: 'meta',
                text: ctx.t('live.home.seats', {
                  n: ex.seats.length,
                  seats: ex.seats.map((s) => this.seatName(s)).join(', '),
                }),
              })
            : null,
          this.button(
            ctx.t('live.home.create'),
            `create-${ex.id}`,
            () => void this.create({ exercise: ex.id }),
            'primary',
          ),
        ]),
      );
    }
    const fileId = uid('lfile');
    const file = el('input', {
      type: 'file',
      id: fileId,
      class: 'visually-hidden file-input',
      accept: '.json,application/json',
      'data-control': 'live-exercise-file',
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      void f.text().then((text) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          this.error = ctx.t('exercise.fileUnreadable', { error: err instanceof Error ? err.message : String(err) });
          this.render(true);
          return;
        }
        void this.create({ exerciseFile: raw });
      });
    });
    const createSection = el('section', { class: 'panel live-create', 'aria-labelledby': 'live-create-h' }, [
      el('h2', { id: 'live-create-h', text: ctx.t('live.home.createHeading') }),
      el('p', { class: 'help', text: ctx.t('live.home.createHelp') }),
      this.exercises === null ? el('p', { class: 'status', text: ctx.t('live.loading') }) : list,
      el('div', { class: 'file-field' }, [
        file,
        el('label', { for: fileId, class: 'button', text: ctx.t('live.home.upload') }),
      ]),
    ]);
    this.root.append(
      this.heading(ctx.t('live.heading')),
      el('p', { class: 'intro', text: ctx.t('live.home.intro') }),
      ...this.messages(),
      el('div', { class: 'live-home' }, [joinSection, createSection]),
      this.replaySection(),
    );
  }

  private renderJoin(code: string): void {
    const ctx = this.ctx;
    const held = this.tokens.get('play', code);
    const nameId = uid('name');
    const name = el('input', {
      type: 'text',
      id: nameId,
      maxlength: 40,
      autocomplete: 'nickname',
      value: this.joinName,
      'data-control': 'join-name',
    });
    name.addEventListener('input', () => {
      this.joinName = name.value;
    });
    let seatSelect: HTMLSelectElement | null = null;
    const fields: HTMLElement[] = [
      el('div', { class: 'field' }, [el('label', { for: nameId, text: ctx.t('live.join.name') }), name]),
    ];
    const pick = this.joinSeats;
    if (pick && pick.pickSeats && pick.seats.length > 0) {
      const sid = uid('seat');
      seatSelect = el('select', { id: sid, 'data-control': 'join-seat' }, [
        el('option', { value: '', text: ctx.t('live.join.anySeat') }),
        ...pick.seats.map((s) =>
          el('option', {
            value: s.id,
            disabled: s.taken === true,
            text: s.taken ? ctx.t('live.join.taken', { seat: this.seatName(s) }) : this.seatName(s),
          }),
        ),
      ]);
      fields.push(
        el('div', { class: 'field' }, [el('label', { for: sid, text: ctx.t('live.join.seat') }), seatSelect]),
      );
    }
    const go = () => void this.join(code, name.value, seatSelect?.value || null);
    name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') go();
    });
    this.root.append(
      this.heading(ctx.t('live.join.heading', { code })),
      el('p', { class: 'help', text: ctx.t('live.join.help') }),
      ...this.messages(),
      el('div', { class: 'panel live-join-form' }, [
        ...fields,
        el('div', { class: 'actions' }, [
          this.button(ctx.t('live.join.go'), 'join', go, 'primary'),
          held ? this.button(ctx.t('live.join.back'), 'rejoin', () => this.go({ page: 'play', code })) : null,
        ]),
      ]),
    );
  }

  /** The session header every member sees: exercise, round, status, timer, connection. */
  private sessionHead(): HTMLElement[] {
    const s = this.state!;
    const ctx = this.ctx;
    const ex = this.exercise;
    const roundText =
      s.status === 'lobby'
        ? ctx.t('live.status.lobby')
        : s.status === 'ended'
          ? ctx.t('live.status.ended')
          : ctx.t('live.round', { round: s.round, rounds: s.rounds });
    return [
      el('div', { class: 'live-head' }, [
        this.heading(ex ? ctx.pick(ex.title) : ctx.t('live.heading')),
        el('p', {
          class: 'live-round',
          'data-role': 'live-round',
          'data-round': s.round,
          'data-rounds': s.rounds,
          text: roundText,
        }),
        el('p', {
          class: 'timer live-timer',
          role: 'timer',
          'aria-live': 'off',
          'data-role': 'live-timer',
          text: this.timerText(),
        }),
        el('p', {
          class: 'meta live-connection',
          'data-role': 'connection',
          text: ctx.t(this.connected ? 'live.connected' : 'live.reconnecting'),
        }),
      ]),
    ];
  }

  private renderNoToken(page: 'host' | 'play' | 'screen', code: string): void {
    const ctx = this.ctx;
    this.root.append(
      this.heading(ctx.t('live.heading')),
      ...this.messages(),
      el('p', { class: 'panel', text: ctx.t(page === 'play' ? 'live.play.noToken' : 'live.host.noToken', { code }) }),
      page === 'play'
        ? this.button(ctx.t('live.join.go'), 'to-join', () => this.go({ page: 'join', code }), 'primary')
        : this.button(ctx.t('live.home.back'), 'to-home', () => this.go({ page: 'home' })),
    );
  }

  private joinLink(code: string): string {
    return `${location.origin}${location.pathname}${liveHash({ page: 'join', code })}`;
  }

  /** The join code, QR code and link, large enough for the projector. */
  private joinPanel(code: string): HTMLElement {
    const ctx = this.ctx;
    const link = this.joinLink(code);
    return el('section', { class: 'panel live-joininfo', 'aria-labelledby': 'live-ji-h' }, [
      el('h2', { id: 'live-ji-h', text: ctx.t('live.host.joinHeading') }),
      el('p', { class: 'live-code', 'data-role': 'join-code', text: code }),
      el('img', {
        class: 'live-qr',
        src: this.api.qrUrl(code),
        alt: ctx.t('live.host.qrAlt', { code }),
        width: 220,
        height: 220,
        'data-role': 'qr',
      }),
      el('p', {}, [el('a', { href: link, 'data-role': 'join-link', text: link })]),
    ]);
  }

  private renderHost(): void {
    const route = this.route as { page: 'host'; code: string };
    const ctx = this.ctx;
    if (!this.tokens.get('host', route.code)) return this.renderNoToken('host', route.code);
    const s = this.state;
    if (!s) {
      this.root.append(
        this.heading(ctx.t('live.heading')),
        ...this.messages(),
        el('p', { class: 'status', text: ctx.t('live.loading') }),
      );
      return;
    }
    this.root.append(...this.sessionHead(), ...this.messages());
    const controls = el(
      'section',
      { class: 'panel live-controls', 'aria-labelledby': 'live-ctl-h', 'data-role': 'controls' },
      [el('h2', { id: 'live-ctl-h', text: ctx.t('live.host.controls') })],
    );
    const secId = uid('secs');
    const secs = el('input', {
      type: 'number',
      id: secId,
      min: 10,
      max: 3600,
      step: 10,
      value: this.seconds,
      'data-control': 'round-seconds',
    });
    secs.addEventListener('input', () => {
      const v = Number(secs.value);
      if (Number.isFinite(v) && v > 0) this.seconds = Math.round(v);
    });
    const secField = el('div', { class: 'field' }, [
      el('label', { for: secId, text: ctx.t('live.host.seconds') }),
      secs,
    ]);
    const row = el('div', { class: 'actions' });
    if (s.status === 'lobby') {
      row.append(
        this.button(
          ctx.t('live.host.start'),
          'start',
          () => void this.control({ action: 'start', round: 1, seconds: this.seconds }),
          'primary',
        ),
      );
      controls.append(secField, row);
    } else if (s.status === 'running' || s.status === 'paused') {
      row.append(
        s.status === 'running'
          ? this.button(ctx.t('live.host.pause'), 'pause', () => void this.control({ action: 'pause', round: s.round }))
          : this.button(
              ctx.t('live.host.resume'),
              'resume',
              () => void this.control({ action: 'resume', round: s.round }),
              'primary',
            ),
        this.button(
          ctx.t('live.host.extend'),
          'extend',
          () => void this.control({ action: 'extend', round: s.round, seconds: this.seconds }),
        ),
        this.button(
          ctx.t(s.round >= s.rounds ? 'live.host.advanceLast' : 'live.host.advance'),
          'advance',
          () => void this.control({ action: 'advance', round: s.round }),
          'primary',
        ),
        this.button(
          ctx.t('live.host.end'),
          'end',
          () => void this.control({ action: 'end', round: s.round }),
          'danger',
        ),
      );
      controls.append(
        el('p', {
          class: 'live-count',
          'data-role': 'submitted-count',
          text: ctx.t('live.submittedCount', {
            n: s.participants.filter((p) => p.submitted).length,
            total: s.participants.length,
          }),
        }),
        secField,
        row,
        el('p', { class: 'help', text: ctx.t('live.host.advanceHelp') }),
      );
    } else {
      controls.append(
        el('div', { class: 'actions' }, [
          this.button(ctx.t('live.debrief.export'), 'export', () => void this.exportSession(), 'primary'),
        ]),
      );
    }
    controls.append(
      el('p', {}, [
        el('a', {
          href: liveHash({ page: 'screen', code: route.code }),
          target: '_blank',
          rel: 'noopener',
          'data-control': 'open-screen',
          text: ctx.t('live.host.openScreen'),
        }),
      ]),
    );
    this.root.append(
      el('div', { class: 'live-grid' }, [controls, s.status === 'ended' ? null : this.joinPanel(route.code)]),
    );
    if (s.status === 'lobby') this.root.append(this.seatsPanel(s, true));
    else if (s.status !== 'ended') this.root.append(this.roomPanels(s));
    if (s.status === 'ended') this.root.append(...this.debriefPanels(true));
  }

  /** Seats and the people in them; the facilitator may move a participant to another seat. */
  private seatsPanel(s: SessionState, host: boolean): HTMLElement {
    const ctx = this.ctx;
    const section = el('section', { class: 'panel live-seats', 'aria-labelledby': 'live-seats-h' }, [
      el('h2', { id: 'live-seats-h', text: ctx.t('live.seats.heading', { n: s.participants.length }) }),
    ]);
    if (host && s.settings) {
      const pickId = uid('pick');
      const pick = el('input', {
        type: 'checkbox',
        id: pickId,
        checked: s.settings.pickSeats,
        'data-control': 'pick-seats',
      });
      const shareId = uid('share');
      const share = el('input', {
        type: 'checkbox',
        id: shareId,
        checked: s.settings.shareSeats,
        'data-control': 'share-seats',
      });
      const send = () => void this.control({ action: 'settings', pickSeats: pick.checked, shareSeats: share.checked });
      pick.addEventListener('change', send);
      share.addEventListener('change', send);
      section.append(
        el('div', { class: 'field-row' }, [pick, el('label', { for: pickId, text: ctx.t('live.seats.pick') })]),
        el('div', { class: 'field-row' }, [share, el('label', { for: shareId, text: ctx.t('live.seats.share') })]),
      );
    }
    if (s.participants.length === 0) {
      section.append(el('p', { 'data-role': 'no-participants', text: ctx.t('live.seats.empty') }));
      return section;
    }
    const rows = el('tbody');
    for (const p of s.participants) {
      const cells: HTMLElement[] = [el('th', { scope: 'row', text: p.name })];
      if (host) {
        const sel = el('select', {
          'data-control': 'assign',
          'aria-label': ctx.t('live.seats.assignLabel', { name: p.name }),
        });
        for (const seat of s.seats)
          sel.append(el('option', { value: seat.id, selected: seat.id === p.seat, text: this.seatName(seat) }));
        sel.addEventListener(
          'change',
          () =>
            void this.control({
              action: 'assign',
              participant: p.id ?? p.name,
              seat: sel.value,
            }),
        );
        cells.push(el('td', {}, [sel]));
      } else cells.push(el('td', { text: this.seatName(this.seatById(p.seat)) }));
      rows.append(el('tr', { 'data-participant': p.name }, cells));
    }
    section.append(
      el('table', { 'data-role': 'participants' }, [
        el('thead', {}, [
          el('tr', {}, [
            el('th', { scope: 'col', text: ctx.t('live.seats.name') }),
            el('th', { scope: 'col', text: ctx.t('live.seats.seat') }),
          ]),
        ]),
        rows,
      ]),
    );
    return section;
  }

  /** Who has submitted (names only), the plane and the round's events: the facilitator's and the projector's. */
  private roomPanels(s: SessionState): HTMLElement {
    const ctx = this.ctx;
    const wrap = el('div', { class: 'live-room' });
    const who = el('ul', { class: 'live-submitted', 'data-role': 'submitted' });
    for (const p of s.participants) {
      who.append(
        el('li', { 'data-submitted': String(p.submitted), 'data-participant': p.name }, [
          el('span', { class: 'live-mark', 'aria-hidden': 'true', text: p.submitted ? '✓' : '…' }),
          el('span', { text: ` ${p.name}` }),
          el('span', { class: 'meta', text: ` · ${this.seatName(this.seatById(p.seat))} · ` }),
          el('span', { text: ctx.t(p.submitted ? 'live.submitted' : 'live.waiting') }),
        ]),
      );
    }
    wrap.append(
      el('section', { class: 'panel', 'aria-labelledby': 'live-who-h' }, [
        el('h2', { id: 'live-who-h', text: ctx.t('live.whoHeading') }),
        el('p', {
          class: 'live-count',
          'data-role': 'submitted-count',
          text: ctx.t('live.submittedCount', {
            n: s.participants.filter((p) => p.submitted).length,
            total: s.participants.length,
          }),
        }),
        s.participants.length === 0 ? el('p', { text: ctx.t('live.seats.empty') }) : who,
      ]),
    );
    const plot = el(
      'section',
      { class: 'panel plot-panel live-plane', 'aria-labelledby': 'live-plane-h', 'data-role': 'live-plane' },
      [
        el('h2', { id: 'live-plane-h', text: ctx.t('live.planeHeading') }),
        el('p', { class: 'help', text: ctx.t('live.planeHelp') }),
      ],
    );
    // Seats on the same path (every seat shares the national one when the model has no province values)
    // are one line whose label names them all.
    const groups = new Map<string, { labels: string[]; coherence: number[]; innovation: number[] }>();
    for (const p of s.plane) {
      if (p.coherence.length === 0) continue;
      const label = p.label
        ? ctx.pick(p.label)
        : p.province
          ? (ctx.names.province[p.province] ?? p.province)
          : this.seatName(this.seatById(p.seat));
      const key = JSON.stringify([p.coherence, p.innovation]);
      const g = groups.get(key);
      if (g) g.labels.push(label);
      else groups.set(key, { labels: [label], coherence: p.coherence, innovation: p.innovation });
    }
    const runs = [...groups.values()].map((g) => ({
      label: g.labels.join(', '),
      coherence: g.coherence,
      innovation: g.innovation,
    }));
    if (runs.length === 0) plot.append(el('p', { text: ctx.t('live.planeEmpty') }));
    else
      planeFigure(
        plot,
        this.deps.i18n,
        ctx,
        {
          participant: { coherence: [], innovation: [] },
          twin: null,
          band: { coherence: [], innovation: [] },
          finals: [],
        },
        runs,
      );
    wrap.append(plot);
    const lines = eventLogLines(
      s.events.filter((e) => NEWS.has(e.code)),
      {
        t: ctx.t,
        has: ctx.has,
        names: ctx.names,
        num: (v) => ctx.num(v, 3),
        param: (n) => paramName(ctx.lang, n),
      },
    );
    wrap.append(
      el('section', { class: 'panel live-events', 'aria-labelledby': 'live-ev-h' }, [
        el('h2', { id: 'live-ev-h', text: ctx.t('live.eventsHeading') }),
        lines.length === 0
          ? el('p', { text: ctx.t('live.eventsNone') })
          : el(
              'ul',
              { class: 'news', 'data-role': 'live-events' },
              lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
            ),
      ]),
    );
    return wrap;
  }

  private renderScreen(): void {
    const route = this.route as { page: 'screen'; code: string };
    const ctx = this.ctx;
    if (!this.tokens.get('host', route.code)) return this.renderNoToken('screen', route.code);
    const s = this.state;
    if (!s) {
      this.root.append(
        this.heading(ctx.t('live.heading')),
        ...this.messages(),
        el('p', { class: 'status', text: ctx.t('live.loading') }),
      );
      return;
    }
    this.root.append(...this.sessionHead(), ...this.messages());
    if (s.status === 'lobby') {
      this.root.append(el('div', { class: 'live-grid' }, [this.joinPanel(route.code), this.seatsPanel(s, false)]));
    } else if (s.status === 'ended') {
      this.root.append(...this.debriefPanels(false));
    } else this.root.append(this.roomPanels(s));
  }

  private updateCounts(): void {
    const s = this.state;
    if (!s) return;
    const node = this.root.querySelector('[data-role="room-count"]');
    if (node)
      node.textContent = this.ctx.t('live.submittedCount', {
        n: s.participants.filter((p) => p.submitted).length,
        total: s.participants.length,
      });
  }

  private renderPlay(): void {
    const route = this.route as { page: 'play'; code: string };
    const ctx = this.ctx;
    if (!this.tokens.get('play', route.code)) return this.renderNoToken('play', route.code);
    const s = this.state;
    if (!s) {
      this.root.append(
        this.heading(ctx.t('live.heading')),
        ...this.messages(),
        el('p', { class: 'status', text: ctx.t('live.loading') }),
      );
      return;
    }
    const seat = s.seat;
    const ex = this.exercise;
    this.root.append(...this.sessionHead());
    this.root.append(
      el('p', {
        class: 'meta live-you',
        'data-role': 'you',
        text: ctx.t('live.play.you', {
          name: s.you.name ?? '—',
          seat: this.seatName(seat ?? this.seatById(s.you.seat)),
        }),
      }),
      ...this.messages(),
    );
    if (s.status === 'ended') {
      this.root.append(...this.debriefPanels(false));
      return;
    }
    const briefing = seat?.briefing ?? ex?.briefing;
    const objectives = seat?.objectives ?? ex?.objectives ?? [];
    const briefingBox = el(
      'details',
      { class: 'panel briefing', open: s.status === 'lobby', 'data-role': 'briefing' },
      [
        el('summary', { text: ctx.t('exercise.briefing.heading') }),
        ...ctx
          .pick(briefing)
          .split(/\n+/)
          .filter((p) => p)
          .map((p) => el('p', { text: p })),
        el('h3', { text: ctx.t('exercise.objectives') }),
        objectives.length === 0
          ? el('p', { text: ctx.t('exercise.noObjectives') })
          : el(
              'ul',
              {},
              objectives.map((o) => el('li', { text: ctx.pick(o.text) })),
            ),
      ],
    );
    if (s.status === 'lobby') {
      this.root.append(
        el('p', { class: 'panel live-wait', 'data-role': 'waiting-start', text: ctx.t('live.play.lobby') }),
        briefingBox,
      );
      return;
    }
    if (s.status === 'paused')
      this.root.append(el('p', { class: 'panel live-wait', 'data-role': 'paused', text: ctx.t('live.play.paused') }));
    const count = el('p', {
      class: 'live-count',
      'data-role': 'room-count',
      text: ctx.t('live.submittedCount', {
        n: s.participants.filter((p) => p.submitted).length,
        total: s.participants.length,
      }),
    });
    if (seat?.submitted && !this.editing) {
      this.root.append(
        el('div', { class: 'panel live-wait', 'data-role': 'submitted-wait' }, [
          el('p', { class: 'live-big', text: ctx.t('live.play.submitted', { round: s.round }) }),
          count,
          s.status === 'running'
            ? this.button(ctx.t('live.play.change'), 'change', () => {
                this.editing = true;
                this.render(true);
              })
            : null,
        ]),
        briefingBox,
      );
      return;
    }
    this.root.append(count);
    const side = el('div', { class: 'play-side' }, [this.situationBox(s), briefingBox]);
    const centre = el('div', { class: 'play-main' });
    const items = seat?.items ?? [];
    if (seat && seat.role === 'centre' && (seat.levers?.length ?? 0) > 0) {
      centre.append(
        leverForm(seat.levers!, seat.leversInForce ?? {}, this.draft.levers, ctx, (values) => {
          this.draft.levers = { ...values };
          const changed = Object.entries(values);
          this.notice =
            changed.length === 0
              ? ctx.t('exercise.levers.appliedNone')
              : ctx.t('exercise.levers.applied', {
                  changes: changed
                    .map(([n, v]) =>
                      ctx.t('exercise.levers.change', { param: paramName(ctx.lang, n), value: ctx.num(v, 3) }),
                    )
                    .join(', '),
                });
          this.focusKey = 'levers-apply';
          this.render(true);
          return null;
        }).root,
      );
    }
    const cards = el('div', { class: 'cards', 'data-role': 'cards' });
    for (const item of items)
      cards.append(
        decisionCard(item, this.draft.decisions[item.key], {
          ctx,
          events: seat?.news ?? [],
          lastAllocation: null,
          decide: (k, v) => {
            this.draft.decisions[k] = v;
            this.focusKey = Array.isArray(v) ? 'alloc-confirm' : `${k}:${v ? 'yes' : 'no'}`;
            this.render(true);
          },
        }),
      );
    const open = items.filter((i) => this.draft.decisions[i.key] === undefined).length;
    // Several open requests at once (a window brings many): answer them all in one step, as in solo play.
    const openYesNo = items.filter(
      (i) => (i.kind === 'pilot' || i.kind === 'agreement') && this.draft.decisions[i.key] === undefined,
    );
    const decideAll = (value: boolean) => {
      for (const i of openYesNo) this.draft.decisions[i.key] = value;
      this.notice = ctx.t('exercise.play.allDecided', {
        n: openYesNo.length,
        verdict: ctx.t(value ? 'exercise.play.approved' : 'exercise.play.rejected'),
      });
      this.live.textContent = this.notice;
      this.focusKey = 'submit';
      this.render(true);
    };
    const bulk =
      openYesNo.length >= 2
        ? el('div', { class: 'actions bulk-actions', 'data-role': 'bulk' }, [
            this.button(ctx.t('exercise.play.approveAll'), 'approve-all', () => decideAll(true)),
            this.button(ctx.t('exercise.play.rejectAll'), 'reject-all', () => decideAll(false)),
          ])
        : null;
    const submit = this.button(ctx.t('live.play.submit'), 'submit', () => void this.submit(), 'primary');
    submit.disabled = open > 0 || s.status !== 'running';
    centre.append(
      el('section', { class: 'decisions', 'aria-labelledby': 'live-dec-h' }, [
        el('h2', {
          id: 'live-dec-h',
          text: ctx.t(seat?.role === 'centre' ? 'exercise.play.decisionsCentre' : 'exercise.play.decisionsProvince'),
        }),
        bulk,
        items.length === 0 ? el('p', { text: ctx.t('live.play.nothing') }) : cards,
      ]),
      el('div', { class: 'actions play-actions' }, [
        submit,
        el('span', {
          class: 'open-count',
          role: 'status',
          'data-role': 'open-count',
          text: open > 0 ? ctx.t('exercise.play.open', { n: open }) : ctx.t('live.play.ready'),
        }),
      ]),
      el('p', { class: 'help', text: ctx.t('live.play.timeHelp') }),
    );
    this.root.append(el('div', { class: 'play-grid' }, [centre, side]));
  }

  private situationBox(s: SessionState): HTMLElement {
    const ctx = this.ctx;
    const seat = s.seat;
    const box = el('section', { class: 'panel situation', 'aria-labelledby': 'live-sit-h' }, [
      el('h2', { id: 'live-sit-h', text: ctx.t('exercise.play.situation') }),
    ]);
    const sit = seat?.situation;
    if (!sit) {
      box.append(el('p', { text: ctx.t('exercise.play.noResults') }));
    } else {
      const rows: { cells: (string | { text: string; value: number })[]; attrs?: Record<string, string> }[] = [];
      for (const k of SITUATION_KEYS) {
        const v = sit.national?.[k];
        if (typeof v === 'number')
          rows.push({
            attrs: { 'data-metric': k },
            cells: [metricLabel(ctx, k, seat?.province ?? null), { text: ctx.num(v, 3), value: v }],
          });
      }
      for (const k of PROVINCE_KEYS) {
        const v = sit.province?.[k];
        if (typeof v === 'number')
          rows.push({
            attrs: { 'data-metric': `province.${k}` },
            cells: [metricLabel(ctx, `province.${k}`, seat?.province ?? null), { text: ctx.num(v, 3), value: v }],
          });
      }
      box.append(
        textTable(
          ctx.t('exercise.play.latest', { round: sit.round }),
          [ctx.t('exercise.debrief.metric'), ctx.t('exercise.play.value')],
          rows,
          'situation',
        ),
      );
    }
    const news = (seat?.news ?? []).filter((e) => NEWS.has(e.code));
    if (news.length > 0) {
      const lines = eventLogLines(news, {
        t: ctx.t,
        has: ctx.has,
        names: ctx.names,
        num: (v) => ctx.num(v, 3),
        param: (n) => paramName(ctx.lang, n),
      });
      box.append(
        el('h3', { text: ctx.t('live.play.news') }),
        el(
          'ul',
          { class: 'news', 'data-role': 'news' },
          lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
        ),
      );
    }
    return box;
  }

  /** After the end: the room's national outcome against the model's own policy, then one seat's debrief. */
  private debriefPanels(host: boolean): HTMLElement[] {
    const ctx = this.ctx;
    const out: HTMLElement[] = [this.heading(ctx.t('live.debrief.heading'), 'h2')];
    out[0]!.removeAttribute('data-focus');
    const d = this.debrief;
    if (!d) {
      out.push(
        el('p', { class: 'status', role: 'status', 'data-role': 'debrief-wait', text: ctx.t('live.debrief.waiting') }),
      );
      return out;
    }
    const rows = d.room.metrics.map((m) => ({
      attrs: { 'data-metric': m.key },
      cells: [
        metricLabel(ctx, m.key, null),
        { text: ctx.num(m.participant, 3), value: m.participant },
        m.twin === null ? '—' : { text: ctx.num(m.twin, 3), value: m.twin },
        m.difference === null
          ? '—'
          : {
              text: `${m.difference > 0 ? '+' : m.difference < 0 ? '-' : ''}${ctx.num(Math.abs(m.difference), 4)}`,
              value: m.difference,
            },
        m.model ? `${ctx.num(m.model.low, 3)} – ${ctx.num(m.model.high, 3)}` : '—',
        m.model ? { text: ctx.num(m.model.median, 3), value: m.model.median } : '—',
      ],
    }));
    out.push(
      el(
        'section',
        { class: 'panel live-room-outcome', 'aria-labelledby': 'live-room-h', 'data-role': 'room-outcome' },
        [
          el('h2', { id: 'live-room-h', text: ctx.t('live.debrief.room') }),
          el('p', {
            class: 'help',
            text: ctx.t('live.debrief.roomHelp', { n: d.room.replicates ?? '—' }),
          }),
          d.checksum
            ? el('p', {
                class: 'meta',
                'data-role': 'room-checksum',
                'data-checksum': d.checksum,
                text: ctx.t('live.debrief.checksum', { checksum: d.checksum }),
              })
            : null,
          rows.length === 0
            ? el('p', { text: ctx.t('live.debrief.noRoom') })
            : textTable(
                ctx.t('live.debrief.roomCaption'),
                [
                  ctx.t('exercise.debrief.metric'),
                  ctx.t('live.debrief.roomValue'),
                  ctx.t('live.debrief.modelPolicy'),
                  ctx.t('live.debrief.difference'),
                  ctx.t('live.debrief.range'),
                  ctx.t('exercise.debrief.median'),
                ],
                rows,
                'room-metrics',
              ),
        ],
      ),
    );
    if (host)
      out.push(
        el('div', { class: 'actions' }, [
          this.button(ctx.t('live.debrief.export'), 'export-bottom', () => void this.exportSession()),
        ]),
      );
    if (d.seats.length === 0) return out;
    const selId = uid('dseat');
    const sel = el('select', { id: selId, 'data-control': 'debrief-seat' });
    for (const sd of d.seats) {
      const name = this.seatName(this.seatById(sd.seat) ?? { id: sd.seat, role: sd.role, province: sd.province });
      sel.append(
        el('option', {
          value: sd.seat,
          selected: sd.seat === this.debriefSeat,
          text: sd.names.length > 0 ? `${name} — ${sd.names.join(', ')}` : name,
        }),
      );
    }
    sel.addEventListener('change', () => {
      this.debriefSeat = sel.value;
      this.focusKey = 'debrief-seat';
      this.render(true);
    });
    sel.setAttribute('data-focus', 'debrief-seat');
    out.push(
      el('div', { class: 'panel field-row' }, [el('label', { for: selId, text: ctx.t('live.debrief.seat') }), sel]),
    );
    const sd = d.seats.find((x) => x.seat === this.debriefSeat) ?? d.seats[0]!;
    const seatEx = this.seatExercise(sd.exercise);
    if (!seatEx) {
      out.push(el('p', { class: 'issues', text: ctx.t('live.debrief.unreadable') }));
      return out;
    }
    const seatCtx = liveContext(this.deps.i18n.lang, seatEx);
    const body = el('div', { class: 'live-seat-debrief', 'data-role': 'seat-debrief', 'data-seat': sd.seat });
    body.append(
      ...debriefSections({
        exercise: seatEx,
        debrief: sd.debrief,
        team: sd.names.join(', '),
        ctx: seatCtx,
        i18n: this.deps.i18n,
        impacts: sd.impacts,
        impactMetric: sd.impactMetric,
      }),
    );
    // Without the server's ranking of the seat's choices the summary says nothing about them (rather than
    // "measuring…" for ever): the solo replay of the exported log ranks them.
    if (sd.impacts === null) {
      const list = body.querySelector('[data-role="summary-decisions"]');
      const help = list?.previousElementSibling;
      const heading = help?.previousElementSibling;
      if (heading?.tagName === 'H3') heading.remove();
      if (help?.tagName === 'P') help.remove();
      list?.remove();
    }
    out.push(body);
    return out;
  }

  private seatCache = new ExerciseCache();
  private seatExercise(raw: unknown): Exercise | null {
    return this.seatCache.get(raw);
  }

  dispose(): void {
    this.disconnect();
    clearInterval(this.ticker);
    this.unsubscribe();
    this.root.remove();
  }
}

/** Mount the live workshop's view in `container` (the app's main element). */
export function mountLiveView(container: HTMLElement, deps: LiveDeps): LiveViewHandle {
  return new WorkshopView(container, deps);
}
