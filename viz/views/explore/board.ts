// The charts Explore shows for a model, each in its frame, with the stamp of what it last drew: a
// redraw touches only the charts whose data changed, one chart at a time, so the drawing can be
// spread over several short main-thread tasks (yieldToMain between charts) instead of one long one.
import type { I18n } from '../../i18n/index.ts';
import type { ModelInfo } from '../../worker/session.ts';
import { chartFrame, type ChartFrame } from '../frame.ts';
import { chartId, EXPLORE_CHARTS, type ChartData, type ChartDecl, type ChartEnv } from './charts.ts';

interface Entry {
  decl: ChartDecl;
  frame: ChartFrame;
  /** The stamp of the last drawing; '' before the first. */
  drawn: string;
}

export class ChartBoard {
  private readonly entries: Entry[];

  constructor(host: HTMLElement, i18n: I18n, model: ModelInfo, hasProvinces: boolean, env: ChartEnv) {
    this.entries = EXPLORE_CHARTS.filter((c) => c.applies(model, hasProvinces)).map((decl) => {
      const frame = chartFrame(host, i18n, chartId(decl, model));
      frame.figure.classList.add(decl.size);
      decl.mount?.(frame, env);
      return { decl, frame, drawn: '' };
    });
  }

  has(key: string): boolean {
    return this.entries.some((e) => e.decl.key === key);
  }

  /** Draw the first chart whose data changed; false when every chart is up to date. */
  drawNextStale(d: ChartData, env: ChartEnv): boolean {
    for (const e of this.entries) {
      const stamp = e.decl.stamp(d);
      if (stamp === e.drawn) continue;
      this.draw(e, d, env, stamp);
      return true;
    }
    return false;
  }

  /** Draw every chart whose data changed, at once (after an option the person just changed). */
  drawStale(d: ChartData, env: ChartEnv): void {
    while (this.drawNextStale(d, env));
  }

  /** Draw one chart if its data changed (the policy cycle's moving stage, on every animation frame). */
  drawIfStale(key: string, d: ChartData, env: ChartEnv): void {
    const e = this.entries.find((x) => x.decl.key === key);
    if (!e) return;
    const stamp = e.decl.stamp(d);
    if (stamp !== e.drawn) this.draw(e, d, env, stamp);
  }

  private draw(e: Entry, d: ChartData, env: ChartEnv, stamp: string): void {
    const spec = e.decl.spec(d, env);
    e.decl.render(e.frame, spec, d);
    e.frame.update(spec.title, spec.table);
    e.drawn = stamp;
  }
}
