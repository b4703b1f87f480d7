// The exercise mode's messages: its own locale files (exercise.en.json, exercise.vi.json) first, then
// the app's (event, metric, type and end words), so the exercise never edits the shared files.
import exEn from '../i18n/exercise.en.json' with { type: 'json' };
import exVi from '../i18n/exercise.vi.json' with { type: 'json' };
import { format, translate, DICTS, type Dict, type Lang, type Text } from '../i18n/index.ts';

export const EXERCISE_DICTS: Record<Lang, Dict> = { en: exEn, vi: exVi };

/** A message by key in `lang`: the exercise's dictionary, then the app's, then English, then the key. */
export function tx(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const own = EXERCISE_DICTS[lang][key] ?? EXERCISE_DICTS.en[key];
  return own !== undefined ? format(own, vars) : translate(lang, key, vars);
}

export function hasKey(lang: Lang, key: string): boolean {
  return key in EXERCISE_DICTS[lang] || key in EXERCISE_DICTS.en || key in DICTS[lang] || key in DICTS.en;
}

/** Everything a piece of exercise text needs: the language, names by id, number formatting. */
export interface TextContext {
  lang: Lang;
  t: (key: string, vars?: Record<string, string | number>) => string;
  has: (key: string) => boolean;
  num: (v: number, digits?: number) => string;
  pick: (text: string | Text | undefined) => string;
  names: { province: Record<string, string>; partner: Record<string, string> };
}

export function numberFormat(lang: Lang): (v: number, digits?: number) => string {
  return (v, digits = 3) =>
    Number.isFinite(v)
      ? v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
      : String(v);
}

/** A text context for `lang` with the scenario's province and partner names. */
export function textContext(lang: Lang, data: Record<string, unknown>): TextContext {
  const provinces = (data.provinces ?? []) as { id: string; name: string }[];
  const partners = (data.partners ?? []) as { id: string; name: Text }[];
  return {
    lang,
    t: (key, vars) => tx(lang, key, vars),
    has: (key) => hasKey(lang, key),
    num: numberFormat(lang),
    pick: (text) => (text === undefined ? '' : typeof text === 'string' ? text : text[lang]),
    names: {
      province: Object.fromEntries(provinces.map((p) => [p.id, p.name])),
      partner: Object.fromEntries(partners.map((p) => [p.id, p.name[lang]])),
    },
  };
}

/** A parameter's human name in `lang` (the exercise's lever names, then the app's), else its registry name. */
export function paramName(lang: Lang, name: string): string {
  for (const key of [`exercise.lever.${name}`, `param.${name}`]) if (hasKey(lang, key)) return tx(lang, key);
  return name;
}

/** A metric key's label: `metric.<name>` for national values, the province's name and the measure for `province.<name>`. */
export function metricLabel(ctx: TextContext, key: string, province: string | null): string {
  if (key.startsWith('province.')) {
    const name = key.slice('province.'.length);
    return ctx.t('exercise.provinceMetric', {
      province: province ? (ctx.names.province[province] ?? province) : '',
      metric: ctx.t(`exercise.pm.${name}`),
    });
  }
  return ctx.has(`metric.${key}`) ? ctx.t(`metric.${key}`) : key;
}

/** The note under the centre's levers once applied: "Levers applied: Approval strictness 0.2." */
export function leverNoteText(ctx: TextContext, changed: Record<string, number>): string {
  const entries = Object.entries(changed);
  if (entries.length === 0) return ctx.t('exercise.levers.appliedNone');
  const changes = entries.map(([name, v]) =>
    ctx.t('exercise.levers.change', { param: paramName(ctx.lang, name), value: ctx.num(v, 3) }),
  );
  return ctx.t('exercise.levers.applied', { changes: changes.join(', ') });
}
