import { describe, expect, it } from 'vitest';
import { buildInteractionMatrix } from '../../src/models/interactionMatrix.js';
import { PureSvdRecommender } from '../../src/models/pureSvd.js';
import { describeRecommenderContract } from './contract.js';
import { twoBlocks } from './fixtures.js';

describeRecommenderContract(() => new PureSvdRecommender({ factors: 2 }), {
  seeded: false,
  foldInTop: 3,
});

describe('PureSvdRecommender', () => {
  it('projects a user onto the top singular vectors: r·Q·Qᵀ', async () => {
    // R = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]: rank 1 keeps v = (1, 1, 0)/√2,
    // so user 0 scores (1, 1, 0) and an item-2-only user scores 0 everywhere.
    const data = buildInteractionMatrix({
      userIds: ['a', 'b', 'c'],
      itemIds: ['x', 'y', 'z'],
      users: [0, 0, 1, 1, 2],
      items: [0, 1, 0, 1, 2],
      weights: [1, 1, 1, 1, 1],
      at: [0, 0, 0, 0, 0],
    });
    const model = new PureSvdRecommender({ factors: 1, binary: true });
    const report = await model.fit(data, { seed: 3 });
    const scores = Array.from(model.scoreUser(0));
    expect(scores[0]).toBeCloseTo(1, 8);
    expect(scores[1]).toBeCloseTo(1, 8);
    expect(scores[2]).toBeCloseTo(0, 8);
    expect(Array.from(model.scoreUser(2)).every((s) => Math.abs(s) < 1e-8))
      .toBe(true);
    // ‖R‖² = 5, σ₁² = 4: one cell's worth of residual over 9 cells.
    expect(report.epochs[0]!.loss).toBeCloseTo(1 / 9, 8);
  });

  it('refuses more factors than users or items', async () => {
    await expect(
      new PureSvdRecommender({ factors: 17 }).fit(twoBlocks()),
    ).rejects.toThrow(/^TOO_MANY_FACTORS:/);
  });
});
