// What Explore's controls do, wired to the controller's actions; every listener goes when the view's
// lifetime signal aborts (dispose), and an action's failure is handed to `fail` (no floating promise).
import type { ExplorePage } from './page.ts';

export interface ExploreActions {
  chooseScenario(name: string): Promise<void>;
  loadFile(file: File): Promise<void>;
  setCount(which: 'seed' | 'replicates' | 'cycles', value: number): Promise<void>;
  saveScenario(): Promise<void>;
  resetLevers(): Promise<void>;
  toggleSetup(): void;
  playOrPause(): void;
  step(): Promise<void>;
  toEnd(): Promise<void>;
  reset(): Promise<void>;
  setSpeed(speed: number): void;
  clearPrevious(): void;
  holdY(on: boolean): void;
  filterLog(code: string): void;
  exportResults(kind: 'csv' | 'json'): Promise<void>;
  fail(err: unknown): void;
}

export function wireExplorePage(p: ExplorePage, a: ExploreActions, signal: AbortSignal): void {
  const on = (node: EventTarget, type: string, f: () => void | Promise<void>) =>
    node.addEventListener(
      type,
      () => {
        const r = f();
        if (r) r.catch((err: unknown) => a.fail(err));
      },
      { signal },
    );
  on(p.scenarioSelect, 'change', () =>
    p.scenarioSelect.value === '__file' ? undefined : a.chooseScenario(p.scenarioSelect.value),
  );
  on(p.fileInput, 'change', () => {
    const f = p.fileInput.files?.[0];
    return f ? a.loadFile(f) : undefined;
  });
  const counts = [
    [p.seedInput, 'seed'],
    [p.repsInput, 'replicates'],
    [p.cyclesInput, 'cycles'],
  ] as const;
  for (const [input, which] of counts)
    on(input, 'change', () => {
      const v = Number(input.value);
      if (!Number.isInteger(v) || v < Number(input.min) || v > Number(input.max)) {
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      input.removeAttribute('aria-invalid');
      return a.setCount(which, v);
    });
  on(p.saveBtn, 'click', () => a.saveScenario());
  on(p.resetLevers, 'click', () => a.resetLevers());
  on(p.setupToggle, 'click', () => a.toggleSetup());
  on(p.playBtn, 'click', () => a.playOrPause());
  on(p.stepBtn, 'click', () => a.step());
  on(p.endBtn, 'click', () => a.toEnd());
  on(p.resetBtn, 'click', () => a.reset());
  on(p.speedSelect, 'change', () => a.setSpeed(Number(p.speedSelect.value)));
  on(p.clearPrevBtn, 'click', () => a.clearPrevious());
  on(p.holdYBox, 'change', () => a.holdY(p.holdYBox.checked));
  on(p.logSelect, 'change', () => a.filterLog(p.logSelect.value));
  on(p.csvBtn, 'click', () => a.exportResults('csv'));
  on(p.jsonBtn, 'click', () => a.exportResults('json'));
}
