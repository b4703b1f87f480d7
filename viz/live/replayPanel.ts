// "Check a downloaded session": a workshop's export (the workshop log, every seat's decision log)
// replayed in this browser with the same engine, seed and draws as the server. The checksum must come
// out equal to the file's, so anyone can verify a session after the room has gone, without the server.
import { ScenarioError } from '../../sim/engine/errors.ts';
import { readWorkshopLog } from '../../sim/exercise/workshopLog.ts';
import { el, uid } from '../dom.ts';
import { metricLabel, textContext, type TextContext } from '../exercise/text.ts';
import { textTable } from '../views/exerciseDebrief.ts';

/** What the last file gave: its replay, or the problems found (kept across a change of language). */
export type ReplayOutcome =
  | {
      ok: true;
      file: string;
      checksum: string;
      /** Province names by id, from the session's scenario (the same in both languages). */
      provinces: Record<string, string>;
      rounds: number;
      seats: { id: string; province: string | null; names: string[] }[];
      final: Record<string, number>;
    }
  | { ok: false; file: string; problems: string[] };

const FINALS = ['coherence', 'innovation', 'security', 'development', 'prestige'];

/** Read and replay one file (JSON text). */
export function replaySession(file: string, text: string, ctx: TextContext): ReplayOutcome {
  try {
    const raw = JSON.parse(text) as unknown;
    const v = readWorkshopLog(raw);
    return {
      ok: true,
      file,
      checksum: v.run.checksum,
      provinces: textContext('en', v.exercise.scenario.data).names.province,
      rounds: v.run.record.cycles,
      seats: Object.entries(v.names)
        .filter(([, names]) => names.length > 0)
        .map(([id, names]) => ({
          id,
          province: id === 'centre' ? null : id,
          names,
        })),
      final: { ...v.run.record.final },
    };
  } catch (err) {
    const problems =
      err instanceof ScenarioError
        ? err.issues.map((i) =>
            ctx.t('exercise.issue', {
              path: i.path || ctx.t('exercise.root'),
              rule: i.rule,
              value: JSON.stringify(i.value) ?? 'nothing',
            }),
          )
        : [ctx.t('exercise.fileUnreadable', { error: err instanceof Error ? err.message : String(err) })];
    return { ok: false, file, problems };
  }
}

/** The panel: a file field, then the outcome of the last file. */
export function replayPanel(
  ctx: TextContext,
  outcome: ReplayOutcome | null,
  onFile: (file: File) => void,
): HTMLElement {
  const fileId = uid('lreplay');
  const input = el('input', {
    type: 'file',
    id: fileId,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'live-replay-file',
  });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) onFile(f);
  });
  const section = el('section', { class: 'panel live-replay', 'aria-labelledby': 'live-replay-h' }, [
    el('h2', { id: 'live-replay-h', text: ctx.t('live.replay.heading') }),
    el('p', { class: 'help', text: ctx.t('live.replay.help') }),
    el('div', { class: 'file-field' }, [
      input,
      el('label', { for: fileId, class: 'button', text: ctx.t('live.replay.file') }),
    ]),
  ]);
  const box = el('div', { 'data-role': 'live-replay', role: 'status' });
  section.append(box);
  if (!outcome) return section;
  if (!outcome.ok) {
    box.dataset.ok = 'false';
    box.append(
      el('p', { class: 'issues', text: ctx.t('live.replay.failed', { file: outcome.file }) }),
      el(
        'ul',
        { class: 'issues' },
        outcome.problems.map((p) => el('li', { text: p })),
      ),
    );
    return section;
  }
  box.dataset.ok = 'true';
  box.dataset.checksum = outcome.checksum;
  const seatText = outcome.seats
    .map((s) => {
      const seat = s.province ? (outcome.provinces[s.province] ?? s.province) : ctx.t('live.seat.centre');
      return `${seat} (${s.names.join(', ')})`;
    })
    .join('; ');
  box.append(
    el('p', {
      class: 'live-big',
      text: ctx.t('live.replay.ok', { file: outcome.file, checksum: outcome.checksum, rounds: outcome.rounds }),
    }),
    el('p', { text: ctx.t('live.replay.seats', { seats: seatText || '—' }) }),
    textTable(
      ctx.t('live.replay.finals'),
      [ctx.t('exercise.debrief.metric'), ctx.t('live.debrief.roomValue')],
      FINALS.filter((k) => typeof outcome.final[k] === 'number').map((k) => ({
        attrs: { 'data-metric': k },
        cells: [metricLabel(ctx, k, null), { text: ctx.num(outcome.final[k]!, 3), value: outcome.final[k]! }],
      })),
      'replay-finals',
    ),
  );
  return section;
}
