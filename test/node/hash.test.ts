import { describe, expect, it } from 'vitest';
import { murmur3_32, utf8 } from '../../sim/engine/hash.ts';
import { canonicalJson } from '../../sim/engine/canonical.ts';

describe('murmur3_32', () => {
  // Reference vectors of MurmurHash3 x86_32 (Appleby's smhasher; widely published).
  it('murmur3_32 matches published vectors', () => {
    expect(murmur3_32('')).toBe(0);
    expect(murmur3_32('', 1)).toBe(0x514e28b7);
    expect(murmur3_32('', 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3_32('hello')).toBe(0x248bfa47);
    expect(murmur3_32('hello, world')).toBe(0x149bbb7f);
    expect(murmur3_32('The quick brown fox jumps over the lazy dog')).toBe(0x2e4ff723);
    expect(murmur3_32('a')).toBe(0x3c2569b2);
    expect(murmur3_32('abc')).toBe(0xb3dd93fa);
    expect(murmur3_32('abcd')).toBe(0x43ed676a);
  });
  it('utf8 encodes Vietnamese text as UTF-8', () => {
    expect(utf8('Đà')).toEqual([0xc4, 0x90, 0xc3, 0xa0]);
    expect(utf8('a€𝄞')).toEqual([0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e]);
  });
  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});
