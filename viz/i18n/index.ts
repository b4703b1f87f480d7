import { formatDefaultLocale } from 'd3';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

export type Lang = 'en' | 'vi';
export const LANGS: readonly Lang[] = ['en', 'vi'];
export type Dict = Record<string, string>;
export const DICTS: Record<Lang, Dict> = { en, vi };
export type Text = { en: string; vi: string };

const STORAGE_KEY = 'concerto.lang';

/**
 * Fill `{name}` placeholders of a message. A missing variable is left visible as `{name}` rather
 * than hidden, so a bad template shows up in review.
 */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The message `key` in `lang`, falling back to English, then to the key itself. */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const msg = DICTS[lang][key] ?? DICTS.en[key] ?? key;
  return format(msg, vars);
}

/** A registry text ({en, vi}) or a plain string, in `lang`. */
export function pick(lang: Lang, text: string | Text | undefined): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : text[lang];
}

/** The remembered language, else the browser's preference (Vietnamese when it comes first), else English. */
export function initialLang(storage: Pick<Storage, 'getItem'> | null, languages: readonly string[]): Lang {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'vi') return saved;
  } catch {
    // storage may be blocked (private mode, sandboxed frame): fall through
  }
  for (const l of languages) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'vi') return 'vi';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/**
 * d3's number locale per language, matching what Intl.NumberFormat writes for 'en-GB' and 'vi-VN'
 * (the tables' format), so an axis tick and a table cell on one screen read alike: a decimal comma
 * and thousands dots in Vietnamese, and the hyphen-minus Intl uses.
 */
export const D3_LOCALES: Record<Lang, Parameters<typeof formatDefaultLocale>[0]> = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''], minus: '-' },
  vi: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' ₫'], minus: '-' },
};

/** The current language with change listeners; the choice is remembered in localStorage. */
export class I18n {
  lang: Lang;
  private listeners = new Set<(lang: Lang) => void>();
  private storage: Pick<Storage, 'getItem' | 'setItem'> | null;

  constructor(lang: Lang, storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
    this.lang = lang;
    this.storage = storage;
    // Chart axes format through d3's default locale: the page's language sets it.
    formatDefaultLocale(D3_LOCALES[lang]);
  }

  t = (key: string, vars?: Record<string, string | number>): string => translate(this.lang, key, vars);

  pick = (text: string | Text | undefined): string => pick(this.lang, text);

  /** A metric's label (`metric.<name>`), or its registry name when the locale files have none (another model's metric). */
  metric = (name: string): string => {
    const k = `metric.${name}`;
    const v = this.t(k);
    return v === k ? name : v;
  };

  /** A parameter's human name (`param.<name>`), or its registry name when the locale files have none (another model's parameter). */
  param = (name: string): string => {
    const k = `param.${name}`;
    const v = this.t(k);
    return v === k ? name : v;
  };

  /** A choice parameter's value in words (`choice.<param>.<value>`), or the value itself when the locale files have none. */
  choice = (param: string, value: string): string => {
    const k = `choice.${param}.${value}`;
    const v = this.t(k);
    return v === k ? value : v;
  };

  set(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    formatDefaultLocale(D3_LOCALES[lang]);
    try {
      this.storage?.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered, still switched
    }
    for (const f of this.listeners) f(lang);
  }

  onChange(f: (lang: Lang) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private formats = new Map<string, Intl.NumberFormat>();

  /** Number formatting in the current language (Vietnamese uses a decimal comma). Formatters are cached: making one costs far more than using it. */
  num = (v: number, digits = 3): string => {
    if (!Number.isFinite(v)) return String(v);
    const key = `${this.lang}/${digits}`;
    let f = this.formats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(this.lang === 'vi' ? 'vi-VN' : 'en-GB', {
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      });
      this.formats.set(key, f);
    }
    return f.format(v);
  };
}
