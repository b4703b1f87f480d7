/**
 * March (1991) validation alone: the March part of `npm run reproduce` (scripts/reproduce-march.ts),
 * which runs the bundled experiments scenarios/experiments/march1991-figure1 … figure5.json and
 * bridge-governance-march.json through a worker pool and writes docs/validation.md.
 *
 *   npx tsx bench/march-validation.ts [figure-1 replicates] [figure replicates] [--workers=N] [--quick]
 *
 * Without numbers each experiment runs with the replicates its file gives (the document of record);
 * numbers override them (the document says which were used).
 */
import { createNodePool } from '../cli/pool-node.ts';
import { reproduceMarch } from '../scripts/reproduce-march.ts';

const args = process.argv.slice(2);
const numbers = args.filter((a) => !a.startsWith('--')).map(Number);
for (const n of numbers)
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`replicates must be whole numbers ≥ 2, got ${n}`);
const workersArg = args.find((a) => a.startsWith('--workers='));
const pool = await createNodePool(workersArg ? { workers: Number(workersArg.slice('--workers='.length)) } : {});
try {
  await reproduceMarch(pool, {
    quick: args.includes('--quick'),
    ...(numbers[0] !== undefined ? { figure1Replicates: numbers[0] } : {}),
    ...(numbers[1] !== undefined ? { figureReplicates: numbers[1] } : {}),
  });
} finally {
  await pool.close();
}
