// The bundled models and scenarios as a parse context: the one place the registry meets the engine,
// which itself takes a model and never looks one up.
import { getModel } from './models.ts';
import { bundledScenario } from './scenarios.ts';
import type { Scenario } from './engine/model.ts';
import { parseScenario, type ParseContext } from './engine/scenario.ts';

/** The parse context of the bundled models and scenarios. */
export const bundledContext: ParseContext = { model: getModel, bundled: bundledScenario };

/** Validate and resolve a raw scenario against the bundled models and scenarios. */
export function loadScenario(raw: unknown): Scenario {
  return parseScenario(raw, bundledContext);
}

/** A bundled scenario by name, validated and resolved. */
export function loadBundled(name: string): Scenario {
  const raw = bundledScenario(name);
  if (raw === undefined) throw new Error(`no bundled scenario named ${JSON.stringify(name)}`);
  return parseScenario(raw, bundledContext);
}
