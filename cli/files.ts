// Output files that are never half-written: written under a temporary name beside the target and
// renamed over it only once everything checked out (a rename within one folder is atomic), and the
// identity of paths, so that a command never writes over one of its own inputs.
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { UsageError } from './args.ts';
import { basename, dirname, join, resolve } from 'node:path';

/** Where a file is written before it is renamed to `path`: beside it, so the rename stays in one folder. */
export function partialPath(path: string): string {
  return join(dirname(path), `${basename(path)}.partial-${process.pid}`);
}

/**
 * The canonical form of a path that may not exist yet: its folder's real path (symbolic links
 * resolved) and its name, or the file's own real path when it exists.
 */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

export function samePath(a: string, b: string): boolean {
  return canonicalPath(a) === canonicalPath(b);
}

/**
 * Files written under temporary names, renamed to their targets by `commit` (in the order added,
 * so the manifest, added last, lands last) or removed by `discard` (also on any failure).
 */
export class StagedFiles {
  private readonly staged: { temp: string; target: string }[] = [];

  /** The temporary name to write `target` under. */
  stage(target: string): string {
    const temp = partialPath(target);
    this.staged.push({ temp, target });
    return temp;
  }

  commit(): void {
    for (const { temp, target } of this.staged) renameSync(temp, target);
    this.staged.length = 0;
  }

  discard(): void {
    for (const { temp } of this.staged) if (existsSync(temp)) rmSync(temp, { force: true });
    this.staged.length = 0;
  }
}

/** Write a whole file under a temporary name, then rename it into place: readers see the old file or the new one. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = partialPath(path);
  try {
    await writeFile(temp, text);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
