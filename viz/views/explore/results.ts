// Explore's results table (run 0, the replicates' mean and CI per metric) and its files out: the
// run document as JSON or CSV, and the scenario with the changed levers.
import type { ParamValue } from '../../../sim/engine/model.ts';
import { download } from '../../export/image.ts';
import { runOutputJson, runsToCsv } from '../../export/results.ts';
import type { I18n } from '../../i18n/index.ts';
import { renderTable } from '../../render/table.ts';
import { resultsTableSpec } from '../../specs/results.ts';
import type { Remote } from '../../worker/client.ts';
import type { ModelInfo, RunOutput, SessionApi, Source } from '../../worker/session.ts';

export function renderResultsTable(host: HTMLElement, i18n: I18n, model: ModelInfo, out: RunOutput | null): void {
  const t = i18n.t;
  const spec = resultsTableSpec({
    caption: t('results.title'),
    metrics: model.metrics,
    output: out,
    labels: {
      metric: t('results.metric'),
      kind: t('results.kind'),
      run0: t('results.run0'),
      mean: t('results.mean'),
      ci: t('results.ci'),
      level: t('results.level'),
      count: t('results.count'),
    },
    metricLabel: (n) => i18n.metric(n),
  });
  renderTable(host, spec.table, (v) => i18n.num(v, 4));
  const rows = host.querySelectorAll('tbody tr');
  spec.keys.forEach((k, i) => rows[i]?.setAttribute('data-metric', k));
}

/** Download the session's run document: JSON as `concerto run --format json` writes it, or tidy CSV. */
export async function exportRun(
  api: Remote<SessionApi>,
  sessionId: number,
  model: ModelInfo,
  kind: 'csv' | 'json',
): Promise<void> {
  const out = await api.results(sessionId);
  const base = `${out.manifest.scenario}-seed${out.manifest.seed}`;
  if (kind === 'json') download(new Blob([runOutputJson(out)], { type: 'application/json' }), `${base}.json`);
  else {
    const csv = runsToCsv(
      out.runs,
      model.metrics.map((m) => m.name),
    );
    download(new Blob([csv], { type: 'text/csv' }), `${base}.csv`);
  }
}

/** Download the scenario with the changed levers: a bundled one as `extends`, a file with its params merged. */
export async function saveScenario(
  api: Remote<SessionApi>,
  source: Source,
  overrides: Record<string, ParamValue>,
): Promise<void> {
  const v = await api.validate(source, overrides);
  if (!v.ok) return;
  const raw =
    'bundled' in source
      ? { formatVersion: 1, name: v.value.name, extends: source.bundled, params: { ...overrides } }
      : {
          ...(source.raw as Record<string, unknown>),
          params: {
            ...(((source.raw as Record<string, unknown>).params as Record<string, unknown>) ?? {}),
            ...overrides,
          },
        };
  download(new Blob([`${JSON.stringify(raw, null, 1)}\n`], { type: 'application/json' }), `${v.value.name}.json`);
}
