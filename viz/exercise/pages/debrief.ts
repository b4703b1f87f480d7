import { primaryMetric } from '../../../sim/exercise/impact.ts';
import { resultFile } from '../../../sim/exercise/results.ts';
import { el } from '../../dom.ts';
import { download } from '../../export/image.ts';
import { debriefSections } from '../../views/exerciseDebrief.ts';
import { button, heading, Region } from '../parts.ts';
import { debriefSummary } from '../summary.ts';
import { branchSection } from './branches.ts';
import type { PageDeps, PageView } from './page.ts';

/**
 * The finished run against the model's own runs. The head (checksum, export, print) is built once; the
 * body waits for the model's runs (progress in place), and the ranked choices are filled in when measured.
 */
export function debriefPage({ c, i18n }: PageDeps): PageView {
  const s = c.current!;
  const ex = s.exercise;
  const ctx = c.ctx;
  const run = s.run();
  const h = heading(ctx.t('exercise.debrief.heading', { title: ctx.pick(ex.title) }));
  const notice = el('p', { class: 'notice', role: 'status' });
  const exportResult = () => {
    const file = resultFile(ex, run, s.log(), c.team, c.debrief() ?? undefined);
    const name = `${ex.id}-${(c.team || 'result').replace(/[^\p{L}\p{N}-]+/gu, '-').slice(0, 40)}.json`;
    download(new Blob([`${JSON.stringify(file, null, 1)}\n`], { type: 'application/json' }), name);
  };
  const head = [
    h,
    el('p', {
      class: 'meta',
      'data-role': 'checksum',
      'data-checksum': run.checksum,
      text: ctx.t('exercise.debrief.meta', {
        team: c.team || ctx.t('exercise.debrief.noTeam'),
        rounds: s.log().rounds.length,
        checksum: run.checksum,
        seed: ex.seed,
      }),
    }),
    notice,
    run.record.status === 'failed'
      ? el('p', {
          class: 'issues',
          role: 'alert',
          text: ctx.t('exercise.debrief.failed', { error: run.record.error ?? '' }),
        })
      : null,
    el('div', { class: 'actions debrief-actions', 'data-print': 'hide' }, [
      button(ctx.t('exercise.debrief.export'), 'export', exportResult, 'primary'),
      button(ctx.t('exercise.debrief.print'), 'print', () => window.print()),
      button(ctx.t('exercise.debrief.leave'), 'leave', () => c.leave()),
    ]),
  ].filter((n) => n !== null);

  const progress = el('p', { class: 'status', role: 'status', 'data-role': 'model-progress' });
  /** Whether the ranked choices are on the page (drawn with the body, or filled in later). */
  let impactsShown = false;
  const body = new Region(() => {
    const d = c.debrief();
    if (!d) return progress;
    c.measureImpacts();
    const impacts = c.impacts?.list ?? null;
    impactsShown = impacts !== null;
    return el('div', { class: 'debrief-body' }, [
      ...debriefSections({
        exercise: ex,
        debrief: d,
        team: c.team,
        ctx,
        i18n,
        impacts,
        impactMetric: primaryMetric(ex),
      }),
      branchSection(c, s, i18n),
    ]);
  });
  const update = () => {
    notice.textContent = c.notice;
    const [done, total] = c.modelProgress;
    progress.textContent = c.modelError
      ? ctx.t('exercise.debrief.modelFailed', { error: c.modelError })
      : ctx.t('exercise.debrief.running', { done, total });
    body.update(c.models ? 'models' : 'waiting');
    const list = c.impacts?.list;
    const d = c.debrief();
    if (!impactsShown && list && d) {
      impactsShown = true;
      const lines = debriefSummary(ex, d, list, ctx).decisions;
      body.node
        .querySelector('[data-role="summary-decisions"]')
        ?.replaceChildren(...lines.map((l) => el('li', { text: l })));
    }
  };
  update();
  return { heading: h, nodes: [...head, body.node], update };
}
