// The Exercise view in real Chromium: a whole exercise played with scripted clicks to its debrief,
// in English (the centre) and Vietnamese (a province); the decision log kept for a reload replays
// to exactly the run shown; resume after a reload; the round timer's rule; the workshop.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../viz/styles.css';
import { loadBundledExercise } from '../../sim/exercise/bundled.ts';
import { replayExercise } from '../../sim/exercise/replay.ts';
import { resultFile } from '../../sim/exercise/results.ts';
import { I18n, type Lang } from '../../viz/i18n/index.ts';
import { STORAGE_KEY } from '../../viz/exercise/storage.ts';
import { captureErrors, control, memoryStorage } from './helpers.ts';
import { mountExerciseView, type Clock, type ExerciseViewHandle } from '../../viz/views/exercise.ts';

interface Mounted {
  view: ExerciseViewHandle;
  host: HTMLElement;
  i18n: I18n;
  storage: ReturnType<typeof memoryStorage>;
  errors: string[];
}

const mounted: { view: ExerciseViewHandle; host: HTMLElement; restore: () => void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) {
    m.view.dispose();
    m.host.remove();
    m.restore();
  }
});

async function mount(
  lang: Lang,
  options: { storage?: ReturnType<typeof memoryStorage>; clock?: Clock; replicates?: number } = {},
): Promise<Mounted> {
  await page.viewport(1300, 1000);
  const { errors, restore } = captureErrors();
  const host = document.createElement('div');
  host.className = 'concerto';
  document.body.appendChild(host);
  const i18n = new I18n(lang, null);
  const storage = options.storage ?? memoryStorage();
  const view = mountExerciseView(host, {
    i18n,
    storage,
    replicates: options.replicates ?? 40,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  mounted.push({
    view,
    host,
    restore,
  });
  return { view, host, i18n, storage, errors };
}

/** Answer the first open card; returns false when none is open. Centre: approve agreements, reject every other pilot. */
function answerOne(host: HTMLElement, n: number): boolean {
  const card = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]');
  if (!card) return false;
  const kind = card.dataset.kind;
  if (kind === 'allocate') {
    const set = (way: string, v: number) => {
      const input = control<HTMLInputElement>(card, `alloc-${way}`);
      input.value = String(v);
    };
    set('agreements', 60);
    set('missions', 25);
    set('culture', 15);
    control(card, 'alloc-confirm').click();
  } else if (kind === 'propose') control(card, n % 2 === 0 ? 'approve' : 'reject').click();
  else if (kind === 'agreement') control(card, 'approve').click();
  else control(card, n % 2 === 0 ? 'reject' : 'approve').click();
  return true;
}

/** Play every round with scripted clicks; in round 2 the centre raises monitoring. */
async function playToDebrief(m: Mounted): Promise<void> {
  let n = 0;
  for (let guard = 0; guard < 60 && m.view.page === 'play'; guard++) {
    const round = m.view.session()!.round;
    if (round === 2 && m.host.querySelector('[data-control="lever-monitoring"]')) {
      control<HTMLInputElement>(m.host, 'lever-monitoring').value = '0.55';
      control(m.host, 'levers-apply').click();
    }
    while (answerOne(m.host, n)) n++;
    expect(control<HTMLButtonElement>(m.host, 'commit').disabled).toBe(false);
    control(m.host, 'commit').click();
  }
  expect(m.view.page).toBe('debrief');
  await m.view.whenIdle();
  await new Promise((r) => setTimeout(r, 0));
}

describe('Exercise view', () => {
  it('plays the coastal window exercise (centre) in English to a debrief whose decision log replays to the same checksum', async () => {
    const m = await mount('en');
    const { host, view } = m;
    expect(view.page).toBe('choose');
    expect(host.querySelectorAll('[data-role="exercises"] > li')).toHaveLength(3);
    control(host, 'open-coastal-window-strict').click();
    expect(view.page).toBe('briefing');
    expect(host.querySelector('h1')!.textContent).toBe('A maritime window under strict approval');
    const team = control<HTMLInputElement>(host, 'team');
    team.value = 'Team <b>A</b>';
    team.dispatchEvent(new Event('input'));
    control(host, 'start').click();
    expect(view.page).toBe('play');
    expect(document.activeElement).toBe(host.querySelector('h1'));

    // Keyboard: Tab to the first card's choices and choose with the arrow keys (native radios).
    const first = host.querySelector<HTMLInputElement>('fieldset.card input[data-control="approve"]')!;
    first.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(host.querySelector('fieldset.card')!.getAttribute('data-decided')).toBe('true');
    // The card is updated in place: the keyboard stays on the choice just made, in the same card.
    const reject = host.querySelector<HTMLInputElement>('fieldset.card input[data-control="reject"]')!;
    expect(reject.checked).toBe(true);
    expect(document.activeElement).toBe(reject);
    expect(host.querySelectorAll('fieldset.card legend').length).toBeGreaterThan(0);

    await playToDebrief(m);
    const d = view.debrief();
    expect(d).not.toBeNull();
    expect(d!.replicates).toBe(40);
    // Team names are text, never HTML.
    expect(host.querySelector('b')).toBeNull();
    expect(host.querySelector('[data-role="checksum"]')!.textContent).toContain('Team <b>A</b>');

    // The log kept for a reload replays to exactly the run shown.
    const saved = JSON.parse(m.storage.getItem(STORAGE_KEY)!);
    const ex = loadBundledExercise('coastal-window-strict');
    const replay = replayExercise(ex, saved.save.log);
    const checksum = host.querySelector<HTMLElement>('[data-role="checksum"]')!.dataset.checksum;
    expect(replay.checksum).toBe(checksum);
    expect(saved.save.log.rounds[1].levers).toEqual({ monitoring: 0.55 });
    expect(replay.record.final.coherence).toBe(d!.metrics.find((r) => r.key === 'coherence')!.participant);

    // Debrief: objectives, metrics with percentiles, the plane with the twin beside the band, the timeline.
    expect(host.querySelectorAll('table[data-role="objectives"] tbody tr')).toHaveLength(ex.objectives.length);
    const pct = host.querySelector<HTMLElement>(
      'table[data-role="metrics"] tr[data-metric="coherence"] td:nth-child(5)',
    )!;
    expect(Number(pct.dataset.value)).toBeGreaterThanOrEqual(0);
    expect(host.querySelectorAll('figure[data-chart="exercise-plane"] g.run')).toHaveLength(2);
    expect(host.querySelectorAll('figure[data-chart="exercise-plane"] rect.band')).toHaveLength(ex.rounds);
    const timeline = Array.from(host.querySelectorAll('[data-role="timeline"] > li'), (li) => li.textContent ?? '');
    expect(timeline.some((t) => /^Round \d+: you (approved|rejected) .+'s (pilot|agreement)/.test(t))).toBe(true);
    expect(timeline.some((t) => t.includes('you set Monitoring to 0.55 (was 0.3)'))).toBe(true);
    // What if: replay the last round with other choices; both finished runs are compared side by side.
    const sel = control<HTMLSelectElement>(host, 'branch-round');
    sel.value = String(ex.rounds);
    control(host, 'branch').click();
    expect(view.page).toBe('play');
    expect(view.session()!.round).toBe(ex.rounds);
    for (
      let c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]');
      c;
      c = host.querySelector<HTMLElement>('fieldset.card[data-decided="false"]')
    )
      control(c, 'reject').click();
    control(host, 'commit').click();
    await view.whenIdle();
    const compared = host.querySelectorAll('table[data-role="comparison"] tbody tr');
    expect(compared).toHaveLength(2);
    expect(compared[0]!.getAttribute('data-checksum')).toBe(checksum);
    expect(compared[1]!.getAttribute('data-checksum')).toBe(view.session()!.run().checksum);
    // The print stylesheet is in the page.
    const link = document.querySelector<HTMLLinkElement>('link[data-exercise-css]')!;
    expect(link).not.toBeNull();
    expect(
      Array.from(link.sheet?.cssRules ?? []).some((r) => r instanceof CSSMediaRule && r.media.mediaText === 'print'),
    ).toBe(true);
    expect(m.errors).toEqual([]);
  });

  it('plays the border shock exercise (province) in Vietnamese to a debrief; the exported result verifies in a workshop', async () => {
    const m = await mount('vi');
    const { host, view } = m;
    control(host, 'open-border-shock-lang-son').click();
    expect(host.querySelector('h1')!.textContent).toBe('Cú sốc an ninh ở biên giới phía Bắc: Lạng Sơn');
    control(host, 'start').click();
    expect(host.querySelector('fieldset.card[data-kind="allocate"] legend')!.textContent).toBe(
      'Phân bổ nguồn lực của Lạng Sơn',
    );
    await playToDebrief(m);
    expect(host.querySelector('h1')!.textContent).toMatch(/^Tổng kết: /);
    const timeline = Array.from(host.querySelectorAll('[data-role="timeline"] > li'), (li) => li.textContent ?? '');
    expect(timeline.filter((t) => /^Vòng \d+: đồng chí phân bổ 60 \/ 25 \/ 15 %/.test(t))).toHaveLength(10);
    expect(host.querySelector('table[data-role="metrics"] tr[data-metric="province.security"] th')!.textContent).toBe(
      'Lạng Sơn: an ninh',
    );
    const s = view.session()!;
    const ex = loadBundledExercise('border-shock-lang-son');
    const checksum = host.querySelector<HTMLElement>('[data-role="checksum"]')!.dataset.checksum;
    expect(replayExercise(ex, s.log()).checksum).toBe(checksum);

    // Switching language re-renders the same debrief in English.
    m.i18n.set('en');
    expect(host.querySelector('h1')!.textContent).toMatch(/^Debrief: /);
    expect(host.querySelector('table[data-role="metrics"] tr[data-metric="province.security"] th')!.textContent).toBe(
      'Lạng Sơn: security',
    );

    // Workshop: the team's file is verified by replaying it; a tampered one is refused by path.
    const file = resultFile(ex, s.run(), s.log(), 'Nhóm 1');
    const bad = { ...file, team: 'Nhóm 2', checksum: '00000000' };
    control(host, 'leave').click();
    control(host, 'workshop').click();
    const input = control<HTMLInputElement>(host, 'workshop-files');
    const dt = new DataTransfer();
    dt.items.add(new File([JSON.stringify(file)], 'team1.json', { type: 'application/json' }));
    dt.items.add(new File([JSON.stringify(bad)], 'team2.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await view.whenIdle();
    expect(host.querySelector('[data-role="issues"]')!.textContent).toMatch(/team2\.json: checksum: does not match/);
    const rows = host.querySelectorAll('table[data-role="comparison"] tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.getAttribute('data-checksum')).toBe(checksum);
    expect(m.errors).toEqual([]);
  });

  it('a half-played exercise survives a reload: the same round, levers and decisions come back', async () => {
    const storage = memoryStorage();
    const a = await mount('en', { storage });
    control(a.host, 'open-city-pilot-da-nang').click();
    control(a.host, 'start').click();
    for (let r = 0; r < 2; r++) {
      while (answerOne(a.host, r)) {
        /* answer all */
      }
      control(a.host, 'commit').click();
    }
    control<HTMLInputElement>(a.host, 'lever-approvalStrictness').value = '0.2';
    control(a.host, 'levers-apply').click();
    answerOne(a.host, 0);
    const before = a.view.session()!;
    const draft = before.draft();
    expect(draft.levers).toEqual({ approvalStrictness: 0.2 });
    expect(Object.keys(draft.decisions)).toHaveLength(1);
    a.view.dispose();

    const b = await mount('en', { storage });
    expect(b.view.page).toBe('play');
    expect(b.view.session()!.round).toBe(3);
    expect(b.view.session()!.draft()).toEqual(draft);
    expect(b.host.querySelectorAll('fieldset.card[data-decided="true"]')).toHaveLength(1);
    expect(control<HTMLInputElement>(b.host, 'lever-approvalStrictness').value).toBe('0.2');
  });

  it("when a round's time runs out, the file's rule decides what is open and the round is played", async () => {
    let t = 0;
    const ticks: (() => void)[] = [];
    const clock: Clock = {
      now: () => t,
      every: (_ms, f) => {
        ticks.push(f);
        return () => ticks.splice(ticks.indexOf(f), 1);
      },
    };
    const m = await mount('en', { clock });
    control(m.host, 'open-border-shock-lang-son').click();
    control(m.host, 'start').click();
    expect(m.host.querySelector('[data-role="timer"]')!.textContent).toBe('Time left in this round: 2:00');
    t += 121_000;
    for (const f of [...ticks]) f();
    const s = m.view.session()!;
    expect(s.round).toBe(2);
    const first = s.log().rounds[0]!;
    expect(first.timedOut).toEqual(['allocate']);
    expect(m.host.querySelector('[data-role="notice"]')!.textContent).toMatch(
      /Time ran out: 1 undecided item\(s\) decided by the model's own policy/,
    );
  });
});
