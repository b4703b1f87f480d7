// Bundled scenarios, by name. JSON modules are imported (not read from disk) so the
// browser app and the CLI see exactly the same files.
import vn34 from '../scenarios/vn34-2025.json' with { type: 'json' };
import stylized12 from '../scenarios/stylized-12.json' with { type: 'json' };
import controlledAutonomy from '../scenarios/controlled-autonomy.json' with { type: 'json' };
import centralised from '../scenarios/centralised.json' with { type: 'json' };
import devolved from '../scenarios/devolved.json' with { type: 'json' };
import feedbackRich from '../scenarios/feedback-rich.json' with { type: 'json' };
import delayedFeedback from '../scenarios/delayed-feedback.json' with { type: 'json' };
import march1991 from '../scenarios/march1991.json' with { type: 'json' };

export const BUNDLED_SCENARIOS: Record<string, unknown> = {
  'vn34-2025': vn34,
  'stylized-12': stylized12,
  'controlled-autonomy': controlledAutonomy,
  centralised,
  devolved,
  'feedback-rich': feedbackRich,
  'delayed-feedback': delayedFeedback,
  march1991,
};

export function bundledScenario(name: string): unknown {
  return Object.prototype.hasOwnProperty.call(BUNDLED_SCENARIOS, name) ? BUNDLED_SCENARIOS[name] : undefined;
}
