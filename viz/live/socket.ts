// The live connection: a WebSocket that the server pushes the session's state on, reopened after a
// drop with exponential backoff (0.5 s, 1 s, 2 s … capped at 10 s, with jitter so a room that lost
// the Wi-Fi at once does not reconnect at once). A reopened connection is followed by a fresh GET.

/** Milliseconds to wait before reconnect attempt `attempt` (0-based); `jitter` in [0, 1). */
export function backoffMs(attempt: number, jitter: number): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (0.75 + 0.5 * jitter));
}

export interface LiveSocketOptions {
  url: string;
  onMessage(data: unknown): void;
  /** Called on every (re)open, so the page can fetch what it may have missed. */
  onOpen(): void;
  onStatus(connected: boolean): void;
}

export class LiveSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly o: LiveSocketOptions) {
    this.open();
  }

  private open(): void {
    if (this.closed) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.o.url);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.attempt = 0;
      this.o.onStatus(true);
      this.o.onOpen();
    });
    ws.addEventListener('message', (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      try {
        this.o.onMessage(JSON.parse(e.data));
      } catch {
        // not JSON: ignored
      }
    });
    ws.addEventListener('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.o.onStatus(false);
      this.retry();
    });
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    // Jitter only spreads reconnects over time; it draws nothing for the model.
    const wait = backoffMs(this.attempt++, Math.random());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.open();
    }, wait);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}

/** The WebSocket address for a session on the page's own server. */
export function socketUrl(loc: Pick<Location, 'protocol' | 'host'>, code: string, token: string): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}/api/ws?code=${encodeURIComponent(code)}&token=${encodeURIComponent(token)}`;
}
