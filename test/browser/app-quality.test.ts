import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import vn34 from '../../scenarios/vn34-2025.json' with { type: 'json' };
import { control, mountForTest, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

/** The accessible name of a control, the simple way: its label, aria-label(ledby) or its text. */
function nameOf(node: HTMLElement): string {
  const labelled = node.getAttribute('aria-labelledby');
  if (labelled)
    return labelled
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  const aria = node.getAttribute('aria-label');
  if (aria) return aria.trim();
  if (node.id) {
    const label = document.querySelector(`label[for="${node.id}"]`);
    if (label?.textContent?.trim()) return label.textContent.trim();
  }
  return node instanceof HTMLButtonElement ? (node.textContent ?? '').trim() : '';
}

describe('qualities', () => {
  it('every control has a name, every chart a caption and a data table, and the run is keyboard operable', async () => {
    m = await mountForTest({ hash: '#/explore?s=stylized-12&reps=2&cycles=8' });
    const { host, app } = m;
    const controls = Array.from(host.querySelectorAll<HTMLElement>('button, select, input:not([type="range"])'));
    expect(controls.length).toBeGreaterThan(100);
    expect(controls.filter((c) => nameOf(c) === '').map((c) => c.outerHTML.slice(0, 80))).toEqual([]);
    // Sliders are a mouse convenience beside a labelled number box; they stay out of the tab order.
    for (const r of Array.from(host.querySelectorAll('input[type="range"]')))
      expect(r.getAttribute('tabindex')).toBe('-1');
    for (const fig of Array.from(host.querySelectorAll('section[data-view="explore"] figure'))) {
      expect(fig.querySelector('figcaption')!.textContent).not.toBe('');
      expect(fig.querySelector('svg')!.getAttribute('aria-labelledby')).toBe(fig.querySelector('figcaption')!.id);
      expect(fig.querySelector('details table')).not.toBeNull();
    }
    const play = control<HTMLButtonElement>(host, 'play');
    play.focus();
    await userEvent.keyboard('{Enter}');
    expect(app.explore.state).toBe('playing');
    await userEvent.keyboard('{Enter}');
    await app.whenIdle();
    expect(app.explore.state === 'paused' || app.explore.state === 'done').toBe(true);
    expect(m.errors).toEqual([]);
  });

  it('province names from a loaded file are shown as text, never parsed as HTML', async () => {
    m = await mountForTest();
    const evil = '<img src=x onerror="window.__pwned=1">Hà <b>Nội</b>';
    const raw = structuredClone(vn34) as typeof vn34;
    raw.name = 'evil-names';
    raw.provinces[0]!.name = evil;
    const input = control<HTMLInputElement>(m.host, 'file');
    const dt = new DataTransfer();
    dt.items.add(new File([JSON.stringify(raw)], '<b>file</b>.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 50));
    await m.app.whenIdle();
    control(m.host, 'step').click();
    await m.app.whenIdle();
    const tile = m.host.querySelector('figure[data-chart="tiles"] g.tile[data-id="ha-noi"] text')!;
    expect(tile.textContent).toBe(evil);
    expect(m.host.querySelector('figure[data-chart="tiles"] img, figure[data-chart="tiles"] b')).toBeNull();
    expect(m.host.querySelector('[data-role="file-name"]')!.textContent).toBe('<b>file</b>.json');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(m.errors).toEqual([]);
  });

  it('the March (1991) reference model runs in Explore with its own registry and metrics', async () => {
    m = await mountForTest({ hash: '#/explore?s=march1991&reps=2&cycles=30' });
    const { host, app } = m;
    expect(host.querySelector('.lever[data-param="p1"]')).not.toBeNull();
    expect(
      host.querySelector('figure[data-chart="tiles"], figure[data-chart="cycle"], figure[data-chart="plane"]'),
    ).toBeNull();
    control(host, 'end').click();
    await app.whenIdle();
    expect(app.explore.state).toBe('done');
    expect(host.querySelectorAll('section[data-view="explore"] figure path.line').length).toBeGreaterThan(0);
    expect(host.querySelector('[data-role="results"] tr[data-metric="codeKnowledge"]')).not.toBeNull();
    expect(m.errors).toEqual([]);
  });
});
