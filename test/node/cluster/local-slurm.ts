// A real single-node Slurm on localhost for tests, from Debian's `slurm-wlm` and `munge`: a fresh
// munge key and munged on a private socket, a minimal slurm.conf in a temporary folder, slurmctld
// and slurmd on free ports. Every daemon runs in the foreground under `timeout` (its own process
// group, a hard time limit even if the test runner dies) and is stopped by its process id; the
// processes of jobs (slurmstepd and what it starts) are found by an environment marker and killed
// by id too. Nothing is installed or changed outside the temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

/** The programs the local Slurm needs (Debian: `apt-get install -y slurm-wlm munge`). */
const PROGRAMS = [
  'munged',
  'mungekey',
  'munge',
  'slurmctld',
  'slurmd',
  'sbatch',
  'scontrol',
  'scancel',
  'squeue',
  'timeout',
];

function which(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin'])) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return null;
}

/** Why a local Slurm cannot be started here, or null when it can. */
export function slurmUnavailable(): string | null {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0)
    return 'needs root (slurmd runs jobs as their user and must be root; CI here runs as root)';
  const missing = PROGRAMS.filter((p) => !which(p));
  if (missing.length > 0)
    return `missing ${missing.join(', ')}: install Debian's packages with 'apt-get update && apt-get install -y slurm-wlm munge'`;
  return null;
}

/** `slurm-wlm 22.05.8` and `munge-0.5.15`, as the programs print them. */
export function versions(): { slurm: string; munge: string } {
  const v = (cmd: string, flag: string) => {
    const r = spawnSync(cmd, [flag], { encoding: 'utf8', timeout: 10_000 });
    return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
  };
  return { slurm: v(which('slurmctld')!, '-V'), munge: v(which('munged')!, '--version') };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Process ids whose environment holds `name=value` (read from /proc; unreadable ones are skipped). */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone, or a kernel thread
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes.
    return !/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

export interface SlurmJob {
  JobId: string;
  ArrayJobId?: string;
  ArrayTaskId?: string;
  JobState: string;
  Reason: string;
  ExitCode: string;
  [key: string]: string | undefined;
}

export interface LocalSlurm {
  /** The temporary folder: slurm.conf, the munge key and socket, state, spool and logs. */
  dir: string;
  /** The environment for client commands (sbatch, scontrol…) and thus for the jobs. */
  env: NodeJS.ProcessEnv;
  node: string;
  /** Run a client command; throws with its stderr when it fails. */
  run(cmd: string, args: string[]): string;
  /** Every record of a job (one per array task once they are split), from `scontrol show job -o`. */
  jobs(id: string): SlurmJob[];
  /** Wait until `done(records)` holds, polling; throws with the records after `ms`. */
  waitFor(id: string, done: (jobs: SlurmJob[]) => boolean, ms: number): Promise<SlurmJob[]>;
  /** The daemons' logs, for a failing test's message. */
  logs(): string;
  /** Cancel every job, stop the daemons by pid (SIGTERM, then SIGKILL after a grace time), kill strays; returns the pids still alive (none). */
  stop(): Promise<number[]>;
}

export const TERMINAL = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
]);

/**
 * Start munged, slurmctld and slurmd. `limitSeconds` bounds each daemon's life (they are killed by
 * `timeout` if nobody stops them), and jobs get the partition's MaxTime of a few minutes.
 */
export async function startSlurm(limitSeconds: number, extraConf: readonly string[] = []): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), 'concerto-slurm-'));
  chmodSync(dir, 0o755); // munged wants every directory above its socket searchable by all
  const marker = { name: 'CONCERTO_LOCAL_SLURM', value: dir };
  for (const d of ['munge', 'run', 'state', 'spool', 'log'])
    mkdirSync(join(dir, d), { mode: d === 'munge' ? 0o700 : 0o755 });
  const node = hostname();
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const socket = join(dir, 'run', 'munge.socket');
  const memMb = Math.max(256, Math.floor((totalmem() / 2 ** 20) * 0.8));
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      "# A single-node Slurm for Concerto's cluster test: no cgroups, no accounting database.",
      'ClusterName=concerto-test',
      `SlurmctldHost=${node}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket}`,
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'run', 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'run', 'slurmd.pid')}`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'SchedulerType=sched/builtin',
      'SchedulerParameters=sched_interval=1',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SwitchType=switch/none',
      'MpiDefault=none',
      'ReturnToService=2',
      'KillWait=10',
      'MinJobAge=3600',
      'InactiveLimit=0',
      `NodeName=${node} NodeAddr=127.0.0.1 CPUs=2 RealMemory=${memMb} State=UNKNOWN`,
      `PartitionName=local Nodes=${node} Default=YES MaxTime=10 State=UP`,
      ...extraConf,
      '',
    ].join('\n'),
  );

  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: conf, [marker.name]: marker.value };
  for (const k of Object.keys(env)) if (k.startsWith('SLURM_') && k !== 'SLURM_CONF') delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('SBATCH_')) delete env[k];

  const daemons: { name: string; child: ChildProcess }[] = [];
  const logFile = (name: string) => join(dir, 'log', `${name}.log`);
  const daemon = (name: string, args: string[]) => {
    const fd = openSync(logFile(name), 'a');
    // `timeout` puts itself and the daemon into a new process group and forwards SIGTERM.
    const child = spawn('timeout', ['--kill-after=5s', `${limitSeconds}s`, which(name)!, ...args], {
      cwd: dir,
      env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    daemons.push({ name, child });
  };

  let stopped = false;
  const killAllNow = () => {
    for (const { child } of daemons) {
      // The group of a `timeout` we started and have not seen exit (so its id cannot have been reused).
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    for (const pid of pidsWithEnv(marker.name, marker.value)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  // The test runner may end without afterAll (a crash, an exit): kill by pid on the way out.
  const onExit = () => {
    if (!stopped) killAllNow();
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* a dying daemon's file */
    }
  };
  process.once('exit', onExit);
  // A signal ends the process without 'exit': kill everything, then let the signal do what it would have done.
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (sig: NodeJS.Signals) => {
    if (!stopped) killAllNow();
    stopped = true;
    unhook();
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* a dying daemon's file */
    }
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  const unhook = () => {
    process.removeListener('exit', onExit);
    for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  };
  for (const sig of SIGNALS) process.once(sig, onSignal);

  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0)
      throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr}`);
    return r.stdout;
  };
  const jobs = (id: string): SlurmJob[] => {
    const r = spawnSync('scontrol', ['show', 'job', '-o', id], { env, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) return [];
    return r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const rec: Record<string, string> = {};
        for (const m of line.matchAll(/(\w+)=(\S*)/g)) if (!(m[1]! in rec)) rec[m[1]!] = m[2]!;
        return rec as unknown as SlurmJob;
      });
  };
  const logs = () =>
    readdirSync(join(dir, 'log'))
      .map(
        (f) =>
          `--- ${f}\n${readFileSync(join(dir, 'log', f), 'utf8')
            .split('\n')
            .slice(-40)
            .join('\n')}`,
      )
      .join('\n');
  const waitFor = async (id: string, done: (j: SlurmJob[]) => boolean, ms: number) => {
    const until = Date.now() + ms;
    for (;;) {
      const j = jobs(id);
      if (j.length > 0 && done(j)) return j;
      if (Date.now() > until)
        throw new Error(
          `job ${id}: still not done after ${ms / 1000} s: ${JSON.stringify(j.map((x) => [x.JobId, x.ArrayTaskId, x.JobState, x.Reason]))}\n${logs()}`,
        );
      await sleep(250);
    }
  };

  const stop = async (): Promise<number[]> => {
    if (stopped) return [];
    // Jobs first, while slurmd can still signal them; then the daemons, newest first.
    try {
      spawnSync('scancel', ['--full', '--user', 'root'], { env, timeout: 10_000 });
    } catch {
      /* no controller */
    }
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const q = spawnSync('squeue', ['-h', '-o', '%i'], { env, encoding: 'utf8', timeout: 10_000 });
      if (q.status !== 0 || q.stdout.trim() === '') break;
      await sleep(200);
    }
    for (const { child } of [...daemons].reverse()) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const exited = new Promise((r) => child.once('exit', r));
      await Promise.race([exited, sleep(10_000)]);
    }
    killAllNow();
    stopped = true;
    unhook();
    const until = Date.now() + 5_000;
    let left: number[];
    do {
      left = [
        ...daemons.map((d) => d.child.pid!).filter(alive),
        ...pidsWithEnv(marker.name, marker.value).filter(alive),
      ];
      if (left.length === 0) break;
      await sleep(100);
    } while (Date.now() < until);
    if (left.length === 0) rmSync(dir, { recursive: true, force: true });
    return left;
  };

  try {
    const key = join(dir, 'munge', 'munge.key');
    const mk = spawnSync('mungekey', ['--create', `--keyfile=${key}`], { encoding: 'utf8', timeout: 30_000 });
    if (mk.status !== 0) throw new Error(`mungekey: ${mk.stderr}`);
    daemon('munged', [
      '--foreground',
      `--key-file=${key}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'run', 'munged.pid')}`,
      `--seed-file=${join(dir, 'munge', 'munged.seed')}`,
      `--log-file=${logFile('munged-file')}`,
    ]);
    await waitUntil(
      () => existsSync(socket),
      15_000,
      () => `munged did not create its socket\n${logs()}`,
    );
    daemon('slurmctld', ['-D', '-i', '-f', conf]);
    daemon('slurmd', ['-D', '-f', conf, '-N', node]);
    await waitUntil(
      () => {
        const r = spawnSync('sinfo', ['-h', '-N', '-o', '%T'], { env, encoding: 'utf8', timeout: 10_000 });
        return r.status === 0 && /^idle/m.test(r.stdout);
      },
      30_000,
      () => `the node did not come up idle\n${logs()}`,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { dir, env, node, run, jobs, waitFor, logs, stop };
}

async function waitUntil(ok: () => boolean, ms: number, why: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(why());
    await sleep(200);
  }
}
