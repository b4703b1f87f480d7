// Explore's status line: what the run is doing, in words, and the key that changes only when the
// state does (a running animation is announced once, not on every cycle).
import type { I18n } from '../../i18n/index.ts';
import type { ExplorePage } from './page.ts';

export type RunState = 'loading' | 'invalid' | 'ready' | 'playing' | 'paused' | 'done';

export function statusLine(
  i18n: I18n,
  s: RunState,
  cycle: number,
  cycles: number,
  errors: readonly (string | null)[],
  invalidLevers: readonly string[],
): { text: string; key: string } {
  const t = i18n.t;
  const failed = errors.findIndex((e) => e !== null);
  let text: string;
  if (s === 'loading') text = t('status.loading');
  else if (s === 'invalid') text = t('status.invalid');
  else if (s === 'ready') text = t('status.ready', { cycles });
  else if (s === 'playing') text = t('status.playing', { cycle, cycles });
  else if (s === 'paused') text = t('status.paused', { cycle, cycles });
  else text = t('status.done', { cycle });
  if (failed >= 0) text += ` ${t('status.failed', { replicate: failed, error: errors[failed]! })}`;
  if (invalidLevers.length > 0)
    text = t('status.blocked', { names: invalidLevers.map((n) => i18n.param(n)).join(', ') });
  return { text, key: `${s}|${failed}|${i18n.lang}|${invalidLevers.join()}` };
}

/** The toolbar's buttons, progress, counter and status line for the state of the run. */
export function renderControls(
  p: Pick<ExplorePage, 'playBtn' | 'stepBtn' | 'endBtn' | 'resetBtn' | 'progress' | 'cycleText' | 'status'>,
  i18n: I18n,
  run: {
    state: RunState;
    cycle: number;
    cycles: number;
    errors: readonly (string | null)[];
    invalid: readonly string[];
  },
  announced: string,
): string {
  const t = i18n.t;
  const s = run.state;
  p.playBtn.textContent = s === 'playing' ? t('control.pause') : t('control.play');
  p.playBtn.setAttribute('aria-pressed', s === 'playing' ? 'true' : 'false');
  const blocked = run.invalid.length > 0;
  const canRun = !blocked && (s === 'ready' || s === 'paused' || s === 'playing');
  p.playBtn.disabled = !canRun;
  p.stepBtn.disabled = blocked || !(s === 'ready' || s === 'paused');
  p.endBtn.disabled = !canRun;
  p.resetBtn.disabled = s === 'loading' || s === 'invalid' || run.cycle === 0;
  p.progress.max = Math.max(1, run.cycles);
  p.progress.value = run.cycle;
  p.cycleText.textContent = t('control.cycle', { cycle: run.cycle, cycles: run.cycles });
  const line = statusLine(i18n, s, run.cycle, run.cycles, run.errors, run.invalid);
  // Announce changes of state, not every cycle of a running animation (the counter shows those,
  // and the running message names no cycle, so it stays true).
  if (s !== 'playing' || announced !== line.key) p.status.textContent = line.text;
  return line.key;
}
