import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Write dist/precache.json: every built file and public file, for public/sw.js to cache at install. */
function precacheList(): Plugin {
  return {
    name: 'concerto-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync(resolve(import.meta.dirname, 'public')).filter((f) => f !== 'sw.js');
      const files = [...Object.keys(bundle).filter((f) => !f.endsWith('.map')), ...publicFiles].sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: `${JSON.stringify({ files }, null, 1)}\n` });
    },
  };
}

export default defineConfig({
  base: './',
  worker: { format: 'es' },
  plugins: [precacheList()],
  build: { target: 'es2022', outDir: 'dist' },
});
