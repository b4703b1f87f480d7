// Report prose kept as Markdown under scripts/templates/ instead of string constants, so that it can
// be read and edited as the document it becomes. A template marks a computed value `{{name}}`;
// fillTemplate refuses a placeholder without a value and a value without a placeholder, so a typo on
// either side is an error rather than a silent gap in a generated document.
import { readFileSync } from 'node:fs';

const TEMPLATES = new URL('templates/', import.meta.url);
const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/** `template` with every `{{name}}` replaced by String(values[name]). */
export function fillTemplate(template: string, values: Record<string, string | number>, where = 'template'): string {
  const used = new Set<string>();
  const missing = new Set<string>();
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.hasOwn(values, name)) {
      missing.add(name);
      return '';
    }
    used.add(name);
    return String(values[name]);
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  const problems = [
    ...[...missing].map((name) => `{{${name}}}: has no value`),
    ...unused.map((name) => `${name}: is not a placeholder of the template (got ${JSON.stringify(values[name])})`),
  ];
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return out;
}

/** scripts/templates/<path>, trimmed, with its placeholders filled. */
export function readTemplate(path: string, values: Record<string, string | number> = {}): string {
  return fillTemplate(readFileSync(new URL(path, TEMPLATES), 'utf8').trim(), values, `scripts/templates/${path}`);
}
