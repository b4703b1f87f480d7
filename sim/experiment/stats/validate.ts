// Argument checks shared by the statistics functions: each error names the function, what it
// requires, and what it got. Internal; not re-exported from index.ts.

export function checkLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${fn} requires a confidence level in (0, 1), got ${level}`);
}

export function checkFinite(fn: string, values: ArrayLike<number>, what = 'values'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`${fn} requires finite ${what}, got ${v} at index ${i}`);
  }
}

export function checkPositiveInteger(fn: string, name: string, value: number, min = 1): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`${fn} requires ${name} to be an integer ≥ ${min}, got ${value}`);
  }
}

export function checkSameLength(fn: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>, names = 'x and y'): void {
  if (a.length !== b.length) {
    throw new RangeError(`${fn} requires ${names} of equal length, got ${a.length} and ${b.length}`);
  }
}

export function checkRand(fn: string, rand: unknown): asserts rand is () => number {
  if (typeof rand !== 'function')
    throw new TypeError(`${fn} requires rand: () => number (a seeded stream's next), got ${typeof rand}`);
}
