import { describe, expect, it } from 'vitest';
import {
  buildInteractionMatrix,
  interactionMatrixFromRows,
} from '../../src/models/interactionMatrix.js';
import { rankItems, NOT_SCORED } from '../../src/models/recommender.js';

describe('interactionMatrixFromRows', () => {
  const data = interactionMatrixFromRows([
    { userId: 'u1', itemId: 'p2', weight: 0.5, at: 30 },
    { userId: 'u1', itemId: 'p1', weight: 1, at: 10 },
    { userId: 'u2', itemId: 'p2', weight: 0.25, at: 5 },
    { userId: 'u1', itemId: 'p2', weight: 0.25, at: 20 },
  ]);

  it('numbers ids as first seen and maps them both ways', () => {
    expect(data.userIds).toEqual(['u1', 'u2']);
    expect(data.itemIds).toEqual(['p2', 'p1']);
    expect(data.itemIndex.get('p1')).toBe(1);
  });

  it('orders each user row by time and merges repeated pairs', () => {
    expect(Array.from(data.userStarts)).toEqual([0, 2, 3]);
    expect(Array.from(data.userItems)).toEqual([1, 0, 0]);
    expect(Array.from(data.userWeights)).toEqual([1, 0.75, 0.25]);
    expect(Array.from(data.userTimes)).toEqual([10, 20, 5]);
  });

  it('stores the same entries by item', () => {
    expect(Array.from(data.itemStarts)).toEqual([0, 2, 3]);
    expect(Array.from(data.itemUsers)).toEqual([0, 1, 0]);
    expect(Array.from(data.itemWeights)).toEqual([0.75, 0.25, 1]);
  });
});

describe('buildInteractionMatrix', () => {
  const base = {
    userIds: ['a'],
    itemIds: ['x'],
    users: [0],
    items: [0],
    weights: [1],
    at: [0],
  };

  it('refuses NaN and infinite weights and times', () => {
    expect(() =>
      buildInteractionMatrix({ ...base, weights: [Number.NaN] }),
    ).toThrow(/^NON_FINITE_INPUT:/);
    expect(() =>
      buildInteractionMatrix({ ...base, at: [Number.POSITIVE_INFINITY] }),
    ).toThrow(/^NON_FINITE_INPUT:/);
  });

  it('refuses no engagements, bad indices and weights <= 0', () => {
    const none = { ...base, users: [], items: [], weights: [], at: [] };
    expect(() => buildInteractionMatrix(none)).toThrow(/^EMPTY_DATA:/);
    expect(() => buildInteractionMatrix({ ...base, items: [1] })).toThrow(
      /^UNKNOWN_INDEX:/,
    );
    expect(() => buildInteractionMatrix({ ...base, weights: [0] })).toThrow(
      /^BAD_OPTION:/,
    );
  });
});

describe('rankItems', () => {
  it('returns the k best items, skipping excluded and unscored ones', () => {
    const scores = [0.1, 0.9, NOT_SCORED, 0.5, 0.9, 0.3];
    expect(rankItems(scores, 3, new Set([4]))).toEqual([
      { item: 1, score: 0.9 },
      { item: 3, score: 0.5 },
      { item: 5, score: 0.3 },
    ]);
    expect(rankItems(scores, 10).map((s) => s.item)).toEqual([1, 4, 3, 5, 0]);
  });

  it('refuses scores that are not finite', () => {
    expect(() => rankItems([1, Number.NaN], 1)).toThrow(/^DIVERGED:/);
  });
});
