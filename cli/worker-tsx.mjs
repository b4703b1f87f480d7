// Fallback worker bootstrap when esbuild is unavailable: Node 20 cannot start a .ts entry in a
// worker directly, tsx's tsImport can (TOOLCHAIN.md §3). Slower to start than the bundle.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
await tsImport(workerData.entry, import.meta.url);
