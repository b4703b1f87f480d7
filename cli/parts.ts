// Reading sweep outputs back: a rows file (CSV, JSONL or a JSON document) with its manifest.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { printable, type ScenarioError } from '../sim/engine/errors.ts';
import { readManifest, type SweepManifest, type SweepSummary } from '../sim/experiment/manifest.ts';
import { parseCsvRecord, rowFromCsv, textColumns, type Row } from '../sim/experiment/rows.ts';
import { getModel } from '../sim/models.ts';
import { UsageError } from './args.ts';
import { manifestPathFor, MAX_DOCUMENT_BYTES, readJson } from './io.ts';

/** Longest line a rows file may have (a row is a few hundred bytes; a file of zeros has no line end). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Lines of a file, read in chunks (a part may be larger than memory). */
export function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop()!;
      if (rest.length > MAX_LINE_BYTES)
        throw new UsageError(
          `${printable(path)}: has a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB (not a sweep output)`,
        );
      for (const l of lines) yield l;
    }
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

export interface Part {
  path: string;
  manifest: SweepManifest;
  summary: SweepSummary | null;
  /** The rows, in file order. */
  rows(): Generator<Row>;
}

function manifestOf(doc: unknown, path: string): SweepManifest {
  try {
    return readManifest(doc);
  } catch (e) {
    const issue = (e as ScenarioError).issues?.[0];
    throw new UsageError(
      `${path}: not a sweep manifest (${issue ? `${issue.path}: ${issue.rule}` : (e as Error).message})`,
    );
  }
}

/** A sweep output: `x.json` holds everything; `x.csv`/`x.jsonl` have their manifest in `x.manifest.json`. */
export function openPart(path: string): Part {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    const doc = readJson(path, 'sweep output', MAX_DOCUMENT_BYTES) as { rows?: unknown; summary?: SweepSummary };
    const manifest = manifestOf(doc, path);
    if (!Array.isArray(doc.rows))
      throw new UsageError(`${path}: has no rows (a --format json sweep output has "rows")`);
    const rows = doc.rows as Row[];
    return {
      path,
      manifest,
      summary: doc.summary ?? null,
      rows: function* () {
        yield* rows;
      },
    };
  }
  if (ext !== '.csv' && ext !== '.jsonl') throw new UsageError(`${path}: must be a .csv, .jsonl or .json sweep output`);
  if (!existsSync(path)) throw new UsageError(`${printable(path)}: cannot read this file`);
  if (!statSync(path).isFile()) throw new UsageError(`${printable(path)}: cannot read this file (not a regular file)`);
  const sidecar = manifestPathFor(path);
  if (!existsSync(sidecar)) throw new UsageError(`${path}: its manifest ${sidecar} is missing`);
  const doc = readJson(sidecar, 'manifest', MAX_DOCUMENT_BYTES) as { summary?: SweepSummary };
  const manifest = manifestOf(doc, sidecar);
  const summary = doc.summary ?? null;
  if (ext === '.jsonl') {
    return {
      path,
      manifest,
      summary,
      rows: function* () {
        let n = 0;
        for (const line of readLines(path)) {
          n++;
          if (line === '') continue;
          try {
            yield JSON.parse(line) as Row;
          } catch (e) {
            throw new UsageError(`${path}:${n}: not a JSON row (${(e as Error).message})`);
          }
        }
      },
    };
  }
  const model = getModel(manifest.model);
  const text = textColumns(manifest.design.parameters, model?.params ?? []);
  return {
    path,
    manifest,
    summary,
    rows: function* () {
      let cols: string[] | null = null;
      for (const line of readLines(path)) {
        if (line === '') continue;
        const cells = parseCsvRecord(line);
        if (!cols) {
          cols = cells;
          if (cols.join(',') !== manifest.columns.join(','))
            throw new UsageError(`${path}: its header does not match the manifest's columns`);
          continue;
        }
        yield rowFromCsv(cells, cols, text);
      }
    },
  };
}
