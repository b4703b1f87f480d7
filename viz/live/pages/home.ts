// The live workshop's home page (create a session or join one), the page shown without a server, and the
// downloaded-session check both offer.
import { el, uid } from '../../dom.ts';
import { replayPanel, replaySession } from '../replayPanel.ts';
import { normaliseCode } from '../route.ts';
import type { LiveUi } from './ui.ts';

export function renderNoServer(ui: LiveUi): void {
  const { c } = ui;
  const ctx = c.ctx;
  ui.root.append(
    ui.heading(ctx.t('live.heading')),
    el('div', { class: 'panel live-noserver', 'data-role': 'no-server' }, [
      el('p', { text: ctx.t('live.noServer') }),
      el('pre', {}, [el('code', { text: 'npx concerto serve' })]),
      el('p', { class: 'help', text: ctx.t('live.noServerSolo') }),
    ]),
    replaySection(ui),
  );
}

/** The downloaded-session check: works with or without the server (the replay runs in this browser). */
export function replaySection(ui: LiveUi): HTMLElement {
  const { c } = ui;
  return replayPanel(c.ctx, c.replay, (f) => {
    c.spawn(
      f.text().then((text) => {
        const replay = replaySession(f.name, text, c.ctx);
        c.replay = replay;
        const ctx = c.ctx;
        ui.announce(
          replay.ok
            ? ctx.t('live.replay.ok', { file: f.name, checksum: replay.checksum, rounds: replay.rounds })
            : ctx.t('live.replay.failed', { file: f.name }),
        );
        ui.render(true);
      }),
    );
  });
}

export function renderHome(ui: LiveUi): void {
  const { c } = ui;
  const ctx = c.ctx;
  if (c.exercises === null && !c.error) c.spawn(c.loadExercises());
  // Join
  const codeId = uid('code');
  const code = el('input', {
    type: 'text',
    id: codeId,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 16,
    'data-control': 'join-code',
    class: 'live-code-input',
  });
  const joinSection = el('section', { class: 'panel live-join', 'aria-labelledby': 'live-join-h' }, [
    el('h2', { id: 'live-join-h', text: ctx.t('live.home.joinHeading') }),
    el('p', { class: 'help', text: ctx.t('live.home.joinHelp') }),
    el('div', { class: 'field' }, [el('label', { for: codeId, text: ctx.t('live.join.code') }), code]),
    ui.button(ctx.t('live.home.joinGo'), 'join-go', () => {
      const joinCode = normaliseCode(code.value);
      if (joinCode) c.go({ page: 'join', code: joinCode });
      else {
        c.error = ctx.t('live.join.needCode');
        ui.render(true);
      }
    }),
  ]);
  // Create
  const list = el('ul', { class: 'exercise-list', 'data-role': 'live-exercises' });
  for (const ex of c.exercises ?? []) {
    const hid = uid('lex');
    list.append(
      el('li', { class: 'panel exercise-item', 'data-exercise': ex.id, 'aria-labelledby': hid }, [
        el('h3', { id: hid, text: ctx.pick(ex.title) }),
        ex.seats.length > 0
          ? el('p', {
              class: 'meta',
              text: ctx.t('live.home.seats', {
                n: ex.seats.length,
                seats: ex.seats.map((s) => c.seatName(s)).join(', '),
              }),
            })
          : null,
        ui.button(ctx.t('live.home.create'), `create-${ex.id}`, () => c.create({ exercise: ex.id }), 'primary'),
      ]),
    );
  }
  const fileId = uid('lfile');
  const file = el('input', {
    type: 'file',
    id: fileId,
    class: 'visually-hidden file-input',
    accept: '.json,application/json',
    'data-control': 'live-exercise-file',
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    c.spawn(
      f.text().then((text) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          c.error = ctx.t('exercise.fileUnreadable', { error: err instanceof Error ? err.message : String(err) });
          ui.render(true);
          return;
        }
        c.create({ exerciseFile: raw });
      }),
    );
  });
  const createSection = el('section', { class: 'panel live-create', 'aria-labelledby': 'live-create-h' }, [
    el('h2', { id: 'live-create-h', text: ctx.t('live.home.createHeading') }),
    el('p', { class: 'help', text: ctx.t('live.home.createHelp') }),
    c.exercises === null ? el('p', { class: 'status', text: ctx.t('live.loading') }) : list,
    el('div', { class: 'file-field' }, [
      file,
      el('label', { for: fileId, class: 'button', text: ctx.t('live.home.upload') }),
    ]),
  ]);
  ui.root.append(
    ui.heading(ctx.t('live.heading')),
    el('p', { class: 'intro', text: ctx.t('live.home.intro') }),
    ...ui.messages(),
    el('div', { class: 'live-home' }, [joinSection, createSection]),
    replaySection(ui),
  );
}
