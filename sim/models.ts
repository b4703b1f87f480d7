import type { AnyModel } from './engine/model.ts';
import { governanceModel } from './model/governance.ts';
import { march1991Model } from './reference/march1991.ts';

/** Every model the engine can run, by id. A scenario or experiment names one with "model". */
export const MODELS: Record<string, AnyModel> = {
  governance: governanceModel,
  march1991: march1991Model,
};

export function getModel(id: string): AnyModel | undefined {
  return Object.prototype.hasOwnProperty.call(MODELS, id) ? MODELS[id] : undefined;
}
