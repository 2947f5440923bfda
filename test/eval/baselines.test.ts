import { describe, expect, it } from 'vitest';
import {
  indexTraining,
  itemKnnBaseline,
  popularBaseline,
  randomBaseline,
} from '../../src/eval/baselines.js';

/** u1 and u2 share a and b; u2 also has c; x is liked by three others. */
const interactions = [
  ['u1', 'a'], ['u1', 'b'],
  ['u2', 'a'], ['u2', 'b'], ['u2', 'c'],
  ['u3', 'x'], ['u4', 'x'], ['u5', 'x'],
].map(([userId, itemId]) => ({ userId: userId!, itemId: itemId! }));
const index = indexTraining(interactions);

describe('popularBaseline', () => {
  it('ranks by training users and skips what the user already has', () => {
    expect(popularBaseline(index)('u1', 3)).toEqual(['x', 'c']);
  });
});

describe('itemKnnBaseline', () => {
  it('recommends the item that co-occurs with the user\'s items', () => {
    // c co-occurs with a and b through u2; x never co-occurs
    expect(itemKnnBaseline(index)('u1', 5)).toEqual(['c']);
  });
});

describe('randomBaseline', () => {
  it('repeats for a seed, never repeats an item and skips seen ones', () => {
    const first = randomBaseline(index, 3)('u1', 2);
    expect(randomBaseline(index, 3)('u1', 2)).toEqual(first);
    expect(new Set(first).size).toBe(2);
    expect(first.some((item) => item === 'a' || item === 'b')).toBe(false);
  });
});
