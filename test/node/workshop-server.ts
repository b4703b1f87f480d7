// Shared by the workshop tests that run the real `concerto serve` process: start it on a free port
// (--port 0, the port read from its `listening on` line) and stop it by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export async function startServe(data: string, extra: string[] = []): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['cli/concerto.mjs', 'serve', '--port', '0', '--data', data, '--no-build', ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`concerto serve exited (${code}) before listening:\n${out}`)));
  });
  return { child, url, output: () => out };
}

/** Stop a server by its pid (SIGKILL when asked, else SIGTERM) and wait for it to exit. */
export async function stopServe(s: Served | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return s?.child.exitCode ?? null;
  const exited = new Promise<number | null>((ok) => s.child.once('exit', (code) => ok(code)));
  process.kill(s.child.pid!, signal);
  return exited;
}

export async function api(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
