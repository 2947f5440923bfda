import { describe, expect, it } from 'vitest';
import {
  accuracyAtK,
  binaryCosine,
  listMetrics,
  meanAccuracy,
} from '../../src/eval/metrics.js';

/** ranked a b c d; relevant b d e: hits at ranks 2 and 4. */
const example = { ranked: ['a', 'b', 'c', 'd'], relevant: new Set(['b', 'd', 'e']) };

describe('accuracyAtK', () => {
  it('matches hand-computed values at k = 4', () => {
    const m = accuracyAtK(example, 4);
    expect(m.recall).toBeCloseTo(2 / 3, 10);
    // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/log2(4)
    expect(m.ndcg).toBeCloseTo((0.6309297536 + 0.4306765581) / 2.1309297536, 8);
    // AP = (1/3)(1/2 + 2/4)
    expect(m.map).toBeCloseTo(1 / 3, 10);
    expect(m.hitRate).toBe(1);
  });

  it('matches hand-computed values at k = 2', () => {
    const m = accuracyAtK(example, 2);
    expect(m.recall).toBeCloseTo(1 / 3, 10);
    expect(m.ndcg).toBeCloseTo(0.6309297536 / 1.6309297536, 8);
    expect(m.map).toBeCloseTo(0.25, 10);
  });

  it('gives 1 everywhere for a perfect list', () => {
    const m = accuracyAtK({ ranked: ['x', 'y'], relevant: new Set(['x', 'y']) }, 10);
    expect(m).toEqual({ recall: 1, ndcg: 1, map: 1, hitRate: 1 });
  });

  it('gives 0 everywhere when nothing relevant is shown', () => {
    const m = accuracyAtK({ ranked: ['q'], relevant: new Set(['x']) }, 10);
    expect(m).toEqual({ recall: 0, ndcg: 0, map: 0, hitRate: 0 });
  });

  it('refuses a user with no relevant items', () => {
    expect(() => accuracyAtK({ ranked: ['a'], relevant: new Set() }, 5)).toThrow(RangeError);
  });
});

describe('meanAccuracy', () => {
  it('averages over users and skips users without test items', () => {
    const perfect = { ranked: ['x'], relevant: new Set(['x']) };
    const miss = { ranked: ['q'], relevant: new Set(['x']) };
    const none = { ranked: ['q'], relevant: new Set<string>() };
    const m = meanAccuracy([perfect, miss, none], 10);
    expect(m).toEqual({ recall: 0.5, ndcg: 0.5, map: 0.5, hitRate: 0.5, users: 2 });
  });
});

describe('listMetrics', () => {
  const stats = {
    catalogue: ['a', 'b', 'c', 'd'],
    usersByItem: new Map([
      ['a', new Set(['u1', 'u2', 'u3'])],
      ['b', new Set(['u1'])],
      ['c', new Set(['u2'])],
    ]),
    userCount: 4,
  };

  it('matches hand-computed coverage, novelty, diversity and popular share', () => {
    const m = listMetrics([['a', 'b'], ['a', 'c']], stats);
    expect(m.coverage).toBeCloseTo(3 / 4, 10);
    // a: −log2(3/4) twice; b and c: −log2(1/4) = 2
    expect(m.novelty).toBeCloseTo((2 * -Math.log2(0.75) + 4) / 4, 10);
    // each pair shares one of 3 and 1 users: 1 − 1/√3
    expect(m.diversity).toBeCloseTo(1 - 1 / Math.sqrt(3), 10);
    // the top 1% of 4 items is one item, a: 2 of 4 shown
    expect(m.popularShare).toBeCloseTo(0.5, 10);
  });

  it('computes binary cosine of user sets', () => {
    expect(binaryCosine(new Set(['u1', 'u2']), new Set(['u2', 'u3']))).toBeCloseTo(0.5, 10);
    expect(binaryCosine(new Set(), new Set(['u1']))).toBe(0);
  });
});
