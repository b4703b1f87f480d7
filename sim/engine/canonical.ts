import { hashHex as murmurHex } from './hash.ts';

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers as JSON writes them.
 * Content hashes and result checksums are taken over this form, so two equal
 * values always hash alike whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // defineProperty, not assignment: an own "__proto__" key (JSON.parse makes one) would otherwise
      // set the copy's prototype and vanish from the hash, so two different files would hash alike.
      if (v !== undefined)
        Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * Result checksum that holds across JavaScript engines: numbers are rounded to 12 significant
 * digits before hashing. Within one runtime results are bit-identical; across runtimes (Node's V8,
 * Chromium's V8) Math.exp/log/pow may differ in the last bit, so values agree to ~1e-15 relative,
 * well inside the documented 1e-9. A run that diverged (a decision flipped) still changes it.
 */
export function resultChecksum(value: unknown): string {
  return murmurHex(JSON.stringify(round12(value)));
}

function round12(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
  if (Array.isArray(value)) return value.map(round12);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = round12((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}
