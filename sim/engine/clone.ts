/**
 * Deep copy of plain model state: typed arrays, arrays, Maps and plain objects. sim/ cannot use
 * structuredClone (it is not part of the ES library), and snapshots must share nothing with
 * the live world so that a restored branch never disturbs the original.
 */
export function deepClone<T>(value: T): T {
  return clone(value) as T;
}

function clone(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return (v as unknown as { slice(): unknown }).slice();
  if (Array.isArray(v)) return v.map(clone);
  if (v instanceof Map) {
    const m = new Map();
    for (const [k, x] of v) m.set(k, clone(x));
    return m;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'function') throw new Error(`cannot snapshot a function at ${k}`);
    out[k] = clone(x);
  }
  // Spread into a fresh literal: V8 gives it fast properties (a loop-built object with many keys
  // ends in dictionary mode, and the model reads its state in hot loops).
  return { ...out };
}
