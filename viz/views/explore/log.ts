// Explore's event log: the latest LOG_LIMIT events, newest first, filtered by kind. While a run
// plays the log grows at the top, so a redraw adds only the new lines and drops the oldest beyond the
// limit; rebuilding all 400 lines on every redraw made the whole page's layout dirty each time.
import type { ModelEvent } from '../../../sim/engine/model.ts';
import { clear, el } from '../../dom.ts';
import { paramName } from '../../exercise/text.ts';
import type { I18n } from '../../i18n/index.ts';
import { eventCodeLabel, eventLogLines } from '../../specs/eventLog.ts';

export const LOG_LIMIT = 400;

export interface LogNames {
  units: readonly { id: string; name: string }[];
  partners: readonly { id: string; name: string | { en: string; vi: string } }[];
}

export class EventLogPanel {
  /** The event kind shown ('' for all). */
  filter = '';
  /** How many of the run's events the list reflects; -1 when it must be rebuilt. */
  private seen = -1;
  /** How many events pass the filter among those seen. */
  private matched = 0;
  /** The kinds of event among those seen, and how many the filter's options were built for. */
  private kinds = new Set<string>();
  private codes = -1;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly note: HTMLElement,
    private readonly select: HTMLSelectElement,
    private readonly i18n: I18n,
  ) {}

  /** Rebuild on the next render (a new filter, language or run). */
  invalidate(): void {
    this.seen = -1;
  }

  /** The filter's options: each kind of event by its human name, in the language's alphabetical order. */
  renderFilter(events: readonly ModelEvent[]): void {
    const t = this.i18n.t;
    const has = (k: string) => t(k) !== k;
    const kinds = new Set(events.map((e) => e.code));
    const options = [...kinds]
      .map((code) => ({ code, label: eventCodeLabel(code, { t, has }) }))
      .sort((a, b) => a.label.localeCompare(b.label, this.i18n.lang));
    const current = this.filter;
    clear(this.select);
    this.select.appendChild(el('option', { value: '', text: t('log.all') }));
    for (const o of options) this.select.appendChild(el('option', { value: o.code, text: o.label }));
    this.select.value = kinds.has(current) ? current : '';
    this.codes = kinds.size;
  }

  render(events: readonly ModelEvent[], names: LogNames): void {
    if (events.length === this.seen) return;
    const rebuild = this.seen < 0 || events.length < this.seen;
    const fresh = rebuild ? events : events.slice(this.seen);
    if (rebuild) this.kinds = new Set(events.map((e) => e.code));
    else for (const e of fresh) this.kinds.add(e.code);
    if (this.kinds.size !== this.codes || this.codes + 1 !== this.select.options.length) this.renderFilter(events);
    const shown = this.filter ? fresh.filter((e) => e.code === this.filter) : fresh;
    const lines = this.lines(shown.slice(-LOG_LIMIT), names);
    if (rebuild) {
      clear(this.list);
      this.matched = 0;
    }
    // Newest first: the new lines go on top, in reverse order of arrival.
    const top = this.list.firstChild;
    for (let i = lines.length - 1; i >= 0; i--) this.list.insertBefore(this.item(lines[i]!), top);
    while (this.list.childElementCount > LOG_LIMIT) this.list.lastElementChild!.remove();
    this.matched += shown.length;
    this.seen = events.length;
    this.note.textContent =
      this.matched === 0
        ? this.i18n.t('log.empty')
        : this.matched > LOG_LIMIT
          ? this.i18n.t('log.more', { n: LOG_LIMIT, total: this.matched })
          : '';
  }

  private lines(events: readonly ModelEvent[], names: LogNames) {
    const i18n = this.i18n;
    const partner: Record<string, string> = {};
    for (const p of names.partners) partner[p.id] = i18n.pick(p.name);
    return eventLogLines(events, {
      t: i18n.t,
      has: (k) => i18n.t(k) !== k,
      names: { province: Object.fromEntries(names.units.map((u) => [u.id, u.name])), partner },
      num: (v) => i18n.num(v, 3),
      param: (n) => paramName(i18n.lang, n),
    });
  }

  private item(l: { code: string; cycle: number; text: string }): HTMLLIElement {
    return el('li', { 'data-code': l.code, 'data-cycle': l.cycle }, [
      el('span', { class: 'log-cycle', text: this.i18n.t('log.cycle', { cycle: l.cycle }) }),
      ' ',
      l.text,
    ]);
  }
}
