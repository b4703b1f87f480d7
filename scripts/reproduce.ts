// `npm run reproduce`: regenerates docs/calibration.md (patterns SF1–SF5, each on 20 base seeds)
// and docs/hypotheses.md (H1–H10: statistic, 95% CI, verdict, chart) from the bundled experiment
// files, from scratch, and prints how long it took. The criteria and verdict rules were written
// before the runs they judge; a pattern that does not hold is reported with its numbers. The parts
// are in scripts/reproduce/: common.ts (settings, runs, formats), patterns.ts, hypotheses.ts,
// documents.ts; the March (1991) validation is scripts/reproduce-march.ts.
import { writeFileSync } from 'node:fs';
import { createNodePool } from '../cli/pool-node.ts';
import { GOVERNANCE_VERSION } from '../sim/model/governance.ts';
import { reproduceMarch } from './reproduce-march.ts';
import { root, type Reproduction } from './reproduce/common.ts';
import { calibrationMarkdown, hypothesesMarkdown } from './reproduce/documents.ts';
import { reproduceHypotheses } from './reproduce/hypotheses.ts';
import { reproducePatterns } from './reproduce/patterns.ts';
import { leverSensitivity, sensitivityMarkdown } from './sensitivity.ts';

const started = performance.now();
const SEEDS = Array.from({ length: 20 }, (_, k) => k + 1); // robustness seeds, fixed in advance
const quick = process.argv.includes('--quick'); // fewer seeds and replicates, for a smoke run
const seeds = quick ? SEEDS.slice(0, 2) : SEEDS;
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
// `--only=SF4,H5` runs just those (for work on one pattern) and prints their numbers; no document or
// figure is then written.
const only =
  process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? null;
const wanted = (id: string) => only === null || only.includes(id);
const pool = await createNodePool(workersArg ? { workers: Number(workersArg.slice(10)) } : {});
const reproduction: Reproduction = { quick, seeds, wanted, pool, started, figures: only === null };

const patterns = await reproducePatterns(reproduction);
const hyps = await reproduceHypotheses(reproduction);
// Lever sensitivity (docs/sensitivity.md): one thread, 100 paired replicates per setting.
let sensitivity = '';
if (wanted('sensitivity')) {
  const t0 = performance.now();
  const reps = quick ? 10 : 100;
  sensitivity = sensitivityMarkdown(leverSensitivity(reps), reps, GOVERNANCE_VERSION, (performance.now() - t0) / 1000);
  console.error(`sensitivity: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
// March (1991) and the bridge write docs/validation.md, so they run only when the documents are
// written (`npx tsx bench/march-validation.ts` runs them alone).
if (only === null) await reproduceMarch(pool, { quick });
await pool.close();

const took = (performance.now() - started) / 1000;
const cal = calibrationMarkdown(patterns, { quick, took, seeds });
const hyp = hypothesesMarkdown(hyps, { quick, took, seeds });
if (only === null) {
  writeFileSync(`${root}docs/calibration.md`, cal);
  writeFileSync(`${root}docs/hypotheses.md`, hyp);
  writeFileSync(`${root}docs/sensitivity.md`, sensitivity);
} else {
  for (const p of patterns) console.log(`${p.id}\n${p.detail}`);
  for (const h of hyps) console.log(`${h.id}: ${h.verdict}; ${h.statistic}`);
}
console.log(
  only === null
    ? `reproduce: wrote docs/calibration.md, docs/hypotheses.md, docs/sensitivity.md and docs/validation.md in ${took.toFixed(1)} s`
    : `reproduce: ran ${only.join(', ')} in ${took.toFixed(1)} s; no document written`,
);
