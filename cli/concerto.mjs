#!/usr/bin/env node
// The `concerto` command. Runs the TypeScript entry cli/main.ts with no build step: bundled by
// esbuild into node_modules/.cache/concerto/ on first use, and again whenever a source changes.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';

const file = await bundle(fileURLToPath(new URL('./main.ts', import.meta.url)));
const { main } = await import(pathToFileURL(file).href);
process.exitCode = await main(process.argv.slice(2));
