// The Experiment heatmap of a sampled (LHS) design, in both languages: its bin labels do not run
// into each other or any other text, and cells no point fell in are drawn and keyed as empty.
import { afterEach, describe, expect, it } from 'vitest';
import { control, mountForTest, screenshot, setControl, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

/** Pairs of text boxes that overlap by more than a pixel each way. */
function overlaps(texts: Element[]): string[] {
  const boxes = texts
    .map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }))
    .filter((b) => b.r.width > 0 && b.t.trim() !== '');
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!.r;
      const b = boxes[j]!.r;
      if (
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
      )
        out.push(`${boxes[i]!.t} / ${boxes[j]!.t}`);
    }
  return out;
}

describe('Experiment heatmap of an LHS design', () => {
  for (const lang of ['en', 'vi'] as const)
    it(`${lang}: bin edges as short labels that never overlap; empty cells drawn and keyed`, async () => {
      m = await mountForTest({ languages: [lang] });
      m.app.show('experiment');
      const view = await m.app.experiment();
      const root = view.root;
      setControl(root, 'experiment-scenario', 'stylized-12');
      setControl(root, 'experiment-type', 'lhs');
      setControl(root, 'experiment-samples', '20');
      setControl(root, 'experiment-replicates', '1');
      setControl(root, 'experiment-cycles', '3');
      control(root, 'experiment-run').click();
      await m.app.whenIdle();
      expect(view.state).toBe('done');
      const fig = root.querySelector<HTMLElement>('figure[data-chart="heatmap"]')!;
      // 20 points in 8 × 8 bins: most cells are empty, and the x axis shows the 9 bin edges.
      const edges = fig.querySelectorAll('text.xtick.edge');
      expect(edges).toHaveLength(9);
      expect(overlaps(Array.from(fig.querySelectorAll('svg text')))).toEqual([]);
      expect(fig.querySelectorAll('rect.empty-cell').length).toBeGreaterThan(0);
      expect(fig.querySelector('g.empty-key text')!.textContent).toBe(
        lang === 'en' ? 'no point of the design in this cell' : 'không có điểm nào của thiết kế trong ô này',
      );
      if (lang === 'vi') expect(Array.from(edges, (e) => e.textContent).some((t) => /\d,\d/.test(t!))).toBe(true);
      await screenshot(`app-experiment-heatmap-lhs-${lang}`, fig);
      expect(m.errors).toEqual([]);
    });
});
