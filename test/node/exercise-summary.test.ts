import { describe, expect, it } from 'vitest';
import { loadBundledExercise } from '../../sim/exercise/bundled.ts';
import type { Debrief, MetricRow, ObjectiveResult } from '../../sim/exercise/debrief.ts';
import { decisionImpacts, primaryMetric, type DecisionImpact } from '../../sim/exercise/impact.ts';
import { createExerciseSession, type ExerciseSession } from '../../sim/exercise/session.ts';
import type { DecisionItem, DecisionValue, Exercise } from '../../sim/exercise/types.ts';
import { debriefSummary } from '../../viz/exercise/summary.ts';
import { textContext } from '../../viz/exercise/text.ts';

const centre = loadBundledExercise('coastal-window-strict');

/** An exercise like the bundled centre one with objectives chosen for the test. */
function withObjectives(ex: Exercise, objectives: Exercise['objectives']): Exercise {
  return { ...ex, objectives };
}

const row = (key: string, participant: number, twin: number | null, percentile: number | null): MetricRow => ({
  key,
  scope: 'national',
  metric: key,
  kind: 'level',
  participant,
  twin,
  difference: twin === null ? null : participant - twin,
  percentile,
  model: null,
});

function fakeDebrief(ex: Exercise, objectives: ObjectiveResult[], metrics: MetricRow[]): Debrief {
  return {
    exercise: { id: ex.id, hash: ex.hash, role: ex.role, province: ex.province, seed: ex.seed, rounds: ex.rounds },
    status: 'ok',
    rounds: ex.rounds,
    checksum: 'x',
    replicates: 100,
    objectives,
    metrics,
    timeline: [],
    plane: {
      participant: { coherence: [], innovation: [] },
      twin: null,
      band: { coherence: [], innovation: [] },
      finals: [],
    },
  };
}

const coherenceGoal = {
  metric: 'coherence',
  scope: 'national' as const,
  target: 0.68,
  direction: 'atLeast' as const,
  text: { en: 'Coherence', vi: 'Thống nhất' },
};
const valueGoal = {
  metric: 'value',
  scope: 'national' as const,
  target: 55,
  direction: 'atLeast' as const,
  text: { en: 'Value', vi: 'Giá trị' },
};
const windowsGoal = {
  metric: 'missedWindowShare',
  scope: 'national' as const,
  target: 0.5,
  direction: 'atMost' as const,
  text: { en: 'Windows', vi: 'Cửa sổ' },
};

describe('debriefSummary: the plain-language opening of the debrief', () => {
  const ex = withObjectives(centre, [coherenceGoal, valueGoal, windowsGoal]);
  const d = fakeDebrief(
    ex,
    [
      {
        objective: coherenceGoal,
        key: 'coherence',
        value: 0.7134,
        met: true,
        twinValue: 0.69,
        twinMet: true,
        modelMet: 60,
      },
      { objective: valueGoal, key: 'value', value: 52.345, met: false, twinValue: 56, twinMet: true, modelMet: 70 },
      {
        objective: windowsGoal,
        key: 'missedWindowShare',
        value: 0.25,
        met: true,
        twinValue: 0.5,
        twinMet: true,
        modelMet: 50,
      },
    ],
    [row('coherence', 0.7134, 0.69, 71.5), row('value', 52.345, 56, 3), row('missedWindowShare', 0.25, 0.5, 20)],
  );
  const impacts: DecisionImpact[] = [
    {
      round: 4,
      kind: 'agreement',
      key: 'agreement:17',
      provinceId: 'lao-cai',
      partner: 'maritime',
      value: false,
      metric: 'coherence',
      effect: 0.0123,
    },
    {
      round: 2,
      kind: 'lever',
      key: 'approvalStrictness',
      provinceId: null,
      partner: null,
      value: 0.2,
      metric: 'coherence',
      effect: -0.0061,
    },
    {
      round: 5,
      kind: 'pilot',
      key: 'pilot:12',
      provinceId: 'da-nang',
      partner: null,
      value: true,
      metric: 'coherence',
      effect: 0.00001,
    },
    {
      round: 6,
      kind: 'pilot',
      key: 'pilot:13',
      provinceId: 'da-nang',
      partner: null,
      value: true,
      metric: 'coherence',
      effect: 0.00001,
    },
  ];

  it('says each objective with its value, scale, target and verdict, in English', () => {
    const s = debriefSummary(ex, d, impacts, textContext('en', ex.scenario.data));
    expect(s.objectives).toEqual([
      'Coherence 0.71 (on 0–1), target at least 0.68: met',
      'National value 52.3 (on 0–100), target at least 55: not met',
      `${textContext('en', ex.scenario.data).t('metric.missedWindowShare')} 0.25, target at most 0.5: met`,
    ]);
    expect(s.standing[0]).toBe(
      "Coherence: 0.71 (on 0–1); the model's own policy on the same draws: 0.69; better than 7 in 10 of the model's runs.",
    );
    expect(s.standing[1]).toBe(
      "National value: 52.3 (on 0–100); the model's own policy on the same draws: 56; below nearly all of the model's runs.",
    );
    // At most: a low share is the better one (80 % of the runs lost more).
    expect(s.standing[2]).toMatch(/; better than 8 in 10 of the model's runs\.$/);
    expect(s.decisions).toEqual([
      "Round 4: you rejected Lào Cai's agreement with Maritime neighbours where the model's draw approved it; that choice raised Coherence by 0.012 (good for your objective).",
      'Round 2: you set Approval strictness to 0.2; that choice lowered Coherence by 0.006 (bad for your objective).',
      "Round 5: you approved Đà Nẵng's pilot #12 where the model's draw rejected it; it made no visible difference to Coherence.",
    ]);
  });

  it('says the same in Vietnamese, with the decimal comma', () => {
    const s = debriefSummary(ex, d, impacts, textContext('vi', ex.scenario.data));
    expect(s.objectives[0]).toBe('Mức thống nhất 0,71 (thang 0–1), mục tiêu tối thiểu 0,68: đạt');
    expect(s.objectives[1]).toBe('Giá trị quốc gia 52,3 (thang 0–100), mục tiêu tối thiểu 55: không đạt');
    expect(s.standing[0]).toBe(
      'Mức thống nhất: 0,71 (thang 0–1); chính sách của mô hình trên cùng các lần rút ngẫu nhiên: 0,69; tốt hơn 7 trên 10 lượt chạy của mô hình.',
    );
    expect(s.decisions[1]).toBe(
      'Vòng 2: đồng chí đặt Mức chặt chẽ phê duyệt là 0,2; quyết định đó làm Mức thống nhất giảm 0,006 (bất lợi cho mục tiêu của đồng chí).',
    );
    for (const line of [...s.objectives, ...s.standing, ...s.decisions])
      expect(line).not.toMatch(/\{|exercise\.|approvalStrictness/);
  });

  it('without objectives it speaks of coherence, innovation and national value; before the impacts are in it says so', () => {
    const plain = withObjectives(centre, []);
    const s = debriefSummary(
      plain,
      fakeDebrief(
        plain,
        [],
        [row('coherence', 0.5, 0.5, 100), row('innovation', 0.2, null, null), row('value', 50, 50, 50)],
      ),
      null,
      textContext('en', plain.scenario.data),
    );
    expect(s.objectives).toEqual([]);
    expect(s.standing).toEqual([
      "Coherence: 0.5 (on 0–1); the model's own policy on the same draws: 0.5; better than nearly all of the model's runs.",
      'Innovation: 0.2 (on 0–1).',
      "National value: 50 (on 0–100); the model's own policy on the same draws: 50; better than 5 in 10 of the model's runs.",
    ]);
    expect(s.decisions).toEqual(['Measuring the effect of each choice…']);
    expect(
      debriefSummary(plain, fakeDebrief(plain, [], []), [], textContext('en', plain.scenario.data)).decisions,
    ).toEqual([
      "Every yes/no decision matched the model's own draw and no lever was changed, so there are no choices to rank.",
    ]);
  });
});

type Policy = (item: DecisionItem) => DecisionValue;
function playOut(
  s: ExerciseSession,
  policy: Policy,
  levers?: (round: number) => Record<string, number> | null,
): ExerciseSession {
  while (!s.finished) {
    const lv = levers?.(s.round);
    if (lv) s.setLevers(lv);
    for (let open = s.undecided(); open.length > 0; open = s.undecided()) s.decide(open[0]!.key, policy(open[0]!));
    s.commit();
  }
  return s;
}

describe('decisionImpacts: each choice that differed from the model, replayed on the same draws', () => {
  it('finds nothing to rank when the participant answers as the model would', () => {
    const s = playOut(createExerciseSession(centre), (item) => item.modelChoice);
    expect(decisionImpacts(centre, s.log(), s.trail(), s.run(), 'value')).toEqual([]);
  });

  it('ranks the differing choices by the size of their effect, deterministically, with lever changes', () => {
    const s = playOut(
      createExerciseSession(centre),
      (item) => item.kind !== 'agreement',
      (r) => (r === 2 ? { approvalStrictness: 0.2 } : null),
    );
    const metric = primaryMetric(centre);
    expect(metric).toBe('missedWindowShare');
    const impacts = decisionImpacts(centre, s.log(), s.trail(), s.run(), 'value');
    const differing = s.trail().filter((d) => d.kind !== 'allocate' && d.value !== d.modelChoice).length;
    expect(impacts.length).toBe(Math.min(40, differing + 1));
    expect(
      impacts.some((i) => i.kind === 'lever' && i.key === 'approvalStrictness' && i.round === 2 && i.value === 0.2),
    ).toBe(true);
    for (let i = 1; i < impacts.length; i++)
      expect(Math.abs(impacts[i - 1]!.effect)).toBeGreaterThanOrEqual(Math.abs(impacts[i]!.effect));
    expect(impacts.some((i) => i.effect !== 0)).toBe(true);
    expect(decisionImpacts(centre, s.log(), s.trail(), s.run(), 'value')).toEqual(impacts);
  });

  it("ranks a province leader's allocations that differ from the model's proposal, and says them in words", () => {
    const province = loadBundledExercise('border-shock-lang-son');
    const s = playOut(createExerciseSession(province), (item) =>
      item.kind === 'allocate' ? [60, 25, 15] : item.modelChoice,
    );
    const impacts = decisionImpacts(province, s.log(), s.trail(), s.run(), primaryMetric(province));
    expect(impacts.filter((i) => i.kind === 'allocate').length).toBeGreaterThan(0);
    const first = impacts.find((i) => i.kind === 'allocate')!;
    expect(first.value).toEqual([60, 25, 15]);
    const line = debriefSummary(
      province,
      fakeDebrief(province, [], []),
      [first],
      textContext('en', province.scenario.data),
    ).decisions[0]!;
    expect(line).toMatch(
      new RegExp(
        `^Round ${first.round}: you allocated 60 / 25 / 15 % to agreements, missions and culture where the model proposed \\d+ / \\d+ / \\d+ %; `,
      ),
    );
  });
});
