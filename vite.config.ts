import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Write dist/sw.js from viz/sw/sw.js with the build's precache list inside it (every built file and
 * public file, and the app shell) and a version that is a hash of their names and contents: a build
 * that changes any file gives a new sw.js, a new cache name, and the browser installs it.
 */
function serviceWorker(): Plugin {
  return {
    name: 'concerto-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const publicDir = resolve(import.meta.dirname, 'public');
      const publicFiles = readdirSync(publicDir).sort();
      const built = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const f of built) {
        const item = bundle[f]!;
        hash
          .update(`${f}\0`)
          .update(item.type === 'chunk' ? item.code : item.source)
          .update('\0');
      }
      for (const f of publicFiles)
        hash
          .update(`${f}\0`)
          .update(readFileSync(join(publicDir, f)))
          .update('\0');
      const version = hash.digest('hex').slice(0, 16);
      const files = ['./', ...[...built, ...publicFiles].sort().map((f) => `./${f}`)];
      const template = readFileSync(resolve(import.meta.dirname, 'viz/sw/sw.js'), 'utf8');
      if (!template.includes("'__VERSION__'") || !template.includes('[/* __PRECACHE__ */]'))
        throw new Error('viz/sw/sw.js lost its placeholders');
      const source = template
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('[/* __PRECACHE__ */]', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  plugins: [serviceWorker()],
  build: { target: 'es2022', outDir: 'dist' },
});
