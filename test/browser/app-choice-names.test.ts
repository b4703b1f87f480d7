// The values of choice levers read as words in the lever menus, in both languages (the registry's codes
// "national", "off", "byType" stay the values the model and the share link use).
import { afterEach, describe, expect, it } from 'vitest';
import { type Mounted, mountForTest, setControl } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

function options(host: ParentNode, param: string): [string, string][] {
  const select = host.querySelector<HTMLSelectElement>(`section[data-view="explore"] select[data-param="${param}"]`)!;
  return Array.from(select.options).map((o) => [o.value, o.textContent!]);
}

describe('Choice levers', () => {
  it('lineScope, steering, weighting and capacityRule values have human names in English and Vietnamese', async () => {
    m = await mountForTest({ languages: ['en'], hash: '#/explore?s=vn34-2025&lineScope=national' });
    await m.app.whenIdle();
    expect(options(m.host, 'lineScope')).toEqual([
      ['byType', 'A line per province type'],
      ['national', 'One national line'],
    ]);
    expect(options(m.host, 'steering')).toEqual([
      ['off', 'Off'],
      ['plan', 'At plan cycles'],
      ['continuous', 'Every cycle'],
    ]);
    expect(options(m.host, 'weighting').map(([, t]) => t)).toEqual(['Equal weights', 'By population']);
    expect(options(m.host, 'capacityRule').map(([, t]) => t)).toEqual(['By need', 'Equal shares', 'By merit (trust)']);
    expect(m.host.querySelector<HTMLSelectElement>('select[data-param="lineScope"]')!.value).toBe('national');

    m.app.setLang('vi');
    expect(options(m.host, 'lineScope')).toEqual([
      ['byType', 'Theo loại địa phương'],
      ['national', 'Một đường lối chung toàn quốc'],
    ]);
    expect(options(m.host, 'steering').map(([, t]) => t)).toEqual(['Tắt', 'Theo kỳ kế hoạch', 'Mỗi chu kỳ']);

    // The Experiment builder names a choice lever's levels the same way.
    m.app.show('experiment');
    const ex = await m.app.experiment();
    setControl(ex.root, 'experiment-param-0', 'lineScope');
    expect(ex.root.querySelector('.lever-row .range')!.textContent).toBe(
      'Theo loại địa phương, Một đường lối chung toàn quốc',
    );
    expect(m.errors).toEqual([]);
  });
});
