import { checkFinite } from './validate.ts';

/**
 * Ranks 1…n of the values, ties sharing the average of the ranks they span (the "fractional"
 * or mid-rank convention Spearman's coefficient needs): ranks([10, 20, 20, 30]) = [1, 2.5, 2.5, 4].
 */
export function ranks(values: readonly number[]): number[] {
  checkFinite('ranks', values);
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const out = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const v = values[order[start] as number] as number;
    while (end < n && values[order[end] as number] === v) end++;
    // positions start … end−1 (0-based) hold ranks start+1 … end; their mean is (start + 1 + end)/2
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) out[order[k] as number] = rank;
    start = end;
  }
  return out;
}
