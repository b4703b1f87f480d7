#!/usr/bin/env node
// The `concerto` command: loads the TypeScript entry through tsx, so a fresh clone needs no build step.
import { tsImport } from 'tsx/esm/api';
const { main } = await tsImport('./main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
