import { formatValue, type Issue } from '../../sim/engine/errors.ts';
import type { I18n } from '../i18n/index.ts';

/** Scenario problems as lines, each named by its field path (docs/formats.md: `path: rule (got value)`). */
export function issueLines(issues: readonly Issue[], i18n: I18n): { path: string; text: string }[] {
  return issues.map((i) => ({
    path: i.path,
    text: i18n.t('explore.issue', {
      path: i.path || i18n.t('explore.root'),
      rule: i.rule,
      value: formatValue(i.value),
    }),
  }));
}
