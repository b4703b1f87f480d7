// Bundles a TypeScript entry and everything it imports into ES modules under
// node_modules/.cache/concerto/, rebuilt only when an input changed. The CLI and its worker threads
// then start in a fraction of the time tsx takes to load every module: no build step to remember,
// nothing prebuilt in git. Plain JavaScript: cli/concerto.mjs uses it before any TypeScript can load.
//
// Code splitting: each `import()` becomes its own chunk, so a command loads only what it uses (the
// server's ws and better-sqlite3 for `serve`, mathjs for derived metrics) and start-up parses a
// fraction of the 2 MB a single file would hold.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A build directory no stamp points to is removed once it is this old (a process may still load its chunks). */
const STALE_BUILD_MS = 24 * 60 * 60 * 1000;

/**
 * The files whose size and mtime decide whether a bundle is fresh: every input outside
 * node_modules, and for each package inside it only its package.json (an install or update rewrites
 * it; nobody edits a dependency's files in place). mathjs alone has a thousand inputs, so this turns
 * about 1,200 stats at every start into about 170.
 */
function watched(inputs) {
  const out = new Set();
  for (const file of inputs) {
    const m = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    out.add(m ? `${m[1]}/package.json` : file);
  }
  return [...out];
}

function signature(files) {
  const sig = {};
  for (const file of files) {
    const st = statSync(resolve(ROOT, file));
    sig[file] = [st.size, st.mtimeMs];
  }
  return sig;
}

/** The entry file of the build the stamp names, when that build is complete and no watched file changed. */
function fresh(stampPath) {
  try {
    const { dir, entry, files } = JSON.parse(readFileSync(stampPath, 'utf8'));
    const list = Object.entries(files);
    if (list.length === 0) return null;
    for (const [file, [size, mtime]] of list) {
      const st = statSync(resolve(ROOT, file));
      if (st.size !== size || st.mtimeMs !== mtime) return null;
    }
    const path = join(CACHE_DIR, dir, entry);
    statSync(path);
    return path;
  } catch {
    return null;
  }
}

/** Through a temporary file and a rename, so that concurrent processes never read half a file. */
function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Remove old build directories of `prefix` that `keep` is not, once nothing can be loading them. */
function sweepOldBuilds(prefix, keep) {
  const now = Date.now();
  for (const name of readdirSync(CACHE_DIR)) {
    if (!name.startsWith(`${prefix}.`) || name === keep || name.endsWith('.json')) continue;
    try {
      if (now - statSync(join(CACHE_DIR, name)).mtimeMs > STALE_BUILD_MS)
        rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * The path of the bundled entry module of `entry` (a .ts file path), built with esbuild when
 * missing or stale. Each build goes to a directory of its own and a stamp file (written last,
 * atomically) names it, so processes building at the same moment never mix each other's chunks.
 * @param {string} entry
 * @returns {Promise<string>}
 */
export async function bundle(entry) {
  const abs = resolve(entry);
  const key = createHash('sha1').update(relative(ROOT, abs)).digest('hex').slice(0, 8);
  const name = basename(abs).replace(/\.[^.]+$/, '');
  const prefix = `${name}-${key}`;
  const stampPath = join(CACHE_DIR, `${prefix}.json`);
  const cached = fresh(stampPath);
  if (cached) return cached;
  const esbuild = await import('esbuild').catch(() => {
    throw new Error(
      'esbuild is missing: run npm ci in the Concerto checkout (the CLI is bundled by esbuild on first use)',
    );
  });
  const dir = `${prefix}.${Date.now().toString(36)}${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const outdir = join(CACHE_DIR, dir);
  const result = await esbuild.build({
    entryPoints: { [name]: abs },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    // Keep the optional esbuild import of this module out of the bundle.
    external: ['esbuild'],
    // seedrandom is CommonJS and asks for require('crypto') (inside a try): give it a real require.
    banner: {
      js: "import { createRequire as __concertoRequire } from 'node:module'; const require = __concertoRequire(import.meta.url);",
    },
  });
  const files = signature(watched(Object.keys(result.metafile.inputs)));
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  writeAtomic(stampPath, JSON.stringify({ dir, entry: `${name}.mjs`, files }));
  sweepOldBuilds(prefix, dir);
  return join(outdir, `${name}.mjs`);
}
