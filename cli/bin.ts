// Entry of the prebuilt CLI (vite.config.node.ts → dist-node/concerto.mjs): runs the command line.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
