// Writing sweep rows (CSV, JSONL, or the rows of a JSON document) and their manifest.
import { createReadStream, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { PointSummary } from '../sim/experiment/aggregate.ts';
import type { SweepManifest, SweepSummary } from '../sim/experiment/manifest.ts';
import { csvHeader, csvLine, jsonLine, type Row } from '../sim/experiment/rows.ts';
import { UsageError } from './args.ts';
import { partialPath, writeFileAtomic } from './files.ts';
import { manifestPathFor, Sink } from './io.ts';

export type RowFormat = 'csv' | 'jsonl' | 'json';
export const ROW_FORMATS: readonly RowFormat[] = ['csv', 'jsonl', 'json'];

/** `--format`, else the extension of `--out`, else CSV. */
export function rowFormat(format: string | undefined, out: string | undefined): RowFormat {
  if (format !== undefined) {
    if (!(ROW_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format: must be ${ROW_FORMATS.join(', ')} (got ${format})`);
    return format as RowFormat;
  }
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  if ((ROW_FORMATS as readonly string[]).includes(ext)) return ext as RowFormat;
  if (out && ext !== '')
    throw new UsageError(
      `--out: the file name must end in .csv, .jsonl or .json, or --format must say which (got ${out})`,
    );
  return 'csv';
}

export interface RowWriter {
  write(rows: readonly Row[]): void | Promise<void>;
  /**
   * Present when the writer takes point summaries one by one (CSV and JSONL): it spills them to a
   * file as they come, and `close` then takes a summary with no points and streams them back.
   */
  point?(p: PointSummary): void | Promise<void>;
  /** Remove the spill file, if any, when the sweep fails before `close` (its rows stay as written). */
  discard?(): Promise<void>;
  /** Finish the file; a JSON document is written whole here. */
  close(manifest: SweepManifest, summary: SweepSummary): Promise<void>;
}

/**
 * Rows to `out` (stdout when absent) as they come. CSV and JSONL stream; a JSON document
 * `{ manifest, rows, summary }` needs the manifest first, which is known only at the end, so its rows
 * (and its point summaries) are spilled to files as they come and streamed into the document at
 * `close`: no format holds the rows in memory. For CSV and JSONL the manifest and summary go to
 * `manifestOut` (default: beside `out`, `x.csv` → `x.manifest.json`; none on stdout).
 *
 * With `provisional` (a manifest saying `"complete": false` and no results), that manifest is
 * written first, replacing any earlier one: until `close` writes the real one, whoever reads the
 * files (a merge, a rerun, a person) sees an unfinished sweep, even after a crash or a SIGKILL.
 * Manifests and JSON documents are written whole under a temporary name and renamed into place.
 */
export async function openRowWriter(
  format: RowFormat,
  out: string | undefined,
  columns: readonly string[],
  manifestOut?: string,
  provisional?: { manifest: SweepManifest; summary: SweepSummary },
): Promise<RowWriter> {
  if (format === 'json') return openJsonWriter(out, provisional);
  const sidecar = manifestOut ?? (out !== undefined ? manifestPathFor(out) : undefined);
  if (provisional && sidecar !== undefined)
    await writeFileAtomic(sidecar, manifestText(provisional.manifest, provisional.summary));
  const sink = await Sink.open(out);
  if (format === 'csv') await sink.write(csvHeader(columns));
  // Opened with the first point: a writer given whole summaries (merge) leaves no spill file.
  let spill: Promise<Spill> | null = null;
  return {
    write(rs) {
      let text = '';
      for (const r of rs) text += format === 'csv' ? csvLine(r, columns) : jsonLine(r);
      return sink.write(text);
    },
    point(p) {
      if (sidecar === undefined) return;
      spill ??= Spill.open(`${partialPath(sidecar)}.points`);
      return spill.then((s) => s.add(JSON.stringify(p)));
    },
    async discard() {
      if (spill) await (await spill).discard();
    },
    async close(manifest, summary) {
      await sink.close();
      if (sidecar === undefined) return;
      const points = spill ? await spill : null;
      await writeWhole(sidecar, async (w) => {
        await w.write(`{"manifest":${JSON.stringify(manifest)},"summary":`);
        await writeSummary(w, summary, points);
        await w.write('}\n');
      });
    },
  };
}

/**
 * The `--format json` writer: rows spilled beside `out` (or in the temporary folder for stdout) as
 * they come, point summaries likewise, and at `close` the document `{ manifest, rows, summary }`
 * streamed from them: the same bytes as `JSON.stringify` of the whole document, with none of it held.
 */
async function openJsonWriter(
  out: string | undefined,
  provisional?: { manifest: SweepManifest; summary: SweepSummary },
): Promise<RowWriter> {
  const doc = (manifest: SweepManifest, summary: SweepSummary) =>
    `${JSON.stringify({ manifest, rows: [], summary })}\n`;
  if (provisional && out !== undefined) await writeFileAtomic(out, doc(provisional.manifest, provisional.summary));
  const base =
    out !== undefined
      ? partialPath(out)
      : join(tmpdir(), `concerto-json-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const rows = await Spill.open(`${base}.rows`);
  let points: Promise<Spill> | null = null;
  const discard = async () => {
    await rows.discard();
    if (points) await (await points).discard();
  };
  return {
    write(rs) {
      let text = '';
      for (const r of rs) text += (rows.count++ > 0 ? ',' : '') + JSON.stringify(r);
      return rows.writeRaw(text);
    },
    point(p) {
      points ??= Spill.open(`${base}.points`);
      return points.then((s) => s.add(JSON.stringify(p)));
    },
    discard,
    async close(manifest, summary) {
      const pointSpill = points ? await points : null;
      const body = async (w: Sink) => {
        await w.write(`{"manifest":${JSON.stringify(manifest)},"rows":[`);
        await rows.pipeTo(w);
        await w.write('],"summary":');
        await writeSummary(w, summary, pointSpill);
        await w.write('}\n');
      };
      try {
        if (out === undefined) {
          const w = await Sink.open(undefined);
          await body(w);
          await w.close();
        } else await writeWhole(out, body);
      } finally {
        await discard();
      }
    },
  };
}

/** A summary as JSON: whole, or with its points streamed from a spill (its own `points`, none, unread). */
async function writeSummary(w: Sink, summary: SweepSummary, points: Spill | null): Promise<void> {
  if (!points) return w.write(JSON.stringify(summary));
  await w.write(`{"runs":${JSON.stringify(summary.runs)},"points":[`);
  await points.pipeTo(w);
  await w.write(`],"analysis":${JSON.stringify(summary.analysis)}}`);
}

/** A file written through `body` under a temporary name and renamed into place (readers see the old file or the new). */
async function writeWhole(path: string, body: (w: Sink) => Promise<void>): Promise<void> {
  const temp = partialPath(path);
  try {
    const w = await Sink.open(temp);
    await body(w);
    await w.close();
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * JSON values spilled to a file as they come (comma-separated), so a sweep of a million points or
 * rows keeps none in memory; `pipeTo` streams them back and removes the file.
 */
class Spill {
  count = 0;
  private closed = false;
  private constructor(
    private readonly path: string,
    private readonly sink: Sink,
  ) {}

  static async open(path: string): Promise<Spill> {
    return new Spill(path, await Sink.open(path));
  }

  add(json: string): void | Promise<void> {
    return this.sink.write((this.count++ > 0 ? ',' : '') + json);
  }

  /** Text already joined by the caller (who counts its items). */
  writeRaw(text: string): void | Promise<void> {
    return this.sink.write(text);
  }

  async pipeTo(w: Sink): Promise<void> {
    if (!this.closed) await this.sink.close();
    this.closed = true;
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }))
      await w.write(chunk as string);
    rmSync(this.path, { force: true });
  }

  async discard(): Promise<void> {
    if (!this.closed) await this.sink.close().catch(() => undefined);
    this.closed = true;
    rmSync(this.path, { force: true });
  }
}

/** The manifest file of a rows file: `{ manifest, summary }` on one line. */
export function manifestText(manifest: SweepManifest, summary: SweepSummary): string {
  return `${JSON.stringify({ manifest, summary })}\n`;
}
