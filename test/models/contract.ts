/**
 * The contract every learned model must keep, run by each model's test
 * file with small, fast settings.
 */
import { describe, expect, it } from 'vitest';
import { buildInteractionMatrix } from '../../src/models/interactionMatrix.js';
import type {
  EpochReport,
  Recommender,
} from '../../src/models/recommender.js';
import { heldOutItem, inBlock, twoBlocks } from './fixtures.js';

export interface ContractOptions {
  /** Whether the seed changes the result (false for closed forms). */
  readonly seeded: boolean;
  /**
   * How many of a folded-in user's best unseen items must come from the
   * block they engaged with: 3 (the block's other items) for models of
   * engagement sets, 1 for next-item models, which rightly bet on the one
   * item that comes next.
   */
  readonly foldInTop: number;
}

/** Registers the shared contract tests for the model `create` returns. */
export function describeRecommenderContract(
  create: () => Recommender,
  { seeded, foldInTop }: ContractOptions,
): void {
  const data = twoBlocks();

  describe(`${create().name} (recommender contract)`, () => {
    it('recommends each user the held-out item of their own block first', async () => {
      const model = create();
      await model.fit(data, { seed: 7 });
      for (const user of [0, 5, 17, 30]) {
        const top = model.recommend(user, 3);
        expect(top[0]!.item).toBe(heldOutItem(user));
        expect(top.every((s) => Number.isFinite(s.score))).toBe(true);
      }
    });

    it('never recommends items the user already engaged with', async () => {
      const model = create();
      await model.fit(data, { seed: 7 });
      const top = model.recommend(3, 16);
      expect(top.some((s) => s.item < 8 && s.item !== heldOutItem(3))).toBe(false);
    });

    it('scores a folded-in user like the block they engaged with', async () => {
      const model = create();
      await model.fit(data, { seed: 7 });
      const engagements = [9, 10, 11, 12, 13].map((item, n) => ({
        item,
        weight: 1,
        at: n * 1000,
      }));
      const scores = model.foldInUser(engagements);
      const unseen = [...scores.keys()].filter((i) => i < 9 || i > 13);
      unseen.sort((a, b) => scores[b]! - scores[a]!);
      const top = unseen.slice(0, foldInTop);
      expect(top.every((i) => inBlock(i, 1))).toBe(true);
    });

    it('reports a finite loss for every epoch through onEpoch', async () => {
      const reports: EpochReport[] = [];
      const report = await create().fit(data, {
        seed: 7,
        onEpoch: (r) => reports.push(r),
      });
      expect(reports.length).toBeGreaterThan(0);
      expect(reports).toEqual(report.epochs);
      expect(reports.map((r) => r.epoch)).toEqual(
        reports.map((_, n) => n + 1),
      );
      expect(reports.every((r) => Number.isFinite(r.loss))).toBe(true);
    });

    it('gives the same scores for the same seed', async () => {
      const first = create();
      const second = create();
      await first.fit(data, { seed: 11 });
      await second.fit(data, { seed: 11 });
      expect(Array.from(second.scoreUser(4))).toEqual(
        Array.from(first.scoreUser(4)),
      );
    });

    if (seeded) {
      it('gives different scores for a different seed', async () => {
        const first = create();
        const second = create();
        await first.fit(data, { seed: 11 });
        await second.fit(data, { seed: 12 });
        expect(Array.from(second.scoreUser(4))).not.toEqual(
          Array.from(first.scoreUser(4)),
        );
      });
    }

    it('refuses to score before it is fitted', () => {
      expect(() => create().scoreUser(0)).toThrow(/^NOT_FITTED:/);
    });

    it('refuses a matrix with a user who has no engagements', async () => {
      const empty = buildInteractionMatrix({
        userIds: ['a', 'b', 'lurker'],
        itemIds: ['x', 'y'],
        users: [0, 1],
        items: [0, 1],
        weights: [1, 1],
        at: [0, 0],
      });
      await expect(create().fit(empty)).rejects.toThrow(/^EMPTY_ROW:/);
    });

    it('refuses unknown users and fold-in items', async () => {
      const model = create();
      await model.fit(data, { seed: 7 });
      expect(() => model.scoreUser(99)).toThrow(/^UNKNOWN_INDEX:/);
      expect(() =>
        model.foldInUser([{ item: 99, weight: 1, at: 0 }]),
      ).toThrow(/^UNKNOWN_INDEX:/);
      expect(() =>
        model.foldInUser([{ item: 1, weight: Number.NaN, at: 0 }]),
      ).toThrow(/^NON_FINITE_INPUT:/);
    });
  });
}
