import type { Model } from './engine/model.ts';
import { governanceModel } from './model/governance.ts';
import { march1991Model } from './reference/march1991.ts';

/** Every model the engine can run, by id. A scenario or experiment names one with "model". */
export const MODELS: Record<string, Model<unknown, unknown>> = {
  governance: governanceModel as unknown as Model<unknown, unknown>,
  march1991: march1991Model as unknown as Model<unknown, unknown>,
};

export function getModel(id: string): Model<unknown, unknown> | undefined {
  return Object.prototype.hasOwnProperty.call(MODELS, id) ? MODELS[id] : undefined;
}
