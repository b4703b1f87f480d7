// When and what Explore draws. A redraw is asked for after every step; it happens on an animation
// frame, at most every RENDER_INTERVAL_MS while a scenario plays, and draws only the charts whose data
// changed, one chart per main-thread task (yieldToMain between them), then the log and the results
// table. Each drawing used to be one task of every chart, the whole log and the tables: 50–340 ms.
import type { I18n } from '../../i18n/index.ts';
import type { ModelInfo, RunOutput } from '../../worker/session.ts';
import { yieldToMain } from '../yieldToMain.ts';
import { ChartBoard } from './board.ts';
import type { ChartData, ChartEnv } from './charts.ts';
import { EventLogPanel } from './log.ts';
import type { ExplorePage } from './page.ts';
import { renderResultsTable } from './results.ts';
import type { RunData } from './runData.ts';

/** While a scenario plays, the charts are redrawn at most this often (ms): about four times a second. */
export const RENDER_INTERVAL_MS = 250;
/** The schedule's order of the stages within a cycle: (i)–(iv), the centre's approval, (v). */
const STAGE_ORDER = [0, 1, 2, 3, 5, 4];

/** What the painter reads from the controller at drawing time. */
export interface PaintSource {
  model: ModelInfo | null;
  data: RunData;
  cycles: number;
  replicates: number;
  playing: boolean;
  speed: number;
  /** When the last step arrived (performance.now()): the policy cycle's stage moves from there. */
  lastArrival: number;
  output: RunOutput | null;
  partners: readonly { id: string; name: string | { en: string; vi: string } }[];
}

export class ExplorePainter {
  readonly log: EventLogPanel;
  /** Replicate 0 of the run before the last lever change, per metric: drawn faint until cleared. */
  previous: Map<string, number[]> | null = null;
  /** Held y domains per chart (the option to keep axes still between runs). */
  heldY: Map<string, [number, number]> | null = null;
  private board: ChartBoard | null = null;
  private tileMetric = 'development';
  private options = 0;
  private queued = false;
  /** A drawing pass is spreading the charts over several tasks; `again` asks it for one more round. */
  private drawing = false;
  private again = false;
  private lastDrawAt = -Infinity;
  private readonly env: ChartEnv;

  constructor(
    private readonly page: ExplorePage,
    private readonly i18n: I18n,
    private readonly source: () => PaintSource,
    /** The redraw entry point (the view's renderAll, which tests observe). */
    private readonly onFrame: () => void,
    private readonly signal: AbortSignal,
  ) {
    this.log = new EventLogPanel(page.logList, page.logNote, page.logSelect, i18n);
    this.env = {
      i18n,
      setTileMetric: (f) => {
        this.tileMetric = f;
      },
      optionsChanged: () => this.optionsChanged(),
    };
  }

  /** Nothing queued or being drawn. */
  get idle(): boolean {
    return !this.queued && !this.drawing;
  }

  /** New charts for a model (the frames are made at once; they are drawn by the next redraw). */
  setModel(model: ModelInfo, hasProvinces: boolean): void {
    this.page.chartHost.replaceChildren();
    this.board = new ChartBoard(this.page.chartHost, this.i18n, model, hasProvinces, this.env);
  }

  private chartData(s: PaintSource): ChartData {
    let activeStage: number | null = null;
    if (s.playing && s.speed > 0) {
      const frac = Math.min(0.999, (performance.now() - s.lastArrival) / (1000 / s.speed));
      activeStage = STAGE_ORDER[Math.floor(frac * STAGE_ORDER.length)]!;
    }
    return {
      i18n: this.i18n,
      model: s.model!,
      cycles: s.cycles,
      replicates: s.replicates,
      cycle: s.data.cycle,
      values: s.data.values,
      previous: this.previous,
      heldY: this.heldY,
      detail: s.data.detail,
      lastCodes: s.data.lastCodes,
      activeStage,
      tileMetric: this.tileMetric,
      revision: s.data.revision,
      options: this.options,
    };
  }

  /** A drawing option changed (previous run, held axes, tile field): redraw what it touches at once. */
  optionsChanged(): void {
    this.options++;
    const s = this.source();
    if (s.model) this.board?.drawStale(this.chartData(s), this.env);
  }

  /** The policy cycle's highlighted stage moves between arrivals: drawn on every animation frame if it moved. */
  drawStage(): void {
    const s = this.source();
    if (s.model) this.board?.drawIfStale('cycle', this.chartData(s), this.env);
  }

  /** Everything, at once (a new language: the person is looking at it). */
  drawNow(): void {
    const s = this.source();
    if (!s.model) return;
    this.board?.drawStale(this.chartData(s), this.env);
    this.drawLog();
    this.drawResults();
  }

  /**
   * Redraw on the next frame; while a scenario plays, at most once every RENDER_INTERVAL_MS, so the
   * charts are not redrawn on every animation frame. Stepping, pausing and the end draw at once.
   */
  queue(settle: () => void): void {
    if (this.queued) return;
    this.queued = true;
    const draw = () =>
      requestAnimationFrame(() => {
        this.queued = false;
        this.lastDrawAt = performance.now();
        this.onFrame();
        settle();
      });
    const wait = this.source().playing ? RENDER_INTERVAL_MS - (performance.now() - this.lastDrawAt) : 0;
    if (wait > 0) setTimeout(draw, wait);
    else draw();
  }

  /** Start (or extend) a drawing pass; `done` is called when it ends, `fail` if it throws. */
  draw(done: () => void, fail: (err: unknown) => void): void {
    this.again = true;
    if (this.drawing) return;
    this.drawing = true;
    this.pass()
      .catch(fail)
      .finally(() => {
        this.drawing = false;
        done();
      });
  }

  private async pass(): Promise<void> {
    while (this.again && !this.signal.aborted) {
      this.again = false;
      for (;;) {
        const s = this.source();
        if (!s.model || !this.board?.drawNextStale(this.chartData(s), this.env)) break;
        await yieldToMain();
      }
      this.drawLog();
      this.drawResults();
    }
  }

  drawLog(): void {
    const s = this.source();
    this.log.render(s.data.events, { units: s.data.units, partners: s.partners });
  }

  drawResults(): void {
    const s = this.source();
    if (s.model) renderResultsTable(this.page.resultsHost, this.i18n, s.model, s.output);
  }
}
