import { describe, expect, it } from 'vitest';
import { AlsRecommender } from '../../src/models/als.js';
import { describeRecommenderContract } from './contract.js';
import { inBlock, twoBlocks } from './fixtures.js';

// The fixture has rank 2 (two blocks), so 2 factors describe it exactly.
const small = { factors: 2, iterations: 8, alpha: 10, regularization: 0.1 };

describeRecommenderContract(() => new AlsRecommender(small), {
  seeded: true,
  foldInTop: 3,
});

describe('AlsRecommender', () => {
  const data = twoBlocks();

  it('lowers its loss from the first iteration to the last', async () => {
    const report = await new AlsRecommender(small).fit(data, { seed: 3 });
    const losses = report.epochs.map((e) => e.loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  });

  it('agrees with exact Cholesky solves when CG runs enough steps', async () => {
    const cg = new AlsRecommender({ ...small, cgSteps: 2 });
    const exact = new AlsRecommender({ ...small, solver: 'cholesky' });
    await cg.fit(data, { seed: 3 });
    await exact.fit(data, { seed: 3 });
    const a = cg.scoreUser(2);
    const b = exact.scoreUser(2);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 3);
  });

  it('folds in a new item next to the items its users engage with', async () => {
    const model = new AlsRecommender(small);
    await model.fit(data, { seed: 3 });
    const vector = model.foldInItem(
      [0, 1, 2, 3, 4].map((user) => ({ user, weight: 1 })),
    );
    const { items, factors } = model.factors;
    const similarity = (item: number) =>
      vector.reduce((sum, v, a) => sum + v * items[item * factors + a]!, 0);
    const ranked = Array.from({ length: 16 }, (_, i) => i).sort(
      (a, b) => similarity(b) - similarity(a),
    );
    expect(ranked.slice(0, 8).every((i) => inBlock(i, 0))).toBe(true);
  });

  it('refuses more factors than users or items', async () => {
    await expect(
      new AlsRecommender({ factors: 17 }).fit(data),
    ).rejects.toThrow(/^TOO_MANY_FACTORS:/);
  });

  it('refuses options that are not numbers in range', () => {
    expect(() => new AlsRecommender({ factors: 0 })).toThrow(/^BAD_OPTION:/);
    expect(() => new AlsRecommender({ alpha: Number.NaN })).toThrow(
      /^BAD_OPTION:/,
    );
  });

  it('fails loudly when the factors blow up', async () => {
    const model = new AlsRecommender({
      ...small,
      initScale: 1e308,
      regularization: 0,
    });
    await expect(model.fit(data, { seed: 3 })).rejects.toThrow(/^DIVERGED:/);
  });
});
