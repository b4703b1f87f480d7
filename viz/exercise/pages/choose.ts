import { parseExercise } from '../../../sim/exercise/parse.ts';
import type { Exercise } from '../../../sim/exercise/types.ts';
import { el, uid } from '../../dom.ts';
import { button, exerciseMeta, glossaryBox, heading, issuesBox, Region } from '../parts.ts';
import type { PageDeps, PageView } from './page.ts';

/** The first page: the exercises on offer, an exercise file of one's own, and the way to the workshop page. */
export function choosePage({ c }: PageDeps): PageView {
  const ctx = c.ctx;
  const list = el('ul', { class: 'exercise-list', 'data-role': 'exercises' });
  for (const [id, raw] of Object.entries(c.exercises)) {
    let ex: Exercise;
    try {
      ex = parseExercise(raw);
    } catch {
      continue;
    }
    const headingId = uid('ex');
    list.append(
      el('li', { class: 'panel exercise-item', 'data-exercise': id, 'aria-labelledby': headingId }, [
        el('h2', { id: headingId, text: ctx.pick(ex.title) }),
        el('p', { class: 'meta', text: exerciseMeta(ctx, ex) }),
        button(ctx.t('exercise.choose.open'), `open-${id}`, () => c.choose(raw), 'primary'),
      ]),
    );
  }
  const fileId = uid('exfile');
  const file = el('input', {
    type: 'file',
    id: fileId,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'exercise-file',
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) c.chooseFile(f);
  });
  const issues = new Region(() => issuesBox(c.ctx, c.chooseIssues));
  const update = () => issues.update(JSON.stringify(c.chooseIssues));
  update();
  const h = heading(ctx.t('exercise.choose.heading'));
  return {
    heading: h,
    nodes: [
      h,
      el('p', { class: 'intro', text: ctx.t('exercise.choose.intro') }),
      list,
      el('div', { class: 'panel file-field' }, [
        file,
        el('label', { for: fileId, class: 'button', text: ctx.t('exercise.choose.file') }),
      ]),
      issues.node,
      el('section', { class: 'panel', 'aria-labelledby': 'ex-ws-h' }, [
        el('h2', { id: 'ex-ws-h', text: ctx.t('exercise.workshop.heading') }),
        el('p', { class: 'help', text: ctx.t('exercise.workshop.intro') }),
        button(ctx.t('exercise.workshop.open'), 'workshop', () => c.show('workshop')),
      ]),
      glossaryBox(ctx),
    ],
    update,
  };
}
