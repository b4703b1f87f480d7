/**
 * March (1991): the parameter registry (names, ranges, units, bilingual documentation) and the
 * reading of a parsed parameter object into the plain numbers the kernel uses.
 */
import type { ParamSpec, Params } from '../../engine/model.ts';

/** The algorithmic readings of the parts March's text leaves open (readings.ts describes each). */
export const MARCH_READINGS = ['christensen2015', 'watts2014', 'text1991', 'text1991-sequential'] as const;
export type MarchReading = (typeof MARCH_READINGS)[number];

/** Indices into MARCH_READINGS, the form the kernel switches on. */
export const CHRISTENSEN = 0;
export const WATTS = 1;
export const TEXT = 2;
export const TEXT_SEQUENTIAL = 3;

/** The largest horizon the registry allows; the engine's default `cycles`, so the model's own rule applies. */
export const MARCH_MAX_HORIZON = 100_000;

/** A bilingual text. */
export const text = (en: string, vi: string) => ({ en, vi });

export const MARCH_PARAMS: readonly ParamSpec[] = [
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

/** The parameters as the kernel uses them: numbers, and the reading as an index into MARCH_READINGS. */
export function readParams(params: Params) {
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

export type MarchParams = ReturnType<typeof readParams>;
