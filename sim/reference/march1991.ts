/**
 * March (1991), "Exploration and Exploitation in Organizational Learning", Organization Science
 * 2(1):71–87, doi:10.1287/orsc.2.1.71 — the mutual-learning model, run through Concerto's engine.
 *
 * Reality has m dimensions, each +1 or −1. An organizational code and n individuals hold a belief in
 * {−1, 0, +1} on every dimension: the code starts neutral (all 0), individuals start with 1, 0 or −1
 * with equal probability. Each period individuals are socialized to the code (rate p1) and the code
 * learns from the individuals who know more than it does (rate p2); with turnover (p3) an individual
 * is replaced by a newcomer with fresh random beliefs, and with turbulence (p4) a dimension of reality
 * flips. Socialization rates may be mixed (March's Figures 2–3): the first `fastLearners` individuals
 * are socialized at rate `p1Fast`, the others at `p1` (a rate belongs to the position, so a newcomer
 * takes the rate of the individual it replaces). With fastLearners = 0 (the default) every individual
 * uses p1 and nothing else changes: no draw is added or moved.
 *
 * The text leaves parts of the algorithm open, and replications read it differently. The `reading`
 * parameter selects one (docs/validation.md compares each with March's Figure 1 and gives sources):
 *
 * - `christensen2015` (default): March's original program as described by M. Christensen (2015) and
 *   recreated by M. Workiewicz (github.com/Mac13kW/March_1991_Original, 2019/2023). Individuals *act*:
 *   a belief of 0 acts as a coin flip. The superior group are those whose action score
 *   Σ action·reality beats the code's score Σ code·reality. Socialization is gradual (a belief opposite
 *   the code becomes 0, a 0 becomes the code's value). On each dimension where the strict majority of
 *   the superior group's actions differs from the code, the code takes that value with probability
 *   1 − (1 − p2)^k, k = |#(+1) − #(−1)| among their actions. Both processes start from the state at the
 *   start of the period. Knowledge is the score (#right − #wrong)/m, the quantity the original
 *   program printed (Christensen 2015, via Workiewicz).
 * - `watts2014`: Watts and Gilbert (2014, "Simulating Innovation", ch. 4; NetLogo model built from a
 *   BASIC version, mostly by March, supplied by S. Rodan). Superior group by belief score
 *   Σ belief·reality > Σ code·reality (no coin flips); gradual socialization; gradual code learning
 *   (a code value opposite the majority becomes 0, a 0 becomes the majority value) with probability
 *   1 − (1 − p2)^k, k = |Σ beliefs| of the superior group; simultaneous.
 * - `text1991`: the paper read literally (pp. 74–75 and footnote 1). Superior group by knowledge, the
 *   number of dimensions right; socialization jumps straight to the code's value; the code jumps to the
 *   superior group's dominant non-zero belief with probability 1 − (1 − p2)^k, k = #(superior who
 *   differ from the code) − #(who agree), when k > 0; both from the start-of-period state ("at the same
 *   time").
 * - `text1991-sequential`: as `text1991`, but socialization first and the superior group then
 *   recomputed from the socialized beliefs (an order many re-implementations use).
 *
 * Random streams (each seeded from the run's base seed, replicate and name; docs/formats.md):
 * - `environment`: reality at the start and turbulence;
 * - `individuals`: initial beliefs, coin flips of undecided individuals when they act, socialization;
 * - `code`: the code's learning draws;
 * - `turnover`: who leaves and the newcomers' beliefs.
 * Socialization and code learning draw only where a change is possible (no draw where a belief already
 * equals the code); turbulence and turnover draw nothing when p4 = 0 or p3 = 0. Processes on separate
 * streams keep their draws when another process's parameter moves (common random numbers across p3, p4).
 *
 * Run length (the rule is also in docs/validation.md). The model sets its own horizon
 * H = fixedPeriods when fixedPeriods > 0, else maxPeriods. With fixedPeriods = 0 the run also stops at
 * the first period after which the state is absorbing. The engine's `cycles` is only an outer cap:
 * `defaultCycles` is the largest horizon the registry allows, so a run that does not say `cycles`, or
 * says cycles ≥ H, follows the model's rule; cycles < H truncates the run (its record says how many
 * periods ran). `final` values are those of the last period run.
 *
 * Absorbing state. With p3 = p4 = 0 a state is absorbing when no draw of the next period can change
 * anything: (a) no individual with a positive socialization rate differs from a non-zero code value
 * (where the code is 0 beliefs are never socialized, so individuals may keep any belief there), and
 * (b) the code cannot learn: p2 = 0, or in `watts2014`/`text1991*` (deterministic superior groups) no
 * dimension meets the learning condition, or in `christensen2015` no individual could outscore the code
 * even with every coin flip right (Σ_{b≠0} b·r + #zeros ≤ Σ code·r). "Every individual equals the code
 * on every dimension" is sufficient but not necessary: a dimension where the code stayed 0 and beliefs
 * still differ is absorbing when nobody can outscore the code. The check is exact (when nobody differs
 * from a non-zero code value, anyone who could outscore the code makes a strict majority against it on
 * some dimension possible), with one conservative case: in `christensen2015`, while an individual whose
 * socialization rate is 0 differs from a non-zero code value, a state in which someone could outscore
 * the code but not move it is reported as open (the run then stops at maxPeriods). With p3 > 0 or
 * p4 > 0 nothing is absorbing.
 */
import type { Issue } from '../engine/errors.ts';
import type {
  InitOptions,
  MetricSpec,
  Model,
  ParamSpec,
  Params,
  Scenario,
  ScenarioEvent,
  WorldSnapshot,
} from '../engine/model.ts';
import { restoreStreams, snapshotStreams, type Stream, type Streams } from '../engine/rng.ts';

export const MARCH_READINGS = ['christensen2015', 'watts2014', 'text1991', 'text1991-sequential'] as const;
export type MarchReading = (typeof MARCH_READINGS)[number];

const CHRISTENSEN = 0;
const WATTS = 1;
const TEXT = 2;
const TEXT_SEQUENTIAL = 3;

/** The largest horizon the registry allows; the engine's default `cycles`, so the model's own rule applies. */
export const MARCH_MAX_HORIZON = 100_000;

export const MARCH_STREAMS = ['environment', 'individuals', 'code', 'turnover'] as const;

export interface MarchState {
  readonly m: number;
  readonly n: number;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
  readonly p4: number;
  /** The first fastLearners individuals are socialized at p1Fast, the others at p1. */
  readonly fastLearners: number;
  readonly p1Fast: number;
  /** Index into MARCH_READINGS. */
  readonly reading: number;
  readonly maxPeriods: number;
  readonly fixedPeriods: number;
  /** fixedPeriods when > 0, else maxPeriods. */
  readonly horizon: number;
  /** Reality, ±1 per dimension. */
  readonly reality: Int8Array;
  /** The organizational code, −1/0/+1 per dimension. */
  readonly code: Int8Array;
  /** Beliefs, individual-major: beliefs[i·m + d]. */
  readonly beliefs: Int8Array;
  /** Socialization rate of each individual: p1Fast for the first fastLearners, p1 for the others (or as set by setSocializationRates). */
  readonly rates: Float64Array;
  /** learnP[k] = 1 − (1 − p2)^k, k = 0 … n. */
  readonly learnP: Float64Array;
  // Scratch, rewritten every period (not part of the state proper).
  readonly acts: Int8Array;
  readonly superior: Uint8Array;
  readonly votes: Int32Array;
  readonly nonzero: Int32Array;
  readonly counts: Int32Array;
  readonly obs: number[];
  period: number;
  absorbed: boolean;
  readonly streams: Streams;
  readonly env: Stream;
  readonly ind: Stream;
  readonly cod: Stream;
  readonly tov: Stream;
}

const text = (en: string, vi: string) => ({ en, vi });

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'm',
    kind: 'integer',
    default: 30,
    min: 1,
    max: 1000,
    unit: 'dimensions',
    group: 'world',
    symbol: 'm',
    description: text(
      'Number of dimensions of reality (and of every belief vector).',
      'Số chiều của thực tại (và của mỗi vectơ niềm tin).',
    ),
  },
  {
    name: 'n',
    kind: 'integer',
    default: 50,
    min: 1,
    max: 1000,
    unit: 'individuals',
    group: 'world',
    symbol: 'n',
    description: text('Number of individuals in the organization.', 'Số cá nhân trong tổ chức.'),
  },
  {
    name: 'p1',
    kind: 'real',
    default: 0.1,
    min: 0,
    max: 1,
    unit: 'probability per belief per period',
    group: 'learning',
    symbol: 'p₁',
    lever: true,
    description: text(
      'Socialization rate: the chance each period that a belief differing from a non-zero code value moves toward it.',
      'Tốc độ xã hội hóa: xác suất mỗi kỳ một niềm tin khác với giá trị khác 0 của bộ quy tắc dịch chuyển về phía giá trị đó.',
    ),
  },
  {
    name: 'p2',
    kind: 'real',
    default: 0.5,
    min: 0,
    max: 1,
    unit: 'probability per superior voice per period',
    group: 'learning',
    symbol: 'p₂',
    lever: true,
    description: text(
      "Code learning rate: on a dimension where the superior group's majority differs from the code, the code changes with probability 1 − (1 − p2)^k, k the size of the majority's lead.",
      'Tốc độ học của bộ quy tắc: ở chiều mà đa số nhóm vượt trội khác bộ quy tắc, bộ quy tắc thay đổi với xác suất 1 − (1 − p2)^k, k là mức chênh của đa số.',
    ),
  },
  {
    name: 'fastLearners',
    kind: 'integer',
    default: 0,
    min: 0,
    max: 1000,
    unit: 'individuals',
    group: 'learning',
    symbol: 'n_f',
    description: text(
      "Number of individuals socialized at the rate p1Fast instead of p1 (March's Figures 2–3 mix fast and slow learners); at most n.",
      'Số cá nhân được xã hội hóa với tốc độ p1Fast thay cho p1 (Hình 2–3 của March trộn người học nhanh và người học chậm); không vượt quá n.',
    ),
  },
  {
    name: 'p1Fast',
    kind: 'real',
    default: 0.9,
    min: 0,
    max: 1,
    unit: 'probability per belief per period',
    group: 'learning',
    symbol: 'p₁ᶠ',
    description: text(
      'Socialization rate of the fastLearners individuals (the others use p1).',
      'Tốc độ xã hội hóa của fastLearners cá nhân (những người còn lại dùng p1).',
    ),
    structural: 'acts only when fastLearners > 0',
  },
  {
    name: 'p3',
    kind: 'real',
    default: 0,
    min: 0,
    max: 1,
    unit: 'probability per individual per period',
    group: 'change',
    symbol: 'p₃',
    description: text(
      'Turnover: the chance each period that an individual leaves and is replaced by a newcomer with random beliefs (1, 0 or −1, equally likely).',
      'Luân chuyển nhân sự: xác suất mỗi kỳ một cá nhân rời đi và được thay bằng người mới có niềm tin ngẫu nhiên (1, 0 hoặc −1, đồng khả năng).',
    ),
  },
  {
    name: 'p4',
    kind: 'real',
    default: 0,
    min: 0,
    max: 1,
    unit: 'probability per dimension per period',
    group: 'change',
    symbol: 'p₄',
    description: text(
      'Turbulence: the chance each period that a dimension of reality flips sign.',
      'Biến động môi trường: xác suất mỗi kỳ một chiều của thực tại đổi dấu.',
    ),
  },
  {
    name: 'maxPeriods',
    kind: 'integer',
    default: 10_000,
    min: 1,
    max: MARCH_MAX_HORIZON,
    unit: 'periods',
    group: 'run',
    description: text(
      'Cap on the periods of a run to equilibrium (fixedPeriods = 0); with turnover or turbulence nothing is absorbing and every such run lasts this long.',
      'Giới hạn số kỳ của một lần chạy tới cân bằng (fixedPeriods = 0); khi có luân chuyển hoặc biến động thì không có trạng thái hấp thụ và mỗi lần chạy kéo dài đúng bấy nhiêu kỳ.',
    ),
    structural:
      'binds only when a run has not reached its absorbing state by then (p3 > 0 or p4 > 0, or an unusually slow run); ignored when fixedPeriods > 0',
  },
  {
    name: 'fixedPeriods',
    kind: 'integer',
    default: 0,
    min: 0,
    max: MARCH_MAX_HORIZON,
    unit: 'periods',
    group: 'run',
    description: text(
      '0: run to the absorbing equilibrium (capped by maxPeriods); otherwise run exactly this many periods.',
      '0: chạy tới trạng thái cân bằng hấp thụ (giới hạn bởi maxPeriods); nếu khác 0: chạy đúng bấy nhiêu kỳ.',
    ),
    structural:
      'with p3 = p4 = 0, any value at or beyond the period the run absorbs leaves every final value unchanged (the state no longer moves)',
  },
  {
    name: 'reading',
    kind: 'choice',
    default: 'christensen2015',
    choices: MARCH_READINGS,
    unit: '',
    group: 'run',
    description: text(
      "Algorithmic reading of the parts March's text leaves open (docs/validation.md): christensen2015 = the original program as reconstructed by Christensen (2015); watts2014 = Watts and Gilbert (2014); text1991 = the paper read literally; text1991-sequential = the same with socialization before code learning.",
      'Cách hiểu thuật toán ở những chỗ bài báo của March bỏ ngỏ (docs/validation.md): christensen2015 = chương trình gốc do Christensen (2015) dựng lại; watts2014 = Watts và Gilbert (2014); text1991 = đọc sát văn bản bài báo; text1991-sequential = như trên nhưng xã hội hóa trước khi bộ quy tắc học.',
    ),
  },
];

const METRICS: readonly MetricSpec[] = [
  {
    name: 'codeKnowledge',
    kind: 'level',
    min: -1,
    max: 1,
    group: 'knowledge',
    description: text(
      "Knowledge of the code as plotted in March's Figure 1: (dimensions right − dimensions wrong)/m, neutral dimensions counting 0 (the score March's program printed, Christensen 2015). Equals 2·codeAccuracy − 1 once the code has no neutral dimension.",
      'Tri thức của bộ quy tắc như trong Hình 1 của March: (số chiều đúng − số chiều sai)/m, chiều trung lập tính 0 (điểm số chương trình gốc của March in ra, Christensen 2015). Bằng 2·codeAccuracy − 1 khi bộ quy tắc không còn chiều trung lập.',
    ),
  },
  {
    name: 'codeAccuracy',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'knowledge',
    description: text(
      "Proportion of dimensions on which the code equals reality (the definition in March's text).",
      'Tỉ lệ số chiều mà bộ quy tắc trùng với thực tại (định nghĩa trong văn bản của March).',
    ),
  },
  {
    name: 'individualKnowledge',
    kind: 'level',
    min: -1,
    max: 1,
    group: 'knowledge',
    description: text(
      'Mean individual knowledge on the scale of codeKnowledge: (beliefs right − beliefs wrong)/m averaged over individuals, a belief of 0 counting 0. At the equilibrium it equals codeKnowledge wherever individuals share the code.',
      'Tri thức trung bình của cá nhân, cùng thang với codeKnowledge: (số niềm tin đúng − số niềm tin sai)/m, trung bình theo cá nhân, niềm tin 0 tính 0. Ở trạng thái cân bằng, nó bằng codeKnowledge ở những chỗ cá nhân trùng với bộ quy tắc.',
    ),
  },
  {
    name: 'diversity',
    kind: 'level',
    min: 0,
    max: 1,
    group: 'knowledge',
    description: text(
      'Mean over dimensions of the proportion of pairs of individuals whose beliefs differ (0 = everyone agrees).',
      'Trung bình theo chiều của tỉ lệ các cặp cá nhân có niềm tin khác nhau (0 = mọi người đồng thuận).',
    ),
  },
  {
    name: 'periods',
    kind: 'level',
    min: 0,
    max: MARCH_MAX_HORIZON,
    group: 'run',
    description: text(
      'Periods run so far (at the end: periods to equilibrium, or the horizon).',
      'Số kỳ đã chạy (cuối cùng: số kỳ tới cân bằng, hoặc giới hạn).',
    ),
  },
  {
    name: 'fastKnowledge',
    kind: 'level',
    min: -1,
    max: 1,
    group: 'knowledge',
    description: text(
      'Mean knowledge of the fastLearners individuals (rate p1Fast), on the scale of individualKnowledge; equals individualKnowledge when fastLearners = 0.',
      'Tri thức trung bình của fastLearners cá nhân (tốc độ p1Fast), cùng thang với individualKnowledge; bằng individualKnowledge khi fastLearners = 0.',
    ),
  },
  {
    name: 'slowKnowledge',
    kind: 'level',
    min: -1,
    max: 1,
    group: 'knowledge',
    description: text(
      'Mean knowledge of the other n − fastLearners individuals (rate p1), on the scale of individualKnowledge; equals individualKnowledge when fastLearners = n.',
      'Tri thức trung bình của n − fastLearners cá nhân còn lại (tốc độ p1), cùng thang với individualKnowledge; bằng individualKnowledge khi fastLearners = n.',
    ),
  },
];

/** One uniform ±1. */
function sign1(s: Stream): number {
  return s.next() < 0.5 ? 1 : -1;
}

function makeState(p: ReturnType<typeof readParams>, streams: Streams): MarchState {
  const { m, n } = p;
  const learnP = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) learnP[k] = 1 - Math.pow(1 - p.p2, k);
  const rates = new Float64Array(n).fill(p.p1);
  rates.fill(p.p1Fast, 0, Math.min(n, p.fastLearners));
  return {
    ...p,
    fastLearners: Math.min(n, p.fastLearners),
    horizon: p.fixedPeriods > 0 ? p.fixedPeriods : p.maxPeriods,
    reality: new Int8Array(m),
    code: new Int8Array(m),
    beliefs: new Int8Array(n * m),
    rates,
    learnP,
    acts: new Int8Array(p.reading === CHRISTENSEN ? n * m : 0),
    superior: new Uint8Array(n),
    votes: new Int32Array(m),
    nonzero: new Int32Array(m),
    counts: new Int32Array(3 * m),
    obs: [0, 0, 0, 0, 0, 0, 0],
    period: 0,
    absorbed: false,
    streams,
    env: streams.environment!,
    ind: streams.individuals!,
    cod: streams.code!,
    tov: streams.turnover!,
  };
}

function readParams(params: Params) {
  const reading = MARCH_READINGS.indexOf(params.reading as MarchReading);
  return {
    m: params.m as number,
    n: params.n as number,
    p1: params.p1 as number,
    p2: params.p2 as number,
    p3: params.p3 as number,
    p4: params.p4 as number,
    // Defaults for hand-made parameter objects that predate version 1.1.0 (a parsed scenario has both).
    fastLearners: (params.fastLearners as number | undefined) ?? 0,
    p1Fast: (params.p1Fast as number | undefined) ?? 0.9,
    reading: reading < 0 ? CHRISTENSEN : reading,
    maxPeriods: params.maxPeriods as number,
    fixedPeriods: params.fixedPeriods as number,
  };
}

/** Initial state: reality ±1 (environment), code neutral, beliefs −1/0/+1 equally likely (individuals). */
export function initMarch(params: Params, streams: Streams): MarchState {
  const s = makeState(readParams(params), streams);
  for (let d = 0; d < s.m; d++) s.reality[d] = sign1(s.env);
  for (let j = 0; j < s.beliefs.length; j++) s.beliefs[j] = s.ind.int(3) - 1;
  return s;
}

/**
 * Give individuals their own socialization rates (any mix; the registry's fastLearners and p1Fast
 * cover March's Figures 2–3). Call before the first step; rates are part of the state and of its
 * snapshot. fastKnowledge and slowKnowledge still split individuals at fastLearners.
 */
export function setSocializationRates(state: MarchState, rates: ArrayLike<number>): void {
  if (rates.length !== state.n) throw new Error(`setSocializationRates requires ${state.n} rates, got ${rates.length}`);
  for (let i = 0; i < state.n; i++) {
    const r = rates[i]!;
    if (!(r >= 0 && r <= 1)) throw new Error(`socialization rate ${i} must be in [0, 1], got ${r}`);
    state.rates[i] = r;
  }
}

function codeScore(s: MarchState): number {
  let score = 0;
  for (let d = 0; d < s.m; d++) score += s.code[d]! * s.reality[d]!;
  return score;
}

function codeRight(s: MarchState): number {
  let right = 0;
  for (let d = 0; d < s.m; d++) if (s.code[d] === s.reality[d]) right++;
  return right;
}

/**
 * christensen2015, step 1: every individual acts (a belief of 0 acts as a fair coin), the superior
 * group is those whose action score beats the code's score, and votes[d] = Σ of their actions.
 */
function actAndVote(s: MarchState): void {
  const { m, n, beliefs, acts, reality, superior, votes, ind } = s;
  const cs = codeScore(s);
  votes.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let score = 0;
    for (let d = 0; d < m; d++) {
      const b = beliefs[row + d]!;
      const a = b !== 0 ? b : ind.next() < 0.5 ? 1 : -1;
      acts[row + d] = a;
      score += a * reality[d]!;
    }
    if (score > cs) {
      superior[i] = 1;
      for (let d = 0; d < m; d++) votes[d]! += acts[row + d]!;
    } else superior[i] = 0;
  }
}

/** watts2014: superior by belief score Σ b·r > Σ c·r; votes[d] = Σ of their beliefs. */
function scoreAndVote(s: MarchState): void {
  const { m, n, beliefs, reality, superior, votes } = s;
  const cs = codeScore(s);
  votes.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let score = 0;
    for (let d = 0; d < m; d++) score += beliefs[row + d]! * reality[d]!;
    if (score > cs) {
      superior[i] = 1;
      for (let d = 0; d < m; d++) votes[d]! += beliefs[row + d]!;
    } else superior[i] = 0;
  }
}

/**
 * text1991: superior by knowledge (#dimensions right) > the code's; votes[d] = #(+1) − #(−1) and
 * nonzero[d] = #(+1) + #(−1) among them. Returns the size of the superior group.
 */
function knowAndVote(s: MarchState): number {
  const { m, n, beliefs, reality, superior, votes, nonzero } = s;
  const ck = codeRight(s);
  votes.fill(0);
  nonzero.fill(0);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let right = 0;
    for (let d = 0; d < m; d++) if (beliefs[row + d] === reality[d]) right++;
    if (right > ck) {
      superior[i] = 1;
      size++;
      for (let d = 0; d < m; d++) {
        const b = beliefs[row + d]!;
        votes[d]! += b;
        if (b !== 0) nonzero[d]!++;
      }
    } else superior[i] = 0;
  }
  return size;
}

/** Gradual socialization: where the code is c ≠ 0 and a belief differs, w.p. rate −c → 0 and 0 → c. */
function socializeGradual(s: MarchState): void {
  const { m, n, beliefs, code, rates, ind } = s;
  for (let i = 0; i < n; i++) {
    const rate = rates[i]!;
    const row = i * m;
    for (let d = 0; d < m; d++) {
      const c = code[d]!;
      if (c === 0) continue;
      const b = beliefs[row + d]!;
      if (b !== c && ind.next() < rate) beliefs[row + d] = b + c; // b ∈ {−c, 0} → {0, c}
    }
  }
}

/** Direct socialization (the text): where the code is c ≠ 0 and a belief differs, w.p. rate it becomes c. */
function socializeDirect(s: MarchState): void {
  const { m, n, beliefs, code, rates, ind } = s;
  for (let i = 0; i < n; i++) {
    const rate = rates[i]!;
    const row = i * m;
    for (let d = 0; d < m; d++) {
      const c = code[d]!;
      if (c !== 0 && beliefs[row + d] !== c && ind.next() < rate) beliefs[row + d] = c;
    }
  }
}

/** christensen2015: the code jumps to the strict majority of the votes w.p. 1 − (1 − p2)^|votes|. */
function learnJump(s: MarchState): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    if (code[d] !== target && cod.next() < learnP[v > 0 ? v : -v]!) code[d] = target;
  }
}

/** watts2014: the code moves one step (opposite → 0, 0 → majority) w.p. 1 − (1 − p2)^|votes|. */
function learnGradual(s: MarchState): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    const c = code[d]!;
    if (c !== target && cod.next() < learnP[v > 0 ? v : -v]!) code[d] = c === 0 ? target : 0;
  }
}

/** k of footnote 1: #(superior who differ from the code) − #(who agree), on dimension d. */
function textK(s: MarchState, d: number, size: number): number {
  const v = s.votes[d]!;
  const nz = s.nonzero[d]!;
  const c = s.code[d]!;
  const agree = c === 0 ? size - nz : c > 0 ? (nz + v) / 2 : (nz - v) / 2;
  return size - 2 * agree;
}

/** text1991: the code jumps to the dominant non-zero belief w.p. 1 − (1 − p2)^k when k > 0. */
function learnText(s: MarchState, size: number): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    if (code[d] === target) continue;
    const k = textK(s, d, size);
    if (k > 0 && cod.next() < learnP[k]!) code[d] = target;
  }
}

/** One period: turbulence, turnover, then socialization and code learning in the reading's order. */
export function stepMarch(s: MarchState): void {
  s.period++;
  const { m, n } = s;
  if (s.p4 > 0) {
    for (let d = 0; d < m; d++) if (s.env.next() < s.p4) s.reality[d] = -s.reality[d]!;
  }
  if (s.p3 > 0) {
    for (let i = 0; i < n; i++) {
      if (s.tov.next() < s.p3) {
        const row = i * m;
        for (let d = 0; d < m; d++) s.beliefs[row + d] = s.tov.int(3) - 1;
      }
    }
  }
  switch (s.reading) {
    case CHRISTENSEN:
      actAndVote(s);
      socializeGradual(s);
      learnJump(s);
      break;
    case WATTS:
      scoreAndVote(s);
      socializeGradual(s);
      learnGradual(s);
      break;
    case TEXT: {
      const size = knowAndVote(s);
      socializeDirect(s);
      learnText(s, size);
      break;
    }
    case TEXT_SEQUENTIAL:
      socializeDirect(s);
      learnText(s, knowAndVote(s));
      break;
    default:
      throw new Error(`march1991: unknown reading index ${s.reading}`);
  }
  s.absorbed = s.fixedPeriods === 0 && s.p3 === 0 && s.p4 === 0 && isAbsorbing(s);
}

/** Could the next period's socialization change a belief? */
function canSocialize(s: MarchState): boolean {
  const { m, n, beliefs, code, rates } = s;
  for (let i = 0; i < n; i++) {
    if (rates[i]! <= 0) continue;
    const row = i * m;
    for (let d = 0; d < m; d++) {
      const c = code[d]!;
      if (c !== 0 && beliefs[row + d] !== c) return true;
    }
  }
  return false;
}

/** Could the next period's code learning change the code? (No draw is made.) */
function canLearn(s: MarchState): boolean {
  if (s.p2 <= 0) return false;
  const { m, n, beliefs, reality, code, votes } = s;
  switch (s.reading) {
    case CHRISTENSEN: {
      // Someone outscores the code with positive probability iff their best case does.
      const cs = codeScore(s);
      for (let i = 0; i < n; i++) {
        const row = i * m;
        let best = 0;
        for (let d = 0; d < m; d++) {
          const b = beliefs[row + d]!;
          best += b === 0 ? 1 : b * reality[d]!;
        }
        if (best > cs) return true;
      }
      return false;
    }
    case WATTS: {
      scoreAndVote(s);
      for (let d = 0; d < m; d++) {
        const v = votes[d]!;
        if (v !== 0 && code[d] !== (v > 0 ? 1 : -1)) return true;
      }
      return false;
    }
    default: {
      const size = knowAndVote(s);
      for (let d = 0; d < m; d++) {
        const v = votes[d]!;
        if (v !== 0 && code[d] !== (v > 0 ? 1 : -1) && textK(s, d, size) > 0) return true;
      }
      return false;
    }
  }
}

/** True when no draw of the next period can change the state (p3 = p4 = 0 assumed by the caller). */
export function isAbsorbing(s: MarchState): boolean {
  return !canSocialize(s) && !canLearn(s);
}

/**
 * The period's metric values, in the order of `metrics`. The returned array is reused by the next
 * call (the engine copies the values out).
 */
export function observeMarch(s: MarchState): number[] {
  const { m, n, beliefs, reality, code, counts, obs } = s;
  let score = 0;
  let right = 0;
  for (let d = 0; d < m; d++) {
    const x = code[d]! * reality[d]!;
    score += x;
    if (x > 0) right++;
  }
  // One pass over the beliefs: individual scores (the fast learners' apart) and, per dimension, how
  // many hold −1, 0 and +1.
  counts.fill(0);
  let indScore = 0;
  let fastScore = 0;
  const fastEnd = s.fastLearners * m;
  for (let row = 0; row < beliefs.length; row += m) {
    let rowScore = 0;
    for (let d = 0; d < m; d++) {
      const b = beliefs[row + d]!;
      rowScore += b * reality[d]!;
      counts[3 * d + b + 1]!++;
    }
    indScore += rowScore;
    if (row < fastEnd) fastScore += rowScore;
  }
  // Diversity: per dimension, the share of ordered pairs (i ≠ j) with different beliefs.
  let div = 0;
  if (n > 1) {
    for (let d = 0; d < m; d++) {
      const c0 = counts[3 * d]!;
      const c1 = counts[3 * d + 1]!;
      const c2 = counts[3 * d + 2]!;
      div += (n * n - c0 * c0 - c1 * c1 - c2 * c2) / (n * (n - 1));
    }
    div /= m;
  }
  obs[0] = score / m;
  obs[1] = right / m;
  obs[2] = indScore / (n * m);
  obs[3] = div;
  obs[4] = s.period;
  // Scores are whole numbers, so the sums are exact and individualKnowledge is unchanged by the split.
  const nf = s.fastLearners;
  obs[5] = nf > 0 ? fastScore / (nf * m) : obs[2];
  obs[6] = nf < n ? (indScore - fastScore) / ((n - nf) * m) : obs[2];
  return obs;
}

type MarchParams = ReturnType<typeof readParams>;

interface MarchSnapshotState {
  /** fastLearners and p1Fast are absent from snapshots of version 1.0.0. */
  params: Omit<MarchParams, 'fastLearners' | 'p1Fast'> & Partial<Pick<MarchParams, 'fastLearners' | 'p1Fast'>>;
  period: number;
  absorbed: boolean;
  reality: number[];
  code: number[];
  beliefs: number[];
  rates: number[];
}

export const march1991Model: Model<MarchState> = {
  id: 'march1991',
  version: '1.1.0',
  title: text(
    'March (1991): exploration and exploitation in organizational learning',
    'March (1991): khám phá và khai thác trong học tập tổ chức',
  ),
  params: PARAMS,
  metrics: METRICS,
  streams: MARCH_STREAMS,
  dataKeys: [],
  eventKinds: [],
  finalRule: 'the values at the last period run (the absorbing equilibrium, the horizon, or the cycles cap)',
  defaultCycles: MARCH_MAX_HORIZON,

  validate(data: Record<string, unknown>, events: readonly ScenarioEvent[], params: Params, issues: Issue[]): void {
    for (const key of Object.keys(data))
      issues.push({ path: key, value: data[key], rule: 'the march1991 model takes no scenario data' });
    events.forEach((e, i) =>
      issues.push({ path: `events[${i}]`, value: e, rule: 'the march1991 model takes no events' }),
    );
    const nf = params.fastLearners as number;
    const n = params.n as number;
    if (nf > n) issues.push({ path: 'params.fastLearners', value: nf, rule: `must be ≤ n (n is ${n})` });
  },

  init(scenario: Scenario, streams: Streams, _options: InitOptions<unknown>): MarchState {
    return initMarch(scenario.params, streams);
  },

  step: stepMarch,
  observe: observeMarch,

  done(s: MarchState): boolean {
    return s.absorbed || s.period >= s.horizon;
  },

  final(series: Record<string, number[]>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const metric of METRICS) {
      const xs = series[metric.name]!;
      out[metric.name] = xs.length > 0 ? xs[xs.length - 1]! : Number.NaN;
    }
    return out;
  },

  detail(s: MarchState): Record<string, unknown> {
    return { reality: Array.from(s.reality), code: Array.from(s.code), rates: Array.from(s.rates) };
  },

  snapshot(s: MarchState): WorldSnapshot {
    const state: MarchSnapshotState = {
      params: {
        m: s.m,
        n: s.n,
        p1: s.p1,
        p2: s.p2,
        p3: s.p3,
        p4: s.p4,
        fastLearners: s.fastLearners,
        p1Fast: s.p1Fast,
        reading: s.reading,
        maxPeriods: s.maxPeriods,
        fixedPeriods: s.fixedPeriods,
      },
      period: s.period,
      absorbed: s.absorbed,
      reality: Array.from(s.reality),
      code: Array.from(s.code),
      beliefs: Array.from(s.beliefs),
      rates: Array.from(s.rates),
    };
    return { model: 'march1991', version: march1991Model.version, streams: snapshotStreams(s.streams), state };
  },

  restore(snapshot: WorldSnapshot): MarchState {
    if (snapshot.model !== 'march1991')
      throw new Error(`march1991 cannot restore a snapshot of model ${snapshot.model}`);
    const st = snapshot.state as MarchSnapshotState;
    const p = st.params;
    const s = makeState(
      { ...p, fastLearners: p.fastLearners ?? 0, p1Fast: p.p1Fast ?? 0.9 },
      restoreStreams(snapshot.streams),
    );
    s.reality.set(st.reality);
    s.code.set(st.code);
    s.beliefs.set(st.beliefs);
    s.rates.set(st.rates);
    s.period = st.period;
    s.absorbed = st.absorbed;
    return s;
  },

  cycle(s: MarchState): number {
    return s.period;
  },
};
