/**
 * The per-viewer cache's bookkeeping: freshness by stamp and age, and
 * eviction of the least recently used by count and by weight.
 */
import { describe, expect, it } from 'vitest';
import { ViewerCache } from '../../src/recommend/viewerCache.js';

const cache = (maxWeight: number) => new ViewerCache<string>({
  ttlMs: 1_000,
  maxEntries: 100,
  maxWeight,
  weigh: (value) => value.length,
});

describe('ViewerCache', () => {
  it('serves a value only under the same stamp and while young', () => {
    const c = cache(100);
    c.set('v', 'feed', 's1', 0);
    expect(c.get('v', 's1', 999)).toBe('feed');
    expect(c.get('v', 's2', 10)).toBeUndefined();
    expect(c.get('v', 's1', 1_000)).toBeUndefined();
    expect([c.hits, c.misses]).toEqual([1, 2]);
  });

  it('evicts the least recently used once the weights pass the limit', () => {
    const c = cache(10);
    c.set('a', 'aaaa', 's', 0);
    c.set('b', 'bbbb', 's', 0);
    expect(c.get('a', 's', 1)).toBe('aaaa'); // b is now the least recent
    c.set('c', 'cccc', 's', 2);
    expect(c.peek('b')).toBeUndefined();
    expect([c.peek('a'), c.peek('c'), c.size, c.weight]).toEqual(['aaaa', 'cccc', 2, 8]);
  });

  it('keeps nothing heavier than the limit, and drops the value it replaces', () => {
    const c = cache(10);
    c.set('a', 'aaaa', 's', 0);
    c.set('a', 'a'.repeat(11), 's2', 1);
    expect([c.peek('a'), c.size, c.weight]).toEqual([undefined, 0, 0]);
    c.set('a', 'aa', 's3', 2);
    c.set('a', 'aaa', 's4', 3);
    expect([c.size, c.weight]).toEqual([1, 3]);
  });

  it('holds at most maxEntries viewers', () => {
    const c = new ViewerCache<string>({ ttlMs: 1_000, maxEntries: 2 });
    for (const viewer of ['a', 'b', 'c']) c.set(viewer, viewer, 's', 0);
    expect([c.peek('a'), c.peek('b'), c.peek('c')]).toEqual([undefined, 'b', 'c']);
  });
});
