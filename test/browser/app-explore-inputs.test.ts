// What Explore says about typed lever values and about a running run: a fractional value for a
// whole-number lever is called that, a value the model cannot take blocks the run and says so (the
// run never goes on silently with the old value), and the status line never names a stale cycle.
import { afterEach, describe, expect, it } from 'vitest';
import { control, mountForTest, until, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

function typeLever(root: ParentNode, name: string, value: string): HTMLInputElement {
  const input = root.querySelector<HTMLInputElement>(`.lever[data-param="${name}"] input[type="number"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return input;
}
const errorOf = (root: ParentNode, name: string) =>
  root.querySelector(`.lever[data-param="${name}"] .field-error`)!.textContent;
const status = (root: ParentNode) =>
  root.querySelector('section[data-view="explore"] [data-role="status"]')!.textContent;

describe('Explore inputs and status', () => {
  it('feedbackDelay 2.5 is "not a whole number"; autonomy 1.7 blocks the run and says so until it is fixed', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=8' });
    const { app, host } = m;
    await app.whenIdle();
    expect(typeLever(host, 'feedbackDelay', '2.5').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(host, 'feedbackDelay')).toBe(
      '2.5 is not a whole number: Feedback delay takes whole numbers from 0 to 6.',
    );
    typeLever(host, 'feedbackDelay', '2');
    expect(errorOf(host, 'feedbackDelay')).toBe('');
    await app.whenIdle();

    typeLever(host, 'autonomy', '1.7');
    expect(errorOf(host, 'autonomy')).toBe('1.7 is outside 0 to 1.');
    expect(status(host)).toBe(
      'Not run: Autonomy has a value the model cannot take; fix it to run (the charts show the last valid values).',
    );
    for (const c of ['play', 'step', 'end']) expect(control<HTMLButtonElement>(host, c).disabled).toBe(true);
    await app.explore.runToEnd();
    expect(host.querySelector<HTMLElement>('section[data-view="explore"]')!.dataset.cycle).toBe('0');

    typeLever(host, 'autonomy', '0.5');
    await app.whenIdle();
    expect(errorOf(host, 'autonomy')).toBe('');
    expect(control<HTMLButtonElement>(host, 'end').disabled).toBe(false);
    control(host, 'end').click();
    await app.whenIdle();
    expect(app.explore.state).toBe('done');
    expect(m.errors).toEqual([]);
  });

  it('while running, the status line (also the screen reader status) names no stale cycle', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=50' });
    const { app, host } = m;
    await app.whenIdle();
    control(host, 'play').click();
    const root = host.querySelector<HTMLElement>('section[data-view="explore"]')!;
    await until(() => Number(root.dataset.cycle) >= 3);
    expect(status(host)).toBe('Running to cycle 50 (the counter shows the cycle reached).');
    expect(host.querySelector('[data-role="cycle"]')!.textContent).toContain(root.dataset.cycle!);
    app.explore.pause();
    await app.whenIdle();
    expect(status(host)).toBe(`Paused at cycle ${root.dataset.cycle} of 50.`);
    expect(m.errors).toEqual([]);
  });
});

describe('Explore compares with its previous run', () => {
  it('after a lever change the previous run stays as a faint line until cleared; held y-axes stay still', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=1&reps=2&cycles=10' });
    const { app, host } = m;
    await app.whenIdle();
    control(host, 'end').click();
    await app.whenIdle();
    const view = host.querySelector<HTMLElement>('section[data-view="explore"]')!;
    expect(view.querySelectorAll('path.line.previous')).toHaveLength(0);
    expect(control<HTMLButtonElement>(host, 'clear-previous').disabled).toBe(true);
    // Each chart's data table by column header: "chart/column" → the exact values (data-value).
    const columns = () => {
      const out = new Map<string, string[]>();
      for (const fig of view.querySelectorAll('figure.chart')) {
        const heads = Array.from(fig.querySelectorAll('thead th'), (th) => th.textContent!);
        heads.forEach((h, c) =>
          out.set(
            `${fig.getAttribute('data-chart')}/${h}`,
            Array.from(fig.querySelectorAll('tbody tr'), (tr) => (tr.children[c] as HTMLElement).dataset.value ?? ''),
          ),
        );
      }
      return out;
    };
    const first = columns();
    const lines = view.querySelectorAll('path.line').length;

    // Hold the axes, then change a lever: the old run is drawn faint, dashed, with its own key entry.
    const hold = control<HTMLInputElement>(host, 'hold-y');
    hold.checked = true;
    hold.dispatchEvent(new Event('change'));
    const yTicks = () =>
      Array.from(view.querySelectorAll('figure.chart .y-axis'), (a) =>
        Array.from(a.querySelectorAll('.tick text'), (t) => t.textContent).join(' '),
      );
    const heldTicks = yTicks();
    typeLever(host, 'approvalStrictness', '1');
    await app.whenIdle();
    control(host, 'end').click();
    await app.whenIdle();
    const prev = Array.from(view.querySelectorAll<SVGPathElement>('path.line.previous'));
    expect(prev.length).toBe(lines);
    for (const p of prev) expect(p.getAttribute('stroke-opacity')).toBe('0.4');
    // The faint lines hold exactly the earlier run's values, chart by chart.
    let compared = 0;
    for (const [k, values] of columns()) {
      const m1 = /^(.*), previous run$/.exec(k);
      if (!m1) continue;
      expect(values, k).toEqual(first.get(m1[1]!));
      compared++;
    }
    expect(compared).toBe(lines);
    expect(view.textContent).toContain('Coherence, previous run');
    expect(yTicks()).toEqual(heldTicks);

    control(host, 'clear-previous').click();
    expect(view.querySelectorAll('path.line.previous')).toHaveLength(0);
    expect(control<HTMLButtonElement>(host, 'clear-previous').disabled).toBe(true);
    expect(m.errors).toEqual([]);
  });
});
