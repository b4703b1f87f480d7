import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_EXPERIMENTS, resolveExperiment } from '../../sim/experiment/index.ts';

describe('bundled experiments', () => {
  it('every file in scenarios/experiments is bundled and resolves without a problem', () => {
    const files = readdirSync(new URL('../../scenarios/experiments/', import.meta.url))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(Object.keys(BUNDLED_EXPERIMENTS).sort()).toEqual(files);
    for (const [name, raw] of Object.entries(BUNDLED_EXPERIMENTS))
      expect(() => resolveExperiment(raw), name).not.toThrow();
  });
});
