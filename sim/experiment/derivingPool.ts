// A pool whose results carry the experiment's derived metrics: workers compute the kept final
// values only (they never load mathjs), and each result is completed here, where it arrives,
// before anyone sees it — rows, summaries, stored results and analyses all get the same values.
import { withDerived } from './derived.ts';
import { experimentDerived, type Experiment } from './experiment.ts';
import type { Pool } from './pool.ts';

/** `pool` itself when the experiment has no derived metrics; else a view of it that adds them. */
export async function derivingPool(exp: Experiment, pool: Pool): Promise<Pool> {
  const derived = await experimentDerived(exp);
  if (!derived) return pool;
  return {
    get size() {
      return pool.size;
    },
    run: (plan, tasks, options) =>
      pool.run(plan, tasks, { ...options, onResult: (r, index) => options.onResult(withDerived(r, derived), index) }),
    close: () => pool.close(),
  };
}
