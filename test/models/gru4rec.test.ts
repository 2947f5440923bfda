import { describe, expect, it } from 'vitest';
import { Gru4RecRecommender } from '../../src/models/gru4rec.js';
import { buildInteractionMatrix } from '../../src/models/interactionMatrix.js';
import { describeRecommenderContract } from './contract.js';
import { twoBlocks } from './fixtures.js';

const small = {
  hiddenUnits: 8,
  embeddingDimensions: 8,
  batchSize: 8,
  epochs: 30,
  learningRate: 0.02,
};

describeRecommenderContract(() => new Gru4RecRecommender(small), {
  seeded: true,
  foldInTop: 1,
});

describe('Gru4RecRecommender', () => {
  it('lowers its loss from the first epoch to the last', async () => {
    const report = await new Gru4RecRecommender(small).fit(twoBlocks(), {
      seed: 5,
    });
    const losses = report.epochs.map((e) => e.loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
  });

  it('predicts the item that always follows the last one', async () => {
    // 24 users walk a cycle of 6 items in time order (each starting
    // somewhere else): after item i comes item i + 1 (mod 6).
    const users: number[] = [];
    const items: number[] = [];
    for (let user = 0; user < 24; user++) {
      for (let step = 0; step < 8; step++) {
        users.push(user);
        items.push((user + step) % 6);
      }
    }
    const data = buildInteractionMatrix({
      userIds: Array.from({ length: 24 }, (_, u) => `u${u}`),
      itemIds: Array.from({ length: 6 }, (_, i) => `i${i}`),
      users,
      items,
      weights: users.map(() => 1),
      at: users.map((_, e) => e),
    });
    const model = new Gru4RecRecommender({ ...small, hiddenUnits: 6 });
    await model.fit(data, { seed: 5 });
    for (const last of [0, 3, 5]) {
      const scores = model.foldInUser([
        { item: (last + 4) % 6, weight: 1, at: 1 },
        { item: last, weight: 1, at: 2 },
      ]);
      const best = scores.indexOf(Math.max(...scores));
      expect(best).toBe((last + 1) % 6);
    }
  });

  it('refuses a hidden state wider than the users or items', async () => {
    const model = new Gru4RecRecommender({ ...small, hiddenUnits: 17 });
    await expect(model.fit(twoBlocks())).rejects.toThrow(/^TOO_MANY_FACTORS:/);
  });

  it('fails loudly when training diverges', async () => {
    const model = new Gru4RecRecommender({ ...small, learningRate: 1e300 });
    await expect(model.fit(twoBlocks(), { seed: 5 })).rejects.toThrow(
      /^DIVERGED:/,
    );
  });
});
