/** The data table behind a chart: raw numbers kept exactly (data-value), shown rounded. */
export interface TableSpec {
  caption: string;
  columns: string[];
  rows: (number | string | null)[][];
  /** Per row, decimals to show (e.g. 3 for a 0–1 share, 1 for a 0–100 index); the table's default where absent. */
  digits?: (number | null)[];
}

/** Columns of equal-length series as rows, one per index (e.g. per cycle). */
export function columnsToRows(
  first: readonly number[],
  columns: readonly (readonly (number | null)[])[],
): (number | null)[][] {
  return first.map((x, i) => [x, ...columns.map((c) => (i < c.length ? c[i]! : null))]);
}
