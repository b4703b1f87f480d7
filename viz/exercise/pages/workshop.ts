import { compareRuns } from '../../../sim/exercise/results.ts';
import { el, uid } from '../../dom.ts';
import { comparisonSections } from '../../views/exerciseDebrief.ts';
import { button, exerciseMeta, heading, issuesBox, Region } from '../parts.ts';
import type { PageDeps, PageView } from './page.ts';

/** The facilitator's page: teams' result files read (each replayed here), then compared with the model's runs. */
export function workshopPage({ c, i18n }: PageDeps): PageView {
  const ctx = c.ctx;
  const ws = c.workshop;
  const fileId = uid('wsfile');
  const file = el('input', {
    type: 'file',
    id: fileId,
    multiple: true,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'workshop-files',
  });
  file.addEventListener('change', () => c.loadTeams(Array.from(file.files ?? [])));
  const h = heading(ctx.t('exercise.workshop.heading'));
  const issues = new Region(() => issuesBox(c.ctx, ws.problems));
  const body = new Region(() => {
    const ctx = c.ctx;
    if (!ws.exercise || ws.teams.length === 0) return el('p', { text: ctx.t('exercise.workshop.empty') });
    const parts: HTMLElement[] = [
      el('h2', { text: ctx.pick(ws.exercise.title) }),
      el('p', { class: 'meta', text: exerciseMeta(ctx, ws.exercise) }),
    ];
    if (!ws.models)
      parts.push(
        el('p', {
          class: 'status',
          role: 'status',
          'data-role': 'model-progress',
          text: ctx.t('exercise.debrief.running', { done: 0, total: c.replicates }),
        }),
      );
    else {
      const cmp = compareRuns(
        ws.exercise,
        ws.teams.map((t) => ({ label: t.team || ctx.t('exercise.workshop.unnamed'), run: t.run, log: t.log })),
        ws.models,
      );
      parts.push(
        el('section', { class: 'panel', 'aria-labelledby': 'ex-wsc-h' }, [
          el('h2', { id: 'ex-wsc-h', text: ctx.t('exercise.workshop.compare', { n: ws.teams.length }) }),
          ...comparisonSections(cmp, ws.exercise, ctx, i18n, ctx.t('exercise.workshop.caption')),
        ]),
      );
    }
    return el('div', { class: 'workshop-body' }, parts);
  });
  const update = () => {
    issues.update(JSON.stringify(ws.problems));
    body.update(`${ws.exercise?.hash ?? ''}|${ws.teams.length}|${ws.models ? 'models' : 'waiting'}`);
  };
  update();
  return {
    heading: h,
    nodes: [
      h,
      el('p', { class: 'intro', text: ctx.t('exercise.workshop.intro') }),
      el('div', { class: 'panel file-field', 'data-print': 'hide' }, [
        file,
        el('label', { for: fileId, class: 'button', text: ctx.t('exercise.workshop.files') }),
        button(ctx.t('exercise.workshop.clear'), 'workshop-clear', () => c.clearWorkshop()),
        button(ctx.t('exercise.back'), 'back', () => c.show('choose')),
      ]),
      issues.node,
      body.node,
    ],
    update,
  };
}
