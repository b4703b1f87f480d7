import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypervolume2d, paretoFront } from '../../../sim/experiment/stats/index.ts';

describe('paretoFront', () => {
  it('paretoFront([(1, .2), (.5, .5), (.2, 1), (.3, .3)]) = the first three, by increasing x', () => {
    const pts = [
      { x: 1, y: 0.2 },
      { x: 0.5, y: 0.5 },
      { x: 0.2, y: 1 },
      { x: 0.3, y: 0.3 },
    ];
    // (.3, .3) is dominated by (.5, .5); none of the others dominates another.
    expect(paretoFront(pts)).toEqual([2, 1, 0]);
  });

  it('keeps every copy of a duplicated front point', () => {
    const pts = [
      { x: 1, y: 1 },
      { x: 1, y: 1 },
      { x: 0, y: 2 },
    ];
    expect(paretoFront(pts)).toEqual([2, 0, 1]);
  });

  it('a point tied in one coordinate and worse in the other is dominated', () => {
    const pts = [
      { x: 1, y: 1 },
      { x: 1, y: 0.5 },
      { x: 0.5, y: 1 },
      { x: 2, y: 0 },
    ];
    expect(paretoFront(pts)).toEqual([0, 3]);
  });

  it('agrees with the definition on random clouds (fast-check, seed fixed in advance)', () => {
    // Coordinates on a small grid so that ties, the hard case, are common.
    const cloud = fc.array(fc.record({ x: fc.integer({ min: 0, max: 20 }), y: fc.integer({ min: 0, max: 20 }) }), {
      maxLength: 300,
    });
    fc.assert(
      fc.property(cloud, (pts) => {
        const brute = pts
          .map((_, i) => i)
          .filter(
            (i) => !pts.some((p) => p.x >= pts[i]!.x && p.y >= pts[i]!.y && (p.x > pts[i]!.x || p.y > pts[i]!.y)),
          );
        expect([...paretoFront(pts)].sort((a, b) => a - b)).toEqual(brute);
      }),
      { seed: 12345, numRuns: 200 },
    );
  });

  it('empty in, empty out; rejects NaN', () => {
    expect(paretoFront([])).toEqual([]);
    expect(() => paretoFront([{ x: Number.NaN, y: 1 }])).toThrow(
      'paretoFront requires finite coordinates, got (NaN, 1) at index 0',
    );
  });
});

describe('hypervolume2d', () => {
  it('hypervolume2d of (1, .2), (.5, .5), (.2, 1), (.3, .3) over (0, 0) = 1·.2 + .5·.3 + .2·.5 = 0.45', () => {
    const pts = [
      { x: 1, y: 0.2 },
      { x: 0.5, y: 0.5 },
      { x: 0.2, y: 1 },
      { x: 0.3, y: 0.3 },
    ];
    expect(hypervolume2d(pts)).toBeCloseTo(0.45, 15);
  });

  it('is the rectangle for one point, and ignores points not above the reference', () => {
    expect(hypervolume2d([{ x: 2, y: 3 }], { x: 1, y: 1 })).toBe(2);
    expect(
      hypervolume2d(
        [
          { x: 2, y: 3 },
          { x: 0.5, y: 10 },
          { x: 5, y: 1 },
        ],
        { x: 1, y: 1 },
      ),
    ).toBe(2);
    expect(hypervolume2d([])).toBe(0);
  });

  it('with a reference point: (2, 1), (1, 2) over (0.5, 0.5) = 1.25', () => {
    // Union of [0.5, 2]×[0.5, 1] (area 0.75) and [0.5, 1]×[0.5, 2] (area 0.75), overlap [0.5, 1]×[0.5, 1] (0.25):
    // 0.75 + 0.75 − 0.25 = 1.25.
    expect(
      hypervolume2d(
        [
          { x: 2, y: 1 },
          { x: 1, y: 2 },
        ],
        { x: 0.5, y: 0.5 },
      ),
    ).toBeCloseTo(1.25, 15);
  });
});
