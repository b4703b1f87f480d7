// The Compare view's columns: a scenario and the levers set on it, named for people and for files.
import type { Issue } from '../../sim/engine/errors.ts';
import type { ParamValue } from '../../sim/engine/model.ts';
import { paramName } from '../exercise/text.ts';
import type { I18n } from '../i18n/index.ts';
import { valueOf } from '../share/url.ts';
import type { Catalog, ModelInfo } from '../worker/session.ts';

export const LETTERS = ['A', 'B', 'C', 'D'];
export const MAX_COLUMNS = 4;
export const MIN_COLUMNS = 2;

export interface Column {
  scenario: string;
  params: { name: string; value: string }[];
  issues: Issue[];
}

export function paramsOf(col: Column): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of col.params) out[p.name] = valueOf(p.value);
  return out;
}

export function modelOf(catalog: Catalog, scenario: string): ModelInfo | null {
  const info = catalog.scenarios.find((s) => s.name === scenario);
  return info ? (catalog.models[info.model] ?? null) : null;
}

/**
 * A column's scenario name with its changed levers by their human names, e.g.
 * "controlled-autonomy (Monitoring = 0.8)"; with `code`, by registry name as files and --set
 * write them ("controlled-autonomy (monitoring=0.8)"), for the CSV export.
 */
export function columnName(col: Column, i18n: I18n, code = false): string {
  const changes = col.params
    .map((p) =>
      code
        ? `${p.name}=${p.value}`
        : `${paramName(i18n.lang, p.name)} = ${p.value.trim() !== '' && Number.isFinite(Number(p.value)) ? i18n.num(Number(p.value), 6) : p.value}`,
    )
    .join(', ');
  return `${col.scenario}${changes ? ` (${changes})` : ''}`;
}

/** `name = expression; …` as `{ name: expression }`; the worker checks names and expressions. */
export function derivedOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    out[eq < 0 ? part.trim() : part.slice(0, eq).trim()] = eq < 0 ? '' : part.slice(eq + 1).trim();
  }
  return out;
}
