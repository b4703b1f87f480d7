// Kept sweeps on the Experiment page: the list of kept sweeps (show or resume, discard), the notice
// of a sweep resuming by itself after a reload, what was found damaged and set aside, and the mark
// in sessionStorage that says which sweep this tab is running.
import { formatIssue, printable, type Issue } from '../../../sim/engine/errors.ts';
import { el } from '../../dom.ts';
import type { I18n } from '../../i18n/index.ts';
import type { SweepInfo } from '../../sweep/store.ts';

/**
 * Which sweep of a database is running in this tab, kept in sessionStorage so that it survives a
 * reload but not the tab (another tab does not take over the sweep).
 */
export class RunningMark {
  private readonly key: string;

  constructor(dbName: string | undefined) {
    this.key = `concerto-running-sweep:${dbName ?? 'default'}`;
  }

  get(): string | null {
    try {
      return sessionStorage.getItem(this.key);
    } catch {
      return null;
    }
  }

  set(id: string | null): void {
    try {
      if (id === null) sessionStorage.removeItem(this.key);
      else sessionStorage.setItem(this.key, id);
    } catch {
      // no sessionStorage: an interrupted sweep is offered with a Resume button instead
    }
  }
}

/** Each kept sweep with a Show (complete) or Resume button and a Discard button. */
export function renderKeptSweeps(
  host: HTMLElement,
  i18n: I18n,
  sweeps: readonly SweepInfo[],
  on: { open(s: SweepInfo): void; discard(s: SweepInfo): void },
): void {
  host.replaceChildren();
  const t = i18n.t;
  for (const s of sweeps) {
    const complete = s.done >= s.total;
    const open = el('button', {
      type: 'button',
      class: 'small',
      'data-control': `experiment-resume-${s.id}`,
      text: complete ? t('experiment.show') : t('experiment.resume'),
    });
    open.addEventListener('click', () => on.open(s));
    const drop = el('button', {
      type: 'button',
      class: 'small',
      'data-control': `experiment-discard-${s.id}`,
      text: t('experiment.discard'),
    });
    drop.addEventListener('click', () => on.discard(s));
    host.appendChild(
      el('p', { class: 'resume-item', 'data-sweep': s.id }, [
        t(complete ? 'experiment.kept' : 'experiment.unfinished', { name: s.name, done: s.done, total: s.total }),
        ' ',
        open,
        ' ',
        drop,
      ]),
    );
  }
}

/** "Resuming … by itself", with a Stop button; hidden when no sweep resumes. */
export function renderAutoResume(host: HTMLElement, i18n: I18n, s: SweepInfo | null, stop: () => void): void {
  host.replaceChildren();
  host.hidden = s === null;
  if (!s) return;
  const t = i18n.t;
  const btn = el('button', {
    type: 'button',
    class: 'small',
    'data-control': 'experiment-auto-stop',
    text: t('experiment.autoStop'),
  });
  btn.addEventListener('click', stop);
  host.append(t('experiment.autoResume', { name: printable(s.name, 80), done: s.done, total: s.total }), ' ', btn);
}

export interface SetAside {
  sweeps: number;
  results: { name: string; issues: Issue[]; count: number } | null;
}

/** What was set aside as damaged, in words (the first three problems named). */
export function setAsideText(i18n: I18n, a: SetAside): string {
  const t = i18n.t;
  const parts: string[] = [];
  if (a.sweeps > 0) parts.push(t('experiment.sweepsSetAside', { count: a.sweeps }));
  const r = a.results;
  if (r) {
    const shown = r.issues.slice(0, 3).map(formatIssue).join('; ');
    const more = r.issues.length > 3 ? ` ${t('experiment.andMore', { count: r.issues.length - 3 })}` : '';
    parts.push(
      t('experiment.resultsSetAside', { count: r.count, name: printable(r.name, 80), problems: `${shown}${more}` }),
    );
  }
  return parts.join(' ');
}
