// The workshop server's limits (docs/workshop-api.md, "Limits") and the per-key rate counters that
// enforce the per-minute and per-second ones.
import { performance } from 'node:perf_hooks';

export interface Limits {
  sessions: number;
  participants: number;
  joinsPerMinute: number;
  requestsPerMinute: number;
  bodyBytes: number;
  wsMessageBytes: number;
  wsMessagesPerSecond: number;
}

export const DEFAULT_LIMITS: Limits = {
  sessions: 50,
  participants: 80,
  joinsPerMinute: 30,
  requestsPerMinute: 600,
  bodyBytes: 256 * 1024,
  wsMessageBytes: 64 * 1024,
  wsMessagesPerSecond: 20,
};

/** Fixed one-window counters per key (an address, a connection), in monotonic time. */
export class RateLimit {
  private counts = new Map<string, { n: number; start: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = performance.now();
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.windowMs) {
      if (this.counts.size > 10_000) this.counts.clear();
      this.counts.set(key, (c = { n: 0, start: now }));
    }
    c.n++;
    return c.n > this.max ? Math.ceil((this.windowMs - (now - c.start)) / 1000) : 0;
  }
}
