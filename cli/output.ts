// Writing sweep rows (CSV, JSONL, or the rows of a JSON document) and their manifest.
import { createReadStream, renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import type { PointSummary } from '../sim/experiment/aggregate.ts';
import type { SweepManifest, SweepSummary } from '../sim/experiment/manifest.ts';
import { csvHeader, csvLine, jsonLine, type Row } from '../sim/experiment/rows.ts';
import { UsageError } from './args.ts';
import { partialPath, writeFileAtomic } from './files.ts';
import { manifestPathFor, Sink, writeAll } from './io.ts';

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
 * Rows to `out` (stdout when absent) as they come; CSV and JSONL stream, JSON keeps the rows for
 * one document `{ manifest, rows, summary }`. For CSV and JSONL the manifest and summary go to
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
  if (format === 'json') {
    const rows: Row[] = [];
    const doc = (manifest: SweepManifest, summary: SweepSummary) => `${JSON.stringify({ manifest, rows, summary })}\n`;
    if (provisional && out !== undefined) await writeFileAtomic(out, doc(provisional.manifest, provisional.summary));
    return {
      write: (rs) => {
        for (const r of rs) rows.push(r);
      },
      close: async (manifest, summary) =>
        out === undefined ? writeAll(out, doc(manifest, summary)) : writeFileAtomic(out, doc(manifest, summary)),
    };
  }
  const sidecar = manifestOut ?? (out !== undefined ? manifestPathFor(out) : undefined);
  if (provisional && sidecar !== undefined)
    await writeFileAtomic(sidecar, manifestText(provisional.manifest, provisional.summary));
  const sink = await Sink.open(out);
  if (format === 'csv') await sink.write(csvHeader(columns));
  // Opened with the first point: a writer given whole summaries (merge) leaves no spill file.
  let spill: Promise<PointSpill> | null = null;
  return {
    write(rs) {
      let text = '';
      for (const r of rs) text += format === 'csv' ? csvLine(r, columns) : jsonLine(r);
      return sink.write(text);
    },
    point(p) {
      if (sidecar === undefined) return;
      spill ??= PointSpill.open(`${partialPath(sidecar)}.points`);
      return spill.then((s) => s.add(p));
    },
    async discard() {
      if (spill) await (await spill).discard();
    },
    async close(manifest, summary) {
      await sink.close();
      if (sidecar === undefined) return;
      if (spill) await (await spill).writeManifest(sidecar, manifest, summary);
      else await writeFileAtomic(sidecar, manifestText(manifest, summary));
    },
  };
}

/**
 * Point summaries spilled to a file as a sweep closes them (each as JSON, comma-separated), so a
 * sweep of a million points keeps none in memory; `writeManifest` streams them back into the
 * manifest file between its head and its tail: the same bytes as `manifestText` with the points.
 */
class PointSpill {
  private count = 0;
  private constructor(
    private readonly path: string,
    private readonly sink: Sink,
  ) {}

  static async open(path: string): Promise<PointSpill> {
    return new PointSpill(path, await Sink.open(path));
  }

  add(p: PointSummary): void | Promise<void> {
    return this.sink.write((this.count++ > 0 ? ',' : '') + JSON.stringify(p));
  }

  async discard(): Promise<void> {
    await this.sink.close().catch(() => undefined);
    rmSync(this.path, { force: true });
  }

  /** `{ manifest, summary }` with the spilled points as `summary.points` (its own, none, are not read), written atomically. */
  async writeManifest(path: string, manifest: SweepManifest, summary: SweepSummary): Promise<void> {
    await this.sink.close();
    const temp = partialPath(path);
    try {
      const out = await Sink.open(temp);
      await out.write(
        `{"manifest":${JSON.stringify(manifest)},"summary":{"runs":${JSON.stringify(summary.runs)},"points":[`,
      );
      for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 }))
        await out.write(chunk as string);
      await out.write(`],"analysis":${JSON.stringify(summary.analysis)}}}\n`);
      await out.close();
      renameSync(temp, path);
    } catch (e) {
      rmSync(temp, { force: true });
      throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    } finally {
      rmSync(this.path, { force: true });
    }
  }
}

/** The manifest file of a rows file: `{ manifest, summary }` on one line. */
export function manifestText(manifest: SweepManifest, summary: SweepSummary): string {
  return `${JSON.stringify({ manifest, summary })}\n`;
}
