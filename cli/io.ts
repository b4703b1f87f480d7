// Files, output streams and provenance for the CLI.
import { once } from 'node:events';
import {
  closeSync,
  constants,
  createWriteStream,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { printable } from '../sim/engine/errors.ts';
import { jsonShapeProblem, jsonSyntaxProblem } from '../sim/engine/json.ts';
import type { Provenance } from '../sim/experiment/manifest.ts';
import pkg from '../package.json' with { type: 'json' };
import { UsageError } from './args.ts';
import { ROOT } from './bundle.mjs';

/** The project root (where package.json, scenarios/ and .git are), also when running from a bundle. */
export { ROOT };
export const EXPERIMENTS_DIR = join(ROOT, 'scenarios', 'experiments');

/**
 * Size caps on what the CLI reads whole (docs/formats.md §14): a scenario, experiment or exercise
 * file is a few kilobytes to a few megabytes; a manifest file (its summary grows with the points)
 * and a `--format json` sweep output (it holds its rows) may be larger. CSV and JSONL rows are
 * streamed, not read whole.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/**
 * A regular file's text, at most `cap` bytes. Devices, pipes and folders are refused before they
 * are opened (`/dev/zero` never ends, opening a FIFO waits for a writer); the size is checked
 * before reading, and again on the open file, so nothing larger than the cap is ever read.
 */
export function readText(path: string, what = 'file', cap = MAX_INPUT_BYTES): string {
  const fail = (why: string): never => {
    throw new UsageError(`${printable(path)}: cannot read this ${what} (${why})`);
  };
  let fd: number | null = null;
  try {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      return fail((e as NodeJS.ErrnoException).code ?? 'not found');
    }
    if (!st.isFile()) return fail(st.isDirectory() ? 'it is a folder' : 'not a regular file');
    if (st.size > cap) return fail(`${st.size} bytes, more than the limit of ${mib(cap)} for a ${what}`);
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      return fail((e as NodeJS.ErrnoException).code ?? 'cannot open');
    }
    const again = fstatSync(fd);
    if (!again.isFile()) return fail('not a regular file');
    // Read up to one byte past the cap: a file that grew since stat is caught too.
    const buf = Buffer.alloc(Math.min(cap + 1, again.size + 1));
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n === buf.length) {
        if (n > cap) return fail(`more than the limit of ${mib(cap)} for a ${what}`);
        break;
      }
    }
    return buf.toString('utf8', 0, n);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * JSON text to a value. A syntax error names the line and column, never the text around it (an
 * error message must not print the first bytes of a file that was not meant to be read); nesting
 * deeper than MAX_JSON_DEPTH, or a string longer than MAX_JSON_STRING, is refused naming where.
 */
export function parseJson(text: string, path: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const p = jsonSyntaxProblem(text);
    throw new UsageError(
      `${printable(path)}: not valid JSON${p ? ` (line ${p.line}, column ${p.column}: ${p.rule})` : ''}`,
    );
  }
  const shape = jsonShapeProblem(value);
  if (shape !== null)
    throw new UsageError(`${printable(path)}: ${printable(shape.path || '(root)', 120)}: ${shape.rule}`);
  return value;
}

export function readJson(path: string, what = 'file', cap = MAX_INPUT_BYTES): unknown {
  return parseJson(readText(path, what, cap), path);
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
    const common = existsSync(join(gitDir, 'commondir'))
      ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
      : gitDir;
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
    return readdirSync(EXPERIMENTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
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
  private constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly owned: boolean,
  ) {}

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
