// The exercise's debrief page and the facilitator's workshop page: objectives, metrics against the
// model's own policy (percentile and paired difference to the twin), the coherence–innovation plane,
// the timeline of decisions with their consequences, and runs side by side.
import type { Debrief } from '../../sim/exercise/debrief.ts';
import type { DecisionImpact } from '../../sim/exercise/impact.ts';
import type { RunComparison } from '../../sim/exercise/results.ts';
import type { Exercise } from '../../sim/exercise/types.ts';
import { el } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import { exercisePlaneSpec, type PlaneRunInput } from '../exercise/planeSpec.ts';
import { renderExercisePlane } from '../exercise/renderPlane.ts';
import { debriefSummary } from '../exercise/summary.ts';
import { metricLabel, type TextContext } from '../exercise/text.ts';
import { timelineText } from '../exercise/timelineText.ts';
import { chartFrame } from './frame.ts';

/** A table from header texts and rows of text cells; numbers keep their exact value in data-value. */
export function textTable(
  caption: string,
  columns: string[],
  rows: { cells: (string | { text: string; value: number })[]; attrs?: Record<string, string> }[],
  role: string,
): HTMLTableElement {
  const table = el('table', { 'data-role': role }, [
    el('caption', { text: caption }),
    el('thead', {}, [
      el(
        'tr',
        {},
        columns.map((c) => el('th', { scope: 'col', text: c })),
      ),
    ]),
  ]);
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr', r.attrs ?? {});
    r.cells.forEach((c, i) => {
      const tag = i === 0 ? 'th' : 'td';
      const cell =
        typeof c === 'string' ? el(tag, { text: c }) : el(tag, { text: c.text, 'data-value': String(c.value) });
      if (i === 0) cell.setAttribute('scope', 'row');
      tr.append(cell);
    });
    body.append(tr);
  }
  table.append(body);
  return table;
}

const numCell = (ctx: TextContext, v: number | null, digits = 3) =>
  v === null ? '—' : { text: ctx.num(v, digits), value: v };
/** A difference with its sign; one that rounds to nothing at the digits shown reads "0", not "+0" or "-0". */
const signed = (ctx: TextContext, v: number | null) => {
  if (v === null) return '—';
  const size = ctx.num(Math.abs(v), 4);
  return { text: size === ctx.num(0, 4) ? size : `${v > 0 ? '+' : '-'}${size}`, value: v };
};

export function planeFigure(
  host: HTMLElement,
  i18n: I18n,
  ctx: TextContext,
  plane: Debrief['plane'],
  runs: PlaneRunInput[],
): void {
  const frame = chartFrame(host, i18n, 'exercise-plane', (v) => ctx.num(v, 4));
  frame.figure.classList.add('exercise-plane');
  const spec = exercisePlaneSpec({
    title: ctx.t('exercise.debrief.planeTitle'),
    xLabel: ctx.t('metric.coherence'),
    yLabel: ctx.t('metric.innovation'),
    cycleLabel: ctx.t('exercise.round'),
    bandLabel: ctx.t('exercise.debrief.band'),
    medianLabel: ctx.t('exercise.debrief.median'),
    finalsLabel: ctx.t('exercise.debrief.finals'),
    band: plane.band,
    finals: plane.finals,
    runs,
  });
  renderExercisePlane(frame.svg, spec);
  frame.update(spec.title, spec.table);
}

export interface DebriefView {
  exercise: Exercise;
  debrief: Debrief;
  team: string;
  ctx: TextContext;
  i18n: I18n;
  /** The participant's choices ranked by their effect (null while they are measured). */
  impacts: readonly DecisionImpact[] | null;
  /** The metric the choices are ranked by. */
  impactMetric: string;
}

/** The opening summary in plain words: objectives met or not, standing against the model, the choices that mattered. */
export function summarySection(v: DebriefView): HTMLElement {
  const { ctx, debrief: d, exercise: ex } = v;
  const s = debriefSummary(ex, d, v.impacts, ctx);
  const section = el(
    'section',
    { class: 'panel debrief-summary', 'aria-labelledby': 'ex-sum-h', 'data-role': 'summary' },
    [el('h2', { id: 'ex-sum-h', text: ctx.t('exercise.summary.heading') })],
  );
  if (s.objectives.length > 0) {
    section.append(
      el('h3', { text: ctx.t('exercise.summary.objectives') }),
      el(
        'ul',
        { 'data-role': 'summary-objectives' },
        s.objectives.map((line, i) => el('li', { text: line, 'data-met': String(d.objectives[i]?.met ?? null) })),
      ),
    );
  }
  if (s.standing.length > 0) {
    section.append(
      el('h3', { text: ctx.t('exercise.summary.standingHeading') }),
      el(
        'ul',
        { 'data-role': 'summary-standing' },
        s.standing.map((line) => el('li', { text: line })),
      ),
    );
  }
  section.append(
    el('h3', { text: ctx.t('exercise.summary.decisionsHeading') }),
    el('p', {
      class: 'help',
      text: ctx.t('exercise.summary.decisionsHelp', { metric: metricLabel(ctx, v.impactMetric, ex.province) }),
    }),
    el(
      'ol',
      { 'data-role': 'summary-decisions', 'aria-live': 'polite' },
      s.decisions.map((line) => el('li', { text: line })),
    ),
  );
  return section;
}

/** The summary, the plane, the timeline, then the objectives and metrics tables (folded) of a finished (or failed) run. */
export function debriefSections(v: DebriefView): HTMLElement[] {
  const { ctx, debrief: d, exercise: ex } = v;
  const out: HTMLElement[] = [summarySection(v)];
  // Then the chart and the timeline; the tables come last, folded away (opened for printing).
  const tables: HTMLElement[] = [];
  const plot = el('section', { class: 'panel plot-panel', 'aria-labelledby': 'ex-plane-h' }, [
    el('h2', { id: 'ex-plane-h', text: ctx.t('exercise.debrief.plane') }),
    el('p', { class: 'help', text: ctx.t('exercise.debrief.planeHelp') }),
  ]);
  const runs: PlaneRunInput[] = [{ label: v.team || ctx.t('exercise.debrief.you'), ...d.plane.participant }];
  if (d.plane.twin) runs.push({ label: ctx.t('exercise.debrief.twin'), ...d.plane.twin });
  planeFigure(plot, v.i18n, ctx, d.plane, runs);
  out.push(plot);
  if (ex.objectives.length > 0) {
    tables.push(
      el('section', { class: 'panel', 'aria-labelledby': 'ex-obj-h' }, [
        el('h2', { id: 'ex-obj-h', text: ctx.t('exercise.debrief.objectives') }),
        textTable(
          ctx.t('exercise.debrief.objectivesCaption'),
          [
            ctx.t('exercise.debrief.objective'),
            ctx.t('exercise.debrief.you'),
            ctx.t('exercise.debrief.met'),
            ctx.t('exercise.debrief.twin'),
            ctx.t('exercise.debrief.modelMet'),
          ],
          d.objectives.map((o) => ({
            attrs: { 'data-metric': o.key, 'data-met': String(o.met) },
            cells: [
              ctx.pick(o.objective.text),
              numCell(ctx, o.value, 4),
              ctx.t(
                o.met === null ? 'exercise.debrief.unknown' : o.met ? 'exercise.debrief.yes' : 'exercise.debrief.no',
              ),
              numCell(ctx, o.twinValue, 4),
              o.modelMet === null ? '—' : { text: `${ctx.num(o.modelMet, 0)} %`, value: o.modelMet },
            ],
          })),
          'objectives',
        ),
      ]),
    );
  }
  const headline = new Set([
    'coherence',
    'innovation',
    'security',
    'development',
    'prestige',
    'value',
    'pilotsApproved',
    'agreementsApproved',
    'scaleUps',
    'incidents',
    'fenceBreaks',
    'sanctions',
    'missedWindowShare',
    ...ex.objectives.map((o) => (o.scope === 'province' ? `province.${o.metric}` : o.metric)),
  ]);
  const rows = d.metrics.filter((r) => headline.has(r.key) || r.scope === 'province');
  const rest = d.metrics.filter((r) => !rows.includes(r));
  const metricTable = (list: typeof rows, caption: string, role: string) =>
    textTable(
      caption,
      [
        ctx.t('exercise.debrief.metric'),
        ctx.t('exercise.debrief.you'),
        ctx.t('exercise.debrief.twin'),
        ctx.t('exercise.debrief.difference'),
        ctx.t('exercise.debrief.percentile'),
        ctx.t('exercise.debrief.modelRange'),
      ],
      list.map((r) => ({
        attrs: { 'data-metric': r.key },
        cells: [
          metricLabel(ctx, r.key, ex.province),
          numCell(ctx, r.participant, 4),
          numCell(ctx, r.twin, 4),
          signed(ctx, r.difference),
          r.percentile === null ? '—' : { text: ctx.num(r.percentile, 1), value: r.percentile },
          r.model
            ? ctx.t('exercise.debrief.rangeText', {
                median: ctx.num(r.model.median, 4),
                low: ctx.num(r.model.low, 4),
                high: ctx.num(r.model.high, 4),
              })
            : '—',
        ],
      })),
      role,
    );
  tables.push(
    el('section', { class: 'panel', 'aria-labelledby': 'ex-met-h' }, [
      el('h2', { id: 'ex-met-h', text: ctx.t('exercise.debrief.metrics') }),
      el('p', { class: 'help', text: ctx.t('exercise.debrief.metricsHelp', { n: d.replicates }) }),
      metricTable(rows, ctx.t('exercise.debrief.metricsCaption'), 'metrics'),
      el('details', { class: 'more-metrics' }, [
        el('summary', { text: ctx.t('exercise.debrief.allMetrics') }),
        metricTable(rest, ctx.t('exercise.debrief.allMetrics'), 'metrics-more'),
      ]),
    ]),
  );
  const lines = timelineText(d.timeline, ctx);
  const list = el('ol', { class: 'timeline', 'data-role': 'timeline' });
  for (const l of lines) {
    const li = el('li', { class: `tl-${l.kind}`, 'data-code': l.code, 'data-round': String(l.round) }, [
      el('span', { class: 'tl-text', text: l.text }),
    ]);
    for (const n of l.notes) li.append(el('span', { class: 'tl-note', text: ` ${n}` }));
    if (l.consequences.length > 0)
      li.append(
        el(
          'ul',
          { class: 'consequences' },
          l.consequences.map((c) => el('li', { text: c })),
        ),
      );
    list.append(li);
  }
  out.push(
    el('section', { class: 'panel', 'aria-labelledby': 'ex-tl-h' }, [
      el('h2', { id: 'ex-tl-h', text: ctx.t('exercise.debrief.timeline') }),
      lines.length > 0 ? list : el('p', { text: ctx.t('exercise.debrief.noDecisions') }),
    ]),
  );
  out.push(
    el('details', { class: 'more-metrics debrief-tables', 'data-role': 'tables' }, [
      el('summary', { text: ctx.t('exercise.summary.tables') }),
      ...tables,
    ]),
  );
  return out;
}

/** Runs side by side (teams in a workshop, or branches): each value with its percentile among the model's runs. */
export function comparisonSections(
  cmp: RunComparison,
  exercise: Exercise,
  ctx: TextContext,
  i18n: I18n,
  caption: string,
): HTMLElement[] {
  const table = textTable(
    caption,
    [
      ctx.t('exercise.compare.run'),
      ...cmp.keys.map((k) => metricLabel(ctx, k, exercise.province)),
      ctx.t('exercise.compare.objectivesMet'),
    ],
    cmp.runs.map((r) => ({
      attrs: { 'data-run': r.label, 'data-checksum': r.checksum },
      cells: [
        r.label,
        ...cmp.keys.map((k) => {
          const v = r.values[k];
          return v
            ? {
                text:
                  v.percentile === null
                    ? ctx.num(v.value, 4)
                    : ctx.t('exercise.compare.cell', {
                        value: ctx.num(v.value, 4),
                        percentile: ctx.num(v.percentile, 0),
                      }),
                value: v.value,
              }
            : '—';
        }),
        ctx.t('exercise.compare.met', {
          met: r.objectivesMet.filter((m) => m === true).length,
          of: r.objectivesMet.length,
        }),
      ],
    })),
    'comparison',
  );
  const out: HTMLElement[] = [
    el('div', { class: 'table-scroll' }, [table]),
    el('p', { class: 'help', text: ctx.t('exercise.compare.help', { n: cmp.replicates }) }),
  ];
  if (cmp.plane) {
    const host = el('div', { class: 'plot-panel' });
    planeFigure(
      host,
      i18n,
      ctx,
      cmp.plane,
      cmp.runs.map((r) => ({ label: r.label, ...r.path })),
    );
    out.push(host);
  }
  return out;
}
