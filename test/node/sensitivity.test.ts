import { describe, expect, it } from 'vitest';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';
import { ENGAGED, leverSensitivity } from '../../scripts/sensitivity.ts';

// Every lever causal (model-2.0 issue): the paired min → max effect of every registry lever and of the
// central and provincial policy choices moves at least one headline outcome with a 95% CI that excludes
// 0 — at the defaults, or, for an item the registry marks structural at the defaults, in the setting
// that engages its mechanism. 100 replicates of base seed 1, as in docs/sensitivity.md (power in its text).
describe('lever sensitivity (docs/sensitivity.md)', () => {
  const items = leverSensitivity(100);
  for (const item of items) {
    const engaged = Object.keys(item.context).length > 0;
    const structural = GOVERNANCE_PARAMS.find((p) => p.name === item.name)!.structural;
    it(`${item.name} ${item.from} → ${item.to}${engaged ? ' (engaged)' : ''} moves a headline outcome${structural && !engaged ? ', or the registry says why not' : ''}`, () => {
      if (!engaged && structural) {
        expect(ENGAGED[item.name], 'a structural item names the setting that engages it').toBeDefined();
        return;
      }
      expect(item.moved.length, JSON.stringify(item.effects)).toBeGreaterThan(0);
    });
  }
});
