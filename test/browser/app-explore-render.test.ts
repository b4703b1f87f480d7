import { afterEach, describe, expect, it } from 'vitest';
import { RENDER_INTERVAL_MS } from '../../viz/views/explore.ts';
import { control, mountForTest, type Mounted } from './helpers.ts';

// Explore used to redraw every chart on every animation frame while a scenario played; each redraw is
// a main-thread task. Now it redraws at most every RENDER_INTERVAL_MS while playing. No wall-clock
// limit here: the test counts redraws and long tasks, and checks the spacing the view itself keeps.

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});

describe('Explore while playing', () => {
  it('redraws the charts at most every RENDER_INTERVAL_MS, far fewer times than it takes steps', async () => {
    const m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=150' });
    mounted.push(m);
    await m.app.whenIdle();
    const view = m.app.explore;
    const renders: { at: number; playing: boolean }[] = [];
    const original = view.renderAll.bind(view);
    view.renderAll = () => {
      renders.push({ at: performance.now(), playing: view.state === 'playing' });
      original();
    };
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    let observed = true;
    try {
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observed = false;
    }

    const speed = control<HTMLSelectElement>(m.host, 'speed');
    speed.value = '0';
    speed.dispatchEvent(new Event('change', { bubbles: true }));
    // Each step the view takes is one call of its advance (a batch of cycles from the worker).
    const internal = view as unknown as { advance(k: number): Promise<void> };
    const advance = internal.advance.bind(view);
    const steps: number[] = [];
    internal.advance = (k: number) => {
      steps.push(k);
      return advance(k);
    };
    control(m.host, 'play').click();
    while (view.state === 'playing') await new Promise((r) => requestAnimationFrame(r));
    await m.app.whenIdle();
    observer.disconnect();
    expect(view.state).toBe('done');

    const playing = renders.filter((r) => r.playing);
    for (let k = 1; k < playing.length; k++) {
      // One frame of slack: the redraw waits for the timer, then for the next animation frame.
      expect(playing[k]!.at - playing[k - 1]!.at).toBeGreaterThanOrEqual(RENDER_INTERVAL_MS - 20);
    }
    // At 5 cycles a frame a 150-cycle run takes about 30 steps; the charts were drawn on every one of them before.
    expect(steps.length).toBeGreaterThan(5);
    expect(renders.length).toBeLessThan(steps.length + 2);
    // The final state is drawn: the last redraw comes after the run ended.
    expect(renders[renders.length - 1]!.playing).toBe(false);
    // Long tasks: before this change about one per step (22–32 over these 30 steps, each redraw a task of
    // 50–216 ms). A redraw is now one task per chart plus one for the log and results, each short of
    // itself; on a loaded machine each may still pass 50 ms of wall-clock time, so the bound counts them.
    const charts = m.host.querySelectorAll('section[data-view="explore"] figure.chart').length;
    if (observed) expect(longTasks.length).toBeLessThanOrEqual((charts + 1) * renders.length + 4);
    console.info(
      `explore play: ${steps.length} steps, ${renders.length} redraws (${playing.length} while playing); long tasks ${observed ? `${longTasks.length} (${longTasks.map((d) => Math.round(d)).join(', ')} ms)` : 'not observable'}`,
    );
  });
});
