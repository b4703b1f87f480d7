import { defineConfig } from 'vite';

// `npm run build`'s Node half: the CLI and its worker entry as self-contained ES modules in dist-node/
// (dependencies bundled, so a worker starts in ~0.1 s: TOOLCHAIN.md §4). The CLI itself does not need
// this build: cli/concerto.mjs bundles cli/main.ts into node_modules/.cache/concerto/ on first use.
//   node dist-node/concerto.mjs list
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist-node',
    target: 'node20',
    emptyOutDir: true,
    rolldownOptions: {
      input: { concerto: 'cli/bin.ts', 'worker-entry': 'cli/worker-entry.ts' },
      // esbuild is only the optional bundler of cli/bundle.mjs; never bundle it.
      external: ['esbuild', /^node:/],
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
  ssr: { noExternal: true },
  publicDir: false,
});
