// Small pieces the Exercise view's pages share: headings, buttons, boxes of text, and a region that is
// redrawn only when what it shows changed.
import type { Issue } from '../../sim/engine/errors.ts';
import type { Exercise } from '../../sim/exercise/types.ts';
import { el } from '../dom.ts';
import glossary from './glossary.json' with { type: 'json' };
import { textContext, type TextContext } from './text.ts';

export function issueText(issues: readonly Issue[], ctx: TextContext): string[] {
  return issues.map((i) =>
    ctx.t('exercise.issue', {
      path: i.path || ctx.t('exercise.root'),
      rule: i.rule,
      value: JSON.stringify(i.value) ?? 'nothing',
    }),
  );
}

/** The page's heading: focusable (tabindex −1), so an action that moves on can put the keyboard there. */
export function heading(text: string): HTMLHeadingElement {
  return el('h1', { id: 'exercise-h', tabindex: -1, text });
}

export function button(text: string, control: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, 'data-control': control, text });
  b.addEventListener('click', onClick);
  return b;
}

export function glossaryBox(ctx: TextContext): HTMLElement {
  const dl = el('dl', { class: 'glossary' });
  for (const g of glossary.terms)
    dl.append(el('dt', { text: ctx.pick(g.term) }), el('dd', { text: ctx.pick(g.definition) }));
  return el('details', { class: 'glossary-box', 'data-role': 'glossary' }, [
    el('summary', { text: ctx.t('exercise.glossary') }),
    dl,
  ]);
}

/** An alert box listing problems (empty, but present, when there are none). */
export function issuesBox(ctx: TextContext, lines: readonly string[]): HTMLElement {
  const box = el('div', { class: 'issues', role: 'alert', 'data-role': 'issues' });
  if (lines.length > 0)
    box.append(
      el('p', { text: ctx.t('exercise.issuesTitle') }),
      el(
        'ul',
        {},
        lines.map((l) => el('li', { text: l })),
      ),
    );
  return box;
}

export function objectivesBox(ctx: TextContext, ex: Exercise): HTMLElement {
  return el('section', { class: 'panel objectives', 'aria-labelledby': 'ex-objs-h' }, [
    el('h2', { id: 'ex-objs-h', text: ctx.t('exercise.objectives') }),
    ex.objectives.length === 0
      ? el('p', { text: ctx.t('exercise.noObjectives') })
      : el(
          'ul',
          {},
          ex.objectives.map((o) => el('li', { text: ctx.pick(o.text) })),
        ),
  ]);
}

/** "Centre · focus on X · 8 rounds · no time limit": what an exercise asks, in one line. */
export function exerciseMeta(ctx: TextContext, ex: Exercise): string {
  const parts = [ctx.t(`exercise.role.${ex.role}`)];
  if (ex.province)
    parts.push(
      ctx.t(ex.role === 'province' ? 'exercise.meta.province' : 'exercise.meta.focus', {
        province: textContext(ctx.lang, ex.scenario.data).names.province[ex.province] ?? ex.province,
      }),
    );
  parts.push(ctx.t('exercise.meta.rounds', { n: ex.rounds }));
  parts.push(
    ex.timeLimit
      ? ctx.t('exercise.meta.timeLimit', {
          seconds: ex.timeLimit.seconds,
          rule: ctx.t(`exercise.rule.${ex.timeLimit.undecided}`),
        })
      : ctx.t('exercise.meta.noTimeLimit'),
  );
  return parts.join(' · ');
}

/**
 * A part of a page drawn by `draw` and redrawn only when `key` (a digest of the data it shows) changes:
 * the old element is replaced by the new one in place, and everything else on the page, including the
 * element with the keyboard focus, stays as it is.
 */
export class Region {
  private key: string | null = null;
  node: HTMLElement;

  constructor(private draw: () => HTMLElement) {
    this.node = el('div', { hidden: true });
  }

  update(key: string): void {
    if (key === this.key) return;
    this.key = key;
    const next = this.draw();
    this.node.replaceWith(next);
    this.node = next;
  }
}
