import { formatValue, type Issue } from '../../sim/engine/errors.ts';
import type { I18n } from '../i18n/index.ts';
import { clear, el } from '../dom.ts';

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

/** Show problems in `box` under a heading, one list item per problem (data-path names its field); empty clears. */
export function renderIssues(box: HTMLElement, issues: readonly Issue[], i18n: I18n): void {
  clear(box);
  if (issues.length === 0) return;
  box.appendChild(el('p', { text: i18n.t('explore.issuesTitle') }));
  const ul = el('ul');
  for (const line of issueLines(issues, i18n)) ul.appendChild(el('li', { 'data-path': line.path, text: line.text }));
  box.appendChild(ul);
}
