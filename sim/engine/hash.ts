/**
 * MurmurHash3, x86 32-bit variant (Appleby), over the UTF-8 bytes of a string.
 * It derives every stream's seed (docs/formats.md, "Seed scheme") and content hashes,
 * so its output is a contract: test vectors in test/node/hash.test.ts.
 */
export function murmur3_32(text: string, seed = 0): number {
  const bytes = utf8(text);
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const nblocks = bytes.length >>> 2;
  for (let b = 0; b < nblocks; b++) {
    const i = b << 2;
    let k = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = nblocks << 2;
  let k1 = 0;
  const rem = bytes.length & 3;
  if (rem >= 3) k1 ^= bytes[tail + 2]! << 16;
  if (rem >= 2) k1 ^= bytes[tail + 1]! << 8;
  if (rem >= 1) {
    k1 ^= bytes[tail]!;
    k1 = Math.imul(k1, c1);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, c2);
    h ^= k1;
  }
  return murmurFinish(h, bytes.length);
}

/**
 * MurmurHash3's finalisation: mix in the input's length in bytes, then fmix32, which makes every bit of
 * the state reach every bit of the hash. Shared by `murmur3` here and the streamed row checksum (rows.ts).
 */
export function murmurFinish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** UTF-8 encoding by hand: sim/ has no TextEncoder (it is not in the ES library). */
export function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Hex form of murmur3_32, eight digits: used for content hashes of canonical JSON. */
export function hashHex(text: string): string {
  return murmur3_32(text).toString(16).padStart(8, '0');
}
