import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oddWithTables } from '../../scripts/odd-table.ts';
import { GOVERNANCE_VERSION } from '../../sim/model/governance.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';

describe('docs/ODD.md', () => {
  const text = readFileSync(new URL('../../docs/ODD.md', import.meta.url), 'utf8');
  it('its parameter and metric tables equal the registries (regenerate with `npx tsx scripts/odd-table.ts`)', () => {
    expect(text).toContain('<!-- params:governance:start -->');
    expect(text).toContain('<!-- metrics:governance:start -->');
    expect(oddWithTables(text)).toBe(text);
  });
  it(`describes model version ${GOVERNANCE_VERSION} in its title`, () => {
    expect(text.split('\n')[0]).toContain(`model version ${GOVERNANCE_VERSION}`);
  });
  it('names every governance parameter', () => {
    for (const p of GOVERNANCE_PARAMS) expect(text).toContain(`\`${p.name}\``);
  });
});
