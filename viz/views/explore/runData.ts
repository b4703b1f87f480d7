// What a live run has sent back so far: the metrics per replicate and cycle, the events, the last
// cycle's event codes, the detail (provinces) and the replicates' errors. `revision` changes with
// every change, so the charts can tell whether they are up to date.
import type { ModelEvent } from '../../../sim/engine/model.ts';
import type { StepResult } from '../../worker/session.ts';

export interface Unit {
  id: string;
  name: string;
  type: string;
}

export class RunData {
  /** values[replicate][metric][cycle index] */
  values: number[][][] = [];
  events: ModelEvent[] = [];
  lastCodes: string[] = [];
  detail: Record<string, unknown> | null = null;
  errors: (string | null)[] = [];
  units: Unit[] = [];
  /** Cycles taken so far. */
  cycle = 0;
  revision = 0;

  /** Back to cycle 0 with `replicates` × `metrics` empty series. */
  reset(replicates: number, metrics: number, detail: Record<string, unknown> | null): void {
    this.values = Array.from({ length: replicates }, () => Array.from({ length: metrics }, () => [] as number[]));
    this.events = [];
    this.lastCodes = [];
    this.errors = [];
    this.cycle = 0;
    this.revision++;
    this.setDetail(detail);
  }

  /** Add a step's rows, events and detail. */
  add(res: StepResult): void {
    for (const row of res.rows)
      row.values.forEach((vals, r) => {
        if (!vals) return;
        const per = this.values[r]!;
        for (let m = 0; m < vals.length; m++) per[m]!.push(vals[m]!);
      });
    if (res.rows.length > 0) {
      const lastCycle = res.rows[res.rows.length - 1]!.cycle;
      this.lastCodes = res.events.filter((e) => e.cycle === lastCycle).map((e) => e.code);
    }
    for (const e of res.events) this.events.push(e);
    this.cycle = res.cycle;
    this.errors = res.errors;
    this.setDetail(res.detail);
    this.revision++;
  }

  setDetail(detail: Record<string, unknown> | null): void {
    this.detail = detail;
    if (detail && Array.isArray(detail.provinces))
      this.units = (detail.provinces as Unit[]).map((p) => ({ id: p.id, name: p.name, type: p.type }));
  }

  /** Replicate 0's series of one metric (by index), as a copy. */
  series(metric: number, replicate = 0): number[] {
    return [...(this.values[replicate]?.[metric] ?? [])];
  }
}
