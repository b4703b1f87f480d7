import { el, uid } from '../../dom.ts';
import { button, exerciseMeta, glossaryBox, heading, objectivesBox } from '../parts.ts';
import type { PageDeps, PageView } from './page.ts';

/** The chosen exercise's briefing and objectives, the team's name, and the start. Nothing on it changes. */
export function briefingPage({ c }: PageDeps): PageView {
  const ex = c.exercise!;
  const ctx = c.ctx;
  const teamId = uid('team');
  const team = el('input', {
    type: 'text',
    id: teamId,
    value: c.team,
    maxlength: 80,
    'data-control': 'team',
    autocomplete: 'off',
  });
  team.addEventListener('input', () => c.setTeam(team.value));
  const h = heading(ctx.pick(ex.title));
  return {
    heading: h,
    nodes: [
      h,
      el('p', { class: 'meta', text: exerciseMeta(ctx, ex) }),
      el('section', { class: 'panel briefing', 'aria-labelledby': 'ex-brief-h' }, [
        el('h2', { id: 'ex-brief-h', text: ctx.t('exercise.briefing.heading') }),
        ...ctx
          .pick(ex.briefing)
          .split(/\n+/)
          .map((p) => el('p', { text: p })),
      ]),
      objectivesBox(ctx, ex),
      el('div', { class: 'panel field' }, [
        el('label', { for: teamId, text: ctx.t('exercise.briefing.team') }),
        team,
        el('p', { class: 'help', text: ctx.t('exercise.briefing.teamHelp') }),
      ]),
      el('div', { class: 'actions' }, [
        button(ctx.t('exercise.briefing.start'), 'start', () => c.start(), 'primary'),
        button(ctx.t('exercise.back'), 'back', () => c.show('choose')),
      ]),
      glossaryBox(ctx),
    ],
    update: () => undefined,
  };
}
