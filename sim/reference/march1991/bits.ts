/**
 * 32-bit masks for March's belief rows: dimension d is bit d mod 32 of word ⌊d/32⌋, so a row of m
 * dimensions is ⌈m/32⌉ words and scanning it in word order, lowest bit first, visits the dimensions
 * in ascending order — the order in which the kernel draws.
 */

/** Number of set bits of a 32-bit word (SWAR: pairs, nibbles, bytes, then one multiply sums the bytes). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index (0–31) of a word's only set bit. */
export function bitIndex(bit: number): number {
  return 31 - Math.clz32(bit);
}

/** Words in a row of m dimensions. */
export function wordsFor(m: number): number {
  return (m + 31) >>> 5;
}

/** The dimensions word w of a row of m covers, as a mask (all 32 bits but in the last, partial word). */
export function wordMask(m: number, w: number): number {
  const rest = m - 32 * w;
  return rest >= 32 ? -1 : (1 << rest) - 1;
}

/**
 * Masks of a ternary vector: bit set in `pos` where v[d] = +1 and in `neg` where v[d] = −1, for
 * v[from … from + m), written to pos/neg at word offset `at`.
 */
export function packSigns(
  v: ArrayLike<number>,
  from: number,
  m: number,
  pos: Int32Array,
  neg: Int32Array,
  at: number,
): void {
  const words = wordsFor(m);
  for (let w = 0; w < words; w++) {
    let p = 0;
    let q = 0;
    const end = Math.min(m, 32 * w + 32);
    for (let d = 32 * w; d < end; d++) {
      const x = v[from + d]!;
      if (x > 0) p |= 1 << (d & 31);
      else if (x < 0) q |= 1 << (d & 31);
    }
    pos[at + w] = p;
    neg[at + w] = q;
  }
}
