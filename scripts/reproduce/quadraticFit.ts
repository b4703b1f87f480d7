// Least-squares quadratic fit for H1, through a small dense solver (below) rather than mathjs: the
// one 3 × 3 system does not warrant the library in this script, and mathjs stays confined to its one
// adapter (sim/experiment/expressions.ts).

/**
 * Solve A·x = b for a small dense square A: LU decomposition with partial pivoting, then forward
 * and back substitution. The operations are those of mathjs's lup/lusolve (Crout's column order:
 * column j first subtracts Σ_{k<min(i,j)} l_ik·u_kj from every row, then takes as pivot the first
 * row at or below j of largest |value|, swaps it up, and divides the rows below by it), in the same
 * order, so for the fits of docs/hypotheses.md the results are the bits mathjs gave. Throws on a
 * singular matrix (a column with no non-zero pivot) and on non-finite or ill-shaped input.
 */
export function luSolve(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = A.length;
  const bad: string[] = [];
  if (n === 0) bad.push('A: must have at least one row (got 0)');
  if (b.length !== n) bad.push(`b: must have ${n} entries, one per row of A (got ${b.length})`);
  A.forEach((row, i) => {
    if (row.length !== n) bad.push(`A[${i}]: must have ${n} entries (got ${row.length})`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) bad.push(`A[${i}][${j}]: must be finite (got ${v})`);
    });
  });
  b.forEach((v, i) => {
    if (!Number.isFinite(v)) bad.push(`b[${i}]: must be finite (got ${v})`);
  });
  if (bad.length > 0) throw new Error(`luSolve: ${bad.join('; ')}`);

  const a = A.map((row) => [...row]);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < n; j++) {
    if (j > 0) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < Math.min(i, j); k++) s += a[i]![k]! * a[k]![j]!;
        a[i]![j] = a[i]![j]! - s;
      }
    }
    let pivot = j;
    let largest = 0;
    for (let i = j; i < n; i++) {
      const v = Math.abs(a[i]![j]!);
      if (v > largest) {
        pivot = i;
        largest = v;
      }
    }
    if (largest === 0) throw new Error(`luSolve: A is singular (no pivot in column ${j})`);
    if (pivot !== j) {
      [p[j], p[pivot]] = [p[pivot]!, p[j]!];
      [a[j], a[pivot]] = [a[pivot]!, a[j]!];
    }
    const ujj = a[j]![j]!;
    for (let i = j + 1; i < n; i++) if (a[i]![j] !== 0) a[i]![j] = a[i]![j]! / ujj;
  }
  // L·y = P·b (L unit lower triangular), then U·x = y, column by column as mathjs does.
  const x = p.map((i) => b[i]!);
  for (let j = 0; j < n; j++) {
    const yj = x[j]!;
    if (yj !== 0) for (let i = j + 1; i < n; i++) x[i] = x[i]! - yj * a[i]![j]!;
  }
  for (let j = n - 1; j >= 0; j--) {
    const xj = x[j]! === 0 ? 0 : x[j]! / a[j]![j]!;
    x[j] = xj;
    if (xj !== 0) for (let i = j - 1; i >= 0; i--) x[i] = x[i]! - xj * a[i]![j]!;
  }
  return x;
}

/** Least-squares quadratic fit y ≈ c0 + c1·x + c2·x²: the normal equations, solved by luSolve. */
export function quadraticFit(x: readonly number[], y: readonly number[]): [number, number, number] {
  const S = (k: number) => x.reduce((a, v) => a + v ** k, 0);
  const T = (k: number) => x.reduce((a, v, i) => a + v ** k * y[i]!, 0);
  const [c0, c1, c2] = luSolve(
    [
      [S(0), S(1), S(2)],
      [S(1), S(2), S(3)],
      [S(2), S(3), S(4)],
    ],
    [T(0), T(1), T(2)],
  );
  return [c0!, c1!, c2!];
}
