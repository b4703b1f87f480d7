/**
 * "Nothing in flight" as a promise, for the views' whenIdle() (tests and scripted plays wait on
 * it): wait(busy) resolves at once when the view is idle, otherwise at the next release().
 */
export class IdleSignal {
  private waiters: (() => void)[] = [];

  wait(busy: boolean): Promise<void> {
    if (!busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    for (const f of this.waiters.splice(0)) f();
  }
}
