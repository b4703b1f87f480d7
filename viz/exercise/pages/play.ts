import type { Allocation, DecisionValue } from '../../../sim/exercise/types.ts';
import { el } from '../../dom.ts';
import { decisionCardPart, leverForm, type CardPart } from '../../views/exerciseCards.ts';
import { clockText } from '../clock.ts';
import { button, exerciseMeta, glossaryBox, heading, objectivesBox, Region } from '../parts.ts';
import type { PageDeps, PageView } from './page.ts';
import { situationPanel } from './situation.ts';

/**
 * A round: the situation, the centre's levers, a card per decision, and the commit. Built once per round;
 * a decision, the levers or the timer then change only their own parts of the page.
 */
export function playPage({ c }: PageDeps): PageView {
  const s = c.current!;
  const ex = s.exercise;
  const ctx = c.ctx;
  const run = s.run();
  const h = heading(ctx.t('exercise.play.round', { round: s.round, rounds: ex.rounds }));
  const left = c.timer.remaining();
  const timer =
    left !== null
      ? el('p', {
          class: 'timer',
          'data-role': 'timer',
          role: 'timer',
          'aria-live': 'off',
          text: ctx.t('exercise.play.timer', { time: clockText(left) }),
        })
      : null;
  const header = el('div', { class: 'play-head' }, [
    h,
    el('p', { class: 'meta', text: `${ctx.pick(ex.title)} · ${exerciseMeta(ctx, ex)}` }),
    timer,
  ]);
  const notice = el('p', { class: 'notice', role: 'status', 'data-role': 'notice' });

  // The cards, by item key: a decision changes its own card in place; an item that comes or changes
  // (applied levers can bring other requests) gets a new card.
  const lastAlloc = [...s.log().rounds].reverse().find((r) => Array.isArray(r.decisions.allocate))?.decisions
    .allocate as Allocation | undefined;
  const cards = new Map<string, { json: string; part: CardPart }>();
  const cardList = el('div', { class: 'cards', 'data-role': 'cards' });
  const nothing = el('p', { text: ctx.t('exercise.play.nothing') });
  const shownValue = (key: string): DecisionValue | undefined =>
    s.undecided().some((u) => u.key === key) ? undefined : s.draft().decisions[key];
  const updateCards = () => {
    const items = s.items();
    const next = new Map<string, { json: string; part: CardPart }>();
    for (const item of items) {
      const json = JSON.stringify(item);
      let card = cards.get(item.key);
      if (!card || card.json !== json)
        card = {
          json,
          part: decisionCardPart(item, shownValue(item.key), {
            ctx,
            events: run.record.events ?? [],
            lastAllocation: lastAlloc ?? null,
            decide: (k, value) => c.decide(k, value),
          }),
        };
      else card.part.update(shownValue(item.key));
      next.set(item.key, card);
    }
    // Put the cards in the items' order; nodes already in place are not moved (moving would drop focus).
    let at: ChildNode | null = cardList.firstChild;
    for (const { part } of next.values()) {
      if (at === part.root) at = at.nextSibling;
      else cardList.insertBefore(part.root, at);
    }
    while (at) {
      const after: ChildNode | null = at.nextSibling;
      at.remove();
      at = after;
    }
    cards.clear();
    for (const [k, v] of next) cards.set(k, v);
    if (items.length === 0) cardList.replaceWith(nothing);
    else nothing.replaceWith(cardList);
  };
  // Several open requests at once (a window brings many): answer them all in one step.
  const openYesNo = () => s.undecided().filter((i) => i.kind === 'pilot' || i.kind === 'agreement').length;
  const bulk = new Region(() =>
    openYesNo() >= 2
      ? el('div', { class: 'actions bulk-actions', 'data-role': 'bulk' }, [
          button(ctx.t('exercise.play.approveAll'), 'approve-all', () => c.decideAll(true)),
          button(ctx.t('exercise.play.rejectAll'), 'reject-all', () => c.decideAll(false)),
        ])
      : el('div', { hidden: true }),
  );
  bulk.update(String(openYesNo() >= 2));
  const decisions = el('section', { class: 'decisions', 'aria-labelledby': 'ex-dec-h' }, [
    el('h2', {
      id: 'ex-dec-h',
      text: ctx.t(ex.role === 'centre' ? 'exercise.play.decisionsCentre' : 'exercise.play.decisionsProvince'),
    }),
    bulk.node,
    cardList,
  ]);

  const commit = button(ctx.t('exercise.play.commit'), 'commit', () => c.commitRound(), 'primary');
  const openCount = el('span', { class: 'open-count', role: 'status', 'data-role': 'open-count' });
  const footer = el('div', { class: 'actions play-actions' }, [
    commit,
    openCount,
    button(ctx.t('exercise.play.bookmark'), 'bookmark', () => c.bookmark()),
    button(ctx.t('exercise.play.leave'), 'leave', () => c.leave()),
  ]);

  const levers =
    ex.role === 'centre' && ex.levers.length > 0
      ? leverForm(ex.levers, s.leversInForce(), s.draft().levers, ctx, (v) => c.setLevers(v), c.leverNote)
      : null;
  const centre = el('div', { class: 'play-main' }, [levers?.root ?? null, decisions, footer]);
  const side = el('div', { class: 'play-side' }, [situationPanel(ctx, s, c.lastOutcome), objectivesBox(ctx, ex)]);

  const update = () => {
    notice.textContent = c.notice;
    updateCards();
    bulk.update(String(openYesNo() >= 2));
    levers?.update(s.leversInForce(), s.draft().levers, c.leverNote);
    const open = s.undecided().length;
    commit.disabled = open > 0;
    openCount.textContent = open > 0 ? ctx.t('exercise.play.open', { n: open }) : ctx.t('exercise.play.ready');
  };
  update();
  return {
    heading: h,
    commit,
    nodes: [header, notice, el('div', { class: 'play-grid' }, [centre, side]), glossaryBox(ctx)],
    update,
    tick() {
      const left = c.timer.remaining();
      if (timer && left !== null) timer.textContent = ctx.t('exercise.play.timer', { time: clockText(left) });
    },
  };
}
