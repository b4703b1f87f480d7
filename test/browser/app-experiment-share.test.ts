// The experiment design travels in the share link: every change writes it to the address bar, and a
// reload (or someone opening the link) finds the same design in the form, not the default one.
import { afterEach, describe, expect, it } from 'vitest';
import { control, type Mounted, mountForTest, setControl } from './helpers.ts';

let mounted: Mounted[] = [];
const original = location.href;
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
  history.replaceState(null, '', original);
});

const db = `concerto-share-test-${Math.random().toString(36).slice(2)}`;

describe('Experiment: the design in the share URL', () => {
  it('a reload restores scenario, design type, levers with their ranges, counts and metrics from the URL', async () => {
    const m = await mountForTest({ experimentDb: db, syncUrl: true, hash: '#/experiment' });
    mounted.push(m);
    const view = await m.app.experiment();
    setControl(view.root, 'experiment-scenario', 'stylized-12');
    setControl(view.root, 'experiment-seed', '42');
    setControl(view.root, 'experiment-replicates', '3');
    setControl(view.root, 'experiment-cycles', '7');
    setControl(view.root, 'experiment-min-0', '0.25');
    setControl(view.root, 'experiment-levels-1', '2');
    const box = view.root.querySelector<HTMLInputElement>('input[data-metric="pilotsApproved"]')!;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    const raw = view.currentRaw() as Record<string, unknown>;
    expect(raw.seed).toBe(42);
    const hash = location.hash;
    expect(hash).toContain('#/experiment?s=stylized-12&seed=42&reps=3&cycles=7&d=factorial');
    expect(m.app.shareUrl()).toBe(`${location.origin}${location.pathname}${location.search}${hash}`);
    m.unmount();
    mounted = [];

    // "Reload": a new app on the same address.
    const again = await mountForTest({ experimentDb: db, syncUrl: true, hash });
    mounted.push(again);
    expect(again.app.view).toBe('experiment');
    const v2 = await again.app.experiment();
    expect(v2.currentRaw()).toEqual(raw);
    expect(control<HTMLSelectElement>(v2.root, 'experiment-scenario').value).toBe('stylized-12');
    expect(control<HTMLInputElement>(v2.root, 'experiment-seed').value).toBe('42');
    expect(control<HTMLInputElement>(v2.root, 'experiment-min-0').value).toBe('0.25');
    expect(control<HTMLInputElement>(v2.root, 'experiment-levels-1').value).toBe('2');
    expect(v2.root.querySelector<HTMLInputElement>('input[data-metric="pilotsApproved"]')!.checked).toBe(false);
    expect(location.hash).toBe(hash);
    expect(again.errors).toEqual([]);
  });

  it('a link naming an unknown lever, design and metric restores the rest and says what it did not use', async () => {
    const hash = '#/experiment?s=stylized-12&d=zigzag&p=autonomy:0:1:3&p=nosuch:0:1:2&m=coherence,bogus&reps=0';
    const m = await mountForTest({ experimentDb: db, syncUrl: true, hash });
    mounted.push(m);
    const view = await m.app.experiment();
    const raw = view.currentRaw() as {
      design: { type: string; parameters: Record<string, unknown> };
      metrics: string[];
    };
    expect(raw.design).toEqual({ type: 'factorial', parameters: { autonomy: [0, 0.5, 1] } });
    expect(raw.metrics).toEqual(['coherence']);
    const notice = m.host.querySelector('.share-row')!.textContent ?? '';
    for (const bit of ['zigzag', 'nosuch', 'bogus', 'reps']) expect(notice).toContain(bit);
  });
});
