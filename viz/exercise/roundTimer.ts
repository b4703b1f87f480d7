import type { Clock } from './clock.ts';

/**
 * The round's countdown. It stops while the exercise is not on screen (another tab of the app, a hidden
 * page): each tick moves the deadline on by the time that passed while hidden.
 */
export class RoundTimer {
  private deadline: number | null = null;
  private lastTick = 0;
  private stopTicks: (() => void) | null = null;

  constructor(
    private clock: Clock,
    /** Whether the round's time is standing still now. */
    private paused: () => boolean,
    /** Called every tick with the seconds left. */
    private onTick: (left: number) => void,
  ) {}

  start(seconds: number): void {
    this.stop();
    this.deadline = this.clock.now() + seconds * 1000;
    this.lastTick = this.clock.now();
    this.stopTicks = this.clock.every(250, () => this.tick());
  }

  stop(): void {
    this.stopTicks?.();
    this.stopTicks = null;
    this.deadline = null;
  }

  /** Seconds left in the round (null without a running timer). */
  remaining(): number | null {
    return this.deadline === null ? null : Math.max(0, Math.ceil((this.deadline - this.clock.now()) / 1000));
  }

  private tick(): void {
    const now = this.clock.now();
    if (this.deadline !== null && this.paused()) this.deadline += now - this.lastTick;
    this.lastTick = now;
    const left = this.remaining();
    if (left !== null) this.onTick(left);
  }
}
