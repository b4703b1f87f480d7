import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../sim/exercise/timeline.ts';
import { loadBundledExercise } from '../../sim/exercise/bundled.ts';
import { isParticipantLever } from '../../sim/exercise/levers.ts';
import { PROVINCE_METRIC_NAMES } from '../../sim/exercise/provinceMetrics.ts';
import { GOVERNANCE_PARAMS } from '../../sim/model/params.ts';
import glossary from '../../viz/exercise/glossary.json' with { type: 'json' };
import { exercisePlaneSpec } from '../../viz/exercise/planeSpec.ts';
import { EXERCISE_DICTS, textContext } from '../../viz/exercise/text.ts';
import { timelineText } from '../../viz/exercise/timelineText.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('exercise locale files', () => {
  it('exercise.en.json and exercise.vi.json have the same keys and the same placeholders', () => {
    const en = EXERCISE_DICTS.en;
    const vi = EXERCISE_DICTS.vi;
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect(placeholders(vi[k]!), k).toEqual(placeholders(en[k]!));
    for (const k of Object.keys(en)) expect(k.startsWith('exercise.'), k).toBe(true);
  });
  it('every decision code, model choice, lever and province metric has a message', () => {
    const needed = [
      ...[
        'pilot.approved',
        'pilot.rejected',
        'agreement.approved',
        'agreement.rejected',
        'propose.yes',
        'propose.no',
        'allocate',
        'lever',
      ].map((c) => `exercise.tl.decision.${c}`),
      ...['approve', 'reject', 'propose', 'hold'].map((m) => `exercise.tl.model.${m}`),
      ...GOVERNANCE_PARAMS.filter((p) => isParticipantLever(p.name)).map((p) => `exercise.lever.${p.name}`),
      ...PROVINCE_METRIC_NAMES.map((m) => `exercise.pm.${m}`),
      ...['approve', 'reject', 'model'].map((r) => `exercise.rule.${r}`),
    ];
    for (const k of needed) expect(EXERCISE_DICTS.en[k], k).toBeTypeOf('string');
  });
  it('the glossary gives every term and definition in both languages', () => {
    expect(glossary.terms.length).toBeGreaterThanOrEqual(10);
    for (const g of glossary.terms)
      for (const l of ['en', 'vi'] as const) {
        expect(g.term[l].length, g.id).toBeGreaterThan(0);
        expect(g.definition[l].length, g.id).toBeGreaterThan(0);
      }
  });
});

describe('timelineText', () => {
  const ex = loadBundledExercise('city-pilot-da-nang');
  const entries: TimelineEntry[] = [
    {
      round: 3,
      code: 'decision.pilot.rejected',
      kind: 'decision',
      timedOut: true,
      model: 'approve',
      args: { province: 'da-nang', id: 12, risk: 0.05, benefit: 0.02, probability: 0.62 },
      consequences: [
        { round: 3, code: 'fenceBreak', args: { province: 'da-nang', id: 12 } },
        { round: 5, code: 'sanction', args: { province: 'da-nang' } },
      ],
    },
  ];
  it('renders "you rejected Đà Nẵng\'s pilot in round 3" and what followed, in English and Vietnamese', () => {
    const en = timelineText(entries, textContext('en', ex.scenario.data))[0]!;
    expect(en.text).toBe("Round 3: you rejected Đà Nẵng's pilot #12 (assessed risk 0.05, expected gain 0.02).");
    expect(en.notes).toEqual([
      "The model's own policy approves with probability 0.62; on this run's draw it would have approved.",
      '(Decided when the time ran out.)',
    ]);
    expect(en.consequences[0]).toMatch(/^Round 3: Đà Nẵng moves beyond its authority/);
    expect(en.consequences[1]).toBe('Round 5: The centre sanctions Đà Nẵng.');
    const vi = timelineText(entries, textContext('vi', ex.scenario.data))[0]!;
    expect(vi.text).toBe(
      'Vòng 3: đồng chí từ chối thí điểm #12 của Đà Nẵng (rủi ro được đánh giá 0,05, lợi ích kỳ vọng 0,02).',
    );
    expect(vi.consequences[1]).toMatch(/^Vòng 5: /);
  });
  it("a rejection the model's draw also made reads without contradiction: the probability of approval and what the draw did", () => {
    const rejected: TimelineEntry[] = [
      {
        ...entries[0]!,
        code: 'decision.agreement.rejected',
        timedOut: false,
        model: 'reject',
        args: { province: 'da-nang', partner: 'maritime', id: 3, probability: 0.756 },
        consequences: [],
      },
    ];
    const en = timelineText(rejected, textContext('en', ex.scenario.data))[0]!;
    expect(en.notes).toEqual([
      "The model's own policy approves with probability 0.756; on this run's draw it would have rejected.",
    ]);
    const vi = timelineText(rejected, textContext('vi', ex.scenario.data))[0]!;
    expect(vi.notes).toEqual([
      'Chính sách của mô hình phê duyệt với xác suất 0,756; với lần rút ngẫu nhiên của lượt chạy này, mô hình sẽ từ chối.',
    ]);
  });
});

describe('exercisePlaneSpec', () => {
  it('draws the band per cycle as boxes, the median path, and each run with its own colour and dash', () => {
    const s = (low: number, median: number, high: number) => ({ n: 3, low, median, high });
    const spec = exercisePlaneSpec({
      title: 'P',
      xLabel: 'C',
      yLabel: 'I',
      cycleLabel: 'Round',
      bandLabel: 'band',
      medianLabel: 'median',
      finalsLabel: 'finals',
      band: { coherence: [s(0.6, 0.7, 0.8), s(0.65, 0.7, 0.75)], innovation: [s(0.3, 0.4, 0.5), s(0.35, 0.4, 0.45)] },
      finals: [[0.7, 0.4]],
      runs: [
        { label: 'You', coherence: [0.7, 0.72], innovation: [0.4, 0.41] },
        { label: 'Twin', coherence: [0.7, 0.69], innovation: [0.4, 0.39] },
      ],
    });
    expect(spec.boxes).toEqual([
      { cycle: 1, x0: 0.6, x1: 0.8, y0: 0.3, y1: 0.5 },
      { cycle: 2, x0: 0.65, x1: 0.75, y0: 0.35, y1: 0.45 },
    ]);
    expect(spec.median).toEqual([
      [0.7, 0.4],
      [0.7, 0.4],
    ]);
    expect(spec.runs.map((r) => [r.label, r.dash, r.end])).toEqual([
      ['You', '', [0.72, 0.41]],
      ['Twin', '6 3', [0.69, 0.39]],
    ]);
    expect(spec.runs[0]!.color).not.toBe(spec.runs[1]!.color);
    expect(spec.x).toEqual([0.55, 0.85]);
    expect(spec.table.columns).toEqual(['Round', 'You: C', 'You: I', 'Twin: C', 'Twin: I', 'median: C', 'median: I']);
    expect(spec.table.rows[1]).toEqual([2, 0.72, 0.41, 0.69, 0.39, 0.7, 0.4]);
  });
});
