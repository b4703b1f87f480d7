import { afterEach, describe, expect, it } from 'vitest';
import { mountForTest, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

describe('the Exercises tab', () => {
  it('loads the exercise view on first use and lists the bundled exercises', async () => {
    m = await mountForTest();
    const tab = m.host.querySelector<HTMLButtonElement>('nav.views button[data-view="exercise"]')!;
    expect(tab.textContent).toBe('Exercises');
    tab.click();
    let view: HTMLElement | null = null;
    for (let k = 0; k < 100 && !view; k++) {
      view = m.host.querySelector<HTMLElement>('section.view.exercise[aria-labelledby="exercise-h"]');
      if (!view) await new Promise((r) => setTimeout(r, 50));
    }
    expect(view).not.toBeNull();
    expect(view!.hidden).toBe(false);
    expect(m.host.querySelector<HTMLElement>('section[data-view="explore"]')!.hidden).toBe(true);
    expect(view!.textContent).toMatch(/Lạng Sơn|Đà Nẵng/);
    expect(m.errors).toEqual([]);
  });
});
