/**
 * March (1991): what the model observes each period, in the order `observeMarch` (observe.ts) writes
 * them.
 */
import type { MetricSpec } from '../../engine/model.ts';
import { MARCH_MAX_HORIZON, text } from './params.ts';

export const MARCH_METRICS: readonly MetricSpec[] = [
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
