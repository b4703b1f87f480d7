// concerto merge <parts…> --out FILE: shards 1/N … N/N back into exactly the unsharded output.
// Nothing is written until every part checks out (its rows hash to its recorded checksum and give
// back its recorded summary), and then only under temporary names renamed at the end: a merge that
// fails leaves no output, and never an output whose manifest says "complete".
import { extname } from 'node:path';
import { canonicalJson } from '../sim/engine/canonical.ts';
import { ScenarioError } from '../sim/engine/errors.ts';
import type { PointSummary } from '../sim/experiment/aggregate.ts';
import { CostLimitError } from '../sim/experiment/cost.ts';
import type { Experiment } from '../sim/experiment/experiment.ts';
import { buildManifest, experimentFromManifest, type SweepManifest } from '../sim/experiment/manifest.ts';
import { Checksum, type Row } from '../sim/experiment/rows.ts';
import { mergeSummaries } from '../sim/experiment/sweep.ts';
import { summariesFromRows, summaryDifference } from '../sim/experiment/verify.ts';
import { costLimits, last, parseFlags, UsageError } from './args.ts';
import { StagedFiles, samePath } from './files.ts';
import { manifestPathFor } from './io.ts';
import { openRowWriter, rowFormat, type RowWriter } from './output.ts';
import { openPart, type Part } from './parts.ts';
import { STOP_SIGNALS, type StopSignal } from './sweep.ts';

/** A part whose stored data does not match its rows: exit 3, like a rerun that does not reproduce. */
export const EXIT_NOT_VERIFIED = 3;

/** A manifest without what differs between shards of one sweep. */
function sweepIdentity(m: SweepManifest): string {
  const { shard: _shard, results: _results, ...rest } = m;
  return canonicalJson(rest);
}

export function checkShards(parts: readonly Part[]): number {
  const first = parts[0]!;
  const count = first.manifest.shard?.count;
  const seen = new Map<number, string>();
  for (const p of parts) {
    const s = p.manifest.shard;
    if (!s) throw new UsageError(`${p.path}: is not a shard (its manifest has "shard": null)`);
    if (sweepIdentity(p.manifest) !== sweepIdentity(first.manifest)) {
      const a = p.manifest as unknown as Record<string, unknown>;
      const b = first.manifest as unknown as Record<string, unknown>;
      const keys = Object.keys(a).filter(
        (k) => k !== 'shard' && k !== 'results' && canonicalJson(a[k]) !== canonicalJson(b[k]),
      );
      throw new UsageError(
        `${p.path}: is not a shard of the same sweep as ${first.path} (differs in ${keys.join(', ') || 'its fields'})`,
      );
    }
    if (s.count !== count)
      throw new UsageError(`${p.path}: is shard ${s.index}/${s.count}, not of ${count} shards like ${first.path}`);
    if (seen.has(s.index)) throw new UsageError(`${p.path}: shard ${s.index}/${s.count} is also ${seen.get(s.index)}`);
    if (!p.manifest.results.complete) throw new UsageError(`${p.path}: is incomplete (the sweep was cancelled)`);
    seen.set(s.index, p.path);
  }
  const missing: string[] = [];
  for (let i = 1; i <= count!; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return count!;
}

const key = (r: Row): [number, number, number] => [
  r.point as number,
  r.replicate as number,
  (r.cycle as number | undefined) ?? 0,
];
function before(a: Row, b: Row): boolean {
  const x = key(a);
  const y = key(b);
  return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
}

/** The files a part is read from: its rows file and, for CSV and JSONL, its manifest beside it. */
function inputFiles(p: Part): string[] {
  const ext = extname(p.path).toLowerCase();
  return ext === '.csv' || ext === '.jsonl' ? [p.path, manifestPathFor(p.path)] : [p.path];
}

/** Refuse an output that is one of the inputs: merging part-1.csv into itself would destroy the shard. */
function refuseInputsAsOutputs(inputs: readonly string[], outputs: readonly [string, string][]): void {
  for (const [flag, out] of outputs) {
    const hit = inputs.find((i) => samePath(i, out));
    if (hit !== undefined)
      throw new UsageError(
        `${flag}: must not be one of the files merged (got ${out}, the same file as the input ${hit}); write the merge to a new file`,
      );
  }
}

interface Pass {
  /** Per part: its rows' checksum. */
  sums: Checksum[];
  /** Per part: the point summaries recomputed from its rows. */
  points: PointSummary[][];
  /** Per part: why its rows could not be summarised (e.g. an ok row without a value), or null. */
  unreadable: (string | null)[];
  total: Checksum;
}

/** Merge the parts' rows in (point, replicate, cycle) order, to `writer` if given, checking as it goes. */
async function mergeRows(
  parts: readonly Part[],
  exp: Experiment,
  series: boolean,
  writer: RowWriter | null,
): Promise<Pass> {
  const sums = parts.map(() => new Checksum());
  const perPart: Row[][] = parts.map(() => []);
  const points: PointSummary[][] = parts.map(() => []);
  const its = parts.map((p) => p.rows());
  const heads = its.map((it) => it.next());
  const total = new Checksum();
  // Rows are folded into point summaries one point at a time, so memory stays flat.
  const unreadable: (string | null)[] = parts.map(() => null);
  const foldPoint = (j: number) => {
    const rows = perPart[j]!;
    perPart[j] = [];
    if (rows.length === 0 || unreadable[j] !== null) return;
    try {
      points[j]!.push(...summariesFromRows(exp, rows, series));
    } catch (e) {
      unreadable[j] = (e as Error).message;
    }
  };
  for (;;) {
    let k = -1;
    for (let j = 0; j < heads.length; j++) {
      const h = heads[j]!;
      if (!h.done && (k < 0 || before(h.value, heads[k]!.value as Row))) k = j;
    }
    if (k < 0) break;
    const row = heads[k]!.value as Row;
    sums[k]!.add(row);
    total.add(row);
    const pending = perPart[k]!;
    if (pending.length > 0 && pending[0]!.point !== row.point) foldPoint(k);
    perPart[k]!.push(row);
    if (writer) await writer.write([row]);
    heads[k] = its[k]!.next();
  }
  for (let j = 0; j < parts.length; j++) foldPoint(j);
  return { sums, points, unreadable, total };
}

/** Every way the parts' stored data disagrees with their rows: [exit code, message] per problem. */
function verify(parts: readonly Part[], pass: Pass, series: boolean): [number, string][] {
  const problems: [number, string][] = [];
  parts.forEach((p, j) => {
    const sum = pass.sums[j]!;
    if (sum.hex() !== p.manifest.results.checksum || sum.rows !== p.manifest.results.rows) {
      problems.push([
        2,
        `${p.path}: its rows do not match the checksum its manifest records (${sum.rows} rows hashing to ${sum.hex()}; recorded ${p.manifest.results.rows} rows, ${p.manifest.results.checksum})`,
      ]);
      return;
    }
    const s = p.summary!;
    if (pass.unreadable[j] !== null) {
      problems.push([EXIT_NOT_VERIFIED, `${p.path}: ${pass.unreadable[j]}`]);
      return;
    }
    const computed = pass.points[j]!;
    const diff = summaryDifference(s.points, computed, series);
    if (diff) {
      problems.push([EXIT_NOT_VERIFIED, `${p.path}: ${diff}`]);
      return;
    }
    const runs = computed.reduce((a, q) => a + q.runs, 0);
    const ok = computed.reduce((a, q) => a + q.ok, 0);
    const failed = computed.reduce((a, q) => a + q.failed, 0);
    const r = p.manifest.results;
    const claims: [string, unknown, number][] = [
      ['summary.runs.total', s.runs?.total, runs],
      ['summary.runs.ok', s.runs?.ok, ok],
      ['summary.runs.failed', s.runs?.failed, failed],
      ['manifest.results.runs', r.runs, runs],
      ['manifest.results.ok', r.ok, ok],
      ['manifest.results.failed', r.failed, failed],
    ];
    for (const [path, recorded, actual] of claims) {
      if (recorded !== actual) {
        problems.push([EXIT_NOT_VERIFIED, `${p.path}: ${path}: recorded ${String(recorded)}, the rows give ${actual}`]);
        return;
      }
    }
    // A shard's analysis is null by definition (it needs every point); merge computes it afresh.
    if (s.analysis !== null)
      problems.push([
        EXIT_NOT_VERIFIED,
        `${p.path}: summary.analysis: must be null in a shard (the merge computes it from every point)`,
      ]);
  });
  return problems;
}

export async function mergeCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, {
    '--out': 'value',
    '--format': 'value',
    '--manifest': 'value',
    '--allow-large': 'flag',
  });
  if (flags.positional.length === 0)
    throw new UsageError('merge needs the shard outputs to merge (e.g. part-1.csv part-2.csv)');
  const out = last(flags, '--out');
  const manifestOut = last(flags, '--manifest');
  const format = rowFormat(last(flags, '--format'), out);
  const sidecar =
    format === 'json' ? undefined : (manifestOut ?? (out !== undefined ? manifestPathFor(out) : undefined));
  const outputs: [string, string][] = [];
  if (out !== undefined) outputs.push(['--out', out]);
  if (sidecar !== undefined) outputs.push([manifestOut !== undefined ? '--manifest' : '--out (its manifest)', sidecar]);
  refuseInputsAsOutputs(flags.positional, outputs);

  const parts = flags.positional.map(openPart);
  refuseInputsAsOutputs(parts.flatMap(inputFiles), outputs);
  checkShards(parts);
  const m0 = parts[0]!.manifest;
  let exp: Experiment;
  try {
    exp = experimentFromManifest(m0, costLimits(flags));
  } catch (e) {
    if (e instanceof ScenarioError && !(e instanceof CostLimitError))
      throw new UsageError(
        `${parts[0]!.path}: its embedded experiment does not resolve (${e.issues[0] ? `${e.issues[0].path}: ${e.issues[0].rule}` : ''})`,
      );
    throw e;
  }
  for (const p of parts) if (!p.summary) throw new UsageError(`${p.path}: its manifest file has no summary`);

  // First pass: read and check everything, write nothing.
  const checked = await mergeRows(parts, exp, m0.series, null);
  const problems = verify(parts, checked, m0.series);
  if (problems.length > 0) {
    for (const [, message] of problems) process.stderr.write(`${message}\n`);
    process.stderr.write(
      `merge: nothing written (${problems.length} of ${parts.length} parts do not match their own records)\n`,
    );
    return Math.max(...problems.map(([code]) => code));
  }

  // Second pass: write under temporary names, check again (a part may have changed meanwhile), rename.
  // A stop signal meanwhile removes the temporary files and ends with 128 + its number, like a sweep.
  const staged = new StagedFiles();
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map(
    (sig) =>
      [
        sig,
        () => {
          staged.discard();
          process.stderr.write(`merge: stopped by ${sig}; nothing written\n`);
          process.exit(STOP_SIGNALS[sig]);
        },
      ] as const,
  );
  for (const [sig, h] of handlers) process.on(sig, h);
  try {
    const tempOut = out !== undefined ? staged.stage(out) : undefined;
    const tempSidecar = sidecar !== undefined ? staged.stage(sidecar) : undefined;
    const writer = await openRowWriter(format, tempOut, m0.columns, tempSidecar);
    const written = await mergeRows(parts, exp, m0.series, writer);
    const again = verify(parts, written, m0.series);
    if (again.length > 0 || written.total.hex() !== checked.total.hex()) {
      await writer.close(m0, { runs: { total: 0, ok: 0, failed: 0 }, points: [], analysis: null }).catch(() => {});
      process.stderr.write('merge: nothing written (a part changed while it was being merged)\n');
      return 2;
    }
    const runs = parts.reduce((s, p) => s + p.manifest.results.runs, 0);
    const ok = parts.reduce((s, p) => s + p.manifest.results.ok, 0);
    const failed = parts.reduce((s, p) => s + p.manifest.results.failed, 0);
    const summary = mergeSummaries(
      exp,
      parts.map((p) => p.summary!.points),
      true,
    );
    const manifest = buildManifest(
      exp,
      { concerto: m0.concerto, git: m0.git, runtime: m0.runtime },
      { series: m0.series, shard: null },
      {
        runs,
        ok,
        failed,
        rows: written.total.rows,
        checksum: written.total.hex(),
        complete: true,
      },
    );
    await writer.close(manifest, summary);
    staged.commit();
    return 0;
  } finally {
    staged.discard();
    for (const [sig, h] of handlers) process.removeListener(sig, h);
  }
}
