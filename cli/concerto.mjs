#!/usr/bin/env node
// The `concerto` command. Runs the TypeScript entry cli/main.ts with no build step: bundled once
// into node_modules/.cache/concerto/ (rebuilt when a source changes), or through tsx if esbuild
// is missing.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';

const file = await bundle(fileURLToPath(new URL('./main.ts', import.meta.url))).catch(() => null);
const { main } = file
  ? await import(pathToFileURL(file).href)
  : await (await import('tsx/esm/api')).tsImport('./main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
