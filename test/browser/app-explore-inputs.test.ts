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
