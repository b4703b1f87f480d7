import type { TimelineEntry, TimelineLine } from '../../sim/exercise/timeline.ts';
import { eventLogLines } from '../specs/eventLog.ts';
import { paramName, type TextContext } from './text.ts';

export interface TimelineText {
  round: number;
  kind: TimelineEntry['kind'];
  code: string;
  text: string;
  /** What the model would have done, and whether the time limit decided. */
  notes: string[];
  consequences: string[];
}

/** One model event (a code with arguments) as text, through the app's `event.<code>` messages. */
function eventText(l: TimelineLine, ctx: TextContext): string {
  return eventLogLines([{ cycle: l.round, code: l.code, args: l.args }], {
    t: ctx.t,
    has: ctx.has,
    names: ctx.names,
    num: (v) => ctx.num(v, 3),
    param: (n) => paramName(ctx.lang, n),
  })[0]!.text;
}

function decisionVars(args: Record<string, string | number>, ctx: TextContext): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) {
    if (k === 'province') out[k] = ctx.names.province[String(v)] ?? String(v);
    else if (k === 'partner') out[k] = ctx.names.partner[String(v)] ?? String(v);
    else if (k === 'param') out[k] = ctx.t(`exercise.lever.${String(v)}`);
    else if (k === 'id') out[k] = v;
    else out[k] = typeof v === 'number' ? ctx.num(v, 3) : v;
  }
  return out;
}

/**
 * The debrief's timeline as text in one language: each decision rendered from
 * `exercise.tl.<code>`, each consequence and scene-setting event from the app's `event.<code>`
 * messages. Text is made here and only ever put into the page as text.
 */
export function timelineText(entries: readonly TimelineEntry[], ctx: TextContext): TimelineText[] {
  return entries.map((e) => {
    const notes: string[] = [];
    let text: string;
    if (e.kind === 'event') text = ctx.t('exercise.tl.round', { round: e.round, text: eventText(e, ctx) });
    else {
      const vars = decisionVars(e.args, ctx);
      text = ctx.t(`exercise.tl.${e.code}`, { round: e.round, ...vars });
      if (e.model) notes.push(ctx.t(`exercise.tl.model.${e.model}`, vars));
      if (e.timedOut) notes.push(ctx.t('exercise.tl.timedOut'));
    }
    return {
      round: e.round,
      kind: e.kind,
      code: e.code,
      text,
      notes,
      consequences: e.consequences.map((c) => ctx.t('exercise.tl.round', { round: c.round, text: eventText(c, ctx) })),
    };
  });
}
