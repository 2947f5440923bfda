import { describe, expect, it } from 'vitest';
import { EaseRecommender } from '../../src/models/ease.js';
import { buildInteractionMatrix } from '../../src/models/interactionMatrix.js';
import { NOT_SCORED } from '../../src/models/recommender.js';
import { describeRecommenderContract } from './contract.js';
import { twoBlocks } from './fixtures.js';

describeRecommenderContract(
  () => new EaseRecommender({ regularization: 1 }),
  { seeded: false, foldInTop: 3 },
);

describe('EaseRecommender', () => {
  // u0 engaged with both items, u1 with item 0, u2 with item 1, so
  // G + λI = [[3, 1], [1, 3]] for λ = 1, P = [[3, −1], [−1, 3]] / 8 and
  // B[0][1] = B[1][0] = −P01 / P11 = 1/3.
  const tiny = buildInteractionMatrix({
    userIds: ['u0', 'u1', 'u2'],
    itemIds: ['i0', 'i1'],
    users: [0, 0, 1, 2],
    items: [0, 1, 0, 1],
    weights: [1, 1, 0.5, 0.5],
    at: [0, 0, 0, 0],
  });

  it('computes the closed-form weights with a zero diagonal', async () => {
    const model = new EaseRecommender({ regularization: 1 });
    await model.fit(tiny);
    expect(model.weight(0, 1)).toBeCloseTo(1 / 3, 12);
    expect(model.weight(1, 0)).toBeCloseTo(1 / 3, 12);
    expect(model.weight(0, 0)).toBe(0);
    expect(Array.from(model.scoreUser(1))).toEqual([0, model.weight(0, 1)]);
  });

  it('uses engagement weights when not binary', async () => {
    // G + λI = [[1 + 0.25 + 1, 1], [1, 1 + 0.25 + 1]]: B01 = 1 / 2.25.
    const model = new EaseRecommender({ regularization: 1, binary: false });
    await model.fit(tiny);
    expect(model.weight(0, 1)).toBeCloseTo(1 / 2.25, 12);
    expect(model.scoreUser(1)[1]).toBeCloseTo(0.5 / 2.25, 12);
  });

  it('covers only the most popular items and never recommends the rest', async () => {
    const data = twoBlocks();
    const model = new EaseRecommender({ regularization: 1, topItems: 10 });
    await model.fit(data);
    const scores = model.scoreUser(20);
    const covered = [...scores].filter((s) => s !== NOT_SCORED);
    expect(covered).toHaveLength(10);
    expect(model.recommend(20, 16).length).toBeLessThanOrEqual(10);
    expect(
      model.recommend(20, 16).every((s) => s.score !== NOT_SCORED),
    ).toBe(true);
  });

  it('refuses a topItems that is not a positive integer', () => {
    expect(() => new EaseRecommender({ topItems: 0 })).toThrow(/^BAD_OPTION:/);
  });
});
