// Tidy rows of a sweep (docs/formats.md §8): one per run, or with series one per run and cycle.
// The same flat objects are written as CSV, JSONL, or the `rows` of `--format json`, and the
// results checksum is taken over their canonical JSON, so it does not depend on the file format.
import { canonicalJson } from '../engine/canonical.ts';
import { murmurFinish } from '../engine/hash.ts';
import type { ParamSpec, ParamValue } from '../engine/model.ts';
import type { RunResult } from './runner.ts';

export type Cell = number | string;
/** A row: keys in column order; absent keys are empty cells (e.g. the metrics of a failed run). */
export type Row = Record<string, Cell>;

export interface RowLayout {
  /** The design's varied parameters. */
  parameters: string[];
  /** Final values (per-run rows) or series (per-cycle rows). */
  values: string[];
  series: boolean;
}

/** Column names in order: point, replicate, seed, status, parameters, [cycle], values, error. */
export function columns(layout: RowLayout): string[] {
  return [
    'point',
    'replicate',
    'seed',
    'status',
    ...layout.parameters,
    ...(layout.series ? ['cycle'] : []),
    ...layout.values,
    'error',
  ];
}

/**
 * The rows of one run. Per-run: one row with the final values (none for a failed run). Per-cycle:
 * one row per observed cycle, numbered from 1; a run that failed before its first cycle still
 * gets one row (no cycle, no values) so that the failure is recorded.
 */
export function rowsOf(r: RunResult, layout: RowLayout): Row[] {
  const head = (): Row => {
    const row: Row = { point: r.point, replicate: r.replicate, seed: r.seed, status: r.status };
    for (const p of layout.parameters) if (r.params[p] !== undefined) row[p] = r.params[p]!;
    return row;
  };
  const tail = (row: Row): Row => {
    // One line, so that every row is one line of CSV or JSONL.
    if (r.error !== undefined) row.error = r.error.replace(/\s*[\r\n]+\s*/g, ' ');
    return row;
  };
  if (!layout.series) {
    const row = head();
    for (const m of layout.values) if (r.final[m] !== undefined) row[m] = r.final[m]!;
    return [tail(row)];
  }
  const series = r.series ?? {};
  const n = Math.max(0, ...layout.values.map((m) => series[m]?.length ?? 0));
  if (n === 0) return [tail(head())];
  const out: Row[] = [];
  for (let t = 0; t < n; t++) {
    const row = head();
    row.cycle = t + 1;
    for (const m of layout.values) {
      const v = series[m]?.[t];
      if (v !== undefined) row[m] = v;
    }
    out.push(tail(row));
  }
  return out;
}

/** A CSV cell: numbers as JSON writes them, text quoted (RFC 4180) when it holds a comma, quote or line break. */
export function csvCell(v: Cell | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return JSON.stringify(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvHeader(cols: readonly string[]): string {
  return `${cols.map(csvCell).join(',')}\n`;
}

export function csvLine(row: Row, cols: readonly string[]): string {
  let s = '';
  for (let k = 0; k < cols.length; k++) s += (k > 0 ? ',' : '') + csvCell(row[cols[k]!]);
  return `${s}\n`;
}

export function jsonLine(row: Row): string {
  return `${JSON.stringify(row)}\n`;
}

/** Split one CSV record (no line break inside quotes is produced by `csvLine` except in quoted text). */
export function parseCsvRecord(line: string): string[] {
  const out: string[] = [];
  let k = 0;
  while (k <= line.length) {
    if (line[k] === '"') {
      let s = '';
      k++;
      while (k < line.length) {
        if (line[k] === '"') {
          if (line[k + 1] === '"') {
            s += '"';
            k += 2;
            continue;
          }
          k++;
          break;
        }
        s += line[k++];
      }
      out.push(s);
      k++; // the comma
    } else {
      const end = line.indexOf(',', k);
      if (end < 0) {
        out.push(line.slice(k));
        break;
      }
      out.push(line.slice(k, end));
      k = end + 1;
    }
  }
  return out;
}

/**
 * A CSV record back to its row: text columns (status, error, choice parameters) stay text, every
 * other non-empty cell is read as a number (JSON's number text reads back to the same double).
 */
export function rowFromCsv(cells: readonly string[], cols: readonly string[], textColumns: ReadonlySet<string>): Row {
  const row: Row = {};
  cols.forEach((c, k) => {
    const v = cells[k] ?? '';
    if (v === '') return;
    row[c] = textColumns.has(c) ? v : Number(v);
  });
  return row;
}

/** Columns that hold text: status, error and the design's choice parameters. */
export function textColumns(parameters: readonly string[], registry: readonly ParamSpec[]): Set<string> {
  const set = new Set(['status', 'error']);
  for (const p of parameters) if (registry.find((s) => s.name === p)?.kind === 'choice') set.add(p);
  return set;
}

/**
 * murmur3_32(text, seed) of sim/engine/hash.ts (MurmurHash3 x86 32-bit over the UTF-8 bytes of
 * `text`) for two seeds in one pass, without materialising the bytes: code points are encoded on the
 * fly into a 4-byte block. Same output as the engine's, several times faster on a big sweep's rows.
 */
export function murmurUtf8Pair(text: string, seedA: number, seedB: number): [number, number] {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let ha = seedA >>> 0;
  let hb = seedB >>> 0;
  let k = 0; // bytes of the current block, little-endian
  let nk = 0; // how many bytes it holds
  let len = 0;
  const n = text.length;
  const push = (b: number): void => {
    k |= b << (nk << 3);
    len++;
    if (++nk === 4) {
      let m = Math.imul(k, c1);
      m = (m << 15) | (m >>> 17);
      m = Math.imul(m, c2);
      ha ^= m;
      ha = (ha << 13) | (ha >>> 19);
      ha = (Math.imul(ha, 5) + 0xe6546b64) | 0;
      hb ^= m;
      hb = (hb << 13) | (hb >>> 19);
      hb = (Math.imul(hb, 5) + 0xe6546b64) | 0;
      k = 0;
      nk = 0;
    }
  };
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      push(cp);
      continue;
    }
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp < 0x800) {
      push(0xc0 | (cp >> 6));
      push(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      push(0xe0 | (cp >> 12));
      push(0x80 | ((cp >> 6) & 63));
      push(0x80 | (cp & 63));
    } else {
      push(0xf0 | (cp >> 18));
      push(0x80 | ((cp >> 12) & 63));
      push(0x80 | ((cp >> 6) & 63));
      push(0x80 | (cp & 63));
    }
  }
  const fin = (h: number): number => {
    if (nk > 0) {
      let m = Math.imul(k, c1);
      m = (m << 15) | (m >>> 17);
      m = Math.imul(m, c2);
      h ^= m;
    }
    return murmurFinish(h, len);
  };
  return [fin(ha), fin(hb)];
}

/**
 * The results checksum: two 32-bit MurmurHash3 chains over the canonical JSON of every row in
 * order, h ← murmur3_32(canonicalJson(row), h), one started at 0 and one at 1; written as 16 hex
 * digits. It is the same whichever file format holds the rows.
 */
export class Checksum {
  private h1 = 0;
  private h2 = 1;
  rows = 0;
  add(row: Row): void {
    const text = canonicalJson(row);
    [this.h1, this.h2] = murmurUtf8Pair(text, this.h1, this.h2);
    this.rows++;
  }
  hex(): string {
    return this.h1.toString(16).padStart(8, '0') + this.h2.toString(16).padStart(8, '0');
  }
}

/** Parameter values of a row for the design's columns. */
export function pointParams(row: Row, parameters: readonly string[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of parameters) if (row[p] !== undefined) out[p] = row[p]!;
  return out;
}
