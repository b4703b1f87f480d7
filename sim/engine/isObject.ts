/** A plain JSON object (not null, not an array): what every validator checks before reading fields. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
