import { describe, expect, it } from 'vitest';
import {
  MultVaeRecommender,
  softmaxGradient,
} from '../../src/models/multVae.js';
import { NOT_SCORED } from '../../src/models/recommender.js';
import { describeRecommenderContract } from './contract.js';
import { twoBlocks } from './fixtures.js';

const small = {
  hiddenUnits: 8,
  latentDimensions: 2,
  epochs: 40,
  batchSize: 8,
  learningRate: 0.02,
  annealUpdates: 40,
};

describeRecommenderContract(() => new MultVaeRecommender(small), {
  seeded: true,
  foldInTop: 3,
});
describeRecommenderContract(
  () => new MultVaeRecommender({ ...small, variant: 'dae' }),
  { seeded: true, foldInTop: 3 },
);

describe('MultVaeRecommender', () => {
  const data = twoBlocks();

  it('lowers its loss from the first epoch to the last', async () => {
    const report = await new MultVaeRecommender(small).fit(data, { seed: 2 });
    const losses = report.epochs.map((e) => e.loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 1);
  });

  it('scores only the most popular items when topItems is smaller', async () => {
    const model = new MultVaeRecommender({ ...small, topItems: 12 });
    await model.fit(data, { seed: 2 });
    const scores = [...model.scoreUser(0)];
    expect(scores.filter((s) => s !== NOT_SCORED)).toHaveLength(12);
  });

  it('refuses a latent code wider than the users or items', async () => {
    const model = new MultVaeRecommender({ ...small, latentDimensions: 17 });
    await expect(model.fit(data)).rejects.toThrow(/^TOO_MANY_FACTORS:/);
  });

  it('fails loudly when training diverges', async () => {
    const model = new MultVaeRecommender({ ...small, learningRate: 1e300 });
    await expect(model.fit(data, { seed: 2 })).rejects.toThrow(/^DIVERGED:/);
  });

  it('refuses a dropout outside [0, 1)', () => {
    expect(() => new MultVaeRecommender({ dropout: 1 })).toThrow(
      /^BAD_OPTION:/,
    );
  });
});

describe('softmaxGradient', () => {
  it('gives the multinomial log-likelihood and its gradient', () => {
    // softmax([0, ln 3]) = [1/4, 3/4]; target item 1.
    const { loss, gradient } = softmaxGradient(
      Float64Array.from([0, Math.log(3)]),
      [1],
    );
    expect(loss).toBeCloseTo(-Math.log(0.75), 12);
    expect(gradient[0]).toBeCloseTo(0.25, 12);
    expect(gradient[1]).toBeCloseTo(-0.25, 12);
  });
});
