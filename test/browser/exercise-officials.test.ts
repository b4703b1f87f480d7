// What an official meets while playing, in real Chromium: levers confirm at once on screen and to a
// screen reader; a round with several requests can be answered in one step; the round's news and
// Explore's event filter speak in plain names in both languages, never registry codes.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../viz/styles.css';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';
import { I18n, type Lang } from '../../viz/i18n/index.ts';
import { mountExerciseView, type ExerciseViewHandle } from '../../viz/views/exercise.ts';
import { captureErrors, control, mountForTest, type Mounted } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

async function mountExercise(lang: Lang): Promise<{ view: ExerciseViewHandle; host: HTMLElement; errors: string[] }> {
  await page.viewport(1300, 1000);
  const { errors, restore } = captureErrors();
  const host = document.createElement('div');
  host.className = 'concerto';
  document.body.appendChild(host);
  const view = mountExerciseView(host, { i18n: new I18n(lang, null), storage: null, replicates: 10 });
  cleanups.push(() => {
    view.dispose();
    host.remove();
    restore();
  });
  return { view, host, errors };
}

/** Registry names of parameters and event codes that must never show as text. */
const CODE_WORDS = [
  ...GOVERNANCE_PARAMS.map((p) => p.name),
  'pilot.approved',
  'pilot.rejected',
  'fenceBreak',
  'setParam',
  'agreement.signed',
  'window.open',
  'scaleUp',
];

describe('Levers and several requests at once', () => {
  for (const lang of ['en', 'vi'] as const) {
    it(`"Apply levers" shows the new value and says so at once; the next round's news names the lever (${lang})`, async () => {
      const { view, host, errors } = await mountExercise(lang);
      control(host, 'open-coastal-window-strict').click();
      control(host, 'start').click();
      const input = control<HTMLInputElement>(host, 'lever-approvalStrictness');
      const inForce = () =>
        host.querySelector('.lever[data-param="approvalStrictness"] [data-role="in-force"]')!.textContent!;
      expect(inForce()).toBe(lang === 'en' ? 'now 0.7 (range 0 to 1)' : 'hiện tại 0,7 (từ 0 đến 1)');
      input.value = '0.2';
      // A person's click: the button takes the focus, and keeps it (the form is updated, not rebuilt).
      await userEvent.click(control(host, 'levers-apply'));
      // Visible at once: the value in force for this round, and a note under the button …
      expect(inForce()).toBe(
        lang === 'en'
          ? 'now 0.2 from this round (was 0.7; range 0 to 1)'
          : 'áp dụng 0,2 từ vòng này (trước đó 0,7; từ 0 đến 1)',
      );
      const note = host.querySelector<HTMLElement>('[data-role="levers-note"]')!;
      const said =
        lang === 'en'
          ? 'Levers applied: Approval strictness 0.2.'
          : 'Đã áp dụng công cụ điều hành: Mức chặt chẽ phê duyệt 0,2.';
      expect(note.textContent).toBe(said);
      expect(note.getBoundingClientRect().height).toBeGreaterThan(0);
      // … and to a screen reader, through a live region that stays in the page across re-rendering.
      const live = host.querySelector<HTMLElement>('[data-role="announce"]')!;
      expect(live.getAttribute('role')).toBe('status');
      expect(live.textContent).toBe(said);
      expect(control<HTMLInputElement>(host, 'lever-approvalStrictness').value).toBe('0.2');
      expect(document.activeElement).toBe(control(host, 'levers-apply'));
      // Applying again without a change says there is none.
      control(host, 'lever-approvalStrictness');
      control<HTMLInputElement>(host, 'lever-approvalStrictness').value = '0.7';
      control(host, 'levers-apply').click();
      expect(host.querySelector('[data-role="levers-note"]')!.textContent).toBe(
        lang === 'en' ? 'No lever changed.' : 'Không công cụ điều hành nào thay đổi.',
      );
      control<HTMLInputElement>(host, 'lever-approvalStrictness').value = '0.2';
      control(host, 'levers-apply').click();

      // Play the round: its news names the lever in words.
      for (
        let c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]');
        c;
        c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]')
      )
        control(c, 'approve').click();
      control(host, 'commit').click();
      expect(view.session()!.round).toBe(2);
      const news = Array.from(host.querySelectorAll('[data-role="news"] li'), (li) => li.textContent!);
      expect(news).toContain(
        lang === 'en' ? 'Approval strictness set to 0.2.' : 'Mức chặt chẽ phê duyệt được đặt thành 0,2.',
      );
      for (const line of news)
        for (const code of CODE_WORDS) expect(line.includes(code), `${code} in "${line}"`).toBe(false);
      expect(errors).toEqual([]);
    });
  }

  it('a decision changes only its own card: the keyboard stays on the choice, a lever value typed but not applied stays, the other cards are the same nodes', async () => {
    const { host, errors } = await mountExercise('en');
    control(host, 'open-coastal-window-strict').click();
    control(host, 'start').click();
    const cards = Array.from(host.querySelectorAll<HTMLElement>('fieldset.card'));
    expect(cards.length).toBeGreaterThanOrEqual(2);
    const lever = control<HTMLInputElement>(host, 'lever-approvalStrictness');
    lever.value = '0.35';
    const approve = cards[0]!.querySelector<HTMLInputElement>('input[data-control="approve"]')!;
    await userEvent.click(approve);
    expect(cards[0]!.getAttribute('data-decided')).toBe('true');
    expect(document.activeElement).toBe(approve);
    expect(control<HTMLInputElement>(host, 'lever-approvalStrictness')).toBe(lever);
    expect(lever.value).toBe('0.35');
    expect(Array.from(host.querySelectorAll<HTMLElement>('fieldset.card'))).toEqual(cards);
    expect(cards[1]!.getAttribute('data-decided')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('a round with several open requests offers "approve all" and "reject all", which answer every one and say so', async () => {
    const { view, host, errors } = await mountExercise('en');
    control(host, 'open-coastal-window-strict').click();
    control(host, 'start').click();
    // Loose approval brings many requests to the centre at once.
    control<HTMLInputElement>(host, 'lever-approvalStrictness').value = '0';
    control(host, 'levers-apply').click();
    let seen = 0;
    for (let guard = 0; guard < 10 && view.page === 'play'; guard++) {
      const s = view.session()!;
      const open = s.undecided().filter((i) => i.kind === 'pilot' || i.kind === 'agreement').length;
      const bulk = host.querySelector('[data-role="bulk"]');
      expect(bulk !== null, `round ${s.round}: ${open} open`).toBe(open >= 2);
      if (bulk) {
        seen++;
        const approve = seen % 2 === 1;
        control(host, approve ? 'approve-all' : 'reject-all').click();
        const items = s.items().filter((i) => i.kind === 'pilot' || i.kind === 'agreement');
        for (const i of items) expect(s.draft().decisions[i.key], i.key).toBe(approve);
        expect(
          host.querySelectorAll(
            'fieldset.card[data-kind="pilot"][data-decided="false"], fieldset.card[data-kind="agreement"][data-decided="false"]',
          ),
        ).toHaveLength(0);
        const said = `${open} open items ${approve ? 'approved' : 'rejected'}.`;
        expect(host.querySelector('[data-role="notice"]')!.textContent).toBe(said);
        expect(host.querySelector('[data-role="announce"]')!.textContent).toBe(said);
        expect(host.querySelector('[data-role="bulk"]')).toBeNull();
        expect(document.activeElement).toBe(control(host, 'commit'));
      }
      for (
        let c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]');
        c;
        c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]')
      )
        control(c, 'reject').click();
      control(host, 'commit').click();
    }
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});

describe("Explore's event filter in plain names", () => {
  let m: Mounted | null = null;
  afterEach(() => {
    m?.unmount();
    m = null;
  });
  for (const lang of ['en', 'vi'] as const) {
    it(`lists kinds of event by name, never by code (${lang})`, async () => {
      m = await mountForTest({ hash: '#/explore?s=stylized-12&reps=2&cycles=40', languages: [lang] });
      await m.app.whenIdle();
      control(m.host, 'end').click();
      await m.app.whenIdle();
      const select = control<HTMLSelectElement>(m.host, 'log-filter');
      const options = Array.from(select.options).filter((o) => o.value !== '');
      expect(options.length).toBeGreaterThan(3);
      for (const o of options) {
        expect(o.textContent, o.value).not.toBe(o.value);
        expect(o.textContent!.length).toBeGreaterThan(2);
      }
      const approved = options.find((o) => o.value === 'pilot.approved');
      if (approved) expect(approved.textContent).toBe(lang === 'en' ? 'Pilot approved' : 'Thí điểm được phê duyệt');
      // Sorted by name in the language.
      const names = options.map((o) => o.textContent!);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, lang)));
      // The log itself: no registry code as text.
      const log = m.host.querySelector('[data-role="log"]')!.textContent!;
      for (const code of CODE_WORDS.filter((c) => c.length > 5)) expect(log.includes(code), code).toBe(false);
      expect(m.errors).toEqual([]);
    });
  }
});

describe('Presentation mode', () => {
  let m: Mounted | null = null;
  afterEach(() => {
    m?.unmount();
    m = null;
  });
  for (const view of ['compare', 'explore'] as const) {
    it(`Esc leaves presentation mode in ${view === 'compare' ? 'Compare' : 'Explore'}`, async () => {
      m = await mountForTest({
        hash:
          view === 'compare'
            ? '#/compare?seed=3&reps=2&cycles=10&a=controlled-autonomy&b=devolved'
            : '#/explore?s=stylized-12&reps=2&cycles=10',
      });
      await m.app.whenIdle();
      expect(m.app.view).toBe(view);
      const present = control<HTMLButtonElement>(m.host, 'present');
      present.click();
      expect(m.host.classList.contains('present')).toBe(true);
      expect(present.getAttribute('aria-pressed')).toBe('true');
      // From wherever the keyboard is in the page.
      m.host
        .querySelector<HTMLElement>(
          `section.view[data-view="${view}"] button, section.view[data-view="${view}"] select`,
        )
        ?.focus();
      await userEvent.keyboard('{Escape}');
      expect(m.host.classList.contains('present')).toBe(false);
      expect(document.documentElement.classList.contains('present')).toBe(false);
      expect(present.getAttribute('aria-pressed')).toBe('false');
      expect(document.activeElement).toBe(present);
      // Esc outside presentation mode changes nothing.
      await userEvent.keyboard('{Escape}');
      expect(m.host.classList.contains('present')).toBe(false);
      // A control that keeps Esc for itself (calls preventDefault) keeps presentation mode on.
      present.click();
      const keep = (e: KeyboardEvent) => {
        if (e.key === 'Escape') e.preventDefault();
      };
      document.body.addEventListener('keydown', keep, { capture: true });
      await userEvent.keyboard('{Escape}');
      document.body.removeEventListener('keydown', keep, { capture: true });
      expect(m.host.classList.contains('present')).toBe(true);
      await userEvent.keyboard('{Escape}');
      expect(m.host.classList.contains('present')).toBe(false);
      expect(m.errors).toEqual([]);
    });
  }
});
