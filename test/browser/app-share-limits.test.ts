// Share links whose counts are out of range: the view runs with its own values, and a notice names
// every value of the link that was not used, with the bounds and the value used instead, in English
// and in Vietnamese.
import { afterEach, describe, expect, it } from 'vitest';
import { control, mountForTest, type Mounted } from './helpers.ts';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const notice = (host: HTMLElement) => host.querySelector<HTMLElement>('[data-role="toast"]')!;
const isVisible = (e: HTMLElement) => e.checkVisibility() && e.getBoundingClientRect().height > 0;

describe('share links with values out of range', () => {
  it("#/explore?reps=1000000&cycles=3000&seed=4294967296 runs with the view's values and names each replaced value", async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=4294967296&reps=1000000&cycles=3000' });
    await m.app.whenIdle();
    // The run is open with the defaults, not stuck on an invalid count.
    expect(m.app.explore.state).toBe('ready');
    expect(control<HTMLInputElement>(m.host, 'replicates').value).toBe('5');
    expect(control<HTMLInputElement>(m.host, 'cycles').value).toBe('50');
    expect(control<HTMLInputElement>(m.host, 'seed').value).toBe('1');
    const box = notice(m.host);
    expect(isVisible(box)).toBe(true);
    expect(box.textContent).toBe(
      "The link's settings were not used: " +
        'seed=4294967296 is outside 0–4294967295; 1 is used instead. ' +
        'reps=1000000 is outside 1–100; 5 is used instead. ' +
        'cycles=3000 is outside 1–2000; 50 is used instead.',
    );
    // In Vietnamese too, without reloading the link.
    m.app.setLang('vi');
    expect(box.textContent).toBe(
      'Các thiết lập trong liên kết không được dùng: ' +
        'seed=4294967296 nằm ngoài khoảng 0–4294967295; dùng 1 thay thế. ' +
        'reps=1000000 nằm ngoài khoảng 1–100; dùng 5 thay thế. ' +
        'cycles=3000 nằm ngoài khoảng 1–2000; dùng 50 thay thế.',
    );
    // The address the app offers now holds the values it runs with.
    expect(m.app.shareUrl()).toContain('#/explore?s=vn34-2025&seed=1&reps=5&cycles=50');
    expect(m.errors).toEqual([]);
  });

  it("#/compare?reps=1000000&cycles=5000 compares with the view's values and says so; a link in Vietnamese reads in Vietnamese", async () => {
    m = await mountForTest({
      hash: '#/compare?reps=1000000&cycles=5000&a=devolved&b=centralised&e=vn34-2025',
      languages: ['vi'],
    });
    await m.app.whenIdle();
    expect(m.app.compare.state).toBe('done');
    expect(control<HTMLInputElement>(m.host, 'compare-replicates').value).toBe('10');
    expect(control<HTMLInputElement>(m.host, 'compare-cycles').value).toBe('50');
    const box = notice(m.host);
    expect(isVisible(box)).toBe(true);
    expect(box.textContent).toBe(
      'Các thiết lập trong liên kết không được dùng: ' +
        'reps=1000000 nằm ngoài khoảng 2–200; dùng 10 thay thế. ' +
        'cycles=5000 nằm ngoài khoảng 1–2000; dùng 50 thay thế. ' +
        'e=vn34-2025 không phải thiết lập của chế độ xem này nên bị bỏ qua.',
    );
    m.app.setLang('en');
    expect(box.textContent).toBe(
      "The link's settings were not used: " +
        'reps=1000000 is outside 2–200; 10 is used instead. ' +
        'cycles=5000 is outside 1–2000; 50 is used instead. ' +
        'e=vn34-2025 is not a setting of this view and was ignored.',
    );
    expect(m.errors).toEqual([]);
  });

  it('an unknown view, an unknown scenario and a count that is not a number are each named; a long value is cut', async () => {
    const long = 'x'.repeat(5000);
    m = await mountForTest({ hash: `#/atlas?s=${long}&reps=1.5` });
    await m.app.whenIdle();
    expect(m.app.view).toBe('explore');
    expect(m.app.explore.state).toBe('ready');
    const text = notice(m.host).textContent!;
    expect(text).toContain('“atlas” is not a view; Explore is shown instead.');
    expect(text).toContain('reps=1.5 is not a whole number; 5 is used instead.');
    expect(text).toMatch(/s=x{59}… is not a bundled scenario; vn34-2025 is used instead\.$/);
    expect(m.errors).toEqual([]);
  });

  it('a link within bounds shows no notice', async () => {
    m = await mountForTest({ hash: '#/explore?s=vn34-2025&seed=4294967295&reps=100&cycles=2000' });
    await m.app.whenIdle();
    expect(notice(m.host).textContent).toBe('');
    expect(control<HTMLInputElement>(m.host, 'replicates').value).toBe('100');
    expect(m.errors).toEqual([]);
  });
});
