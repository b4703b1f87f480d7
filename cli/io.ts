// Files, output streams and provenance for the CLI.
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Provenance } from '../sim/experiment/manifest.ts';
import pkg from '../package.json' with { type: 'json' };
import { UsageError } from './args.ts';
import { ROOT } from './bundle.mjs';

/** The project root (where package.json, scenarios/ and .git are), also when running from a bundle. */
export { ROOT };
export const EXPERIMENTS_DIR = join(ROOT, 'scenarios', 'experiments');

export function readText(path: string, what = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: cannot read this ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function readJson(path: string, what = 'file'): unknown {
  return parseJson(readText(path, what), path);
}

/** The commit checked out at the project root, read from .git (null when there is none). */
export function gitCommit(root = ROOT): string | null {
  try {
    let gitDir = join(root, '.git');
    if (statSync(gitDir).isFile()) {
      const m = /^gitdir:\s*(.+)\s*$/m.exec(readFileSync(gitDir, 'utf8'));
      if (!m) return null;
      gitDir = resolve(root, m[1]!);
    }
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref) return null;
    // A worktree keeps refs in the common dir.
    const common = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const dir of [gitDir, common]) {
      const p = join(dir, ref);
      if (existsSync(p)) return readFileSync(p, 'utf8').trim();
    }
    for (const dir of [gitDir, common]) {
      const packed = join(dir, 'packed-refs');
      if (!existsSync(packed)) continue;
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const [hash, name] = line.split(' ');
        if (name === ref && hash) return hash;
      }
    }
    return null;
  } catch {
    return null;
  }
}

export function provenance(): Provenance {
  return { concerto: pkg.version, git: gitCommit(), runtime: `node ${process.versions.node}` };
}

export const CONCERTO_VERSION: string = pkg.version;

/** Names of the experiment files in scenarios/experiments/ (without .json). */
export function bundledExperimentNames(): string[] {
  try {
    return readdirSync(EXPERIMENTS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

/** `x.csv` → `x.manifest.json`: where the manifest of a rows file goes. */
export function manifestPathFor(out: string): string {
  const ext = extname(out);
  return `${ext ? out.slice(0, -ext.length) : out}.manifest.json`;
}

/**
 * Buffered text output to a file or stdout, honouring backpressure: `write` returns a promise
 * only when the buffer was handed to the stream and the stream asked to wait.
 */
export class Sink {
  private parts: string[] = [];
  private size = 0;
  private flushedAt = Date.now();
  private constructor(private readonly stream: NodeJS.WritableStream, private readonly owned: boolean) {}

  static async open(path: string | undefined): Promise<Sink> {
    if (path === undefined) return new Sink(process.stdout, false);
    const stream = createWriteStream(path);
    try {
      await once(stream, 'open');
    } catch (e) {
      throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return new Sink(stream, true);
  }

  /** Buffers; hands the buffer to the stream at 64 KB, or after a second (so a file shows progress). */
  write(text: string): void | Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16 || Date.now() - this.flushedAt >= 1000) return this.flush();
  }

  async flush(): Promise<void> {
    this.flushedAt = Date.now();
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.owned) {
      const done = once(this.stream, 'close');
      this.stream.end();
      await done;
    }
  }
}

/** Write a whole text to a file or stdout. */
export async function writeAll(path: string | undefined, text: string): Promise<void> {
  const sink = await Sink.open(path);
  await sink.write(text);
  await sink.close();
}
