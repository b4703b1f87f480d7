// The experiment runner's doorway in the browser: exposes sim/'s runner unchanged (no logic here).
import * as Comlink from 'comlink';
import { createRunnerApi } from '../../sim/experiment/runner.ts';
import { getModel } from '../../sim/models.ts';

Comlink.expose(createRunnerApi(getModel), self);
