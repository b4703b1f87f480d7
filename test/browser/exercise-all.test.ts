// Every bundled exercise played to its debrief in both languages, in real Chromium, through the app
// (its Exercises tab and language menu) with scripted clicks on the visible controls: the centre
// approves and rejects in turn and moves levers, a province changes its allocation every round and
// proposes or holds back in turn. The debrief (model runs: the default 100, in the app's worker) must
// be wholly in the chosen language, and the exported result's decision log must replay through
// sim/exercise to the checksum the debrief shows.
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_EXERCISES } from '../../sim/exercise/bundled.ts';
import { parseDecisionLog } from '../../sim/exercise/decisionLog.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';
import { replayExercise } from '../../sim/exercise/replay.ts';
import { readResult, RESULT_KIND, type ResultFile } from '../../sim/exercise/results.ts';
import type { Allocation } from '../../sim/exercise/types.ts';
import appEn from '../../viz/i18n/en.json' with { type: 'json' };
import appVi from '../../viz/i18n/vi.json' with { type: 'json' };
import exEn from '../../viz/i18n/exercise.en.json' with { type: 'json' };
import exVi from '../../viz/i18n/exercise.vi.json' with { type: 'json' };
import { numberFormat } from '../../viz/exercise/text.ts';
import { format, type Dict, type Lang } from '../../viz/i18n/index.ts';
import { control, memoryStorage, mountForTest, screenshot, type Mounted } from './helpers.ts';

const DICT: Record<Lang, Dict> = { en: { ...appEn, ...exEn }, vi: { ...appVi, ...exVi } };
/** A message of `lang` straight from its locale files (no fallback to English, unlike the app). */
function msg(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const m = DICT[lang][key];
  if (m === undefined) throw new Error(`no ${lang} message ${key}`);
  return format(m, vars);
}

/** Full-text matchers of the other language's messages that differ from this language's (leaks of a fallback). */
function foreignMatchers(lang: Lang): RegExp[] {
  const other: Lang = lang === 'en' ? 'vi' : 'en';
  const out: RegExp[] = [];
  for (const [key, text] of Object.entries(DICT[other])) {
    if (DICT[lang][key] === text) continue;
    const literal = text.replace(/\{\w+\}/g, '').replace(/[^\p{L}]+/gu, '');
    if (literal.length < 6) continue; // "{province}: {metric}", "—", short words that may be names
    const parts = text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    out.push(new RegExp(`^${parts.join('[\\s\\S]+?')}$`));
  }
  return out;
}

/** Every piece of text a reader (or a screen reader) meets in `root`: text nodes and labelling attributes. */
function texts(root: HTMLElement): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent?.trim();
    if (t) out.push(t);
  }
  for (const e of Array.from(root.querySelectorAll('[aria-label], [title], [placeholder]'))) {
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = e.getAttribute(a)?.trim();
      if (v) out.push(v);
    }
  }
  return out;
}

/** No message key, unfilled placeholder or other-language message shows anywhere in `root`. */
function expectAllTranslated(root: HTMLElement, lang: Lang, where: string): void {
  const foreign = foreignMatchers(lang);
  const bad: string[] = [];
  for (const t of texts(root)) {
    if (/(^|[^\p{L}])(exercise|metric|event|type|nav|status|lang|chart|end)\.[a-z]/iu.test(t)) bad.push(`key: ${t}`);
    else if (/\{[a-zA-Z]+\}/.test(t)) bad.push(`placeholder: ${t}`);
    else if (foreign.some((re) => re.test(t))) bad.push(`other language: ${t}`);
  }
  expect(bad, `${where} (${lang})`).toEqual([]);
}

async function until<T>(f: () => T | null | undefined | false, what: string, ms = 60_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The anchor downloads the app starts, caught before the browser acts on them. */
function catchDownloads(): { files: { name: string; href: string }[]; stop(): void } {
  const files: { name: string; href: string }[] = [];
  const onClick = (e: MouseEvent) => {
    const a = e.target;
    if (a instanceof HTMLAnchorElement && a.hasAttribute('download')) {
      e.preventDefault();
      files.push({ name: a.download, href: a.href });
    }
  };
  document.addEventListener('click', onClick, true);
  return { files, stop: () => document.removeEventListener('click', onClick, true) };
}

/** Allocations the province enters, by round (cycled): a real choice, different every round. */
const ALLOCATIONS: Allocation[] = [
  [60, 25, 15],
  [20, 50, 30],
  [34, 33, 33],
  [70, 10, 20],
  [10, 30, 60],
];
/** The round whose allocation is "Use the model's allocation" (the other button of the card). */
const MODEL_ALLOC_ROUND = 3;

interface Played {
  /** Decisions entered, as the log should hold them: round → key → value. */
  decisions: Map<number, Map<string, boolean | Allocation | 'model'>>;
  levers: Map<number, Record<string, number>>;
  /** Lever values in force before each change, as the lever's box showed them. */
  previous: Map<number, number>;
}

/** Play every round of the exercise on screen through its controls; returns what was entered. */
async function playAll(view: HTMLElement, lang: Lang, rounds: number, role: 'centre' | 'province'): Promise<Played> {
  const played: Played = { decisions: new Map(), levers: new Map(), previous: new Map() };
  let yesNo = 0;
  for (let round = 1; round <= rounds; round++) {
    expect(view.dataset.page).toBe('play');
    expect(view.querySelector('h1')!.textContent).toBe(msg(lang, 'exercise.play.round', { round, rounds }));
    const entered = new Map<string, boolean | Allocation | 'model'>();
    played.decisions.set(round, entered);
    // The centre moves a lever in rounds 2 and 4 (before deciding: levers can change what is due).
    if (role === 'centre' && (round === 2 || round === 4)) {
      const [name, value] = round === 2 ? (['monitoring', 0.55] as const) : (['approvalStrictness', 0.2] as const);
      const input = control<HTMLInputElement>(view, `lever-${name}`);
      played.previous.set(round, Number(input.value));
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      control(view, 'levers-apply').click();
      expect(view.querySelector(`[data-role="levers"] .lever.changed[data-param="${name}"]`)).not.toBeNull();
      played.levers.set(round, { [name]: value });
    }
    for (let guard = 0; guard < 200; guard++) {
      const card = view.querySelector<HTMLElement>('fieldset.card[data-decided="false"]');
      if (!card) break;
      const key = card.dataset.key!;
      if (card.dataset.kind === 'allocate') {
        if (round === MODEL_ALLOC_ROUND) {
          control(card, 'alloc-model').click();
          entered.set(key, 'model');
        } else {
          const a = ALLOCATIONS[(round - 1) % ALLOCATIONS.length]!;
          (['agreements', 'missions', 'culture'] as const).forEach((way, k) => {
            const input = control<HTMLInputElement>(card, `alloc-${way}`);
            input.value = String(a[k]);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          });
          control(card, 'alloc-confirm').click();
          entered.set(key, a);
        }
      } else {
        // Yes/no items (pilots, agreements, proposals): yes and no in turn.
        const yes = yesNo++ % 2 === 0;
        control<HTMLInputElement>(card, yes ? 'approve' : 'reject').click();
        entered.set(key, yes);
      }
      const after = view.querySelector<HTMLElement>(`fieldset.card[data-key="${CSS.escape(key)}"]`)!;
      expect(after.dataset.decided, `${key} in round ${round}`).toBe('true');
    }
    expect(view.querySelector('fieldset.card[data-decided="false"]')).toBeNull();
    expect(view.querySelector('[data-role="open-count"]')!.textContent).toBe(msg(lang, 'exercise.play.ready'));
    expectAllTranslated(view, lang, `play page, round ${round}`);
    const commit = control<HTMLButtonElement>(view, 'commit');
    expect(commit.disabled).toBe(false);
    commit.click();
  }
  return played;
}

const IDS = Object.keys(BUNDLED_EXERCISES);
/** Each play's checksum and exported log, to compare the two languages' plays. */
const checksums = new Map<string, { checksum: string; log: string }>();
const LANGS: Lang[] = ['en', 'vi'];

let m: Mounted | null = null;
let downloads: ReturnType<typeof catchDownloads> | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
  downloads?.stop();
  downloads = null;
});

describe('every bundled exercise, played to its debrief in each language', () => {
  it('there are the three bundled exercises, and each validates', () => {
    expect([...IDS].sort()).toEqual(['border-shock-lang-son', 'city-pilot-da-nang', 'coastal-window-strict']);
    for (const id of IDS) expect(parseExercise(BUNDLED_EXERCISES[id]).id).toBe(id);
  });

  for (const id of IDS) {
    for (const lang of LANGS) {
      it(`${id} in ${lang === 'en' ? 'English' : 'Vietnamese'}`, async () => {
        const t0 = performance.now();
        const ex = parseExercise(BUNDLED_EXERCISES[id]);
        m = await mountForTest({ storage: memoryStorage(), languages: ['en'] });
        const { host } = m;
        // The language through the header's menu, then the Exercises tab.
        const select = control<HTMLSelectElement>(host, 'lang');
        select.value = lang;
        select.dispatchEvent(new Event('change'));
        expect(document.documentElement.lang).toBe(lang);
        host.querySelector<HTMLButtonElement>('nav.views button[data-view="exercise"]')!.click();
        const view = await until(
          () => host.querySelector<HTMLElement>('section.view.exercise[data-page]'),
          'the exercise view',
        );
        expect(view.hidden).toBe(false);
        expect(view.lang).toBe(lang);
        expect(view.querySelector('h1')!.textContent).toBe(msg(lang, 'exercise.choose.heading'));
        expect(view.querySelectorAll('[data-role="exercises"] > li')).toHaveLength(3);
        expectAllTranslated(view, lang, 'choose page');

        // Briefing: the exercise's own text in this language; a team name.
        control(view, `open-${id}`).click();
        expect(view.dataset.page).toBe('briefing');
        expect(view.querySelector('h1')!.textContent).toBe(ex.title[lang]);
        expectAllTranslated(view, lang, 'briefing');
        const team = `Team ${id.slice(0, 4)} ${lang}`;
        const teamInput = control<HTMLInputElement>(view, 'team');
        teamInput.value = team;
        teamInput.dispatchEvent(new Event('input'));
        control(view, 'start').click();

        const played = await playAll(view, lang, ex.rounds, ex.role);
        const tPlay = performance.now();

        // Debrief: the heading at once, the comparison once the model's runs are in.
        expect(view.dataset.page).toBe('debrief');
        expect(view.querySelector('h1')!.textContent).toBe(
          msg(lang, 'exercise.debrief.heading', { title: ex.title[lang] }),
        );
        await until(() => view.querySelector('table[data-role="metrics"]'), "the debrief's model runs");
        const tDebrief = performance.now();

        // The plain-language summary comes first, before any table: each objective met or not, the
        // standing against the model, and the choices that mattered most (filled in once measured).
        const summary = view.querySelector<HTMLElement>('[data-role="summary"]')!;
        expect(summary).not.toBeNull();
        expect(summary.querySelector('h2')!.textContent).toBe(msg(lang, 'exercise.summary.heading'));
        for (const tableNode of view.querySelectorAll('table'))
          expect(summary.compareDocumentPosition(tableNode) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
        const objectiveLines = Array.from(
          summary.querySelectorAll<HTMLElement>('[data-role="summary-objectives"] > li'),
        );
        expect(objectiveLines).toHaveLength(ex.objectives.length);
        for (const li of objectiveLines) {
          const verdict = msg(
            lang,
            li.dataset.met === 'true'
              ? 'exercise.summary.met'
              : li.dataset.met === 'false'
                ? 'exercise.summary.notMet'
                : 'exercise.summary.unmeasured',
          );
          expect(li.textContent!.endsWith(`: ${verdict}`), li.textContent!).toBe(true);
        }
        const standing = Array.from(
          summary.querySelectorAll('[data-role="summary-standing"] > li'),
          (li) => li.textContent!,
        );
        expect(standing.length).toBeGreaterThan(0);
        const runsWords = [
          msg(lang, 'exercise.summary.betterNone'),
          msg(lang, 'exercise.summary.betterAll'),
          msg(lang, 'exercise.summary.betterThan', { n: '§' }).split('§')[0]!,
        ];
        for (const line of standing)
          expect(
            runsWords.some((w) => line.includes(w)),
            line,
          ).toBe(true);
        const measuring = msg(lang, 'exercise.summary.measuring');
        await until(() => {
          const first = summary.querySelector('[data-role="summary-decisions"] > li');
          return first && first.textContent !== measuring ? first : null;
        }, 'the ranked choices');
        const ranked = Array.from(
          summary.querySelectorAll('[data-role="summary-decisions"] > li'),
          (li) => li.textContent!,
        );
        expect(ranked.length).toBeGreaterThanOrEqual(1);
        expect(ranked.length).toBeLessThanOrEqual(3);
        const effectEnds = ['up', 'down', 'none'].map(
          (k) => msg(lang, `exercise.summary.effect.${k}`, { what: '§', metric: '§', size: '§' }).split('§')[1]!,
        );
        for (const line of ranked)
          expect(
            line === msg(lang, 'exercise.summary.noChoices') || effectEnds.some((e) => line.includes(e)),
            line,
          ).toBe(true);
        // This scripted play differs from the model's draws, so there is something to rank.
        expect(ranked[0]).not.toBe(msg(lang, 'exercise.summary.noChoices'));
        await screenshot(`debrief-summary-${id}-${lang}`, summary);
        // The tables come after the chart and the timeline, folded away; printing opens them.
        const folded = view.querySelector<HTMLDetailsElement>('details[data-role="tables"]')!;
        expect(folded.open).toBe(false);
        expect(folded.querySelector('summary')!.textContent).toBe(msg(lang, 'exercise.summary.tables'));
        expect(folded.querySelector('table[data-role="metrics"]')).not.toBeNull();
        expect(
          view.querySelector('[data-role="timeline"]')!.compareDocumentPosition(folded) &
            Node.DOCUMENT_POSITION_FOLLOWING,
        ).toBeTruthy();
        window.dispatchEvent(new Event('beforeprint'));
        expect(folded.open).toBe(true);
        window.dispatchEvent(new Event('afterprint'));
        expect(folded.open).toBe(false);
        expect(document.documentElement.lang).toBe(lang);
        const meta = view.querySelector<HTMLElement>('[data-role="checksum"]')!;
        const checksum = meta.dataset.checksum!;
        expect(checksum).toMatch(/^[0-9a-f]{8}$/);
        expect(meta.textContent).toBe(
          msg(lang, 'exercise.debrief.meta', { team, rounds: ex.rounds, checksum, seed: ex.seed }),
        );
        const h2 = Array.from(view.querySelectorAll('h2'), (h) => h.textContent);
        for (const key of [
          'exercise.debrief.metrics',
          'exercise.debrief.plane',
          'exercise.debrief.timeline',
          'exercise.branch.heading',
        ])
          expect(h2).toContain(msg(lang, key));
        if (ex.objectives.length > 0) {
          expect(h2).toContain(msg(lang, 'exercise.debrief.objectives'));
          const objectives = Array.from(view.querySelectorAll('table[data-role="objectives"] tbody tr'));
          expect(objectives.map((tr) => tr.querySelector('th')!.textContent)).toEqual(
            ex.objectives.map((o) => o.text[lang]),
          );
          const answers = [
            msg(lang, 'exercise.debrief.yes'),
            msg(lang, 'exercise.debrief.no'),
            msg(lang, 'exercise.debrief.unknown'),
          ];
          for (const tr of objectives) expect(answers).toContain(tr.children[2]!.textContent);
        }
        expect(view.textContent).toContain(msg(lang, 'exercise.debrief.metricsHelp', { n: 100 }));

        // Metrics: your value, the twin's, the paired difference, the percentile among the model's 100 runs.
        const table = view.querySelector<HTMLTableElement>('table[data-role="metrics"]')!;
        expect(Array.from(table.querySelectorAll('thead th'), (th) => th.textContent)).toEqual(
          ['metric', 'you', 'twin', 'difference', 'percentile', 'modelRange'].map((k) =>
            msg(lang, `exercise.debrief.${k}`),
          ),
        );
        const rows = Array.from(table.querySelectorAll<HTMLTableRowElement>('tbody tr'));
        expect(rows.length).toBeGreaterThanOrEqual(10);
        let differs = 0;
        for (const tr of rows) {
          const [, you, twin, diff, pct] = Array.from(tr.children) as HTMLElement[];
          const v = Number(you!.dataset.value);
          const tw = Number(twin!.dataset.value);
          const d = Number(diff!.dataset.value);
          expect(Number.isFinite(v) && Number.isFinite(tw), tr.dataset.metric).toBe(true);
          expect(d).toBeCloseTo(v - tw, 9);
          if (d !== 0) differs++;
          // A difference that rounds to nothing reads "0", never "+0" or "-0"; otherwise its sign is shown.
          expect(diff!.textContent, tr.dataset.metric).not.toMatch(/^[+-]0$/);
          if (diff!.textContent !== '0')
            expect(diff!.textContent!.startsWith(d > 0 ? '+' : '-'), tr.dataset.metric).toBe(true);
          const p = Number(pct!.dataset.value);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
          // Numbers are written the language's way (Vietnamese: a decimal comma).
          if (!Number.isInteger(v) && Math.abs(v) < 1000) expect(you!.textContent).toContain(lang === 'vi' ? ',' : '.');
        }
        expect(differs, "the participant's choices changed some final value from the twin's").toBeGreaterThan(0);
        if (ex.province) {
          const name = ex.province === 'lang-son' ? 'Lạng Sơn' : 'Đà Nẵng';
          expect(table.querySelector('tr[data-metric="province.security"] th')!.textContent).toBe(
            msg(lang, 'exercise.provinceMetric', { province: name, metric: msg(lang, 'exercise.pm.security') }),
          );
        }
        // The plane: you and the twin beside the model's band.
        const plane = view.querySelector('figure[data-chart="exercise-plane"]')!;
        expect(plane.querySelectorAll('g.run')).toHaveLength(2);
        expect(plane.querySelectorAll('rect.band')).toHaveLength(ex.rounds);

        // Timeline: every decision entered, in this language, with the model's choice beside yes/no items.
        const lines = Array.from(view.querySelectorAll<HTMLElement>('[data-role="timeline"] > li'));
        const decisionLines = lines.filter((li) => li.classList.contains('tl-decision'));
        const entered = [...played.decisions.values()].reduce((n, r) => n + r.size, 0);
        expect(decisionLines).toHaveLength(entered);
        expect(lines.filter((li) => li.classList.contains('tl-levers'))).toHaveLength(played.levers.size);
        const roundPrefix = (r: number) => msg(lang, 'exercise.tl.round', { round: r, text: '' });
        for (const li of lines)
          expect(li.querySelector('.tl-text')!.textContent!.startsWith(roundPrefix(Number(li.dataset.round)))).toBe(
            true,
          );
        const codes = new Set(decisionLines.map((li) => li.dataset.code));
        if (ex.role === 'centre') {
          expect([...codes].some((c) => c?.endsWith('.approved'))).toBe(true);
          expect([...codes].some((c) => c?.endsWith('.rejected'))).toBe(true);
          expect(
            lines
              .find((li) => li.dataset.code === 'decision.lever' && li.dataset.round === '2')!
              .querySelector('.tl-text')!.textContent,
          ).toBe(
            msg(lang, 'exercise.tl.decision.lever', {
              round: 2,
              param: msg(lang, 'exercise.lever.monitoring'),
              value: numberFormat(lang)(0.55),
              previous: numberFormat(lang)(played.previous.get(2)!),
            }),
          );
        } else {
          expect(codes.has('decision.allocate')).toBe(true);
          const first = decisionLines.find(
            (li) => li.dataset.code === 'decision.allocate' && li.dataset.round === '1',
          )!;
          const [a, b, c] = ALLOCATIONS[0]!;
          expect(
            first.querySelector('.tl-text')!.textContent!.startsWith(
              msg(lang, 'exercise.tl.decision.allocate', {
                round: 1,
                agreements: a,
                missions: b,
                culture: c,
                modelAgreements: '§',
              }).split('§')[0]!,
            ),
          ).toBe(true);
        }
        const modelNotes = new Set(
          ['approve', 'reject', 'propose', 'hold'].map(
            (k) => msg(lang, `exercise.tl.model.${k}`, { probability: '§' }).split('§')[0]!,
          ),
        );
        for (const li of decisionLines.filter((l) => l.dataset.code !== 'decision.allocate')) {
          const note = li.querySelector('.tl-note')?.textContent?.trim() ?? '';
          expect(
            [...modelNotes].some((p) => note.startsWith(p)),
            note,
          ).toBe(true);
        }
        expectAllTranslated(view, lang, 'debrief');

        // Export: the result file the debrief offers, caught on its way to the browser's downloads.
        downloads = catchDownloads();
        control(view, 'export').click();
        expect(downloads.files).toHaveLength(1);
        expect(downloads.files[0]!.name).toBe(`${id}-${team.replace(/ /g, '-')}.json`);
        const file = (await (await fetch(downloads.files[0]!.href)).json()) as ResultFile;
        expect(file.kind).toBe(RESULT_KIND);
        expect(file.team).toBe(team);
        expect(file.checksum).toBe(checksum);
        expect(file.rounds).toBe(ex.rounds);
        expect(file.debrief?.replicates).toBe(100);

        // The exported log holds what was entered on screen …
        const log = parseDecisionLog(file.log, ex);
        expect(log.rounds).toHaveLength(ex.rounds);
        for (const r of log.rounds) {
          expect(r.levers).toEqual(played.levers.get(r.round) ?? {});
          expect(r.timedOut).toEqual([]);
          const want = played.decisions.get(r.round)!;
          expect(Object.keys(r.decisions).sort()).toEqual([...want.keys()].sort());
          for (const [key, v] of want)
            if (v !== 'model') expect(r.decisions[key], `${key} in round ${r.round}`).toEqual(v);
        }
        // … and replays, through sim/exercise, to exactly the run the debrief shows.
        const replay = replayExercise(parseExercise(file.exercise), log);
        expect(replay.checksum).toBe(checksum);
        expect(replay.record.final.coherence).toBe(
          Number(table.querySelector<HTMLElement>('tr[data-metric="coherence"] td')!.dataset.value),
        );
        expect(readResult(file, ex).run.checksum).toBe(checksum);
        // The same log in another language is the same run: the checksum is language-free (checked across the pair below).
        checksums.set(`${id}/${lang}`, { checksum, log: JSON.stringify(file.log) });

        expect(m.errors).toEqual([]);
        console.info(
          `${id} ${lang}: play ${((tPlay - t0) / 1000).toFixed(1)} s, debrief model runs ${((tDebrief - tPlay) / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      });
    }
  }

  it('the same scripted play gives the same decision log and checksum in both languages', () => {
    for (const id of IDS) {
      const en = checksums.get(`${id}/en`);
      const vi = checksums.get(`${id}/vi`);
      expect(en && vi, id).toBeTruthy();
      expect(vi!.log).toBe(en!.log);
      expect(vi!.checksum).toBe(en!.checksum);
    }
  });
});
