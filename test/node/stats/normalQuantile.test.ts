import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../sim/experiment/stats/index.ts';

describe('normalQuantile', () => {
  it('agrees with SciPy 1.17 norm.ppf (an independent implementation) to 1e-15 relative', () => {
    const scipy: [p: number, z: number][] = [
      [1e-300, -37.0470962993612],
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.3, -0.5244005127080409],
      [0.975, 1.959963984540054],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, z] of scipy) {
      expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(2e-15 * Math.abs(z));
    }
  });

  it('normalQuantile(0.5) = 0, and ±∞ at 0 and 1', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => normalQuantile(-0.1)).toThrow('normalQuantile requires p in [0, 1], got -0.1');
  });
});
