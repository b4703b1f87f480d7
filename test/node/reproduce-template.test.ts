import { describe, expect, it } from 'vitest';
import { fillTemplate, readTemplate } from '../../scripts/template.ts';

describe('report templates', () => {
  it('fillTemplate replaces every {{name}}, repeated names too', () => {
    expect(fillTemplate('R = {{n}}, seed {{seed}}; n again {{n}}.', { n: 80, seed: '1991' })).toBe(
      'R = 80, seed 1991; n again 80.',
    );
    expect(fillTemplate('no placeholders {x} {{ y }}', {})).toBe('no placeholders {x} {{ y }}');
  });

  it('fillTemplate names every placeholder without a value and every value without a placeholder', () => {
    expect(() => fillTemplate('{{a}} {{b}} {{c}}', { a: 1, d: 'x' }, 't.md')).toThrow(
      't.md: {{b}}: has no value; {{c}}: has no value; d: is not a placeholder of the template (got "x")',
    );
  });

  it('readTemplate reads scripts/templates/, trims it, and checks its placeholders', () => {
    const intro = readTemplate('validation/figure1-intro.md', { replicates: 80 });
    expect(intro.startsWith('## Figure 1, point by point\n\n')).toBe(true);
    expect(intro).toContain('with R = 80. periods');
    expect(intro.endsWith('unless the last column says so.')).toBe(true);
    expect(() => readTemplate('validation/figure1-intro.md')).toThrow(
      'scripts/templates/validation/figure1-intro.md: {{replicates}}: has no value',
    );
    for (const name of ['agreement-rule', 'readings', 'run-length', 'mapping', 'versions'])
      expect(readTemplate(`validation/${name}.md`)).toMatch(/^## /);
  });
});
