// Bundles a TypeScript entry and everything it imports into one ES module under
// node_modules/.cache/concerto/, rebuilt only when an input changed (size or mtime). The CLI and
// its worker threads then start in a fraction of the time tsx takes to load every module
// (TOOLCHAIN.md §4): no build step to remember, nothing prebuilt in git.
// Plain JavaScript: cli/concerto.mjs uses it before any TypeScript can load.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest directory above this file with Concerto's package.json. */
export function findRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'concerto') return dir;
    } catch {
      // not here
    }
    if (dirname(dir) === dir) throw new Error(`no Concerto package.json above ${from}`);
  }
}

export const ROOT = findRoot();
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'concerto');

function fresh(stampPath, outPath) {
  if (!existsSync(stampPath) || !existsSync(outPath)) return false;
  try {
    const { inputs } = JSON.parse(readFileSync(stampPath, 'utf8'));
    const files = Object.entries(inputs);
    for (const [file, [size, mtime]] of files) {
      const st = statSync(resolve(ROOT, file));
      if (st.size !== size || st.mtimeMs !== mtime) return false;
    }
    return files.length > 0;
  } catch {
    return false;
  }
}

/** Through a temporary file and a rename, so that concurrent processes never read half a file. */
function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * The path of the bundle of `entry` (a .ts file path), built with esbuild when missing or stale;
 * null when esbuild cannot be loaded (callers fall back to tsx).
 * @param {string} entry
 * @returns {Promise<string | null>}
 */
export async function bundle(entry) {
  const abs = resolve(entry);
  const key = createHash('sha1').update(relative(ROOT, abs)).digest('hex').slice(0, 8);
  const name = basename(abs).replace(/\.[^.]+$/, '');
  const outPath = join(CACHE_DIR, `${name}-${key}.mjs`);
  const stampPath = join(CACHE_DIR, `${name}-${key}.json`);
  if (fresh(stampPath, outPath)) return outPath;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const result = await esbuild.build({
    entryPoints: [abs],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    outfile: outPath,
    // Keep the optional esbuild import of this module out of the bundle.
    external: ['esbuild'],
    // seedrandom is CommonJS and asks for require('crypto') (inside a try): give it a real require.
    banner: {
      js: "import { createRequire as __concertoRequire } from 'node:module'; const require = __concertoRequire(import.meta.url);",
    },
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(resolve(ROOT, file));
    inputs[file] = [st.size, st.mtimeMs];
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeAtomic(outPath, result.outputFiles[0].contents);
  writeAtomic(stampPath, JSON.stringify({ inputs }));
  return outPath;
}
