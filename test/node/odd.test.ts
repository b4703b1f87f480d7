import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oddWithTables } from '../../scripts/odd-table.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';

describe('docs/ODD.md', () => {
  const text = readFileSync(new URL('../../docs/ODD.md', import.meta.url), 'utf8');
  it('its parameter tables equal the registries (regenerate with `npx tsx scripts/odd-table.ts`)', () => {
    expect(text).toContain('<!-- params:governance:start -->');
    expect(oddWithTables(text)).toBe(text);
  });
  it('names every governance parameter', () => {
    for (const p of GOVERNANCE_PARAMS) expect(text).toContain(`\`${p.name}\``);
  });
});
