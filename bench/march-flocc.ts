/**
 * Peer comparison: March (1991) in Concerto (sim/reference/march1991.ts, typed arrays) against the
 * same model written idiomatically with flocc 0.7.0 (an Environment of Agents with rules, data set
 * through get/set and rule return values, as flocc's documentation shows). Both draw from the same
 * seeded engine streams in the same order, so a seed gives both the same end states: the checksums
 * prove the comparison is like for like.
 *
 *   npx tsx bench/march-flocc.ts
 *
 * Reading christensen2015 (the default), m = 30, n = 50, p1 = .1, p2 = .5, runs to the absorbing
 * equilibrium. Each side: warm-up, then timed for at least `seconds` of this thread's CPU time
 * (default 1 s), the two sides in alternating slices, in one process; hashing the end states is
 * outside the timing.
 *
 * flocc gotcha: `env.tick()` defaults to `randomizeOrder: true`, shuffling agents with a module-level
 * generator (Math.random unless `utils.seed()` was called); we tick with `{ randomizeOrder: false }`.
 */
import { Agent, Environment } from 'flocc';
import { createStreams, type Stream, type Streams } from '../sim/engine/rng.ts';
import { march1991Model, type MarchState } from '../sim/reference/march1991.ts';
import { murmur3_32 } from '../sim/engine/hash.ts';
import { threadCpuSeconds } from './thread-cpu.ts';

const SEED = 2024;
const PARAMS = {
  m: 30,
  n: 50,
  p1: 0.1,
  p2: 0.5,
  fastLearners: 0,
  p1Fast: 0.9,
  p3: 0,
  p4: 0,
  maxPeriods: 10_000,
  fixedPeriods: 0,
  reading: 'christensen2015',
};

/** A run's end state, hashed: period, reality, code and every belief. */
function stateHash(
  period: number,
  reality: ArrayLike<number>,
  code: ArrayLike<number>,
  beliefs: ArrayLike<number>[],
): number {
  const parts = [String(period), Array.from(reality).join(','), Array.from(code).join(',')];
  for (const b of beliefs) parts.push(Array.from(b).join(','));
  return murmur3_32(parts.join('|'));
}

// ---------------------------------------------------------------------------------------- Concerto

/**
 * A run to equilibrium; it returns the hash of its end state as a function, so the timing measures
 * the runs and the checksum alone pays for hashing.
 */
function runConcerto(replicate: number): () => number {
  const scenario = {
    formatVersion: 1 as const,
    name: 'bench',
    model: 'march1991',
    params: PARAMS,
    events: [],
    meta: {},
    data: {},
  };
  const s: MarchState = march1991Model.init(scenario, createStreams(march1991Model.streams, SEED, replicate), {
    cycles: march1991Model.defaultCycles,
  });
  while (!march1991Model.done!(s)) march1991Model.step(s);
  return () => {
    const rows: Int8Array[] = [];
    for (let i = 0; i < s.n; i++) rows.push(s.beliefs.subarray(i * s.m, (i + 1) * s.m));
    return stateHash(s.period, s.reality, s.code, rows);
  };
}

// ---------------------------------------------------------------------------------------- flocc

/**
 * The flocc version. Reality and the code are Environment data; each individual is an Agent whose
 * `tick` function acts (a belief of 0 acts as a coin flip), returns its actions and score (flocc sets
 * returned data after the tick) and sets its `queue` function to socialize (flocc runs `queue`
 * functions once, after every agent's `tick`, so all act before any is socialized). The organization
 * is the last Agent: its `queue` function lets the code learn from the superior group once everyone
 * has been socialized to the code as it stood at the start of the period.
 *
 * flocc 0.7.0's type declarations still list Agent.addRule/enqueue, but its runtime has neither: behaviour
 * is attached with `agent.set('tick', fn)` and `agent.set('queue', fn)`, as its README shows.
 */
function runFlocc(replicate: number): () => number {
  const { m, n, p1, p2, p3, p4, maxPeriods } = PARAMS;
  const streams: Streams = createStreams(march1991Model.streams, SEED, replicate);
  const envS = streams.environment!;
  const indS = streams.individuals!;
  const codeS = streams.code!;
  const tovS = streams.turnover!;
  const coin = (s: Stream) => (s.next() < 0.5 ? 1 : -1);

  const env = new Environment();
  env.set(
    'reality',
    Array.from({ length: m }, () => coin(envS)),
  );
  env.set('code', new Array<number>(m).fill(0));

  // Reality, first in the order: turbulence at the start of each period.
  const world = new Agent();
  world.set('tick', (agent: Agent) => {
    if (p4 > 0)
      agent.environment.set(
        'reality',
        (agent.environment.get('reality') as number[]).map((v) => (envS.next() < p4 ? -v : v)),
      );
  });
  env.addAgent(world);

  const socialize = (agent: Agent) => {
    const code = agent.environment.get('code') as number[];
    const rate = agent.get('p1') as number;
    return {
      beliefs: (agent.get('beliefs') as number[]).map((b, d) => {
        const c = code[d]!;
        return c !== 0 && b !== c && indS.next() < rate ? b + c : b;
      }),
    };
  };
  const act = (agent: Agent) => {
    if (p3 > 0 && tovS.next() < p3)
      agent.set(
        'beliefs',
        Array.from({ length: m }, () => tovS.int(3) - 1),
      );
    const reality = agent.environment.get('reality') as number[];
    const actions = (agent.get('beliefs') as number[]).map((b) => (b !== 0 ? b : coin(indS)));
    let score = 0;
    actions.forEach((a, d) => (score += a * reality[d]!));
    agent.set('queue', socialize);
    return { actions, score };
  };
  const individuals: Agent[] = [];
  for (let i = 0; i < n; i++) {
    const a = new Agent({ beliefs: Array.from({ length: m }, () => indS.int(3) - 1), p1 });
    a.set('tick', act);
    env.addAgent(a);
    individuals.push(a);
  }

  const learn = (org: Agent) => {
    const e = org.environment;
    const reality = e.get('reality') as number[];
    const code = e.get('code') as number[];
    const codeScore = code.reduce((t, c, d) => t + c * reality[d]!, 0);
    const superior = individuals.filter((a) => (a.get('score') as number) > codeScore);
    if (superior.length === 0) return;
    const votes = code.map((_, d) => superior.reduce((t, a) => t + (a.get('actions') as number[])[d]!, 0));
    e.set(
      'code',
      code.map((c, d) => {
        const v = votes[d]!;
        if (v === 0) return c;
        const target = v > 0 ? 1 : -1;
        return c !== target && codeS.next() < 1 - Math.pow(1 - p2, Math.abs(v)) ? target : c;
      }),
    );
  };
  const org = new Agent();
  org.set('tick', (agent: Agent) => agent.set('queue', learn));
  env.addAgent(org);

  /** Absorbing (p3 = p4 = 0): nobody differs from a non-zero code value and nobody could outscore the code. */
  const absorbed = () => {
    const reality = env.get('reality') as number[];
    const code = env.get('code') as number[];
    const codeScore = code.reduce((t, c, d) => t + c * reality[d]!, 0);
    const differs = individuals.some((a) =>
      (a.get('beliefs') as number[]).some((b, d) => code[d] !== 0 && b !== code[d]),
    );
    const couldLead =
      p2 > 0 &&
      individuals.some(
        (a) => (a.get('beliefs') as number[]).reduce((t, b, d) => t + (b === 0 ? 1 : b * reality[d]!), 0) > codeScore,
      );
    return !differs && !couldLead;
  };

  let period = 0;
  do {
    env.tick({ randomizeOrder: false });
    period++;
  } while (period < maxPeriods && !(p3 === 0 && p4 === 0 && absorbed()));
  return () =>
    stateHash(
      period,
      env.get('reality') as number[],
      env.get('code') as number[],
      individuals.map((a) => a.get('beliefs') as number[]),
    );
}

// ---------------------------------------------------------------------------------------- timing

type Run = (replicate: number) => () => number;

/**
 * Runs per CPU-second of this thread for each side (thread-cpu.ts: a thread waiting for a core
 * accrues none, so load from other processes does not enter the ratio). After a warm-up the sides
 * take turns, `rounds` slices of seconds/rounds each, so that a drift in the machine's state (CPU
 * frequency, caches shared with neighbours) falls on both alike.
 */
function timeRuns(sides: Run[], seconds: number, rounds = 4): number[] {
  for (const run of sides) for (let r = 0; r < 20; r++) run(r); // warm-up
  const runs = sides.map(() => 0);
  const cpu = sides.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    sides.forEach((run, k) => {
      const t0 = threadCpuSeconds();
      let elapsed = 0;
      while (elapsed < seconds / rounds) {
        run(runs[k]! % 1000);
        runs[k]!++;
        elapsed = threadCpuSeconds() - t0;
      }
      cpu[k]! += elapsed;
    });
  }
  return runs.map((n, k) => n / cpu[k]!);
}

function checksum(run: Run, replicates: number): string {
  let h = 0;
  for (let r = 0; r < replicates; r++) h = murmur3_32(`${h}:${run(r)()}`);
  return h.toString(16).padStart(8, '0');
}

export interface MarchVsFlocc {
  /** Runs per CPU-second of the measuring thread (so are flocc's). */
  concertoRunsPerSecond: number;
  floccRunsPerSecond: number;
  /** Concerto's runs per second over flocc's. */
  ratio: number;
  checksumsEqual: boolean;
  concertoChecksum: string;
  floccChecksum: string;
}

/** Time both implementations in this process (warm-up, then ≥ `seconds` of thread CPU each, in turns) and compare checksums over 50 seeds. */
export async function benchMarchVsFlocc(
  options: { seconds?: number; replicates?: number } = {},
): Promise<MarchVsFlocc> {
  const seconds = options.seconds ?? 1;
  const replicates = options.replicates ?? 50;
  const concertoChecksum = checksum(runConcerto, replicates);
  const floccChecksum = checksum(runFlocc, replicates);
  const [c, f] = timeRuns([runConcerto, runFlocc], seconds) as [number, number];
  return {
    concertoRunsPerSecond: c,
    floccRunsPerSecond: f,
    ratio: c / f,
    checksumsEqual: concertoChecksum === floccChecksum,
    concertoChecksum,
    floccChecksum,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchMarchVsFlocc({ seconds: Number(process.argv[2] ?? 1) });
  console.log(`March 1991 (christensen2015, m = 30, n = 50, p1 = .1, p2 = .5, to equilibrium), seed ${SEED}`);
  console.log(`  Concerto : ${r.concertoRunsPerSecond.toFixed(0)} runs/CPU-s   checksum ${r.concertoChecksum}`);
  console.log(`  flocc    : ${r.floccRunsPerSecond.toFixed(0)} runs/CPU-s   checksum ${r.floccChecksum}`);
  console.log(
    `  ratio Concerto/flocc: ${r.ratio.toFixed(2)}x; checksums ${r.checksumsEqual ? 'equal' : 'DIFFER'} (50 seeds)`,
  );
  if (!r.checksumsEqual) process.exitCode = 1;
}
