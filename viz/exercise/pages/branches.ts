import { compareRuns } from '../../../sim/exercise/results.ts';
import { replayExercise } from '../../../sim/exercise/replay.ts';
import type { ExerciseSession } from '../../../sim/exercise/session.ts';
import { el, uid } from '../../dom.ts';
import type { I18n } from '../../i18n/index.ts';
import { comparisonSections } from '../../views/exerciseDebrief.ts';
import type { ExerciseController } from '../controller.ts';
import { button } from '../parts.ts';

/** "What if": replay from any round of this run, or from a saved point; finished runs side by side. */
export function branchSection(c: ExerciseController, s: ExerciseSession, i18n: I18n): HTMLElement {
  const ctx = c.ctx;
  const ex = s.exercise;
  const section = el('section', { class: 'panel branches', 'aria-labelledby': 'ex-br-h', 'data-print': 'hide' }, [
    el('h2', { id: 'ex-br-h', text: ctx.t('exercise.branch.heading') }),
    el('p', { class: 'help', text: ctx.t('exercise.branch.help') }),
  ]);
  const selId = uid('round');
  const sel = el('select', { id: selId, 'data-control': 'branch-round' });
  for (let r = 1; r <= s.log().rounds.length; r++)
    sel.append(el('option', { value: r, text: ctx.t('exercise.round.n', { round: r }) }));
  const log = s.log();
  section.append(
    el('div', { class: 'field-row' }, [
      el('label', { for: selId, text: ctx.t('exercise.branch.from') }),
      sel,
      button(ctx.t('exercise.branch.replay'), 'branch', () => c.replayFrom(log, Number(sel.value))),
    ]),
  );
  if (c.bookmarks.length > 0) {
    section.append(
      el('h3', { text: ctx.t('exercise.branch.bookmarks') }),
      el(
        'ul',
        {},
        c.bookmarks.map((b, i) =>
          el('li', {}, [
            el('span', { text: `${b.label} ` }),
            button(
              ctx.t('exercise.branch.continue'),
              `bookmark-${i}`,
              () => c.replayFrom(b.log, b.log.rounds.length + 1),
              'small',
            ),
          ]),
        ),
      ),
    );
  }
  if (c.finished.length >= 2 && c.models) {
    const runs = c.finished.flatMap((f) => {
      const key = JSON.stringify(f.log);
      try {
        let run = c.replays.get(key);
        if (!run) {
          run = replayExercise(ex, f.log);
          c.replays.set(key, run);
        }
        return [{ label: f.label, run, log: f.log }];
      } catch {
        return [];
      }
    });
    const cmp = compareRuns(ex, runs, c.models);
    section.append(
      el('h3', { text: ctx.t('exercise.branch.compare') }),
      ...comparisonSections(cmp, ex, ctx, i18n, ctx.t('exercise.branch.compareCaption')),
    );
  }
  return section;
}
