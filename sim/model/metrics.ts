import type { MetricSpec } from '../engine/model.ts';

type M = Omit<MetricSpec, 'description'> & { en: string; vi: string };
/** A registry entry whose name and kind keep their literal types (see `MetricName`, `CountName`). */
function m<const N extends string, const K extends MetricSpec['kind']>(
  spec: M & { name: N; kind: K },
): MetricSpec & { name: N; kind: K } {
  const { en, vi, ...rest } = spec;
  return { ...rest, description: { en, vi } };
}

/**
 * The governance model's outputs, in the order `observe` returns them. Names are a contract
 * (CSV columns, experiment files). Levels are recorded every cycle; counts are per cycle.
 */
export const GOVERNANCE_METRICS = [
  m({
    name: 'coherence',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'coherence',
    en: 'Coherence C in [0, 1] = .5 alignment + .25 goal agreement + .25 compliance. 1 = every province runs the line, shares the national goals and acts within its authority; 0.5 = programmes half as far from the line as random ones, or half the provinces outside their authority.',
    vi: 'Mức thống nhất C trong [0, 1] = .5 đồng bộ + .25 đồng thuận mục tiêu + .25 tuân thủ. 1 = mọi địa phương theo đường lối, chung mục tiêu quốc gia và hành động trong thẩm quyền.',
  }),
  m({
    name: 'innovation',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'innovation',
    en: 'Innovation I in [0, 1]: mean of diversity (scaled by .5) and the discovery rate (scaled by .05). 0 = every province runs the same programme and nothing new is found; 1 = programmes as different as random ones and a discovery in one province of twenty each cycle.',
    vi: 'Mức đổi mới I trong [0, 1]: trung bình của mức đa dạng và tốc độ khám phá. 0 = mọi địa phương cùng một chương trình và không có gì mới; 1 = chương trình khác nhau như ngẫu nhiên và cứ hai mươi địa phương có một khám phá mỗi chu kỳ.',
  }),
  m({
    name: 'alignment',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'coherence',
    en: 'Alignment: 1 − mean distance of programmes from the line (relative to half the changeable features).',
    vi: 'Mức đồng bộ với đường lối.',
  }),
  m({
    name: 'goalAgreement',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'coherence',
    en: 'Goal agreement: mean of max(0, 1 − angle(provincial goals, national goals)/30°).',
    vi: 'Mức đồng thuận mục tiêu giữa địa phương và quốc gia.',
  }),
  m({
    name: 'compliance',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'coherence',
    en: 'Compliance: share of provinces acting within authority (in their zone, an approved programme or an approved pilot).',
    vi: 'Tỷ lệ địa phương hành động trong phạm vi được phép.',
  }),
  m({
    name: 'diversity',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'innovation',
    en: 'Diversity: mean pairwise distance of programmes over the changeable features.',
    vi: 'Mức đa dạng của các chương trình địa phương.',
  }),
  m({
    name: 'discoveryRate',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'innovation',
    en: "Discoveries per province this cycle: first-ever programmes clearly better than both the line and the province's recent best.",
    vi: 'Số khám phá trên mỗi địa phương trong chu kỳ.',
  }),
  m({
    name: 'adoption',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'innovation',
    en: "Adoption: share of the last 10 cycles' discoveries whose improving features entered the line (carried forward when there were none); not part of innovation since 2.0.0.",
    vi: 'Tỷ lệ khám phá được đưa vào đường lối.',
  }),
  m({
    name: 'security',
    kind: 'level',
    min: 0,
    max: 100,
    group: 'ends',
    en: "National security S, index 0–100 of the provinces' security output after incidents. 0 = none; 50 = as much per province as the reference province (docs/ODD.md §7); 75 = three times it; 25 = a third of it.",
    vi: 'An ninh quốc gia S, chỉ số 0–100 (sau sự cố). 0 = không có; 50 = bằng địa phương tham chiếu; 75 = gấp ba; 25 = một phần ba.',
  }),
  m({
    name: 'development',
    kind: 'level',
    min: 0,
    max: 100,
    group: 'ends',
    en: "National development D, index 0–100 of the provinces' development output. 0 = none; 50 = as much per province as the reference province (docs/ODD.md §7); 75 = three times it; 25 = a third of it.",
    vi: 'Phát triển quốc gia D, chỉ số 0–100. 0 = không có; 50 = bằng địa phương tham chiếu; 75 = gấp ba; 25 = một phần ba.',
  }),
  m({
    name: 'prestige',
    kind: 'level',
    min: 0,
    max: 100,
    group: 'ends',
    en: "National prestige P, index 0–100 of the provinces' prestige output, which needs a unified voice (scaled by 0.5 + 0.5·coherence). 0 = none; 50 = as much per province as the reference province (docs/ODD.md §7); 75 = three times it; 25 = a third of it.",
    vi: 'Uy tín quốc gia P, chỉ số 0–100 (cần tiếng nói thống nhất: nhân với 0,5 + 0,5·mức thống nhất). 0 = không có; 50 = bằng địa phương tham chiếu; 75 = gấp ba; 25 = một phần ba.',
  }),
  m({
    name: 'value',
    kind: 'level',
    min: 0,
    max: 100,
    group: 'ends',
    en: "National value V = G*·(S, D, P), 0–100: the three indices weighted by the national goals (security .3, development .5, prestige .2 unless a plan or event shifts them). 50 = the reference province's level on every end.",
    vi: 'Giá trị quốc gia V = G*·(S, D, P), 0–100: ba chỉ số theo trọng số mục tiêu quốc gia. 50 = mức của địa phương tham chiếu.',
  }),
  m({
    name: 'lineQuality',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'centre',
    en: 'Quality of the line(s): mean over types of the national and type components of effectiveness.',
    vi: 'Chất lượng đường lối.',
  }),
  m({
    name: 'autonomyEffective',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'centre',
    en: 'Autonomy in force this cycle (moves under steering).',
    vi: 'Mức tự chủ đang áp dụng (thay đổi khi điều tiết).',
  }),
  m({
    name: 'monitoringEffective',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'centre',
    en: 'Monitoring in force this cycle (moves under steering).',
    vi: 'Mức giám sát đang áp dụng.',
  }),
  m({
    name: 'capacity',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'provinces',
    en: 'Mean provincial capacity H.',
    vi: 'Năng lực trung bình của địa phương H.',
  }),
  m({
    name: 'trust',
    kind: 'level',
    min: 0.3,
    max: 1.5,
    group: 'provinces',
    en: 'Mean central trust in provinces ψ.',
    vi: 'Mức tín nhiệm trung bình ψ.',
  }),
  m({
    name: 'threat',
    kind: 'level',
    min: 0,
    group: 'environment',
    en: 'Mean threat over province types.',
    vi: 'Mức đe dọa trung bình.',
  }),
  m({
    name: 'pilotsProposed',
    kind: 'count',
    min: 0,
    group: 'pilots',
    en: 'Pilot proposals made.',
    vi: 'Số đề xuất thí điểm.',
  }),
  m({
    name: 'pilotsTested',
    kind: 'count',
    min: 0,
    group: 'pilots',
    en: 'Pilot proposals tested by Track 2.',
    vi: 'Số đề xuất được Kênh 2 thử nghiệm.',
  }),
  m({
    name: 'pilotsApproved',
    kind: 'count',
    min: 0,
    group: 'pilots',
    en: 'Pilots approved.',
    vi: 'Số thí điểm được phê duyệt.',
  }),
  m({
    name: 'pilotsSucceeded',
    kind: 'count',
    min: 0,
    group: 'pilots',
    en: 'Pilots evaluated as successful.',
    vi: 'Số thí điểm thành công.',
  }),
  m({
    name: 'scaleUps',
    kind: 'count',
    min: 0,
    group: 'scaleUps',
    en: 'Line revisions that scaled up a programme.',
    vi: 'Số lần nhân rộng vào đường lối.',
  }),
  m({
    name: 'scaleUpsPilot',
    kind: 'count',
    min: 0,
    group: 'scaleUps',
    en: 'Scale-ups whose winning evidence came from pilots.',
    vi: 'Nhân rộng từ thí điểm.',
  }),
  m({
    name: 'scaleUpsLocal',
    kind: 'count',
    min: 0,
    group: 'scaleUps',
    en: 'Scale-ups from routine local reports.',
    vi: 'Nhân rộng từ báo cáo thường kỳ.',
  }),
  m({
    name: 'scaleUpsTrack2',
    kind: 'count',
    min: 0,
    group: 'scaleUps',
    en: 'Scale-ups from Track 2 tests and ideas.',
    vi: 'Nhân rộng từ Kênh 2.',
  }),
  m({
    name: 'scaleUpsLegitimized',
    kind: 'count',
    min: 0,
    group: 'scaleUps',
    en: 'Scale-ups from legitimised fence-breaking.',
    vi: 'Nhân rộng từ "xé rào" được hợp thức hóa.',
  }),
  m({ name: 'incidents', kind: 'count', min: 0, group: 'incidents', en: 'Incidents.', vi: 'Số sự cố.' }),
  m({ name: 'inspections', kind: 'count', min: 0, group: 'incidents', en: 'Inspections.', vi: 'Số lần thanh tra.' }),
  m({ name: 'sanctions', kind: 'count', min: 0, group: 'incidents', en: 'Sanctions.', vi: 'Số lần xử lý vi phạm.' }),
  m({
    name: 'fenceBreaks',
    kind: 'count',
    min: 0,
    group: 'incidents',
    en: 'Moves beyond authority ("fence-breaking").',
    vi: 'Số lần "xé rào".',
  }),
  m({
    name: 'legitimizations',
    kind: 'count',
    min: 0,
    group: 'incidents',
    en: 'Fence-breaks legitimised as pilots.',
    vi: 'Số lần hợp thức hóa.',
  }),
  m({
    name: 'agreementsRequested',
    kind: 'count',
    min: 0,
    group: 'agreements',
    en: 'Agreement requests.',
    vi: 'Số đề nghị thỏa thuận.',
  }),
  m({
    name: 'agreementsApproved',
    kind: 'count',
    min: 0,
    group: 'agreements',
    en: 'Agreements approved.',
    vi: 'Số thỏa thuận được phê duyệt.',
  }),
  m({
    name: 'windowRequests',
    kind: 'count',
    min: 0,
    group: 'agreements',
    en: "Agreement requests made while the partner's window was open.",
    vi: 'Số đề nghị trong thời gian cửa sổ cơ hội mở.',
  }),
  m({
    name: 'missedWindows',
    kind: 'count',
    min: 0,
    group: 'agreements',
    en: 'In-window requests not approved before the window closed (rejected or late).',
    vi: 'Số cơ hội bị bỏ lỡ.',
  }),
  m({ name: 'discoveries', kind: 'count', min: 0, group: 'innovation', en: 'Discoveries.', vi: 'Số khám phá.' }),
  m({
    name: 'shocks',
    kind: 'count',
    min: 0,
    group: 'environment',
    en: 'External shocks.',
    vi: 'Số cú sốc bên ngoài.',
  }),
  m({
    name: 'windowsOpened',
    kind: 'count',
    min: 0,
    group: 'environment',
    en: 'Opportunity windows opened.',
    vi: 'Số cửa sổ cơ hội mở ra.',
  }),
  m({
    name: 'earlyWarnings',
    kind: 'count',
    min: 0,
    group: 'track2',
    en: 'Events Track 2 identified early.',
    vi: 'Số sự kiện Kênh 2 phát hiện sớm.',
  }),
] as const satisfies readonly MetricSpec[];

type GovernanceMetric = (typeof GOVERNANCE_METRICS)[number];

/** Every metric's name: a metric observed under a misspelt name is a compile error. */
export type MetricName = GovernanceMetric['name'];
/** Metrics observed as a level each cycle (`observeWorld` computes them). */
export type LevelName = Extract<GovernanceMetric, { kind: 'level' }>['name'];
/** Metrics counted per cycle (the world's `counts` accumulator, indexed through `C`). */
export type CountName = Extract<GovernanceMetric, { kind: 'count' }>['name'];

export const METRIC_INDEX: Record<string, number> = Object.fromEntries(GOVERNANCE_METRICS.map((x, i) => [x.name, i]));

/** Position of each metric in an observation (registry order). */
export const M = METRIC_INDEX as Readonly<Record<MetricName, number>>;

/** Index of the first count metric: counts live in a per-cycle accumulator. */
export const FIRST_COUNT = GOVERNANCE_METRICS.findIndex((x) => x.kind === 'count');
export const COUNT_NAMES = GOVERNANCE_METRICS.slice(FIRST_COUNT).map((x) => x.name) as readonly CountName[];
/** Position of each count in the world's `counts` accumulator. */
export const C = Object.fromEntries(COUNT_NAMES.map((name, i) => [name, i])) as Readonly<Record<CountName, number>>;

// Levels come first and counts after them (an observation is levels, then the counts accumulator):
// checked once when the registry loads, so the positions above cannot drift apart.
if (GOVERNANCE_METRICS.some((x, k) => (x.kind === 'count') !== k >= FIRST_COUNT))
  throw new Error('GOVERNANCE_METRICS: every level must come before every count');
