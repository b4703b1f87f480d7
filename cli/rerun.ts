// concerto rerun <manifest>: run the embedded experiment again and check that it reproduces the
// manifest (checksum of the results included); exit 0, or 3 saying what differs.
import { existsSync } from 'node:fs';
import { canonicalJson } from '../sim/engine/canonical.ts';
import { formatIssue, formatValue, ScenarioError } from '../sim/engine/errors.ts';
import { CostLimitError } from '../sim/experiment/cost.ts';
import {
  experimentFromManifest,
  readManifest,
  type SweepManifest,
  type SweepSummary,
} from '../sim/experiment/manifest.ts';
import { Checksum, type Row } from '../sim/experiment/rows.ts';
import { runSweep } from '../sim/experiment/sweep.ts';
import { firstDifference } from '../sim/experiment/verify.ts';
import { costLimits, exactlyOne, parseFlags, UsageError, wholeNumber } from './args.ts';
import { MAX_DOCUMENT_BYTES, provenance, readJson } from './io.ts';
import { openPart } from './parts.ts';
import { createNodePool, defaultWorkers } from './pool-node.ts';
import type { SweepDeps } from './sweep.ts';

export const EXIT_NOT_REPRODUCED = 3;

/** Where the rows of a `x.manifest.json` are, if beside it. */
function rowsBeside(path: string): string | null {
  if (!path.endsWith('.manifest.json')) return null;
  const base = path.slice(0, -'.manifest.json'.length);
  for (const ext of ['.csv', '.jsonl']) if (existsSync(base + ext)) return base + ext;
  return null;
}

const show = (v: unknown) => formatValue(v);

function firstSummaryDifference(recorded: SweepSummary, rerun: SweepSummary): string | null {
  for (const p of recorded.points) {
    const q = rerun.points.find((x) => x.point === p.point);
    const where = `point ${p.point} (${Object.entries(p.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')})`;
    if (!q) return `${where}: not in the rerun`;
    if (p.ok !== q.ok || p.failed !== q.failed)
      return `${where}: ok/failed runs recorded ${p.ok}/${p.failed}, rerun ${q.ok}/${q.failed}`;
    for (const [m, s] of Object.entries(p.metrics)) {
      const t = q.metrics[m];
      if (canonicalJson(s) !== canonicalJson(t))
        return `${where} ${m}: mean recorded ${show(s?.mean)}, rerun ${show(t?.mean)}`;
    }
  }
  return null;
}

function firstRowDifference(recorded: readonly Row[], rerun: readonly Row[]): string | null {
  const n = Math.max(recorded.length, rerun.length);
  for (let i = 0; i < n; i++) {
    const a = recorded[i];
    const b = rerun[i];
    if (!a || !b) return `row ${i + 1}: ${a ? 'not in the rerun' : 'not recorded'}`;
    if (canonicalJson(a) === canonicalJson(b)) continue;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const k = keys.find((x) => canonicalJson(a[x]) !== canonicalJson(b[x]))!;
    return `row ${i + 1} (point ${show(b.point)}, replicate ${show(b.replicate)}${b.cycle !== undefined ? `, cycle ${b.cycle}` : ''}) ${k}: recorded ${show(a[k])}, rerun ${show(b[k])}`;
  }
  return null;
}

/** Same rows, text equal and numbers within `tol` relative. */
export function rowsAgree(a: readonly Row[], b: readonly Row[], tol: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) {
      const u = x[k];
      const v = y[k];
      if (typeof u === 'number' && typeof v === 'number') {
        if (Math.abs(u - v) > tol * Math.max(Math.abs(u), Math.abs(v))) return false;
      } else if (u !== v) return false;
    }
  }
  return true;
}

export async function rerunCommand(args: readonly string[], deps: SweepDeps = {}): Promise<number> {
  const flags = parseFlags(args, { '--workers': 'value', '--allow-large': 'flag' });
  const path = exactlyOne(flags, 'manifest (a sweep manifest, or a --format json sweep output)');
  const workers = wholeNumber(flags, '--workers', defaultWorkers(), 0, 1024);
  const doc = readJson(path, 'manifest', MAX_DOCUMENT_BYTES) as { rows?: Row[]; summary?: SweepSummary };
  let recorded: SweepManifest;
  try {
    recorded = readManifest(doc);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new UsageError(`${path}: not a sweep manifest (${formatIssue(e.issues[0]!)})`);
    throw e;
  }
  const differences: string[] = [];
  const notes: string[] = [];

  // The file's rows, when it has them (or they lie beside it), must be the rows it records.
  const recordedRows: Row[] | null = Array.isArray(doc.rows) ? doc.rows : null;
  const beside = recordedRows ? null : rowsBeside(path);
  const fileSum = new Checksum();
  let checked = false;
  if (recordedRows) {
    for (const r of recordedRows) fileSum.add(r);
    checked = true;
  } else if (beside) {
    try {
      for (const r of openPart(beside).rows()) fileSum.add(r);
      checked = true;
    } catch (e) {
      differences.push(`${beside}: cannot be read back (${(e as Error).message})`);
    }
  }
  const fileDiffers =
    checked && (fileSum.hex() !== recorded.results.checksum || fileSum.rows !== recorded.results.rows);
  if (fileDiffers) {
    differences.push(
      `${beside ?? path}: its ${fileSum.rows} rows hash to ${fileSum.hex()}, the manifest records ${recorded.results.rows} rows hashing to ${recorded.results.checksum}`,
    );
  }

  let exp;
  try {
    exp = experimentFromManifest(recorded, costLimits(flags));
  } catch (e) {
    // A cost above the limits is the reader's limit, not a failed reproduction: exit 2 naming --allow-large.
    if (!(e instanceof ScenarioError) || e instanceof CostLimitError) throw e;
    process.stdout.write(
      `not reproduced: the embedded experiment no longer resolves with Concerto ${provenance().concerto}:\n`,
    );
    for (const i of e.issues) process.stdout.write(`  ${formatIssue(i)}\n`);
    return EXIT_NOT_REPRODUCED;
  }

  const pool = await (deps.createPool ?? ((n) => createNodePool({ workers: n })))(workers);
  let outcome;
  try {
    outcome = await runSweep(exp, pool, {
      series: recorded.series,
      shard: recorded.shard,
      provenance: provenance(),
      keepRows: recordedRows !== null || beside !== null,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    await pool.close();
  }
  const rebuilt = outcome.manifest as unknown as Record<string, unknown>;
  const rec = recorded as unknown as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(rec), ...Object.keys(rebuilt)])]) {
    if (key === 'results') continue;
    if (canonicalJson(rec[key]) === canonicalJson(rebuilt[key])) continue;
    const line = `${key}: recorded ${show(rec[key])}, rerun ${show(rebuilt[key])}`;
    if (key === 'git' || key === 'concerto' || key === 'runtime') notes.push(line);
    else differences.push(line);
  }
  const a = recorded.results;
  const b = outcome.manifest.results;
  for (const k of ['runs', 'ok', 'failed', 'rows', 'complete'] as const) {
    if (a[k] !== b[k]) differences.push(`results.${k}: recorded ${show(a[k])}, rerun ${show(b[k])}`);
  }
  const otherRuntime = recorded.runtime !== outcome.manifest.runtime;
  const needRows = a.checksum !== b.checksum || fileDiffers;
  const fileRows = needRows ? (recordedRows ?? (beside ? [...openPart(beside).rows()] : null)) : null;
  if (a.checksum !== b.checksum) {
    // Across runtimes rows agree to 1e-9 relative, not bit for bit (docs/formats.md §13): with the rows
    // at hand, that is a reproduction; without them the checksum cannot tell.
    if (otherRuntime && !fileDiffers && fileRows && outcome.rows && rowsAgree(fileRows, outcome.rows, 1e-9)) {
      notes.push(
        `results.checksum: recorded ${a.checksum} by ${recorded.runtime}, rerun ${b.checksum} by ${outcome.manifest.runtime}; every row agrees to 1e-9 relative`,
      );
    } else
      differences.push(
        `results.checksum: recorded ${a.checksum}, rerun ${b.checksum}${otherRuntime ? ` (recorded by ${recorded.runtime}: runtimes agree to 1e-9 relative, not bit for bit; keep the rows to compare them)` : ''}`,
      );
  }
  // Everything else the file claims: its summary (point means, intervals, counts, bands, analysis)
  // must be the one the rerun computes (to 1e-9 relative when it was made by another runtime).
  if (doc.summary !== undefined) {
    const d = firstDifference(doc.summary, outcome.summary, 'summary', otherRuntime ? 1e-9 : 0);
    if (d) differences.push(d);
  }
  if (differences.some((d) => d.startsWith('results.checksum')) || fileDiffers) {
    // Name the first row (or, without rows, the first point summary) where the record and the rerun part.
    const where =
      (fileRows && outcome.rows ? firstRowDifference(fileRows, outcome.rows) : null) ??
      (doc.summary && Array.isArray(doc.summary.points) ? firstSummaryDifference(doc.summary, outcome.summary) : null);
    if (where) differences.push(`first difference: ${where}`);
  }
  for (const n of notes) process.stdout.write(`note: ${n}\n`);
  if (differences.length === 0) {
    process.stdout.write(`reproduced: ${b.runs} runs, ${b.rows} rows, checksum ${b.checksum}\n`);
    return 0;
  }
  process.stdout.write(`not reproduced:\n${differences.map((d) => `  ${d}\n`).join('')}`);
  return EXIT_NOT_REPRODUCED;
}
