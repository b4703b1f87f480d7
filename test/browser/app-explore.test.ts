import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import { control, mountForTest, screenshot, tableColumn, until, type Mounted } from './helpers.ts';

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});
async function mount(options: Parameters<typeof mountForTest>[0] = {}): Promise<Mounted> {
  const m = await mountForTest(options);
  mounted.push(m);
  return m;
}

function setLever(root: ParentNode, name: string, value: number | string): void {
  const input = root.querySelector<HTMLInputElement | HTMLSelectElement>(
    `.lever[data-param="${name}"] input[type="number"], .lever[data-param="${name}"] select`,
  )!;
  input.value = String(value);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function resultMean(root: ParentNode, metric: string): number {
  return Number(
    root.querySelector<HTMLElement>(`[data-role="results"] tr[data-metric="${metric}"] td:nth-child(4)`)!.dataset.value,
  );
}

async function runToEnd(m: Mounted): Promise<void> {
  await m.app.whenIdle();
  control(m.host, 'end').click();
  await m.app.whenIdle();
  expect(m.app.explore.state).toBe('done');
}

describe('Explore', () => {
  it('raising approvalStrictness from 0 to 1 on the same seed lowers pilotsApproved', async () => {
    const m = await mount({ hash: '#/explore?s=vn34-2025&seed=1&reps=4&cycles=30' });
    setLever(m.host, 'approvalStrictness', 0);
    await runToEnd(m);
    const loose = resultMean(m.host, 'pilotsApproved');
    setLever(m.host, 'approvalStrictness', 1);
    await m.app.whenIdle();
    expect(m.app.explore.state).toBe('ready');
    await runToEnd(m);
    const strict = resultMean(m.host, 'pilotsApproved');
    expect(loose).toBeGreaterThan(0);
    expect(strict).toBeLessThan(loose);
    expect(m.host.querySelector('.lever[data-param="approvalStrictness"]')!.classList.contains('changed')).toBe(true);
    // The charts hold the run with the new lever (same seed).
    const sc = loadScenario({
      formatVersion: 1,
      name: 'vn34-2025',
      extends: 'vn34-2025',
      params: { approvalStrictness: 1 },
    });
    const expected = runScenario(governanceModel, sc, { seed: 1, replicate: 0, cycles: 30 });
    expect(tableColumn(m.host, 'ci', 1)).toEqual(expected.series.coherence);
    expect(m.errors).toEqual([]);
  });

  it('step, play, pause and reset move the run; the tiles, policy cycle and event log fill in', async () => {
    const m = await mount({ hash: '#/explore?s=stylized-12&reps=2&cycles=40' });
    const { host, app } = m;
    control(host, 'step').click();
    await app.whenIdle();
    expect(host.querySelector('section[data-view="explore"]')!.getAttribute('data-cycle')).toBe('1');
    control<HTMLSelectElement>(host, 'speed').value = '50';
    control(host, 'speed').dispatchEvent(new Event('change'));
    control(host, 'play').click();
    expect(app.explore.state).toBe('playing');
    // Pause once the play loop has taken a step of its own.
    await until(() => Number(host.querySelector('section[data-view="explore"]')!.getAttribute('data-cycle')) > 1);
    control(host, 'play').click();
    await app.whenIdle();
    expect(app.explore.state).toBe('paused');
    const cycle = Number(host.querySelector('section[data-view="explore"]')!.getAttribute('data-cycle'));
    expect(cycle).toBeGreaterThan(1);
    expect(host.querySelectorAll('figure[data-chart="tiles"] g.tile')).toHaveLength(12);
    const metric = control<HTMLSelectElement>(host, 'tile-metric');
    metric.value = 'status';
    metric.dispatchEvent(new Event('change'));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(host.querySelector('figure[data-chart="tiles"] g.tile')!.getAttribute('data-value')).toMatch(
      /^(authorized|pilot|unauthorized)$/,
    );
    expect(host.querySelectorAll('figure[data-chart="cycle"] g.stage')).toHaveLength(6);
    expect(host.querySelectorAll('[data-role="log"] li').length).toBeGreaterThan(0);
    control(host, 'reset').click();
    await app.whenIdle();
    expect(app.explore.state).toBe('ready');
    expect(tableColumn(host, 'ci', 1)).toEqual([]);
    expect(m.errors).toEqual([]);
  });

  it('a scenario file with bad fields is refused with every problem named by its path', async () => {
    const m = await mount();
    const input = control<HTMLInputElement>(m.host, 'file');
    const bad = {
      formatVersion: 1,
      name: 'bad file',
      extends: 'vn34-2025',
      params: { autonomy: 1.7, nonsense: 1 },
      events: [{ cycle: 0, kind: 'shock', target: 'border' }],
    };
    const dt = new DataTransfer();
    dt.items.add(new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    // The file is read asynchronously: wait for the view to judge it.
    await until(() => m.app.explore.state === 'invalid');
    await m.app.whenIdle();
    const paths = Array.from(
      m.host.querySelectorAll<HTMLElement>('[data-role="issues"] li'),
      (li) => li.dataset.path,
    ).sort();
    expect(paths).toEqual(['events[0].cycle', 'name', 'params.autonomy', 'params.nonsense']);
    expect(m.host.querySelector('[data-role="issues"]')!.textContent).toContain(
      'params.autonomy: must be in [0, 1] (got 1.7)',
    );
    // A good file then runs.
    const good = { formatVersion: 1, name: 'good', extends: 'stylized-12', params: { autonomy: 0.6 } };
    const dt2 = new DataTransfer();
    dt2.items.add(new File([JSON.stringify(good)], 'good.json', { type: 'application/json' }));
    input.files = dt2.files;
    input.dispatchEvent(new Event('change'));
    await until(() => m.app.explore.state === 'ready');
    await m.app.whenIdle();
    expect(m.app.explore.state).toBe('ready');
    expect(m.host.querySelectorAll('[data-role="issues"] li')).toHaveLength(0);
    expect(m.errors).toEqual([]);
  });

  it('the share link round-trips scenario, seed and changed levers; a second app from it shows the same run', async () => {
    const m = await mount({ hash: '#/explore?s=centralised&seed=4&reps=2&cycles=15' });
    setLever(m.host, 'autonomy', 0.35);
    setLever(m.host, 'steering', 'plan');
    await runToEnd(m);
    const url = m.app.shareUrl();
    const hash = url.slice(url.indexOf('#'));
    expect(hash).toBe('#/explore?s=centralised&seed=4&reps=2&cycles=15&autonomy=0.35&steering=plan');
    const first = tableColumn(m.host, 'ci', 1);
    m.unmount();
    mounted = [];
    const n = await mount({ hash });
    expect(n.host.querySelector<HTMLInputElement>('.lever[data-param="autonomy"] input[type="number"]')!.value).toBe(
      '0.35',
    );
    expect(n.host.querySelector<HTMLSelectElement>('.lever[data-param="steering"] select')!.value).toBe('plan');
    expect(n.host.querySelector<HTMLSelectElement>('[data-control="scenario"]')!.value).toBe('centralised');
    await runToEnd(n);
    expect(tableColumn(n.host, 'ci', 1)).toEqual(first);
    // A link with a bad value is validated like a file: nothing runs, the path is named.
    n.unmount();
    mounted = [];
    const bad = await mount({ hash: '#/explore?s=vn34-2025&autonomy=7' });
    expect(bad.app.explore.state).toBe('invalid');
    expect(
      Array.from(bad.host.querySelectorAll<HTMLElement>('[data-role="issues"] li'), (li) => li.dataset.path),
    ).toEqual(['params.autonomy']);
  });

  it('switching to Vietnamese translates the interface, registry descriptions and the event log, and is remembered', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const m = await mount({ hash: '#/explore?s=vn34-2025&reps=2&cycles=10', storage });
    await runToEnd(m);
    const lang = control<HTMLSelectElement>(m.host, 'lang');
    lang.value = 'vi';
    lang.dispatchEvent(new Event('change'));
    expect(store.get('concerto.lang')).toBe('vi');
    expect(control(m.host, 'play').textContent).toBe('Chạy');
    expect(m.host.querySelector('figure[data-chart="ci"] figcaption')!.textContent).toBe(
      'Mức thống nhất và mức đổi mới',
    );
    expect(m.host.querySelector('.lever[data-param="autonomy"] .desc')!.textContent).toBe(
      governanceModel.params.find((p) => p.name === 'autonomy')!.description.vi,
    );
    const log = m.host.querySelector('[data-role="log"]')!.textContent!;
    expect(log).toContain('Chu kỳ');
    expect(log).not.toContain('Cycle ');
    expect(m.host.querySelector('figure[data-chart="tiles"] text.group-label')!.textContent).toBe('Biên giới');
    expect(document.documentElement.lang).toBe('vi');
    await screenshot('app-explore-vi');
    m.unmount();
    mounted = [];
    const again = await mount({ storage, languages: ['en'] });
    expect(again.app.i18n.lang).toBe('vi');
    again.app.setLang('en');
    expect(m.errors).toEqual([]);
  });
});
