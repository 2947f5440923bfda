import { describe, expect, it } from 'vitest';
import { fnv1a32, hashSplitPart, temporalSplit } from '../../src/eval/split.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    // computed independently in Python over 'é'.encode('utf-8')
    expect(fnv1a32('\u00e9')).toBe(513665217);
  });
});

describe('hashSplitPart', () => {
  it('puts a pair in test exactly when its hash mod 5 is 0', () => {
    // 2:55 hashes to 2384807255 (mod 5 = 0); 2:51 to 2317696779 (mod 5 = 4)
    expect(hashSplitPart('2', '55')).toBe('test');
    expect(hashSplitPart('2', '51')).not.toBe('test');
  });

  it('holds out about a fifth for test and a fifth of the rest for validation', () => {
    const counts = { train: 0, validation: 0, test: 0 };
    for (let user = 0; user < 200; user++) {
      for (let item = 0; item < 50; item++) counts[hashSplitPart(`${user}`, `${item}`)] += 1;
    }
    expect(counts.test / 10_000).toBeGreaterThan(0.18);
    expect(counts.test / 10_000).toBeLessThan(0.22);
    expect(counts.validation / (10_000 - counts.test)).toBeGreaterThan(0.18);
    expect(counts.validation / (10_000 - counts.test)).toBeLessThan(0.22);
  });
});

describe('temporalSplit', () => {
  it('tests on each user\'s latest engagements and trains on the past', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ userId: 'u', itemId: `i${i}`, at: i }));
    const few = [1, 2, 3].map((at) => ({ userId: 'v', itemId: `j${at}`, at }));
    const parts = temporalSplit([...rows.reverse(), ...few]);
    expect(parts.test.map((r) => r.at)).toEqual([8, 9]);
    expect(parts.validation.map((r) => r.at)).toEqual([7]);
    expect(parts.train.filter((r) => r.userId === 'u').map((r) => r.at)).toEqual(
      [0, 1, 2, 3, 4, 5, 6],
    );
    expect(parts.train.filter((r) => r.userId === 'v')).toHaveLength(3);
  });
});
