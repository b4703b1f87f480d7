// concerto merge <parts…> --out FILE: shards 1/N … N/N back into exactly the unsharded output.
import { canonicalJson } from '../sim/engine/canonical.ts';
import { ScenarioError } from '../sim/engine/errors.ts';
import { buildManifest, experimentFromManifest, type SweepManifest } from '../sim/experiment/manifest.ts';
import { Checksum, type Row } from '../sim/experiment/rows.ts';
import { mergeSummaries } from '../sim/experiment/sweep.ts';
import { last, parseFlags, UsageError } from './args.ts';
import { openRowWriter, rowFormat } from './output.ts';
import { openPart, type Part } from './parts.ts';

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
      const keys = Object.keys(a).filter((k) => k !== 'shard' && k !== 'results' && canonicalJson(a[k]) !== canonicalJson(b[k]));
      throw new UsageError(`${p.path}: is not a shard of the same sweep as ${first.path} (differs in ${keys.join(', ') || 'its fields'})`);
    }
    if (s.count !== count) throw new UsageError(`${p.path}: is shard ${s.index}/${s.count}, not of ${count} shards like ${first.path}`);
    if (seen.has(s.index)) throw new UsageError(`${p.path}: shard ${s.index}/${s.count} is also ${seen.get(s.index)}`);
    if (!p.manifest.results.complete) throw new UsageError(`${p.path}: is incomplete (the sweep was cancelled)`);
    seen.set(s.index, p.path);
  }
  const missing: string[] = [];
  for (let i = 1; i <= count!; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  if (missing.length > 0) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return count!;
}

const key = (r: Row): [number, number, number] => [r.point as number, r.replicate as number, (r.cycle as number | undefined) ?? 0];
function before(a: Row, b: Row): boolean {
  const x = key(a);
  const y = key(b);
  return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
}

export async function mergeCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, { '--out': 'value', '--format': 'value', '--manifest': 'value' });
  if (flags.positional.length === 0) throw new UsageError('merge needs the shard outputs to merge (e.g. part-1.csv part-2.csv)');
  const out = last(flags, '--out');
  const format = rowFormat(last(flags, '--format'), out);
  const parts = flags.positional.map(openPart);
  checkShards(parts);
  const m0 = parts[0]!.manifest;
  let exp;
  try {
    exp = experimentFromManifest(m0);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(`${parts[0]!.path}: its embedded experiment does not resolve (${e.issues[0] ? `${e.issues[0].path}: ${e.issues[0].rule}` : ''})`);
    throw e;
  }
  for (const p of parts) if (!p.summary) throw new UsageError(`${p.path}: its manifest file has no summary`);

  const writer = await openRowWriter(format, out, m0.columns, last(flags, '--manifest'));
  const sums = parts.map(() => new Checksum());
  const its = parts.map((p) => p.rows());
  const heads = its.map((it) => it.next());
  const total = new Checksum();
  for (;;) {
    let k = -1;
    for (let j = 0; j < heads.length; j++) {
      const h = heads[j]!;
      if (!h.done && (k < 0 || before(h.value, (heads[k]!.value as Row)))) k = j;
    }
    if (k < 0) break;
    const row = heads[k]!.value as Row;
    sums[k]!.add(row);
    total.add(row);
    await writer.write([row]);
    heads[k] = its[k]!.next();
  }
  const bad = parts.filter((p, j) => sums[j]!.hex() !== p.manifest.results.checksum || sums[j]!.rows !== p.manifest.results.rows);
  const runs = parts.reduce((s, p) => s + p.manifest.results.runs, 0);
  const ok = parts.reduce((s, p) => s + p.manifest.results.ok, 0);
  const failed = parts.reduce((s, p) => s + p.manifest.results.failed, 0);
  const summary = mergeSummaries(exp, parts.map((p) => p.summary!.points), true);
  const manifest = buildManifest(exp, { concerto: m0.concerto, git: m0.git, runtime: m0.runtime }, { series: m0.series, shard: null }, {
    runs, ok, failed, rows: total.rows, checksum: total.hex(), complete: true,
  });
  await writer.close(manifest, summary);
  if (bad.length > 0) {
    for (const p of bad) process.stderr.write(`${p.path}: its rows do not match the checksum its manifest records (${p.manifest.results.checksum})\n`);
    return 2;
  }
  return 0;
}
