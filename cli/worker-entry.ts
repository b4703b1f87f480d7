// The worker_threads entry: exposes the experiment runner of sim/ unchanged (a doorway, no logic).
// cli/pool-node.ts bundles this file with its imports into one .mjs under node_modules/.cache/concerto/.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createRunnerApi } from '../sim/experiment/runner.ts';
import { getModel } from '../sim/models.ts';

Comlink.expose(createRunnerApi(getModel), nodeEndpoint(parentPort!));
